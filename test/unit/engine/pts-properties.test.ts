// Property tests for PodTopologySpread and the simulation loop:
// 1. the incremental filter state equals a from-scratch recount after every placement;
// 2. no placement ever breaks a DoNotSchedule constraint, judged by a naive reference
//    implementation of §3.1 written independently here.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { toConstraint } from './constraintArb';
import type { LabelSelector, Node, Pod, TopologySpreadConstraint } from '../../../server/src/engine/api';
import { Cluster, makePodInfo } from '../../../server/src/engine/cluster';
import { computePreFilterState } from '../../../server/src/engine/plugins/podtopologyspread/filtering';
import { type PodTopologySpreadPlugin, summarizeFilterState } from '../../../server/src/engine/plugins/podtopologyspread/plugin';
import { Scheduler } from '../../../server/src/engine/scheduler';
import { labelSelectorAsSelector } from '../../../server/src/engine/selectors';
import { simulateReplicas } from '../../../server/src/engine/simulate';
import { defaultEnv } from '../../../server/src/engine/versions';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

const nodeArb = fc.record({
  zone: fc.option(fc.constantFrom('a', 'b', 'c', 'd'), { nil: undefined, freq: 6 }),
  tainted: fc.boolean(),
  rack: fc.option(fc.constantFrom('r1', 'r2'), { nil: undefined }),
});
const podArb = fc.record({
  node: fc.nat(),
  app: fc.constantFrom('web', 'db', undefined),
  ns: fc.constantFrom('default', 'default', 'other'),
  terminating: fc.boolean(),
});
const selectorArb: fc.Arbitrary<LabelSelector | null> = fc.constantFrom(
  { matchLabels: { app: 'web' } },
  { matchLabels: { app: 'web' } },
  { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
  { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] },
  {},
  null,
);
const constraintArb: fc.Arbitrary<TopologySpreadConstraint> = fc.record({
  maxSkew: fc.integer({ min: 1, max: 3 }),
  topologyKey: fc.constantFrom(ZONE, HOST, 'rack'),
  whenUnsatisfiable: fc.constantFrom('DoNotSchedule', 'DoNotSchedule', 'ScheduleAnyway'),
  labelSelector: selectorArb,
  minDomains: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  nodeTaintsPolicy: fc.constantFrom(undefined, 'Honor', 'Ignore'),
  nodeAffinityPolicy: fc.constantFrom(undefined, 'Honor', 'Ignore'),
}).map(toConstraint);

const scenarioArb = fc.record({
  nodes: fc.array(nodeArb, { minLength: 1, maxLength: 7 }),
  pods: fc.array(podArb, { maxLength: 12 }),
  constraints: fc.uniqueArray(constraintArb, { minLength: 1, maxLength: 2, selector: (c) => `${c.topologyKey}/${c.whenUnsatisfiable}` }),
  replicas: fc.integer({ min: 1, max: 8 }),
  selfLabel: fc.constantFrom('web', 'db'),
  nodeSelectorZone: fc.option(fc.constantFrom('a', 'b'), { nil: undefined, freq: 4 }),
  tolerate: fc.boolean(),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario) {
  const nodes: Node[] = s.nodes.map((n, i) => {
    const labels: Record<string, string> = { [HOST]: `n${i}` };
    if (n.zone) labels[ZONE] = n.zone;
    if (n.rack) labels.rack = n.rack;
    return { metadata: { name: `n${i}`, labels }, spec: n.tainted ? { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] } : {} };
  });
  const pods: Pod[] = s.pods.map((p, i) => ({
    metadata: {
      name: `e${i}`, namespace: p.ns, labels: p.app ? { app: p.app } : ({} as Record<string, string>),
      deletionTimestamp: p.terminating ? '2026-01-01T00:00:00Z' : undefined,
    },
    spec: { nodeName: `n${p.node % nodes.length}`, containers: [] },
  }));
  const podFor = (i: number): Pod => ({
    metadata: { name: `r${i}`, namespace: 'default', labels: { app: s.selfLabel } },
    spec: {
      containers: [],
      topologySpreadConstraints: s.constraints,
      nodeSelector: s.nodeSelectorZone ? { [ZONE]: s.nodeSelectorZone } : undefined,
      tolerations: s.tolerate ? [{ key: 'dedicated', operator: 'Exists' }] : undefined,
    },
  });
  return { nodes, pods, podFor };
}

/** Naive §3.1 for one hard constraint: may `pod` go on `nodeName` given the cluster's bound pods? */
function naiveFits(c: TopologySpreadConstraint, all: TopologySpreadConstraint[], pod: Pod, nodes: Node[], bound: Pod[], nodeName: string): boolean {
  const hard = all.filter((x) => x.whenUnsatisfiable === 'DoNotSchedule');
  const sel = labelSelectorAsSelector(c.labelSelector);
  const empty = c.labelSelector !== null && c.labelSelector !== undefined && Object.keys(c.labelSelector).length === 0;
  const node = nodes.find((n) => n.metadata.name === nodeName)!;
  const nodeLabels = node.metadata.labels ?? {};
  if (!(c.topologyKey in nodeLabels)) return false;
  const eligible = nodes.filter((n) => {
    const l = n.metadata.labels ?? {};
    if (!hard.every((h) => h.topologyKey in l)) return false;
    if ((c.nodeAffinityPolicy ?? 'Honor') === 'Honor') {
      for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (l[k] !== v) return false;
    }
    if (c.nodeTaintsPolicy === 'Honor') {
      const tolerated = (pod.spec.tolerations ?? []).some((t) => t.key === 'dedicated' && t.operator === 'Exists');
      if ((n.spec?.taints ?? []).length > 0 && !tolerated) return false;
    }
    return true;
  });
  const counts = new Map<string, number>();
  for (const n of eligible) {
    const v = n.metadata.labels![c.topologyKey];
    let k = counts.get(v) ?? 0;
    if (!empty) {
      for (const p of bound) {
        if (p.spec.nodeName !== n.metadata.name || p.metadata.deletionTimestamp) continue;
        if ((p.metadata.namespace ?? 'default') !== 'default') continue;
        if (sel.matches(p.metadata.labels)) k++;
      }
    }
    counts.set(v, k);
  }
  const minDomains = c.minDomains ?? 1;
  const values = [...counts.values()];
  const gmin = counts.size < minDomains ? 0 : values.length ? Math.min(...values) : 2147483647;
  const self = sel.matches(pod.metadata.labels) ? 1 : 0;
  return (counts.get(nodeLabels[c.topologyKey]) ?? 0) + self - gmin <= c.maxSkew;
}

describe('PodTopologySpread properties', () => {
  it('incremental filter state equals a from-scratch recount after every placement', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { nodes, pods, podFor } = build(s);
        const cluster = Cluster.build({ nodes, pods });
        const env = defaultEnv();
        const sched = new Scheduler({ cluster, env });
        const pts = sched.plugin('PodTopologySpread') as PodTopologySpreadPlugin;
        for (let i = 0; i < s.replicas; i++) {
          const cycle = sched.schedule(podFor(i));
          if (cycle.selected.length === 0) break;
          cluster.assume(podFor(i), [...cycle.selected].sort()[0]);
          const pi = makePodInfo(podFor(i + 1));
          const hard = pts.constraintsFor(pi, 'DoNotSchedule');
          if (hard.length === 0) continue;
          const incremental = summarizeFilterState(pts.filterState(pi, hard));
          const fresh = summarizeFilterState(computePreFilterState(hard, pi, cluster, env));
          assert.deepEqual(incremental, fresh);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('no placement breaks a DoNotSchedule constraint (naive reference implementation)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { nodes, pods, podFor } = build(s);
        const cluster = Cluster.build({ nodes, pods });
        const sched = new Scheduler({ cluster, env: defaultEnv() });
        const bound = [...pods];
        const result = simulateReplicas(sched, { replicas: s.replicas, podFor });
        for (const p of result.placements) {
          const pod = podFor(p.replica);
          for (const c of s.constraints.filter((x) => x.whenUnsatisfiable === 'DoNotSchedule')) {
            assert.ok(naiveFits(c, s.constraints, pod, nodes, bound, p.node), `replica ${p.replica} on ${p.node} breaks ${JSON.stringify(c)}`);
          }
          bound.push({ ...pod, spec: { ...pod.spec, nodeName: p.node } });
        }
        // Every replica is either placed or pending, never both.
        assert.equal(result.placements.length + result.pending.length, s.replicas);
      }),
      { numRuns: 300 },
    );
  });
});
