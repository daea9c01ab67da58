// PodTopologySpread PreFilter / PreScore state expectations, ported from upstream
// pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go (TestPreFilterState,
// TestPreFilterStateAddPod, TestPreFilterStateRemovePod) and scoring_test.go (TestPreScoreStateEmptyNodes).
// Upstream copy: kubernetes/kubernetes filtering_test.go @ 01c2588bf4a3eb6bb3524b1e2bd60efb38a4b577
// (index id 53806501085, the `fwk` version), scoring_test.go: see pts-score.ts.
//
// The expectations are plugin-independent summaries of upstream `preFilterState` / `preScoreState`:
// - domains       = TpValueToMatchNum of each hard constraint (match count per topology value);
// - globalMinimum = the critical-path minimum after the minDomains rule (0 when there are fewer
//                   domains than minDomains, which includes "no domain at all");
// - weight        = TopologyNormalizingWeight = ln(size + 2);
// - counts        = TopologyPairToPodCounts (non-hostname keys only).
//
// AddPod / RemovePod cases are expressed as the state PreFilter computes from scratch for the cluster
// after the addition / removal (the added pod is appended to existingPods; the removed pod is dropped),
// which is what those upstream tests assert the incremental update must equal.

import type { TopologySpreadConstraint } from '../../../server/src/engine/api';
import type { ClusterCase } from '../harness';
import {
  HOSTNAME, ZONE, barSelector, fooPods, fooSelector, incoming, node, pod, unschedulableTaints as taints, zn,
} from './pts-common';
import { matchLabels } from '../builders';

export interface PreFilterStateCase extends ClusterCase {
  want: {
    skip?: boolean;
    constraints: {
      topologyKey: string;
      maxSkew: number;
      minDomains: number;
      selector?: string;
      domains: Record<string, number>;
      globalMinimum: number;
    }[];
  };
}

export interface PreScoreStateCase extends ClusterCase {
  feasible?: string[];
  want: {
    skip?: boolean;
    ignoredNodes: string[];
    constraints: { topologyKey: string; maxSkew: number; weight: number; counts: Record<string, number> }[];
  };
}

const FILTERING = 'pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go';
const SCORING = 'pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go';

/** One expected hard constraint. */
function hard(topologyKey: string, domains: Record<string, number>, globalMinimum: number, maxSkew = 1, minDomains = 1) {
  return { topologyKey, maxSkew, minDomains, domains, globalMinimum };
}

/** The four-node two-zone cluster most upstream cases use (node-a/b in zone1, node-x/y in zone2). */
const abxy = () => [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-x', 'zone2'), zn('node-y', 'zone2')];

/** Upstream runs TestPreFilterState with DefaultingType=List and the case's default constraints. */
const listArgs = (defaultConstraints: TopologySpreadConstraint[] = []) => ({ defaultingType: 'List', defaultConstraints });

/** Upstream sets the plugin's NodeInclusionPolicy switch to false: only possible before 1.33 (GA). */
const NIP_OFF = { minor: 32, gates: { NodeInclusionPolicyInPodTopologySpread: false } };
const NIP_ON = { gates: { NodeInclusionPolicyInPodTopologySpread: true } };
const MLK_OFF = { gates: { MatchLabelKeysInPodTopologySpread: false } };
const MLK_ON = { gates: { MatchLabelKeysInPodTopologySpread: true } };

const TOLERATE_UNSCHEDULABLE = { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' };

// ---------------------------------------------------------------------------------------------
// TestPreFilterState
// ---------------------------------------------------------------------------------------------

const PFS = `${FILTERING} TestPreFilterState`;

/** Nodes of the NodeAffinityPolicy cases: node-a/b carry foo="", node-c carries bar="". */
const abcAffinity = () => [
  node('node-a', { node: 'node-a', foo: '' }),
  node('node-b', { node: 'node-b', foo: '' }),
  node('node-c', { node: 'node-c', bar: '' }),
];
/** Nodes of the NodeTaintsPolicy cases: node-c is tainted unschedulable and carries bar="". */
const abcTaints = () => [
  node('node-a', { node: 'node-a' }),
  node('node-b', { node: 'node-b' }),
  node('node-c', { node: 'node-c', bar: '' }, taints),
];
const barPodsABC = () => [pod('p-a', 'node-a', { bar: '' }), pod('p-b', 'node-b', { bar: '' }), pod('p-c', 'node-b', { bar: '' }), pod('p-d', 'node-c')];
/** a1 a2 b1 y1 y2 with foo="". */
const pods5 = () => fooPods([['node-a', 'p-a', 2], ['node-b', 'p-b', 1], ['node-y', 'p-y', 2]]);
/** a1 a2 b1 y1..y4 with foo="". */
const pods7 = () => fooPods([['node-a', 'p-a', 2], ['node-b', 'p-b', 1], ['node-y', 'p-y', 4]]);
/** a1 a2 b1 y1 y2 with foo="a". */
const pods5a = () => fooPods([['node-a', 'p-a', 2], ['node-b', 'p-b', 1], ['node-y', 'p-y', 2]], { foo: 'a' });

const preFilterStateRaw: PreFilterStateCase[] = [
  {
    name: 'clean cluster with one spreadConstraint',
    source: PFS,
    pod: incoming({ foo: '' }).spreadConstraint(5, 'zone', 'DoNotSchedule', matchLabels({ foo: 'bar' })).build(),
    nodes: abxy(),
    want: { constraints: [hard('zone', { zone1: 0, zone2: 0 }, 0, 5)] },
  },
  {
    name: 'normal case with one spreadConstraint',
    source: PFS,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: pods5(),
    want: { constraints: [hard('zone', { zone1: 3, zone2: 2 }, 2)] },
  },
  {
    name: 'normal case with null label selector',
    source: PFS,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', null).build(),
    nodes: abxy(),
    existingPods: pods5(),
    want: { constraints: [hard('zone', { zone1: 0, zone2: 0 }, 0)] },
  },
  {
    name: 'normal case with one spreadConstraint, on a 3-zone cluster',
    source: PFS,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).build(),
    nodes: [...abxy(), zn('node-o', 'zone3'), zn('node-p', 'zone3')],
    existingPods: pods5(),
    want: { constraints: [hard('zone', { zone1: 3, zone2: 2, zone3: 0 }, 0)] },
  },
  {
    name: "namespace mismatch doesn't count",
    source: PFS,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: [
      pod('p-a1', 'node-a', { foo: '' }), pod('p-a2', 'node-a', { foo: '' }, 'ns1'), pod('p-b1', 'node-b', { foo: '' }),
      pod('p-y1', 'node-y', { foo: '' }, 'ns2'), pod('p-y2', 'node-y', { foo: '' }),
    ],
    want: { constraints: [hard('zone', { zone1: 2, zone2: 1 }, 1)] },
  },
  {
    name: 'normal case with two spreadConstraints',
    source: PFS,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: pods7(),
    want: {
      constraints: [
        hard('zone', { zone1: 3, zone2: 4 }, 3),
        hard('node', { 'node-a': 2, 'node-b': 1, 'node-x': 0, 'node-y': 4 }, 0),
      ],
    },
  },
  {
    name: 'soft spreadConstraints should be bypassed',
    source: PFS,
    pod: incoming({ foo: '' })
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-y', 'zone2')],
    existingPods: pods7(),
    want: {
      constraints: [
        hard('zone', { zone1: 3, zone2: 4 }, 3),
        hard('node', { 'node-a': 2, 'node-b': 1, 'node-y': 4 }, 1),
      ],
    },
  },
  {
    name: 'different labelSelectors - simple version',
    source: PFS,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-y', 'zone2')],
    existingPods: [pod('p-a', 'node-a', { foo: '' }), pod('p-b', 'node-b', { bar: '' })],
    want: {
      constraints: [
        hard('zone', { zone1: 1, zone2: 0 }, 0),
        hard('node', { 'node-a': 0, 'node-b': 1, 'node-y': 0 }, 0),
      ],
    },
  },
  {
    name: 'different labelSelectors - complex pods',
    source: PFS,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-y', 'zone2')],
    existingPods: [
      pod('p-a1', 'node-a', { foo: '' }), pod('p-a2', 'node-a', { foo: '', bar: '' }), pod('p-b1', 'node-b', { foo: '' }),
      pod('p-y1', 'node-y', { foo: '' }), pod('p-y2', 'node-y', { foo: '', bar: '' }), pod('p-y3', 'node-y', { foo: '' }),
      pod('p-y4', 'node-y', { foo: '', bar: '' }),
    ],
    want: {
      constraints: [
        hard('zone', { zone1: 3, zone2: 4 }, 3),
        hard('node', { 'node-a': 1, 'node-b': 0, 'node-y': 2 }, 0),
      ],
    },
  },
  {
    name: 'two spreadConstraints, and with podAffinity',
    source: PFS,
    pod: incoming({ foo: '' }).nodeAffinityNotIn('node', ['node-x'])
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: pods7(),
    want: {
      constraints: [
        hard('zone', { zone1: 3, zone2: 4 }, 3),
        hard('node', { 'node-a': 2, 'node-b': 1, 'node-y': 4 }, 1),
      ],
    },
  },
  {
    name: 'default constraints and a service',
    source: PFS,
    pod: incoming({ foo: 'bar', baz: 'kar' }).build(),
    nodes: [],
    args: listArgs([
      { maxSkew: 3, topologyKey: 'node', whenUnsatisfiable: 'DoNotSchedule' },
      { maxSkew: 2, topologyKey: 'node', whenUnsatisfiable: 'ScheduleAnyway' },
      { maxSkew: 5, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule' },
    ]),
    services: [{ metadata: { name: 's', namespace: 'default' }, spec: { selector: { foo: 'bar' } } }],
    want: {
      constraints: [
        { ...hard('node', {}, 0, 3), selector: 'foo=bar' },
        { ...hard('rack', {}, 0, 5), selector: 'foo=bar' },
      ],
    },
  },
  {
    name: "default constraints and a service that doesn't match",
    source: PFS,
    pod: incoming({ foo: 'bar' }).build(),
    nodes: [],
    args: listArgs([{ maxSkew: 3, topologyKey: 'node', whenUnsatisfiable: 'DoNotSchedule' }]),
    services: [{ metadata: { name: 's', namespace: 'default' }, spec: { selector: { baz: 'kep' } } }],
    want: { skip: true, constraints: [] },
  },
  {
    name: 'default constraints and a service, but pod has constraints',
    source: PFS,
    pod: incoming({ foo: 'bar', baz: 'tar' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', matchLabels({ baz: 'tar' }))
      .spreadConstraint(2, 'planet', 'ScheduleAnyway', matchLabels({ fot: 'rok' })).build(),
    nodes: [],
    args: listArgs([{ maxSkew: 2, topologyKey: 'node', whenUnsatisfiable: 'DoNotSchedule' }]),
    services: [{ metadata: { name: 's', namespace: 'default' }, spec: { selector: { foo: 'bar' } } }],
    want: { constraints: [{ ...hard('zone', {}, 0), selector: 'baz=tar' }] },
  },
  {
    name: 'default soft constraints and a service',
    source: PFS,
    pod: incoming({ foo: 'bar' }).build(),
    nodes: [],
    args: listArgs([{ maxSkew: 2, topologyKey: 'node', whenUnsatisfiable: 'ScheduleAnyway' }]),
    services: [{ metadata: { name: 's', namespace: 'default' }, spec: { selector: { foo: 'bar' } } }],
    want: { skip: true, constraints: [] },
  },
  {
    name: 'TpKeyToDomainsNum is calculated when MinDomains is enabled',
    source: PFS,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: pods7(),
    want: {
      constraints: [
        hard('zone', { zone1: 3, zone2: 4 }, 3),
        hard('node', { 'node-a': 2, 'node-b': 1, 'node-x': 0, 'node-y': 4 }, 0),
      ],
    },
  },
  {
    name: 'feature gate disabled with NodeAffinityPolicy',
    source: PFS,
    ...NIP_OFF,
    pod: incoming({ foo: '' }).nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).build(),
    nodes: abcAffinity(),
    existingPods: barPodsABC(),
    want: { constraints: [hard('node', { 'node-a': 1, 'node-b': 2 }, 1)] },
  },
  {
    name: 'NodeAffinityPolicy honored with labelSelectors',
    source: PFS,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).build(),
    nodes: abcAffinity(),
    existingPods: barPodsABC(),
    want: { constraints: [hard('node', { 'node-a': 1, 'node-b': 2 }, 1)] },
  },
  {
    name: 'NodeAffinityPolicy ignored with labelSelectors',
    source: PFS,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeSelector({ foo: '' })
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector, { nodeAffinityPolicy: 'Ignore' }).build(),
    nodes: abcAffinity(),
    existingPods: barPodsABC(),
    want: { constraints: [hard('node', { 'node-a': 1, 'node-b': 2, 'node-c': 0 }, 0)] },
  },
  {
    name: 'NodeAffinityPolicy honored with nodeAffinity',
    source: PFS,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeAffinityIn('foo', ['']).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).build(),
    nodes: abcAffinity(),
    existingPods: [pod('p-a', 'node-a', { bar: '' }), pod('p-c', 'node-b', { bar: '' }), pod('p-d', 'node-b', { bar: '' }), pod('p-e', 'node-c')],
    want: { constraints: [hard('node', { 'node-a': 1, 'node-b': 2 }, 1)] },
  },
  {
    name: 'NodeAffinityPolicy ignored with nodeAffinity',
    source: PFS,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeAffinityIn('foo', [''])
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector, { nodeAffinityPolicy: 'Ignore' }).build(),
    nodes: abcAffinity(),
    existingPods: barPodsABC(),
    want: { constraints: [hard('node', { 'node-a': 1, 'node-b': 2, 'node-c': 0 }, 0)] },
  },
  {
    name: 'feature gate disabled with NodeTaintsPolicy',
    source: PFS,
    ...NIP_OFF,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).build(),
    nodes: abcTaints(),
    existingPods: barPodsABC(),
    want: { constraints: [hard('node', { 'node-a': 1, 'node-b': 2, 'node-c': 0 }, 0)] },
  },
  {
    name: 'NodeTaintsPolicy ignored',
    source: PFS,
    ...NIP_ON,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).build(),
    nodes: abcTaints(),
    existingPods: barPodsABC(),
    want: { constraints: [hard('node', { 'node-a': 1, 'node-b': 2, 'node-c': 0 }, 0)] },
  },
  {
    name: 'NodeTaintsPolicy honored',
    source: PFS,
    ...NIP_ON,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector, { nodeTaintsPolicy: 'Honor' }).build(),
    nodes: abcTaints(),
    existingPods: barPodsABC(),
    want: { constraints: [hard('node', { 'node-a': 1, 'node-b': 2 }, 1)] },
  },
  {
    name: 'NodeTaintsPolicy honored with tolerated taints',
    source: PFS,
    ...NIP_ON,
    pod: incoming({ foo: '' }).toleration(TOLERATE_UNSCHEDULABLE)
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector, { nodeTaintsPolicy: 'Honor' }).build(),
    nodes: abcTaints(),
    existingPods: barPodsABC(),
    want: { constraints: [hard('node', { 'node-a': 1, 'node-b': 2, 'node-c': 0 }, 0)] },
  },
  {
    name: 'two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore',
    source: PFS,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' }).build(),
    nodes: [zn('node-a', 'zone1', { foo: '' }), zn('node-b', 'zone1'), zn('node-x', 'zone2', { foo: '' })],
    existingPods: fooPods([['node-b', 'p-b', 2], ['node-x', 'p-x', 1]]),
    want: {
      constraints: [
        hard('zone', { zone1: 0, zone2: 1 }, 0),
        hard('node', { 'node-a': 0, 'node-b': 2, 'node-x': 1 }, 0),
      ],
    },
  },
  {
    name: 'two node inclusion Constraints, zone: honor/honor, node: honor/ignore',
    source: PFS,
    ...NIP_ON,
    pod: incoming({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { nodeTaintsPolicy: 'Honor' })
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: [zn('node-a', 'zone1', { foo: '' }), zn('node-b', 'zone1', {}, taints), zn('node-x', 'zone2', { foo: '' })],
    existingPods: fooPods([['node-b', 'p-b', 2], ['node-x', 'p-x', 1]]),
    want: {
      constraints: [
        hard('zone', { zone1: 0, zone2: 1 }, 0),
        hard('node', { 'node-a': 0, 'node-b': 2, 'node-x': 1 }, 0),
      ],
    },
  },
  {
    name: 'two node inclusion Constraints, zone: honor/ignore, node: honor/ignore',
    source: PFS,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1', { foo: '' }, taints), zn('node-x', 'zone2', { foo: '' }), zn('node-y', 'zone2')],
    existingPods: fooPods([['node-a', 'p-a', 2], ['node-x', 'p-x', 1], ['node-y', 'p-y', 1]]),
    want: {
      constraints: [
        hard('zone', { zone1: 0, zone2: 1 }, 0),
        hard('node', { 'node-b': 0, 'node-x': 1 }, 0),
      ],
    },
  },
  {
    name: 'two node inclusion Constraints, zone: ignore/ignore, node: honor/honor',
    source: PFS,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' })
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, { nodeTaintsPolicy: 'Honor' }).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1', { foo: '' }, taints), zn('node-x', 'zone2', { foo: '' }), zn('node-y', 'zone2', { foo: '' })],
    existingPods: fooPods([['node-a', 'p-a', 2], ['node-x', 'p-x', 2], ['node-y', 'p-y', 1]]),
    want: {
      constraints: [
        hard('zone', { zone1: 2, zone2: 3 }, 2),
        hard('node', { 'node-x': 2, 'node-y': 1 }, 1),
      ],
    },
  },
  {
    name: 'matchLabelKeys ignored when feature gate disabled',
    source: PFS,
    ...MLK_OFF,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { matchLabelKeys: ['bar'] }).build(),
    nodes: abxy(),
    existingPods: pods5(),
    want: { constraints: [hard('zone', { zone1: 3, zone2: 2 }, 2)] },
  },
  {
    name: "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty",
    source: PFS,
    ...MLK_ON,
    pod: incoming({ foo: '', bar: 'a' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { matchLabelKeys: ['bar'] }).build(),
    nodes: abxy(),
    existingPods: [
      pod('p-a1', 'node-a', { foo: '' }), pod('p-a2', 'node-a', { foo: '', bar: 'a' }), pod('p-b1', 'node-b', { foo: '' }),
      pod('p-y1', 'node-y', { foo: '', bar: 'a' }), pod('p-y2', 'node-y', { bar: '' }),
    ],
    want: { constraints: [{ ...hard('zone', { zone1: 1, zone2: 1 }, 1), selector: 'bar=a,foo' }] },
  },
  {
    name: 'matchLabelKeys ANDed with LabelSelector when LabelSelector is empty',
    source: PFS,
    ...MLK_ON,
    pod: incoming({ foo: 'a' }).spreadConstraint(1, 'zone', 'DoNotSchedule', {}, { matchLabelKeys: ['foo'] }).build(),
    nodes: abxy(),
    existingPods: pods5a(),
    want: { constraints: [{ ...hard('zone', { zone1: 3, zone2: 2 }, 2), selector: 'foo=a' }] },
  },
  {
    name: 'key in matchLabelKeys is ignored when LabelSelector is nil when feature gate enabled',
    source: PFS,
    ...MLK_ON,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', null, { matchLabelKeys: ['bar'] }).build(),
    nodes: abxy(),
    existingPods: pods5a(),
    want: { constraints: [hard('zone', { zone1: 0, zone2: 0 }, 0)] },
  },
  {
    name: 'no pod is matched when LabelSelector is nil when feature gate disabled',
    source: PFS,
    ...MLK_OFF,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', null, { matchLabelKeys: ['bar'] }).build(),
    nodes: abxy(),
    existingPods: pods5a(),
    want: { constraints: [hard('zone', { zone1: 0, zone2: 0 }, 0)] },
  },
  {
    name: "key in matchLabelKeys is ignored when it isn't exist in pod.labels",
    source: PFS,
    ...MLK_ON,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { matchLabelKeys: ['bar'] }).build(),
    nodes: abxy(),
    existingPods: pods5a(),
    want: { constraints: [hard('zone', { zone1: 3, zone2: 2 }, 2)] },
  },
  {
    name: 'two spreadConstraints with the same topologyKey',
    source: PFS,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'zone', 'DoNotSchedule', barSelector).build(),
    nodes: abxy(),
    existingPods: [
      pod('p-a1', 'node-a', { foo: '', bar: '' }), pod('p-b1', 'node-b', { foo: '' }), pod('p-x1', 'node-x', { bar: '' }),
      pod('p-y1', 'node-y', { foo: '', bar: '' }), pod('p-y2', 'node-y', { bar: '' }),
    ],
    want: {
      constraints: [
        hard('zone', { zone1: 2, zone2: 1 }, 1),
        hard('zone', { zone1: 1, zone2: 3 }, 1),
      ],
    },
  },
  {
    name: 'skip if not specified',
    source: PFS,
    pod: incoming({ foo: '' }).build(),
    nodes: [zn('node-a', 'zone1')],
    want: { skip: true, constraints: [] },
  },
];

export const preFilterStateCases: PreFilterStateCase[] = preFilterStateRaw.map((c) => ({ args: listArgs(), ...c }));

// ---------------------------------------------------------------------------------------------
// TestPreFilterStateAddPod: PreFilter, then AddPod(addedPod) on its node. Here: addedPod is the
// last entry of existingPods.
// ---------------------------------------------------------------------------------------------

const ADD = `${FILTERING} TestPreFilterStateAddPod (added pod folded into existingPods)`;
const nodeSC = (b: ReturnType<typeof incoming>) => b.spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector);
const zoneSC = (b: ReturnType<typeof incoming>) => b.spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector);
const zoneNodeSC = (b: ReturnType<typeof incoming>) => nodeSC(zoneSC(b));
/** node-a zone1 (foo=bar), node-b zone2 (foo=""): the AddPod/RemovePod inclusion-policy fixtures. */
const abAffinity = () => [zn('node-a', 'zone1', { foo: 'bar' }), zn('node-b', 'zone2', { foo: '' })];
const abTainted = () => [zn('node-a', 'zone1', {}, taints), zn('node-b', 'zone2')];
const fz = (name: string, nodeName: string, zone: string) => pod(name, nodeName, { foo: '', zone });

const addPodRaw: PreFilterStateCase[] = [
  {
    name: 'node a and b both impact current min match',
    source: ADD,
    pod: nodeSC(incoming({ foo: '' })).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1')],
    existingPods: [pod('p-a1', 'node-a', { foo: '' })],
    want: { constraints: [hard('node', { 'node-a': 1, 'node-b': 0 }, 0)] },
  },
  {
    name: 'only node a impacts current min match',
    source: ADD,
    pod: nodeSC(incoming({ foo: '' })).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1')],
    existingPods: [pod('p-b1', 'node-b', { foo: '' }), pod('p-a1', 'node-a', { foo: '' })],
    want: { constraints: [hard('node', { 'node-a': 1, 'node-b': 1 }, 1)] },
  },
  {
    name: "add a pod in a different namespace doesn't change topologyKeyToMinPodsMap",
    source: ADD,
    pod: nodeSC(incoming({ foo: '' })).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1')],
    existingPods: [pod('p-b1', 'node-b', { foo: '' }), pod('p-a1', 'node-a', { foo: '' }, 'ns1')],
    want: { constraints: [hard('node', { 'node-a': 0, 'node-b': 1 }, 0)] },
  },
  {
    name: "add pod on non-critical node won't trigger re-calculation",
    source: ADD,
    pod: nodeSC(incoming({ foo: '' })).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1')],
    existingPods: [pod('p-b1', 'node-b', { foo: '' }), pod('p-b2', 'node-b', { foo: '' })],
    want: { constraints: [hard('node', { 'node-a': 0, 'node-b': 2 }, 0)] },
  },
  {
    name: 'node a and x both impact topologyKeyToMinPodsMap on zone and node',
    source: ADD,
    pod: zoneNodeSC(incoming({ foo: '' })).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-x', 'zone2')],
    existingPods: [pod('p-a1', 'node-a', { foo: '' })],
    want: { constraints: [hard('zone', { zone1: 1, zone2: 0 }, 0), hard('node', { 'node-a': 1, 'node-x': 0 }, 0)] },
  },
  {
    name: 'only node a impacts topologyKeyToMinPodsMap on zone and node',
    source: ADD,
    pod: zoneNodeSC(incoming({ foo: '' })).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-x', 'zone2')],
    existingPods: [pod('p-x1', 'node-x', { foo: '' }), pod('p-a1', 'node-a', { foo: '' })],
    want: { constraints: [hard('zone', { zone1: 1, zone2: 1 }, 1), hard('node', { 'node-a': 1, 'node-x': 1 }, 1)] },
  },
  {
    name: 'node a impacts topologyKeyToMinPodsMap on node, node x impacts topologyKeyToMinPodsMap on zone',
    source: ADD,
    pod: zoneNodeSC(incoming({ foo: '' })).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-x', 'zone2')],
    existingPods: [...fooPods([['node-b', 'p-b', 2], ['node-x', 'p-x', 1]]), pod('p-a1', 'node-a', { foo: '' })],
    want: {
      constraints: [hard('zone', { zone1: 3, zone2: 1 }, 1), hard('node', { 'node-a': 1, 'node-b': 2, 'node-x': 1 }, 1)],
    },
  },
  {
    name: 'Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on zone',
    source: ADD,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-x', 'zone2')],
    existingPods: [
      pod('p-b1', 'node-b', { foo: '', bar: '' }), pod('p-x1', 'node-x', { foo: '', bar: '' }), pod('p-x2', 'node-x', { bar: '' }),
      pod('p-a1', 'node-a', { foo: '' }),
    ],
    want: {
      constraints: [hard('zone', { zone1: 2, zone2: 1 }, 1), hard('node', { 'node-a': 0, 'node-b': 1, 'node-x': 2 }, 0)],
    },
  },
  {
    name: 'Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on both zone and node',
    source: ADD,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-x', 'zone2')],
    existingPods: [
      pod('p-b1', 'node-b', { bar: '' }), pod('p-x1', 'node-x', { foo: '', bar: '' }), pod('p-x2', 'node-x', { bar: '' }),
      pod('p-a1', 'node-a', { foo: '', bar: '' }),
    ],
    want: {
      constraints: [hard('zone', { zone1: 1, zone2: 1 }, 1), hard('node', { 'node-a': 1, 'node-b': 1, 'node-x': 2 }, 1)],
    },
  },
  {
    name: 'add a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy disabled',
    source: ADD,
    ...NIP_OFF,
    pod: zoneSC(incoming({ foo: '' }).nodeAffinityNotIn('foo', ['bar'])).build(),
    nodes: abAffinity(),
    existingPods: [fz('p-a2', 'node-a', 'zone1'), fz('p-b1', 'node-b', 'zone2'), fz('p-a1', 'node-a', 'zone1')],
    want: { constraints: [hard('zone', { zone2: 1 }, 1)] },
  },
  {
    name: 'add a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy enabled',
    source: ADD,
    ...NIP_ON,
    pod: zoneSC(incoming({ foo: '' }).nodeAffinityNotIn('foo', ['bar'])).build(),
    nodes: abAffinity(),
    existingPods: [fz('p-a2', 'node-a', 'zone1'), fz('p-b1', 'node-b', 'zone2'), fz('p-a1', 'node-a', 'zone1')],
    want: { constraints: [hard('zone', { zone2: 1 }, 1)] },
  },
  {
    name: 'add a pod when scheduling node affinity matched pod with NodeInclusionPolicy disabled',
    source: ADD,
    ...NIP_OFF,
    pod: zoneSC(incoming({ foo: '' })).build(),
    nodes: abAffinity(),
    existingPods: [fz('p-a1', 'node-a', 'zone1'), fz('p-b2', 'node-b', 'zone2'), fz('p-b1', 'node-b', 'zone2')],
    want: { constraints: [hard('zone', { zone1: 1, zone2: 2 }, 1)] },
  },
  {
    name: 'add a pod when scheduling node affinity matched pod with NodeInclusionPolicy enabled',
    source: ADD,
    ...NIP_ON,
    pod: zoneSC(incoming({ foo: '' })).build(),
    nodes: abAffinity(),
    existingPods: [fz('p-a1', 'node-a', 'zone1'), fz('p-b2', 'node-b', 'zone2'), fz('p-b1', 'node-b', 'zone2')],
    want: { constraints: [hard('zone', { zone1: 1, zone2: 2 }, 1)] },
  },
  {
    name: 'add a label selector not matched pod when with NodeInclusionPolicy enabled',
    source: ADD,
    ...NIP_ON,
    pod: zoneSC(incoming({ foo: '' })).build(),
    nodes: abAffinity(),
    existingPods: [fz('p-a1', 'node-a', 'zone1'), fz('p-b2', 'node-b', 'zone2'), pod('p-b1', 'node-b', { zone: 'zone2' })],
    want: { constraints: [hard('zone', { zone1: 1, zone2: 1 }, 1)] },
  },
  {
    name: 'add a pod when scheduling taint untolerated pod with NodeInclusionPolicy disabled',
    source: ADD,
    ...NIP_OFF,
    pod: zoneSC(incoming({ foo: '' })).build(),
    nodes: abTainted(),
    existingPods: [fz('p-a1', 'node-a', 'zone1'), fz('p-b2', 'node-b', 'zone2'), fz('p-b1', 'node-b', 'zone2')],
    want: { constraints: [hard('zone', { zone1: 1, zone2: 2 }, 1)] },
  },
  {
    name: 'add a pod when scheduling taint tolerated pod with NodeInclusionPolicy enabled',
    source: ADD,
    ...NIP_ON,
    pod: zoneSC(incoming({ foo: '' }).toleration(TOLERATE_UNSCHEDULABLE)).build(),
    nodes: abTainted(),
    existingPods: [fz('p-a1', 'node-a', 'zone1'), fz('p-b2', 'node-b', 'zone2'), fz('p-b1', 'node-b', 'zone2')],
    want: { constraints: [hard('zone', { zone1: 1, zone2: 2 }, 1)] },
  },
];

export const preFilterStateAddPodCases: PreFilterStateCase[] = addPodRaw.map((c) => ({ args: listArgs(), ...c }));

// ---------------------------------------------------------------------------------------------
// TestPreFilterStateRemovePod: PreFilter, then RemovePod(deletedPod) on a node. Here: the deleted
// pod is left out of existingPods.
// ---------------------------------------------------------------------------------------------

const REMOVE = `${FILTERING} TestPreFilterStateRemovePod (removed pod left out of existingPods)`;

const removePodRaw: PreFilterStateCase[] = [
  {
    name: 'one spreadConstraint on zone, topologyKeyToMinPodsMap unchanged',
    source: REMOVE, // p-a1 removed
    pod: zoneSC(incoming({ foo: '' })).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-x', 'zone2')],
    existingPods: fooPods([['node-b', 'p-b', 1], ['node-x', 'p-x', 1]]),
    want: { constraints: [hard('zone', { zone1: 1, zone2: 1 }, 1)] },
  },
  {
    name: 'one spreadConstraint on node, topologyKeyToMinPodsMap changed',
    source: REMOVE, // p-a1 removed
    pod: zoneSC(incoming({ foo: '' })).build(),
    nodes: abxy(),
    existingPods: fooPods([['node-b', 'p-b', 1], ['node-x', 'p-x', 1], ['node-y', 'p-y', 1]]),
    want: { constraints: [hard('zone', { zone1: 1, zone2: 2 }, 1)] },
  },
  {
    name: "delete an irrelevant pod won't help",
    source: REMOVE, // p-a0 (label bar) removed
    pod: zoneSC(incoming({ foo: '' })).build(),
    nodes: abxy(),
    existingPods: fooPods([['node-a', 'p-a', 1], ['node-b', 'p-b', 1], ['node-x', 'p-x', 1], ['node-y', 'p-y', 1]]),
    want: { constraints: [hard('zone', { zone1: 2, zone2: 2 }, 2)] },
  },
  {
    name: "delete a non-existing pod won't help",
    source: REMOVE, // p-a0 was never in the cluster
    pod: zoneSC(incoming({ foo: '' })).build(),
    nodes: abxy(),
    existingPods: fooPods([['node-a', 'p-a', 1], ['node-b', 'p-b', 1], ['node-x', 'p-x', 1], ['node-y', 'p-y', 1]]),
    want: { constraints: [hard('zone', { zone1: 2, zone2: 2 }, 2)] },
  },
  {
    name: 'two spreadConstraints',
    source: REMOVE, // p-x1 removed
    pod: zoneNodeSC(incoming({ foo: '' })).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-x', 'zone2')],
    existingPods: [...fooPods([['node-a', 'p-a', 2], ['node-b', 'p-b', 1]]), pod('p-x2', 'node-x', { foo: '' })],
    want: {
      constraints: [hard('zone', { zone1: 3, zone2: 1 }, 1), hard('node', { 'node-a': 2, 'node-b': 1, 'node-x': 1 }, 1)],
    },
  },
  {
    // Upstream removes existingPods[0] (p-a2, same labels and node as the named deletedPod p-a1).
    name: 'remove a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy disabled',
    source: REMOVE,
    ...NIP_OFF,
    pod: zoneSC(incoming({ foo: '' }).nodeAffinityNotIn('foo', ['bar'])).build(),
    nodes: abAffinity(),
    existingPods: [fz('p-b1', 'node-b', 'zone2')],
    want: { constraints: [hard('zone', { zone2: 1 }, 1)] },
  },
  {
    name: 'remove a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy enabled',
    source: REMOVE,
    ...NIP_ON,
    pod: zoneSC(incoming({ foo: '' }).nodeAffinityNotIn('foo', ['bar'])).build(),
    nodes: abAffinity(),
    existingPods: [fz('p-b1', 'node-b', 'zone2')],
    want: { constraints: [hard('zone', { zone2: 1 }, 1)] },
  },
  {
    // Upstream removes a foo pod from node-b (zone2), leaving one foo pod in zone1 and none in zone2.
    name: 'remove a pod when scheduling node affinity matched pod with NodeInclusionPolicy disabled',
    source: REMOVE,
    ...NIP_OFF,
    pod: zoneSC(incoming({ foo: '' })).build(),
    nodes: abAffinity(),
    existingPods: [fz('p-a1', 'node-a', 'zone1')],
    want: { constraints: [hard('zone', { zone1: 1, zone2: 0 }, 0)] },
  },
  {
    name: 'remove a pod when scheduling node affinity matched pod with NodeInclusionPolicy enabled',
    source: REMOVE,
    ...NIP_ON,
    pod: zoneSC(incoming({ foo: '' })).build(),
    nodes: abAffinity(),
    existingPods: [fz('p-a1', 'node-a', 'zone1')],
    want: { constraints: [hard('zone', { zone1: 1, zone2: 0 }, 0)] },
  },
];

export const preFilterStateRemovePodCases: PreFilterStateCase[] = removePodRaw.map((c) => ({ args: listArgs(), ...c }));

// ---------------------------------------------------------------------------------------------
// TestPreScoreStateEmptyNodes (scoring_test.go @ 008b3652959ca58af8be3fb5b6ecfe9ae7638282): PreScore on
// every node of the fixture (no pods); weight = ln(size + 2); counts = TopologyValueToPodCounts
// (empty for hostname constraints).
// ---------------------------------------------------------------------------------------------

const PSS = `${SCORING} TestPreScoreStateEmptyNodes`;
/** upstream topologyNormalizingWeight(size) */
const w = (size: number) => Math.log(size + 2);
function soft(topologyKey: string, weight: number, counts: Record<string, number>, maxSkew = 1) {
  return { topologyKey, maxSkew, weight, counts };
}
const zh = (name: string, zone: string, extra: Record<string, string> = {}, t?: typeof taints) =>
  node(name, { zone, ...extra, [HOSTNAME]: name }, t);
const rs1 = { kind: 'ReplicaSet' as const, metadata: { namespace: 'default', name: 'rs1' }, spec: { selector: fooSelector } };

export const preScoreStateCases: PreScoreStateCase[] = [
  {
    name: 'normal case',
    source: PSS,
    args: listArgs(),
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).build(),
    nodes: [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-x', 'zone2')],
    want: { ignoredNodes: [], constraints: [soft('zone', w(2), { zone1: 0, zone2: 0 }), soft(HOSTNAME, w(3), {})] },
  },
  {
    name: 'null selector',
    source: PSS,
    args: listArgs(),
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', null).build(),
    nodes: [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-x', 'zone2')],
    want: { ignoredNodes: [], constraints: [soft('zone', w(2), { zone1: 0, zone2: 0 })] },
  },
  {
    name: "node-x doesn't have label zone",
    source: PSS,
    args: listArgs(),
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', barSelector).build(),
    nodes: [zh('node-a', 'zone1'), zh('node-b', 'zone1'), node('node-x', { [HOSTNAME]: 'node-x' })],
    want: { ignoredNodes: ['node-x'], constraints: [soft('zone', w(1), { zone1: 0 }), soft(HOSTNAME, w(2), {})] },
  },
  {
    // Nodes without a zone are not ignored with the system defaults; they form the zone "".
    name: 'system default constraints and a replicaset',
    source: PSS,
    args: { defaultingType: 'System', defaultConstraints: [] },
    pod: makePodWithOwner({ foo: 'tar', baz: 'sup' }),
    nodes: [
      node('node-a', { [HOSTNAME]: 'node-a', [ZONE]: 'mars' }),
      node('node-b', { [HOSTNAME]: 'node-b', [ZONE]: 'mars' }),
      node('node-c', { [HOSTNAME]: 'node-c' }),
      node('node-d', { [HOSTNAME]: 'node-d' }),
    ],
    owners: [rs1],
    want: { ignoredNodes: [], constraints: [soft(HOSTNAME, w(4), {}, 3), soft(ZONE, w(2), { mars: 0, '': 0 }, 5)] },
  },
  {
    name: 'default constraints and a replicaset',
    source: PSS,
    args: listArgs([
      { maxSkew: 1, topologyKey: HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway' },
      { maxSkew: 2, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule' },
      { maxSkew: 2, topologyKey: 'planet', whenUnsatisfiable: 'ScheduleAnyway' },
    ]),
    pod: makePodWithOwner({ foo: 'tar', baz: 'sup' }),
    nodes: [node('node-a', { rack: 'rack1', [HOSTNAME]: 'node-a', planet: 'mars' })],
    owners: [rs1],
    want: { ignoredNodes: [], constraints: [soft(HOSTNAME, w(1), {}), soft('planet', w(1), { mars: 0 }, 2)] },
  },
  {
    name: 'default constraints and a replicaset, but pod has constraints',
    source: PSS,
    args: listArgs([{ maxSkew: 2, topologyKey: 'galaxy', whenUnsatisfiable: 'ScheduleAnyway' }]),
    pod: incoming({ foo: 'bar', baz: 'sup' }).namespace('default').ownerReference('rs1', 'ReplicaSet')
      .spreadConstraint(1, 'zone', 'DoNotSchedule', barSelector)
      .spreadConstraint(2, 'planet', 'ScheduleAnyway', matchLabels({ baz: 'sup' })).build(),
    nodes: [node('node-a', { planet: 'mars', galaxy: 'andromeda' })],
    owners: [rs1],
    want: { ignoredNodes: [], constraints: [soft('planet', w(1), { mars: 0 }, 2)] },
  },
  {
    name: 'NodeAffinityPolicy honored with labelSelectors',
    source: PSS,
    args: listArgs(),
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeSelector({ foo: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', barSelector).build(),
    nodes: [zh('node-a', 'zone1', { foo: '' }), zh('node-b', 'zone1', { foo: '' }), zh('node-x', 'zone2')],
    want: { ignoredNodes: [], constraints: [soft('zone', w(2), { zone1: 0, zone2: 0 })] },
  },
  {
    name: 'NodeAffinityPolicy ignored with labelSelectors',
    source: PSS,
    args: listArgs(),
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', barSelector, { nodeAffinityPolicy: 'Ignore' }).build(),
    nodes: [zh('node-a', 'zone1', { foo: '' }), zh('node-b', 'zone1', { foo: '' }), zh('node-x', 'zone2')],
    want: { ignoredNodes: [], constraints: [soft('zone', w(2), { zone1: 0, zone2: 0 })] },
  },
  {
    name: 'NodeAffinityPolicy honored with nodeAffinity',
    source: PSS,
    args: listArgs(),
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeAffinityIn('foo', ['']).spreadConstraint(1, 'zone', 'ScheduleAnyway', barSelector).build(),
    nodes: [zh('node-a', 'zone1', { foo: '' }), zh('node-b', 'zone1', { foo: '' }), zh('node-x', 'zone2')],
    want: { ignoredNodes: [], constraints: [soft('zone', w(2), { zone1: 0, zone2: 0 })] },
  },
  {
    name: 'NodeAffinityPolicy ignored with nodeAffinity',
    source: PSS,
    args: listArgs(),
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeAffinityIn('foo', [''])
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', barSelector, { nodeAffinityPolicy: 'Ignore' }).build(),
    nodes: [zh('node-a', 'zone1', { foo: '' }), zh('node-b', 'zone1', { foo: '' }), zh('node-x', 'zone2')],
    want: { ignoredNodes: [], constraints: [soft('zone', w(2), { zone1: 0, zone2: 0 })] },
  },
  {
    name: 'NodeTaintsPolicy honored',
    source: PSS,
    args: listArgs(),
    ...NIP_ON,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', barSelector, { nodeTaintsPolicy: 'Honor' }).build(),
    nodes: [zh('node-a', 'zone1', { foo: '' }), zh('node-b', 'zone1', { foo: '' }), zh('node-x', 'zone2', {}, taints)],
    want: { ignoredNodes: [], constraints: [soft('zone', w(2), { zone1: 0, zone2: 0 })] },
  },
  {
    name: 'NodeTaintsPolicy ignored',
    source: PSS,
    args: listArgs(),
    ...NIP_ON,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'ScheduleAnyway', barSelector).build(),
    nodes: [zh('node-a', 'zone1', { foo: '' }), zh('node-b', 'zone1', { foo: '' }), zh('node-x', 'zone2', {}, taints)],
    want: { ignoredNodes: [], constraints: [soft('zone', w(2), { zone1: 0, zone2: 0 })] },
  },
];

/** A pod in "default" with these labels, controlled by ReplicaSet rs1. */
function makePodWithOwner(labels: Record<string, string>) {
  return incoming(labels).namespace('default').ownerReference('rs1', 'ReplicaSet').build();
}
