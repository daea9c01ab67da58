import assert from 'node:assert/strict';
import { parseManifestText, type PathSegment, type RangePart } from '../../../server/src/k8s/manifest';
import type { Range } from '../../../server/src/base/finding';

/** [startLine, startChar, endLine, endChar], 0-based. */
type R = [number, number, number, number];
const r = (x: Range | undefined): R | undefined => (x ? [x.start.line, x.start.character, x.end.line, x.end.character] : undefined);

const POD = [
  'apiVersion: v1', //                 0
  'kind: Pod', //                      1
  'metadata:', //                      2
  '  name: web', //                    3
  '  labels: {app: web}', //           4
  'spec:', //                          5
  '  containers:', //                  6
  '  - name: c', //                    7
  '    image: nginx', //               8
  '  topologySpreadConstraints:', //   9
  '  - maxSkew: "1"', //               10
  '    topologyKey:', //               11
  '    whenUnsatisfiable: DoNotSchedule # hard', // 12
].join('\n');

describe('k8s/manifest: parseManifestText', () => {
  describe('rangeOf', () => {
    const doc = parseManifestText(POD).documents[0];
    const cases: [string, PathSegment[], RangePart, R][] = [
      ['scalar value', ['spec', 'topologySpreadConstraints', 0, 'maxSkew'], 'value', [10, 13, 10, 16]],
      ['key', ['spec', 'topologySpreadConstraints', 0, 'maxSkew'], 'key', [10, 4, 10, 11]],
      ['key and value', ['spec', 'topologySpreadConstraints', 0, 'maxSkew'], 'node', [10, 4, 10, 16]],
      ['value without trailing comment', ['spec', 'topologySpreadConstraints', 0, 'whenUnsatisfiable'], 'value', [12, 23, 12, 36]],
      ['empty value falls back to its key', ['spec', 'topologySpreadConstraints', 0, 'topologyKey'], 'value', [11, 4, 11, 15]],
      ['sequence item key = its first line', ['spec', 'topologySpreadConstraints', 0], 'key', [10, 4, 10, 16]],
      ['sequence item node', ['spec', 'containers', 0], 'node', [7, 4, 8, 16]],
      ['string index into a sequence', ['spec', 'containers', '0', 'image'], 'value', [8, 11, 8, 16]],
      ['flow mapping value', ['metadata', 'labels', 'app'], 'value', [4, 16, 4, 19]],
      ['block mapping value ends on its last character', ['metadata'], 'value', [3, 2, 4, 20]],
      ['missing path: nearest ancestor key', ['spec', 'topologySpreadConstraints', 0, 'minDomains'], 'value', [10, 4, 10, 16]],
      ['missing path deeper', ['spec', 'affinity', 'nodeAffinity'], 'key', [5, 0, 5, 4]],
      ['out-of-range index', ['spec', 'containers', 3, 'name'], 'key', [6, 2, 6, 12]],
      ['root key is the kind key', [], 'key', [1, 0, 1, 4]],
    ];
    for (const [name, path, part, want] of cases) {
      it(name, () => assert.deepEqual(r(doc.rangeOf(path, part)), want));
    }
    it('has() tells existing paths apart', () => {
      assert.equal(doc.has(['spec', 'topologySpreadConstraints', 0, 'topologyKey']), true);
      assert.equal(doc.has(['spec', 'topologySpreadConstraints', 0, 'minDomains']), false);
    });
  });

  it('reads kind, apiVersion, name, namespace and the document range', () => {
    const f = parseManifestText('---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  namespace: prod\n');
    assert.equal(f.documents.length, 1);
    const d = f.documents[0];
    assert.deepEqual([d.index, d.kind, d.apiVersion, d.name, d.namespace], [0, 'Deployment', 'apps/v1', 'd', 'prod']);
    assert.deepEqual(r(d.range), [1, 0, 5, 17]);
    assert.deepEqual(f.findings, []);
  });

  it('splits multi-document files and keeps indices (empty documents included)', () => {
    const f = parseManifestText('apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n---\n');
    assert.deepEqual(f.documents.map((d) => [d.index, d.kind, d.name, d.skip]), [
      [0, 'Service', 'a', undefined],
      [1, 'Pod', 'b', undefined],
      [2, undefined, undefined, 'empty'],
    ]);
    assert.deepEqual(r(f.documents[1].rangeOf(['metadata', 'name'], 'value')), [6, 17, 6, 18]);
    assert.deepEqual(f.findings, []);
  });

  it('parses JSON with ranges', () => {
    const f = parseManifestText('{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "spec": {"containers": [{"name": 1}]}\n}\n');
    const d = f.documents[0];
    assert.equal(d.kind, 'Pod');
    assert.deepEqual(r(d.rangeOf(['spec', 'containers', 0, 'name'], 'value')), [3, 35, 3, 36]);
    assert.deepEqual(r(d.rangeOf(['kind'], 'key')), [2, 2, 2, 8]);
  });

  it('reads YAML the way kubectl does (1.1 booleans, merge keys, timestamps stay strings)', () => {
    const f = parseManifestText('apiVersion: v1\nkind: Pod\nbase: &b {x: 1}\nm: {<<: *b, z: 2}\na: yes\nt: 2024-01-02T03:04:05Z\n');
    const v = f.documents[0].value as Record<string, unknown>;
    assert.deepEqual(v.m, { x: 1, z: 2 });
    assert.equal(v.a, true);
    // go-yaml v2 reads the key `y` as a boolean too, and sigs.k8s.io/yaml stringifies it.
    assert.deepEqual(parseManifestText('y: 1\n').documents[0].value, { true: 1 });
    assert.equal(v.t, '2024-01-02T03:04:05Z');
    // A merged field is found in the anchored map.
    assert.deepEqual(r(f.documents[0].rangeOf(['m', 'x'], 'value')), [2, 13, 2, 14]);
  });

  // go-yaml v2's resolve: a float needs a digit, `_` is dropped after a leading digit or sign, and a
  // text starting with `.` is a Go float as written (k8s/yaml11.ts). The yaml library alone reads
  // `e5`, `.` and friends as NaN.
  const floats: [string, unknown][] = [
    ['e5', 'e5'], ['E5', 'E5'], ['.', '.'], ['.e5', '.e5'], ['._5', '._5'], ['+.e5', '+.e5'], ['-.', '-.'], ['1e', '1e'], ['1.2.3', '1.2.3'],
    ['1.5', 1.5], ['.5', 0.5], ['1.', 1], ['1e5', 1e5], ['1.5E-3', 0.0015], ['-.5', -0.5], ['+1.5', 1.5], ['.5e3', 500],
    ['1_000.5', 1000.5], ['1e_5', 1e5], ['-_1.5', -1.5], ['.nan', NaN], ['-.inf', -Infinity], ['1_000', 1000], ['08', 8],
  ];
  for (const [text, want] of floats) {
    it(`reads the plain scalar ${text} as kubectl does (${typeof want === 'string' ? 'a string' : String(want)})`, () => {
      assert.deepEqual(parseManifestText(`k: ${text}\n`).documents[0].value, { k: want });
    });
  }

  describe('half-typed YAML', () => {
    it('keeps what parsed and reports the syntax error at its exact place', () => {
      const f = parseManifestText('apiVersion: v1\nkind: Pod\nspec:\n  containers: [\n  nodeName: n1\n');
      const d = f.documents[0];
      assert.equal(d.kind, 'Pod');
      assert.equal(d.apiVersion, 'v1');
      assert.ok(f.findings.length >= 1);
      assert.ok(f.findings.every((x) => x.code === 'yaml/syntax' && x.severity === 'error' && x.document === 0));
      assert.deepEqual(r(f.findings[0].range), [4, 2, 4, 10]);
    });
    it('a key without value yet', () => {
      const f = parseManifestText('apiVersion: v1\nkind: Pod\nspec:\n  topologySpreadConstraints:\n  - maxSkew: 1\n    topologyK');
      assert.equal(f.documents[0].kind, 'Pod');
      assert.deepEqual(f.findings.map((x) => [x.code, r(x.range)]), [['yaml/syntax', [5, 4, 5, 13]]]);
    });
    it('duplicate keys', () => {
      const f = parseManifestText('apiVersion: v1\nkind: Pod\nkind: Pod\n');
      assert.deepEqual(f.findings.map((x) => [x.code, r(x.range)]), [['yaml/duplicate-key', [2, 0, 2, 4]]]);
    });
    it('an error in one document leaves the others intact', () => {
      const f = parseManifestText('apiVersion: v1\nkind: Pod\nmetadata: {name: a\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n');
      assert.deepEqual(f.documents.map((d) => d.kind), ['Pod', 'Service']);
      assert.equal(f.documents[1].name, 'b');
      assert.ok(f.findings.length > 0 && f.findings.every((x) => x.document === 0));
    });
  });

  describe('guards', () => {
    it('alias bomb: one finding, no value, no hang', function () {
      this.timeout(5000); // a hang guard, not a speed target (speed lives in bench/)
      const lines = ['apiVersion: v1', 'kind: ConfigMap', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
      for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
      const f = parseManifestText(lines.join('\n'));
      assert.deepEqual(f.findings.map((x) => [x.code, x.severity, r(x.range)]), [['yaml/alias-limit', 'error', [0, 0, 0, 14]]]);
      assert.equal(f.documents[0].value, undefined);
    });
    it('deep flow nesting: one finding, never reaches the parser', () => {
      const f = parseManifestText(`a: ${'['.repeat(20000)}${']'.repeat(20000)}`);
      assert.deepEqual(f.findings.map((x) => [x.code, r(x.range)]), [['yaml/too-deep', [0, 202, 0, 203]]]);
      assert.equal(f.documents.length, 0);
    });
    it('deep block nesting', () => {
      const f = parseManifestText(`x:\n${'- '.repeat(10000)}y`, { maxDepth: 50 });
      assert.deepEqual(f.findings.map((x) => x.code), ['yaml/too-deep']);
    });
    it('an ordinary manifest is far below the depth limit', () => {
      assert.deepEqual(parseManifestText(POD, { maxDepth: 12 }).findings, []);
    });
    it('too large', () => {
      const f = parseManifestText('a: 1\n'.repeat(100), { maxTextLength: 50 });
      assert.deepEqual(f.findings.map((x) => [x.code, x.severity]), [['yaml/too-large', 'warning']]);
    });
  });

  describe('skipped input: one information finding', () => {
    it('Helm template: the document is skipped, no parse errors', () => {
      const f = parseManifestText('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}\nspec:\n  {{- if .Values.r }}\n  replicas: 2\n  {{- end }}\n');
      assert.deepEqual(f.findings.map((x) => [x.code, x.severity, x.document, r(x.range)]), [['yaml/helm-template', 'information', 0, [3, 8, 3, 36]]]);
      assert.deepEqual(f.documents.map((d) => d.skip), ['template']);
    });
    it('templates are judged per document: template text inside strings never skips a rendered file', () => {
      // A rendered chart: a ConfigMap holding a sidecar-injector template (Helm objects in a block and a
      // quoted scalar), then a Deployment. Both are checked.
      const rendered = [
        'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: injector}', 'data:', '  template: |',
        '    image: {{ .Values.global.proxy.image }}', '    {{- if .Values.debug }}', '    args: [-v]', '    {{- end }}',
        '  name: "{{ .Release.Name }}"',
        '---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec: {replicas: 3}', '',
      ].join('\n');
      const f = parseManifestText(rendered);
      assert.deepEqual(f.findings, []);
      assert.deepEqual(f.documents.map((d) => [d.kind, d.skip]), [['ConfigMap', undefined], ['Deployment', undefined]]);
      // One template among rendered documents: only it is skipped (with its index and the action's line).
      const mixed = parseManifestText(`${rendered}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n`);
      assert.deepEqual(mixed.findings.map((x) => [x.code, x.document, r(x.range)]), [['yaml/helm-template', 2, [19, 8, 19, 27]]]);
      assert.deepEqual(mixed.documents.map((d) => d.skip), [undefined, undefined, 'template']);
    });
    it('a template action makes a document a template only where YAML reads it as structure', () => {
      const kinds = (text: string) => parseManifestText(text).findings.map((x) => x.code);
      // {{ outside every scalar: a flow mapping to YAML, or a syntax error.
      assert.deepEqual(kinds('apiVersion: v1\nkind: Pod\n{{- if .Values.on }}\nspec: {}\n{{- end }}\n'), ['yaml/helm-template']);
      assert.deepEqual(kinds('apiVersion: v1\nkind: Pod\nspec:\n  replicas: {{ .Values.n }}\n'), ['yaml/helm-template']);
      // Later in a plain scalar, in a comment, in quotes or in a block scalar: data.
      assert.deepEqual(kinds('apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    summary: Instance {{ $labels.instance }} down\n'), []);
      assert.deepEqual(kinds('apiVersion: v1\nkind: Pod # {{ .Values.x }}\n# {{- if .Values.on }}\nmetadata: {name: "{{ .Values.n }}"}\n'), []);
    });
    it('a template without Helm objects is a Go template, and says so', () => {
      const f = parseManifestText('apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Name }}\n{{- range .Ports }}\n{{- end }}\n');
      assert.deepEqual(f.findings.map((x) => [x.code, x.severity, x.message, r(x.range)]), [
        ['yaml/go-template', 'information', 'Go template: kube-spread checks rendered manifests only (render the template and check the output)', [3, 8, 3, 19]],
      ]);
      assert.doesNotMatch(f.findings[0].message, /helm/i);
    });
    it('{{ }} inside a block or quoted scalar is data, not Helm', () => {
      const f = parseManifestText('apiVersion: v1\nkind: ConfigMap\ndata:\n  alert: |\n    {{ $labels.instance }} is down\n  b: "{{ .x }}"\n');
      assert.deepEqual(f.findings, []);
      assert.equal(f.documents[0].kind, 'ConfigMap');
    });
    it('not a manifest at all: one finding for the file', () => {
      const f = parseManifestText('name: CI\non: push\n---\njobs: {}\n');
      assert.deepEqual(f.findings.map((x) => [x.code, x.severity, x.document, r(x.range)]), [['yaml/not-kubernetes', 'information', 0, [0, 0, 0, 8]]]);
      assert.deepEqual(f.documents.map((d) => d.skip), ['not-kubernetes', 'not-kubernetes']);
    });
    it('a document without kind in a manifest file is named', () => {
      const f = parseManifestText('apiVersion: v1\nkind: Pod\n---\napiVersion: apps/v1\nmetadata: {}\n');
      assert.deepEqual(f.findings.map((x) => [x.code, x.document, x.message]), [['yaml/not-kubernetes', 1, 'Not checked: this document has no kind']]);
    });
    it('kustomization', () => {
      const f = parseManifestText('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n');
      assert.deepEqual(f.findings.map((x) => [x.code, x.severity]), [['yaml/kustomization', 'information']]);
      assert.equal(f.documents[0].skip, 'kustomization');
    });
    it('a kind it does not simulate with constraints in its pod template: one information finding; without constraints, none', () => {
      const rollout = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      topologySpreadConstraints: [{maxSkew: 1, topologyKey: k, whenUnsatisfiable: DoNotSchedule}]\n';
      assert.deepEqual(parseManifestText(rollout).findings.map((x) => [x.code, x.severity, x.message, r(x.range)]), [
        ['yaml/custom-workload', 'information', 'Rollout (argoproj.io/v1alpha1) is not a kind kube-spread simulates: its topologySpreadConstraints (spec.template.spec.topologySpreadConstraints) are checked against the API server\'s rules, but where they place pods is not simulated', [0, 0, 0, 32]],
      ]);
      const cronLike = 'apiVersion: x.io/v1\nkind: ScaledJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          topologySpreadConstraints: [{maxSkew: 1}]\n';
      assert.deepEqual(parseManifestText(cronLike).findings.map((x) => x.code), ['yaml/custom-workload']);
      assert.deepEqual(parseManifestText('apiVersion: x.io/v1\nkind: CloneSet\nspec: {template: {spec: {containers: []}}}\n').findings, []);
    });
    it('constraints anywhere in a custom resource: one information finding per document, naming where', () => {
      const kafka = 'apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\nmetadata: {name: k}\nspec:\n  kafka:\n    template:\n      pod:\n        topologySpreadConstraints: [{maxSkew: 1}]\n  zookeeper:\n    template:\n      pod:\n        topologySpreadConstraints: [{maxSkew: 1}]\n';
      assert.deepEqual(parseManifestText(kafka).findings.map((x) => [x.code, x.document, x.message]), [
        ['yaml/custom-workload', 0, 'Kafka (kafka.strimzi.io/v1beta2) is not a kind kube-spread simulates: its topologySpreadConstraints (spec.kafka.template.pod.topologySpreadConstraints and 1 more) are checked against the API server\'s rules, but where they place pods is not simulated'],
      ]);
    });
    it('a List (or NodeList, PodList): one information finding, the items are not checked', () => {
      const list = parseManifestText('apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: a}, spec: {containers: []}}\n- {apiVersion: v1, kind: Pod, metadata: {name: b}}\n');
      assert.deepEqual(list.findings.map((x) => [x.code, x.severity, x.message, r(x.range)]), [
        ['yaml/list', 'information', 'List of 2 objects: the items are not checked; kube-spread checks each object written as its own YAML document (separate them with ---)', [0, 0, 0, 14]],
      ]);
      assert.equal(list.documents[0].skip, 'list');
      const nodes = parseManifestText('apiVersion: v1\nkind: NodeList\nitems: []\n');
      assert.deepEqual(nodes.findings.map((x) => x.message), ['NodeList of 0 objects: the items are not checked; kube-spread checks each object written as its own YAML document (separate them with ---)']);
      // A kind that merely ends in List, without items, is an ordinary object.
      assert.equal(parseManifestText('apiVersion: x/v1\nkind: AllowList\nspec: {}\n').documents[0].skip, undefined);
    });
    it('patch by file name, once per file', () => {
      const f = parseManifestText('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: b}\n', { fileName: '/x/replicas_patch.yaml' });
      assert.deepEqual(f.findings.map((x) => x.code), ['yaml/patch']);
      assert.deepEqual(f.documents.map((d) => d.skip), ['patch', 'patch']);
    });
    it('"patched" in a file name is not a patch file', () => {
      const f = parseManifestText('apiVersion: v1\nkind: Pod\n', { fileName: 'deploy01-patched.yaml' });
      assert.deepEqual(f.findings, []);
    });
    it('patch by $patch directive and JSON 6902 list', () => {
      const a = parseManifestText('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      topologySpreadConstraints:\n      - $patch: replace\n');
      assert.deepEqual(a.findings.map((x) => x.code), ['yaml/patch']);
      const b = parseManifestText('- op: replace\n  path: /spec/replicas\n  value: 3\n');
      assert.deepEqual(b.findings.map((x) => x.code), ['yaml/patch']);
    });
  });
});
