// PodTopologySpread PreFilter + Filter cases, ported from upstream
// pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go
// (TestSingleConstraint, TestMultipleConstraints, TestPreFilterDisabled).
// Upstream copy: kubernetes/kubernetes @ 01c2588bf4a3eb6bb3524b1e2bd60efb38a4b577 (index id 53806501085,
// the `fwk` version).
//
// Upstream asserts only the status code per node; the reasons given here are the plugin's two reason
// strings (spread-semantics.md §3.2): skew → Unschedulable, missing topology label →
// UnschedulableAndUnresolvable. Nodes not listed in `want` must be Success.
// Upstream runs these with PodTopologySpreadArgs{DefaultingType: List} and no default constraints.

import type { FilterCase } from '../harness';
import { makePod } from '../builders';
import {
  NO_LABEL, SKEW, barSelector, fooPods, fooSelector, incoming, node, pod, rejected, unschedulableTaints as taints, zn,
} from './pts-common';

const FILTERING = 'pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go';
const SINGLE = `${FILTERING} TestSingleConstraint`;
const MULTI = `${FILTERING} TestMultipleConstraints`;

const listArgs = { defaultingType: 'List', defaultConstraints: [] };
/** Upstream sets the plugin's NodeInclusionPolicy switch on for these cases. */
const NIP_ON = { gates: { NodeInclusionPolicyInPodTopologySpread: true } };

const abxy = () => [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-x', 'zone2'), zn('node-y', 'zone2')];
/** foo pods spread over nodes as 2/1/0/3 (a1 a2 b1 y1 y2 y3). */
const pods2103 = () => fooPods([['node-a', 'p-a', 2], ['node-b', 'p-b', 1], ['node-y', 'p-y', 3]]);
/** foo pods 2/1/0/4. */
const pods2104 = () => fooPods([['node-a', 'p-a', 2], ['node-b', 'p-b', 1], ['node-y', 'p-y', 4]]);
const abc = () => [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' }), node('node-c', { node: 'node-c' })];
/** foo pods 2/2/1 on node-a/b/c. */
const pods221 = () => fooPods([['node-a', 'p-a', 2], ['node-b', 'p-b', 2], ['node-c', 'p-c', 1]]);
/** foo pods named p-b1 (node-a), p-b2 (node-b), p-y1 (node-y): zones 2/1. */
const podsAB_Y = () => [pod('p-b1', 'node-a', { foo: '' }), pod('p-b2', 'node-b', { foo: '' }), pod('p-y1', 'node-y', { foo: '' })];
/** node-a/b/x carry foo="", node-y does not (optionally tainted). */
const abxyFoo = (taintY = false) => [
  node('node-a', { node: 'node-a', foo: '' }),
  node('node-b', { node: 'node-b', foo: '' }),
  node('node-x', { node: 'node-x', foo: '' }),
  node('node-y', { node: 'node-y' }, taintY ? taints : undefined),
];

const singleRaw: FilterCase[] = [
  {
    name: 'no existing pods',
    source: SINGLE,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    want: {},
  },
  {
    name: "no existing pods, incoming pod doesn't match itself",
    source: SINGLE,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', barSelector).build(),
    nodes: abxy(),
    want: {},
  },
  {
    name: 'existing pods in a different namespace do not count',
    source: SINGLE,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: [
      pod('p-a1', 'node-a', { foo: '' }, 'ns1'), pod('p-b1', 'node-a', { foo: '' }, 'ns2'),
      pod('p-x1', 'node-x', { foo: '' }), pod('p-y1', 'node-y', { foo: '' }),
    ],
    want: rejected(SKEW, 'node-x', 'node-y'),
  },
  {
    name: 'existing pods do not match null selector',
    source: SINGLE,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', null).build(),
    nodes: abxy(),
    existingPods: fooPods([['node-x', 'p-x', 1], ['node-y', 'p-y', 1]]),
    want: {},
  },
  {
    name: 'pods spread across zones as 3/3, all nodes fit',
    source: SINGLE,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: pods2103(),
    want: {},
  },
  {
    name: "pods spread across zones as 1/2 due to absence of label 'zone' on node-b",
    source: SINGLE,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).build(),
    nodes: [zn('node-a', 'zone1'), node('node-b', { zon: 'zone1', node: 'node-b' }), zn('node-x', 'zone2'), zn('node-y', 'zone2')],
    existingPods: fooPods([['node-a', 'p-a', 1], ['node-b', 'p-b', 1], ['node-x', 'p-x', 1], ['node-y', 'p-y', 1]]),
    want: { 'node-b': NO_LABEL, ...rejected(SKEW, 'node-x', 'node-y') },
  },
  {
    name: "pod cannot be scheduled as all nodes don't have label 'rack'",
    source: SINGLE,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'rack', 'DoNotSchedule', fooSelector).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-x', 'zone2')],
    want: rejected(NO_LABEL, 'node-a', 'node-x'),
  },
  {
    name: 'pods spread across nodes as 2/1/0/3, only node-x fits',
    source: SINGLE,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: pods2103(),
    want: rejected(SKEW, 'node-a', 'node-b', 'node-y'),
  },
  {
    name: 'pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit',
    source: SINGLE,
    pod: incoming({ foo: '' }).spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: pods2103(),
    want: rejected(SKEW, 'node-a', 'node-y'),
  },
  {
    name: "pods spread across nodes as 2/1/0/3, but pod doesn't match itself",
    source: SINGLE,
    pod: incoming({ bar: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: pods2103(),
    want: rejected(SKEW, 'node-a', 'node-y'),
  },
  {
    // Only node-a and node-y are eligible domains; upstream does not run NodeAffinity here, so node-b
    // and node-x pass this plugin's filter.
    name: 'incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits',
    source: SINGLE,
    pod: incoming({ foo: '' }).nodeAffinityIn('node', ['node-a', 'node-y'])
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: pods2103(),
    want: rejected(SKEW, 'node-y'),
  },
  {
    name: 'terminating Pods should be excluded',
    source: SINGLE,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' })],
    existingPods: [
      makePod('p-a').node('node-a').label('foo', '').terminating().build(),
      pod('p-b', 'node-b', { foo: '' }),
    ],
    want: rejected(SKEW, 'node-b'),
  },
  {
    // NodeAffinity is not run upstream here, so node-b passes this plugin's filter.
    name: 'incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits',
    source: SINGLE,
    pod: incoming({ foo: '' }).nodeAffinityNotIn('node', ['node-b'])
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: fooPods([['node-b', 'p-b', 2], ['node-y', 'p-y', 1]]),
    want: rejected(SKEW, 'node-x', 'node-y'),
  },
  {
    name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits',
    source: SINGLE,
    pod: incoming({ foo: '' }).spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector, { minDomains: 4 }).build(),
    nodes: abc(),
    existingPods: pods221(),
    want: rejected(SKEW, 'node-a', 'node-b'),
  },
  {
    name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit',
    source: SINGLE,
    pod: incoming({ foo: '' }).spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector, { minDomains: 2 }).build(),
    nodes: abc(),
    existingPods: pods221(),
    want: {},
  },
  {
    name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit',
    source: SINGLE,
    pod: incoming({ foo: '' }).spreadConstraint(2, 'zone', 'DoNotSchedule', fooSelector, { minDomains: 3 }).build(),
    nodes: abxy(),
    existingPods: podsAB_Y(),
    want: rejected(SKEW, 'node-a', 'node-b'),
  },
  {
    name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains > minDomains, then the all nodes fit',
    source: SINGLE,
    pod: incoming({ foo: '' }).spreadConstraint(2, 'zone', 'DoNotSchedule', fooSelector, { minDomains: 1 }).build(),
    nodes: abxy(),
    existingPods: podsAB_Y(),
    want: {},
  },
  {
    // Domains 1/1/0/~0~ (node-y excluded); node-y passes because NodeAffinity is not run here.
    name: 'NodeAffinityPolicy honored with labelSelectors',
    source: SINGLE,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: abxyFoo(),
    existingPods: podsAB_Y(),
    want: rejected(SKEW, 'node-a', 'node-b'),
  },
  {
    // Domains 1/1/0/~1~
    name: 'NodeAffinityPolicy ignored with labelSelectors',
    source: SINGLE,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeSelector({ foo: '' })
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' }).build(),
    nodes: abxyFoo(),
    existingPods: podsAB_Y(),
    want: rejected(SKEW, 'node-a', 'node-b', 'node-y'),
  },
  {
    name: 'NodeAffinityPolicy honored with nodeAffinity',
    source: SINGLE,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeAffinityIn('foo', ['']).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: abxyFoo(),
    existingPods: podsAB_Y(),
    want: rejected(SKEW, 'node-a', 'node-b'),
  },
  {
    // Upstream reuses the previous case's name; this one uses required node affinity, not a nodeSelector.
    name: 'NodeAffinityPolicy ignored with labelSelectors',
    source: SINGLE,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeAffinityIn('foo', [''])
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' }).build(),
    nodes: abxyFoo(),
    existingPods: podsAB_Y(),
    want: rejected(SKEW, 'node-a', 'node-b', 'node-y'),
  },
  {
    // node-y is tainted and excluded; it passes because TaintToleration is not run here.
    name: 'NodeTaintsPolicy honored',
    source: SINGLE,
    ...NIP_ON,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, { nodeTaintsPolicy: 'Honor' }).build(),
    nodes: abxyFoo(true),
    existingPods: podsAB_Y(),
    want: rejected(SKEW, 'node-a', 'node-b'),
  },
  {
    name: 'NodeTaintsPolicy ignored',
    source: SINGLE,
    ...NIP_ON,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: abxyFoo(true),
    existingPods: podsAB_Y(),
    want: rejected(SKEW, 'node-a', 'node-b', 'node-y'),
  },
];

export const singleConstraintCases: FilterCase[] = singleRaw.map((c) => ({ args: listArgs, ...c }));

const multiRaw: FilterCase[] = [
  {
    // zone: any node; node: only node-x ⇒ node-x.
    name: 'two Constraints on zone and node, spreads = [3/3, 2/1/0/3]',
    source: MULTI,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: pods2103(),
    want: rejected(SKEW, 'node-a', 'node-b', 'node-y'),
  },
  {
    // zone: zone1; node: node-x ⇒ nothing.
    name: 'two Constraints on zone and node, spreads = [3/4, 2/1/0/4]',
    source: MULTI,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: pods2104(),
    want: rejected(SKEW, 'node-a', 'node-b', 'node-x', 'node-y'),
  },
  {
    // zone: zone2; node: node-a/b/x ⇒ node-x.
    name: 'Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]',
    source: MULTI,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).build(),
    nodes: abxy(),
    existingPods: [pod('p-a1', 'node-a', { foo: '' }), pod('p-y1', 'node-y', { bar: '' })],
    want: rejected(SKEW, 'node-a', 'node-b', 'node-y'),
  },
  {
    // zone: zone2; node: node-a/b ⇒ nothing.
    name: 'Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]',
    source: MULTI,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).build(),
    nodes: abxy(),
    existingPods: [pod('p-a1', 'node-a', { foo: '' }), pod('p-x1', 'node-x', { bar: '' }), pod('p-y1', 'node-y', { bar: '' })],
    want: rejected(SKEW, 'node-a', 'node-b', 'node-x', 'node-y'),
  },
  {
    // zone: zone1; node: node-b/x ⇒ node-b.
    name: 'Constraints hold different labelSelectors, spreads = [2/3, 1/0/0/1]',
    source: MULTI,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).build(),
    nodes: abxy(),
    existingPods: [
      pod('p-a1', 'node-a', { foo: '' }), pod('p-a2', 'node-a', { foo: '', bar: '' }), pod('p-y1', 'node-y', { foo: '' }),
      pod('p-y2', 'node-y', { foo: '', bar: '' }), pod('p-y3', 'node-y', { foo: '' }),
    ],
    want: rejected(SKEW, 'node-a', 'node-x', 'node-y'),
  },
  {
    // zone: the pod doesn't match itself ⇒ any zone; node: node-a/b ⇒ node-a, node-b.
    name: "Constraints hold different labelSelectors but pod doesn't match itself on 'zone' constraint",
    source: MULTI,
    pod: incoming({ bar: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).build(),
    nodes: abxy(),
    existingPods: [pod('p-a1', 'node-a', { foo: '' }), pod('p-x1', 'node-x', { bar: '' }), pod('p-y1', 'node-y', { bar: '' })],
    want: rejected(SKEW, 'node-x', 'node-y'),
  },
  {
    // zone: any node; node: node-b (node-x lacks the 'node' label) ⇒ node-b.
    name: "two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]",
    source: MULTI,
    pod: incoming({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1'), node('node-x', { zone: 'zone2' }), zn('node-y', 'zone2')],
    existingPods: [pod('p-a1', 'node-a', { foo: '' }), pod('p-y3', 'node-y', { foo: '' })],
    want: { ...rejected(SKEW, 'node-a', 'node-y'), 'node-x': NO_LABEL },
  },
  {
    // zone: 2/~0~; node: 1/1/0/~1~ ⇒ node-x.
    name: 'two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore',
    source: MULTI,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' }).build(),
    nodes: [zn('node-a', 'zone1', { foo: '' }), zn('node-b', 'zone1', { foo: '' }), zn('node-x', 'zone2', { foo: '' }), zn('node-y', 'zone2')],
    existingPods: fooPods([['node-a', 'p-a', 1], ['node-b', 'p-b', 1], ['node-y', 'p-y', 1]]),
    want: rejected(SKEW, 'node-a', 'node-b', 'node-y'),
  },
  {
    // zone: 2/0; node: 1/1/0/~1~ ⇒ node-x.
    name: 'two node inclusion Constraints, zone: honor/honor, node: honor/ignore',
    source: MULTI,
    ...NIP_ON,
    pod: incoming({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { nodeTaintsPolicy: 'Honor' })
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: [zn('node-a', 'zone1', { foo: '' }), zn('node-b', 'zone1', { foo: '' }), zn('node-x', 'zone2', { foo: '' }), zn('node-y', 'zone2', {}, taints)],
    existingPods: fooPods([['node-a', 'p-a', 1], ['node-b', 'p-b', 1], ['node-y', 'p-y', 1]]),
    want: rejected(SKEW, 'node-a', 'node-b', 'node-y'),
  },
  {
    // zone: 1/~1~; node: 1/0/0/~1~ ⇒ node-b, node-x.
    name: 'two node inclusion Constraints, zone: honor/ignore, node: honor/ignore',
    source: MULTI,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).build(),
    nodes: [zn('node-a', 'zone1', { foo: '' }), zn('node-b', 'zone1'), zn('node-x', 'zone2', { foo: '' }), zn('node-y', 'zone2', { foo: '' }, taints)],
    existingPods: fooPods([['node-a', 'p-a', 1], ['node-b', 'p-b', 1], ['node-y', 'p-y', 1]]),
    want: rejected(SKEW, 'node-a', 'node-y'),
  },
  {
    // zone: 1/0; node: 1/~1~/0/~1~ ⇒ node-x.
    name: 'two node inclusion Constraints, zone: honor/honor, node: ignore/ignore',
    source: MULTI,
    ...NIP_ON,
    pod: incoming({ foo: '' }).nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { nodeTaintsPolicy: 'Honor' })
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' }).build(),
    nodes: [zn('node-a', 'zone1', { foo: '' }), zn('node-b', 'zone1'), zn('node-x', 'zone2', { foo: '' }), zn('node-y', 'zone2', { foo: '' }, taints)],
    existingPods: fooPods([['node-a', 'p-a', 1], ['node-b', 'p-b', 1], ['node-y', 'p-y', 1]]),
    want: rejected(SKEW, 'node-a', 'node-b', 'node-y'),
  },
  {
    // first zone constraint (bar): zone2; second (foo): any zone ⇒ node-x, node-y.
    name: 'two Constraints on zone, spreads = [3/3, 2/1]',
    source: MULTI,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', barSelector)
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: [
      pod('p-a1', 'node-a', { foo: '', bar: '' }), pod('p-a2', 'node-a', { foo: '' }), pod('p-b1', 'node-b', { foo: '', bar: '' }),
      pod('p-y1', 'node-y', { foo: '' }), pod('p-y2', 'node-y', { foo: '', bar: '' }), pod('p-y3', 'node-y', { foo: '' }),
    ],
    want: rejected(SKEW, 'node-a', 'node-b'),
  },
  {
    // first zone constraint (bar): zone2; second (foo): zone1 ⇒ nothing.
    name: 'two Constraints on zone, spreads = [3/4, 2/1]',
    source: MULTI,
    pod: incoming({ foo: '', bar: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', barSelector)
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).build(),
    nodes: abxy(),
    existingPods: [
      pod('p-a1', 'node-a', { foo: '', bar: '' }), pod('p-a2', 'node-a', { foo: '' }), pod('p-b1', 'node-b', { foo: '', bar: '' }),
      pod('p-y1', 'node-y', { foo: '' }), pod('p-y2', 'node-y', { foo: '', bar: '' }), pod('p-y3', 'node-y', { foo: '' }),
      pod('p-y4', 'node-y', { foo: '' }),
    ],
    want: rejected(SKEW, 'node-a', 'node-b', 'node-x', 'node-y'),
  },
];

export const multipleConstraintsCases: FilterCase[] = multiRaw.map((c) => ({ args: listArgs, ...c }));

/**
 * TestPreFilterDisabled: Filter is called WITHOUT a preceding PreFilter (empty cycle state) on an
 * empty pod and an empty node; upstream expects an Error status (the PreFilter state is not found).
 * runFilter() always runs PreFilter first, so these need a runner that calls filter() directly.
 */
export const preFilterDisabledCases: FilterCase[] = [
  {
    name: 'TestPreFilterDisabled',
    source: `${FILTERING} TestPreFilterDisabled (Filter without PreFilter)`,
    pod: { metadata: {}, spec: {} },
    nodes: [{ metadata: { name: '' } }],
    args: listArgs,
    want: { '': { code: 'Error' } },
  },
];
