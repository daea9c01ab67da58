import { TAINT_UNSCHEDULABLE } from '../../../server/src/engine/api';
import { NodeUnschedulable } from '../../../server/src/engine/plugins/nodeUnschedulable';
import { makeNode, makePod } from '../builders';
import type { FilterCase } from '../harness';
import { assertFilter } from './pluginAsserts';

const SRC = 'nodeunschedulable/node_unschedulable_test.go TestNodeUnschedulable';
const REJECTED = { code: 'UnschedulableAndUnresolvable' as const, reasons: ['node(s) were unschedulable'] };

const upstream: FilterCase[] = [
  {
    name: 'Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)',
    source: SRC,
    pod: makePod().build(),
    nodes: [makeNode('n').unschedulable().build()],
    want: { n: REJECTED },
  },
  {
    name: 'Schedule pod to normal node',
    source: SRC,
    pod: makePod().build(),
    nodes: [makeNode('n').unschedulable(false).build()],
    want: {},
  },
  {
    name: 'Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)',
    source: SRC,
    pod: makePod().toleration({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' }).build(),
    nodes: [makeNode('n').unschedulable().build()],
    want: {},
  },
];

// Consequences of matching against the synthetic taint {unschedulable, "", NoSchedule}.
const OWN = 'kube-spread: ToleratesTaint rules applied to the synthetic taint';
const own: FilterCase[] = [
  {
    name: 'a tolerate-everything toleration (operator Exists, no key) also tolerates the cordon',
    source: OWN,
    pod: makePod().toleration({ operator: 'Exists' }).build(),
    nodes: [makeNode('cordoned').unschedulable().build(), makeNode('ok').build()],
    want: {},
  },
  {
    name: 'a toleration for the right key but effect NoExecute does not',
    source: OWN,
    pod: makePod().toleration({ key: TAINT_UNSCHEDULABLE, operator: 'Exists', effect: 'NoExecute' }).build(),
    nodes: [makeNode('cordoned').unschedulable().build(), makeNode('ok').build()],
    want: { cordoned: REJECTED },
  },
  {
    name: 'operator Equal with a value does not match the empty taint value',
    source: OWN,
    pod: makePod().toleration({ key: TAINT_UNSCHEDULABLE, operator: 'Equal', value: 'true', effect: 'NoSchedule' }).build(),
    nodes: [makeNode('cordoned').unschedulable().build()],
    want: { cordoned: REJECTED },
  },
];

describe('NodeUnschedulable', () => {
  describe('upstream TestNodeUnschedulable', () => {
    for (const c of upstream) it(c.name, () => assertFilter(NodeUnschedulable, c));
  });
  describe('kube-spread', () => {
    for (const c of own) it(c.name, () => assertFilter(NodeUnschedulable, c));
  });
});
