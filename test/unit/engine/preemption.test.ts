// DefaultPreemption, ported from upstream tables as data with their case names
// (kubernetes master 008b365 pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go:
// TestPostFilter, TestPodEligibleToPreemptOthers, TestSelectBestCandidate's criteria;
// pkg/scheduler/framework/preemption/preemption_test.go: TestNodesWherePreemptionMightHelp), plus
// the admission plugin's priority resolution (plugin/pkg/admission/priority/admission_test.go) and the
// disruption budget arithmetic (pkg/controller/disruption). Skipped upstream cases are listed in
// docs/preemption.md (extenders, pod groups, async preemption API calls, nominated pods).

import { strict as assert } from 'node:assert';
import type { Node, Pod, PodDisruptionBudget, PriorityClass } from '../../../server/src/engine/api';
import { Cluster, makePodInfo } from '../../../server/src/engine/cluster';
import type { CycleResult } from '../../../server/src/engine/cycleTypes';
import { CycleState, type Code } from '../../../server/src/engine/framework';
import {
  calculateNumCandidates, podEligibleToPreemptOthers, type RankedPod, startTimeOf,
} from '../../../server/src/engine/plugins/defaultpreemption/defaultPreemption';
import { budgetsOf, computeDisruptionsAllowed, filterPodsWithPDBViolation } from '../../../server/src/engine/plugins/defaultpreemption/pdb';
import { preempt } from '../../../server/src/engine/preemption/evaluator';
import { type Candidate, pickOneNodeForPreemption } from '../../../server/src/engine/preemption/select';
import { PriorityClassIndex, resolvePriority } from '../../../server/src/engine/priority';
import { Scheduler } from '../../../server/src/engine/scheduler';
import { defaultEnv } from '../../../server/src/engine/versions';
import { makeNode, makePod } from '../builders';

const [negPriority, lowPriority, midPriority, highPriority, veryHighPriority] = [-100, 0, 100, 1000, 10000];
void negPriority;
const onePodRes = { pods: '1' };
const nodeRes = { cpu: '200m', memory: '400' };
const largeRes = { cpu: '300m', memory: '300' };

/** A failed cycle whose node statuses are given (upstream passes filteredNodesStatuses directly). */
function cycleWith(pod: Pod, cluster: Cluster, statuses: Record<string, Code>): CycleResult {
  const pi = makePodInfo(pod);
  return {
    nodes: cluster.nodes.map((n) => {
      const code = statuses[n.name] ?? 'UnschedulableAndUnresolvable';
      const status = { plugin: 'test', code };
      return { name: n.name, feasible: false, filters: [status], status, scores: null, totalScore: null };
    }),
    feasible: [], selected: [], reasons: {}, skippedFilters: [], skippedScores: [], state: new CycleState(), pod: pi,
  };
}

interface PostFilterCase {
  name: string;
  pod: Pod;
  pods: Pod[];
  nodes: Node[];
  pdbs?: PodDisruptionBudget[];
  statuses: Record<string, Code>;
  wantNode: string;
  wantMessage: string;
}

const VIOLATING = 'test.kubernetes.io/is-violating-pdb';
const postFilterCases: PostFilterCase[] = [
  {
    name: 'pod with higher priority can be made schedulable',
    pod: makePod('p').priority(highPriority).build(),
    pods: [makePod('p1').node('node1').build()],
    nodes: [makeNode('node1').capacity(onePodRes).build()],
    statuses: { node1: 'Unschedulable' }, wantNode: 'node1', wantMessage: '',
  },
  {
    name: 'pod with tied priority is still unschedulable',
    pod: makePod('p').build(),
    pods: [makePod('p1').node('node1').build()],
    nodes: [makeNode('node1').capacity(onePodRes).build()],
    statuses: { node1: 'Unschedulable' }, wantNode: '',
    wantMessage: 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
  },
  {
    name: 'preemption should respect filteredNodesStatuses',
    pod: makePod('p').priority(highPriority).build(),
    pods: [makePod('p1').node('node1').build()],
    nodes: [makeNode('node1').capacity(onePodRes).build()],
    statuses: { node1: 'UnschedulableAndUnresolvable' }, wantNode: '',
    wantMessage: 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  },
  {
    name: 'preemption should respect absent NodeToStatusReader entry meaning UnschedulableAndUnresolvable',
    pod: makePod('p').priority(highPriority).build(),
    pods: [makePod('p1').node('node1').build()],
    nodes: [makeNode('node1').capacity(onePodRes).build()],
    statuses: {}, wantNode: '',
    wantMessage: 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  },
  {
    name: 'pod can be made schedulable on one node',
    pod: makePod('p').priority(midPriority).build(),
    pods: [makePod('p1').priority(highPriority).node('node1').build(), makePod('p2').priority(lowPriority).node('node2').build()],
    nodes: [makeNode('node1').capacity(onePodRes).build(), makeNode('node2').capacity(onePodRes).build()],
    statuses: { node1: 'Unschedulable', node2: 'Unschedulable' }, wantNode: 'node2', wantMessage: '',
  },
  {
    name: 'pod can be made schedulable on minHighestPriority node',
    pod: makePod('p').priority(veryHighPriority).build(),
    pods: [
      makePod('p1').label(VIOLATING, 'non-violating').priority(highPriority).node('node1').build(),
      makePod('p2').label(VIOLATING, 'violating').priority(lowPriority).node('node1').build(),
      makePod('p3').label(VIOLATING, 'violating').priority(midPriority).node('node2').build(),
    ],
    pdbs: [
      { metadata: { name: 'violating-pdb', namespace: 'default' }, spec: { selector: { matchLabels: { [VIOLATING]: 'violating' } }, minAvailable: '100%' } },
      { metadata: { name: 'non-violating-pdb', namespace: 'default' }, spec: { selector: { matchLabels: { [VIOLATING]: 'non-violating' } }, minAvailable: '0' }, status: { disruptionsAllowed: 2147483647 } },
    ],
    nodes: [makeNode('node1').capacity(onePodRes).build(), makeNode('node2').capacity(onePodRes).build()],
    statuses: { node1: 'Unschedulable', node2: 'Unschedulable' }, wantNode: 'node2', wantMessage: '',
  },
  {
    name: 'no candidate nodes found, no enough resource after removing low priority pods',
    pod: makePod('p').priority(highPriority).req(largeRes).build(),
    pods: [makePod('p1').node('node1').build(), makePod('p2').node('node2').build()],
    nodes: [makeNode('node1').capacity(nodeRes).build(), makeNode('node2').capacity(nodeRes).build()],
    statuses: { node1: 'Unschedulable', node2: 'Unschedulable' }, wantNode: '',
    wantMessage: 'preemption: 0/2 nodes are available: 2 Insufficient cpu.',
  },
  {
    name: 'no candidate nodes found with mixed reasons, no lower priority pod and no enough CPU resource',
    pod: makePod('p').priority(highPriority).req(largeRes).build(),
    pods: [
      makePod('p1').node('node1').priority(highPriority).build(), makePod('p2').node('node2').build(),
      makePod('p3').node('node3').priority(highPriority).build(),
    ],
    nodes: [makeNode('node1').capacity(onePodRes).build(), makeNode('node2').capacity(nodeRes).build(), makeNode('node3').capacity(onePodRes).build()],
    statuses: { node1: 'Unschedulable', node2: 'Unschedulable', node3: 'Unschedulable' }, wantNode: '',
    wantMessage: 'preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.',
  },
  {
    name: "no candidate nodes found with mixed reason, 2 UnschedulableAndUnresolvable nodes and 2 nodes don't have enough CPU resource",
    pod: makePod('p').priority(highPriority).req(largeRes).build(),
    pods: [makePod('p1').node('node1').build(), makePod('p2').node('node2').build()],
    nodes: ['node1', 'node2', 'node3', 'node4'].map((n) => makeNode(n).capacity(nodeRes).build()),
    statuses: { node1: 'Unschedulable', node2: 'Unschedulable' }, wantNode: '',
    wantMessage: 'preemption: 0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling.',
  },
];

describe('DefaultPreemption PostFilter (upstream TestPostFilter)', () => {
  for (const tc of postFilterCases) {
    it(tc.name, () => {
      const cluster = Cluster.build({ nodes: tc.nodes, pods: tc.pods, podDisruptionBudgets: tc.pdbs });
      const sched = new Scheduler({ cluster, env: defaultEnv() });
      const r = preempt(sched, makePodInfo(tc.pod), cycleWith(tc.pod, cluster, tc.statuses))!;
      assert.equal(r.node ?? '', tc.wantNode);
      assert.equal(r.possible, tc.wantNode !== '');
      assert.equal(r.message, tc.wantMessage);
      // The cluster the caller holds is untouched by the dry run.
      assert.deepEqual(cluster.nodes.map((n) => n.pods.map((p) => p.name)), tc.nodes.map((n) => tc.pods.filter((p) => p.spec.nodeName === n.metadata.name).map((p) => p.metadata.name)));
    });
  }
});

describe('PodEligibleToPreemptOthers (upstream TestPodEligibleToPreemptOthers)', () => {
  const ranked = (p: Pod): RankedPod => ({ info: makePodInfo(p), priority: p.spec.priority ?? 0, startTime: 0 });
  const preempting = (name: string, prio: number): Pod => {
    const p = makePod(name).priority(prio).node('node1').terminating().build();
    p.status = { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }] };
    return p;
  };
  const cases: { name: string; policy: string; nominated?: { code: Code; pods: Pod[] }; want: boolean; reason?: string }[] = [
    { name: 'Pod with nominated node', policy: 'PreemptLowerPriority', nominated: { code: 'Unschedulable', pods: [preempting('p_with_nominated_node', lowPriority)] }, want: false, reason: 'not eligible due to a terminating pod on the nominated node.' },
    { name: 'Pod with nominated node, but without victims', policy: 'PreemptLowerPriority', nominated: { code: 'Unschedulable', pods: [] }, want: true },
    { name: 'Pod with nominated node, victim is terminating but not by preemption', policy: 'PreemptLowerPriority', nominated: { code: 'Unschedulable', pods: [makePod('v').priority(lowPriority).node('node1').terminating().build()] }, want: true },
    { name: 'non-victim Pods terminating', policy: 'PreemptLowerPriority', nominated: { code: 'Unschedulable', pods: [preempting('p', highPriority + 1)] }, want: true },
    { name: 'Pod with nominated node, and node is UnschedulableAndUnresolvable', policy: 'PreemptLowerPriority', nominated: { code: 'UnschedulableAndUnresolvable', pods: [preempting('p', lowPriority)] }, want: true },
    { name: 'Pod with PreemptNever preemption policy', policy: 'Never', want: false, reason: 'not eligible due to preemptionPolicy=Never.' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const r = podEligibleToPreemptOthers(tc.policy, highPriority, tc.nominated && { code: tc.nominated.code, pods: tc.nominated.pods.map(ranked) });
      assert.equal(r.eligible, tc.want);
      assert.equal(r.reason, tc.reason);
    });
  }
});

describe('pickOneNodeForPreemption (upstream TestSelectBestCandidate criteria)', () => {
  const v = (priority: number, startTime = 0): RankedPod => ({ info: makePodInfo(makePod('v').build()), priority, startTime });
  const cand = (node: string, victims: RankedPod[], numPDBViolations = 0): Candidate => ({ node, victims, numPDBViolations });
  const cases: { name: string; candidates: Candidate[]; want: string; ties: string[] }[] = [
    { name: 'fewer PDB violations wins', candidates: [cand('node1', [v(lowPriority)], 1), cand('node2', [v(highPriority)], 0)], want: 'node2', ties: ['node2'] },
    { name: 'a node with min highest priority victim is picked', candidates: [cand('node1', [v(midPriority), v(lowPriority)]), cand('node2', [v(lowPriority), v(lowPriority)])], want: 'node2', ties: ['node2'] },
    { name: 'when highest priorities are the same, minimum sum of lower priorities is picked', candidates: [cand('node1', [v(midPriority), v(midPriority)]), cand('node2', [v(midPriority), v(lowPriority)])], want: 'node2', ties: ['node2'] },
    { name: 'negative priorities: fewer pods of the same negative priority is picked', candidates: [cand('node1', [v(-100), v(-100)]), cand('node2', [v(-100)])], want: 'node2', ties: ['node2'] },
    { name: 'when sum of priorities is the same, fewer victims is picked', candidates: [cand('node1', [v(midPriority), v(-50), v(-50)]), cand('node2', [v(midPriority), v(-100)])], want: 'node2', ties: ['node2'] },
    { name: 'the latest start time of highest-priority victims is picked', candidates: [cand('node1', [v(midPriority, 1), v(lowPriority, 9)]), cand('node2', [v(midPriority, 5), v(lowPriority, 0)])], want: 'node2', ties: ['node2'] },
    { name: 'mixed: all criteria equal, every node is a tie', candidates: [cand('node3', [v(lowPriority, 2)]), cand('node1', [v(lowPriority, 2)])], want: 'node1', ties: ['node1', 'node3'] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const c = pickOneNodeForPreemption(tc.candidates, 100)!;
      assert.equal(c.candidate.node, tc.want);
      assert.deepEqual(c.ties, tc.ties);
      assert.deepEqual(c.equallyPossible, tc.ties);
    });
  }
  it('a sample smaller than the candidates makes worse candidates possible, never a PDB-violating one when a clean one exists', () => {
    const cs = [cand('a', [v(1)]), cand('b', [v(2)]), cand('c', [v(3)]), cand('d', [v(0)], 1)];
    const c = pickOneNodeForPreemption(cs, 2)!;
    assert.equal(c.candidate.node, 'a');
    // A sample of 2 candidates: {b, c} makes b the best, {c, d} makes c the best (d violates a budget);
    // d is never chosen while a clean candidate exists, and the sample always stops on a clean one.
    assert.deepEqual(c.equallyPossible, ['a', 'b', 'c']);
  });
});

describe('calculateNumCandidates (upstream TestCalculateNumCandidates: default args)', () => {
  const cases = [
    { name: 'no nodes', numNodes: 0, want: 0 },
    { name: 'nodes less than minCandidateNodesAbsolute', numNodes: 50, want: 50 },
    { name: 'nodes between absolute and percentage', numNodes: 500, want: 100 },
    { name: 'nodes above the percentage threshold', numNodes: 5000, want: 500 },
  ];
  for (const tc of cases) it(tc.name, () => assert.equal(calculateNumCandidates(tc.numNodes), tc.want));
});

describe('victim selection on a node (SelectVictimsOnNode through preempt)', () => {
  it('reprieves the most important pods first and keeps PDB-violating ones when it can', () => {
    const pods = [
      makePod('low-old').priority(lowPriority).req({ cpu: '1' }).node('n1').label('app', 'x').build(),
      makePod('low-new').priority(lowPriority).req({ cpu: '1' }).node('n1').label('app', 'y').build(),
      makePod('mid').priority(midPriority).req({ cpu: '1' }).node('n1').build(),
    ];
    pods[0].status = { startTime: '2026-01-01T00:00:00Z' };
    pods[1].status = { startTime: '2026-01-02T00:00:00Z' };
    const pdbs: PodDisruptionBudget[] = [{ metadata: { name: 'x', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'x' } } }, status: { disruptionsAllowed: 0 } }];
    const cluster = Cluster.build({ nodes: [makeNode('n1').capacity({ cpu: '3' }).build()], pods, podDisruptionBudgets: pdbs });
    const sched = new Scheduler({ cluster, env: defaultEnv() });
    const pod = makePod('p').priority(highPriority).req({ cpu: '1' }).build();
    const r = preempt(sched, makePodInfo(pod), sched.schedule(pod))!;
    // low-old violates its budget and is reprieved first; then mid (more important than low-new); low-new goes.
    assert.deepEqual(r.victims.map((x) => x.name), ['low-new']);
    assert.equal(r.numPDBViolations, 0);
    assert.equal(startTimeOf(makePodInfo(makePod('n').build())), Infinity);
  });
});

describe('PodDisruptionBudgets (disruption controller; filterPodsWithPDBViolation)', () => {
  const ready = (name: string, labels: Record<string, string>) => {
    const p = makePod(name).labels(labels).node('n').build();
    p.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    return p;
  };
  const pods = [ready('a', { app: 'x' }), ready('b', { app: 'x' }), ready('c', { app: 'x' })];
  const budget = (spec: PodDisruptionBudget['spec']): PodDisruptionBudget => ({ metadata: { name: 'b', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'x' } }, ...spec } });
  const cases = [
    { name: 'minAvailable int', spec: { minAvailable: 2 }, want: 1 },
    { name: 'minAvailable percent rounds up', spec: { minAvailable: '50%' }, want: 1 },
    { name: 'maxUnavailable int', spec: { maxUnavailable: 1 }, want: 1 },
    { name: 'maxUnavailable percent rounds up', spec: { maxUnavailable: '34%' }, want: 2 },
    { name: 'minAvailable above the healthy count: none', spec: { minAvailable: 5 }, want: 0 },
    { name: 'a string that is not a percentage: none', spec: { minAvailable: '2' }, want: 0 },
  ];
  for (const tc of cases) it(tc.name, () => assert.equal(computeDisruptionsAllowed(budget(tc.spec), pods), tc.want));
  it('a nil or empty selector matches nothing for the scheduler; pods without labels match nothing', () => {
    const infos = [makePodInfo(pods[0]), makePodInfo(makePod('bare').build())];
    const budgets = budgetsOf([{ metadata: { name: 'e', namespace: 'default' }, spec: { selector: {} }, status: { disruptionsAllowed: 0 } }], []);
    assert.deepEqual(filterPodsWithPDBViolation(infos, budgets).map((g) => g.map((p) => p.name)), [[], ['a', 'bare']]);
  });
  it('decrements per matching budget in order: the second pod beyond the allowance violates', () => {
    const infos = pods.map(makePodInfo);
    const budgets = budgetsOf([budget({ minAvailable: 2 })], pods);
    assert.deepEqual(filterPodsWithPDBViolation(infos, budgets).map((g) => g.map((p) => p.name)), [['b', 'c'], ['a']]);
  });
});

describe('Priority admission (upstream admission_test.go)', () => {
  const classes: PriorityClass[] = [
    { metadata: { name: 'default1' }, value: 1000, globalDefault: true },
    { metadata: { name: 'default2' }, value: 500, globalDefault: true },
    { metadata: { name: 'nopreempt' }, value: 2000, preemptionPolicy: 'Never' },
  ];
  const idx = new PriorityClassIndex(classes);
  const cases = [
    { name: 'pod with no priority class name gets the global default (the lowest when several)', spec: {}, want: 500, policy: 'PreemptLowerPriority' },
    { name: 'pod with a system priority class', spec: { priorityClassName: 'system-cluster-critical' }, want: 2000000000, policy: 'PreemptLowerPriority' },
    { name: 'pod with system-node-critical', spec: { priorityClassName: 'system-node-critical' }, want: 2000001000, policy: 'PreemptLowerPriority' },
    { name: 'pod with a non-existing priority class', spec: { priorityClassName: 'foo' }, want: 0, policy: 'PreemptLowerPriority', rejected: 'no PriorityClass with name foo was found' },
    { name: 'pod with a priority class whose preemptionPolicy is Never', spec: { priorityClassName: 'nopreempt' }, want: 2000, policy: 'Never' },
    { name: 'pod with a spec.priority that differs', spec: { priorityClassName: 'nopreempt', priority: 1 }, want: 1, policy: 'Never', rejected: 'the integer value of priority (1) must not be provided in pod spec; priority admission controller computed 2000 from the given PriorityClass name' },
    { name: 'pod whose preemptionPolicy differs from its class', spec: { priorityClassName: 'default1', preemptionPolicy: 'Never' }, want: 1000, policy: 'Never', rejected: 'the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const r = resolvePriority(tc.spec, idx);
      assert.equal(r.priority, tc.want);
      assert.equal(r.preemptionPolicy, tc.policy);
      assert.equal(r.rejected, tc.rejected);
    });
  }
});
