// The language server builds a big fixture's snapshot a slice at a time before it switches to the
// fixture (analysis/context.ts prebuildSnapshot); the next session made for that fixture takes it
// instead of building its own. Nothing the analysis reports may differ, and only one session takes it.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFixtureFromPaths, openSession, prebuildSnapshot } from '../../../server/src/analysis';
import { makeContext } from '../../../server/src/analysis/context';
import { drainCounting } from '../base/countSteps';

const EXAMPLES = join(__dirname, '../../../examples');

describe('analysis: a snapshot built ahead (prebuildSnapshot)', () => {
  const cluster = join(EXAMPLES, 'priority-preemption-cluster.yaml');
  const manifest = readFileSync(join(EXAMPLES, 'priority-preemption.yaml'), 'utf8');
  const fileName = 'priority-preemption.yaml';

  it('is the snapshot the next session uses, and that session reports what one without it reports', () => {
    const ahead = loadFixtureFromPaths([cluster]);
    const built = drainCounting(prebuildSnapshot(ahead)).value;
    const fresh = loadFixtureFromPaths([cluster]);
    const a = openSession(ahead);
    const b = openSession(fresh);
    assert.equal(a.context.cluster, built, 'the session took the snapshot built ahead');
    const check = (s: typeof a) => JSON.stringify(s.check(s.parse(manifest, fileName), { fileName }).findings);
    assert.equal(check(a), check(b));
    assert.ok(check(a).length > 2, 'the example has findings');
    // A second context of the same fixture (other settings) builds its own: the snapshot is taken once.
    assert.notEqual(makeContext(ahead).cluster, a.context.cluster);
    assert.equal(makeContext(ahead).cluster.nodes.length, a.context.cluster.nodes.length);
  });

  it('is taken once: the first context holds the very snapshot the steps built, a later one builds its own', () => {
    const f = loadFixtureFromPaths([cluster]);
    const built = drainCounting(prebuildSnapshot(f)).value;
    assert.equal(drainCounting(prebuildSnapshot(f)).value, built, 'built once while it waits');
    const first = makeContext(f).cluster;
    const second = makeContext(f).cluster;
    assert.equal(first, built);
    assert.notEqual(second, built);
    // Built ahead again: the next context takes that one (the same nodes, pods and ignored pods as a fresh build).
    const again = drainCounting(prebuildSnapshot(f)).value;
    const third = makeContext(f).cluster;
    assert.equal(third, again);
    for (const c of [first, third]) {
      assert.deepEqual(c.nodes.map((n) => [n.name, n.pods.length]), second.nodes.map((n) => [n.name, n.pods.length]));
      assert.equal(c.podCount, second.podCount);
      assert.deepEqual(c.ignoredPods.map((p) => p.reason), second.ignoredPods.map((p) => p.reason));
    }
  });

  it('yields while it builds: every 512 nodes or pods', () => {
    const nodes = Array.from({ length: 600 }, (_, i) => ({ kind: 'Node', metadata: { name: `n-${i}` }, status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } } }));
    const pods = Array.from({ length: 1500 }, (_, i) => ({ kind: 'Pod', metadata: { name: `p-${i}`, namespace: 'default' }, spec: { nodeName: `n-${i % 600}`, containers: [{ name: 'c' }] } }));
    const f = { ...loadFixtureFromPaths([cluster]), input: { nodes, pods } } as unknown as Parameters<typeof prebuildSnapshot>[0];
    assert.equal(drainCounting(prebuildSnapshot(f)).yields, Math.floor(2100 / 512));
    assert.equal(makeContext(f).cluster.podCount, 1500);
  });
});
