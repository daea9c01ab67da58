// Rounds: the descheduler evicts, the controllers re-create, kube-spread's scheduler places the
// replacements, the descheduler runs again. A converging cluster, and the loops users report.

import { strict as assert } from 'node:assert';
import { defaultDeschedulerDryRunOptions, runDeschedulerDryRun, type ClusterInput, type DeschedulerDryRunOptions, type Pod } from '../../../server/src/engine';
import { createTestPods, node } from './builders';

const withArgs = (args: Partial<NonNullable<DeschedulerDryRunOptions['profiles'][0]['topologySpread']>>, evictor = {}): DeschedulerDryRunOptions => {
  const o = defaultDeschedulerDryRunOptions();
  o.profiles[0].topologySpread = { ...o.profiles[0].topologySpread!, ...args };
  o.profiles[0].evictor = evictor;
  return o;
};
const hostname = (name: string, labels: Record<string, string> = {}, taints?: { key: string; value?: string; effect: string }[]) =>
  node({ name, milliCPU: 4000, memory: 8e9, pods: 110, labels: { 'kubernetes.io/hostname': name, ...labels }, taints });
/** The ReplicaSet's generateName (`<owner>-`), as the API server keeps it on its pods. */
const where = (pods: Pod[], owner: string): Pod[] => pods.map((p) => ({ ...p, metadata: { ...p.metadata, generateName: `${owner}-` } }));

describe('descheduler dry run: rounds', () => {
  it('converges: [3,1] over two zones, one eviction, the replacement lands in the small zone, then nothing to do', () => {
    const zone = { 'topology.kubernetes.io/zone': '' };
    const spread = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }];
    const input: ClusterInput = {
      nodes: [hostname('a1', { ...zone, 'topology.kubernetes.io/zone': 'a' }), hostname('b1', { ...zone, 'topology.kubernetes.io/zone': 'b' })],
      pods: where(createTestPods([{ count: 3, node: 'a1', labels: { app: 'web' }, constraints: spread, owner: 'web-5d4f8' }, { count: 1, node: 'b1', labels: { app: 'web' }, constraints: spread, owner: 'web-5d4f8' }]), 'web-5d4f8'),
    };
    const run = runDeschedulerDryRun(input, defaultDeschedulerDryRunOptions());
    assert.equal(run.converged, true);
    assert.equal(run.loop, false);
    assert.equal(run.rounds.length, 2);
    assert.deepEqual(run.rounds[0].evictions.map((e) => [e.name, e.node]), [['pod-2', 'a1']]);
    assert.deepEqual(run.rounds[0].placements, [{ namespace: 'ns1', name: 'web-5d4f8-r1-1', node: 'b1', replaces: 'ns1/pod-2' }]);
    assert.deepEqual(run.rounds[1].evictions, []);
  });

  // kubernetes-sigs/descheduler#566 (and #839): a tainted node is a domain for the descheduler
  // (nodeTaintsPolicy defaults to Ignore), so [2, 0, 0] over three hostnames looks skewed; the pods
  // cannot run on the tainted nodes, so the scheduler puts the replacement back on the same node, and
  // the next cycle evicts again. Upstream's fix is the node-fit check of the strategy
  // (topologyBalanceNodeFit, default true); users who turn it off (descheduler#1138, for node
  // auto-provisioning) get the loop back.
  const issue566 = (): ClusterInput => {
    const soft = [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'app' } } }];
    return {
      nodes: [
        hostname('kind-control-plane', {}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]),
        hostname('kind-worker'),
        hostname('kind-worker2', {}, [{ key: 'dedicated', value: 'special', effect: 'NoSchedule' }]),
      ],
      pods: where(createTestPods([{ count: 2, node: 'kind-worker', labels: { app: 'app' }, constraints: soft, owner: 'app-866755bcdc' }], 'test'), 'app-866755bcdc'),
    };
  };

  it('descheduler#566: topologyBalanceNodeFit false + a tainted node: the same eviction every cycle (loop)', () => {
    const run = runDeschedulerDryRun(issue566(), withArgs({ constraints: ['DoNotSchedule', 'ScheduleAnyway'], topologyBalanceNodeFit: false }));
    assert.equal(run.loop, true);
    assert.equal(run.converged, false);
    assert.deepEqual(run.loopRounds, { from: 1, to: 1 });
    assert.equal(run.rounds.length, 1);
    assert.deepEqual(run.rounds[0].evictions.map((e) => [e.namespace, e.name, e.node]), [['test', 'pod-1', 'kind-worker']]);
    assert.match(run.rounds[0].evictions[0].constraint, /^kubernetes\.io\/hostname \(maxSkew 1, ScheduleAnyway\)$/);
    assert.deepEqual(run.rounds[0].placements.map((p) => [p.name, p.node]), [['app-866755bcdc-r1-1', 'kind-worker']]);
    assert.deepEqual(run.loopPods, ['test/pod-1']);
  });

  it('descheduler#566 with the default topologyBalanceNodeFit: no pod fits a below-average node, nothing evicted', () => {
    const run = runDeschedulerDryRun(issue566(), withArgs({ constraints: ['DoNotSchedule', 'ScheduleAnyway'] }));
    assert.equal(run.converged, true);
    assert.equal(run.loop, false);
    assert.deepEqual(run.rounds.map((r) => r.evictions.length), [0]);
  });

  // kubernetes-sigs/descheduler PR #1918's scenario (the loop still in the current release): a hard
  // zone constraint and a hostname constraint, 5 nodes in zone a and 2 each in b and c. The zone-legal
  // placement 3/3/3 doubles pods up on b and c while two nodes of a are empty; the strategy balances
  // each constraint alone, evicts the doubled-up pods toward the empty nodes of a, but the scheduler's
  // hard zone filter (a would hold 4 against 2) sends each replacement back to b or c.
  it('descheduler PR #1918: hard zone + hostname constraints on uneven zones loop with default node fit', () => {
    const both = [
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'api' } } },
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'api' } } },
    ];
    const z = (name: string, zone: string) => hostname(name, { 'topology.kubernetes.io/zone': zone });
    const nodes = [z('a1', 'a'), z('a2', 'a'), z('a3', 'a'), z('a4', 'a'), z('a5', 'a'), z('b1', 'b'), z('b2', 'b'), z('c1', 'c'), z('c2', 'c')];
    const at = (n: string, count = 1) => ({ count, node: n, labels: { app: 'api' }, constraints: both, owner: 'api-7c9' });
    const input: ClusterInput = { nodes, pods: where(createTestPods([at('a1'), at('a2'), at('a3'), at('b1', 2), at('b2'), at('c1', 2), at('c2')]), 'api-7c9') };
    const run = runDeschedulerDryRun(input, withArgs({ constraints: ['DoNotSchedule', 'ScheduleAnyway'] }));
    assert.equal(run.loop, true, JSON.stringify(run, null, 1));
    assert.equal(run.rounds[0].evictions.length, 2);
    assert.deepEqual(run.rounds[0].evictions.map((e) => e.node).sort(), ['b1', 'c1']);
    for (const p of run.rounds[0].placements) assert.ok(p.node && /^[bc]/.test(p.node), `${p.name} placed on ${p.node}`);
    assert.ok(run.loopRounds && run.loopRounds.to === run.rounds.length);
  });

  it('a PodDisruptionBudget with no disruption allowed blocks the eviction (nothing evicted: converged, blocked shown)', () => {
    const spread = [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }];
    const input: ClusterInput = {
      nodes: [hostname('n1'), hostname('n2')],
      pods: createTestPods([{ count: 3, node: 'n1', labels: { app: 'web' }, constraints: spread }]),
      podDisruptionBudgets: [{ metadata: { name: 'web', namespace: 'ns1' }, spec: { selector: { matchLabels: { app: 'web' } }, minAvailable: 3 } }],
    };
    const run = runDeschedulerDryRun(input, defaultDeschedulerDryRunOptions());
    assert.equal(run.converged, true);
    assert.deepEqual(run.rounds[0].evictions, []);
    assert.equal(run.rounds[0].blocked?.length, 1);
    assert.match(run.rounds[0].blocked![0].reason, /disruption budget/);
  });

  it('maxNoOfPodsToEvictPerNode limits a cycle; the next cycle continues', () => {
    const spread = [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }];
    const input: ClusterInput = { nodes: [hostname('n1'), hostname('n2'), hostname('n3')], pods: createTestPods([{ count: 6, node: 'n1', labels: { app: 'web' }, constraints: spread }]) };
    const run = runDeschedulerDryRun(input, { ...defaultDeschedulerDryRunOptions(), maxNoOfPodsToEvictPerNode: 1 });
    assert.equal(run.rounds[0].evictions.length, 1);
    assert.ok((run.rounds[0].blocked ?? []).every((b) => /node eviction limit/.test(b.reason)));
    assert.ok(run.rounds.length > 1);
  });
});
