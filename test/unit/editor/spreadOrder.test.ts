// spreadParts (lsp/features/spreadOrder.ts): the order and parts in which a big file's first analysis
// computes spread findings. Examples, then properties: every workload in exactly one part, the ones on
// screen first, then by distance to the screen, parts growing.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { FIRST_PART, spreadParts, type WorkloadPlace } from '../../../server/src/lsp/features/spreadOrder';

/** n workloads of 20 lines each, one after the other (document i on lines 20i..20i+19). */
const file = (n: number): WorkloadPlace[] => Array.from({ length: n }, (_, i) => ({ document: i, startLine: 20 * i, endLine: 20 * i + 19 }));

describe('spreadParts', () => {
  it('nothing known on screen: the first FIRST_PART workloads, then parts twice as large', () => {
    assert.deepEqual(spreadParts(file(100)).map((p) => p.length), [4, 8, 16, 32, 40]);
    assert.deepEqual(spreadParts(file(100))[0], [0, 1, 2, 3]);
    assert.deepEqual(spreadParts(file(3)), [[0, 1, 2]]);
    assert.deepEqual(spreadParts([]), []);
  });

  it('the workloads on screen first, then the nearest ones', () => {
    // Lines 1000-1050 show documents 50, 51 and 52 (1000-1019, 1020-1039, 1040-1059).
    const parts = spreadParts(file(100), [{ start: 1000, end: 1050 }]);
    assert.deepEqual(parts[0], [50, 51, 52]);
    assert.deepEqual(parts[1], [49, 53, 48, 54, 47, 55]);
    assert.deepEqual(parts.map((p) => p.length), [3, 6, 12, 24, 48, 7]);
  });

  it('two editors on one file: both places first', () => {
    const parts = spreadParts(file(30), [{ start: 0, end: 10 }, { start: 580, end: 599 }]);
    assert.deepEqual(parts[0], [0, 29]);
  });

  it('a screen past the last workload: the last ones first', () => {
    assert.deepEqual(spreadParts(file(10), [{ start: 5000, end: 5040 }])[0], [9, 8, 7, 6]);
  });

  it('properties: a partition, on-screen first, by distance, growing parts', () => {
    const places = fc.array(fc.record({ startLine: fc.nat(2000), length: fc.nat(60) }), { maxLength: 60 })
      .map((xs) => xs.map((x, document) => ({ document, startLine: x.startLine, endLine: x.startLine + x.length })));
    const spans = fc.array(fc.record({ start: fc.nat(2100), length: fc.nat(80) }).map((v) => ({ start: v.start, end: v.start + v.length })), { maxLength: 3 });
    fc.assert(fc.property(places, spans, (ws, visible) => {
      const parts = spreadParts(ws, visible);
      const flat = parts.flat();
      assert.deepEqual([...flat].sort((a, b) => a - b), ws.map((w) => w.document));
      const dist = (d: number) => {
        const w = ws[d];
        return visible.length ? Math.min(...visible.map((v) => (w.endLine < v.start ? v.start - w.endLine : w.startLine > v.end ? w.startLine - v.end : 0))) : w.startLine;
      };
      for (let i = 1; i < flat.length; i++) assert.ok(dist(flat[i - 1]) <= dist(flat[i]), 'nearest first');
      const onScreen = visible.length ? ws.filter((w) => dist(w.document) === 0).length : 0;
      if (parts.length) assert.equal(parts[0].length, Math.min(ws.length, onScreen || FIRST_PART));
      for (let i = 1; i < parts.length - 1; i++) assert.ok(parts[i].length >= parts[i - 1].length, 'parts grow');
    }));
  });
});
