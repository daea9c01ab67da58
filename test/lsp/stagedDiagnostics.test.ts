// On a cluster of STAGED_MIN_NODES nodes or more, a document's first analysis is published in stages
// (syntax/schema/API, then + lint, then + spread) with kubeSpread/diagnosticsProgress after each; the
// last publish is exactly what the CLI reports (as test/lsp/parity.test.ts holds for single publishes),
// and an edit afterwards publishes once. The real server over stdio, on a generated 1,200-node fixture.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { LspClient } from './client';
import { DiagnosticsProgressNotification, VisibleRangesNotification, type DiagnosticsProgress } from '../../server/src/protocol';
import { STAGED_MIN_NODES } from '../../server/src/lsp/features/diagnostics';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const PER_ZONE = 400;

const FIXTURE = `apiVersion: kube-spread.dev/v1alpha1
kind: ClusterFixture
zones: [z-a, z-b, z-c]
nodePools:
  - name: app
    perZone: ${PER_ZONE}
    allocatable: {cpu: "8", memory: 32Gi}
`;

// A schema mistake (an unknown field), a lint finding (a bare "zone" topology key no node has) and
// spread findings (minDomains 4 with 3 zones leaves replicas Pending).
const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 6
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, minDomains: 4, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
      - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
      containers:
      - name: web
        image: nginx
        imagePolicy: Always
`;

/** Twelve workloads of 16 lines each (document i on lines 16i..16i+15), each with replicas left Pending (spread/pending) by minDomains 4 on 3 zones. */
const WORKLOADS = 12;
const MANY = Array.from({ length: WORKLOADS }, (_, i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
  replicas: 5
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, minDomains: 4, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: app-${i}}}}
      containers: [{name: c, image: nginx}]
`).join('---\n');
const documentAt = (line: number) => Math.floor(line / 16);

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];
type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
const rangeText = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

describe('language server: staged first analysis on a big cluster', function () {
  this.timeout(180000);
  let ws = '';
  let client: LspClient | undefined;

  /** The editor's diagnostics are what `kube-spread check FILE` reports, finding for finding. */
  function assertCliFindings(diagnostics: Diagnostic[], file: string): void {
    const editor = diagnostics.map((d) => `${rangeText(d.range)} ${String(d.code)} ${SEVERITY[d.severity ?? 1]} ${String(d.message)}`).sort();
    let stdout: string;
    try {
      stdout = execFileSync(process.execPath, [CLI, 'check', join(ws, file), '--cluster', join(ws, 'cluster.yaml'), '--format', 'json'], { cwd: ws, encoding: 'utf8' });
    } catch (e) {
      stdout = (e as { stdout: string }).stdout; // exit 1: error findings
    }
    const cli = (JSON.parse(stdout) as { diagnostics: { code: string; severity: string; message: string; range: Range }[] }).diagnostics
      .map((d) => `${rangeText(d.range)} ${d.code} ${d.severity} ${d.message}`).sort();
    assert.deepEqual(editor, cli);
  }

  before(() => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
    ws = mkdtempSync(join(tmpdir(), 'kube-spread-staged-'));
    writeFileSync(join(ws, 'cluster.yaml'), FIXTURE);
    writeFileSync(join(ws, 'app.yaml'), MANIFEST);
    writeFileSync(join(ws, 'many.yaml'), MANY);
  });
  after(async () => {
    if (client) await client.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('publishes syntax/schema/API, then lint, then spread; the last publish is what the CLI reports', async () => {
    assert.ok(3 * PER_ZONE >= STAGED_MIN_NODES, 'the fixture must be big enough to be staged');
    client = await LspClient.start({ root: ws, settings: { fixture: join(ws, 'cluster.yaml') } });
    const c = client;
    const uri = pathToFileURL(join(ws, 'app.yaml')).href;
    await c.open(uri, MANIFEST, 1);
    const progressOf = () => c.notifications.filter((n) => n.method === DiagnosticsProgressNotification).map((n) => n.params as DiagnosticsProgress);
    await c.waitFor('complete progress', () => progressOf().some((p) => p.uri === uri && p.version === 1 && p.done === p.total), 120000);

    const progress = progressOf().filter((p) => p.uri === uri && p.version === 1);
    assert.deepEqual(progress.map((p) => [p.done, p.total, p.pending]), [[1, 3, 'lint findings'], [2, 3, 'spread findings'], [3, 3, undefined]]);
    const publishes = c.diagnostics.filter((d) => d.uri === uri && d.version === 1).map((d) => d.diagnostics.map((x) => String(x.code)));
    assert.equal(publishes.length, 3);
    const [first, second, last] = publishes;
    assert.ok(first.some((x) => x.startsWith('schema/')) && !first.some((x) => /^(lint|spread)\//.test(x)), `stage 1: ${first.join(', ')}`);
    // (Some lint rules report spread/ codes, e.g. spread/topology-key-missing: what stage 3 adds is the simulation's.)
    assert.ok(second.some((x) => x.startsWith('lint/')), `stage 2: ${second.join(', ')}`);
    assert.ok(last.some((x) => x.startsWith('spread/') && !second.includes(x)), `stage 3: ${last.join(', ')}`);
    // Each stage adds to the one before (nothing published early disappears).
    for (const x of second) assert.ok(last.includes(x), x);
    for (const x of first) assert.ok(second.includes(x), x);

    // The final publish is the CLI's check, finding for finding.
    assertCliFindings(c.diagnostics.filter((d) => d.uri === uri && d.version === 1).at(-1)!.diagnostics, 'app.yaml');

    // An edit afterwards: one publish, no progress (its documents' work is known).
    const before = progressOf().length;
    await c.change(uri, 2, MANIFEST.replace('replicas: 6', 'replicas: 5'));
    await c.diagnosticsFor(uri, 2, 60000);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(c.diagnostics.filter((d) => d.uri === uri && d.version === 2).length, 1);
    assert.equal(progressOf().length, before);
  });

  it('publishes the spread findings of the workloads on screen first, then the others in growing parts', async () => {
    const c = client!;
    const uri = pathToFileURL(join(ws, 'many.yaml')).href;
    await c.open(uri, MANY, 1);
    // The editor shows documents 8 and 9 (lines 128-159).
    await c.conn.sendNotification(VisibleRangesNotification, { uri, ranges: [{ start: 130, end: 150 }] });
    const progressOf = () => c.notifications.filter((n) => n.method === DiagnosticsProgressNotification).map((n) => n.params as DiagnosticsProgress).filter((p) => p.uri === uri && p.version === 1);
    await c.waitFor('complete progress', () => progressOf().some((p) => p.done === p.total), 120000);

    // Parts: on screen 2, then 4 (7, 10, 6, 11), then the remaining 6.
    assert.deepEqual(progressOf().map((p) => [p.done, p.total, p.pending]), [
      [1, 3, 'lint findings'], [2, 3, 'spread findings'],
      [2, 3, 'spread findings of 10 more workloads'], [2, 3, 'spread findings of 6 more workloads'], [3, 3, undefined],
    ]);
    const publishes = c.diagnostics.filter((d) => d.uri === uri && d.version === 1);
    assert.equal(publishes.length, 5);
    const pendingIn = (i: number) => [...new Set(publishes[i].diagnostics.filter((d) => d.code === 'spread/pending').map((d) => documentAt(d.range.start.line)))].sort((a, b) => a - b);
    assert.deepEqual(pendingIn(1), [], 'no simulation before the spread stage');
    assert.deepEqual(pendingIn(2), [8, 9], 'the workloads on screen first');
    assert.deepEqual(pendingIn(3), [6, 7, 8, 9, 10, 11]);
    assert.deepEqual(pendingIn(4), [...Array(WORKLOADS).keys()]);
    // Nothing published early disappears later.
    const text = (d: Diagnostic) => `${rangeText(d.range)} ${String(d.code)} ${String(d.message)}`;
    for (let i = 1; i < publishes.length; i++) {
      const later = new Set(publishes[i].diagnostics.map(text));
      for (const d of publishes[i - 1].diagnostics) assert.ok(later.has(text(d)), `publish ${i + 1} dropped ${text(d)}`);
    }
    assertCliFindings(publishes[4].diagnostics, 'many.yaml');
  });
});
