// The Karpenter divergences the model reproduces (docs/autoscalers.md#karpenter), each on its example
// under examples/karpenter/ through the analysis session (the CLI's and the editor's door): simulate's
// `autoscaling.divergences` and the check finding spread/karpenter-diverges, with both answers.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { openSession } from '../../../server/src/analysis/session';
import { loadFixtureFromPaths } from '../../../server/src/fixture';

function open(name: string) {
  const session = openSession(loadFixtureFromPaths([`examples/karpenter/${name}-cluster.yaml`]));
  const file = `examples/karpenter/${name}.yaml`;
  const parsed = session.parse(readFileSync(file, 'utf8'), file);
  return { sim: session.simulate(session.pickWorkload(parsed)), findings: session.check(parsed).findings };
}

function diverges(findings: { code: string; message: string; related?: { message: string }[] }[]) {
  const f = findings.filter((x) => x.code === 'spread/karpenter-diverges');
  assert.equal(f.length, 1, JSON.stringify(findings.map((x) => x.code)));
  return f[0];
}

describe('Karpenter divergences (examples/karpenter)', () => {
  it('kubernetes-sigs/karpenter#2623: nodeAffinityPolicy Honor with a taintless NodePool: Karpenter launches one node, refuses 3 pods kube-scheduler places', () => {
    const { sim, findings } = open('node-affinity-policy');
    assert.deepEqual(sim.scaleUp?.map((u) => [u.nodePool, u.nodes, u.nodeNames]), [['dedicated', 1, ['dedicated-new-1']]]);
    assert.deepEqual(sim.placements.map((p) => p.node), Array(4).fill('dedicated-new-1'));
    const d = sim.autoscaling?.divergences ?? [];
    assert.deepEqual(d.map((x) => [x.replica, x.karpenter.node, x.kubeScheduler.node]), [[1, undefined, 'dedicated-new-1'], [2, undefined, 'dedicated-new-1'], [3, undefined, 'dedicated-new-1']]);
    // Karpenter's own log line: every NodePool's capacity-spread value counts, "2".."5" empty.
    assert.match(d[0].karpenter.refused ?? '', /unsatisfiable topology constraint for topology spread, key=capacity-spread \(counts = 1: 1, 2: 0, 3: 0, 4: 0, 5: 0, podDomains = capacity-spread Exists, nodeDomains = capacity-spread In \[1\]/);
    const f = diverges(findings);
    assert.match(f.message, /^Karpenter and kube-scheduler disagree on 3 replicas: replica 1: Karpenter launches nothing for it \(Failed to schedule pod, .*unsatisfiable topology constraint.*\); kube-scheduler placed it on dedicated-new-1 \(eu-west-1a\) \(and 2 more\)$/);
  });

  it('Azure/karpenter-provider-azure#1384: an empty ("") zone domain holds the minimum at 0: 3 of 5 pods get nodes, kube-scheduler places all 5', () => {
    const { sim, findings } = open('empty-zone');
    assert.deepEqual(sim.scaleUp?.map((u) => u.zone), ['westus2-1', 'westus2-2', 'westus2-3']);
    assert.equal(sim.pending.length, 0);
    const d = sim.autoscaling?.divergences ?? [];
    assert.deepEqual(d.map((x) => [x.replica, x.karpenter.node, x.kubeScheduler.zone]), [[3, undefined, 'westus2-1'], [4, undefined, 'westus2-2']]);
    assert.match(d[0].karpenter.refused ?? '', /counts = : 0, westus2-1: 1, westus2-2: 1, westus2-3: 1,/);
    assert.match(diverges(findings).message, /disagree on 2 replicas/);
  });

  it('aws/karpenter-provider-aws#3800: hostname maxSkew 3: Karpenter packs 3/3/3/1, kube-scheduler spreads 3/3/2/2 on the same four nodes', () => {
    const { sim, findings } = open('hostname-skew');
    assert.deepEqual(sim.scaleUp?.map((u) => u.nodes), [4]);
    const perNode = (m: Map<string, number>) => [...m.values()].sort((a, b) => b - a);
    const kube = new Map<string, number>();
    for (const p of sim.placements) kube.set(p.node, (kube.get(p.node) ?? 0) + 1);
    assert.deepEqual(perNode(kube), [3, 3, 2, 2]);
    const d = sim.autoscaling?.divergences ?? [];
    assert.ok(d.length > 0);
    // Karpenter's answer: replicas 0-2, 3-5, 6-8 share a node, replica 9 has its own.
    const meant = new Map<number, string>();
    for (const p of sim.placements) meant.set(p.replica, p.node);
    for (const x of d) meant.set(x.replica, x.karpenter.node!);
    const karpenter = new Map<string, number>();
    for (const n of meant.values()) karpenter.set(n, (karpenter.get(n) ?? 0) + 1);
    assert.deepEqual(perNode(karpenter), [3, 3, 3, 1]);
    assert.ok(d.every((x) => x.karpenter.node !== x.kubeScheduler.node && x.kubeScheduler.node !== undefined));
    assert.match(diverges(findings).message, /replica 1: Karpenter meant test-topology-new-1 \(us-west-2a\); kube-scheduler placed it on test-topology-new-2 \(us-west-2a\)/);
  });

  it('a zone spread Karpenter and kube-scheduler agree on: no divergence', () => {
    const session = openSession(loadFixtureFromPaths(['examples/autoscaling-karpenter-cluster.yaml']));
    const parsed = session.parse(readFileSync('examples/autoscaling-zone-spread.yaml', 'utf8'), 'web.yaml');
    const sim = session.simulate(session.pickWorkload(parsed));
    assert.equal(sim.autoscaling?.divergences, undefined);
    assert.deepEqual(sim.distribution['topology.kubernetes.io/zone'], { 'eu-west-1a': 3, 'eu-west-1b': 3, 'eu-west-1c': 3 });
  });
});
