// A bounded memo per analysis context: results that depend on the context (fixture, version,
// profile) and on a string key. Least recently used entries go first once `maxEntries` is reached,
// and a context that is no longer used takes its whole memo with it (WeakMap), so no memo grows
// without bound: check's spread/ results and document findings, and the file releases.

import type { AnalysisContext } from './context';

export class ContextMemo<V> {
  private readonly byContext = new WeakMap<AnalysisContext, Map<string, V>>();

  constructor(private readonly maxEntries: number) {}

  /** The memoized value, now the most recently used; undefined when absent. */
  get(ctx: AnalysisContext, key: string): V | undefined {
    const m = this.byContext.get(ctx);
    const hit = m?.get(key);
    if (hit !== undefined) {
      m!.delete(key); // re-insert: most recently used last
      m!.set(key, hit);
    }
    return hit;
  }

  set(ctx: AnalysisContext, key: string, value: V): void {
    let m = this.byContext.get(ctx);
    if (!m) this.byContext.set(ctx, (m = new Map()));
    m.set(key, value);
    if (m.size > this.maxEntries) m.delete(m.keys().next().value!);
  }
}
