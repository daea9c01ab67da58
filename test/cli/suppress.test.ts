// `kube-spread check` with suppression and the project file, end to end (the built CLI, after
// `npm run build`): ignore comments and the annotation, counted in the text summary and listed in
// JSON `suppressed`; SARIF `suppressions`; --fail-on and the project file's failOn; .kube-spread.yaml
// found walking up from each file (or named by --config) with its disabled codes, severity overrides,
// cluster (relative to it) and version, flags winning; an invalid project file is exit 2 with
// file:line:col. test/lsp/suppress.test.ts holds the editor to the same answers.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertValidSarif } from './sarifSchema';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/kube-spread.js');
const LAB = join(ROOT, 'test/fixtures/manifests/clusters/lab.yaml');

interface Diagnostic {
  file: string;
  code: string;
  severity: string;
  range: { start: { line: number } };
  suppressedBy?: string;
}

interface CheckJson {
  cluster: { source: string; embedded: boolean };
  kubernetes: { version: string };
  diagnostics: Diagnostic[];
  suppressed: Diagnostic[];
}

function run(cwd: string, args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(cwd: string, args: string[], input = ''): { out: CheckJson; status: number | null; stderr: string } {
  const r = run(cwd, ['check', ...args, '--format', 'json'], input);
  assert.ok(r.stdout, r.stderr);
  return { out: JSON.parse(r.stdout) as CheckJson, status: r.status, stderr: r.stderr };
}

const codes = (d: Diagnostic[]) => d.map((x) => x.code);
const suppressedBy = (d: Diagnostic[]) => d.map((x) => `${x.code} ${x.suppressedBy}`);

/** lint/selector-missing (error) on the `- maxSkew` line (0-based 13); an ignore comment can go there or above. */
function selectorMissing(opts: { name?: string; onConstraint?: string; annotation?: string } = {}): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${opts.name ?? 'db'}
${opts.annotation ? `  annotations:\n    kube-spread.dev/ignore: "${opts.annotation}"\n` : ''}spec:
  replicas: 3
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      topologySpreadConstraints:
        - maxSkew: 1${opts.onConstraint ? `   ${opts.onConstraint}` : ''}
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
      containers:
        - name: db
          image: postgres
`;
}

/** lint/no-constraints (information) only. */
const UNSPREAD = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: plain
spec:
  replicas: 3
  selector:
    matchLabels: {app: plain}
  template:
    metadata:
      labels: {app: plain}
    spec:
      containers:
        - name: app
          image: busybox
`;

describe('CLI: suppression and the project file', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ks-suppress-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (rel: string, text: string) => {
    mkdirSync(resolve(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };

  describe('ignore comments and the annotation', () => {
    it('a suppressed error no longer fails the check; it is counted in the text and listed in JSON', () => {
      write('db.yaml', selectorMissing());
      assert.equal(run(dir, ['check', 'db.yaml']).status, 1);
      write('db.yaml', selectorMissing({ onConstraint: '# kube-spread-ignore lint/selector-missing -- counted by hand' }));
      const text = run(dir, ['check', 'db.yaml']);
      assert.equal(text.status, 0, text.stdout);
      assert.equal(text.stdout.trim().split('\n').pop(), '1 file(s), 1 document(s): 0 error(s), 0 other finding(s), 1 suppressed');
      const { out, status } = json(dir, ['db.yaml']);
      assert.equal(status, 0);
      assert.deepEqual(out.diagnostics, []);
      assert.deepEqual(suppressedBy(out.suppressed), ['lint/selector-missing comment']);
      assert.equal(out.suppressed[0].file, 'db.yaml');
      assert.equal(out.suppressed[0].severity, 'error');
      assert.equal(out.suppressed[0].range.start.line, 13);
    });

    it('the annotation suppresses its object only; a stale ignore is a hint', () => {
      const { out } = json(dir, ['-'], `${selectorMissing({ annotation: 'lint/selector-missing' })}---\n${selectorMissing({ name: 'two', onConstraint: '# kube-spread-ignore lint/no-constraints' })}`);
      assert.deepEqual(codes(out.diagnostics), ['lint/selector-missing', 'lint/unused-suppression']);
      assert.deepEqual(suppressedBy(out.suppressed), ['lint/selector-missing annotation']);
    });

    it('without any suppression, JSON has an empty suppressed list and the summary is unchanged', () => {
      const r = run(dir, ['check', '-'], UNSPREAD);
      assert.equal(r.stdout.trim().split('\n').pop(), '1 file(s), 1 document(s): 0 error(s), 1 other finding(s)');
      assert.deepEqual(json(dir, ['-'], UNSPREAD).out.suppressed, []);
    });

    it('SARIF keeps suppressed findings as results with suppressions (inSource, external)', () => {
      write('.kube-spread.yaml', 'disable: [lint/no-constraints]\n');
      write('m.yaml', `${selectorMissing({ onConstraint: '# kube-spread-ignore lint/selector-missing' })}---\n${UNSPREAD}`);
      const r = run(dir, ['check', 'm.yaml', '--format', 'sarif']);
      assert.equal(r.status, 0, r.stderr);
      const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; suppressions?: { kind: string }[] }[] }[] };
      assertValidSarif(log);
      assert.deepEqual(log.runs[0].results.map((x) => [x.ruleId, x.suppressions?.[0].kind]), [
        ['lint/selector-missing', 'inSource'], ['lint/no-constraints', 'external'],
      ]);
    });
  });

  describe('--fail-on', () => {
    it('exit 1 when a finding at the level or above remains (default error)', () => {
      write('plain.yaml', UNSPREAD); // one information finding
      assert.equal(run(dir, ['check', 'plain.yaml']).status, 0);
      assert.equal(run(dir, ['check', 'plain.yaml', '--fail-on', 'warning']).status, 0);
      assert.equal(run(dir, ['check', 'plain.yaml', '--fail-on', 'information']).status, 1);
      assert.equal(run(dir, ['check', 'plain.yaml', '--fail-on', 'hint']).status, 1);
    });

    it('a level that does not exist is a usage error', () => {
      const r = run(dir, ['check', '-', '--fail-on', 'warn'], UNSPREAD);
      assert.equal(r.status, 2);
      assert.equal(r.stderr, 'kube-spread: --fail-on must be one of error, warning, information, hint\n');
    });

    it("the project file's failOn is the default; the flag wins", () => {
      write('.kube-spread.yaml', 'failOn: information\n');
      write('plain.yaml', UNSPREAD);
      assert.equal(run(dir, ['check', 'plain.yaml']).status, 1);
      assert.equal(run(dir, ['check', 'plain.yaml', '--fail-on', 'error']).status, 0);
    });
  });

  describe('the project file', () => {
    it('found walking up from the file: disabled codes, severities, cluster relative to it, version', () => {
      copyFileSync(LAB, join(dir, 'lab.yaml'));
      write('.kube-spread.yaml', 'disable: [lint/no-constraints]\nseverity:\n  lint/*: warning\ncluster: lab.yaml\nkubernetesVersion: "1.31"\n');
      write('deploy/app/m.yaml', `${selectorMissing()}---\n${UNSPREAD}`);
      for (const cwd of [dir, join(dir, 'deploy'), tmpdir()]) {
        const input = cwd === tmpdir() ? join(dir, 'deploy') : cwd === dir ? 'deploy' : 'app/m.yaml';
        const { out, status } = json(cwd, [input]);
        assert.equal(status, 0, cwd); // selector-missing is a warning now
        // spread/topology-key-partial: the lab cluster's edge-1 has no zone label (the project's cluster is in use).
        assert.deepEqual(out.diagnostics.map((d) => `${d.code} ${d.severity}`), ['lint/selector-missing warning', 'spread/topology-key-partial warning'], cwd);
        assert.deepEqual(suppressedBy(out.suppressed), ['lint/no-constraints project'], cwd);
        assert.equal(out.cluster.embedded, false);
        assert.match(out.cluster.source, /lab\.yaml$/);
        assert.equal(out.kubernetes.version, '1.31');
      }
      // Relative to the working directory when inside it.
      assert.equal(json(dir, ['deploy']).out.cluster.source, 'lab.yaml');
    });

    it('flags win over it', () => {
      write('.kube-spread.yaml', `cluster: ${LAB}\nkubernetesVersion: "1.31"\n`);
      write('plain.yaml', UNSPREAD);
      const { out } = json(dir, ['plain.yaml', '--cluster', LAB, '--k8s-version', '1.33']);
      assert.equal(out.kubernetes.version, '1.33');
      assert.equal(out.cluster.source, LAB);
      const fromProject = json(dir, ['plain.yaml']).out;
      assert.equal(fromProject.kubernetes.version, '1.31');
      assert.equal(fromProject.cluster.source, LAB); // outside the working directory: absolute
    });

    it('the nearest one applies to each file; they are not merged', () => {
      write('.kube-spread.yaml', 'disable: [lint/no-constraints]\n');
      write('team/.kube-spread.yaml', 'severity: {lint/no-constraints: warning}\n');
      write('top.yaml', UNSPREAD);
      write('team/own.yaml', UNSPREAD);
      const { out } = json(dir, ['.']);
      assert.deepEqual(out.diagnostics.map((d) => `${d.file} ${d.code} ${d.severity}`), ['team/own.yaml lint/no-constraints warning']);
      assert.deepEqual(out.suppressed.map((d) => `${d.file} ${d.code}`), ['top.yaml lint/no-constraints']);
    });

    it('--config FILE applies to every input instead', () => {
      write('team/.kube-spread.yaml', 'severity: {lint/no-constraints: warning}\n');
      write('team/own.yaml', UNSPREAD);
      write('elsewhere/rules.yaml', 'disable: [lint/*]\n');
      const { out } = json(dir, ['team', '--config', 'elsewhere/rules.yaml']);
      assert.deepEqual(out.diagnostics, []);
      assert.deepEqual(suppressedBy(out.suppressed), ['lint/no-constraints project']);
    });

    it('errors: exit 2, each at file:line:col; a warning (unknown code) is printed and the check goes on', () => {
      write('.kube-spread.yaml', 'disable: ["*"]\nseverity:\n  lint/no-constraints: loud\n');
      write('plain.yaml', UNSPREAD);
      const bad = run(dir, ['check', 'plain.yaml']);
      assert.equal(bad.status, 2);
      assert.equal(bad.stdout, '');
      const file = join(dir, '.kube-spread.yaml');
      assert.equal(bad.stderr, [
        `kube-spread: ${file}:1:11: disable[0]: "*" is not accepted: name codes, or a whole group as lint/* (groups: yaml, schema, api, lint, spread)`,
        `kube-spread: ${file}:3:24: severity.lint/no-constraints: must be one of error, warning, information, hint (got "loud")`,
        '',
      ].join('\n'));
      write('.kube-spread.yaml', 'disable: [lint/no-constraint]\n');
      const warned = run(dir, ['check', 'plain.yaml']);
      assert.equal(warned.status, 0);
      assert.equal(warned.stderr, `kube-spread: warning: ${file}:1:11: disable[0]: "lint/no-constraint" is not a kube-spread finding code (did you mean lint/no-constraints?)\n`);
      const missing = run(dir, ['check', 'plain.yaml', '--config', 'nope.yaml']);
      assert.equal(missing.status, 2);
      assert.equal(missing.stderr, 'kube-spread: nope.yaml:1:1: cannot read the project file: no such file\n');
    });

    it('explain and simulate take their cluster and version from it too', () => {
      copyFileSync(LAB, join(dir, 'lab.yaml'));
      write('.kube-spread.yaml', 'cluster: lab.yaml\nkubernetesVersion: "1.32"\n');
      write('plain.yaml', UNSPREAD);
      for (const cmd of ['explain', 'simulate']) {
        const r = run(dir, [cmd, 'plain.yaml', '--format', 'json']);
        const out = JSON.parse(r.stdout) as { cluster: { source: string }; kubernetes: { version: string } };
        assert.equal(out.cluster.source, 'lab.yaml', cmd);
        assert.equal(out.kubernetes.version, '1.32', cmd);
      }
    });
  });
});
