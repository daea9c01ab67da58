// The caches that make releases fast (bench/README.md, issue 15) against the from-scratch paths, on
// random clusters:
// - sharedPreFilterState (PodTopologySpread filter states shared by plugin instances and by forks of
//   a cluster) equals computePreFilterState on the cluster as it is, whatever was assumed or removed
//   on the parent before and after the fork, on the fork, and on a fork of the fork;
// - placeRelease with lazyFirstCycles gives the same run as the eager one: placements, pending
//   replicas, preemption, and (read after the run) every member's unusableNodes and first cycle,
//   rebuilt on a rewound fork; also when preemption removes pods during the run;
// - simulateReplicas with lazyFirstCycle gives the eager run (a workload simulated on its own);
// - a fork's node-local caches, inherited from its parent, decide as a cluster built with the same pods;
// - Scheduler.usableNodes is what the full cycle's verdicts say.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Node, Pod, TopologySpreadConstraint } from '../../../server/src/engine/api';
import { Cluster, makePodInfo, type PodInfo } from '../../../server/src/engine/cluster';
import type { CycleResult } from '../../../server/src/engine/cycleTypes';
import { computePreFilterState, type PreFilterState } from '../../../server/src/engine/plugins/podtopologyspread/filtering';
import type { PodTopologySpreadPlugin } from '../../../server/src/engine/plugins/podtopologyspread/plugin';
import { sharedPreFilterState } from '../../../server/src/engine/plugins/podtopologyspread/sharedState';
import { placeRelease, type ReleaseMember } from '../../../server/src/engine/release';
import { defaultProfile } from '../../../server/src/engine/profile';
import { Scheduler } from '../../../server/src/engine/scheduler';
import { simulateReplicas } from '../../../server/src/engine/simulate';
import { defaultEnv } from '../../../server/src/engine/versions';
import { runs } from '../../fuzz/arbitraries';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

const nodeArb = fc.record({
  zone: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined, freq: 6 }),
  cpu: fc.constantFrom(500, 1000, 2000),
  tainted: fc.boolean(),
  os: fc.constantFrom('linux', 'linux', 'windows'),
});
const podArb = fc.record({
  app: fc.constantFrom('a0', 'a1', 'a2'),
  cpu: fc.constantFrom(0, 100, 400),
  priority: fc.constantFrom(0, 0, 50),
  terminating: fc.boolean(),
  namespace: fc.constantFrom('default', 'default', 'other'),
});

function buildNodes(nodes: { zone?: string; cpu: number; tainted: boolean; os: string }[]): Node[] {
  return nodes.map((n, i) => ({
    metadata: { name: `n${i}`, labels: { [HOST]: `n${i}`, 'kubernetes.io/os': n.os, ...(n.zone ? { [ZONE]: n.zone } : {}) } },
    spec: { taints: n.tainted ? [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] : [] },
    status: { allocatable: { cpu: `${n.cpu}m`, memory: '4Gi', pods: '110' } },
  }));
}

function podOf(p: { app: string; cpu: number; priority: number; terminating: boolean; namespace: string }, name: string, node?: string): Pod {
  return {
    metadata: { name, namespace: p.namespace, labels: { app: p.app, tier: 't' }, ...(p.terminating ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
    spec: { ...(node ? { nodeName: node } : {}), priority: p.priority, containers: [{ name: 'c', resources: p.cpu ? { requests: { cpu: `${p.cpu}m` } } : undefined }] },
  };
}

/** The counts a state holds, in domain order, with the minimum and the number of domains. */
function view(st: PreFilterState) {
  return st.constraints.map((cs) => ({ counts: [...cs.domains.counts.entries()], min: cs.domains.minimum, domains: cs.domains.domains }));
}

const queryArb = fc.record({
  constraints: fc.uniqueArray(
    fc.record({
      topologyKey: fc.constantFrom(ZONE, HOST),
      selects: fc.constantFrom('a0', 'a1', 'tier'),
      nodeAffinityPolicy: fc.constantFrom('Honor', 'Ignore'),
      nodeTaintsPolicy: fc.constantFrom('Honor', 'Ignore'),
    }),
    { minLength: 1, maxLength: 2, selector: (c) => c.topologyKey },
  ),
  linuxOnly: fc.boolean(),
  tolerate: fc.boolean(),
  namespace: fc.constantFrom('default', 'other'),
});
type Query = typeof queryArb extends fc.Arbitrary<infer T> ? T : never;

function queryPod(q: Query): Pod {
  const constraints: TopologySpreadConstraint[] = q.constraints.map((c) => ({
    maxSkew: 1, topologyKey: c.topologyKey, whenUnsatisfiable: 'DoNotSchedule',
    labelSelector: { matchLabels: (c.selects === 'tier' ? { tier: 't' } : { app: c.selects }) as Record<string, string> },
    nodeAffinityPolicy: c.nodeAffinityPolicy as 'Honor' | 'Ignore', nodeTaintsPolicy: c.nodeTaintsPolicy as 'Honor' | 'Ignore',
  }));
  return {
    metadata: { name: 'q', namespace: q.namespace, labels: { app: 'a0', tier: 't' } },
    spec: {
      containers: [{ name: 'c' }], topologySpreadConstraints: constraints,
      nodeSelector: q.linuxOnly ? { 'kubernetes.io/os': 'linux' } : undefined,
      tolerations: q.tolerate ? [{ key: 'dedicated', operator: 'Exists' }] : undefined,
    },
  };
}

/** An operation on one of the clusters: assume a new pod on a node, or remove one of its pods. */
const opArb = fc.record({ on: fc.nat(), assume: fc.boolean(), pod: podArb, node: fc.nat(), pick: fc.nat() });
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

/** The base cluster of the sharing tests: the nodes and the existing pods, bound round-robin by `node`. */
function baseCluster(nodes: Parameters<typeof buildNodes>[0], existing: { pod: Parameters<typeof podOf>[0]; node: number }[]): Cluster {
  return Cluster.build({ nodes: buildNodes(nodes), pods: existing.map((e, i) => podOf(e.pod, `e${i}`, `n${e.node % nodes.length}`)) });
}

/** Applies `op` (a new pod assumed, or a pod removed) to one of `clusters`; `made` numbers the new pods. Returns the next number. */
function applyOp(clusters: Cluster[], op: Op, nodeCount: number, made: number): number {
  const c = clusters[op.on % clusters.length];
  if (op.assume) {
    c.assume(podOf(op.pod, `p${made}`), `n${op.node % nodeCount}`);
    return made + 1;
  }
  const all: PodInfo[] = c.nodes.flatMap((n) => n.pods);
  if (all.length) c.remove(all[op.pick % all.length]);
  return made;
}

/** Nodes, existing pods, and steps (changes, a query, maybe a fork) for the tests of state shared by forks. */
function sharingArbs(maxOps: number, maxSteps: number) {
  return [
    fc.array(nodeArb, { minLength: 1, maxLength: 6 }), fc.array(fc.record({ pod: podArb, node: fc.nat() }), { maxLength: 10 }),
    fc.array(fc.record({ ops: fc.array(opArb, { maxLength: maxOps }), query: queryArb, at: fc.nat(), fork: fc.boolean() }), { minLength: 1, maxLength: maxSteps }),
  ] as const;
}

describe('sharedPreFilterState: PodTopologySpread filter states shared by plugin instances and forks', () => {
  it('equals computePreFilterState on the base, a fork and a fork of the fork, between changes to any of them', () => {
    let seeded = 0;
    fc.assert(
      fc.property(
        ...sharingArbs(4, 8),
        (nodes, existing, steps) => {
          const env = defaultEnv();
          const clusters: Cluster[] = [baseCluster(nodes, existing)];
          let made = 0;
          for (const step of steps) {
            for (const op of step.ops) made = applyOp(clusters, op, nodes.length, made);
            if (step.fork && clusters.length < 4) clusters.push(clusters[step.at % clusters.length].fork());
            const c = clusters[step.at % clusters.length];
            const pod = makePodInfo(queryPod(step.query));
            const pts = new Scheduler({ cluster: c, env }).plugin('PodTopologySpread') as PodTopologySpreadPlugin;
            const constraints = pts.constraintsFor(pod, 'DoNotSchedule');
            const shared = sharedPreFilterState(constraints, pod, c, env);
            assert.deepEqual(view(shared), view(computePreFilterState(constraints, pod, c, env)));
            assert.equal(shared.pod, pod.pod);
            // The copy is the caller's: changing it changes no later answer.
            for (const cs of shared.constraints) cs.domains.add('zz-mutated', 5);
            assert.deepEqual(view(sharedPreFilterState(constraints, pod, c, env)), view(computePreFilterState(constraints, pod, c, env)));
            if (c.forkedFrom) seeded++;
          }
        },
      ),
      { numRuns: runs(300) },
    );
    assert.ok(seeded > 0, 'forks were queried');
  });
});

const memberArb = fc.record({
  replicas: fc.integer({ min: 0, max: 5 }),
  cpu: fc.constantFrom(0, 300, 700),
  spread: fc.option(fc.constantFrom(ZONE, HOST), { nil: undefined }),
  selects: fc.constantFrom('own', 'tier'),
  antiAffinity: fc.boolean(),
  linuxOnly: fc.boolean(),
  tolerate: fc.boolean(),
  priority: fc.constantFrom(0, 0, 100),
  preempts: fc.boolean(),
});
type MemberSpec = typeof memberArb extends fc.Arbitrary<infer T> ? T : never;

function memberPod(k: number, m: MemberSpec): (i: number) => Pod {
  const app = `m${k}`;
  return (i) => ({
    metadata: { name: `${app}-${i}`, namespace: 'default', labels: { app, tier: 't' } },
    spec: {
      preemptionPolicy: m.preempts ? 'PreemptLowerPriority' : 'Never',
      containers: [{ name: 'c', resources: m.cpu ? { requests: { cpu: `${m.cpu}m`, memory: '64Mi' } } : undefined }],
      topologySpreadConstraints: m.spread ? [{ maxSkew: 1, topologyKey: m.spread, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: (m.selects === 'own' ? { app } : { tier: 't' }) as Record<string, string> } }] : undefined,
      nodeSelector: m.linuxOnly ? { 'kubernetes.io/os': 'linux' } : undefined,
      tolerations: m.tolerate ? [{ key: 'dedicated', operator: 'Exists' }] : undefined,
      affinity: m.antiAffinity ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey: HOST }] } } : undefined,
    },
  });
}

/** A first cycle without its CycleState (plugin state objects, which the eager run's later cycles update in place). */
function cycleView(c: CycleResult | undefined) {
  return c && { ...c, state: undefined, pod: c.pod.pod };
}

describe('placeRelease with lazyFirstCycles', () => {
  it('gives the eager run: placements, pending, preemption, unusableNodes and first cycles', () => {
    let preempting = 0;
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 6 }), fc.array(fc.record({ pod: podArb, node: fc.nat() }), { maxLength: 10 }),
        fc.array(memberArb, { minLength: 1, maxLength: 3 }), fc.boolean(),
        (nodes, existing, specs, interleave) => {
          const run = (lazy: boolean) => {
            const cluster = Cluster.build({ nodes: buildNodes(nodes), pods: existing.map((e, i) => podOf({ ...e.pod, terminating: false }, `e${i}`, `n${e.node % nodes.length}`)) });
            const env = defaultEnv();
            const members: ReleaseMember[] = specs.map((m, k) => ({
              scheduler: new Scheduler({ cluster, env }), replicas: m.replicas, podFor: memberPod(k, m), priority: m.priority,
            }));
            // Each member's pods together, or round-robin (analysis/release/order.ts).
            const creation = interleave
              ? specs.flatMap((m, k) => Array.from({ length: m.replicas }, (_, i) => ({ k, i }))).sort((a, b) => a.i - b.i || a.k - b.k).map((x) => x.k)
              : specs.flatMap((m, k) => Array<number>(m.replicas).fill(k));
            return placeRelease(members, { creation, lazyFirstCycles: lazy });
          };
          const eager = run(false);
          const lazy = run(true);
          if (eager.sequence.some((p) => p.preempted?.length)) preempting++;
          assert.deepEqual(lazy.sequence.map((p) => [p.member, p.replica, p.node, p.preempted]), eager.sequence.map((p) => [p.member, p.replica, p.node, p.preempted]));
          assert.deepEqual(lazy.recreated, eager.recreated);
          assert.deepEqual(lazy.firstCycleAfter, eager.firstCycleAfter);
          lazy.members.forEach((r, k) => {
            const e = eager.members[k];
            assert.deepEqual({ ...r, firstCycle: undefined, unusableNodes: undefined }, { ...e, firstCycle: undefined, unusableNodes: undefined });
            assert.deepEqual(r.unusableNodes, e.unusableNodes);
            assert.deepEqual(cycleView(r.firstCycle), cycleView(e.firstCycle));
          });
          // As JSON (what the CLI prints), through the getters of a fresh run.
          assert.deepEqual(JSON.parse(JSON.stringify(run(true).members.map((r) => r.unusableNodes))), eager.members.map((r) => r.unusableNodes));
        },
      ),
      { numRuns: runs(300) },
    );
    assert.ok(preempting > 0, 'some runs preempted');
  });
});

describe('simulateReplicas with lazyFirstCycle', () => {
  it('gives the eager run: placements, pending, summaries, unusableNodes and the first cycle', () => {
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 6 }), fc.array(fc.record({ pod: podArb, node: fc.nat() }), { maxLength: 10 }),
        memberArb, fc.boolean(),
        (nodes, existing, spec, orderedReady) => {
          const run = (lazy: boolean) => {
            const cluster = Cluster.build({ nodes: buildNodes(nodes), pods: existing.map((e, i) => podOf({ ...e.pod, terminating: false }, `e${i}`, `n${e.node % nodes.length}`)) });
            // Non-identical replicas too (retries of waiting replicas after each placement).
            const base = memberPod(0, spec);
            const podFor = (i: number) => (i % 2 ? base(i) : { ...base(i), metadata: { ...base(i).metadata, labels: { ...base(i).metadata!.labels, odd: 'no' } } });
            return simulateReplicas(new Scheduler({ cluster, env: defaultEnv() }), { replicas: spec.replicas, podFor, orderedReady, lazyFirstCycle: lazy });
          };
          const eager = run(false);
          const lazy = run(true);
          assert.deepEqual({ ...lazy, firstCycle: undefined, unusableNodes: undefined }, { ...eager, firstCycle: undefined, unusableNodes: undefined });
          assert.deepEqual(lazy.unusableNodes, eager.unusableNodes);
          assert.deepEqual(cycleView(lazy.firstCycle), cycleView(eager.firstCycle));
          assert.deepEqual(JSON.parse(JSON.stringify(run(true).unusableNodes)), eager.unusableNodes);
          // With `restart` (the run's cluster a fresh fork of a snapshot, as analysis/simulate.ts runs it), the
          // run lets its cluster go and the deferred cycle is computed on a new fork: the same answers.
          const snapshot = Cluster.build({ nodes: buildNodes(nodes), pods: existing.map((e, i) => podOf({ ...e.pod, terminating: false }, `e${i}`, `n${e.node % nodes.length}`)) });
          let restarts = 0;
          const restart = () => {
            restarts++;
            return snapshot.fork();
          };
          const base = memberPod(0, spec);
          const podFor = (i: number) => (i % 2 ? base(i) : { ...base(i), metadata: { ...base(i).metadata, labels: { ...base(i).metadata!.labels, odd: 'no' } } });
          const detached = simulateReplicas(new Scheduler({ cluster: snapshot.fork(), env: defaultEnv() }), { replicas: spec.replicas, podFor, orderedReady, lazyFirstCycle: true, restart });
          assert.deepEqual({ ...detached, firstCycle: undefined, unusableNodes: undefined }, { ...eager, firstCycle: undefined, unusableNodes: undefined });
          assert.deepEqual(detached.unusableNodes, eager.unusableNodes);
          assert.deepEqual(cycleView(detached.firstCycle), cycleView(eager.firstCycle));
          // One restarted fork per field read (unusableNodes, then firstCycle), none without replicas.
          assert.equal(restarts, spec.replicas > 0 ? 2 : 0, 'the deferred cycle is computed on restarted forks');
          // A cluster changed before the run is rewound as before: restart is not used.
          const changed = snapshot.fork();
          const extra = podOf({ app: 'a0', cpu: 0, priority: 0, terminating: false, namespace: 'default' }, 'extra', 'n0');
          changed.assume(extra, 'n0');
          restarts = 0;
          const kept = simulateReplicas(new Scheduler({ cluster: changed, env: defaultEnv() }), { replicas: spec.replicas, podFor, orderedReady, lazyFirstCycle: true, restart });
          void kept.unusableNodes;
          assert.equal(restarts, 0);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

describe('node-local caches inherited by forks (fastCycle.ts)', () => {
  it('a simulation on a fork of a snapshot decides as on a cluster built with the same pods, whatever ran on earlier forks', () => {
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 6 }), fc.array(fc.record({ pod: podArb, node: fc.nat() }), { maxLength: 10 }),
        fc.array(memberArb, { minLength: 1, maxLength: 2 }),
        fc.array(fc.record({ spec: fc.nat(), parentAdds: fc.array(fc.record({ pod: podArb, node: fc.nat() }), { maxLength: 2 }) }), { minLength: 1, maxLength: 5 }),
        (nodes, existing, specs, steps) => {
          const env = defaultEnv();
          const profile = defaultProfile(); // one profile object, as analysis has (caches are kept per profile)
          const existingPods = existing.map((e, i) => podOf({ ...e.pod, terminating: false }, `e${i}`, `n${e.node % nodes.length}`));
          const snapshot = Cluster.build({ nodes: buildNodes(nodes), pods: existingPods });
          const onSnapshot: Pod[] = [...existingPods];
          steps.forEach((step, k) => {
            // The snapshot itself may change between forks (its cache then has nodes to forget).
            step.parentAdds.forEach((a, j) => {
              const pod = podOf({ ...a.pod, terminating: false }, `s${k}-${j}`);
              snapshot.assume(pod, `n${a.node % nodes.length}`);
              onSnapshot.push({ ...pod, spec: { ...pod.spec, nodeName: `n${a.node % nodes.length}` } });
            });
            // One or two pod specs: later forks meet a spec an earlier fork left a cache for.
            const j = step.spec % specs.length;
            const spec = specs[j];
            const podFor = memberPod(j, spec);
            const onFork = simulateReplicas(new Scheduler({ cluster: snapshot.fork(), env }, profile), { replicas: spec.replicas, podFor, lazyFirstCycle: true });
            const fresh = simulateReplicas(new Scheduler({ cluster: Cluster.build({ nodes: buildNodes(nodes), pods: onSnapshot }), env }), { replicas: spec.replicas, podFor });
            assert.deepEqual({ ...onFork, firstCycle: cycleView(onFork.firstCycle) }, { ...fresh, firstCycle: cycleView(fresh.firstCycle) }, `fork ${k}`);
          });
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

describe('Scheduler.usableNodes', () => {
  it('is the set of nodes with no UnschedulableAndUnresolvable verdict in the full cycle', () => {
    const twistArb = fc.record({
      scheduler: fc.constantFrom(undefined, undefined, 'other-scheduler'),
      gated: fc.boolean(),
      // NodeAffinity's PreFilter narrows to the named nodes (matchFields metadata.name), or to none.
      names: fc.option(fc.array(fc.constantFrom('n0', 'n1', 'n2', 'nx'), { maxLength: 2 }), { nil: undefined, freq: 3 }),
      // A selector the API would reject: PodTopologySpread's PreFilter errors.
      badSelector: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 6 }), fc.array(fc.record({ pod: podArb, node: fc.nat() }), { maxLength: 10 }),
        memberArb, twistArb,
        (nodes, existing, spec, twist) => {
          const cluster = Cluster.build({ nodes: buildNodes(nodes), pods: existing.map((e, i) => podOf({ ...e.pod, terminating: false }, `e${i}`, `n${e.node % nodes.length}`)) });
          const base = memberPod(0, spec)(0);
          const podSpec = { ...base.spec! };
          if (twist.scheduler) podSpec.schedulerName = twist.scheduler;
          if (twist.gated && !twist.scheduler) podSpec.schedulingGates = [{ name: 'example.com/wait' }];
          if (twist.names) {
            podSpec.affinity = { ...podSpec.affinity, nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: twist.names }] }] } } };
          }
          if (twist.badSelector) {
            podSpec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } }];
          }
          const pod: Pod = { ...base, spec: podSpec };
          const sched = new Scheduler({ cluster, env: defaultEnv() });
          const full = sched.schedule(pod, { filtersOnly: true }).nodes.filter((ev) => ev.filters.every((f) => f.code !== 'UnschedulableAndUnresolvable')).map((ev) => ev.name);
          assert.deepEqual([...sched.usableNodes(pod)].sort(), full.sort());
        },
      ),
      { numRuns: runs(500) },
    );
  });
});

describe('hostname match counts shared by the forks of a snapshot (podtopologyspread/plugin.ts)', () => {
  it('score every node as on a cluster built with the same pods, whatever earlier forks counted and changed', () => {
    const stepArb = fc.record({
      parentAdds: fc.array(fc.record({ pod: podArb, node: fc.nat() }), { maxLength: 1 }),
      // Pods the fork assumes between two scoring cycles: a count made after them must stay the fork's own.
      before: fc.array(fc.record({ pod: podArb, node: fc.nat() }), { maxLength: 3 }),
      after: fc.array(fc.record({ pod: podArb, node: fc.nat() }), { maxLength: 3 }),
      selects: fc.constantFrom('a0', 'a1', 'tier'),
    });
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 6 }), fc.array(fc.record({ pod: podArb, node: fc.nat() }), { maxLength: 10 }),
        fc.array(stepArb, { minLength: 1, maxLength: 6 }),
        (nodes, existing, steps) => {
          const env = defaultEnv();
          const profile = defaultProfile();
          const at = (n: number) => `n${n % nodes.length}`;
          const existingPods = existing.map((e, i) => podOf({ ...e.pod, terminating: false }, `e${i}`, at(e.node)));
          const snapshot = Cluster.build({ nodes: buildNodes(nodes), pods: existingPods });
          const onSnapshot: Pod[] = [...existingPods];
          const bound = (p: Pod, node: string): Pod => ({ ...p, spec: { ...p.spec, nodeName: node } });
          steps.forEach((step, k) => {
            step.parentAdds.forEach((a, j) => {
              const pod = podOf({ ...a.pod, terminating: false }, `s${k}-${j}`);
              snapshot.assume(pod, at(a.node));
              onSnapshot.push(bound(pod, at(a.node)));
            });
            const q: Pod = {
              metadata: { name: 'q', namespace: 'default', labels: { app: 'a0', tier: 't' } },
              spec: {
                containers: [{ name: 'c' }],
                tolerations: [{ operator: 'Exists' }],
                topologySpreadConstraints: [{
                  maxSkew: 1, topologyKey: HOST, whenUnsatisfiable: 'ScheduleAnyway',
                  labelSelector: { matchLabels: (step.selects === 'tier' ? { tier: 't' } : { app: step.selects }) as Record<string, string> },
                }],
              },
            };
            const scores = (c: Cluster) => new Scheduler({ cluster: c, env }, profile).schedule(q).nodes.map((n) => [n.name, n.scores?.PodTopologySpread ?? null]);
            const fork = snapshot.fork();
            const onFork = [...onSnapshot];
            const addAll = (adds: typeof step.before, tag: string) => adds.forEach((a, j) => {
              const pod = podOf({ ...a.pod, terminating: false }, `f${k}-${tag}${j}`);
              fork.assume(pod, at(a.node));
              onFork.push(bound(pod, at(a.node)));
            });
            addAll(step.before, 'b');
            assert.deepEqual(scores(fork), scores(Cluster.build({ nodes: buildNodes(nodes), pods: onFork })), `fork ${k}, first cycle`);
            addAll(step.after, 'a');
            assert.deepEqual(scores(fork), scores(Cluster.build({ nodes: buildNodes(nodes), pods: onFork })), `fork ${k}, after its own changes`);
          });
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

/** A pod no query selects (the twin's placeholder). */
const podArbDefault = { app: 'a9', cpu: 0, priority: 0, terminating: false, namespace: 'default' };

describe('snapshot match counts (podtopologyspread/nodeCounts.ts)', () => {
  it('give PreFilter the per-node scan\'s counts, on a snapshot, its unchanged forks and after changes to either', () => {
    let tabled = 0;
    fc.assert(
      fc.property(
        ...sharingArbs(3, 6),
        (nodes, existing, steps) => {
          const env = defaultEnv();
          const clusters: Cluster[] = [baseCluster(nodes, existing)];
          let made = 0;
          for (const step of steps) {
            if (step.fork && clusters.length < 4) clusters.push(clusters[step.at % clusters.length].fork());
            const c = clusters[step.at % clusters.length];
            const pod = makePodInfo(queryPod(step.query));
            const pts = new Scheduler({ cluster: c, env }).plugin('PodTopologySpread') as PodTopologySpreadPlugin;
            const constraints = pts.constraintsFor(pod, 'DoNotSchedule');
            // The same pods on a cluster whose changeLog is not empty: PreFilter counts them node by node.
            const twin = Cluster.build({ nodes: buildNodes(nodes), pods: c.nodes.flatMap((n) => n.pods.map((p) => ({ ...p.pod, spec: { ...p.pod.spec, nodeName: n.name } }))) });
            twin.remove(twin.assume(podOf(podArbDefault, 'twin-dummy'), 'n0'));
            assert.deepEqual(view(computePreFilterState(constraints, pod, c, env)), view(computePreFilterState(constraints, pod, twin, env)));
            if (c.changeLog.length === 0) tabled++;
            for (const op of step.ops) made = applyOp(clusters, op, nodes.length, made);
          }
        },
      ),
      { numRuns: runs(300) },
    );
    assert.ok(tabled > 0, 'snapshots were queried');
  });
});

describe('Cluster.fork: pod lists and sums shared until either side changes a node', () => {
  it('every cluster holds exactly the pods assumed and removed on it and its ancestors before its fork', () => {
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 4 }), fc.array(fc.record({ pod: podArb, node: fc.nat() }), { maxLength: 6 }),
        fc.array(fc.record({ op: fc.constantFrom('assume', 'remove', 'fork'), on: fc.nat(), pod: podArb, node: fc.nat(), pick: fc.nat() }), { minLength: 1, maxLength: 25 }),
        (nodes, existing, ops) => {
          const names = (n: number) => `n${n % nodes.length}`;
          const base = Cluster.build({ nodes: buildNodes(nodes), pods: existing.map((e, i) => podOf({ ...e.pod, terminating: false }, `e${i}`, names(e.node))) });
          // The model: each cluster's pods per node, by name, and its request sum (milli-CPU) per node.
          const model = (c: Cluster) => new Map(c.nodes.map((n) => [n.name, n.pods.map((p) => p.pod.metadata!.name as string)]));
          const clusters: { c: Cluster; pods: Map<string, string[]>; cpu: Map<string, number> }[] = [
            { c: base, pods: model(base), cpu: new Map(base.nodes.map((n) => [n.name, n.requested.milliCPU])) },
          ];
          let made = 0;
          for (const o of ops) {
            const t = clusters[o.on % clusters.length];
            if (o.op === 'fork' && clusters.length < 5) {
              const f = t.c.fork();
              clusters.push({ c: f, pods: new Map([...t.pods].map(([k, v]) => [k, [...v]])), cpu: new Map(t.cpu) });
            } else if (o.op === 'assume') {
              const pod = podOf({ ...o.pod, terminating: false }, `p${made++}`);
              const pi = t.c.assume(pod, names(o.node));
              t.pods.get(names(o.node))!.push(pod.metadata!.name!);
              t.cpu.set(names(o.node), t.cpu.get(names(o.node))! + pi.requests.milliCPU);
            } else if (o.op === 'remove') {
              const all = t.c.nodes.flatMap((n) => n.pods);
              if (!all.length) continue;
              const pi = all[o.pick % all.length];
              t.c.remove(pi);
              const list = t.pods.get(pi.nodeName!)!;
              list.splice(list.indexOf(pi.pod.metadata!.name!), 1);
              t.cpu.set(pi.nodeName!, t.cpu.get(pi.nodeName!)! - pi.requests.milliCPU);
            }
            for (const x of clusters) {
              assert.deepEqual(model(x.c), x.pods);
              assert.deepEqual(new Map(x.c.nodes.map((n) => [n.name, n.requested.milliCPU])), x.cpu);
            }
          }
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
