// An edit that arrives while a document's staged first analysis is running (lsp/features/diagnostics.ts)
// supersedes the open's later stages instead of queueing behind them, and the edited version is published
// once, complete: what the CLI's check reports for the new text. The real server over stdio, on a
// generated 3,000-node fixture with a file whose lint stage takes a while (60 Deployments).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './client';
import { DiagnosticsProgressNotification, type DiagnosticsProgress } from '../../server/src/protocol';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');

const FIXTURE = `apiVersion: kube-spread.dev/v1alpha1
kind: ClusterFixture
zones: [z-a, z-b, z-c]
nodePools:
  - name: app
    perZone: 1000
    allocatable: {cpu: "8", memory: 32Gi}
`;

function manifest(replicasOfFirst: number): string {
  const docs: string[] = [];
  for (let i = 0; i < 60; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: w${i}}
spec:
  replicas: ${i === 0 ? replicasOfFirst : 3}
  selector: {matchLabels: {app: w${i}}}
  template:
    metadata: {labels: {app: w${i}, tier: t${i % 4}}}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, minDomains: 4, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {tier: t${i % 4}}}}
      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: w${i}}}}
      containers: [{name: c, image: nginx}]
`);
  }
  return docs.join('---\n');
}

const rangeText = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

describe('language server: an edit during a staged first analysis', function () {
  this.timeout(300000);
  let ws = '';
  let client: LspClient | undefined;

  before(() => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
    ws = mkdtempSync(join(tmpdir(), 'kube-spread-supersede-'));
    writeFileSync(join(ws, 'cluster.yaml'), FIXTURE);
    writeFileSync(join(ws, 'app.yaml'), manifest(5));
  });
  after(async () => {
    if (client) await client.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('supersedes the open\'s later stages; the edited version is published once, complete', async () => {
    client = await LspClient.start({ root: ws, settings: { fixture: join(ws, 'cluster.yaml') } });
    const c = client;
    const uri = pathToFileURL(join(ws, 'app.yaml')).href;
    const progressOf = () => c.notifications.filter((n) => n.method === DiagnosticsProgressNotification).map((n) => n.params as DiagnosticsProgress);
    await c.open(uri, manifest(5), 1);
    // The edit is sent when stage 1 is on screen: it reaches the server while the lint stage runs.
    await c.waitFor('stage 1', () => progressOf().some((p) => p.uri === uri && p.version === 1 && p.done === 1), 120000);
    const edited = manifest(7);
    await c.change(uri, 2, edited);
    const v2 = await c.diagnosticsFor(uri, 2, 120000);
    await new Promise((r) => setTimeout(r, 500));

    // The open's spread stage never ran (it would have published version 1 a third time, with progress 3 of 3).
    assert.ok(!progressOf().some((p) => p.uri === uri && p.version === 1 && p.done === 3), JSON.stringify(progressOf()));
    // Version 2: one publish, no stages, every finding of the new text.
    assert.equal(c.diagnostics.filter((d) => d.uri === uri && d.version === 2).length, 1);
    assert.ok(!progressOf().some((p) => p.uri === uri && p.version === 2));
    writeFileSync(join(ws, 'app.yaml'), edited);
    let stdout: string;
    try {
      stdout = execFileSync(process.execPath, [CLI, 'check', join(ws, 'app.yaml'), '--cluster', join(ws, 'cluster.yaml'), '--format', 'json'], { cwd: ws, encoding: 'utf8' });
    } catch (e) {
      stdout = (e as { stdout: string }).stdout; // exit 1: error findings
    }
    const cli = (JSON.parse(stdout) as { diagnostics: { code: string; severity: string; message: string; range: Parameters<typeof rangeText>[0] }[] }).diagnostics
      .map((d) => `${rangeText(d.range)} ${d.code} ${d.severity} ${d.message}`).sort();
    const editor = v2.diagnostics.map((d) => `${rangeText(d.range)} ${String(d.code)} ${SEVERITY[d.severity ?? 1]} ${String(d.message)}`).sort();
    assert.ok(cli.some((x) => x.includes(' spread/')), 'the file has spread findings');
    assert.deepEqual(editor, cli);
  });
});
