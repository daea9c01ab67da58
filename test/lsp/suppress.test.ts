// Suppression and the project file in the editor (the real server over stdio), held to the CLI: the
// same manifest and .kube-spread.yaml give the same findings in both, with the same ones suppressed
// (ignore comments, the kube-spread.dev/ignore annotation, the project file's disabled codes and
// severity overrides, its cluster and Kubernetes version). A project file with an error is a
// diagnostic on it and the last good one stays in use; a saved fix applies at once; settings win.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { LspClient } from './client';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const LAB = join(ROOT, 'test/fixtures/manifests/clusters/lab.yaml');
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

/** Four documents: a stale ignore comment, a code the project disables, a document-wide ignore, an annotation and a severity override. */
const MANIFEST = `# Spread over zones; edge-1 of the lab cluster has no zone label (spread/topology-key-partial).
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: partial
spec:
  replicas: 2
  selector:
    matchLabels: {app: partial}
  template:
    metadata:
      labels: {app: partial}
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone   # kube-spread-ignore lint/topology-key-typo
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels: {app: partial}
      containers:
        - name: app
          image: busybox
---
# lint/no-constraints: disabled by the project file.
apiVersion: apps/v1
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
---
# kube-spread-ignore lint/selector-missing -- the whole document
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  replicas: 3
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
      containers:
        - name: db
          image: postgres
---
# lint/selector-not-self: an error, made a warning by the project file; spread/* ignored by the annotation.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    kube-spread.dev/ignore: "spread/*"
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector:
            matchLabels:
              app: api
          matchLabelKeys: [pod-template-hash]
      containers:
        - name: web
          image: nginx
`;

const PROJECT = `disable: [lint/no-constraints]
severity:
  lint/selector-not-self: warning
cluster: clusters/lab.yaml
kubernetesVersion: "1.37"
`;

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
const rangeText = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const key = (x: { code: string; severity: string; message: string; range: Range }) => `${rangeText(x.range)} ${x.code} ${x.severity} ${x.message}`;
const editorKeys = (p: PublishDiagnosticsParams) => p.diagnostics
  .map((d: Diagnostic) => key({ code: String(d.code), severity: SEVERITY[d.severity ?? 1], message: String(d.message), range: d.range })).sort();

interface CliOut {
  diagnostics: { code: string; severity: string; message: string; range: Range }[];
  suppressed: { code: string; suppressedBy: string }[];
  kubernetes: { version: string };
}

function cli(cwd: string, file: string): CliOut {
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, [CLI, 'check', file, '--format', 'json'], { cwd, encoding: 'utf8' });
  } catch (e) {
    stdout = (e as { stdout: string }).stdout; // exit 1: a finding at the failOn level
  }
  return JSON.parse(stdout) as CliOut;
}

interface Status {
  source: string;
  kubernetes?: { version: string; versionSource: string };
}

describe('LSP: suppression and the project file, as the CLI does it (stdio)', function () {
  this.timeout(120000);
  let ws: string;
  let manifest: string;
  let uri: string;
  let client: LspClient | undefined;

  before(() => {
    // The CLI and the server from the same sources.
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
  });
  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'ks-lsp-suppress-'));
    mkdirSync(join(ws, 'clusters'));
    mkdirSync(join(ws, 'app'));
    copyFileSync(LAB, join(ws, 'clusters/lab.yaml'));
    writeFileSync(join(ws, '.kube-spread.yaml'), PROJECT);
    manifest = join(ws, 'app/web.yaml');
    writeFileSync(manifest, MANIFEST);
    uri = pathToFileURL(manifest).href;
  });
  afterEach(async () => {
    if (client) await client.stop();
    client = undefined;
    rmSync(ws, { recursive: true, force: true });
  });

  /** The next diagnostics for `u` published after index `from` that satisfy pred. */
  async function next(c: LspClient, u: string, from: number, pred: (p: PublishDiagnosticsParams) => boolean, what: string): Promise<PublishDiagnosticsParams> {
    const find = () => c.diagnostics.slice(from).find((d) => d.uri === u && pred(d));
    await c.waitFor(what, () => !!find(), 15000);
    return find()!;
  }

  it('the same file and project file give the same findings and the same suppressions as the CLI', async () => {
    client = await LspClient.start({ root: ws });
    await client.notification<Status>('kubeSpread/fixtureStatus', (s) => s.source === 'clusters/lab.yaml' && s.kubernetes?.version === '1.37', 15000);
    await client.open(uri, readFileSync(manifest, 'utf8'), 1);
    const editor = editorKeys(await client.diagnosticsFor(uri, 1, 30000));
    const out = cli(ws, 'app/web.yaml');
    assert.equal(out.kubernetes.version, '1.37');
    assert.deepEqual(editor, out.diagnostics.map(key).sort());
    // What both leave out, and why (the CLI lists it).
    assert.deepEqual(out.suppressed.map((s) => `${s.code} ${s.suppressedBy}`), [
      'lint/no-constraints project', 'lint/selector-missing comment', 'spread/topology-key-partial annotation',
    ]);
    assert.deepEqual(out.diagnostics.map((d) => `${d.code} ${d.severity}`).sort(), [
      'lint/selector-not-self warning', 'lint/unused-suppression hint', 'spread/topology-key-partial warning', 'spread/topology-key-partial warning',
    ]);
  });

  it('a project file with an error is a diagnostic on it and the last good one stays in use; a saved fix applies at once', async () => {
    client = await LspClient.start({ root: ws });
    await client.open(uri, readFileSync(manifest, 'utf8'), 1);
    const first = await client.diagnosticsFor(uri, 1, 30000);
    assert.ok(!first.diagnostics.some((d) => d.code === 'lint/no-constraints'));

    const projectUri = pathToFileURL(join(ws, '.kube-spread.yaml')).href;
    let from = client.diagnostics.length;
    writeFileSync(join(ws, '.kube-spread.yaml'), `${PROJECT}failOn: fatal\n`);
    const problems = await next(client, projectUri, from, (p) => p.diagnostics.length > 0, 'the project file problem');
    assert.deepEqual(problems.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.message]), [
      ['project-file', 1, 5, 8, 'failOn: must be one of error, warning, information, hint (got "fatal") (the last valid version of this file stays in use)'],
    ]);
    // The manifest is checked again with the last good project file: the same findings.
    const again = await next(client, uri, from, () => true, 'the manifest checked again');
    assert.deepEqual(editorKeys(again), editorKeys(first));

    from = client.diagnostics.length;
    writeFileSync(join(ws, '.kube-spread.yaml'), 'severity: {lint/no-constraints: warning}\ncluster: clusters/lab.yaml\nkubernetesVersion: "1.37"\n');
    await next(client, projectUri, from, (p) => p.diagnostics.length === 0, 'the project file problem gone');
    const fixed = await next(client, uri, from, (p) => p.diagnostics.some((d) => d.code === 'lint/no-constraints'), 'lint/no-constraints back');
    assert.deepEqual(editorKeys(fixed), cli(ws, 'app/web.yaml').diagnostics.map(key).sort());
  });

  it('a project file above the workspace folder applies (as for the CLI), except in Restricted Mode', async () => {
    writeFileSync(join(ws, '.kube-spread.yaml'), 'disable: [lint/no-constraints]\n');
    for (const trusted of [true, false]) {
      client = await LspClient.start({ root: join(ws, 'app'), trusted });
      await client.open(uri, readFileSync(manifest, 'utf8'), 1);
      const codes = (await client.diagnosticsFor(uri, 1, 30000)).diagnostics.map((d) => d.code);
      assert.equal(codes.includes('lint/no-constraints'), !trusted, `trusted: ${trusted}`);
      await client.stop();
      client = undefined;
    }
  });

  it("settings win over the project file's cluster and version", async () => {
    client = await LspClient.start({ root: ws, settings: { kubernetesVersion: '1.33', fixture: LAB } });
    const s = await client.notification<Status>('kubeSpread/fixtureStatus', (x) => x.kubernetes?.version === '1.33', 15000);
    assert.equal(s.source, LAB);
    assert.equal(s.kubernetes?.versionSource, 'setting');
    // Without settings: the project file's, and the status bar says so.
    await client.setSettings({});
    const p = await client.notification<Status>('kubeSpread/fixtureStatus', (x) => x.source === 'clusters/lab.yaml' && x.kubernetes?.version === '1.37', 15000);
    assert.equal(p.kubernetes?.versionSource, 'project');
  });
});
