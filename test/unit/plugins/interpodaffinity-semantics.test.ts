// InterPodAffinity behaviour not covered by the upstream plugin tables: the API server's
// matchLabelKeys/mismatchLabelKeys merge, terminating pods, unknown namespaces, normalization of
// negative sums and the plugin args. Each case names the upstream code it follows.

import { strict as assert } from 'node:assert';
import type { Node, PodAffinityTerm } from '../../../server/src/engine/api';
import { exists, inValues, makeNode, makePod, matchLabels } from '../builders';
import { runFilter, runScore, type FilterCase, type ScoreCase } from '../harness';
import { InterPodAffinity, interPodAffinityArgs } from '../../../server/src/engine/plugins/interpodaffinity/plugin';

const STRATEGY = 'pkg/registry/core/pod/strategy.go applyMatchLabelKeysAndMismatchLabelKeys (kube-spread case)';
const FILTERING = 'pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (kube-spread case)';
const SCORING = 'pkg/scheduler/framework/plugins/interpodaffinity/scoring.go NormalizeScore (kube-spread case)';
const E_ANTI = "node(s) didn't match pod anti-affinity rules";
const E_EXISTING = "node(s) didn't satisfy existing pods anti-affinity rules";

function node(name: string, labels: Record<string, string>): Node {
  const b = makeNode(name);
  for (const [k, v] of Object.entries(labels)) b.label(k, v);
  return b.build();
}
const hosts = () => [node('nodeA', { host: 'a', zone: 'z1' }), node('nodeB', { host: 'b', zone: 'z1' }), node('nodeC', { host: 'c', zone: 'z2' })];

function checkFilter(c: FilterCase) {
  const { preFilter, perNode } = runFilter(InterPodAffinity, c);
  assert.equal(preFilter.code, c.wantPreFilter?.code ?? 'Success');
  for (const n of c.nodes) {
    const name = n.metadata.name ?? '';
    const want = c.want[name] ?? { code: 'Success', reasons: [] };
    assert.deepEqual({ name, code: perNode[name].code, reasons: perNode[name].reasons }, { name, code: want.code, reasons: want.reasons ?? [] });
  }
}

const hashAnti: PodAffinityTerm = { labelSelector: inValues('app', ['web']), matchLabelKeys: ['pod-template-hash'], topologyKey: 'host' };
const tenantAnti: PodAffinityTerm = { labelSelector: exists('app'), mismatchLabelKeys: ['tenant'], topologyKey: 'host' };
const incomingHash = () => makePod('new').labels({ app: 'web', 'pod-template-hash': 'abc' }).podAffinity('anti', [hashAnti]).build();
const hashPods = () => [
  makePod('old').labels({ app: 'web', 'pod-template-hash': 'old' }).node('nodeA').build(),
  makePod('same').labels({ app: 'web', 'pod-template-hash': 'abc' }).node('nodeB').build(),
];

const filterCases: FilterCase[] = [
  {
    name: 'matchLabelKeys narrows required anti-affinity to the same pod-template-hash (merge on, 1.36)',
    source: STRATEGY,
    pod: incomingHash(), existingPods: hashPods(), nodes: hosts(),
    want: { nodeB: { code: 'Unschedulable', reasons: [E_ANTI] } },
  },
  {
    name: 'matchLabelKeys is dropped before MatchLabelKeysInPodAffinity is on (1.30)',
    source: STRATEGY, minor: 30,
    pod: incomingHash(), existingPods: hashPods(), nodes: hosts(),
    want: { nodeA: { code: 'Unschedulable', reasons: [E_ANTI] }, nodeB: { code: 'Unschedulable', reasons: [E_ANTI] } },
  },
  {
    name: 'the gate can be forced off on a version that defaults it on',
    source: STRATEGY, gates: { MatchLabelKeysInPodAffinity: false },
    pod: incomingHash(), existingPods: hashPods(), nodes: hosts(),
    want: { nodeA: { code: 'Unschedulable', reasons: [E_ANTI] }, nodeB: { code: 'Unschedulable', reasons: [E_ANTI] } },
  },
  {
    name: 'mismatchLabelKeys keeps other tenants away, not the own tenant',
    source: STRATEGY,
    pod: makePod('new').labels({ app: 'x', tenant: 'a' }).podAffinity('anti', [tenantAnti]).build(),
    existingPods: [makePod('p1').labels({ app: 'y', tenant: 'a' }).node('nodeA').build(), makePod('p2').labels({ app: 'y', tenant: 'b' }).node('nodeB').build()],
    nodes: hosts(),
    want: { nodeB: { code: 'Unschedulable', reasons: [E_ANTI] } },
  },
  {
    name: "an existing pod's matchLabelKeys use the existing pod's own labels",
    source: STRATEGY,
    pod: makePod('new').labels({ app: 'web', 'pod-template-hash': 'abc' }).build(),
    existingPods: [
      makePod('old').labels({ app: 'web', 'pod-template-hash': 'old' }).node('nodeA').podAffinity('anti', [hashAnti]).build(),
      makePod('same').labels({ app: 'web', 'pod-template-hash': 'abc' }).node('nodeC').podAffinity('anti', [{ ...hashAnti, topologyKey: 'zone' }]).build(),
    ],
    nodes: hosts(),
    want: { nodeC: { code: 'Unschedulable', reasons: [E_EXISTING] } },
  },
  {
    name: 'terminating pods still count (upstream never checks deletionTimestamp here)',
    source: FILTERING,
    pod: makePod('new').podAffinity('anti', [{ labelSelector: matchLabels({ app: 'db' }), topologyKey: 'zone' }]).build(),
    existingPods: [makePod('dying').labels({ app: 'db' }).node('nodeA').terminating().build()],
    nodes: hosts(),
    want: { nodeA: { code: 'Unschedulable', reasons: [E_ANTI] }, nodeB: { code: 'Unschedulable', reasons: [E_ANTI] } },
  },
  {
    name: "an existing pod's namespaceSelector sees no labels when the incoming pod's Namespace object is unknown",
    source: FILTERING,
    pod: makePod('new').namespace('ghost').labels({ app: 'db' }).build(),
    existingPods: [makePod('guard').node('nodeA').podAffinity('anti', [{ labelSelector: exists('app'), namespaceSelector: matchLabels({ team: 'a' }), topologyKey: 'zone' }]).build()],
    namespaces: [{ metadata: { name: 'other', labels: { team: 'a' } } }],
    nodes: hosts(),
    wantPreFilter: { code: 'Skip' },
    want: {},
  },
  {
    name: "an existing pod's namespaceSelector matches the incoming pod's Namespace labels",
    source: FILTERING,
    pod: makePod('new').namespace('ns1').labels({ app: 'db' }).build(),
    existingPods: [makePod('guard').node('nodeA').podAffinity('anti', [{ labelSelector: exists('app'), namespaceSelector: matchLabels({ team: 'a' }), topologyKey: 'zone' }]).build()],
    namespaces: [{ metadata: { name: 'ns1', labels: { team: 'a' } } }],
    nodes: hosts(),
    want: { nodeA: { code: 'Unschedulable', reasons: [E_EXISTING] }, nodeB: { code: 'Unschedulable', reasons: [E_EXISTING] } },
  },
];

describe('InterPodAffinity semantics (kube-spread cases)', () => {
  for (const c of filterCases) it(c.name, () => checkFilter(c));

  it('normalizes negative and positive sums as float, then truncates (62.5 -> 62)', () => {
    // node1 (az1): -5 from the preferred anti-affinity; node2 (az3): 0; node3 (az2): +3 from affinity.
    const c: ScoreCase = {
      name: 'normalize', source: SCORING,
      pod: makePod('new')
        .podAffinity('anti', [], [{ weight: 5, podAffinityTerm: { labelSelector: matchLabels({ s: '1' }), topologyKey: 'az' } }])
        .podAffinity('affinity', [], [{ weight: 3, podAffinityTerm: { labelSelector: matchLabels({ s: '2' }), topologyKey: 'az' } }])
        .build(),
      existingPods: [makePod('a').labels({ s: '1' }).node('node1').build(), makePod('b').labels({ s: '2' }).node('node3').build()],
      nodes: [node('node1', { az: 'az1' }), node('node2', { az: 'az3' }), node('node3', { az: 'az2' })],
    };
    const { preScore, scores } = runScore(InterPodAffinity, c);
    assert.equal(preScore.code, 'Success');
    assert.deepEqual(scores, { node1: 0, node2: 62, node3: 100 });
  });

  it('a matched term whose weights cancel still prevents the PreScore skip (all scores 0)', () => {
    const c: ScoreCase = {
      name: 'cancel', source: SCORING,
      pod: makePod('new')
        .podAffinity('anti', [], [{ weight: 4, podAffinityTerm: { labelSelector: matchLabels({ s: '1' }), topologyKey: 'az' } }])
        .podAffinity('affinity', [], [{ weight: 4, podAffinityTerm: { labelSelector: matchLabels({ s: '1' }), topologyKey: 'az' } }])
        .build(),
      existingPods: [makePod('a').labels({ s: '1' }).node('node1').build()],
      nodes: [node('node1', { az: 'az1' }), node('node2', { az: 'az2' })],
    };
    const { preScore, scores } = runScore(InterPodAffinity, c);
    assert.equal(preScore.code, 'Success');
    assert.deepEqual(scores, { node1: 0, node2: 0 });
  });

  it('args: defaults and the [0, 100] range of hardPodAffinityWeight', () => {
    assert.deepEqual(interPodAffinityArgs(undefined), { hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false });
    assert.deepEqual(interPodAffinityArgs({ hardPodAffinityWeight: 0 }), { hardPodAffinityWeight: 0, ignorePreferredTermsOfExistingPods: false });
    assert.throws(() => interPodAffinityArgs({ hardPodAffinityWeight: 101 }), /not in valid range \[0, 100\]/);
    assert.throws(() => interPodAffinityArgs({ hardPodAffinityWeight: -1 }), /not in valid range/);
  });
});
