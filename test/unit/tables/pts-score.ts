// PodTopologySpread PreScore + Score + NormalizeScore cases, ported from upstream
// pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go (TestPodTopologySpreadScore,
// TestPreScoreSkip). Upstream copy: kubernetes/kubernetes @ 008b3652959ca58af8be3fb5b6ecfe9ae7638282
// (index id 4507477284, the `fwk` version).
//
// Upstream builds the snapshot from `nodes` + `failedNodes` and runs PreScore on `nodes` only; here
// `nodes` lists every node (candidates first, then the failed ones, as upstream) and `feasible` the
// candidates. TestPodTopologySpreadScore runs with DefaultingType=System; TestPreScoreSkip with List.

import type { TopologySpreadConstraint } from '../../../server/src/engine/api';
import type { ScoreCase } from '../harness';
import { makePod } from '../builders';
import {
  HOSTNAME, barSelector, fooPods, fooSelector, incoming, node, pod, unschedulableTaints as taints,
} from './pts-common';

const SCORING = 'pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go';
const SCORE = `${SCORING} TestPodTopologySpreadScore`;
const SKIP = `${SCORING} TestPreScoreSkip`;

const systemArgs = { defaultingType: 'System', defaultConstraints: [] as TopologySpreadConstraint[] };
const listArgs = (defaultConstraints: TopologySpreadConstraint[] = []) => ({ defaultingType: 'List', defaultConstraints });
const NIP_ON = { gates: { NodeInclusionPolicyInPodTopologySpread: true } };
const MLK_OFF = { gates: { MatchLabelKeysInPodTopologySpread: false } };
const MLK_ON = { gates: { MatchLabelKeysInPodTopologySpread: true } };

/** Node with only the hostname label. */
const hn = (name: string) => node(name, { [HOSTNAME]: name });
/** Node with zone + hostname labels. */
const zh = (name: string, zone: string) => node(name, { zone, [HOSTNAME]: name });
/** foo pods 2/1/0/3 on node-a/b/c/d. */
const pods2103 = () => fooPods([['node-a', 'p-a', 2], ['node-b', 'p-b', 1], ['node-d', 'p-d', 3]]);
/** foo pods 4/3/2/1 on node-a/b/c/d. */
const pods4321 = () => fooPods([['node-a', 'p-a', 4], ['node-b', 'p-b', 3], ['node-c', 'p-c', 2], ['node-d', 'p-d', 1]]);
/** foo pods 4/2/1/3 on node-a/b/x/y. */
const pods4213 = () => fooPods([['node-a', 'p-a', 4], ['node-b', 'p-b', 2], ['node-x', 'p-x', 1], ['node-y', 'p-y', 3]]);
/** foo pods 2/1/1 on node-a/b/c ("node" label cases). */
const pods211 = () => fooPods([['node-a', 'p-a', 2], ['node-b', 'p-b', 1], ['node-c', 'p-c', 1]]);
/** node-a/b carry foo="", node-c does not. */
const abcFoo = () => [node('node-a', { node: 'node-a', foo: '' }), node('node-b', { node: 'node-b', foo: '' }), node('node-c', { node: 'node-c' })];
const abcTaint = () => [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' }), node('node-c', { node: 'node-c' }, taints)];
/** node-a/b in zone1, node-c/d in zone2, with hostname labels (matchLabelKeys cases). */
const abcdZones = () => [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-c', 'zone2'), zh('node-d', 'zone2')];

const scoreRaw: ScoreCase[] = [
  {
    name: 'one constraint on node, no existing pods',
    source: SCORE,
    pod: incoming({ foo: '' }).spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).build(),
    nodes: [hn('node-a'), hn('node-b')],
    want: { 'node-a': 100, 'node-b': 100 },
  },
  {
    name: 'one constraint on node, only one node is candidate',
    source: SCORE,
    pod: incoming({ foo: '' }).spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).build(),
    existingPods: fooPods([['node-a', 'p-a', 2], ['node-b', 'p-b', 1]]),
    nodes: [hn('node-a'), hn('node-b')],
    feasible: ['node-a'],
    want: { 'node-a': 100 },
  },
  {
    name: 'one constraint on node, all nodes have the same number of matching pods',
    source: SCORE,
    pod: incoming({ foo: '' }).spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).build(),
    existingPods: fooPods([['node-a', 'p-a', 1], ['node-b', 'p-b', 1]]),
    nodes: [hn('node-a'), hn('node-b')],
    want: { 'node-a': 100, 'node-b': 100 },
  },
  {
    name: 'one constraint on node, all 4 nodes are candidates',
    source: SCORE,
    pod: incoming({ foo: '' }).spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).build(),
    existingPods: pods2103(),
    nodes: [hn('node-a'), hn('node-b'), hn('node-c'), hn('node-d')],
    want: { 'node-a': 20, 'node-b': 60, 'node-c': 100, 'node-d': 0 },
  },
  {
    name: 'one constraint on node, null selector',
    source: SCORE,
    pod: incoming({ foo: '' }).spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', null).build(),
    existingPods: pods2103(),
    nodes: [hn('node-a'), hn('node-b'), hn('node-c'), hn('node-d')],
    want: { 'node-a': 100, 'node-b': 100, 'node-c': 100, 'node-d': 100 },
  },
  {
    name: 'one constraint on node, all 4 nodes are candidates, maxSkew=2',
    source: SCORE,
    pod: incoming({ foo: '' }).spreadConstraint(2, HOSTNAME, 'ScheduleAnyway', fooSelector).build(),
    existingPods: pods2103(),
    nodes: [hn('node-a'), hn('node-b'), hn('node-c'), hn('node-d')],
    want: { 'node-a': 33, 'node-b': 66, 'node-c': 100, 'node-d': 16 },
  },
  {
    name: 'one constraint on node, all 4 nodes are candidates, maxSkew=3',
    source: SCORE,
    pod: incoming({ foo: '' }).spreadConstraint(3, HOSTNAME, 'ScheduleAnyway', fooSelector).build(),
    existingPods: pods4321(),
    nodes: [hn('node-a'), hn('node-b'), hn('node-c'), hn('node-d')],
    want: { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 },
  },
  {
    // System default constraints (hostname maxSkew 3, zone maxSkew 5) with the Service's selector.
    name: "system defaulting, nodes don't have zone, pods match service",
    source: SCORE,
    pod: incoming({ foo: '' }).build(),
    existingPods: pods4321(),
    nodes: [hn('node-a'), hn('node-b'), hn('node-c'), hn('node-d')],
    services: [{ metadata: { name: 's', namespace: 'default' }, spec: { selector: { foo: '' } } }],
    want: { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 },
  },
  {
    // 4/2/1/~3~
    name: 'one constraint on node, 3 out of 4 nodes are candidates',
    source: SCORE,
    pod: incoming({ foo: '' }).spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).build(),
    existingPods: pods4213(),
    nodes: [hn('node-a'), hn('node-b'), hn('node-x'), hn('node-y')],
    feasible: ['node-a', 'node-b', 'node-x'],
    want: { 'node-a': 33, 'node-b': 83, 'node-x': 100 },
  },
  {
    // 4/?2?/1/~3~: node-b lacks the hostname label
    name: "one constraint on node, 3 out of 4 nodes are candidates, one node doesn't match topology key",
    source: SCORE,
    pod: incoming({ foo: '' }).spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).build(),
    existingPods: pods4213(),
    nodes: [hn('node-a'), node('node-b', { n: 'node-b' }), hn('node-x'), hn('node-y')],
    feasible: ['node-a', 'node-b', 'node-x'],
    want: { 'node-a': 16, 'node-b': 0, 'node-x': 100 },
  },
  {
    // 4/2/1/~3~
    name: 'one constraint on zone, 3 out of 4 nodes are candidates',
    source: SCORE,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector).build(),
    existingPods: pods4213(),
    nodes: [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-x', 'zone2'), zh('node-y', 'zone2')],
    feasible: ['node-a', 'node-b', 'node-x'],
    want: { 'node-a': 75, 'node-b': 75, 'node-x': 100 },
  },
  {
    // 2/~1~/2/~4~
    name: 'two Constraints on zone and node, 2 out of 4 nodes are candidates',
    source: SCORE,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).build(),
    existingPods: fooPods([['node-a', 'p-a', 2], ['node-b', 'p-b', 1], ['node-x', 'p-x', 2], ['node-y', 'p-y', 4]]),
    nodes: [zh('node-a', 'zone1'), zh('node-x', 'zone2'), zh('node-b', 'zone1'), zh('node-y', 'zone2')],
    feasible: ['node-a', 'node-x'],
    want: { 'node-a': 100, 'node-x': 63 },
  },
  {
    name: 'two Constraints on zone, 2 out of 4 nodes are candidates',
    source: SCORE,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', barSelector).build(),
    existingPods: [
      pod('p-a1', 'node-a', { foo: '', bar: '' }), pod('p-a2', 'node-a', { foo: '' }), pod('p-b1', 'node-b', { foo: '', bar: '' }),
      pod('p-y1', 'node-y', { foo: '' }), pod('p-y2', 'node-y', { foo: '', bar: '' }), pod('p-y3', 'node-y', { foo: '' }),
    ],
    nodes: [node('node-a', { zone: 'zone1' }), node('node-x', { zone: 'zone2' }), node('node-b', { zone: 'zone1' }), node('node-y', { zone: 'zone2' })],
    feasible: ['node-a', 'node-x'],
    want: { 'node-a': 85, 'node-x': 100 },
  },
  {
    // zone (foo): 2/2/1/1; hostname (bar): 0/1/0/1
    name: 'two Constraints on zone and node, with different labelSelectors',
    source: SCORE,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', barSelector).build(),
    existingPods: [pod('p-a1', 'node-a', { foo: '' }), pod('p-b1', 'node-b', { foo: '', bar: '' }), pod('p-y1', 'node-y', { foo: '' }), pod('p-y2', 'node-y', { bar: '' })],
    nodes: [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-x', 'zone2'), zh('node-y', 'zone2')],
    want: { 'node-a': 60, 'node-b': 20, 'node-x': 100, 'node-y': 60 },
  },
  {
    // zone (foo): 0/0/2/2; hostname (bar): 0/1/0/1
    name: 'two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods',
    source: SCORE,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', barSelector).build(),
    existingPods: [pod('p-b1', 'node-b', { bar: '' }), pod('p-x1', 'node-x', { foo: '' }), pod('p-y1', 'node-y', { foo: '', bar: '' })],
    nodes: [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-x', 'zone2'), zh('node-y', 'zone2')],
    want: { 'node-a': 100, 'node-b': 60, 'node-x': 40, 'node-y': 0 },
  },
  {
    // zone (foo): 2/2/1/~1~; hostname (bar): 0/1/0/~1~
    name: 'two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates',
    source: SCORE,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', barSelector).build(),
    existingPods: [pod('p-a1', 'node-a', { foo: '' }), pod('p-b1', 'node-b', { foo: '', bar: '' }), pod('p-y1', 'node-y', { foo: '' }), pod('p-y2', 'node-y', { bar: '' })],
    nodes: [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-x', 'zone2'), zh('node-y', 'zone2')],
    feasible: ['node-a', 'node-b', 'node-x'],
    want: { 'node-a': 50, 'node-b': 25, 'node-x': 100 },
  },
  {
    name: 'existing pods in a different namespace do not count',
    source: SCORE,
    pod: incoming({ foo: '' }).spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).build(),
    existingPods: [
      pod('p-a1', 'node-a', { foo: '' }, 'ns1'), pod('p-a2', 'node-a', { foo: '' }),
      pod('p-b1', 'node-b', { foo: '' }), pod('p-b2', 'node-b', { foo: '' }),
    ],
    nodes: [hn('node-a'), hn('node-b')],
    want: { 'node-a': 100, 'node-b': 33 },
  },
  {
    name: 'terminating Pods should be excluded',
    source: SCORE,
    pod: incoming({ foo: '' }).spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).build(),
    nodes: [hn('node-a'), hn('node-b')],
    existingPods: [makePod('p-a').node('node-a').label('foo', '').terminating().build(), pod('p-b', 'node-b', { foo: '' })],
    want: { 'node-a': 100, 'node-b': 0 },
  },
  {
    // Artificial: the API server rejects minDomains with ScheduleAnyway.
    name: 'minDomains has no effect when ScheduleAnyway',
    source: SCORE,
    pod: incoming({ foo: '' }).spreadConstraint(2, 'node', 'ScheduleAnyway', fooSelector, { minDomains: 10 }).build(),
    nodes: [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' }), node('node-c', { node: 'node-c' })],
    existingPods: fooPods([['node-a', 'p-a', 2], ['node-b', 'p-b', 2], ['node-c', 'p-c', 1]]),
    want: { 'node-a': 75, 'node-b': 75, 'node-c': 100 },
  },
  {
    name: 'NodeAffinityPolicy honoed with labelSelectors',
    source: SCORE,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector).build(),
    nodes: abcFoo(),
    existingPods: pods211(),
    want: { 'node-a': 0, 'node-b': 33, 'node-c': 100 },
  },
  {
    name: 'NodeAffinityPolicy ignored with labelSelectors',
    source: SCORE,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeSelector({ foo: '' })
      .spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector, { nodeAffinityPolicy: 'Ignore' }).build(),
    nodes: abcFoo(),
    existingPods: pods211(),
    want: { 'node-a': 66, 'node-b': 100, 'node-c': 100 },
  },
  {
    name: 'NodeAffinityPolicy honoed with nodeAffinity',
    source: SCORE,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeAffinityIn('foo', ['']).spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector).build(),
    nodes: abcFoo(),
    existingPods: pods211(),
    want: { 'node-a': 0, 'node-b': 33, 'node-c': 100 },
  },
  {
    name: 'NodeAffinityPolicy ignored with nodeAffinity',
    source: SCORE,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeAffinityIn('foo', [''])
      .spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector, { nodeAffinityPolicy: 'Ignore' }).build(),
    nodes: abcFoo(),
    existingPods: pods211(),
    want: { 'node-a': 66, 'node-b': 100, 'node-c': 100 },
  },
  {
    name: 'NodeTaintsPolicy honored',
    source: SCORE,
    ...NIP_ON,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector, { nodeTaintsPolicy: 'Honor' }).build(),
    nodes: abcTaint(),
    existingPods: pods211(),
    want: { 'node-a': 0, 'node-b': 33, 'node-c': 100 },
  },
  {
    name: 'NodeTaintsPolicy ignored',
    source: SCORE,
    ...NIP_ON,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector).build(),
    nodes: abcTaint(),
    existingPods: pods211(),
    want: { 'node-a': 66, 'node-b': 100, 'node-c': 100 },
  },
  {
    name: 'matchLabelKeys ignored when feature gate disabled',
    source: SCORE,
    ...MLK_OFF,
    pod: incoming({ foo: '', bar: '', baz: '' })
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector, { matchLabelKeys: ['baz'] })
      .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', barSelector, { matchLabelKeys: ['baz'] }).build(),
    existingPods: [pod('p-a1', 'node-a', { foo: '' }), pod('p-b1', 'node-b', { foo: '', bar: '' }), pod('p-y1', 'node-c', { foo: '' }), pod('p-y2', 'node-c', { bar: '' })],
    nodes: abcdZones(),
    want: { 'node-a': 60, 'node-b': 20, 'node-c': 60, 'node-d': 100 },
  },
  {
    name: 'matchLabelKeys ANDed with LabelSelector when LabelSelector is empty',
    source: SCORE,
    ...MLK_ON,
    pod: incoming({ foo: '', bar: '' })
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', {}, { matchLabelKeys: ['foo'] })
      .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', {}, { matchLabelKeys: ['bar'] }).build(),
    existingPods: [pod('p-a1', 'node-a', { foo: '' }), pod('p-b1', 'node-b', { foo: '', bar: '' }), pod('p-y1', 'node-c', { foo: '' }), pod('p-y2', 'node-c', { bar: '' })],
    nodes: abcdZones(),
    want: { 'node-a': 60, 'node-b': 20, 'node-c': 60, 'node-d': 100 },
  },
  {
    name: "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty",
    source: SCORE,
    ...MLK_ON,
    pod: incoming({ foo: '', bar: '', baz: '' })
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', barSelector, { matchLabelKeys: ['baz'] }).build(),
    existingPods: [
      pod('p-a1', 'node-a', { foo: '' }), pod('p-b1', 'node-b', { foo: '', bar: '', baz: '' }), pod('p-c1', 'node-c', { foo: '' }),
      pod('p-c2', 'node-c', { bar: '' }), pod('p-d3', 'node-c', { bar: '', baz: '' }),
    ],
    nodes: abcdZones(),
    want: { 'node-a': 60, 'node-b': 20, 'node-c': 60, 'node-d': 100 },
  },
];

export const podTopologySpreadScoreCases: ScoreCase[] = scoreRaw.map((c) => ({ args: systemArgs, ...c }));

export const preScoreSkipCases: ScoreCase[] = [
  {
    name: "the pod doesn't have soft topology spread Constraints",
    source: SKIP,
    pod: makePod('p').namespace('default').build(),
    args: listArgs(),
    nodes: [hn('node-a'), hn('node-b')],
    wantPreScore: 'Skip',
  },
  {
    name: "default constraints and a replicaset that doesn't match",
    source: SKIP,
    pod: makePod('p').namespace('default').labels({ foo: 'bar', baz: 'sup' }).ownerReference('rs2', 'ReplicaSet').build(),
    args: listArgs([{ maxSkew: 2, topologyKey: 'planet', whenUnsatisfiable: 'ScheduleAnyway' }]),
    nodes: [node('node-a', { planet: 'mars' })],
    owners: [{ kind: 'ReplicaSet', metadata: { namespace: 'default', name: 'rs1' }, spec: { selector: { matchExpressions: [{ key: 'tar', operator: 'Exists' }] } } }],
    wantPreScore: 'Skip',
  },
];
