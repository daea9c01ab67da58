// Properties of preemption in a simulation (engine/release.ts with engine/preemption/), on random
// clusters of low-priority pods and random high-priority workloads:
// - no node that got a pod ends over its allocatable CPU or pod count (evictions really free what it needs);
// - every victim has a lower priority than the pod that evicted it, and sat on the node it was placed on;
// - the fast cycles and the full explain cycles make the same preemptions;
// - users without priorities pay nothing: when no pod of the cluster has a lower priority, the
//   release is exactly simulateReplicas (no preemption, the same messages).

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Node, Pod } from '../../../server/src/engine/api';
import { Cluster } from '../../../server/src/engine/cluster';
import { placeRelease } from '../../../server/src/engine/release';
import { Scheduler } from '../../../server/src/engine/scheduler';
import { simulateReplicas } from '../../../server/src/engine/simulate';
import { defaultEnv } from '../../../server/src/engine/versions';
import { runs } from '../../fuzz/arbitraries';

const scenarioArb = fc.record({
  nodes: fc.array(fc.record({ cpu: fc.constantFrom(1000, 2000), maxPods: fc.constantFrom(2, 3, 110), zone: fc.constantFrom('a', 'b') }), { minLength: 1, maxLength: 5 }),
  existing: fc.array(fc.record({ node: fc.nat(), cpu: fc.constantFrom(300, 600, 900), priority: fc.constantFrom(0, 10, 50, 200) }), { maxLength: 10 }),
  replicas: fc.integer({ min: 1, max: 6 }),
  cpu: fc.constantFrom(400, 800, 1500),
  priority: fc.constantFrom(0, 100),
  spread: fc.boolean(),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function nodes(s: Scenario): Node[] {
  return s.nodes.map((n, i) => ({
    metadata: { name: `n${i}`, labels: { 'kubernetes.io/hostname': `n${i}`, 'topology.kubernetes.io/zone': n.zone } },
    status: { allocatable: { cpu: `${n.cpu}m`, memory: '8Gi', pods: String(n.maxPods) } },
  }));
}

function existing(s: Scenario): Pod[] {
  return s.existing.map((p, i) => ({
    metadata: { name: `e${i}`, namespace: 'batch', labels: { app: 'batch' } },
    spec: { nodeName: `n${p.node % s.nodes.length}`, priority: p.priority, containers: [{ name: 'c', resources: { requests: { cpu: `${p.cpu}m` } } }] },
    status: { phase: 'Running', startTime: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z` },
  }));
}

const podFor = (s: Scenario) => (i: number): Pod => ({
  metadata: { name: `web-${i}`, namespace: 'default', labels: { app: 'web' } },
  spec: {
    priority: s.priority,
    containers: [{ name: 'c', resources: { requests: { cpu: `${s.cpu}m` } } }],
    topologySpreadConstraints: s.spread ? [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] : undefined,
  },
});

function run(s: Scenario, fullCycles = false) {
  const cluster = Cluster.build({ nodes: nodes(s), pods: existing(s) });
  const scheduler = new Scheduler({ cluster, env: defaultEnv() });
  return { cluster, result: placeRelease([{ scheduler, replicas: s.replicas, podFor: podFor(s), priority: s.priority }], { creation: [], fullCycles }) };
}

describe('preemption in a simulation (properties)', () => {
  it('no node ends over its allocatable CPU or pod count; every victim is of lower priority and on the placement node', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const { cluster, result } = run(s);
      // Nodes that got a pod in the simulation (a fixture may already be over-committed elsewhere).
      const given = new Set(cluster.changeLog.filter((c) => c.delta === 1).map((c) => c.node.name));
      for (const n of cluster.nodes.filter((x) => given.has(x.name))) {
        assert.ok(n.requested.milliCPU <= n.allocatable.milliCPU, `${n.name}: ${n.requested.milliCPU}m of ${n.allocatable.milliCPU}m`);
        assert.ok(n.pods.length <= n.allowedPods, `${n.name}: ${n.pods.length} pods of ${n.allowedPods}`);
      }
      for (const p of result.members[0].placements) {
        for (const v of p.preempted ?? []) {
          assert.ok(v.priority < s.priority, `${v.name} (priority ${v.priority}) evicted by priority ${s.priority}`);
          assert.equal(v.node, p.node);
        }
      }
      const evicted = result.members[0].placements.flatMap((p) => p.preempted ?? []).map((v) => v.name);
      assert.equal(new Set(evicted).size, evicted.length, 'a pod evicted twice');
      // Every victim is recreated; replacements may preempt pods of even lower priority in turn.
      const recreated = result.recreated.map((r) => r.name);
      for (const name of evicted) assert.ok(recreated.includes(name), `${name} is not recreated`);
      assert.equal(new Set(recreated).size, recreated.length, 'a pod recreated twice');
    }), { numRuns: runs(200) });
  });

  it('the fast cycles and the full cycles make the same preemptions', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const fast = run(s).result;
      const full = run(s, true).result;
      assert.deepEqual(fast.members[0].placements, full.members[0].placements);
      assert.deepEqual(fast.members[0].pending, full.members[0].pending);
      assert.deepEqual(fast.recreated, full.recreated);
    }), { numRuns: runs(100) });
  });

  it('without a lower-priority pod in the cluster, the release is exactly simulateReplicas', () => {
    fc.assert(fc.property(scenarioArb, (s0) => {
      const s = { ...s0, existing: s0.existing.map((e) => ({ ...e, priority: Math.max(e.priority, s0.priority) as Scenario['existing'][number]['priority'] })) };
      const { result } = run(s);
      const alone = simulateReplicas(new Scheduler({ cluster: Cluster.build({ nodes: nodes(s), pods: existing(s) }), env: defaultEnv() }), { replicas: s.replicas, podFor: podFor(s) });
      assert.deepEqual({ ...result.members[0], firstCycle: undefined }, { ...alone, firstCycle: undefined });
      assert.deepEqual(result.recreated, []);
    }), { numRuns: runs(100) });
  });
});
