// simulate on the autoscaling examples through the session (the CLI's and the editor's door), with the
// real models of engine/autoscaler/: the "done when" cases.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { openSession } from '../../../server/src/analysis/session';
import { loadEmbeddedSample, loadFixtureFromPaths } from '../../../server/src/fixture';

function simulate(fixturePath: string | undefined, manifest: string) {
  const fixture = fixturePath ? loadFixtureFromPaths([fixturePath]) : loadEmbeddedSample();
  const session = openSession(fixture);
  const parsed = session.parse(readFileSync(manifest, 'utf8'), manifest);
  return session.simulate(session.pickWorkload(parsed));
}

describe('autoscaler integration: simulate on the examples', () => {
  it('a fixture that does not autoscale gets none of the autoscaling fields', () => {
    const s = simulate(undefined, 'examples/autoscaling-zone-spread.yaml');
    assert.equal('scaleUp' in s, false);
    assert.equal('autoscaling' in s, false);
    assert.ok(s.placements.every((p) => !('newNode' in p)));
    assert.ok(s.pending.every((p) => !('autoscaler' in p)));
  });

  it('cluster-autoscaler: the zone-spread Deployment larger than the nodes gets a scale-up per zone and is placed', () => {
    const s = simulate('examples/autoscaling-ca-cluster.yaml', 'examples/autoscaling-zone-spread.yaml');
    assert.ok(s.scaleUp && s.scaleUp.length > 0, JSON.stringify(s.pending));
    assert.ok(s.scaleUp.every((u) => u.by === 'cluster-autoscaler'));
    const perZone: Record<string, number> = {};
    for (const u of s.scaleUp) perZone[u.zone ?? ''] = (perZone[u.zone ?? ''] ?? 0) + u.nodes;
    assert.deepEqual(perZone, { 'eu-west-1a': 1, 'eu-west-1b': 1, 'eu-west-1c': 1 });
    assert.equal(s.pending.length, 0);
    assert.equal(s.placements.length, 9);
    const onNew = s.placements.filter((p) => p.newNode);
    assert.equal(onNew.length, 3);
    const names = new Set(s.scaleUp.flatMap((u) => u.nodeNames));
    assert.ok(onNew.every((p) => names.has(p.node)));
    assert.deepEqual(onNew.map((p) => p.domains['topology.kubernetes.io/zone']).sort(), ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    assert.deepEqual(s.distribution['topology.kubernetes.io/zone'], { 'eu-west-1a': 3, 'eu-west-1b': 3, 'eu-west-1c': 3 });
    assert.equal(s.skew['topology.kubernetes.io/zone'], 0);
    assert.equal(s.autoscaling?.pendingBefore, 3);
  });

  it('kubernetes/autoscaler#5489: minDomains above the zones: no scale-up, and cluster-autoscaler says why', () => {
    const s = simulate('examples/autoscaling-ca-cluster.yaml', 'examples/autoscaling-min-domains.yaml');
    assert.deepEqual(s.scaleUp, []);
    assert.equal(s.placements.length, 3);
    assert.equal(s.pending.length, 3);
    for (const p of s.pending) {
      assert.equal(p.autoscaler?.[0]?.by, 'cluster-autoscaler');
      assert.match(p.autoscaler?.[0]?.reason ?? '', /didn't trigger scale-up/);
    }
  });

  it('Karpenter: the Deployment gets NodeClaims and kube-scheduler places the replicas on them', () => {
    const s = simulate('examples/autoscaling-karpenter-cluster.yaml', 'examples/autoscaling-zone-spread.yaml');
    assert.ok(s.scaleUp && s.scaleUp.length > 0);
    assert.ok(s.scaleUp.every((u) => u.by === 'karpenter' && u.nodePool === 'default' && u.instanceType !== undefined));
    const names = new Set(s.scaleUp.flatMap((u) => u.nodeNames));
    assert.ok(s.placements.filter((p) => p.newNode).every((p) => names.has(p.node)));
    assert.ok(s.placements.some((p) => p.newNode));
  });
});
