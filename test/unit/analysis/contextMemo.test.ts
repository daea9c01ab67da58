// ContextMemo: a least-recently-used memo per analysis context with at most `perSlot` entries per slot
// (a document's place: its superseded versions go). Property-tested against a plain reference model
// (a list in use order) on random sequences of get and set.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { AnalysisContext } from '../../../server/src/analysis/context';
import { ContextMemo } from '../../../server/src/analysis/contextMemo';

const context = () => ({}) as AnalysisContext;

/** The same rules, written the slow obvious way: entries in use order, least recently used first. */
class ReferenceMemo {
  entries: { key: string; value: number; slot?: string }[] = [];
  constructor(private readonly max: number, private readonly perSlot: number) {}
  get(key: string): number | undefined {
    const at = this.entries.findIndex((e) => e.key === key);
    if (at < 0) return undefined;
    const [e] = this.entries.splice(at, 1);
    this.entries.push(e);
    return e.value;
  }
  set(key: string, value: number, slot?: string): void {
    this.entries = this.entries.filter((e) => e.key !== key);
    this.entries.push({ key, value, slot });
    if (slot !== undefined) {
      const inSlot = this.entries.filter((e) => e.slot === slot);
      for (const e of inSlot.slice(0, Math.max(0, inSlot.length - this.perSlot))) this.entries.splice(this.entries.indexOf(e), 1);
    }
    if (this.entries.length > this.max) this.entries.shift();
  }
}

describe('ContextMemo', () => {
  it('keeps the newest entries of a slot: an edited document keeps its current and previous text', () => {
    const memo = new ContextMemo<string>(100, 2);
    const ctx = context();
    memo.set(ctx, 'doc 3, replicas: 1', 'a', 'file.yaml#3');
    memo.set(ctx, 'doc 3, replicas: 2', 'b', 'file.yaml#3');
    memo.set(ctx, 'doc 4', 'other', 'file.yaml#4');
    memo.set(ctx, 'doc 3, replicas: 3', 'c', 'file.yaml#3');
    assert.equal(memo.get(ctx, 'doc 3, replicas: 1'), undefined);
    assert.equal(memo.get(ctx, 'doc 3, replicas: 2'), 'b');
    assert.equal(memo.get(ctx, 'doc 3, replicas: 3'), 'c');
    assert.equal(memo.get(ctx, 'doc 4'), 'other');
    assert.equal(memo.size(ctx), 3);
  });

  it('a hit makes the entry its slot\'s most recent (undo, then a new edit, keeps the undone-to text)', () => {
    const memo = new ContextMemo<string>(100, 2);
    const ctx = context();
    memo.set(ctx, 'v1', '1', 's');
    memo.set(ctx, 'v2', '2', 's');
    assert.equal(memo.get(ctx, 'v1'), '1');
    memo.set(ctx, 'v3', '3', 's');
    assert.equal(memo.get(ctx, 'v2'), undefined);
    assert.equal(memo.get(ctx, 'v1'), '1');
  });

  it('keeps each context apart, and entries without a slot are bounded by the total only', () => {
    const memo = new ContextMemo<number>(3, 1);
    const a = context();
    const b = context();
    for (let i = 0; i < 5; i++) memo.set(a, `k${i}`, i);
    memo.set(b, 'k0', 100, 's');
    assert.equal(memo.size(a), 3);
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => memo.get(a, `k${i}`)), [undefined, undefined, 2, 3, 4]);
    assert.equal(memo.get(b, 'k0'), 100);
  });

  it('agrees with the reference model on any sequence of gets and sets', () => {
    const op = fc.record({
      get: fc.boolean(),
      key: fc.integer({ min: 0, max: 12 }).map((k) => `k${k}`),
      slot: fc.option(fc.integer({ min: 0, max: 3 }).map((s) => `s${s}`), { nil: undefined }),
      value: fc.integer(),
    });
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 80 }), (max, perSlot, ops) => {
      const memo = new ContextMemo<number>(max, perSlot);
      const ref = new ReferenceMemo(max, perSlot);
      const ctx = context();
      for (const o of ops) {
        if (o.get) assert.equal(memo.get(ctx, o.key), ref.get(o.key));
        else {
          memo.set(ctx, o.key, o.value, o.slot);
          ref.set(o.key, o.value, o.slot);
        }
        assert.equal(memo.size(ctx), ref.entries.length);
      }
      for (const e of ref.entries) assert.equal(memo.get(ctx, e.key), ref.get(e.key));
    }));
  });
});
