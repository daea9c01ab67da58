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
import { LspClient } from './client';
import { DiagnosticsProgressNotification, type DiagnosticsProgress } from '../../server/src/protocol';
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

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];
type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
const rangeText = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

describe('language server: staged first analysis on a big cluster', function () {
  this.timeout(180000);
  let ws = '';
  let client: LspClient | undefined;

  before(() => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
    ws = mkdtempSync(join(tmpdir(), 'kube-spread-staged-'));
    writeFileSync(join(ws, 'cluster.yaml'), FIXTURE);
    writeFileSync(join(ws, 'app.yaml'), MANIFEST);
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
    const final = c.diagnostics.filter((d) => d.uri === uri && d.version === 1).at(-1)!;
    const editor = final.diagnostics.map((d) => `${rangeText(d.range)} ${String(d.code)} ${SEVERITY[d.severity ?? 1]} ${String(d.message)}`).sort();
    let stdout: string;
    try {
      stdout = execFileSync(process.execPath, [CLI, 'check', join(ws, 'app.yaml'), '--cluster', join(ws, 'cluster.yaml'), '--format', 'json'], { cwd: ws, encoding: 'utf8' });
    } catch (e) {
      stdout = (e as { stdout: string }).stdout; // exit 1: error findings
    }
    const cli = (JSON.parse(stdout) as { diagnostics: { code: string; severity: string; message: string; range: Range }[] }).diagnostics
      .map((d) => `${rangeText(d.range)} ${d.code} ${d.severity} ${d.message}`).sort();
    assert.deepEqual(editor, cli);

    // An edit afterwards: one publish, no progress (its documents' work is known).
    const before = progressOf().length;
    await c.change(uri, 2, MANIFEST.replace('replicas: 6', 'replicas: 5'));
    await c.diagnosticsFor(uri, 2, 60000);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(c.diagnostics.filter((d) => d.uri === uri && d.version === 2).length, 1);
    assert.equal(progressOf().length, before);
  });
});
