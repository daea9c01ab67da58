// The server's heap growth policy: tight (1.6x) on small clusters, V8's own sizing from 1,000 nodes,
// where full collections of a big heap would land inside keystrokes (bench/README.md "Memory").

import { strict as assert } from 'node:assert';
import { STAGED_MIN_NODES } from '../../../server/src/lsp/features/diagnostics';
import { collectAfterFirstAnalysis, collectAfterLoad, DEFAULT_GROWTH_MIN_NODES, heapGrowthFor } from '../../../server/src/lsp/state/heapGrowth';

describe('heapGrowthFor', () => {
  after(() => heapGrowthFor(DEFAULT_GROWTH_MIN_NODES)); // the test process keeps V8's default afterwards

  it('is 60 % below the staged-analysis size and V8\'s default (0) from it on', () => {
    assert.equal(heapGrowthFor(0), 60);
    assert.equal(heapGrowthFor(9), 60);
    assert.equal(heapGrowthFor(DEFAULT_GROWTH_MIN_NODES - 1), 60);
    assert.equal(heapGrowthFor(DEFAULT_GROWTH_MIN_NODES), 0);
    assert.equal(heapGrowthFor(15_000), 0);
    assert.equal(heapGrowthFor(3), 60);
  });

  it('collects the load\'s garbage after a big fixture only, and frees what nothing holds', async () => {
    assert.equal(collectAfterLoad(0), undefined);
    assert.equal(collectAfterLoad(DEFAULT_GROWTH_MIN_NODES - 1), undefined);
    const dropped = new WeakRef(Array.from({ length: 200_000 }, (_, i) => ({ i, s: `pod-${i}` })));
    // A WeakRef keeps its target for the rest of the job that made it.
    await new Promise((r) => setImmediate(r));
    const ms = collectAfterLoad(DEFAULT_GROWTH_MIN_NODES);
    assert.equal(typeof ms, 'number');
    assert.equal(dropped.deref(), undefined);
  });

  it('collects after a first analysis on a big cluster only when it left much more in use than the last collection kept', async () => {
    assert.equal(collectAfterFirstAnalysis(DEFAULT_GROWTH_MIN_NODES - 1), undefined);
    assert.equal(typeof collectAfterLoad(DEFAULT_GROWTH_MIN_NODES), 'number');
    // Right after a collection: little in use beyond what it kept, nothing to do.
    assert.equal(collectAfterFirstAnalysis(DEFAULT_GROWTH_MIN_NODES), undefined);
    // Garbage several times the live heap (what a first analysis leaves): collected.
    const live = process.memoryUsage().heapUsed;
    const leave = () => {
      const junk: unknown[] = [];
      while (process.memoryUsage().heapUsed < 3 * live) junk.push(Array.from({ length: 10_000 }, (_, i) => ({ i })));
      return new WeakRef(junk);
    };
    const dropped = leave();
    await new Promise((r) => setImmediate(r));
    assert.equal(typeof collectAfterFirstAnalysis(DEFAULT_GROWTH_MIN_NODES), 'number');
    assert.equal(dropped.deref(), undefined);
  });

  it('uses the staged-analysis threshold of the diagnostics', () => {
    assert.equal(DEFAULT_GROWTH_MIN_NODES, STAGED_MIN_NODES);
  });
});
