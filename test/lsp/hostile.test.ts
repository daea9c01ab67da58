// The hostile table (test/unit/hostile/cases.ts) and hostile fixtures against the real built server
// over stdio: every document gets diagnostics with ranges inside it, every request is answered (a
// result or an error response) within a deadline, bad fixtures keep the last good one, and the
// process is still alive and exits cleanly at the end.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FULL, HOSTILE } from '../unit/hostile/cases';
import { rangeProblem } from '../unit/hostile/ranges';
import { buildServer, LspClient } from './client';

interface Status { source: string; embedded: boolean; nodes: number; pods: number; error?: string }

/** A request that must be answered in time: resolves to the result or the error response. */
async function answered<T>(what: string, p: Promise<T>, ms = 20000): Promise<{ ok: true; value: T } | { ok: false; error: Error }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error(`${what}: no answer in ${ms} ms`)), ms)));
  try {
    return { ok: true, value: await Promise.race([p, deadline]) };
  } catch (e) {
    if ((e as Error).message.includes('no answer in')) throw e;
    return { ok: false, error: e as Error };
  } finally {
    clearTimeout(timer);
  }
}

const NODES = (n: number) => ['apiVersion: v1', 'kind: List', 'items:', ...Array.from({ length: n }, (_, i) => [
  '- apiVersion: v1', '  kind: Node', `  metadata: {name: node-${i}, labels: {kubernetes.io/hostname: node-${i}, topology.kubernetes.io/zone: zone-${i % 3}}}`,
  '  status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}',
]).flat()].join('\n') + '\n';

describe('language server: hostile input (stdio)', function () {
  this.timeout(180000);
  let ws: string;
  const clients: LspClient[] = [];
  const start = async (o: Parameters<typeof LspClient.start>[0] = {}) => {
    const c = await LspClient.start({ root: ws, ...o });
    clients.push(c);
    return c;
  };

  before(() => {
    buildServer();
    ws = mkdtempSync(join(tmpdir(), 'kube-spread-lsp-hostile-'));
  });
  afterEach(() => {
    for (const c of clients.splice(0)) if (c.proc.exitCode === null) c.proc.kill();
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('the hostile table: diagnostics for every document, ranges inside it, requests answered, a clean exit', async () => {
    const c = await start();
    const cases = HOSTILE.filter((x) => FULL || !x.slow);
    for (const [i, hc] of cases.entries()) {
      const raw = hc.input();
      const text = typeof raw === 'string' ? raw : raw.toString('utf8');
      const uri = pathToFileURL(join(ws, `hostile-${i}.yaml`)).href;
      await c.open(uri, text, 1);
      const d = await c.diagnosticsFor(uri, 1, 60000);
      assert.equal(rangeProblem(d.diagnostics, text), undefined, hc.name);
      const codes = new Set(d.diagnostics.map((x) => String(x.code)));
      for (const want of hc.codes) assert.ok(codes.has(want), `${hc.name}: missing ${want}; got ${[...codes].join(', ')}`);
      // Requests on the hostile document: answered (a result, or an error response), never left hanging.
      const lines = text.split(/\r\n|\r|\n/);
      for (const line of [0, Math.floor(lines.length / 2), lines.length - 1]) {
        await answered(`${hc.name}: hover ${line}`, c.hover(uri, line, Math.min(3, lines[line]?.length ?? 0)));
      }
      await answered(`${hc.name}: simulate`, c.executeCommand('kubeSpread.server.simulate', { uri }));
      await c.close(uri);
      assert.equal(c.proc.exitCode, null, `${hc.name}: the server exited; stderr: ${c.stderr.slice(-1000)}`);
    }
    assert.equal(await c.stop(), 0);
  });

  it('requests with hostile parameters are answered with an error, not a crash', async () => {
    const c = await start();
    const uri = pathToFileURL(join(ws, 'p.yaml')).href;
    await c.open(uri, 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: i}]}\n', 1);
    await c.diagnosticsFor(uri, 1);
    for (const [line, character] of [[-1, 0], [0, -5], [1e9, 1e9], [0.5, 2], [Number.MAX_SAFE_INTEGER, 0]]) {
      await answered(`hover ${line}:${character}`, c.hover(uri, line, character));
    }
    await answered('hover on a closed document', c.hover('file:///never-opened.yaml', 0, 0));
    for (const args of [[], [null], [{}], [{ uri: 42 }], [{ uri, document: -1 }], [{ uri, document: 1e9 }], [{ uri, replicas: -3 }], [{ uri, replicas: 1e12 }], ['x'.repeat(100000)]]) {
      await answered(`simulate ${JSON.stringify(args).slice(0, 40)}`, c.executeCommand('kubeSpread.server.simulate', ...args));
    }
    await answered('unknown command', c.executeCommand('kubeSpread.server.nope'));
    await answered('unknown method', c.conn.sendRequest('kubeSpread/nope', { x: 1 }));
    // Edits the server cannot apply (a range past the end, a version going backwards) do not kill it.
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 99, character: 0 }, end: { line: 120, character: 5 } }, text: 'x' }] });
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 1 }, contentChanges: [{ text: 'kind: [' }] });
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.yaml', version: 5 }, contentChanges: [{ text: 'a' }] });
    await c.change(uri, 7, 'apiVersion: v1\nkind: Pod\n');
    await c.diagnosticsFor(uri, 7);
    assert.equal(c.proc.exitCode, null, c.stderr.slice(-1000));
    assert.equal(await c.stop(), 0);
  });

  it('broken, huge, deleted and rewritten fixtures: an error in the status, the last good fixture stays, nothing crashes', async () => {
    const dir = join(ws, 'fx');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cluster.yaml'), NODES(6));
    const c = await start({ settings: { fixture: 'fx/cluster.yaml' } });
    await c.notification<Status>('kubeSpread/fixtureStatus', (p) => p.nodes === 6);
    const uri = pathToFileURL(join(ws, 'w.yaml')).href;
    await c.open(uri, 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {app: a}}\nspec: {containers: [{name: c, image: i}]}\n', 1);
    await c.diagnosticsFor(uri, 1);

    const bad: [string, () => void][] = [
      ['rewritten as an alias bomb', () => writeFileSync(join(dir, 'cluster.yaml'), HOSTILE[0].input())],
      ['rewritten as binary', () => writeFileSync(join(dir, 'cluster.yaml'), HOSTILE.find((x) => x.name.startsWith('binary'))!.input())],
      ['rewritten as a recursive alias', () => writeFileSync(join(dir, 'cluster.yaml'), '&r\nkind: List\napiVersion: v1\nitems: [*r]\n')],
      ['rewritten nested 10,000 levels deep', () => writeFileSync(join(dir, 'cluster.yaml'), `a: ${'['.repeat(10000)}${']'.repeat(10000)}\n`)],
      ['deleted while in use', () => unlinkSync(join(dir, 'cluster.yaml'))],
    ];
    let seen = c.notifications.length;
    for (const [what, doIt] of bad) {
      doIt();
      const s = await c.notification<Status>('kubeSpread/fixtureStatus', (p) => c.notifications.length > seen && !!p.error, 15000)
        .catch((e: Error) => { throw new Error(`${what}: ${e.message}`); });
      seen = c.notifications.length;
      assert.equal(s.nodes, 6, `${what}: the last good fixture stays in use`);
      assert.ok(s.error && !s.error.includes('\n') && s.error.length < 400, `${what}: one clear line: ${s.error}`);
      assert.equal(c.proc.exitCode, null, `${what}: server exited`);
      writeFileSync(join(dir, 'cluster.yaml'), NODES(6));
      await c.notification<Status>('kubeSpread/fixtureStatus', (p) => c.notifications.length > seen && !p.error && p.nodes === 6, 15000);
      seen = c.notifications.length;
    }

    for (const [what, fixture] of [['a directory with no fixture files', 'fx/empty'], ['a missing file', 'fx/missing.yaml'], ['the root directory', '/']] as const) {
      if (what.startsWith('a directory')) mkdirSync(join(ws, fixture), { recursive: true });
      await c.setSettings({ fixture });
      const s = await c.notification<Status>('kubeSpread/fixtureStatus', (p) => c.notifications.length > seen && !!p.error, 30000)
        .catch((e: Error) => { throw new Error(`${what}: ${e.message}`); });
      seen = c.notifications.length;
      assert.equal(s.nodes, 6, `${what}: the last good fixture stays in use`);
      assert.ok(s.error && !s.error.includes('\n'), `${what}: ${s.error}`);
    }
    // The document is still analysed against the last good fixture.
    await c.change(uri, 2, 'apiVersion: v1\nkind: Pod\nmetadata: {name: b, labels: {app: b}}\nspec: {containers: [{name: c, image: i}]}\n');
    await c.diagnosticsFor(uri, 2, 15000);
    assert.equal(await c.stop(), 0);
  });

  it('restricted mode: a fixture outside the workspace, or reached through a symlink, is refused', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'kube-spread-outside-'));
    try {
      writeFileSync(join(outside, 'cluster.yaml'), NODES(3));
      const { symlinkSync } = await import('node:fs');
      symlinkSync(outside, join(ws, 'link-out'));
      for (const fixture of [join(outside, 'cluster.yaml'), '../' + join(outside, 'cluster.yaml').split('/').slice(-2).join('/'), 'link-out/cluster.yaml']) {
        const c = await start({ trusted: false, settings: { fixture } });
        const s = await c.notification<Status>('kubeSpread/fixtureStatus', (p) => !!p.error || !p.embedded);
        assert.ok(s.embedded && s.error, `${fixture}: ${JSON.stringify(s)}`);
        assert.equal(await c.stop(), 0);
      }
    } finally {
      rmSync(outside, { recursive: true, force: true });
      rmSync(join(ws, 'link-out'), { force: true });
    }
  });
});
