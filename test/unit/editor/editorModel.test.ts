// editorModel: the workload around the cursor (even while the cursor's line is half-typed), the
// fixture's nodes as completion and hover read them, and safe YAML scalar / snippet text.

import assert from 'node:assert/strict';
import {
  fixtureName, HOSTNAME, labelStats, list, nodesOf, plural, REGION, snippetText, WELL_KNOWN, workloadAt, yamlScalar, ZONE, type WorkloadAt,
} from '../../../server/src/editor/editorModel';
import { parseManifestText } from '../../../server/src/k8s/manifest';
import { workloadOf } from '../../../server/src/k8s/workloads';
import type { LoadedFixture } from '../../../server/src/analysis';
import { crlf, marked } from './marked';

function deployment(kind: string, selector: string, podSpecExtra: string): string {
  return `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
spec:
  replicas: 3
  selector:
${selector}  template:
    metadata:
      labels:
        app: web
        tier: fe
    spec:
      containers:
      - name: c
        image: nginx
${podSpecExtra}`;
}
const SELECTS = '    matchLabels:\n      app: web\n';
const TEMPLATE_LABELS = { app: 'web', tier: 'fe' };
const POD_TEMPLATE = ['spec', 'template', 'spec'];

const cases: { name: string; input: string; want: WorkloadAt | undefined }[] = [
  {
    name: "a Deployment whose selector selects the template: constraints use the selector's labels",
    input: deployment('Deployment', SELECTS, '      topologySpreadConstraints:\n      - topologyKey: ‸\n'),
    want: { kind: 'Deployment', name: 'web', document: 0, labels: TEMPLATE_LABELS, selectorLabels: { app: 'web' }, podSpecPath: POD_TEMPLATE },
  },
  {
    name: 'a half-typed flow constraint on the cursor line',
    input: deployment('Deployment', SELECTS, '      topologySpreadConstraints:\n      - {maxSkew: 1, topologyKey: [‸\n'),
    want: { kind: 'Deployment', name: 'web', document: 0, labels: TEMPLATE_LABELS, selectorLabels: { app: 'web' }, podSpecPath: POD_TEMPLATE },
  },
  {
    name: 'a selector with matchExpressions: the template labels',
    input: deployment('Deployment', `${SELECTS}    matchExpressions:\n    - {key: tier, operator: Exists}\n`, '      ‸\n'),
    want: { kind: 'Deployment', name: 'web', document: 0, labels: TEMPLATE_LABELS, selectorLabels: TEMPLATE_LABELS, podSpecPath: POD_TEMPLATE },
  },
  {
    name: 'a selector that does not select the template: the template labels',
    input: deployment('Deployment', '    matchLabels:\n      app: other\n', '      ‸\n'),
    want: { kind: 'Deployment', name: 'web', document: 0, labels: TEMPLATE_LABELS, selectorLabels: TEMPLATE_LABELS, podSpecPath: POD_TEMPLATE },
  },
  {
    name: 'a StatefulSet uses its selector like a Deployment',
    input: deployment('StatefulSet', SELECTS, '      ‸\n'),
    want: { kind: 'StatefulSet', name: 'web', document: 0, labels: TEMPLATE_LABELS, selectorLabels: { app: 'web' }, podSpecPath: POD_TEMPLATE },
  },
  {
    name: "a Job's selector is generated: the template labels",
    input: deployment('Job', SELECTS, '      ‸\n').replace('apps/v1', 'batch/v1'),
    want: { kind: 'Job', name: 'web', document: 0, labels: TEMPLATE_LABELS, selectorLabels: TEMPLATE_LABELS, podSpecPath: POD_TEMPLATE },
  },
  {
    name: 'a bare Pod: its own labels, its spec',
    input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    a: b\nspec:\n  topo‸\n',
    want: { kind: 'Pod', name: 'p', document: 0, labels: { a: 'b' }, selectorLabels: { a: 'b' }, podSpecPath: ['spec'] },
  },
  {
    name: 'the cursor on the kind line: the unblanked text is used',
    input: 'apiVersion: apps/v1\nkind: Deploy‸ment\nmetadata: {name: w}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c}]}\n',
    want: { kind: 'Deployment', name: 'w', document: 0, labels: { a: 'b' }, selectorLabels: { a: 'b' }, podSpecPath: POD_TEMPLATE },
  },
  {
    name: 'the document under the cursor, not the first',
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {x: v}}\nspec: {containers: [{name: c}]}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: second\n  labels: {z: w}\nspec:\n  ‸\n',
    want: { kind: 'Pod', name: 'second', document: 1, labels: { z: 'w' }, selectorLabels: { z: 'w' }, podSpecPath: ['spec'] },
  },
  {
    name: 'the first document when the cursor is in it',
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: first}\nspec:\n  ‸\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: second}\n',
    want: { kind: 'Pod', name: 'first', document: 0, labels: {}, selectorLabels: {}, podSpecPath: ['spec'] },
  },
  {
    name: 'a Service under the cursor is not a workload, even with one in the next document',
    input: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ‸\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n',
    want: undefined,
  },
  { name: 'empty text', input: '‸', want: undefined },
];

// Fixtures as user data can be: the loader always fills `input`, but nodesOf must not depend on it.
const fixture = (input: unknown, more: Partial<LoadedFixture> = {}): LoadedFixture => ({
  source: 'cluster.yaml', embedded: false, files: ['cluster.yaml'], input, problems: [], summary: { nodes: 0, pods: 0 }, ...more,
}) as unknown as LoadedFixture;

describe('editor/editorModel', () => {
  describe('workloadAt', () => {
    for (const c of cases) {
      it(c.name, () => {
        const { text, offset } = marked(c.input);
        assert.deepEqual(workloadAt(text, offset), c.want);
      });
      it(`${c.name} (CRLF)`, () => {
        const { text, offset } = marked(crlf(c.input));
        assert.deepEqual(workloadAt(text, offset), c.want);
      });
    }

    // The cursor's line is blanked before parsing: a half-typed key at the root level breaks the
    // document (the precondition below), and the workload is still found.
    for (const line of ['top‸', '"‸', '[‸']) {
      it(`a line that breaks the document (${JSON.stringify(line)}) is ignored`, () => {
        const { text, offset } = marked(`apiVersion: v1\n${line}\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: web}\nspec:\n  containers: [{name: c}]\n`);
        const unblanked = parseManifestText(text).documents[0];
        assert.equal(unblanked && workloadOf(unblanked), undefined, 'precondition: the text as typed has no workload');
        assert.deepEqual(workloadAt(text, offset), { kind: 'Pod', name: 'p', document: 0, labels: { app: 'web' }, selectorLabels: { app: 'web' }, podSpecPath: ['spec'] });
      });
    }

    it('the returned labels are copies', () => {
      const { text, offset } = marked(deployment('Deployment', SELECTS, '      ‸\n'));
      const w = workloadAt(text, offset);
      assert.ok(w);
      w.labels.app = 'changed';
      w.selectorLabels.app = 'changed';
      assert.deepEqual(workloadAt(text, offset)?.labels, TEMPLATE_LABELS);
    });
  });

  describe('nodesOf', () => {
    it('reads names, labels, taints with a key and unschedulable', () => {
      const f = fixture({
        nodes: [
          { metadata: { name: 'a', labels: { [ZONE]: 'z1' } }, spec: { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }, { effect: 'NoExecute' }, null], unschedulable: true } },
          { metadata: { name: 'b' }, spec: { unschedulable: 'yes' } },
          {},
        ],
      });
      assert.deepEqual(nodesOf(f), [
        { name: 'a', labels: { [ZONE]: 'z1' }, taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }], unschedulable: true },
        { name: 'b', labels: {}, taints: [], unschedulable: false },
        { name: '', labels: {}, taints: [], unschedulable: false },
      ]);
    });
    it('a taint without effect gets an empty one', () => {
      assert.deepEqual(nodesOf(fixture({ nodes: [{ metadata: { name: 'a' }, spec: { taints: [{ key: 'k' }] } }] }))[0].taints, [{ key: 'k', value: undefined, effect: '' }]);
    });
    for (const [name, f] of [['no fixture', undefined], ['no input', fixture(undefined)], ['no nodes', fixture({ pods: [] })], ['null taints', fixture({ nodes: [{ spec: { taints: null } }] })]] as const) {
      it(name, () => assert.deepEqual(nodesOf(f).flatMap((n) => n.taints), []));
    }
  });

  describe('fixtureName', () => {
    it('no fixture', () => assert.equal(fixtureName(undefined), 'the cluster fixture'));
    it('the embedded sample', () => assert.equal(fixtureName(fixture({}, { source: 'embedded-sample', embedded: true })), 'the embedded sample cluster'));
    it('a file, as code', () => assert.equal(fixtureName(fixture({}, { source: 'clusters/prod.yaml' })), '`clusters/prod.yaml`'));
  });

  describe('labelStats', () => {
    it('counts nodes per key and per value', () => {
      const stats = labelStats([
        { name: 'a', labels: { [ZONE]: 'z1', [HOSTNAME]: 'a' }, taints: [], unschedulable: false },
        { name: 'b', labels: { [ZONE]: 'z1', [HOSTNAME]: 'b' }, taints: [], unschedulable: false },
        { name: 'c', labels: { [ZONE]: 'z2' }, taints: [], unschedulable: false },
      ]);
      assert.deepEqual([...stats.keys()], [ZONE, HOSTNAME]);
      assert.equal(stats.get(ZONE)?.nodes, 3);
      assert.deepEqual([...(stats.get(ZONE)?.values ?? [])], [['z1', 2], ['z2', 1]]);
      assert.equal(stats.get(HOSTNAME)?.nodes, 2);
      assert.deepEqual([...(stats.get(HOSTNAME)?.values ?? [])], [['a', 1], ['b', 1]]);
    });
    it('no nodes', () => assert.equal(labelStats([]).size, 0));
  });

  it('WELL_KNOWN lists zone, hostname and region', () => {
    assert.deepEqual(WELL_KNOWN, ['topology.kubernetes.io/zone', 'kubernetes.io/hostname', 'topology.kubernetes.io/region']);
    assert.equal(REGION, 'topology.kubernetes.io/region');
  });

  describe('yamlScalar', () => {
    // Read back the way kubectl and kube-spread read manifests (YAML 1.1): the same string.
    const plain = [
      'web', 'kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'pod-template-hash', 'x-', '_1', 'a.b', 'e', 'ScheduleAnyway', 'v1.2.3', 'eu-west-1a',
      '1.2.3', '1e', '0x', '0xG', 'yess', 'nan', 'inf', '2001-12-14x', // near misses: strings for both readers
    ];
    const quoted = [
      '', 'yes', 'Yes', 'NO', 'on', 'OFF', 'y', 'n', 'true', 'False', 'null', '~', // booleans and nulls in YAML 1.1
      '1', '-1', '+1', '1.5', '.5', '1.', '1e3', '1_000', '0x1F', '0o17', '017', '.inf', '-.Inf', '.NaN', '1:30', '190:20:30.15', '2001-12-14', // numbers, timestamps
      '0b101', '0b1_0', '0B101', '0O17', '0X1F', '08', '1_', '1e-5', '1_e5', '.5e3', '2001-1-2', // go-yaml's numbers (underscores dropped, any prefix case)
      'yEs', 'NuLl', // booleans and null in any case, to be safe (both readers take three spellings)
      '.', 'e5', 'E5', '.e5', '._', // the yaml library's YAML 1.1 float rule reads these as NaN
      'a b', '-x', 'a:b', 'a: b', '#a', 'a #b', '@a', '`a', '*a', '&a', '!a', '%a', '|a', '>a', '[a]', '{a}', ',a', '"q"', "'s'", '=', '<<', 'émile', 'tab\t', 'line\nbreak',
    ];
    for (const s of plain) {
      it(`${JSON.stringify(s)} stays plain`, () => assert.equal(yamlScalar(s), s));
    }
    for (const s of quoted) {
      it(`${JSON.stringify(s)} is quoted`, () => assert.notEqual(yamlScalar(s), s));
    }
    for (const s of [...plain, ...quoted]) {
      it(`${JSON.stringify(s)} reads back as the same string`, () => {
        const doc = parseManifestText(`k: ${yamlScalar(s)}\n`).documents[0];
        assert.deepEqual(doc.value, { k: s });
      });
    }
  });

  describe('snippetText', () => {
    const cases: [string, string][] = [['plain', 'plain'], ['$1', '\\$1'], ['${x}', '\\${x\\}'], ['a\\b', 'a\\\\b'], ['{}', '{\\}'], ['', '']];
    for (const [input, want] of cases) it(JSON.stringify(input), () => assert.equal(snippetText(input), want));
  });

  describe('plural and list', () => {
    const plurals: [number, string, string | undefined, string][] = [[0, 'node', undefined, '0 nodes'], [1, 'node', undefined, '1 node'], [2, 'replica', undefined, '2 replicas'], [2, 'index', 'indices', '2 indices'], [1, 'index', 'indices', '1 index']];
    for (const [n, one, many, want] of plurals) it(want, () => assert.equal(plural(n, one, many), want));
    const lists: [string[], number | undefined, string][] = [[[], undefined, ''], [['a'], undefined, 'a'], [['a', 'b', 'c', 'd'], undefined, 'a, b, c, d'], [['a', 'b', 'c', 'd', 'e', 'f'], undefined, 'a, b, c, d and 2 more'], [['a', 'b', 'c'], 2, 'a, b and 1 more']];
    for (const [names, max, want] of lists) it(JSON.stringify(want), () => assert.equal(list(names, max), want));
  });
});
