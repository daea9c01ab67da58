// InterPodAffinity PreScore/Score/NormalizeScore, ported from upstream
// pkg/scheduler/framework/plugins/interpodaffinity/scoring_test.go.
//
// Porting notes: upstream pods without a namespace live in ""; kube-spread normalizes that to
// "default", so the one term that names "" explicitly (hardPodAffinity) names "default" here.
// Every node of a case is scored (upstream scores test.nodes), i.e. `feasible` = all nodes.

import { strict as assert } from 'node:assert';
import type { Affinity, Namespace, Node, Pod, PodAffinityTerm } from '../../../server/src/engine/api';
import { inValues, makeNode, makePod } from '../builders';
import { runScore, type ScoreCase } from '../harness';
import { InterPodAffinity } from '../../../server/src/engine/plugins/interpodaffinity/plugin';

const FILE = 'pkg/scheduler/framework/plugins/interpodaffinity/scoring_test.go';
const MAX = 100;

const nsT1 = { team: 'team1' };
const nsT2 = { team: 'team2' };
const mkNs = (name: string, labels: Record<string, string>): Namespace => ({ metadata: { name, labels } });
const namespaces: Namespace[] = [
  mkNs('subteam1.team1', nsT1), mkNs('subteam2.team1', nsT1), mkNs('subteam1.team2', nsT2), mkNs('subteam2.team2', nsT2),
];

function node(name: string, labels: Record<string, string>): Node {
  const b = makeNode(name);
  for (const [k, v] of Object.entries(labels)) b.label(k, v);
  return b.build();
}

/** A pod with optional node, affinity, labels and namespace (upstream builds these as struct literals). */
function pod(o: { node?: string; affinity?: Affinity; labels?: Record<string, string>; ns?: string } = {}): Pod {
  const b = makePod('p').labels(o.labels ?? {});
  if (o.node) b.node(o.node);
  if (o.ns) b.namespace(o.ns);
  const obj = b.build();
  if (o.affinity) obj.spec.affinity = o.affinity;
  return obj;
}

const rgChina = { region: 'China' };
const rgIndia = { region: 'India' };
const az1 = { az: 'az1' };
const az2 = { az: 'az2' };
const rgChinaAz1 = { region: 'China', az: 'az1' };
const s1 = { security: 'S1' };
const s2 = { security: 'S2' };

const weighted = (weight: number, term: PodAffinityTerm) => ({ weight, podAffinityTerm: term });
const secIn = (v: string, topologyKey: string, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({ labelSelector: inValues('security', [v]), topologyKey, ...extra });

const stayWithS1InRegion: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, secIn('S1', 'region'))] } };
const stayWithS2InRegion: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(6, secIn('S2', 'region'))] } };
const affinity3: Affinity = {
  podAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [
      weighted(8, { labelSelector: { matchExpressions: [{ key: 'security', operator: 'NotIn', values: ['S1'] }, { key: 'security', operator: 'In', values: ['S2'] }] }, topologyKey: 'region' }),
      weighted(2, { labelSelector: { matchExpressions: [{ key: 'security', operator: 'Exists' }, { key: 'wrongkey', operator: 'DoesNotExist' }] }, topologyKey: 'region' }),
    ],
  },
};
const hardAffinity: Affinity = {
  podAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: [
      { labelSelector: inValues('security', ['S1', 'value2']), topologyKey: 'region' },
      { labelSelector: { matchExpressions: [{ key: 'security', operator: 'Exists' }, { key: 'wrongkey', operator: 'DoesNotExist' }] }, topologyKey: 'region' },
    ],
  },
};
const awayFromS1InAz: Affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, secIn('S1', 'az'))] } };
const awayFromS2InAz: Affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, secIn('S2', 'az'))] } };
const stayWithS1InRegionAwayFromS2InAz: Affinity = {
  podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(8, secIn('S1', 'region'))] },
  podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, secIn('S2', 'az'))] },
};
const nsSelTerm = secIn('S1', 'region', { namespaces: ['subteam2.team2'], namespaceSelector: inValues('team', ['team1']) });
const affinityNamespaceSelector: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, nsSelTerm)] } };
const antiAffinityNamespaceSelector: Affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, nsSelTerm)] } };
const invalidAffinityLabels: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(8, secIn('{{.bad-value.}}', 'region'))] } };
const invalidAntiAffinityLabels: Affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, secIn('{{.bad-value.}}', 'az'))] } };

type Case = ScoreCase & { wantMessage?: string };
const SRC = `${FILE} TestPreferredAffinity`;
const c = (x: Omit<Case, 'source' | 'namespaces'> & { ignorePreferredTermsOfExistingPods?: boolean }): Case => ({
  ...x, source: SRC, namespaces, args: { hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: x.ignorePreferredTermsOfExistingPods ?? false },
});

const preferredAffinityCases: Case[] = [
  c({
    name: 'all nodes are same priority as Affinity is nil',
    pod: pod({ labels: s1 }),
    nodes: [node('node1', rgChina), node('node2', rgIndia), node('node3', az1)],
    wantPreScore: 'Skip',
  }),
  c({
    name: 'Affinity: pod that matches topology key & pods in nodes will get high score comparing to others' +
      "which doesn't match either pods in nodes or in topology key",
    pod: pod({ affinity: stayWithS1InRegion, labels: s1 }),
    existingPods: [pod({ node: 'node1', labels: s1 }), pod({ node: 'node2', labels: s2 }), pod({ node: 'node3', labels: s1 })],
    nodes: [node('node1', rgChina), node('node2', rgIndia), node('node3', az1)],
    want: { node1: MAX, node2: 0, node3: 0 },
  }),
  c({
    name: 'All the nodes that have the same topology key & label value with one of them has an existing pod that match the affinity rules, have the same score',
    pod: pod({ affinity: stayWithS1InRegion }),
    existingPods: [pod({ node: 'node1', labels: s1 })],
    nodes: [node('node1', rgChina), node('node2', rgChinaAz1), node('node3', rgIndia)],
    want: { node1: MAX, node2: MAX, node3: 0 },
  }),
  c({
    name: 'Affinity: nodes in one region has more matching pods comparing to other region, so the region which has more matches will get high score',
    pod: pod({ affinity: stayWithS2InRegion, labels: s1 }),
    existingPods: ['node1', 'node1', 'node2', 'node3', 'node4', 'node5'].map((n) => pod({ node: n, labels: s2 })),
    nodes: [node('node1', rgChina), node('node2', rgIndia), node('node3', rgChina), node('node4', rgChina), node('node5', rgIndia)],
    want: { node1: MAX, node2: 0, node3: MAX, node4: MAX, node5: 0 },
  }),
  c({
    name: 'Affinity: different Label operators and values for pod affinity scheduling preference, including some match failures ',
    pod: pod({ affinity: affinity3, labels: s1 }),
    existingPods: [pod({ node: 'node1', labels: s1 }), pod({ node: 'node2', labels: s2 }), pod({ node: 'node3', labels: s1 })],
    nodes: [node('node1', rgChina), node('node2', rgIndia), node('node3', az1)],
    want: { node1: 20, node2: MAX, node3: 0 },
  }),
  c({
    name: 'Affinity symmetry: considered only the preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
    pod: pod({ labels: s2 }),
    existingPods: [pod({ node: 'node1', affinity: stayWithS1InRegion, labels: s1 }), pod({ node: 'node2', affinity: stayWithS2InRegion, labels: s2 })],
    nodes: [node('node1', rgChina), node('node2', rgIndia), node('node3', az1)],
    want: { node1: 0, node2: MAX, node3: 0 },
  }),
  c({
    name: 'Affinity symmetry with namespace selector',
    pod: pod({ ns: 'subteam1.team1', labels: s1 }),
    existingPods: [pod({ node: 'node1', affinity: affinityNamespaceSelector, labels: s1 }), pod({ node: 'node2', affinity: stayWithS2InRegion, labels: s2 })],
    nodes: [node('node1', rgChina), node('node2', rgIndia), node('node3', az1)],
    want: { node1: MAX, node2: 0, node3: 0 },
  }),
  c({
    name: 'AntiAffinity symmetry with namespace selector',
    pod: pod({ ns: 'subteam1.team1', labels: s1 }),
    existingPods: [pod({ node: 'node1', affinity: antiAffinityNamespaceSelector, labels: s1 }), pod({ node: 'node2', affinity: stayWithS2InRegion, labels: s2 })],
    nodes: [node('node1', rgChina), node('node2', rgIndia), node('node3', az1)],
    want: { node1: 0, node2: MAX, node3: MAX },
  }),
  c({
    name: 'Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
    pod: pod({ labels: s1 }),
    existingPods: [pod({ node: 'node1', affinity: hardAffinity, labels: s1 }), pod({ node: 'node2', affinity: hardAffinity, labels: s2 })],
    nodes: [node('node1', rgChina), node('node2', rgIndia), node('node3', az1)],
    want: { node1: MAX, node2: MAX, node3: 0 },
  }),
  c({
    name: 'Anti Affinity: pod that does not match existing pods in node will get high score ',
    pod: pod({ affinity: awayFromS1InAz, labels: s1 }),
    existingPods: [pod({ node: 'node1', labels: s1 }), pod({ node: 'node2', labels: s2 })],
    nodes: [node('node1', az1), node('node2', rgChina)],
    want: { node1: 0, node2: MAX },
  }),
  c({
    name: 'Anti Affinity: pod that does not match topology key & match the pods in nodes will get higher score comparing to others ',
    pod: pod({ affinity: awayFromS1InAz, labels: s1 }),
    existingPods: [pod({ node: 'node1', labels: s1 }), pod({ node: 'node2', labels: s1 })],
    nodes: [node('node1', az1), node('node2', rgChina)],
    want: { node1: 0, node2: MAX },
  }),
  c({
    name: 'Anti Affinity: one node has more matching pods comparing to other node, so the node which has more unmatches will get high score',
    pod: pod({ affinity: awayFromS1InAz, labels: s1 }),
    existingPods: [pod({ node: 'node1', labels: s1 }), pod({ node: 'node1', labels: s1 }), pod({ node: 'node2', labels: s2 })],
    nodes: [node('node1', az1), node('node2', rgIndia)],
    want: { node1: 0, node2: MAX },
  }),
  c({
    name: 'Anti Affinity symmetry: the existing pods in node which has anti affinity match will get high score',
    pod: pod({ labels: s2 }),
    existingPods: [pod({ node: 'node1', affinity: awayFromS2InAz, labels: s1 }), pod({ node: 'node2', affinity: awayFromS1InAz, labels: s2 })],
    nodes: [node('node1', az1), node('node2', az2)],
    want: { node1: 0, node2: MAX },
  }),
  c({
    name: 'Affinity and Anti Affinity: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity',
    pod: pod({ affinity: stayWithS1InRegionAwayFromS2InAz, labels: s1 }),
    existingPods: [pod({ node: 'node1', labels: s1 }), pod({ node: 'node2', labels: s1 })],
    nodes: [node('node1', rgChina), node('node2', az1)],
    want: { node1: MAX, node2: 0 },
  }),
  c({
    name: 'Affinity and Anti Affinity: considering both affinity and anti-affinity, the pod to schedule and existing pods have the same labels',
    pod: pod({ affinity: stayWithS1InRegionAwayFromS2InAz, labels: s1 }),
    existingPods: ['node1', 'node1', 'node2', 'node3', 'node3', 'node4', 'node5'].map((n) => pod({ node: n, labels: s1 })),
    nodes: [node('node1', rgChinaAz1), node('node2', rgIndia), node('node3', rgChina), node('node4', rgChina), node('node5', rgIndia)],
    want: { node1: MAX, node2: 0, node3: MAX, node4: MAX, node5: 0 },
  }),
  c({
    name: 'Affinity and Anti Affinity and symmetry: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity & symmetry',
    pod: pod({ affinity: stayWithS1InRegionAwayFromS2InAz, labels: s1 }),
    existingPods: [
      pod({ node: 'node1', labels: s1 }), pod({ node: 'node2', labels: s2 }),
      pod({ node: 'node3', affinity: stayWithS1InRegionAwayFromS2InAz }), pod({ node: 'node4', affinity: awayFromS1InAz }),
    ],
    nodes: [node('node1', rgChina), node('node2', az1), node('node3', rgIndia), node('node4', az2)],
    want: { node1: MAX, node2: 0, node3: MAX, node4: 0 },
  }),
  c({
    name: "Avoid panic when partial nodes in a topology don't have pods with affinity",
    pod: pod({ labels: s1 }),
    existingPods: [pod({ node: 'node1', labels: s1 }), pod({ node: 'node2', affinity: stayWithS1InRegionAwayFromS2InAz })],
    nodes: [node('node1', rgChina), node('node2', rgChina)],
    want: { node1: 0, node2: 0 },
  }),
  c({
    name: 'invalid Affinity fails PreScore',
    pod: pod({ affinity: invalidAffinityLabels }),
    nodes: [node('node1', rgChina), node('node2', rgChina)],
    wantPreScore: 'Error',
    wantMessage: 'Invalid value: "{{.bad-value.}}"',
  }),
  c({
    name: 'invalid AntiAffinity fails PreScore',
    pod: pod({ affinity: invalidAntiAffinityLabels }),
    nodes: [node('node1', rgChina), node('node2', rgChina)],
    wantPreScore: 'Error',
    wantMessage: 'Invalid value: "{{.bad-value.}}"',
  }),
  c({
    name: 'Affinity with pods matching NamespaceSelector',
    pod: pod({ affinity: affinityNamespaceSelector, ns: 'subteam1.team1', labels: s1 }),
    existingPods: [
      pod({ node: 'node1', ns: 'subteam1.team1', labels: s1 }), pod({ node: 'node1', ns: 'subteam1.team1', labels: s1 }),
      pod({ node: 'node1', ns: 'subteam1.team2', labels: s1 }), pod({ node: 'node2', ns: 'subteam2.team1', labels: s1 }),
    ],
    nodes: [node('node1', rgChina), node('node2', rgIndia)],
    want: { node1: MAX, node2: 0 },
  }),
  c({
    name: 'Affinity with pods matching both NamespaceSelector and Namespaces fields',
    pod: pod({ affinity: affinityNamespaceSelector, ns: 'subteam1.team1', labels: s1 }),
    existingPods: [
      pod({ node: 'node1', ns: 'subteam1.team1', labels: s1 }), pod({ node: 'node1', ns: 'subteam1.team1', labels: s1 }),
      pod({ node: 'node1', ns: 'subteam2.team2', labels: s1 }), pod({ node: 'node2', ns: 'subteam2.team1', labels: s1 }),
    ],
    nodes: [node('node1', rgChina), node('node2', rgIndia)],
    want: { node1: MAX, node2: 0 },
  }),
  c({
    // Upstream reuses the affinity case's name for this anti-affinity variant.
    name: 'Affinity with pods matching NamespaceSelector',
    pod: pod({ affinity: antiAffinityNamespaceSelector, ns: 'subteam1.team1', labels: s1 }),
    existingPods: [
      pod({ node: 'node1', ns: 'subteam1.team1', labels: s1 }), pod({ node: 'node1', ns: 'subteam1.team1', labels: s1 }),
      pod({ node: 'node1', ns: 'subteam1.team2', labels: s1 }), pod({ node: 'node2', ns: 'subteam2.team1', labels: s1 }),
    ],
    nodes: [node('node1', rgChina), node('node2', rgIndia)],
    want: { node1: 0, node2: MAX },
  }),
  c({
    name: 'Affinity with pods matching both NamespaceSelector and Namespaces fields',
    pod: pod({ affinity: antiAffinityNamespaceSelector, ns: 'subteam1.team1', labels: s1 }),
    existingPods: [
      pod({ node: 'node1', ns: 'subteam1.team1', labels: s1 }), pod({ node: 'node1', ns: 'subteam1.team1', labels: s1 }),
      pod({ node: 'node1', ns: 'subteam2.team2', labels: s1 }), pod({ node: 'node2', ns: 'subteam2.team1', labels: s1 }),
    ],
    nodes: [node('node1', rgChina), node('node2', rgIndia)],
    want: { node1: 0, node2: MAX },
  }),
  c({
    name: 'Ignore preferred terms of existing pods',
    pod: pod({ labels: s2 }),
    existingPods: [pod({ node: 'node1', affinity: stayWithS1InRegionAwayFromS2InAz, labels: s1 }), pod({ node: 'node2', affinity: stayWithS2InRegion, labels: s2 })],
    nodes: [node('node1', rgChina), node('node2', rgIndia)],
    wantPreScore: 'Skip',
    ignorePreferredTermsOfExistingPods: true,
  }),
  c({
    name: 'Do not ignore preferred terms of existing pods',
    pod: pod({ labels: s2 }),
    existingPods: [pod({ node: 'node1', affinity: stayWithS1InRegionAwayFromS2InAz, labels: s1 }), pod({ node: 'node2', affinity: stayWithS2InRegion, labels: s2 })],
    nodes: [node('node1', rgChina), node('node2', rgIndia)],
    want: { node1: 0, node2: MAX },
    ignorePreferredTermsOfExistingPods: false,
  }),
  c({
    name: 'No nodes to score',
    pod: pod({ labels: s2 }),
    nodes: [],
    wantPreScore: 'Skip',
  }),
];

// ---- TestPreferredAffinityWithHardPodAffinitySymmetricWeight ---------------------------------

const SRC_HARD = `${FILE} TestPreferredAffinityWithHardPodAffinitySymmetricWeight`;
const serviceS1 = { service: 'S1' };
const hardPodAffinity: Affinity = {
  podAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: [{
      labelSelector: inValues('service', ['S1']),
      // Upstream lists "" (the unset namespace); kube-spread spells that namespace "default".
      namespaces: ['default', 'subteam2.team2'],
      namespaceSelector: inValues('team', ['team1']),
      topologyKey: 'region',
    }],
  },
};
const hardNodes = () => [node('node1', rgChina), node('node2', rgIndia), node('node3', az1)];
const hardPods = () => [pod({ node: 'node1', affinity: hardPodAffinity }), pod({ node: 'node2', affinity: hardPodAffinity })];
const h = (x: Omit<Case, 'source' | 'namespaces' | 'nodes' | 'existingPods'>): Case => ({ ...x, source: SRC_HARD, namespaces, nodes: hardNodes(), existingPods: hardPods() });

const hardWeightCases: Case[] = [
  h({ name: 'with default weight', pod: pod({ labels: serviceS1 }), args: { hardPodAffinityWeight: 1 }, want: { node1: MAX, node2: MAX, node3: 0 } }),
  h({ name: 'with zero weight', pod: pod({ labels: serviceS1 }), args: { hardPodAffinityWeight: 0 }, wantPreScore: 'Skip' }),
  h({ name: 'with no matching namespace', pod: pod({ ns: 'subteam1.team2', labels: serviceS1 }), args: { hardPodAffinityWeight: 1 }, wantPreScore: 'Skip' }),
  h({ name: 'with matching NamespaceSelector', pod: pod({ ns: 'subteam1.team1', labels: serviceS1 }), args: { hardPodAffinityWeight: 1 }, want: { node1: MAX, node2: MAX, node3: 0 } }),
  h({ name: 'with matching Namespaces', pod: pod({ ns: 'subteam2.team2', labels: serviceS1 }), args: { hardPodAffinityWeight: 1 }, want: { node1: MAX, node2: MAX, node3: 0 } }),
];

function check(k: Case): void {
  const { preScore, scores } = runScore(InterPodAffinity, k);
  assert.equal(preScore.code, k.wantPreScore ?? 'Success', `PreScore: ${preScore.reasons.join('; ')}`);
  if (k.wantMessage) assert.ok(preScore.reasons.some((r) => r.includes(k.wantMessage!)), `message: ${preScore.reasons.join('; ')}`);
  if (preScore.code === 'Success') assert.deepEqual(scores, k.want);
}

describe('InterPodAffinity scoring (upstream scoring_test.go)', () => {
  describe('TestPreferredAffinity', () => {
    for (const k of preferredAffinityCases) it(k.name, () => check(k));
  });
  describe('TestPreferredAffinityWithHardPodAffinitySymmetricWeight', () => {
    for (const k of hardWeightCases) it(k.name, () => check(k));
  });
});
