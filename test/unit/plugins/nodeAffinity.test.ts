import { strict as assert } from 'node:assert';
import type { NodeAffinity as NodeAffinityApi, NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../../../server/src/engine/api';
import { Cluster, makePodInfo } from '../../../server/src/engine/cluster';
import { CycleState, type NodeScore } from '../../../server/src/engine/framework';
import { NodeAffinity, preFilterNodeNames, type NodeAffinityArgs } from '../../../server/src/engine/plugins/nodeAffinity';
import { defaultEnv } from '../../../server/src/engine/versions';
import { makeNode, makePod } from '../builders';
import { runScore, type FilterCase, type ScoreCase } from '../harness';
import { assertFilter, assertScore } from './pluginAsserts';

const FILE = 'nodeaffinity/node_affinity_test.go';
const F = `${FILE} TestNodeAffinity`;
const POD = { code: 'UnschedulableAndUnresolvable' as const, reasons: ["node(s) didn't match Pod's node affinity/selector"] };
const ENFORCED = { code: 'UnschedulableAndUnresolvable' as const, reasons: ["node(s) didn't match scheduler-enforced node affinity"] };
const CONFLICT = { code: 'UnschedulableAndUnresolvable' as const, reasons: ['pod affinity terms conflict'] };

const req = (key: string, operator: string, values?: string[]): NodeSelectorRequirement => (values ? { key, operator, values } : { key, operator });
const nameIn = (name: string) => req('metadata.name', 'In', [name]);
/** A NodeSelectorTerm without nulls (what the pod builder takes). */
type Term = { matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[] };
const exprs = (...matchExpressions: NodeSelectorRequirement[]): Term => ({ matchExpressions });
const fields = (...matchFields: NodeSelectorRequirement[]): Term => ({ matchFields });
const requiredPod = (...terms: Term[]) => makePod().requiredNodeAffinityTerms(terms).build();
const node = (name: string, labels: Record<string, string> = {}) => {
  const b = makeNode(name);
  for (const [k, v] of Object.entries(labels)) b.label(k, v);
  return b.build();
};

interface AffinityCase extends FilterCase {
  /** upstream runPreFilter: false — Filter is called on a fresh CycleState. */
  skipPreFilter?: true;
  /** upstream wantPreFilterResult.NodeNames (undefined = all nodes). */
  wantNodeNames?: string[];
  /** upstream wantStatus from Filter when it differs from what the framework reports (PreFilter rejected). */
  wantDirectFilter?: FilterCase['want'][string];
}

/** One node per upstream case, named like the case's nodeName (often empty). */
function c(name: string, pod: Pod, nodeName: string, labels: Record<string, string>, reject?: FilterCase['want'][string], extra: Partial<AffinityCase> = {}): AffinityCase {
  return { name, source: F, pod, nodes: [node(nodeName, labels)], want: reject ? { [nodeName]: reject } : {}, ...extra };
}

const addedRequired = (...terms: NodeSelectorTerm[]): NodeAffinityArgs => ({
  addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
});

const filterTable: AffinityCase[] = [
  c('missing labels', makePod().nodeSelector({ foo: 'bar' }).build(), '', {}, POD),
  c('same labels', makePod().nodeSelector({ foo: 'bar' }).build(), '', { foo: 'bar' }),
  c('node labels are superset', makePod().nodeSelector({ foo: 'bar' }).build(), '', { foo: 'bar', baz: 'blah' }),
  c('node labels are subset', makePod().nodeSelector({ foo: 'bar', baz: 'blah' }).build(), '', { foo: 'bar' }, POD),
  c('Pod with matchExpressions using In operator that matches the existing node', requiredPod(exprs(req('foo', 'In', ['bar', 'value2']))), '', { foo: 'bar' }),
  c('Pod with matchExpressions using Gt operator that matches the existing node', requiredPod(exprs(req('kernel-version', 'Gt', ['0204']))), '', { 'kernel-version': '0206' }),
  c('Pod with matchExpressions using NotIn operator that matches the existing node', requiredPod(exprs(req('mem-type', 'NotIn', ['DDR', 'DDR2']))), '', { 'mem-type': 'DDR3' }),
  c('Pod with matchExpressions using Exists operator that matches the existing node', requiredPod(exprs(req('GPU', 'Exists'))), '', { GPU: 'NVIDIA-GRID-K1' }),
  c("Pod with affinity that don't match node's labels won't schedule onto the node", requiredPod(exprs(req('foo', 'In', ['value1', 'value2']))), '', { foo: 'bar' }, POD),
  c('Pod with empty MatchExpressions is not a valid value will match no objects and won\'t schedule onto the node', requiredPod(exprs()), '', { foo: 'bar' }, POD),
  c('Pod with no Affinity will schedule onto a node', makePod().build(), '', { foo: 'bar' }, undefined, { wantPreFilter: { code: 'Skip' } }),
  c('Pod with Affinity but nil NodeSelector will schedule onto a node',
    { ...makePod().build(), spec: { containers: [], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: null } } } },
    '', { foo: 'bar' }, undefined, { wantPreFilter: { code: 'Skip' } }),
  c('Pod with multiple matchExpressions ANDed that matches the existing node',
    requiredPod(exprs(req('GPU', 'Exists'), req('GPU', 'NotIn', ['AMD', 'INTER']))), '', { GPU: 'NVIDIA-GRID-K1' }),
  c("Pod with multiple matchExpressions ANDed that doesn't match the existing node",
    requiredPod(exprs(req('GPU', 'Exists'), req('GPU', 'In', ['AMD', 'INTER']))), '', { GPU: 'NVIDIA-GRID-K1' }, POD),
  c("Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
    requiredPod(exprs(req('foo', 'In', ['bar', 'value2'])), exprs(req('diffkey', 'In', ['wrong', 'value2']))), '', { foo: 'bar' }),
  c('Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node',
    makePod().nodeSelector({ foo: 'bar' }).requiredNodeAffinityTerms([exprs(req('foo', 'Exists'))]).build(), '', { foo: 'bar' }),
  c("Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
    makePod().nodeSelector({ foo: 'bar' }).requiredNodeAffinityTerms([exprs(req('foo', 'Exists'))]).build(), '', { foo: 'barrrrrr' }, POD),
  c("Pod with an invalid value in Affinity term won't be scheduled onto the node",
    requiredPod(exprs(req('foo', 'NotIn', ['invalid value: ___@#$%^']))), '', { foo: 'bar' }, POD),
  c('Pod with matchFields using In operator that matches the existing node', requiredPod(fields(nameIn('node1'))), 'node1', {}, undefined, { wantNodeNames: ['node1'] }),
  c('Pod with matchFields using In operator that does not match the existing node', requiredPod(fields(nameIn('node1'))), 'node2', {}, POD, { wantNodeNames: ['node1'] }),
  c('Pod with two terms: matchFields does not match, but matchExpressions matches',
    requiredPod(fields(nameIn('node1'), nameIn('node2')), exprs(req('foo', 'In', ['bar']))), 'node2', { foo: 'bar' }),
  c('Pod with one term: matchFields does not match, but matchExpressions matches',
    requiredPod({ matchFields: [nameIn('node1')], matchExpressions: [req('foo', 'In', ['bar'])] }), 'node2', { foo: 'bar' }, POD, { wantNodeNames: ['node1'] }),
  c('Pod with one term: both matchFields and matchExpressions match',
    requiredPod({ matchFields: [nameIn('node1')], matchExpressions: [req('foo', 'In', ['bar'])] }), 'node1', { foo: 'bar' }, undefined, { wantNodeNames: ['node1'] }),
  c('Pod with two terms: both matchFields and matchExpressions do not match',
    requiredPod(fields(nameIn('node1')), exprs(req('foo', 'In', ['not-match-to-bar']))), 'node2', { foo: 'bar' }, POD),
  c('Pod with two terms of node.Name affinity', requiredPod(fields(nameIn('node1')), fields(nameIn('node2'))), 'node2', {}, undefined, { wantNodeNames: ['node1', 'node2'] }),
  // The framework rejects every node with the PreFilter status; upstream's table also checks that
  // Filter alone would say ErrReasonPod.
  c('Pod with two conflicting mach field requirements', requiredPod(fields(nameIn('node1'), nameIn('node2'))), 'node2', { foo: 'bar' }, CONFLICT,
    { wantPreFilter: CONFLICT, wantNodeNames: [], wantDirectFilter: POD }),
  c("Matches added affinity and Pod's node affinity", requiredPod(exprs(req('zone', 'In', ['foo']))), 'node2', { zone: 'foo' }, undefined,
    { args: addedRequired(fields(nameIn('node2'))) }),
  c("Matches added affinity but not Pod's node affinity", requiredPod(exprs(req('zone', 'In', ['bar']))), 'node2', { zone: 'foo' }, POD,
    { args: addedRequired(fields(nameIn('node2'))) }),
  c("Doesn't match added affinity", makePod().build(), 'node2', { zone: 'foo' }, ENFORCED, { args: addedRequired(exprs(req('zone', 'In', ['bar']))) }),
  c('Matches node selector correctly even if PreFilter is not called', makePod().nodeSelector({ foo: 'bar' }).build(), '', { foo: 'bar', baz: 'blah' }, undefined,
    { skipPreFilter: true }),
  c('Matches node affinity correctly even if PreFilter is not called',
    requiredPod(exprs(req('GPU', 'Exists'), req('GPU', 'NotIn', ['AMD', 'INTER']))), '', { GPU: 'NVIDIA-GRID-K1' }, undefined, { skipPreFilter: true }),
];

function directFilter(tc: AffinityCase) {
  const cluster = Cluster.build({ nodes: tc.nodes });
  const plugin = NodeAffinity({ cluster, env: defaultEnv() }, tc.args);
  return plugin.filter!(new CycleState(), makePodInfo(tc.pod), cluster.nodes[0]);
}

// ---- scoring ----------------------------------------------------------------------------------

const S = `${FILE} TestNodeAffinityPriority`;
const label1 = { foo: 'bar' };
const label2 = { key: 'value' };
const label3 = { az: 'az1' };
const label4 = { abc: 'az11', def: 'az22' };
const label5 = { foo: 'bar', key: 'value', az: 'az1' };
const affinity1: NodeAffinityApi = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 2, preference: exprs(req('foo', 'In', ['bar'])) }] };
const affinity2: NodeAffinityApi = {
  preferredDuringSchedulingIgnoredDuringExecution: [
    { weight: 2, preference: exprs(req('foo', 'In', ['bar'])) },
    { weight: 4, preference: exprs(req('key', 'In', ['value'])) },
    { weight: 5, preference: exprs(req('foo', 'In', ['bar']), req('key', 'In', ['value']), req('az', 'In', ['az1'])) },
  ],
};
const withAffinity = (nodeAffinity: NodeAffinityApi): Pod => ({ ...makePod().build(), spec: { containers: [], affinity: { nodeAffinity } } });

const scoreTable: ScoreCase[] = [
  {
    name: 'Skip is returned in PreScore when NodeAffinity is nil',
    source: S,
    pod: makePod().build(),
    nodes: [node('node1', label1)],
    wantPreScore: 'Skip',
  },
  {
    name: 'PreScore returns error when an incoming Pod has a broken affinity',
    source: S,
    pod: withAffinity({ preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 2, preference: exprs(req('invalid key', 'In', ['bar'])) }] }),
    nodes: [node('node1', label1)],
    wantPreScore: 'Error',
  },
  {
    name: "no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero",
    source: S,
    pod: withAffinity(affinity1),
    nodes: [node('node1', label4), node('node2', label2), node('node3', label3)],
    want: { node1: 0, node2: 0, node3: 0 },
  },
  {
    name: 'only node1 matches the preferred scheduling requirements of pod',
    source: S,
    pod: withAffinity(affinity1),
    nodes: [node('node1', label1), node('node2', label2), node('node3', label3)],
    want: { node1: 100, node2: 0, node3: 0 },
  },
  {
    name: 'all nodes matches the preferred scheduling requirements of pod but with different priorities ',
    source: S,
    pod: withAffinity(affinity2),
    nodes: [node('node1', label1), node('node5', label5), node('node2', label2)],
    want: { node1: 18, node5: 100, node2: 36 },
  },
  {
    name: 'added affinity',
    source: S,
    pod: makePod().build(),
    nodes: [node('node1', label1), node('node2', label2)],
    args: { addedAffinity: affinity1 } satisfies NodeAffinityArgs,
    want: { node1: 100, node2: 0 },
  },
  {
    name: 'added affinity and pod has default affinity',
    source: S,
    pod: withAffinity(affinity1),
    nodes: [node('node1', label1), node('node2', label2), node('node3', label5)],
    args: { addedAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 3, preference: exprs(req('key', 'In', ['value'])) }] } } satisfies NodeAffinityArgs,
    want: { node1: 40, node2: 60, node3: 100 },
  },
  {
    name: 'calculate the priorities correctly even if PreScore is not called',
    source: S,
    pod: withAffinity(affinity2),
    nodes: [node('node1', label1), node('node5', label5), node('node2', label2)],
    want: { node1: 18, node5: 100, node2: 36 },
  },
];

describe('NodeAffinity', () => {
  describe('upstream TestNodeAffinity', () => {
    for (const tc of filterTable) {
      it(tc.name, () => {
        if (tc.skipPreFilter) {
          const want = tc.want[tc.nodes[0].metadata.name ?? ''] ?? { code: 'Success', reasons: [] };
          const got = directFilter(tc);
          assert.equal(got.code, want.code);
          assert.deepEqual(got.reasons, want.reasons);
          return;
        }
        assertFilter(NodeAffinity, tc);
        if (tc.wantDirectFilter) assert.deepEqual(directFilter(tc), tc.wantDirectFilter);
        const names = preFilterNodeNames(tc.pod);
        assert.deepEqual(names && [...names].sort(), tc.wantNodeNames, 'PreFilterResult.NodeNames');
      });
    }
  });

  describe('upstream TestNodeAffinityPriority', () => {
    it('all nodes are same priority as NodeAffinity is nil', () => {
      // runPreScore: false upstream — Score and NormalizeScore without PreScore.
      const cluster = Cluster.build({ nodes: [node('node1', label1), node('node2', label2), node('node3', label3)] });
      const plugin = NodeAffinity({ cluster, env: defaultEnv() });
      const state = new CycleState();
      const pod = makePodInfo(makePod().build());
      const list: NodeScore[] = cluster.nodes.map((n) => ({ name: n.name, score: plugin.score!(state, pod, n) }));
      plugin.normalizeScore!(state, pod, list);
      assert.deepEqual(list, [{ name: 'node1', score: 0 }, { name: 'node2', score: 0 }, { name: 'node3', score: 0 }]);
    });
    for (const tc of scoreTable) it(tc.name, () => assertScore(NodeAffinity, tc));
    it('PreScore returns error when an incoming Pod has a broken affinity (message)', () => {
      const tc = scoreTable.find((s) => s.wantPreScore === 'Error')!;
      assert.deepEqual(runScore(NodeAffinity, tc).preScore.reasons, [
        `[0].matchExpressions[0].key: Invalid value: "invalid key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      ]);
    });
  });

  describe('kube-spread', () => {
    it('preferred terms with weight 0 or no requirements are ignored, not errors', () =>
      assertScore(NodeAffinity, {
        name: 'ignored terms',
        source: 'kube-spread (nodeaffinity.NewPreferredSchedulingTerms)',
        pod: withAffinity({
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 0, preference: exprs(req('foo', 'In', ['bar'])) },
            { weight: 7, preference: {} },
            { weight: 3, preference: exprs(req('key', 'In', ['value'])) },
          ],
        }),
        nodes: [node('a', label1), node('b', label2)],
        want: { a: 0, b: 100 },
      }));
    it('an empty preferred list is not nil: PreScore runs and every node scores 0', () =>
      assertScore(NodeAffinity, {
        name: 'empty list',
        source: 'kube-spread (getPodPreferredNodeAffinity nil check)',
        pod: withAffinity({ preferredDuringSchedulingIgnoredDuringExecution: [] }),
        nodes: [node('a', label1), node('b', label2)],
        want: { a: 0, b: 0 },
      }));
    it('a broken addedAffinity stops the plugin from being created', () => {
      const cluster = Cluster.build({ nodes: [] });
      assert.throws(() => NodeAffinity({ cluster, env: defaultEnv() }, addedRequired(exprs(req('zone', 'Foo', ['x'])))), /addedAffinity/);
    });
  });
});
