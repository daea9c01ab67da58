// Properties of the simulation's fast paths that the cycle-by-cycle comparison in
// fast-cycle-properties.test.ts cannot see, because schedule() and scheduleFast() share them:
// 1. PodTopologySpread's Filter and Score (bound to a cycle: label columns, per-domain verdicts,
//    per-node count tables) give exactly what the plain filterNode / scoreNode give, on every node,
//    as pods are assumed and removed; PreScore gives the same state for the cluster's own nodes as for
//    copies of them (which take the per-node label lookups instead of the columns);
// 2. scheduleFast (uniform normalization, scores bound to the cycle, InterPodAffinity's
//    cluster-wide counters) decides what the full cycle decides on clusters with preferred node
//    affinity, preferred pod (anti-)affinity, PreferNoSchedule taints, nodes lacking topology labels,
//    and pods removed between cycles;
// 3. the cluster's label columns match the node labels, and its (anti-)affinity pod counters match
//    the nodes' after every assume, remove and fork; InterPodAffinity's PreFilter / PreScore, which
//    skip their pass over the nodes when the counters say there is nothing to find, give what the pass gives.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { toConstraint } from './constraintArb';
import type { Affinity, LabelSelector, Node, Pod, Taint, TopologySpreadConstraint } from '../../../server/src/engine/api';
import { Cluster, makePodInfo, type PodInfo } from '../../../server/src/engine/cluster';
import { CycleState } from '../../../server/src/engine/framework';
import { PRE_FILTER_STATE_KEY } from '../../../server/src/engine/plugins/interpodaffinity/filtering';
import { PRE_SCORE_STATE_KEY } from '../../../server/src/engine/plugins/interpodaffinity/scoring';
import { filterNode } from '../../../server/src/engine/plugins/podtopologyspread/filtering';
import {
  type PodTopologySpreadPlugin, readPreFilterState, readPreScoreState, summarizeScoreState,
} from '../../../server/src/engine/plugins/podtopologyspread/plugin';
import { computePreScoreState, scoreNode } from '../../../server/src/engine/plugins/podtopologyspread/scoring';
import { type FastCycle, Scheduler } from '../../../server/src/engine/scheduler';
import { pickNode } from '../../../server/src/engine/simulate';
import { defaultEnv } from '../../../server/src/engine/versions';
import { runs } from '../../fuzz/arbitraries';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const RACK = 'rack';

const nodeArb = fc.record({
  zone: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined, freq: 5 }),
  rack: fc.option(fc.constantFrom('r1', 'r2'), { nil: undefined }),
  hostless: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  cpu: fc.constantFrom(500, 1000, 2000),
  maxPods: fc.constantFrom(3, 110),
  noSchedule: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  preferNo: fc.constantFrom(0, 0, 1, 2),
  cordoned: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

const AFFINITY_KINDS = ['none', 'none', 'requiredAnti', 'required', 'preferred', 'preferredAnti'] as const;
const podArb = fc.record({
  node: fc.nat(),
  app: fc.constantFrom('web', 'db', undefined),
  ns: fc.constantFrom('default', 'default', 'other'),
  cpu: fc.constantFrom(0, 100, 400),
  affinity: fc.constantFrom(...AFFINITY_KINDS),
  key: fc.constantFrom(ZONE, HOST, RACK),
});

const selectorArb: fc.Arbitrary<LabelSelector | null> = fc.constantFrom(
  { matchLabels: { app: 'web' } },
  { matchLabels: { app: 'web' } },
  { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
  {},
  null,
);
const constraintArb: fc.Arbitrary<TopologySpreadConstraint> = fc.record({
  maxSkew: fc.integer({ min: 1, max: 3 }),
  topologyKey: fc.constantFrom(ZONE, HOST, RACK),
  whenUnsatisfiable: fc.constantFrom('DoNotSchedule', 'ScheduleAnyway'),
  labelSelector: selectorArb,
  minDomains: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  nodeTaintsPolicy: fc.constantFrom(undefined, 'Honor'),
  nodeAffinityPolicy: fc.constantFrom(undefined, 'Ignore'),
}).map(toConstraint);

/** A step between cycles: place the replica (the scheduler's pick), or remove a random pod first. */
const stepArb = fc.record({ remove: fc.integer({ min: 0, max: 3 }).map((n) => n === 0), which: fc.nat() });

const scenarioArb = fc.record({
  nodes: fc.array(nodeArb, { minLength: 1, maxLength: 8 }),
  pods: fc.array(podArb, { maxLength: 14 }),
  constraints: fc.uniqueArray(constraintArb, { maxLength: 3, selector: (c) => `${c.topologyKey}/${c.whenUnsatisfiable}` }),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 10 }),
  cpu: fc.constantFrom(0, 200, 700),
  /** Preferred node affinity of the incoming pod: none, `[]`, or weighted terms on zone / rack. */
  preferredNodes: fc.constantFrom('none', 'empty', 'zone', 'zone+rack'),
  /** Preferred pod (anti-)affinity of the incoming pod. */
  preferredPods: fc.constantFrom('none', 'affinity', 'anti', 'both'),
  toleratePreferNo: fc.boolean(),
  selfLabel: fc.constantFrom('web', 'db'),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

const term = (app: string, key: string) => ({ labelSelector: { matchLabels: { app } }, topologyKey: key });

function existingAffinity(kind: (typeof AFFINITY_KINDS)[number], app: string, key: string): Affinity | undefined {
  switch (kind) {
    case 'requiredAnti': return { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(app, key)] } };
    case 'required': return { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', key)] } };
    case 'preferred': return { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 7, podAffinityTerm: term('web', key) }] } };
    case 'preferredAnti': return { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term('web', key) }] } };
    default: return undefined;
  }
}

function build(s: Scenario) {
  const nodes: Node[] = s.nodes.map((n, i) => {
    const labels: Record<string, string> = n.hostless ? {} : { [HOST]: `n${i}` };
    if (n.zone) labels[ZONE] = n.zone;
    if (n.rack) labels[RACK] = n.rack;
    const taints: Taint[] = [
      ...(n.noSchedule ? [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' as const }] : []),
      ...Array.from({ length: n.preferNo }, (_, j) => ({ key: `soft${j}`, effect: 'PreferNoSchedule' as const })),
    ];
    return {
      metadata: { name: `n${i}`, labels },
      spec: { taints, unschedulable: n.cordoned || undefined },
      status: { allocatable: { cpu: `${n.cpu}m`, memory: '4Gi', pods: String(n.maxPods) } },
    };
  });
  const container = (cpu: number) => ({ name: 'c', image: 'app:1', resources: cpu ? { requests: { cpu: `${cpu}m`, memory: '128Mi' } } : undefined });
  const pods: Pod[] = s.pods.map((p, i) => ({
    metadata: { name: `e${i}`, namespace: p.ns, labels: p.app ? { app: p.app } : ({} as Record<string, string>) },
    spec: { nodeName: `n${p.node % nodes.length}`, containers: [container(p.cpu)], affinity: existingAffinity(p.affinity, p.app ?? 'web', p.key) },
  }));
  const affinity: Affinity = {};
  if (s.preferredNodes !== 'none') {
    const terms = s.preferredNodes === 'empty' ? [] : [
      { weight: 10, preference: { matchExpressions: [{ key: ZONE, operator: 'In', values: ['a'] }] } },
      ...(s.preferredNodes === 'zone+rack' ? [{ weight: 3, preference: { matchExpressions: [{ key: RACK, operator: 'Exists' }] } }] : []),
    ];
    affinity.nodeAffinity = { preferredDuringSchedulingIgnoredDuringExecution: terms };
  }
  if (s.preferredPods === 'affinity' || s.preferredPods === 'both') {
    affinity.podAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 20, podAffinityTerm: term('db', ZONE) }] };
  }
  if (s.preferredPods === 'anti' || s.preferredPods === 'both') {
    affinity.podAntiAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 30, podAffinityTerm: term(s.selfLabel, HOST) }] };
  }
  const podFor = (i: number): Pod => ({
    metadata: { name: `r${i}`, namespace: 'default', labels: { app: s.selfLabel } },
    spec: {
      containers: [container(s.cpu)],
      topologySpreadConstraints: s.constraints.length ? s.constraints : undefined,
      affinity: Object.keys(affinity).length ? affinity : undefined,
      tolerations: s.toleratePreferNo ? [{ key: 'soft0', operator: 'Exists', effect: 'PreferNoSchedule' }] : undefined,
    },
  });
  return { nodes, pods, podFor };
}

/** Runs the scenario's steps: `check` before each placement, then the placement or a removal. */
function walk(s: Scenario, check: (sched: Scheduler, cluster: Cluster, pod: Pod) => FastCycle) {
  const { nodes, pods, podFor } = build(s);
  const cluster = Cluster.build({ nodes, pods });
  const sched = new Scheduler({ cluster, env: defaultEnv() });
  s.steps.forEach((step, i) => {
    const held = cluster.nodes.flatMap((n) => n.pods);
    if (step.remove && held.length) cluster.remove(held[step.which % held.length]);
    const cycle = check(sched, cluster, podFor(i));
    if (cycle.selected.length) cluster.assume(podFor(i), pickNode(cycle.selected));
  });
  return cluster;
}

const decision = (c: FastCycle) => ({ selected: c.selected, reasons: c.reasons, fitError: c.fitError, error: c.error });

describe('simulation fast paths', () => {
  it('PodTopologySpread Filter and Score bound to a cycle equal filterNode and scoreNode on every node', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (s, inFeasible) => {
        walk(s, (sched, cluster, pod) => {
          const env = sched.handle.env;
          const pts = sched.plugin('PodTopologySpread') as PodTopologySpreadPlugin;
          const pi: PodInfo = makePodInfo(pod);
          const state = new CycleState();
          if (pts.preFilter(state, pi).code === 'Success') {
            const st = readPreFilterState(state)!;
            const bound = pts.bindFilter(state, pi)!;
            cluster.nodes.forEach((n, at) => {
              const want = filterNode(st, pi, n);
              assert.deepEqual(pts.filter(state, pi, n), want);
              assert.deepEqual(bound(at), want);
              // A node that is not the cluster's own (no column position) takes the plain path.
              assert.deepEqual(pts.filter(state, pi, { ...n }), want);
            });
          }
          const feasible = cluster.nodes.filter((_, i) => inFeasible[i] !== false);
          if (feasible.length && pts.preScore(state, pi, feasible).code === 'Success') {
            const st = readPreScoreState(state)!;
            const bound = pts.bindScore(state, pi)!;
            for (const n of feasible) {
              const want = scoreNode(st, n, env);
              assert.equal(pts.score(state, pi, n), want);
              assert.equal(bound(cluster.indexOf(n), n), want);
            }
            const copies = feasible.map((n) => ({ ...n }));
            for (const requireAll of [true, false]) {
              const own = computePreScoreState(st.constraints, requireAll, pi, feasible, cluster, env);
              const again = computePreScoreState(st.constraints, requireAll, pi, copies, cluster, env);
              assert.deepEqual(summarizeScoreState(own), summarizeScoreState(again));
            }
          }
          return sched.schedule(pod);
        });
      }),
      { numRuns: runs(200) },
    );
  });

  it('scheduleFast decides what the full cycle decides (preferred affinities, PreferNoSchedule taints, removals)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        walk(s, (sched, _cluster, pod) => {
          const full = sched.schedule(pod);
          assert.deepEqual(decision(sched.scheduleFast(pod)), decision(full));
          return full;
        });
      }),
      { numRuns: runs(300) },
    );
  });

  it('label columns match the node labels; cluster-wide affinity counters match the nodes after assume, remove and fork', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const check = (cluster: Cluster) => {
          for (const key of [ZONE, HOST, RACK, 'absent']) {
            const col = cluster.labelColumn(key);
            let missing = 0;
            cluster.nodes.forEach((n, at) => {
              const has = Object.prototype.hasOwnProperty.call(n.labels, key);
              assert.equal(cluster.indexOf(n), at);
              assert.equal(col.has[at], has ? 1 : 0);
              assert.equal(col.values[at], n.labels[key]);
              if (has) assert.equal(col.domains[col.ids[at]], n.labels[key]);
              else assert.equal(col.ids[at], -1);
              if (!has) missing++;
            });
            assert.equal(col.missing, missing);
            assert.equal(new Set(col.domains).size, col.domains.length);
          }
          const sum = (f: (n: Cluster['nodes'][number]) => number) => cluster.nodes.reduce((a, n) => a + f(n), 0);
          assert.equal(cluster.podsWithAffinity, sum((n) => n.pods.filter((p) => p.hasAffinity).length));
          assert.equal(cluster.podsWithRequiredAntiAffinity, sum((n) => n.pods.filter((p) => p.hasRequiredAntiAffinity).length));
          assert.equal(cluster.podsWithAffinity, sum((n) => n.podsWithAffinity ?? 0));
          assert.equal(cluster.podsWithRequiredAntiAffinity, sum((n) => n.podsWithRequiredAntiAffinity ?? 0));
        };
        const cluster = walk(s, (sched, c, pod) => {
          check(c);
          // The same cluster with counters that never allow the skip: both plugins scan every node.
          const scan = c.fork();
          scan.podsWithAffinity++;
          scan.podsWithRequiredAntiAffinity++;
          const ipa = sched.plugin('InterPodAffinity')!;
          const ipaScan = new Scheduler({ cluster: scan, env: sched.handle.env }).plugin('InterPodAffinity')!;
          const pi = makePodInfo(pod);
          const [a, b] = [new CycleState(), new CycleState()];
          assert.deepEqual(ipa.preFilter!(a, pi), ipaScan.preFilter!(b, pi));
          assert.deepEqual(a.read(PRE_FILTER_STATE_KEY), b.read(PRE_FILTER_STATE_KEY));
          assert.deepEqual(ipa.preScore!(a, pi, c.nodes), ipaScan.preScore!(b, pi, scan.nodes));
          assert.deepEqual(a.read(PRE_SCORE_STATE_KEY), b.read(PRE_SCORE_STATE_KEY));
          return sched.scheduleFast(pod);
        });
        check(cluster);
        const fork = cluster.fork();
        check(fork);
        const held = fork.nodes.flatMap((n) => n.pods);
        if (held.length) fork.remove(held[0]);
        check(fork);
        check(cluster);
      }),
      { numRuns: runs(100) },
    );
  });
});
