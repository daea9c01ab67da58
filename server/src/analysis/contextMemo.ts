// A bounded memo per analysis context: results that depend on the context (fixture, version,
// profile) and on a string key. Least recently used entries go first once `maxEntries` is reached,
// and a context that is no longer used takes its whole memo with it (WeakMap), so no memo grows
// without bound: check's spread/ results and document findings, and the file releases.
//
// A slot names where an entry came from (a file and document index, say): at most `perSlot` entries
// per slot are kept, the least recently used of the slot going first. An edited document thus keeps
// its last few versions (undo) instead of filling the memo with superseded ones, each of which holds
// on to the whole text it was parsed from (scalar values are slices of it): the editor's memory no
// longer grows with the number of edits (bench lsp/rss/soak-10000-edits).

import type { AnalysisContext } from './context';

interface Entry<V> {
  value: V;
  slot: string | undefined;
}

interface Memo<V> {
  entries: Map<string, Entry<V>>;
  /** Keys per slot, least recently used first. */
  slots: Map<string, string[]>;
}

export class ContextMemo<V> {
  private readonly byContext = new WeakMap<AnalysisContext, Memo<V>>();

  constructor(
    private readonly maxEntries: number,
    private readonly perSlot = Infinity,
  ) {}

  /** The memoized value, now the most recently used; undefined when absent. */
  get(ctx: AnalysisContext, key: string): V | undefined {
    const m = this.byContext.get(ctx);
    const hit = m?.entries.get(key);
    if (!hit) return undefined;
    m!.entries.delete(key); // re-insert: most recently used last
    m!.entries.set(key, hit);
    if (hit.slot !== undefined) {
      const keys = m!.slots.get(hit.slot)!;
      keys.splice(keys.indexOf(key), 1);
      keys.push(key);
    }
    return hit.value;
  }

  /** Memoizes `value`; with `slot`, the slot's least recently used entries beyond `perSlot` go. */
  set(ctx: AnalysisContext, key: string, value: V, slot?: string): void {
    let m = this.byContext.get(ctx);
    if (!m) this.byContext.set(ctx, (m = { entries: new Map(), slots: new Map() }));
    if (m.entries.has(key)) this.remove(m, key);
    m.entries.set(key, { value, slot });
    if (slot !== undefined) {
      let keys = m.slots.get(slot);
      if (!keys) m.slots.set(slot, (keys = []));
      keys.push(key);
      while (keys.length > this.perSlot) this.remove(m, keys[0]);
    }
    if (m.entries.size > this.maxEntries) this.remove(m, m.entries.keys().next().value!);
  }

  /** Entries memoized for `ctx` (tests). */
  size(ctx: AnalysisContext): number {
    return this.byContext.get(ctx)?.entries.size ?? 0;
  }

  private remove(m: Memo<V>, key: string): void {
    const e = m.entries.get(key);
    if (!e) return;
    m.entries.delete(key);
    if (e.slot === undefined) return;
    const keys = m.slots.get(e.slot)!;
    keys.splice(keys.indexOf(key), 1);
    if (!keys.length) m.slots.delete(e.slot);
  }
}
