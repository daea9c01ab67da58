// The analysis step around the autoscaler models (analysis/autoscale/rounds.ts): kube-scheduler first,
// the model's new nodes added to a fork, kube-scheduler again for the Pending replicas, bounded rounds.
// Fake models here pin the loop itself; integration-models.test.ts runs the real ones.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { autoscaleRounds } from '../../../server/src/analysis/autoscale/rounds';
import type { AutoscalerModels } from '../../../server/src/analysis/autoscale/models';
import { clusterFor, forWorkload } from '../../../server/src/analysis/context';
import { openSession } from '../../../server/src/analysis/session';
import { type CANodeGroup, type Node, type ProvisionResult, Scheduler, simulateReplicas } from '../../../server/src/engine';
import { loadFixtureFromPaths } from '../../../server/src/fixture';

const fixture = loadFixtureFromPaths(['examples/autoscaling-ca-cluster.yaml']);

function nodeOf(g: CANodeGroup, name: string, taint = false): Node {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { ...g.template.labels, 'kubernetes.io/hostname': name } },
    spec: taint ? { taints: [{ key: 'no', effect: 'NoSchedule' }] } : {},
    status: { allocatable: { ...g.template.allocatable }, capacity: { ...g.template.allocatable } },
  };
}

/** One new node per group per call (named <group>-new-<n>); `taint`: nodes no pod tolerates. */
function oneEachModel(opts: { taint?: boolean; calls?: number[] } = {}): AutoscalerModels {
  let n = 0;
  return {
    clusterAutoscaler: (_cluster, pending, cfg): ProvisionResult => {
      opts.calls?.push(pending.length);
      n++;
      const newNodes = cfg.nodeGroups.map((g) => nodeOf(g, `${g.name}-new-${n}`, opts.taint));
      return { newNodes, scaleUps: cfg.nodeGroups.map((g, i) => ({ by: 'cluster-autoscaler', nodePool: g.name, zone: g.template.labels['topology.kubernetes.io/zone'], nodes: 1, nodeNames: [newNodes[i].metadata?.name ?? ''] })), notTriggered: [] };
    },
    karpenter: () => assert.fail('no Karpenter in this fixture'),
  };
}

const refusingModel: AutoscalerModels = {
  clusterAutoscaler: (_c, pending) => ({ newNodes: [], scaleUps: [], notTriggered: pending.map((pod) => ({ pod, reason: 'pod didn\'t trigger scale-up: 3 max node group size reached' })) }),
  karpenter: () => assert.fail('no Karpenter'),
};

function firstPlacement(replicas?: number) {
  const session = openSession(fixture);
  const parsed = session.parse(readFileSync('examples/autoscaling-zone-spread.yaml', 'utf8'), 'z.yaml');
  const w = session.pickWorkload(parsed).spec;
  const ctx = forWorkload(session.context, w);
  const cluster = clusterFor(ctx, w.owners);
  const sched = new Scheduler({ cluster, env: ctx.env }, ctx.profile);
  const r = simulateReplicas(sched, { replicas: replicas ?? w.replicas ?? 1, podFor: w.podFor });
  return { ctx, cluster, sched, r, w };
}

describe('autoscaler integration: the rounds around the models', () => {
  it('the example leaves 3 of 9 replicas Pending on the current nodes (one per zone is missing)', () => {
    const { r } = firstPlacement();
    assert.equal(r.placements.length, 6);
    assert.deepEqual(r.pending.map((p) => p.replica), [6, 7, 8]);
  });

  it('adds the new nodes to a fork and places the Pending replicas on them, one per zone', () => {
    const { ctx, cluster, sched, r, w } = firstPlacement();
    const calls: number[] = [];
    const o = autoscaleRounds(ctx, fixture.autoscaling!, cluster, sched, r.pending, w.podFor, oneEachModel({ calls }));
    assert.deepEqual(calls, [3], 'the model sees the 3 Pending pods once');
    assert.equal(o.rounds, 1);
    assert.deepEqual(o.pending, []);
    assert.deepEqual(o.placements.map((p) => `${p.replica}@${p.node}`), [
      '6@general-eu-west-1a-new-1', '7@general-eu-west-1b-new-1', '8@general-eu-west-1c-new-1',
    ]);
    assert.deepEqual([...o.newNodes].sort(), ['general-eu-west-1a-new-1', 'general-eu-west-1b-new-1', 'general-eu-west-1c-new-1']);
    assert.equal(o.cluster.nodes.length, 6);
    assert.equal(cluster.nodes.length, 3, 'the first cluster is not grown in place');
    assert.equal(o.cluster.podCount, 9);
  });

  it('stops after a round that adds nodes but places nothing (bounded)', () => {
    const { ctx, cluster, sched, r, w } = firstPlacement();
    const calls: number[] = [];
    const o = autoscaleRounds(ctx, fixture.autoscaling!, cluster, sched, r.pending, w.podFor, oneEachModel({ taint: true, calls }));
    assert.deepEqual(calls, [3]);
    assert.equal(o.rounds, 1);
    assert.equal(o.placements.length, 0);
    assert.deepEqual(o.pending.map((p) => p.replica), [6, 7, 8]);
    assert.match(o.pending[0].message, /untolerated taint/);
  });

  it('keeps going while rounds place replicas, at most MAX_AUTOSCALE_ROUNDS', () => {
    // 15 replicas: 6 fit, then each round's 3 new nodes (2 per node) take 6 more.
    const { ctx, cluster, sched, r, w } = firstPlacement(15);
    const o = autoscaleRounds(ctx, fixture.autoscaling!, cluster, sched, r.pending, w.podFor, oneEachModel());
    assert.equal(o.rounds, 2);
    assert.equal(o.placements.length, 9);
    assert.equal(o.pending.length, 0);
  });

  it('carries the model\'s reason to each replica it did not scale up for', () => {
    const { ctx, cluster, sched, r, w } = firstPlacement();
    const o = autoscaleRounds(ctx, fixture.autoscaling!, cluster, sched, r.pending, w.podFor, refusingModel);
    assert.equal(o.rounds, 0);
    assert.equal(o.cluster, cluster);
    assert.deepEqual([...o.notTriggered.keys()], [6, 7, 8]);
    assert.deepEqual(o.notTriggered.get(7), [{ by: 'cluster-autoscaler', reason: 'pod didn\'t trigger scale-up: 3 max node group size reached' }]);
  });
});
