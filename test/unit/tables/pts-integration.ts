// Full-profile PodTopologySpread outcomes, ported from upstream integration tests:
// - test/integration/scheduler/filters/filters_test.go TestPodTopologySpreadFilter
//   (kubernetes/kubernetes @ 0097b89273f4d1bdc914e66736acbd64368b3a26, index id 52218301419; the other
//   stored copy @ 0e7298d54de752da7a887343b9dbde487da3e528 has the same PodTopologySpread table);
// - test/integration/scheduler/scoring/priorities_test.go TestPodTopologySpreadScoring (index id 166997904).
//
// wantFeasible = upstream `candidateNodes` / `want`: the nodes the pod may land on; [] when upstream
// expects the pod to stay unschedulable. Upstream pods carry one pause container without requests and
// the nodes have st.MakeNode()'s default capacity of 32 pods; every pod lives in the test's namespace (here "default"). The existing
// pods are bound (nodeName set) before the incoming pod is created.
// Upstream toggles NodeInclusionPolicyInPodTopologySpread / MatchLabelKeysInPodTopologySpread per case
// (both off unless the case turns them on); the gates below matter only where a case uses the feature.

import type { ClusterCase } from '../harness';
import { fooSelector, incoming, node, pod, unschedulableTaints as taints } from './pts-common';

export interface IntegrationCase extends ClusterCase {
  wantFeasible: string[];
  /**
   * Where upstream expects the pod after PREEMPTION (kube-spread does not model preemption, so
   * wantFeasible is what the filters alone allow).
   */
  wantAfterPreemption?: string[];
}

const FILTERS = 'test/integration/scheduler/filters/filters_test.go TestPodTopologySpreadFilter';
const SCORING = 'test/integration/scheduler/scoring/priorities_test.go TestPodTopologySpreadScoring';

const NIP_OFF = { minor: 32, gates: { NodeInclusionPolicyInPodTopologySpread: false } };
const NIP_ON = { gates: { NodeInclusionPolicyInPodTopologySpread: true } };
const MLK_OFF = { gates: { MatchLabelKeysInPodTopologySpread: false } };
const MLK_ON = { gates: { MatchLabelKeysInPodTopologySpread: true } };

const n = (name: string, zone: string, extra: Record<string, string> = {}, t?: typeof taints) => node(name, { node: name, zone, ...extra }, t);
/** node-0/1 in zone-0, node-2/3 in zone-1, labelled node=<name>. */
const defaultNodes = () => [n('node-0', 'zone-0'), n('node-1', 'zone-0'), n('node-2', 'zone-1'), n('node-3', 'zone-1')];
/** node-1/2 in zone-1 (foo), node-3/4 in zone-2 (node-4 foo): the node-inclusion fixtures. */
const inclusionNodes = (opts: { taint2?: boolean; taint3?: boolean; foo3?: boolean; foo4?: boolean }) => [
  n('node-1', 'zone-1', { foo: '' }),
  n('node-2', 'zone-1', { foo: '' }, opts.taint2 ? taints : undefined),
  n('node-3', 'zone-2', opts.foo3 ? { foo: '' } : {}, opts.taint3 ? taints : undefined),
  n('node-4', 'zone-2', opts.foo4 === false ? {} : { foo: '' }),
];
const foo = (name: string, nodeName: string, extra: Record<string, string> = {}) => pod(name, nodeName, { foo: '', ...extra });
const p = () => incoming({ foo: '' });

export const podTopologySpreadFilterCases: IntegrationCase[] = [
  {
    name: 'place pod on a 1/1/0/1 cluster with MaxSkew=1, node-2 is the only fit',
    source: FILTERS,
    pod: p().spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    existingPods: [foo('p0', 'node-0'), foo('p1', 'node-1'), foo('p3', 'node-3')],
    nodes: defaultNodes(),
    wantFeasible: ['node-2'],
  },
  {
    name: 'place pod on a 2/0/0/1 cluster with MaxSkew=2, node-{1,2,3} are good fits',
    source: FILTERS,
    pod: p().spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector).build(),
    existingPods: [foo('p0a', 'node-0'), foo('p0b', 'node-0'), foo('p3', 'node-3')],
    nodes: defaultNodes(),
    wantFeasible: ['node-1', 'node-2', 'node-3'],
  },
  {
    name: 'pod is required to be placed on zone0, so only node-1 fits',
    source: FILTERS,
    pod: p().nodeAffinityIn('zone', ['zone-0']).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    existingPods: [foo('p0', 'node-0'), foo('p3', 'node-3')],
    nodes: defaultNodes(),
    wantFeasible: ['node-1'],
  },
  {
    name: 'two constraints: pod can only be placed to zone-1/node-2',
    source: FILTERS,
    pod: p().spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    existingPods: [foo('p0', 'node-0'), foo('p1', 'node-1'), foo('p3a', 'node-3'), foo('p3b', 'node-3')],
    nodes: defaultNodes(),
    wantFeasible: ['node-2'],
  },
  {
    name: 'pod cannot be placed onto any node',
    source: FILTERS,
    pod: p().nodeAffinityNotIn('node', ['node-0'])
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    existingPods: [foo('p1a', 'node-1'), foo('p1b', 'node-1'), foo('p2a', 'node-2'), foo('p2b', 'node-2'), foo('p3', 'node-3')],
    nodes: defaultNodes(),
    wantFeasible: [],
  },
  {
    // Same cluster as the previous case, but the incoming pod has priority 100 and preempts
    // (the existing pods have priority 0 and a zero termination grace period).
    name: 'high priority pod can preempt others',
    source: FILTERS,
    pod: p().priority(100).nodeAffinityNotIn('node', ['node-0'])
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    existingPods: [foo('p1a', 'node-1'), foo('p1b', 'node-1'), foo('p2a', 'node-2'), foo('p2b', 'node-2'), foo('p3', 'node-3')],
    nodes: defaultNodes(),
    wantFeasible: [],
    wantAfterPreemption: ['node-1', 'node-2', 'node-3'],
  },
  {
    name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits',
    source: FILTERS,
    pod: p().nodeAffinityNotIn('node', ['node-0']).spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector, { minDomains: 4 }).build(),
    existingPods: [foo('p1a', 'node-1'), foo('p1b', 'node-1'), foo('p2a', 'node-2'), foo('p2b', 'node-2'), foo('p3', 'node-3')],
    nodes: defaultNodes(),
    wantFeasible: ['node-3'],
  },
  {
    name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit',
    source: FILTERS,
    pod: p().nodeAffinityNotIn('node', ['node-0']).spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector, { minDomains: 2 }).build(),
    existingPods: [foo('p1a', 'node-1'), foo('p1b', 'node-1'), foo('p2a', 'node-2'), foo('p2b', 'node-2'), foo('p3', 'node-3')],
    nodes: defaultNodes(),
    wantFeasible: ['node-1', 'node-2', 'node-3'],
  },
  {
    name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit',
    source: FILTERS,
    pod: p().spreadConstraint(2, 'zone', 'DoNotSchedule', fooSelector, { minDomains: 3 }).build(),
    existingPods: [foo('p1a', 'node-0'), foo('p2a', 'node-1'), foo('p3a', 'node-2')],
    nodes: defaultNodes(),
    wantFeasible: ['node-2', 'node-3'],
  },
  {
    // Upstream name says "<" but the case uses minDomains 1 (smaller than the 2 domains).
    name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the all nodes fit',
    source: FILTERS,
    pod: p().spreadConstraint(2, 'zone', 'DoNotSchedule', fooSelector, { minDomains: 1 }).build(),
    existingPods: [foo('p1a', 'node-1'), foo('p2a', 'node-2'), foo('p3a', 'node-3')],
    nodes: defaultNodes(),
    wantFeasible: ['node-0', 'node-1', 'node-2', 'node-3'],
  },
  {
    // node-3 is rejected by NodeAffinity
    name: 'NodeAffinityPolicy honored with labelSelectors, pods spread across zone as 2/1',
    source: FILTERS,
    ...NIP_ON,
    pod: p().nodeSelector({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).build(),
    existingPods: [foo('p1a', 'node-1'), foo('p2a', 'node-2'), foo('p3a', 'node-3'), foo('p4a', 'node-4')],
    nodes: inclusionNodes({}),
    wantFeasible: ['node-4'],
  },
  {
    name: 'NodeAffinityPolicy ignored with nodeAffinity, pods spread across zone as 1/~2~',
    source: FILTERS,
    ...NIP_ON,
    pod: p().nodeAffinityIn('foo', ['']).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' }).build(),
    existingPods: [foo('p1a', 'node-1'), foo('p3a', 'node-3'), foo('p4a', 'node-4')],
    nodes: inclusionNodes({}),
    wantFeasible: ['node-1', 'node-2'],
  },
  {
    // node-3 is rejected by TaintToleration
    name: 'NodeTaintsPolicy honored, pods spread across zone as 2/1',
    source: FILTERS,
    ...NIP_ON,
    pod: p().spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { nodeTaintsPolicy: 'Honor' }).build(),
    existingPods: [foo('p1a', 'node-1'), foo('p2a', 'node-2'), foo('p3a', 'node-3'), foo('p4a', 'node-4')],
    nodes: inclusionNodes({ taint3: true }),
    wantFeasible: ['node-4'],
  },
  {
    // node-3 is rejected by TaintToleration
    name: 'NodeTaintsPolicy ignored, pods spread across zone as 2/2',
    source: FILTERS,
    ...NIP_ON,
    pod: p().spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).build(),
    existingPods: [foo('p1a', 'node-1'), foo('p2a', 'node-2'), foo('p3a', 'node-3'), foo('p4a', 'node-4')],
    nodes: inclusionNodes({ taint3: true }),
    wantFeasible: ['node-1', 'node-2', 'node-4'],
  },
  {
    // zone: 2/1, node: 1/1/~0~/1 ⇒ node-4 (node-3 rejected by NodeAffinity)
    name: 'two node inclusion Constraints, zone: honor/ignore, node: honor/ignore',
    source: FILTERS,
    ...NIP_ON,
    pod: p().nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    existingPods: [foo('p1a', 'node-1'), foo('p2a', 'node-2'), foo('p3a', 'node-3'), foo('p4a', 'node-4')],
    nodes: inclusionNodes({ taint2: true }),
    wantFeasible: ['node-4'],
  },
  {
    name: 'feature gate disabled, two node inclusion Constraints, zone: honor/ignore, node: honor/ignore',
    source: FILTERS,
    ...NIP_OFF,
    pod: p().nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    existingPods: [foo('p1a', 'node-1'), foo('p2a', 'node-2'), foo('p3a', 'node-3'), foo('p4a', 'node-4')],
    nodes: inclusionNodes({ taint2: true }),
    wantFeasible: ['node-4'],
  },
  {
    // zone: 2/2, node: 1/~0~/~0~/1 ⇒ node-1, node-4 (node-2, node-3 rejected by other plugins)
    name: 'two node inclusion Constraints, zone: ignore/ignore, node: honor/honor',
    source: FILTERS,
    ...NIP_ON,
    pod: p().nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' })
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, { nodeTaintsPolicy: 'Honor' }).build(),
    existingPods: [foo('p1a', 'node-1'), foo('p2a', 'node-2'), foo('p3a', 'node-3'), foo('p4a', 'node-4')],
    nodes: inclusionNodes({ taint2: true }),
    wantFeasible: ['node-1', 'node-4'],
  },
  {
    name: 'matchLabelKeys ignored when feature gate disabled, pods spread across zone as 2/1',
    source: FILTERS,
    ...MLK_OFF,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { matchLabelKeys: ['bar'] }).build(),
    existingPods: [foo('p1a', 'node-0'), foo('p2a', 'node-1'), foo('p3a', 'node-2', { bar: '' })],
    nodes: defaultNodes(),
    wantFeasible: ['node-2', 'node-3'],
  },
  {
    name: "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty, pods spread across zone as 0/1",
    source: FILTERS,
    ...MLK_ON,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { matchLabelKeys: ['bar'] }).build(),
    existingPods: [foo('p1a', 'node-0'), foo('p2a', 'node-1'), foo('p3a', 'node-2', { bar: '' })],
    nodes: defaultNodes(),
    wantFeasible: ['node-0', 'node-1'],
  },
  {
    name: 'matchLabelKeys ANDed with LabelSelector when LabelSelector is empty, pods spread across zone as 2/1',
    source: FILTERS,
    ...MLK_ON,
    pod: p().spreadConstraint(1, 'zone', 'DoNotSchedule', {}, { matchLabelKeys: ['foo'] }).build(),
    existingPods: [foo('p1a', 'node-0'), foo('p2a', 'node-1'), foo('p3a', 'node-2')],
    nodes: defaultNodes(),
    wantFeasible: ['node-2', 'node-3'],
  },
];

/**
 * TestPodTopologySpreadScoring runs the default filters but PodTopologySpread as the ONLY score
 * plugin (weight 1); wantFeasible is where upstream expects the pod to land (the top-scored node).
 * node-0 of these default nodes carries an untolerated k1=v1:NoSchedule taint.
 */
const K1_TAINT = [{ key: 'k1', value: 'v1', effect: 'NoSchedule' }];
const scoringNodes = () => [n('node-0', 'zone-0', {}, K1_TAINT), n('node-1', 'zone-0'), n('node-2', 'zone-1'), n('node-3', 'zone-1')];
const scoringInclusionNodes = () => [
  n('node-1', 'zone-1', { foo: '' }),
  n('node-2', 'zone-1', { foo: '' }, taints),
  n('node-3', 'zone-2', { foo: '' }),
  n('node-4', 'zone-2'),
];

export const podTopologySpreadScoringCases: IntegrationCase[] = [
  {
    name: 'place pod on a ~0~/1/2/3 cluster with MaxSkew=1, node-1 is the preferred fit',
    source: SCORING,
    pod: p().spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector).build(),
    existingPods: [foo('p1', 'node-1'), foo('p2a', 'node-2'), foo('p2b', 'node-2'), foo('p3a', 'node-3'), foo('p3b', 'node-3'), foo('p3c', 'node-3')],
    nodes: scoringNodes(),
    wantFeasible: ['node-1'],
  },
  {
    name: 'combined with hardSpread constraint on a ~4~/0/1/2 cluster',
    source: SCORING,
    pod: p().spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).build(),
    existingPods: [
      foo('p0a', 'node-0'), foo('p0b', 'node-0'), foo('p0c', 'node-0'), foo('p0d', 'node-0'),
      foo('p2', 'node-2'), foo('p3a', 'node-3'), foo('p3b', 'node-3'),
    ],
    nodes: scoringNodes(),
    wantFeasible: ['node-2'],
  },
  {
    // zone: ~3~/0; node: 1/~2~/0/~0~ (node-2 and node-4 rejected by filters)
    name: 'soft constraint with two node inclusion Constraints, zone: honor/ignore, node: honor/ignore',
    source: SCORING,
    ...NIP_ON,
    pod: p().nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector).spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector).build(),
    existingPods: [foo('p1a', 'node-1'), foo('p2a', 'node-2'), foo('p2b', 'node-2'), foo('p4a', 'node-4')],
    nodes: scoringInclusionNodes(),
    wantFeasible: ['node-3'],
  },
  {
    // zone: ~3~/~1~; node: 1/~0~/0/~0~ (node-2 and node-4 rejected by filters)
    name: 'soft constraint with two node inclusion Constraints, zone: ignore/ignore, node: honor/honor',
    source: SCORING,
    ...NIP_ON,
    pod: p().nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector, { nodeAffinityPolicy: 'Ignore' })
      .spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector, { nodeTaintsPolicy: 'Honor' }).build(),
    existingPods: [foo('p1a', 'node-1'), foo('p2a', 'node-2'), foo('p2b', 'node-2'), foo('p4a', 'node-4')],
    nodes: scoringInclusionNodes(),
    wantFeasible: ['node-3'],
  },
  {
    name: 'matchLabelKeys ignored when feature gate disabled, node-1 is the preferred fit',
    source: SCORING,
    ...MLK_OFF,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector, { matchLabelKeys: ['bar'] }).build(),
    existingPods: [
      foo('p1', 'node-1', { bar: '' }), foo('p2a', 'node-2'), foo('p2b', 'node-2'),
      foo('p3a', 'node-3', { bar: '' }), foo('p3b', 'node-3', { bar: '' }), foo('p3c', 'node-3'),
    ],
    nodes: scoringNodes(),
    wantFeasible: ['node-1'],
  },
  {
    name: "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty, node-2 is the preferred fit",
    source: SCORING,
    ...MLK_ON,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector, { matchLabelKeys: ['bar'] }).build(),
    existingPods: [
      foo('p1', 'node-1', { bar: '' }), foo('p2a', 'node-2'), foo('p2b', 'node-2'),
      foo('p3a', 'node-3', { bar: '' }), foo('p3b', 'node-3', { bar: '' }), foo('p3c', 'node-3'),
    ],
    nodes: scoringNodes(),
    wantFeasible: ['node-2'],
  },
  {
    name: 'matchLabelKeys ANDed with LabelSelector when LabelSelector is empty, node-1 is the preferred fit',
    source: SCORING,
    ...MLK_ON,
    pod: p().spreadConstraint(1, 'node', 'ScheduleAnyway', {}, { matchLabelKeys: ['foo'] }).build(),
    existingPods: [foo('p1', 'node-1'), foo('p2a', 'node-2'), foo('p2b', 'node-2'), foo('p3a', 'node-3'), foo('p3b', 'node-3'), foo('p3c', 'node-3')],
    nodes: scoringNodes(),
    wantFeasible: ['node-1'],
  },
];
