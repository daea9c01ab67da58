// `kube-spread check` end to end: the built CLI (node bin/kube-spread.js, after `npm run build`) on
// examples/ and on one small manifest per rule in test/fixtures/manifests/. Asserts the text
// format, the JSON diagnostics with exact ranges, exit codes 0/1/2, and SARIF 2.1.0 validated
// against the official schema (test/cli/sarifSchema.ts; more SARIF tests in sarif.test.ts).

import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeCode, knownCodes } from '../../server/src/analysis/render/codes';
import { assertValidSarif, sarifSchemaErrors } from './sarifSchema';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/kube-spread.js');
const MANIFESTS = 'test/fixtures/manifests';
const LAB = `${MANIFESTS}/clusters/lab.yaml`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', input: '' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Diagnostic {
  file: string;
  document?: number;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: string;
  code: string;
  source: string;
  path?: string;
  message: string;
}

interface CheckJson {
  files: number;
  documents: number;
  cluster: { source: string; embedded: boolean };
  diagnostics: Diagnostic[];
}

function json(...args: string[]): { out: CheckJson; status: number | null } {
  const r = run('check', ...args, '--format', 'json');
  assert.equal(r.stderr, '', r.stderr);
  return { out: JSON.parse(r.stdout) as CheckJson, status: r.status };
}

/** [code, severity, startLine, startChar, endLine, endChar] (0-based, as in the JSON). */
type Expect = [string, string, number, number, number, number];
const rows = (d: Diagnostic[]): Expect[] => d.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character]);

// One manifest per rule, checked against the embedded sample cluster. Findings of other layers that
// the same manifest causes (the simulation's consequences) are listed too: the whole output is exact.
const PER_RULE: Record<string, Expect[]> = {
  'clean.yaml': [],
  // A constraint the API server rejects is not simulated as well: the api/ finding says all there is.
  'api-error.yaml': [['api/maxSkew-positive', 'error', 8, 15, 8, 16]],
  'selector-not-self.yaml': [['lint/selector-not-self', 'error', 19, 19, 19, 22]],
  'selector-missing.yaml': [['lint/selector-missing', 'error', 14, 10, 14, 20]],
  'selector-empty.yaml': [['lint/selector-empty', 'error', 18, 25, 18, 27]],
  'selector-negative.yaml': [
    ['spread/soft-skew-exceeded', 'information', 8, 6, 8, 16],
    ['lint/selector-negative', 'hint', 14, 22, 14, 27],
  ],
  'matchLabelKeys-absent.yaml': [['lint/matchLabelKeys-absent', 'warning', 20, 14, 20, 31]],
  'matchLabelKeys-per-pod.yaml': [['lint/matchLabelKeys-per-pod', 'error', 20, 14, 20, 48]],
  'matchLabelKeys-pod-template-hash.yaml': [['lint/matchLabelKeys-pod-template-hash', 'hint', 17, 10, 17, 23]],
  'nodeAffinityPolicy-ignore.yaml': [['lint/nodeAffinityPolicy-ignore', 'warning', 19, 30, 19, 36]],
  'spread-pinned-by-node-affinity.yaml': [['lint/spread-pinned-by-node-affinity', 'warning', 17, 23, 17, 50]],
  'spread-vs-pod-anti-affinity.yaml': [['lint/spread-vs-pod-anti-affinity', 'warning', 21, 23, 21, 50]],
  'constraint-redundant.yaml': [['lint/constraint-redundant', 'hint', 19, 10, 19, 20]],
  'maxSkew-ineffective.yaml': [['lint/maxSkew-ineffective', 'hint', 14, 19, 14, 20]],
  'topology-key-typo.yaml': [['lint/topology-key-typo', 'warning', 15, 23, 15, 51]],
  'topology-key-deprecated.yaml': [['lint/topology-key-deprecated', 'warning', 15, 23, 15, 61]],
  'topology-key-missing.yaml': [['spread/topology-key-missing', 'information', 15, 23, 15, 27]],
  'topology-key-partial.yaml': [],
  'tainted-domains-pin-minimum.yaml': [['spread/tainted-domains-pin-minimum', 'information', 15, 10, 15, 20]],
  'hostname-replicas-exceed-nodes.yaml': [['spread/hostname-replicas-exceed-nodes', 'information', 16, 19, 16, 20]],
  'no-constraints.yaml': [['lint/no-constraints', 'information', 12, 4, 12, 8]],
  'daemonset-constraints.yaml': [
    ['lint/daemonset-constraints', 'warning', 12, 6, 12, 31],
    ['spread/pending', 'warning', 13, 10, 13, 20],
  ],
  'nodeName-set.yaml': [['lint/nodeName-set', 'warning', 7, 2, 7, 10]],
};

const EXAMPLES: Record<string, string[]> = {
  'examples/broken-selector.yaml': ['lint/selector-not-self'],
  'examples/pending-zone.yaml': ['spread/pending'],
  'examples/release-cache-api.yaml': ['spread/release-order-sensitive', 'spread/release-order-sensitive', 'spread/blocked-by-release'],
  'examples/rollout-skew.yaml': ['lint/matchLabelKeys-pod-template-hash'],
  'examples/tainted-nodes.yaml': ['spread/tainted-domains-pin-minimum'],
};

describe('kube-spread check (built CLI)', function () {
  this.timeout(120_000);

  before(() => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
  });

  it('has a manifest for every rule it tests, and tests every manifest', () => {
    const files = readdirSync(join(ROOT, MANIFESTS)).filter((f) => f.endsWith('.yaml')).sort();
    assert.deepEqual(files, Object.keys(PER_RULE).sort());
  });

  describe('JSON: one manifest per rule, exact codes, severities and ranges', () => {
    for (const [file, expected] of Object.entries(PER_RULE)) {
      it(file, () => {
        const { out, status } = json(`${MANIFESTS}/${file}`);
        assert.equal(out.files, 1);
        assert.deepEqual(rows(out.diagnostics), expected);
        for (const d of out.diagnostics) {
          assert.equal(d.file, `${MANIFESTS}/${file}`);
          assert.equal(d.source, 'kube-spread');
          assert.equal(d.document, 0);
          assert.ok(d.message.length > 20, d.message);
          assert.ok(d.path, `${d.code} has a path`);
        }
        assert.equal(status, expected.some((e) => e[1] === 'error') ? 1 : 0);
      });
    }
  });

  it('names the field in API notation and explains the finding', () => {
    const d = json(`${MANIFESTS}/selector-not-self.yaml`).out.diagnostics[0];
    assert.equal(d.path, 'spec.template.spec.topologySpreadConstraints[0].labelSelector.matchLabels.app');
    assert.match(d.message, /does not match this template's own labels \(app=web\): it requires app=api but the pods have app=web/);
    const typo = json(`${MANIFESTS}/topology-key-typo.yaml`).out.diagnostics[0];
    assert.match(typo.message, /misspelling of "topology\.kubernetes\.io\/zone"/);
    assert.match(typo.message, /computed on the embedded sample cluster/);
  });

  it('spread/ findings on the embedded sample are at most warnings and say so', () => {
    const { out } = json(MANIFESTS, 'examples');
    const spread = out.diagnostics.filter((d) => d.code.startsWith('spread/') && d.code !== 'spread/not-simulated');
    assert.ok(spread.length >= 5);
    for (const d of spread) {
      assert.notEqual(d.severity, 'error', `${d.file}: ${d.code}`);
      assert.match(d.message, /embedded sample/, `${d.file}: ${d.code}`);
    }
  });

  describe('against a real fixture (--cluster)', () => {
    it('reports nodes without the topology key (spread/topology-key-partial, a warning)', () => {
      const { out, status } = json(`${MANIFESTS}/topology-key-partial.yaml`, '--cluster', LAB);
      assert.equal(out.cluster.embedded, false);
      assert.deepEqual(rows(out.diagnostics), [['spread/topology-key-partial', 'warning', 15, 23, 15, 50]]);
      assert.match(out.diagnostics[0].message, /1 of the 5 nodes this pod can run on lack the label "topology\.kubernetes\.io\/zone" \(edge-1\)/);
      assert.doesNotMatch(out.diagnostics[0].message, /sample/);
      assert.equal(status, 0);
    });

    it('tainted control-plane node pins the minimum: a warning with the Honor fix', () => {
      const { out } = json(`${MANIFESTS}/tainted-domains-pin-minimum.yaml`, '--cluster', LAB);
      assert.deepEqual(rows(out.diagnostics), [['spread/tainted-domains-pin-minimum', 'warning', 15, 10, 15, 20]]);
      assert.match(out.diagnostics[0].message, /cp-zone-a-1 holds 0 matching pod\(s\).*no more than 5 pods.*\(3 requested\).*nodeTaintsPolicy: Honor/);
    });

    it('an unsatisfiable hard constraint is an error there (exit 1)', () => {
      const { out, status } = json('examples/pending-zone.yaml', '--cluster', LAB);
      assert.ok(out.diagnostics.some((d) => d.code === 'spread/pending' && d.severity === 'error'));
      assert.equal(status, 1);
    });
  });

  it('labelSelector: {} is an error up to 1.36 and a warning from 1.37', () => {
    const v37 = json(`${MANIFESTS}/selector-empty.yaml`, '--k8s-version', '1.37');
    assert.deepEqual(rows(v37.out.diagnostics), [['lint/selector-empty', 'warning', 18, 25, 18, 27]]);
    assert.match(v37.out.diagnostics[0].message, /counts every pod in namespace default/);
    assert.equal(v37.status, 0);
  });

  it('examples/: each example reports what its comment says', () => {
    const { out, status } = json('examples');
    for (const [file, codes] of Object.entries(EXAMPLES)) {
      assert.deepEqual(out.diagnostics.filter((d) => d.file === file).map((d) => d.code), codes, file);
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const c of codes) assert.ok(text.includes(c), `${file} mentions ${c} in its comment`);
    }
    assert.equal(status, 1); // broken-selector.yaml has an error
  });

  describe('text format', () => {
    it('prints the cluster, one line per finding (1-based) and a summary', () => {
      const r = run('check', `${MANIFESTS}/selector-not-self.yaml`);
      const lines = r.stdout.trimEnd().split('\n');
      assert.match(lines[0], /^Cluster: embedded sample cluster \(9 nodes, \d+ pods\)/);
      assert.ok(lines.some((l) => l.startsWith(`${MANIFESTS}/selector-not-self.yaml:20:20: error lint/selector-not-self: labelSelector does not match`)), r.stdout);
      assert.equal(lines[lines.length - 1], '1 file(s), 1 document(s): 1 error(s), 0 other finding(s)');
      assert.equal(r.status, 1);
    });

    it('exit 0 with warnings only, and with no findings', () => {
      const warn = run('check', `${MANIFESTS}/topology-key-typo.yaml`);
      assert.match(warn.stdout, /warning lint\/topology-key-typo/);
      assert.equal(warn.status, 0);
      const clean = run('check', `${MANIFESTS}/clean.yaml`);
      assert.match(clean.stdout, /0 error\(s\), 0 other finding\(s\)/);
      assert.equal(clean.status, 0);
    });

    it('reads standard input with -', () => {
      const r = spawnSync(process.execPath, [BIN, 'check', '-', '--format', 'json'], { cwd: ROOT, encoding: 'utf8', input: readFileSync(join(ROOT, MANIFESTS, 'selector-missing.yaml'), 'utf8') });
      const out = JSON.parse(r.stdout) as CheckJson;
      assert.deepEqual(out.diagnostics.map((d) => [d.file, d.code]), [['<stdin>', 'lint/selector-missing']]);
      assert.equal(r.status, 1);
    });
  });

  it('a rendered file with template text only inside strings is checked, document by document', () => {
    // A ConfigMap holding a sidecar-injector template (Helm objects in a block scalar), a Deployment the
    // API server rejects, and one unrendered template document: only that one is skipped.
    const text = [
      'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: injector}', 'data:', '  template: |',
      '    image: {{ .Values.global.proxy.image }}', '    {{- if .Values.debug }}', '    args: [-v]', '    {{- end }}',
      '---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  replicas: 3',
      '  selector: {matchLabels: {app: web}}', '  template:', '    metadata: {labels: {app: web}}', '    spec:',
      '      containers: [{name: web, image: nginx}]', '      topologySpreadConstraints:',
      '        - {maxSkew: 0, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}, matchLabelKeys: [pod-template-hash]}',
      '---', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: {{ .Release.Name }}', '',
    ].join('\n');
    const r = spawnSync(process.execPath, [BIN, 'check', '-', '--format', 'json'], { cwd: ROOT, encoding: 'utf8', input: text });
    const out = JSON.parse(r.stdout) as CheckJson;
    assert.deepEqual(out.diagnostics.map((d) => [d.code, d.document, d.range.start.line]), [
      ['api/maxSkew-positive', 1, 21],
      ['yaml/helm-template', 2, 26],
    ]);
    assert.equal(out.documents, 3);
    assert.equal(r.status, 1);
  });

  describe('exit code 2: usage and unreadable input, one line on stderr', () => {
    const cases: [string, string[], RegExp][] = [
      ['missing file', ['check', `${MANIFESTS}/does-not-exist.yaml`], /no such file/],
      ['bad format', ['check', `${MANIFESTS}/clean.yaml`, '--format', 'xml'], /--format must be one of text, json, sarif/],
      ['unknown flag', ['check', '--frobnicate'], /frobnicate/],
      ['bad version', ['check', `${MANIFESTS}/clean.yaml`, '--k8s-version', '2.0'], /--k8s-version/],
      ['missing fixture', ['check', `${MANIFESTS}/clean.yaml`, '--cluster', 'nope.yaml'], /nope\.yaml/],
      ['unparsable fixture', ['check', `${MANIFESTS}/clean.yaml`, '--cluster', `${MANIFESTS}/clean.yaml`], /.+/],
    ];
    for (const [name, args, re] of cases) {
      it(name, () => {
        const r = run(...args);
        assert.equal(r.status, 2, `${r.stdout}\n${r.stderr}`);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, re);
        assert.match(r.stderr, /^kube-spread: /);
        assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      });
    }
  });

  describe('SARIF 2.1.0', () => {

    interface Sarif {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string } }[] } };
        results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[] }[];
      }[];
    }

    it('the schema rejects what it should (sanity check of the validator)', () => {
      assert.deepEqual(sarifSchemaErrors({ version: '2.1.0', runs: [] }), []);
      assert.notDeepEqual(sarifSchemaErrors({ version: '2.0.0', runs: [] }), []);
      assert.notDeepEqual(sarifSchemaErrors({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), []);
    });

    for (const target of [MANIFESTS, 'examples']) {
      it(`${target}: valid against the official schema, same findings as JSON`, () => {
        const r = run('check', target, '--format', 'sarif');
        const sarif = JSON.parse(r.stdout) as Sarif;
        assertValidSarif(sarif);
        const { out, status } = json(target);
        assert.equal(r.status, status);
        const results = sarif.runs[0].results;
        assert.equal(results.length, out.diagnostics.length);
        const rules = sarif.runs[0].tool.driver.rules;
        results.forEach((res, i) => {
          const d = out.diagnostics[i];
          assert.equal(res.ruleId, d.code);
          assert.equal(rules[res.ruleIndex].id, d.code);
          assert.equal(res.level, { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[d.severity]);
          const reg = res.locations[0].physicalLocation.region;
          assert.deepEqual([reg.startLine, reg.startColumn, reg.endLine, reg.endColumn], [d.range.start.line + 1, d.range.start.character + 1, d.range.end.line + 1, d.range.end.character + 1]);
          assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, d.file);
        });
        for (const rule of rules) {
          assert.ok(knownCodes().includes(rule.id), `${rule.id} is documented in codes.ts`);
          assert.equal(rule.shortDescription.text, describeCode(rule.id));
        }
      });
    }
  });
});
