import type { Taint, Toleration } from '../../../server/src/engine/api';
import { TaintToleration } from '../../../server/src/engine/plugins/taintToleration';
import { makeNode, makePod } from '../builders';
import type { FilterCase, ScoreCase } from '../harness';
import { assertFilter, assertScore } from './pluginAsserts';

const FILE = 'tainttoleration/taint_toleration_test.go';
const UNTOLERATED = { code: 'UnschedulableAndUnresolvable' as const, reasons: ['node(s) had untolerated taint(s)'] };
const GATE_ON = { TaintTolerationComparisonOperators: true };

const podWith = (tolerations: Toleration[]) => {
  const b = makePod('pod1');
  for (const t of tolerations) b.toleration(t);
  return b.build();
};
const nodeWith = (name: string, taints: Taint[]) => makeNode(name).taints(taints).build();

/** One pod, one node "nodeA"; `reject` = the expected status there (undefined = passes). */
function filterCase(
  fn: string, name: string, tolerations: Toleration[], taints: Taint[],
  reject?: FilterCase['want'][string], gates?: FilterCase['gates'],
): FilterCase {
  return { name, source: `${FILE} ${fn}`, pod: podWith(tolerations), nodes: [nodeWith('nodeA', taints)], want: reject ? { nodeA: reject } : {}, gates };
}

const F = 'TestTaintTolerationFilter';
const filterTable: FilterCase[] = [
  filterCase(F, "A pod having no tolerations can't be scheduled onto a node with nonempty taints", [],
    [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], UNTOLERATED),
  filterCase(F, 'A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule',
    [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
  filterCase(F, "A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
    [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], UNTOLERATED),
  filterCase(F, 'A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node',
    [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
  filterCase(F, 'A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node',
    [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
    [{ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
  filterCase(F, "A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node",
    [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], UNTOLERATED),
  filterCase(F, 'The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node',
    [{ key: 'foo', operator: 'Equal', value: 'bar' }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
  filterCase(F, "The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
    [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }]),
  filterCase(F, 'The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node',
    [], [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }]),
  filterCase(F, 'Pod with Gt toleration cannot be scheduled on node when taint value is lower than threshold',
    [{ key: 'node.example.com/priority-level', operator: 'Gt', value: '950', effect: 'NoSchedule' }],
    [{ key: 'node.example.com/priority-level', value: '800', effect: 'NoSchedule' }], UNTOLERATED, GATE_ON),
  filterCase(F, 'Pod with Gt toleration can be scheduled on node when taint value is higher than threshold',
    [{ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '750', effect: 'NoSchedule' }],
    [{ key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' }], undefined, GATE_ON),
  filterCase(F, 'Pod with Lt toleration cannot be scheduled on node when taint value is higher than threshold',
    [{ key: 'node.example.com/priority-level', operator: 'Lt', value: '800', effect: 'NoSchedule' }],
    [{ key: 'node.example.com/priority-level', value: '950', effect: 'NoSchedule' }], UNTOLERATED, GATE_ON),
  filterCase(F, 'Pod with Lt toleration can be scheduled on node when taint value is lower than threshold',
    [{ key: 'node.kubernetes.io/sla', operator: 'Lt', value: '950', effect: 'NoSchedule' }],
    [{ key: 'node.kubernetes.io/sla', value: '800', effect: 'NoSchedule' }], undefined, GATE_ON),
  filterCase(F, 'Pod with Gt toleration cannot be scheduled on node with non-numeric taint value',
    [{ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'NoSchedule' }],
    [{ key: 'node.kubernetes.io/sla', value: 'high', effect: 'NoSchedule' }],
    { code: 'UnschedulableAndUnresolvable', reasons: ['failed to parse taint value "high" as int64: must be a valid decimal integer in canonical form'] },
    GATE_ON),
];

const G = 'TestTaintTolerationFilterWithFeatureGate';
const GATE_OFF = { TaintTolerationComparisonOperators: false };
const gateTable: FilterCase[] = [
  filterCase(G, 'Pod with Gt toleration can be scheduled when feature gate is enabled and taint value is higher',
    [{ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '750', effect: 'NoSchedule' }],
    [{ key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' }], undefined, GATE_ON),
  filterCase(G, 'Pod with Gt toleration cannot be scheduled when feature gate is disabled',
    [{ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '750', effect: 'NoSchedule' }],
    [{ key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' }], UNTOLERATED, GATE_OFF),
  filterCase(G, 'Pod with Lt toleration can be scheduled when feature gate is enabled and taint value is lower',
    [{ key: 'node.kubernetes.io/sla', operator: 'Lt', value: '950', effect: 'NoSchedule' }],
    [{ key: 'node.kubernetes.io/sla', value: '800', effect: 'NoSchedule' }], undefined, GATE_ON),
  filterCase(G, 'Pod with Lt toleration cannot be scheduled when feature gate is disabled',
    [{ key: 'node.kubernetes.io/sla', operator: 'Lt', value: '950', effect: 'NoSchedule' }],
    [{ key: 'node.kubernetes.io/sla', value: '800', effect: 'NoSchedule' }], UNTOLERATED, GATE_OFF),
  filterCase(G, 'Pod with mixed tolerations (Equal and Gt) when feature gate is disabled - only Equal is honored',
    [{ key: 'dedicated', operator: 'Equal', value: 'user1', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/sla', operator: 'Gt', value: '750', effect: 'NoSchedule' }],
    [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], undefined, GATE_OFF),
  filterCase(G, 'Pod with mixed tolerations, Gt toleration needed but filtered out when feature gate is disabled',
    [{ key: 'dedicated', operator: 'Equal', value: 'user1', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/sla', operator: 'Gt', value: '750', effect: 'NoSchedule' }],
    [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' }], UNTOLERATED, GATE_OFF),
];

const S = `${FILE} TestTaintTolerationScore`;
const pns = (key: string, value: string): Taint => ({ key, value, effect: 'PreferNoSchedule' });
const scoreTable: ScoreCase[] = [
  {
    name: 'node with taints tolerated by the pod, gets a higher score than those node with intolerable taints',
    source: S,
    pod: podWith([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
    nodes: [nodeWith('nodeA', [pns('foo', 'bar')]), nodeWith('nodeB', [pns('foo', 'blah')])],
    want: { nodeA: 100, nodeB: 0 },
  },
  {
    name: 'the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has',
    source: S,
    pod: podWith([
      { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
      { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
    ]),
    nodes: [nodeWith('nodeA', []), nodeWith('nodeB', [pns('cpu-type', 'arm64')]), nodeWith('nodeC', [pns('cpu-type', 'arm64'), pns('disk-type', 'ssd')])],
    want: { nodeA: 100, nodeB: 100, nodeC: 100 },
  },
  {
    name: 'the more intolerable taints a node has, the lower score it gets.',
    source: S,
    pod: podWith([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
    nodes: [nodeWith('nodeA', []), nodeWith('nodeB', [pns('cpu-type', 'arm64')]), nodeWith('nodeC', [pns('cpu-type', 'arm64'), pns('disk-type', 'ssd')])],
    want: { nodeA: 100, nodeB: 50, nodeC: 0 },
  },
  {
    name: 'only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function',
    source: S,
    pod: podWith([
      { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
      { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
    ]),
    nodes: [
      nodeWith('nodeA', []),
      nodeWith('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }]),
      nodeWith('nodeC', [pns('cpu-type', 'arm64'), pns('disk-type', 'ssd')]),
    ],
    want: { nodeA: 100, nodeB: 100, nodeC: 0 },
  },
  {
    name: 'Default behaviour No taints and tolerations, lands on node with no taints',
    source: S,
    pod: podWith([]),
    nodes: [nodeWith('nodeA', []), nodeWith('nodeB', [pns('cpu-type', 'arm64')])],
    want: { nodeA: 100, nodeB: 0 },
  },
  {
    name: 'Numeric Gt operator: pod with Gt toleration prefers nodes with matching SLA taint',
    source: S,
    gates: GATE_ON,
    pod: podWith([{ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'PreferNoSchedule' }]),
    nodes: [nodeWith('nodeA', [pns('node.kubernetes.io/sla', '800')]), nodeWith('nodeB', [pns('node.kubernetes.io/sla', '999')])],
    want: { nodeA: 0, nodeB: 100 },
  },
  {
    name: 'Numeric Lt operator: pod with Lt toleration prefers nodes with matching SLA taint',
    source: S,
    gates: GATE_ON,
    pod: podWith([{ key: 'node.kubernetes.io/sla', operator: 'Lt', value: '800', effect: 'PreferNoSchedule' }]),
    nodes: [nodeWith('nodeA', [pns('node.kubernetes.io/sla', '950')]), nodeWith('nodeB', [pns('node.kubernetes.io/sla', '700')])],
    want: { nodeA: 0, nodeB: 100 },
  },
  {
    name: 'Score ignores parse errors from numeric PreferNoSchedule taint value',
    source: S,
    gates: GATE_ON,
    pod: podWith([{ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'PreferNoSchedule' }]),
    nodes: [nodeWith('nodeA', []), nodeWith('nodeB', [pns('node.kubernetes.io/sla', 'high')])],
    want: { nodeA: 100, nodeB: 0 },
  },
];

// Version switch and error-preference rules read from the source (not in the upstream tables).
const OWN = 'kube-spread';
const ownFilter: FilterCase[] = [
  {
    ...filterCase(OWN, 'releases up to 1.33 name the first untolerated taint', [],
      [{ key: 'a', value: 'x', effect: 'PreferNoSchedule' }, { key: 'dedicated', value: 'user1', effect: 'NoExecute' }, { key: 'b', value: 'y', effect: 'NoSchedule' }],
      { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {dedicated: user1}'] }),
    minor: 33,
  },
  filterCase(OWN, 'a cleanly untolerated taint is reported in preference to a comparison parse failure',
    [{ key: 'sla', operator: 'Gt', value: '950', effect: 'NoSchedule' }],
    [{ key: 'sla', value: 'high', effect: 'NoSchedule' }, { key: 'other', value: 'v', effect: 'NoSchedule' }], UNTOLERATED, GATE_ON),
  filterCase(OWN, 'non-canonical numbers (leading "+") are a parse error, not a comparison',
    [{ key: 'sla', operator: 'Gt', value: '+750', effect: 'NoSchedule' }], [{ key: 'sla', value: '950', effect: 'NoSchedule' }],
    { code: 'UnschedulableAndUnresolvable', reasons: ['failed to parse toleration value "+750" as int64: must be a valid decimal integer in canonical form'] }, GATE_ON),
  filterCase(OWN, 'another toleration that matches wins over a comparison error',
    [{ key: 'sla', operator: 'Gt', value: 'x', effect: 'NoSchedule' }, { key: 'sla', operator: 'Exists' }], [{ key: 'sla', value: '950', effect: 'NoSchedule' }],
    undefined, GATE_ON),
];

describe('TaintToleration', () => {
  describe(`upstream ${F}`, () => {
    for (const c of filterTable) it(c.name, () => assertFilter(TaintToleration, c));
  });
  describe(`upstream ${G}`, () => {
    for (const c of gateTable) it(c.name, () => assertFilter(TaintToleration, c));
  });
  describe('upstream TestTaintTolerationScore', () => {
    for (const c of scoreTable) it(c.name, () => assertScore(TaintToleration, c));
  });
  describe('kube-spread', () => {
    for (const c of ownFilter) it(c.name, () => assertFilter(TaintToleration, c));
  });
});
