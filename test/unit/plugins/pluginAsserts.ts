// Assertions shared by the node-filter/score plugin tables: every node's code (and reasons when a
// case gives them) must be what the upstream table says, and nodes a case does not list must pass.

import { strict as assert } from 'node:assert';
import type { PluginFactory } from '../../../server/src/engine/framework';
import { runFilter, runScore, type FilterCase, type ScoreCase } from '../harness';

export function assertFilter(factory: PluginFactory, c: FilterCase): void {
  const { preFilter, perNode } = runFilter(factory, c);
  const wantPre = c.wantPreFilter ?? { code: 'Success' as const };
  assert.equal(preFilter.code, wantPre.code, 'PreFilter code');
  if (wantPre.reasons) assert.deepEqual(preFilter.reasons, wantPre.reasons, 'PreFilter reasons');
  for (const n of c.nodes) {
    const name = n.metadata.name ?? '';
    const want = c.want[name] ?? { code: 'Success' as const, reasons: [] };
    const got = perNode[name];
    assert.ok(got, `no status for node ${name}`);
    assert.equal(got.code, want.code, `code on ${name}`);
    if (want.reasons) assert.deepEqual(got.reasons, want.reasons, `reasons on ${name}`);
  }
}

export function assertScore(factory: PluginFactory, c: ScoreCase): void {
  const { preScore, scores } = runScore(factory, c);
  assert.equal(preScore.code, c.wantPreScore ?? 'Success', 'PreScore code');
  if (c.want) assert.deepEqual(scores, c.want);
}
