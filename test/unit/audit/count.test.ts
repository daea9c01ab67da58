// The audit's counts against the scheduler's own filter state. Property: for random clusters (zones,
// missing keys, taints, namespaces, terminating and terminal pods, node affinity, inclusion policies,
// minDomains, matchLabelKeys), the audit's plain recount of each DoNotSchedule constraint gives exactly
// the domains and counts of the PodTopologySpread PreFilter state that a real scheduling cycle of the
// workload's next pod computes (incremental DomainCounts), and its skew is max count - that state's
// global minimum. Plus examples with hand-checked counts.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { auditCluster } from '../../../server/src/analysis/audit/audit';
import { nextPodOf } from '../../../server/src/analysis/audit/nextPod';
import { collectWorkloads } from '../../../server/src/analysis/audit/workloads';
import { makeContext } from '../../../server/src/analysis/context';
import type { LabelSelector, Node, Pod, TopologySpreadConstraint } from '../../../server/src/engine/api';
import { readPreFilterState, summarizeFilterState } from '../../../server/src/engine/plugins/podtopologyspread/plugin';
import { Scheduler } from '../../../server/src/engine/scheduler';
import { defaultEnv } from '../../../server/src/engine/versions';
import type { LoadedFixture } from '../../../server/src/fixture';
import { summarize } from '../../../server/src/fixture/summary';
import { toConstraint } from '../engine/constraintArb';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

function fixtureOf(nodes: Node[], pods: Pod[], minor?: number) {
  const input = { nodes, pods };
  const fixture: LoadedFixture = { source: 'test', embedded: false, files: [], input, problems: [], summary: summarize(input, pods.length) };
  return makeContext(fixture, defaultEnv(minor));
}

const nodeArb = fc.record({
  zone: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined, freq: 6 }),
  tainted: fc.boolean(),
  pool: fc.constantFrom('x', 'y'),
});
const podArb = fc.record({
  node: fc.option(fc.nat(), { nil: undefined, freq: 6 }),
  app: fc.constantFrom('web', 'web', 'db'),
  hash: fc.constantFrom('h1', 'h2'),
  ns: fc.constantFrom('default', 'default', 'other'),
  terminating: fc.boolean(),
  phase: fc.constantFrom('Running', 'Running', 'Running', 'Succeeded'),
});
const constraintArb: fc.Arbitrary<TopologySpreadConstraint> = fc.record({
  maxSkew: fc.integer({ min: 1, max: 3 }),
  topologyKey: fc.constantFrom(ZONE, HOST),
  whenUnsatisfiable: fc.constantFrom('DoNotSchedule', 'DoNotSchedule', 'ScheduleAnyway'),
  labelSelector: fc.constantFrom<LabelSelector>({ matchLabels: { app: 'web' } }, { matchExpressions: [{ key: 'app', operator: 'Exists' }] }),
  minDomains: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  nodeTaintsPolicy: fc.constantFrom(undefined, 'Honor', 'Ignore'),
  nodeAffinityPolicy: fc.constantFrom(undefined, 'Honor', 'Ignore'),
}).map(toConstraint);

const scenarioArb = fc.record({
  nodes: fc.array(nodeArb, { minLength: 1, maxLength: 8 }),
  pods: fc.array(podArb, { maxLength: 20 }),
  constraints: fc.array(constraintArb, { minLength: 1, maxLength: 3 }),
  matchLabelKeys: fc.boolean(),
  poolAffinity: fc.boolean(),
  tolerates: fc.boolean(),
  minor: fc.constantFrom(undefined, 25, 33),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario) {
  const nodes: Node[] = s.nodes.map((n, i) => ({
    metadata: { name: `n${i}`, labels: { [HOST]: `n${i}`, pool: n.pool, ...(n.zone ? { [ZONE]: n.zone } : {}) } },
    spec: n.tainted ? { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] } : {},
    status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } },
  }));
  const constraints = s.constraints.map((c) => (s.matchLabelKeys ? { ...c, matchLabelKeys: ['pod-template-hash'] } : c));
  const pods: Pod[] = s.pods.map((p, i) => ({
    metadata: {
      name: `p${i}`, namespace: p.ns, labels: { app: p.app, 'pod-template-hash': p.hash },
      creationTimestamp: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`,
      ...(p.terminating ? { deletionTimestamp: '2026-02-01T00:00:00Z' } : {}),
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${p.app}-${p.hash}`, controller: true }],
    },
    spec: {
      ...(p.node !== undefined ? { nodeName: `n${p.node % nodes.length}` } : {}),
      containers: [{ name: 'c' }],
      topologySpreadConstraints: p.app === 'web' ? constraints : undefined,
      ...(s.tolerates ? { tolerations: [{ key: 'dedicated', operator: 'Exists' }] } : {}),
      ...(s.poolAffinity ? { nodeSelector: { pool: 'x' } } : {}),
    },
    status: { phase: p.phase },
  }));
  return { nodes, pods };
}

describe('audit: counting', () => {
  it('property: every DoNotSchedule count and skew equals the filter state of the next pod', () => {
    let compared = 0;
    fc.assert(fc.property(scenarioArb, (s) => {
      const { nodes, pods } = build(s);
      const ctx = fixtureOf(nodes, pods, s.minor);
      const audit = auditCluster(ctx);
      for (const w of collectWorkloads(pods, [])) {
        const next = nextPodOf(w);
        if (!next) continue;
        const cycle = new Scheduler({ cluster: ctx.cluster, env: ctx.env }, ctx.profile).schedule(next.pod);
        const st = readPreFilterState(cycle.state);
        const audited = audit.workloads.find((a) => a.kind === w.kind && a.name === w.name && a.namespace === w.namespace)!;
        const hard = audited.constraints.filter((c) => c.whenUnsatisfiable === 'DoNotSchedule');
        if (!st) {
          // PreFilter skipped (no hard constraint) or never reached (an earlier PreFilter rejected the pod).
          if (!cycle.preFilterStatus) assert.equal(hard.length, 0);
          continue;
        }
        const summary = summarizeFilterState(st);
        assert.equal(hard.length, summary.length);
        summary.forEach((f, i) => {
          assert.deepEqual(hard[i].counts, f.domains, `counts of constraint ${f.index}`);
          assert.equal(hard[i].eligibleDomains, f.eligibleDomains);
          const values = Object.values(f.domains);
          const skew = values.length === 0 ? 0 : Math.max(...values) - f.globalMinimum;
          assert.equal(hard[i].skew, skew);
          assert.equal(hard[i].violated, skew > f.maxSkew);
          compared++;
        });
      }
    }), { numRuns: 200 });
    assert.ok(compared > 100, `only ${compared} constraints compared`);
  });

  it('drifted zones: 3/0/1 with maxSkew 1 is a violation of skew 3; terminating, terminal and other namespaces do not count', () => {
    const zones = ['a', 'a', 'b', 'c'];
    const nodes: Node[] = zones.map((z, i) => ({ metadata: { name: `n${i}`, labels: { [HOST]: `n${i}`, [ZONE]: z } }, status: { allocatable: { cpu: '8', pods: '110' } } }));
    const tsc: TopologySpreadConstraint[] = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }];
    const pod = (name: string, node: string, extra: Partial<Pod['metadata']> = {}, phase = 'Running'): Pod => ({
      metadata: { name, namespace: 'default', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', controller: true }], ...extra },
      spec: { nodeName: node, containers: [{ name: 'c' }], topologySpreadConstraints: tsc },
      status: { phase },
    });
    const pods = [
      pod('w1', 'n0'), pod('w2', 'n0'), pod('w3', 'n1'), pod('w4', 'n3'),
      pod('gone', 'n2', { deletionTimestamp: '2026-01-01T00:00:00Z' }),
      pod('done', 'n2', {}, 'Succeeded'),
      pod('elsewhere', 'n2', { namespace: 'other' }),
    ];
    const audit = auditCluster(fixtureOf(nodes, pods));
    const web = audit.workloads.find((w) => w.name === 'web-abc' && w.namespace === 'default')!;
    assert.equal(web.kind, 'ReplicaSet');
    assert.deepEqual(web.constraints[0].counts, { a: 3, b: 0, c: 1 });
    assert.equal(web.constraints[0].skew, 3);
    assert.equal(web.constraints[0].violated, true);
    assert.equal(web.terminal, 1);
    assert.equal(web.terminating, 1);
    assert.equal(audit.summary.violated.DoNotSchedule, 1);
    assert.equal(audit.workloads[0], web, 'the violated workload comes first');
  });

  it('minDomains above the eligible domains makes the global minimum 0', () => {
    const nodes: Node[] = ['a', 'b'].map((z, i) => ({ metadata: { name: `n${i}`, labels: { [ZONE]: z } }, status: { allocatable: { pods: '110' } } }));
    const tsc: TopologySpreadConstraint[] = [{ maxSkew: 1, minDomains: 3, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }];
    const pods: Pod[] = ['n0', 'n0', 'n1'].map((n, i) => ({ metadata: { name: `p${i}`, labels: { app: 'web' } }, spec: { nodeName: n, containers: [{ name: 'c' }], topologySpreadConstraints: tsc } }));
    const audit = auditCluster(fixtureOf(nodes, pods));
    for (const w of audit.workloads) {
      assert.equal(w.constraints[0].globalMinimum, 0);
      assert.equal(w.constraints[0].skew, 2);
      assert.equal(w.constraints[0].violated, true);
    }
  });

  it('a Deployment is found through its ReplicaSet name and pod-template-hash when the ReplicaSet is not in the fixture', () => {
    const nodes: Node[] = [{ metadata: { name: 'n0', labels: { [ZONE]: 'a' } }, status: { allocatable: { pods: '110' } } }];
    const pods: Pod[] = [{
      metadata: { name: 'web-7d4b9c-x', labels: { app: 'web', 'pod-template-hash': '7d4b9c' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7d4b9c', controller: true }] },
      spec: { nodeName: 'n0', containers: [{ name: 'c' }] },
    }];
    const [w] = auditCluster(fixtureOf(nodes, pods)).workloads;
    assert.deepEqual([w.kind, w.name, w.controller], ['Deployment', 'web', 'pod-template-hash']);
  });
});
