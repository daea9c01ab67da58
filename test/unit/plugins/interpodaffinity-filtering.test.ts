// InterPodAffinity PreFilter/Filter, ported from upstream
// pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go.
//
// Porting notes: upstream pods without a namespace live in "" (defaultNamespace); kube-spread
// normalizes that to "default" for every pod, so namespace relations are unchanged. Nodes absent
// from the upstream snapshot are absent here too (their pods are invisible in both).

import { strict as assert } from 'node:assert';
import type { Namespace, Node, Pod, PodAffinityTerm } from '../../../server/src/engine/api';
import { Cluster, makePodInfo } from '../../../server/src/engine/cluster';
import { CycleState, type Status } from '../../../server/src/engine/framework';
import { defaultEnv } from '../../../server/src/engine/versions';
import { InterPodAffinity } from '../../../server/src/engine/plugins/interpodaffinity/plugin';
import { PRE_FILTER_STATE_KEY, type PreFilterState, type TopologyCounts } from '../../../server/src/engine/plugins/interpodaffinity/filtering';
import { exists, inValues, makeNode, makePod, type PodBuilder } from '../builders';
import { runFilter, type ExpectedStatus, type FilterCase } from '../harness';

const FILE = 'pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go';

const E_EXISTING = "node(s) didn't satisfy existing pods anti-affinity rules";
const E_AFFINITY = "node(s) didn't match pod affinity rules";
const E_ANTI = "node(s) didn't match pod anti-affinity rules";
const affinityFail: ExpectedStatus = { code: 'UnschedulableAndUnresolvable', reasons: [E_AFFINITY] };
const antiFail: ExpectedStatus = { code: 'Unschedulable', reasons: [E_ANTI] };
const existingFail: ExpectedStatus = { code: 'Unschedulable', reasons: [E_EXISTING] };

// The namespaces upstream's tests register with the informer (scoring_test.go `namespaces`).
const nsT1 = { team: 'team1' };
const nsT2 = { team: 'team2' };
const mkNs = (name: string, labels: Record<string, string> = {}): Namespace => ({ metadata: { name, labels } });
const namespaces: Namespace[] = [
  mkNs('subteam1.team1', nsT1), mkNs('subteam2.team1', nsT1), mkNs('subteam1.team2', nsT2), mkNs('subteam2.team2', nsT2),
];

function node(name: string, labels: Record<string, string>): Node {
  const b = makeNode(name);
  for (const [k, v] of Object.entries(labels)) b.label(k, v);
  return b.build();
}

// st.PodAffinityIn / NotIn / Exists: one term whose selector has a single expression.
const termIn = (key: string, topologyKey: string, values: string[]): PodAffinityTerm => ({ labelSelector: inValues(key, values), topologyKey });
const termNotIn = (key: string, topologyKey: string, values: string[]): PodAffinityTerm => ({
  labelSelector: { matchExpressions: [{ key, operator: 'NotIn', values }] }, topologyKey,
});
const termExists = (key: string, topologyKey: string): PodAffinityTerm => ({ labelSelector: exists(key), topologyKey });
const aff = (b: PodBuilder, ...terms: PodAffinityTerm[]) => b.podAffinity('affinity', terms);
const anti = (b: PodBuilder, ...terms: PodAffinityTerm[]) => b.podAffinity('anti', terms);
const p = (labels: Record<string, string> = {}, nodeName?: string, ns?: string): PodBuilder => {
  const b = makePod('p').labels(labels);
  if (nodeName) b.node(nodeName);
  if (ns) b.namespace(ns);
  return b;
};

// ---- TestRequiredAffinitySingleNode ----------------------------------------------------------

const SRC_SINGLE = `${FILE} TestRequiredAffinitySingleNode`;
const podLabel = { service: 'securityscan' };
const podLabel2 = { security: 'S1' };
const node1 = node('node1', { region: 'r1', zone: 'z11' });
const existing = (): Pod => p(podLabel, 'node1').build();
const serviceIn = inValues('service', ['securityscan', 'value2']);
const teamIn = inValues('team', ['team1']);

const single = (c: Omit<FilterCase, 'source' | 'nodes' | 'want'> & { want?: ExpectedStatus }): FilterCase => ({
  ...c, source: SRC_SINGLE, nodes: [node1], namespaces, want: c.want ? { node1: c.want } : {},
});

const singleNodeCases: FilterCase[] = [
  single({
    name: 'A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods',
    pod: makePod().build(),
    wantPreFilter: { code: 'Skip' },
  }),
  single({
    name: 'satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod',
    pod: aff(p(podLabel2), termIn('service', 'region', ['securityscan', 'value2'])).build(),
    existingPods: [existing()],
  }),
  single({
    name: 'satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod',
    pod: aff(p(podLabel2), termNotIn('service', 'region', ['securityscan3', 'value3'])).build(),
    existingPods: [existing()],
  }),
  single({
    name: 'Does not satisfy the PodAffinity with labelSelector because of diff Namespace',
    pod: aff(p(podLabel2), { labelSelector: serviceIn, namespaces: ['DiffNameSpace'], topologyKey: '' }).build(),
    existingPods: [p({ service: 'securityscan' }, 'node1', 'ns').build()],
    want: affinityFail,
  }),
  single({
    name: "Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
    pod: aff(p(podLabel), termIn('service', '', ['antivirusscan', 'value2'])).build(),
    existingPods: [existing()],
    want: affinityFail,
  }),
  single({
    name: 'satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution ',
    pod: aff(p(podLabel2),
      { labelSelector: { matchExpressions: [{ key: 'service', operator: 'Exists' }, { key: 'wrongkey', operator: 'DoesNotExist' }] }, topologyKey: 'region' },
      { labelSelector: { matchExpressions: [{ key: 'service', operator: 'In', values: ['securityscan'] }, { key: 'service', operator: 'NotIn', values: ['WrongValue'] }] }, topologyKey: 'region' },
    ).build(),
    existingPods: [existing()],
  }),
  single({
    name: "The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
    pod: aff(p(podLabel2),
      { labelSelector: { matchExpressions: [{ key: 'service', operator: 'Exists' }, { key: 'wrongkey', operator: 'DoesNotExist' }] }, topologyKey: 'region' },
      { labelSelector: { matchExpressions: [{ key: 'service', operator: 'In', values: ['securityscan2'] }, { key: 'service', operator: 'NotIn', values: ['WrongValue'] }] }, topologyKey: 'region' },
    ).build(),
    existingPods: [existing()],
    want: affinityFail,
  }),
  single({
    name: 'satisfies the PodAffinity and PodAntiAffinity with the existing pod',
    pod: anti(aff(p(podLabel2), termIn('service', 'region', ['securityscan', 'value2'])), termIn('service', 'node', ['antivirusscan', 'value2'])).build(),
    existingPods: [existing()],
  }),
  single({
    name: 'satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod',
    pod: anti(aff(p(podLabel2), termIn('service', 'region', ['securityscan', 'value2'])), termIn('service', 'node', ['antivirusscan', 'value2'])).build(),
    existingPods: [anti(p(podLabel, 'node1'), termIn('service', 'node', ['antivirusscan', 'value2'])).build()],
  }),
  single({
    name: "satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
    pod: anti(aff(p(podLabel2), termIn('service', 'region', ['securityscan', 'value2'])), termIn('service', 'zone', ['securityscan', 'value2'])).build(),
    existingPods: [existing()],
    want: antiFail,
  }),
  single({
    name: "satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
    pod: anti(aff(p(podLabel), termIn('service', 'region', ['securityscan', 'value2'])), termIn('service', 'node', ['antivirusscan', 'value2'])).build(),
    existingPods: [anti(p(podLabel, 'node1'), termIn('service', 'zone', ['securityscan', 'value2'])).build()],
    want: existingFail,
  }),
  single({
    name: 'pod matches its own Label in PodAffinity and that matches the existing pod Labels',
    pod: aff(p(podLabel), termNotIn('service', 'region', ['securityscan', 'value2'])).build(),
    existingPods: [p({ service: 'securityscan' }, 'node2').build()],
    want: affinityFail,
  }),
  single({
    name: "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
    pod: p(podLabel).build(),
    existingPods: [anti(p(podLabel, 'node1'), termIn('service', 'zone', ['securityscan', 'value2'])).build()],
    want: existingFail,
  }),
  single({
    name: 'verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod',
    pod: p(podLabel).build(),
    existingPods: [anti(p(podLabel, 'node1'), termNotIn('service', 'zone', ['securityscan', 'value2'])).build()],
    wantPreFilter: { code: 'Skip' },
  }),
  single({
    name: "satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod",
    pod: anti(p(podLabel), termExists('service', 'region'), termExists('security', 'region')).build(),
    existingPods: [anti(p(podLabel2, 'node1'), termExists('security', 'zone')).build()],
    want: antiFail,
  }),
  single({
    name: 'PodAntiAffinity symmetry check a1: incoming pod and existing pod partially match each other on AffinityTerms',
    pod: anti(p(podLabel), termExists('service', 'zone'), termExists('security', 'zone')).build(),
    existingPods: [anti(p(podLabel2, 'node1'), termExists('security', 'zone')).build()],
    want: antiFail,
  }),
  single({
    name: 'PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms',
    pod: anti(p(podLabel2), termExists('security', 'zone')).build(),
    existingPods: [anti(p(podLabel, 'node1'), termExists('service', 'zone'), termExists('security', 'zone')).build()],
    want: existingFail,
  }),
  single({
    name: 'PodAntiAffinity symmetry check b1: incoming pod and existing pod partially match each other on AffinityTerms',
    pod: anti(p({ abc: '', xyz: '' }), termExists('abc', 'zone'), termExists('def', 'zone')).build(),
    existingPods: [anti(p({ def: '', xyz: '' }, 'node1'), termExists('abc', 'zone'), termExists('def', 'zone')).build()],
    want: antiFail,
  }),
  single({
    name: 'PodAntiAffinity symmetry check b2: incoming pod and existing pod partially match each other on AffinityTerms',
    pod: anti(p({ def: '', xyz: '' }), termExists('abc', 'zone'), termExists('def', 'zone')).build(),
    existingPods: [anti(p({ abc: '', xyz: '' }, 'node1'), termExists('abc', 'zone'), termExists('def', 'zone')).build()],
    want: antiFail,
  }),
  single({
    name: 'PodAffinity fails PreFilter with an invalid affinity label syntax',
    pod: aff(p(podLabel), termIn('service', 'region', ['{{.bad-value.}}']), termIn('service', 'node', ['antivirusscan', 'value2'])).build(),
    wantPreFilter: {
      code: 'UnschedulableAndUnresolvable',
      reasons: [`parsing pod: requiredAffinityTerms: values[0][service]: Invalid value: "{{.bad-value.}}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`],
    },
  }),
  single({
    // Upstream builds this pod with two *affinity* terms (not anti-affinity), hence the same message.
    name: 'PodAntiAffinity fails PreFilter with an invalid antiaffinity label syntax',
    pod: aff(p(podLabel), termIn('service', 'region', ['foo']), termIn('service', 'node', ['{{.bad-value.}}'])).build(),
    wantPreFilter: {
      code: 'UnschedulableAndUnresolvable',
      reasons: [`parsing pod: requiredAffinityTerms: values[0][service]: Invalid value: "{{.bad-value.}}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`],
    },
  }),
  single({
    name: 'affinity with NamespaceSelector',
    pod: aff(p(podLabel2), { labelSelector: serviceIn, namespaceSelector: teamIn, topologyKey: 'region' }).build(),
    existingPods: [p(podLabel, 'node1', 'subteam1.team1').build()],
  }),
  single({
    name: 'affinity with non-matching NamespaceSelector',
    pod: aff(p(podLabel2), { labelSelector: serviceIn, namespaceSelector: teamIn, topologyKey: 'region' }).build(),
    existingPods: [p(podLabel, 'node1', 'subteam1.team2').build()],
    want: affinityFail,
  }),
  single({
    name: 'anti-affinity with matching NamespaceSelector',
    pod: anti(p(podLabel2, undefined, 'subteam1.team1'), { labelSelector: serviceIn, namespaceSelector: teamIn, topologyKey: 'zone' }).build(),
    existingPods: [p(podLabel, 'node1', 'subteam2.team1').build()],
    want: antiFail,
  }),
  single({
    name: 'anti-affinity with matching all NamespaceSelector',
    pod: anti(p(podLabel2, undefined, 'subteam1.team1'), { labelSelector: serviceIn, namespaceSelector: {}, topologyKey: 'zone' }).build(),
    existingPods: [p(podLabel, 'node1', 'subteam2.team1').build()],
    want: antiFail,
  }),
  single({
    name: 'anti-affinity with non-matching NamespaceSelector',
    pod: anti(p(podLabel2, undefined, 'subteam1.team1'), { labelSelector: serviceIn, namespaceSelector: teamIn, topologyKey: 'zone' }).build(),
    existingPods: [p(podLabel, 'node1', 'subteam1.team2').build()],
  }),
];

// ---- TestRequiredAffinityMultipleNodes -------------------------------------------------------

const SRC_MULTI = `${FILE} TestRequiredAffinityMultipleNodes`;
const rgChina = { region: 'China' };
const rgChinaAz1 = { region: 'China', az: 'az1' };
const rgIndia = { region: 'India' };
const rzh = (n: string, zone: string) => node(n, { region: 'r1', zone, hostname: n });

const multi = (c: Omit<FilterCase, 'source'>): FilterCase => ({ ...c, source: SRC_MULTI, namespaces: [mkNs('NS1')] });

const multipleNodesCases: FilterCase[] = [
  multi({
    name: 'A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules',
    pod: aff(p(), termIn('foo', 'region', ['bar'])).build(),
    existingPods: [p({ foo: 'bar' }, 'node1').build()],
    nodes: [node('node1', rgChina), node('node2', rgChinaAz1), node('node3', rgIndia)],
    want: { node3: affinityFail },
  }),
  multi({
    name: 'The affinity rule is to schedule all of the pods of this collection to the same zone. The first pod of the collection ' +
      "should not be blocked from being scheduled onto any node, even there's no existing pod that matches the rule anywhere.",
    pod: aff(p({ foo: 'bar', service: 'securityscan' }), termIn('foo', 'zone', ['bar']), termIn('service', 'zone', ['securityscan'])).build(),
    existingPods: [p({ foo: 'bar' }, 'nodeA').build()],
    nodes: [node('nodeA', { zone: 'az1', hostname: 'h1' }), node('nodeB', { zone: 'az2', hostname: 'h2' })],
    want: {},
  }),
  multi({
    name: 'The first pod of the collection can only be scheduled on nodes labelled with the requested topology keys',
    pod: aff(p({ foo: 'bar', service: 'securityscan' }), termIn('foo', 'zone', ['bar']), termIn('service', 'zone', ['securityscan'])).build(),
    existingPods: [p({ foo: 'bar' }, 'nodeA').build()],
    nodes: [node('nodeA', { zoneLabel: 'az1', hostname: 'h1' }), node('nodeB', { zoneLabel: 'az2', hostname: 'h2' })],
    want: { nodeA: affinityFail, nodeB: affinityFail },
  }),
  multi({
    name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.',
    pod: anti(p(), termIn('foo', 'region', ['abc'])).build(),
    existingPods: [p({ foo: 'abc' }, 'nodeA').build()],
    nodes: [node('nodeA', { region: 'r1', hostname: 'nodeA' }), node('nodeB', { region: 'r1', hostname: 'nodeB' })],
    want: { nodeA: antiFail, nodeB: antiFail },
  }),
  multi({
    name: 'This test ensures that anti-affinity matches a pod when any term of the anti-affinity rule matches a pod.',
    pod: anti(p(), termIn('foo', 'region', ['abc']), termIn('service', 'zone', ['securityscan'])).build(),
    existingPods: [p({ foo: 'abc', service: 'securityscan' }, 'nodeA').build()],
    nodes: [node('nodeA', { region: 'r1', zone: 'z1', hostname: 'nodeA' }), node('nodeB', { region: 'r1', zone: 'z2', hostname: 'nodeB' })],
    want: { nodeA: antiFail, nodeB: antiFail },
  }),
  multi({
    name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB but can be scheduled onto nodeC',
    pod: anti(p(), termIn('foo', 'region', ['abc'])).build(),
    existingPods: [p({ foo: 'abc' }, 'nodeA').build()],
    nodes: [node('nodeA', rgChina), node('nodeB', rgChinaAz1), node('nodeC', rgIndia)],
    want: { nodeA: antiFail, nodeB: antiFail },
  }),
  multi({
    name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA, nodeB, but can be scheduled onto nodeC (NodeC has an existing pod that match the inter pod affinity rule but in different namespace)',
    pod: anti(p({ foo: '123' }, undefined, 'NS1'), termIn('foo', 'region', ['bar'])).build(),
    existingPods: [
      p({ foo: 'bar' }, 'nodeA', 'NS1').build(),
      anti(p({}, 'nodeC', 'NS2'), termIn('foo', 'region', ['123'])).build(),
    ],
    nodes: [node('nodeA', rgChina), node('nodeB', rgChinaAz1), node('nodeC', rgIndia)],
    want: { nodeA: antiFail, nodeB: antiFail },
  }),
  multi({
    name: "Test existing pod's anti-affinity: if an existing pod has a term with invalid topologyKey, labelSelector of the term is firstly checked, and then topologyKey of the term is also checked",
    pod: p({ foo: '' }).build(),
    existingPods: [anti(p({}, 'nodeA'), termExists('foo', 'invalid-node-label')).build()],
    nodes: [rzh('nodeA', 'z1'), rzh('nodeB', 'z1')],
    wantPreFilter: { code: 'Skip' },
    want: {},
  }),
  multi({
    name: "Test incoming pod's anti-affinity: even if labelSelector matches, we still check if topologyKey matches",
    pod: anti(p({}, 'nodeA'), termExists('foo', 'invalid-node-label')).build(),
    existingPods: [p({ foo: '' }, 'nodeA').build()],
    nodes: [rzh('nodeA', 'z1'), rzh('nodeB', 'z1')],
    want: {},
  }),
  multi({
    name: "Test existing pod's anti-affinity: incoming pod wouldn't considered as a fit as it violates each existingPod's terms on all nodes",
    pod: p({ foo: '', bar: '' }).build(),
    existingPods: [anti(p({}, 'nodeA'), termExists('foo', 'zone')).build(), anti(p({}, 'nodeA'), termExists('bar', 'region')).build()],
    nodes: [rzh('nodeA', 'z1'), rzh('nodeB', 'z2')],
    want: { nodeA: existingFail, nodeB: existingFail },
  }),
  multi({
    name: "Test incoming pod's anti-affinity: incoming pod wouldn't considered as a fit as it at least violates one anti-affinity rule of existingPod",
    pod: anti(p(), termExists('foo', 'zone'), termExists('bar', 'region')).build(),
    existingPods: [p({ foo: '' }, 'nodeA').build(), p({ bar: '' }, 'nodeB').build()],
    nodes: [rzh('nodeA', 'z1'), rzh('nodeB', 'z2')],
    want: { nodeA: antiFail, nodeB: antiFail },
  }),
  multi({
    name: "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
    pod: p({ foo: '', bar: '' }).build(),
    existingPods: [anti(p({}, 'nodeA'), termExists('foo', 'invalid-node-label'), termExists('bar', 'zone')).build()],
    nodes: [rzh('nodeA', 'z1'), rzh('nodeB', 'z2')],
    want: { nodeA: existingFail },
  }),
  multi({
    name: "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
    pod: anti(p(), termExists('foo', 'invalid-node-label'), termExists('bar', 'zone')).build(),
    existingPods: [p({ foo: '', bar: '' }, 'nodeA').build()],
    nodes: [rzh('nodeA', 'z1'), rzh('nodeB', 'z2')],
    want: { nodeA: antiFail },
  }),
  multi({
    name: "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
    pod: p({ foo: '', bar: '' }).build(),
    existingPods: [anti(p({}, 'nodeA'), termExists('foo', 'region'), termExists('bar', 'zone')).build()],
    nodes: [rzh('nodeA', 'z1'), rzh('nodeB', 'z2')],
    want: { nodeA: existingFail, nodeB: existingFail },
  }),
  multi({
    name: "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
    pod: anti(p(), termExists('foo', 'region'), termExists('bar', 'zone')).build(),
    existingPods: [p({ foo: '', bar: '' }, 'nodeA').build()],
    nodes: [rzh('nodeA', 'z1'), rzh('nodeB', 'z2')],
    want: { nodeA: antiFail, nodeB: antiFail },
  }),
  multi({
    name: "Test existing pod's anti-affinity: existingPod on nodeA and nodeB has at least one anti-affinity term matches incoming pod, so incoming pod can only be scheduled to nodeC",
    pod: p({ foo: '', bar: '' }).build(),
    existingPods: [
      anti(p({}, 'nodeA'), termExists('foo', 'zone'), termExists('labelA', 'zone')).build(),
      anti(p({}, 'nodeB'), termExists('bar', 'zone'), termExists('labelB', 'zone')).build(),
    ],
    nodes: [rzh('nodeA', 'z1'), rzh('nodeB', 'z2'), rzh('nodeC', 'z3')],
    want: { nodeA: existingFail, nodeB: existingFail },
  }),
  multi({
    name: "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match",
    pod: aff(p(), termExists('foo', 'region'), termExists('bar', 'zone')).build(),
    existingPods: [p({ foo: '', bar: '' }, 'nodeA').build()],
    nodes: [rzh('nodeA', 'z1'), rzh('nodeB', 'z1')],
    want: {},
  }),
  multi({
    name: "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match, and the match logic should be satisfied on the same pod",
    pod: aff(p(), termExists('foo', 'region'), termExists('bar', 'zone')).build(),
    existingPods: [p({ foo: '' }, 'nodeA').build(), p({ bar: '' }, 'nodeB').build()],
    nodes: [rzh('nodeA', 'z1'), rzh('nodeB', 'z2')],
    want: { nodeA: affinityFail, nodeB: affinityFail },
  }),
];

function check(c: FilterCase): void {
  const { preFilter, perNode } = runFilter(InterPodAffinity, c);
  const wantPre = c.wantPreFilter ?? { code: 'Success' };
  assert.equal(preFilter.code, wantPre.code, 'PreFilter code');
  if (wantPre.reasons) assert.deepEqual(preFilter.reasons, wantPre.reasons, 'PreFilter reasons');
  if (preFilter.code !== 'Success') return; // upstream stops after a non-success PreFilter
  for (const n of c.nodes) {
    const name = n.metadata.name ?? '';
    const want = c.want[name] ?? { code: 'Success', reasons: [] };
    const got: Status = perNode[name];
    assert.deepEqual({ node: name, code: got.code, reasons: got.reasons }, { node: name, code: want.code, reasons: want.reasons ?? got.reasons });
  }
}

describe('InterPodAffinity filtering (upstream filtering_test.go)', () => {
  describe('TestRequiredAffinitySingleNode', () => {
    for (const c of singleNodeCases) it(c.name, () => check(c));
  });
  describe('TestRequiredAffinityMultipleNodes', () => {
    for (const c of multipleNodesCases) it(c.name, () => check(c));
  });

  it('TestPreFilterDisabled', () => {
    // source: filtering_test.go TestPreFilterDisabled: Filter without PreFilter state is an Error.
    const cluster = Cluster.build({ nodes: [node('n', {})] });
    const plugin = InterPodAffinity({ cluster, env: defaultEnv() });
    const got = plugin.filter!(new CycleState(), makePodInfo(makePod().build()), cluster.nodes[0]);
    assert.deepEqual(got, { code: 'Error', reasons: ['error reading "PreFilterInterPodAffinity" from cycleState: not found'] });
  });
});

// ---- PreFilter state (counts) ----------------------------------------------------------------

function preFilterState(pod: Pod, pods: Pod[], nodes: Node[]): PreFilterState | undefined {
  const cluster = Cluster.build({ nodes, pods });
  const plugin = InterPodAffinity({ cluster, env: defaultEnv() });
  const state = new CycleState();
  const st = plugin.preFilter!(state, makePodInfo(pod));
  assert.ok(st.code === 'Success' || st.code === 'Skip', `prefilter: ${st.code} ${st.reasons.join()}`);
  return state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
}

/** Counts as {"key=value": n}, comparable with the upstream topologyToMatchedTermCount literals. */
function counts(m: TopologyCounts | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of m ?? new Map<string, number>()) out[k.replace('\u0000', '=')] = v;
  return out;
}

describe('InterPodAffinity PreFilter counts (upstream filtering_test.go)', () => {
  // TestPreFilterStateAddRemovePod: kube-spread has no AddPod/RemovePod (no preemption or nominated
  // pods); the part ported is "PreFilter over existing pods + the added pod yields the expected counts",
  // which upstream asserts as allPodsState == state after AddPod.
  const src = `${FILE} TestPreFilterStateAddRemovePod`;
  const label1 = { region: 'r1', zone: 'z11' };
  const label2 = { region: 'r1', zone: 'z12' };
  const label3 = { region: 'r2', zone: 'z21' };
  const nodes = [node('nodeA', label1), node('nodeB', label2), node('nodeC', label3)];
  const fooBar: PodAffinityTerm[] = [termIn('foo', 'region', ['bar'])];
  const complex: PodAffinityTerm[] = [termIn('foo', 'region', ['bar', 'buzz']), termNotIn('service', 'zone', ['bar', 'security', 'test'])];
  const sel1 = { foo: 'bar' };
  const cases: { name: string; pending: Pod; existing: Pod[]; added: Pod; wantAnti: Record<string, number>; wantAff: Record<string, number> }[] = [
    {
      name: 'preFilterState anti-affinity terms are updated correctly after adding and removing a pod',
      pending: anti(makePod('pending').labels(sel1), ...fooBar).build(),
      existing: [p(sel1, 'nodeA').build(), anti(p({}, 'nodeC'), ...fooBar).build()],
      added: anti(makePod('addedPod').labels(sel1).node('nodeB'), ...fooBar).build(),
      wantAnti: { 'region=r1': 2 },
      wantAff: {},
    },
    {
      name: 'preFilterState anti-affinity terms are updated correctly after adding and removing a pod',
      pending: anti(makePod('pending').labels(sel1), ...complex).build(),
      existing: [p(sel1, 'nodeA').build(), anti(p({}, 'nodeC'), ...fooBar).build()],
      added: anti(makePod('addedPod').labels(sel1).node('nodeA'), ...complex).build(),
      wantAnti: { 'region=r1': 2, 'zone=z11': 2, 'zone=z21': 1 },
      wantAff: {},
    },
    {
      name: 'preFilterState matching pod affinity and anti-affinity are updated correctly after adding and removing a pod',
      pending: aff(makePod('pending').labels(sel1), ...complex).build(),
      existing: [p(sel1, 'nodeA').build(), anti(aff(p({}, 'nodeC'), ...complex), ...fooBar).build()],
      added: anti(makePod('addedPod').labels(sel1).node('nodeA'), ...complex).build(),
      wantAnti: {},
      wantAff: { 'region=r1': 2, 'zone=z11': 2 },
    },
  ];
  for (const c of cases) {
    it(`${c.name} [${src}]`, () => {
      const s = preFilterState(c.pending, [...c.existing, c.added], nodes);
      assert.deepEqual(counts(s?.antiAffinityCounts), c.wantAnti);
      assert.deepEqual(counts(s?.affinityCounts), c.wantAff);
    });
  }

  // TestGetTPMapMatchingIncomingAffinityAntiAffinity: the incoming pod's affinity/anti-affinity counts.
  const src2 = `${FILE} TestGetTPMapMatchingIncomingAffinityAntiAffinity`;
  const normal = (...labels: string[]) => p(Object.fromEntries(labels.map((l) => [l, ''])), 'nodeA').build();
  const nodeA = node('nodeA', { hostname: 'nodeA' });
  const a = (b: PodBuilder, ...keys: string[]) => aff(b, ...keys.map((k) => termExists(k, 'hostname')));
  const an = (b: PodBuilder, ...keys: string[]) => anti(b, ...keys.map((k) => termExists(k, 'hostname')));
  const tp: { name: string; existing: Pod[]; pod: Pod; wantAff: Record<string, number>; wantAnti: Record<string, number> }[] = [
    { name: 'nil test', existing: [], pod: makePod('aaa-normal').build(), wantAff: {}, wantAnti: {} },
    { name: 'incoming pod without affinity/anti-affinity causes a no-op', existing: [normal('aaa')], pod: makePod('aaa-normal').build(), wantAff: {}, wantAnti: {} },
    { name: "no pod has label that violates incoming pod's affinity and anti-affinity", existing: [normal('bbb')], pod: an(a(makePod('aaa-anti'), 'aaa'), 'aaa').build(), wantAff: {}, wantAnti: {} },
    { name: "existing pod matches incoming pod's affinity and anti-affinity - single term case", existing: [normal('aaa')], pod: an(a(makePod('affi-antiaffi'), 'aaa'), 'aaa').build(), wantAff: { 'hostname=nodeA': 1 }, wantAnti: { 'hostname=nodeA': 1 } },
    { name: "existing pod matches incoming pod's affinity and anti-affinity - multiple terms case", existing: [normal('aaa', 'bbb')], pod: an(a(makePod('affi-antiaffi'), 'aaa', 'bbb'), 'aaa').build(), wantAff: { 'hostname=nodeA': 2 }, wantAnti: { 'hostname=nodeA': 1 } },
    { name: "existing pod not match incoming pod's affinity but matches anti-affinity", existing: [normal('aaa')], pod: an(a(makePod('affi-antiaffi'), 'aaa', 'bbb'), 'aaa', 'bbb').build(), wantAff: {}, wantAnti: { 'hostname=nodeA': 1 } },
    { name: "incoming pod's anti-affinity has more than one term - existing pod violates partial term - case 1", existing: [normal('aaa', 'bbb')], pod: an(a(makePod('anaffi-antiaffiti'), 'aaa', 'ccc'), 'aaa', 'ccc').build(), wantAff: {}, wantAnti: { 'hostname=nodeA': 1 } },
    { name: "incoming pod's anti-affinity has more than one term - existing pod violates partial term - case 2", existing: [normal('bbb')], pod: an(a(makePod('affi-antiaffi'), 'aaa', 'bbb'), 'aaa', 'bbb').build(), wantAff: {}, wantAnti: { 'hostname=nodeA': 1 } },
  ];
  for (const c of tp) {
    it(`${c.name} [${src2}]`, () => {
      const s = preFilterState(c.pod, c.existing, [nodeA]);
      assert.deepEqual(counts(s?.affinityCounts), c.wantAff);
      assert.deepEqual(counts(s?.antiAffinityCounts), c.wantAnti);
    });
  }
});
