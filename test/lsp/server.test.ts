// The language server skeleton over real stdio: lifecycle, document sync, debounced diagnostics,
// commands and fixture handling. Runs the built dist/server.js (rebuilt once here so the test sees
// the current sources); assertions hold for the stub analysis and for the real one.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServer, LspClient } from './client';
import { DEBOUNCE_MS } from '../../server/src/lsp/features/diagnostics';

const NODES = (n: number) => ['apiVersion: v1', 'kind: List', 'items:', ...Array.from({ length: n }, (_, i) => [
  '- apiVersion: v1', '  kind: Node', `  metadata: {name: node-${i}, labels: {kubernetes.io/hostname: node-${i}, topology.kubernetes.io/zone: zone-${i % 3}}}`,
  '  status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}',
]).flat()].join('\n') + '\n';

const BROKEN_YAML = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n   bad: [\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {app: a}\nspec:\n  containers: [{name: c, image: nginx}]\n';

interface Status { source: string; embedded: boolean; nodes: number; pods: number; error?: string }

describe('language server (stdio)', function () {
  this.timeout(20000);
  let ws: string;
  const clients: LspClient[] = [];
  const start = async (o: Parameters<typeof LspClient.start>[0] = {}) => {
    const c = await LspClient.start({ root: ws, ...o });
    clients.push(c);
    return c;
  };

  before(() => {
    buildServer();
    ws = mkdtempSync(join(tmpdir(), 'kube-spread-lsp-'));
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) if (c.proc.exitCode === null) c.proc.kill();
  });
  after(() => ws && rmSync(ws, { recursive: true, force: true }));

  it('initializes with incremental sync, hover and the server commands', async () => {
    const c = await start();
    const caps = c.initializeResult.capabilities;
    assert.equal(caps.textDocumentSync, 2);
    assert.equal(caps.hoverProvider, true);
    for (const cmd of ['kubeSpread.server.simulate', 'kubeSpread.server.fixtureStatus']) assert.ok(caps.executeCommandProvider?.commands.includes(cmd), cmd);
    assert.equal(await c.stop(), 0);
  });

  it('publishes diagnostics for the opened version, then for the changed one', async () => {
    const c = await start();
    const uri = pathToFileURL(join(ws, 'pod.yaml')).href;
    await c.open(uri, BROKEN_YAML, 1);
    const d1 = await c.diagnosticsFor(uri, 1);
    const yamlErr = d1.diagnostics.find((d) => String(d.code).startsWith('yaml/'));
    assert.ok(yamlErr, JSON.stringify(d1.diagnostics));
    assert.equal(yamlErr.source, 'kube-spread');
    assert.equal(yamlErr.severity, 1);
    await c.change(uri, 2, POD);
    const d2 = await c.diagnosticsFor(uri, 2);
    assert.ok(!d2.diagnostics.some((d) => String(d.code).startsWith('yaml/')), JSON.stringify(d2.diagnostics));
    await c.close(uri);
    await c.waitFor('cleared diagnostics', () => c.diagnostics.at(-1)?.uri === uri && c.diagnostics.at(-1)?.diagnostics.length === 0);
    assert.equal(await c.stop(), 0);
  });

  it('debounces a burst of edits: only the newest version is analysed', async () => {
    const c = await start();
    const uri = 'untitled:Untitled-1';
    await c.open(uri, POD, 1);
    await c.diagnosticsFor(uri, 1);
    // The burst is written in one go (no await between edits), so the server reads it as a burst
    // even on a loaded machine.
    const sent: Promise<void>[] = [];
    for (let v = 2; v <= 12; v++) sent.push(c.change(uri, v, v % 2 ? BROKEN_YAML : POD));
    await Promise.all(sent);
    const last = await c.diagnosticsFor(uri, 12);
    assert.ok(!last.diagnostics.some((d) => String(d.code).startsWith('yaml/')));
    await new Promise((r) => setTimeout(r, 400));
    const versions = c.diagnostics.filter((d) => d.uri === uri).map((d) => d.version);
    // The burst's first edit found the document idle and may have been analysed at once (leading
    // edge); the rest waited for the burst to end, so 12 is the only other version published. (A
    // server without the debounce publishes every version.)
    assert.equal(versions[0], 1);
    assert.equal(versions.at(-1), 12);
    assert.ok(versions.every((v, i) => i === 0 || (v ?? 0) > (versions[i - 1] ?? 0)), `published ${versions.join(', ')}`);
    assert.ok(versions.length <= 3, `published ${versions.join(', ')}`);
    assert.equal(await c.stop(), 0);
  });

  it('analyses an edit after a quiet period at once (no debounce)', async () => {
    const c = await start();
    const uri = 'untitled:Untitled-1';
    await c.open(uri, POD, 1);
    await c.diagnosticsFor(uri, 1);
    await new Promise((r) => setTimeout(r, 50));
    // Waiting for the diagnostics of several lone edits: with a trailing debounce each would take
    // DEBOUNCE_MS at least; the fastest of three shows the leading edge without timing flakiness.
    const lags: number[] = [];
    for (let v = 2; v <= 4; v++) {
      const t0 = Date.now();
      await c.change(uri, v, v % 2 ? BROKEN_YAML : POD);
      await c.diagnosticsFor(uri, v);
      lags.push(Date.now() - t0);
    }
    assert.ok(Math.min(...lags) < DEBOUNCE_MS, `lags ${lags.join(', ')} ms`);
    assert.deepEqual(c.diagnostics.filter((d) => d.uri === uri).map((d) => d.version), [1, 2, 3, 4]);
    assert.equal(await c.stop(), 0);
  });

  it('reports the embedded sample as the fixture by default', async () => {
    const c = await start();
    const pushed = await c.notification<Status>('kubeSpread/fixtureStatus');
    assert.equal(pushed.embedded, true);
    const asked = await c.executeCommand<Status>('kubeSpread.server.fixtureStatus');
    assert.deepEqual(asked, pushed);
    assert.equal(asked.error, undefined);
    assert.equal(await c.stop(), 0);
  });

  it('loads the configured fixture, keeps the last good one on failure and reloads on file change', async () => {
    writeFileSync(join(ws, 'cluster.yaml'), NODES(9));
    const c = await start({ settings: { fixture: 'cluster.yaml' } });
    let s = await c.notification<Status>('kubeSpread/fixtureStatus', (p) => !p.embedded);
    assert.equal(s.source, 'cluster.yaml');
    assert.equal(s.nodes, 9);
    assert.equal(s.error, undefined);

    writeFileSync(join(ws, 'cluster.yaml'), 'kind: List\nitems: [\n');
    s = await c.notification<Status>('kubeSpread/fixtureStatus', (p) => !!p.error);
    assert.equal(s.nodes, 9, 'last good fixture still in use');
    assert.ok(!s.error!.includes('\n'));

    writeFileSync(join(ws, 'cluster.yaml'), NODES(4));
    s = await c.notification<Status>('kubeSpread/fixtureStatus', (p) => p.nodes === 4);
    assert.equal(s.error, undefined);

    await c.setSettings({ fixture: '' });
    s = await c.notification<Status>('kubeSpread/fixtureStatus', (p) => p.embedded && c.notifications.length > 3);
    assert.equal(s.error, undefined);
    assert.equal(await c.stop(), 0);
  });

  it('refuses a fixture outside the workspace in restricted mode', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'kube-spread-outside-'));
    try {
      writeFileSync(join(outside, 'cluster.yaml'), NODES(3));
      const c = await start({ trusted: false, settings: { fixture: join(outside, 'cluster.yaml') } });
      const s = await c.notification<Status>('kubeSpread/fixtureStatus', (p) => !!p.error);
      assert.match(s.error!, /restricted/i);
      assert.equal(s.embedded, true);
      await c.stop();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('answers simulate with the result or a one-line error, and rejects unknown documents', async () => {
    const c = await start();
    await assert.rejects(c.executeCommand('kubeSpread.server.simulate', { uri: 'file:///nope.yaml' }), /not open/);
    const uri = pathToFileURL(join(ws, 'pod.yaml')).href;
    await c.open(uri, POD, 1);
    try {
      const r = await c.executeCommand<{ placements: unknown[]; pending: unknown[]; nodes: unknown[] }>('kubeSpread.server.simulate', { uri, replicas: 2 });
      assert.ok(Array.isArray(r.placements) && Array.isArray(r.pending) && Array.isArray(r.nodes));
    } catch (e) {
      assert.ok(!(e as Error).message.includes('\n'), (e as Error).message); // stub: "needs the analysis module"
    }
    assert.equal(await c.stop(), 0);
  });

  it('answers hover without failing outside topologySpreadConstraints', async () => {
    const c = await start();
    const uri = 'untitled:Untitled-2';
    await c.open(uri, POD, 1);
    assert.equal(await c.hover(uri, 0, 3), null);
    assert.equal(await c.stop(), 0);
  });

  describe('with the analysis layer', () => {
    const web = readFileSync(resolve(__dirname, '../e2e/workspace/web.yaml'), 'utf8');
    const skewZero = readFileSync(resolve(__dirname, '../e2e/workspace/skew-zero.yaml'), 'utf8');

    it('reports api/ findings as diagnostics and honours kubeSpread.findings.api', async () => {
      const c = await start();
      const uri = pathToFileURL(join(ws, 'skew-zero.yaml')).href;
      await c.open(uri, skewZero, 1);
      const d = await c.diagnosticsFor(uri, 1);
      const api = d.diagnostics.filter((x) => String(x.code).startsWith('api/'));
      assert.ok(api.some((x) => x.range.start.line === 16), JSON.stringify(d.diagnostics));
      await c.setSettings({ findings: { api: false } });
      await c.waitFor('diagnostics without api/', () => c.diagnostics.filter((x) => x.uri === uri).length > 1);
      assert.ok(!c.diagnostics.at(-1)!.diagnostics.some((x) => String(x.code).startsWith('api/')));
      assert.equal(await c.stop(), 0);
    });

    it('simulates the workload on the configured fixture, with every node for the picture', async () => {
      writeFileSync(join(ws, 'cluster.yaml'), NODES(9));
      const c = await start({ settings: { fixture: 'cluster.yaml' } });
      await c.notification<Status>('kubeSpread/fixtureStatus', (p) => p.nodes === 9);
      const uri = pathToFileURL(join(ws, 'web.yaml')).href;
      await c.open(uri, web, 1);
      const r = await c.executeCommand<{ placements: { node: string }[]; pending: unknown[]; nodes: unknown[]; distribution: Record<string, Record<string, number>> }>(
        'kubeSpread.server.simulate', { uri, position: { line: 18, character: 10 } });
      assert.equal(r.placements.length, 6);
      assert.equal(r.pending.length, 0);
      assert.equal(r.nodes.length, 9);
      assert.deepEqual(r.distribution['topology.kubernetes.io/zone'], { 'zone-0': 2, 'zone-1': 2, 'zone-2': 2 });
      const more = await c.executeCommand<{ placements: unknown[] }>('kubeSpread.server.simulate', { uri, replicas: 2 });
      assert.equal(more.placements.length, 2);
      assert.equal(await c.stop(), 0);
    });

    it('hovers a spread constraint with its domains', async () => {
      const c = await start();
      const uri = pathToFileURL(join(ws, 'web.yaml')).href;
      await c.open(uri, web, 1);
      const h = await c.hover(uri, 18, 12); // topologyKey: topology.kubernetes.io/zone
      const md = (h?.contents as { value: string } | undefined)?.value ?? '';
      assert.match(md, /topology\.kubernetes\.io\/zone/);
      assert.match(md, /maxSkew 1/);
      assert.equal(await c.stop(), 0);
    });
  });
});
