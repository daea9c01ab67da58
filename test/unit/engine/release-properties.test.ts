// Properties of the scheduling queue (engine/queue.ts) and of placeRelease (engine/release.ts), on random clusters and random releases of up to
// three workloads whose pods resist each other (resources, required anti-affinity), attract each
// other (required affinity) and count each other (spread selectors matching another workload):
// - a release of one workload is exactly simulateReplicas (placements, ties, pending reasons,
//   distribution, skew), whatever the workload (OrderedReady, per-replica labels, affinity);
// - retrying a waiting pod only after a placement that may help it changes nothing;
// - the fast cycles decide what the full explain cycles decide, on one cluster shared by several
//   schedulers;
// - no placement breaks a filter: replayed on a fresh cluster, every pod's node passes every filter
//   (DoNotSchedule spread, required affinity and anti-affinity, resources) of a full cycle at the
//   moment it was placed, and on the final cluster no pod sits where required anti-affinity (its
//   own or another pod's) forbids. Spread and affinity are scheduling-time rules
//   (IgnoredDuringExecution): later pods may legitimately change what a re-check would say.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Node, Pod, TopologySpreadConstraint } from '../../../server/src/engine/api';
import { Cluster } from '../../../server/src/engine/cluster';
import { PodQueue } from '../../../server/src/engine/queue';
import { initialQueueOrder, placeRelease, type ReleaseMember } from '../../../server/src/engine/release';
import { Scheduler } from '../../../server/src/engine/scheduler';
import { type SimulationResult, simulateReplicas } from '../../../server/src/engine/simulate';
import { defaultEnv } from '../../../server/src/engine/versions';
import { runs } from '../../fuzz/arbitraries';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const APPS = ['m0', 'm1', 'm2'];

const nodeArb = fc.record({
  zone: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined, freq: 6 }),
  cpu: fc.constantFrom(500, 1000, 2000),
  maxPods: fc.constantFrom(2, 4, 110),
  tainted: fc.boolean(),
  cordoned: fc.boolean(),
});
const existingArb = fc.record({ node: fc.nat(), app: fc.constantFrom('m0', 'm1', 'other'), cpu: fc.constantFrom(0, 100, 400) });
const memberArb = fc.record({
  replicas: fc.integer({ min: 0, max: 7 }),
  cpu: fc.constantFrom(0, 200, 700),
  // Each constraint's selector: the member's own app, another member's, or every member (shared tier).
  constraints: fc.uniqueArray(
    fc.record({
      maxSkew: fc.integer({ min: 1, max: 2 }),
      topologyKey: fc.constantFrom(ZONE, HOST),
      whenUnsatisfiable: fc.constantFrom('DoNotSchedule', 'ScheduleAnyway'),
      selects: fc.constantFrom('own', 'm0', 'm1', 'm2', 'shared'),
    }),
    { maxLength: 2, selector: (c) => `${c.topologyKey}/${c.whenUnsatisfiable}` },
  ),
  antiAffinityTo: fc.option(fc.constantFrom('own', 'm0', 'm1', 'm2'), { nil: undefined, freq: 3 }),
  affinityTo: fc.option(fc.constantFrom('own', 'm0', 'm1', 'm2'), { nil: undefined, freq: 5 }),
  tolerate: fc.boolean(),
  orderedReady: fc.boolean(),
  perReplicaLabel: fc.boolean(),
  // Replica i may only run on node i (mod the node count), as a DaemonSet's pods: pods that differ, so
  // a pending one can become schedulable when another replica lands elsewhere.
  pinned: fc.boolean(),
  priority: fc.constantFrom(0, 0, 100),
});
type MemberSpec = typeof memberArb extends fc.Arbitrary<infer T> ? T : never;

const scenarioArb = (maxMembers: number) => fc.record({
  nodes: fc.array(nodeArb, { minLength: 1, maxLength: 7 }),
  existing: fc.array(existingArb, { maxLength: 8 }),
  members: fc.array(memberArb, { minLength: 1, maxLength: maxMembers }),
  interleave: fc.boolean(),
});
type Scenario = typeof scenarioArb extends (n: number) => fc.Arbitrary<infer T> ? T : never;

function buildNodes(s: Scenario): Node[] {
  return s.nodes.map((n, i) => {
    const labels: Record<string, string> = { [HOST]: `n${i}` };
    if (n.zone) labels[ZONE] = n.zone;
    return {
      metadata: { name: `n${i}`, labels },
      spec: { taints: n.tainted ? [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] : [], unschedulable: n.cordoned || undefined },
      status: { allocatable: { cpu: `${n.cpu}m`, memory: '4Gi', pods: String(n.maxPods) } },
    };
  });
}

function buildExisting(s: Scenario): Pod[] {
  return s.existing.map((p, i) => ({
    metadata: { name: `e${i}`, namespace: 'default', labels: { app: p.app } },
    spec: { nodeName: `n${p.node % s.nodes.length}`, containers: [{ name: 'c', resources: p.cpu ? { requests: { cpu: `${p.cpu}m` } } : undefined }] },
  }));
}

function podFor(k: number, m: MemberSpec, nodes: number): (i: number) => Pod {
  const app = APPS[k];
  const target = (t: string) => (t === 'own' ? app : t);
  const constraints: TopologySpreadConstraint[] = m.constraints.map((c) => ({
    maxSkew: c.maxSkew, topologyKey: c.topologyKey, whenUnsatisfiable: c.whenUnsatisfiable,
    labelSelector: { matchLabels: (c.selects === 'shared' ? { tier: 'shared' } : { app: target(c.selects) }) as Record<string, string> },
  }));
  return (i) => ({
    metadata: { name: `${app}-${i}`, namespace: 'default', labels: { app, tier: 'shared', ...(m.perReplicaLabel ? { ordinal: String(i) } : {}) } },
    spec: {
      // These properties are about the queue and the cycles: no pod preempts (preemption's own
      // properties: test/unit/engine/preemption-properties.test.ts).
      preemptionPolicy: 'Never',
      containers: [{ name: 'c', resources: m.cpu ? { requests: { cpu: `${m.cpu}m`, memory: '128Mi' } } : undefined }],
      topologySpreadConstraints: constraints.length ? constraints : undefined,
      nodeSelector: m.pinned ? { [HOST]: `n${i % nodes}` } : undefined,
      tolerations: m.tolerate ? [{ key: 'dedicated', operator: 'Exists' }] : undefined,
      affinity: m.antiAffinityTo || m.affinityTo ? {
        ...(m.antiAffinityTo ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: target(m.antiAffinityTo) } }, topologyKey: HOST }] } } : {}),
        ...(m.affinityTo ? { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: target(m.affinityTo) } }, topologyKey: ZONE }] } } : {}),
      } : undefined,
    },
  });
}

/** Document order (each member's pods together) or round-robin, as analysis/release/order.ts builds them. */
function creation(s: Scenario): number[] {
  if (!s.interleave) return s.members.flatMap((m, k) => Array<number>(m.replicas).fill(k));
  const out: number[] = [];
  const left = s.members.map((m) => m.replicas);
  while (left.some((n) => n > 0)) left.forEach((n, k) => n > 0 && (out.push(k), left[k]--));
  return out;
}

function release(s: Scenario, opts: { fullCycles?: boolean; retryEveryWaitingPod?: boolean; firstCycles?: boolean } = {}) {
  const cluster = Cluster.build({ nodes: buildNodes(s), pods: buildExisting(s) });
  const env = defaultEnv();
  const members: ReleaseMember[] = s.members.map((m, k) => ({
    scheduler: new Scheduler({ cluster, env }), replicas: m.replicas, podFor: podFor(k, m, s.nodes.length), orderedReady: m.orderedReady, priority: m.priority,
  }));
  return { cluster, members, result: placeRelease(members, { creation: creation(s), ...opts }) };
}

const withoutFirstCycle = (r: SimulationResult) => ({ ...r, firstCycle: undefined });

describe('PodQueue: PrioritySort (higher priority first, then the earlier queue time)', () => {
  it('pops every pod in PrioritySort order, whatever the push order', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ priority: fc.integer({ min: -5, max: 5 }), pushAt: fc.nat() })), (items) => {
        const q = new PodQueue<{ priority: number; timestamp: number }>();
        const pods = items.map((x, timestamp) => ({ priority: x.priority, timestamp }));
        for (const p of [...pods].sort((a, b) => items[a.timestamp].pushAt - items[b.timestamp].pushAt)) q.push(p);
        const popped = [];
        for (let p = q.pop(); p; p = q.pop()) popped.push(p);
        assert.deepEqual(popped, [...pods].sort((a, b) => b.priority - a.priority || a.timestamp - b.timestamp));
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('Cluster.restore: a removed pod put back', () => {
  it('leaves every node as it was (pods, requested resources, affinity counters)', () => {
    fc.assert(
      fc.property(scenarioArb(1), fc.array(fc.nat()), (s, picks) => {
        const cluster = Cluster.build({ nodes: buildNodes(s), pods: buildExisting(s).map((p, i) => ({
          ...p, spec: { ...p.spec, affinity: i % 2 ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'm0' } }, topologyKey: HOST }] } } : undefined },
        })) });
        const view = () => JSON.stringify([cluster.nodes.map((n) => [n.name, n.pods.map((p) => p.name).sort(), n.requested, n.nonZeroRequested, n.podsWithAffinity, n.podsWithRequiredAntiAffinity]),
          cluster.podsWithAffinity, cluster.podsWithRequiredAntiAffinity]);
        const before = view();
        const all = cluster.nodes.flatMap((n) => n.pods);
        const taken = [...new Set(picks.filter((i) => i < all.length).map((i) => all[i]))];
        for (const p of taken) cluster.remove(p);
        for (const p of taken) cluster.restore(p);
        assert.equal(view(), before);
        if (taken.length) cluster.restore(taken[0]); // already there: nothing changes
        assert.equal(view(), before);
      }),
      { numRuns: runs(100) },
    );
  });
});

describe('placeRelease: several workloads on one cluster', () => {
  it('a release of one workload is exactly simulateReplicas', () => {
    fc.assert(
      fc.property(scenarioArb(1), (s) => {
        const m = s.members[0];
        const alone = simulateReplicas(new Scheduler({ cluster: Cluster.build({ nodes: buildNodes(s), pods: buildExisting(s) }), env: defaultEnv() }), {
          replicas: m.replicas, podFor: podFor(0, m, s.nodes.length), orderedReady: m.orderedReady,
        });
        const { result } = release(s);
        assert.deepEqual(withoutFirstCycle(result.members[0]), withoutFirstCycle(alone));
        assert.deepEqual(result.members[0].firstCycle?.selected, alone.firstCycle?.selected);
      }),
      { numRuns: runs(300) },
    );
  });

  it('two creation orders whose pods reach the queue in the same order give the same run (analysis skips the other)', () => {
    let same = 0;
    fc.assert(
      fc.property(scenarioArb(3), fc.boolean(), fc.array(fc.nat(), { maxLength: 30 }), (s0, distinct, keys) => {
        // Distinct priorities (often): the queue orders the workloads whatever the creation order.
        const s = distinct ? ({ ...s0, members: s0.members.map((m, k) => ({ ...m, priority: 100 * (s0.members.length - k) })) } as unknown as Scenario) : s0;
        const first = creation(s);
        const shuffled = first.map((k, i) => ({ k, key: keys[i] ?? i })).sort((a, b) => a.key - b.key).map((x) => x.k);
        const shape = s.members.map((m) => ({ replicas: m.replicas, orderedReady: m.orderedReady, priority: m.priority }));
        if (initialQueueOrder(shape, first).join() !== initialQueueOrder(shape, shuffled).join()) return;
        same++;
        const run = (order: number[]) => {
          const cluster = Cluster.build({ nodes: buildNodes(s), pods: buildExisting(s) });
          const env = defaultEnv();
          const members: ReleaseMember[] = s.members.map((m, k) => ({
            scheduler: new Scheduler({ cluster, env }), replicas: m.replicas, podFor: podFor(k, m, s.nodes.length), orderedReady: m.orderedReady, priority: m.priority,
          }));
          return placeRelease(members, { creation: order });
        };
        const a = run(first);
        const b = run(shuffled);
        assert.deepEqual(a.members.map(withoutFirstCycle), b.members.map(withoutFirstCycle));
        assert.deepEqual(a.members.map((r) => r.firstCycle?.selected), b.members.map((r) => r.firstCycle?.selected));
        assert.deepEqual(a.sequence.map(({ member, replica, node }) => [member, replica, node]), b.sequence.map(({ member, replica, node }) => [member, replica, node]));
        assert.deepEqual(a.firstCycleAfter, b.firstCycleAfter);
      }),
      { numRuns: runs(200) },
    );
    assert.ok(same > 20, `only ${same} cases had the same queue order`);
  });

  it('the fast cycles decide what the full cycles decide, on a cluster shared by several schedulers', () => {
    fc.assert(
      fc.property(scenarioArb(3), (s) => {
        const fast = release(s).result;
        const full = release(s, { fullCycles: true }).result;
        assert.deepEqual(fast.members.map(withoutFirstCycle), full.members.map(withoutFirstCycle));
        assert.deepEqual(fast.sequence.map(({ member, replica, node }) => [member, replica, node]), full.sequence.map(({ member, replica, node }) => [member, replica, node]));
      }),
      { numRuns: runs(200) },
    );
  });

  it('retrying only the waiting pods a placement may help changes no outcome', () => {
    fc.assert(
      fc.property(scenarioArb(3), (s) => {
        const hinted = release(s).result;
        const everyPod = release(s, { retryEveryWaitingPod: true }).result;
        assert.deepEqual(hinted.members.map(withoutFirstCycle), everyPod.members.map(withoutFirstCycle));
        // Without the first cycles' detail (another order, only compared): the same placements.
        const outcome = release(s, { firstCycles: false }).result;
        assert.deepEqual(outcome.sequence.map(({ member, replica, node }) => [member, replica, node]), hinted.sequence.map(({ member, replica, node }) => [member, replica, node]));
        assert.deepEqual(outcome.members.map((m) => m.pending), hinted.members.map((m) => m.pending));
        assert.deepEqual(hinted.sequence.map(({ member, replica, node }) => [member, replica, node]), everyPod.sequence.map(({ member, replica, node }) => [member, replica, node]));
      }),
      { numRuns: runs(300) },
    );
  });

  it('no placement breaks a filter when it is made, and required anti-affinity holds on the final cluster', () => {
    fc.assert(
      fc.property(scenarioArb(3), (s) => {
        const { cluster, members, result } = release(s);
        // Replay on a fresh cluster: before each assume, a full cycle must find the node feasible.
        const replay = Cluster.build({ nodes: buildNodes(s), pods: buildExisting(s) });
        const schedulers = members.map(() => new Scheduler({ cluster: replay, env: defaultEnv() }));
        for (const p of result.sequence) {
          const pod = members[p.member].podFor(p.replica);
          const cycle = schedulers[p.member].schedule(pod);
          const ev = cycle.nodes.find((n) => n.name === p.node)!;
          assert.ok(ev.feasible, `${pod.metadata.name} on ${p.node}: ${JSON.stringify(ev.status)}`);
          assert.ok(cycle.selected.includes(p.node), `${pod.metadata.name}: ${p.node} is not among the best nodes ${cycle.selected}`);
          replay.assume(pod, p.node);
        }
        // Final cluster: every placed pod, taken out and put back through InterPodAffinity's filter.
        for (const p of result.sequence) {
          const probe = cluster.fork();
          probe.remove(p.pod);
          const cycle = new Scheduler({ cluster: probe, env: defaultEnv() }).schedule(members[p.member].podFor(p.replica));
          const ipa = cycle.nodes.find((n) => n.name === p.node)!.filters.find((f) => f.plugin === 'InterPodAffinity');
          const antiBroken = ipa?.code !== 'Success' && /anti-affinity/.test(ipa?.reason ?? '');
          assert.ok(!antiBroken, `${p.pod.name} on ${p.node}: ${ipa?.reason}`);
        }
        // Everything the members asked for is accounted for: placed or pending, once.
        result.members.forEach((r, k) => {
          const replicas = [...r.placements.map((x) => x.replica), ...r.pending.map((x) => x.replica)].sort((a, b) => a - b);
          assert.deepEqual(replicas, Array.from({ length: s.members[k].replicas }, (_, i) => i));
        });
      }),
      { numRuns: runs(200) },
    );
  });
});
