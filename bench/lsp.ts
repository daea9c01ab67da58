// Language-server scenarios, over stdio against the built servers (dist/server.js and
// node_modules/yaml-language-server), as an editor drives them.
//   lsp/ready                              spawn -> first publishDiagnostics of a small file (sample fixture)
//   lsp/diagnostics/2000lines/sample       didChange (one keystroke: a replica count) -> publishDiagnostics for that version
//   lsp/diagnostics/2000lines/5000nodes    the same with the 5,000-node / 150,000-pod fixture
//   lsp/hover, lsp/completion              request latency on the 2,000-line manifest (sample fixture)
//   lsp/rss/sample, lsp/rss/5000nodes      the server's peak RSS (VmHWM) after the runs
//   vs-yaml-language-server/schema-diagnostics   ours / theirs, median didChange -> publishDiagnostics with only
//                                          schema findings enabled here and yaml.schemas (same v1.35 schema) there
// Both servers debounce bursts of changes (200 ms). kube-spread analyses an edit to an idle document at
// once and debounces only edits that arrive while an analysis is pending; the latencies include whatever
// debounce each server applies. The `server-analysis`
// results are the time our server itself logs for the analysis (trace), without debounce and transport.
// Usage: node lsp.js --root REPO --data DIR [--only PREFIX] [--quick]

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest, ConfigurationRequest, createProtocolConnection, DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, HoverRequest, InitializedNotification,
  InitializeRequest, PublishDiagnosticsNotification, RegistrationRequest, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
  type InitializeResult, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { CONSTRAINT_LINE, manifest, REPLICAS_LINE } from './gen';
import { argValue, emit, QUICK, type Result, summarize, wanted } from './lib';

const ROOT = argValue('--root') ?? process.cwd();
const DATA = argValue('--data') ?? '';
const OUR_SERVER = join(ROOT, 'dist/server.js');
const YLS = join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');
const DEBOUNCE_MS = 200;

class Client {
  readonly diags: { p: PublishDiagnosticsParams; at: number }[] = [];
  readonly traces: string[] = [];
  private waiters: (() => void)[] = [];
  init!: InitializeResult;
  readonly spawnedAt = performance.now();

  constructor(readonly proc: ChildProcess, readonly conn: ProtocolConnection, config: (section: string | undefined) => unknown) {
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => this.push(() => this.diags.push({ p, at: performance.now() })));
    conn.onNotification('$/logTrace', (...params: unknown[]) => {
      this.traces.push(String((params[0] as { message?: unknown } | undefined)?.message ?? ''));
    });
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => config(i.section)));
    conn.onRequest(RegistrationRequest.type, () => undefined);
    conn.onUnhandledNotification(() => undefined);
    conn.onRequest('window/workDoneProgress/create', () => null);
    proc.stderr?.on('data', () => undefined);
    conn.listen();
  }

  static async start(cmd: string[], root: string, config: (section: string | undefined) => unknown, pull: boolean): Promise<Client> {
    const proc = spawn(process.execPath, [...cmd, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const c = new Client(proc, conn, config);
    const rootUri = pathToFileURL(root).href;
    c.init = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], trace: 'messages',
      capabilities: { workspace: { configuration: pull, didChangeConfiguration: { dynamicRegistration: false } }, textDocument: { completion: {}, hover: {} } },
      initializationOptions: { trusted: true },
    });
    await conn.sendNotification(InitializedNotification.type, {});
    await conn.sendNotification('$/setTrace', { value: 'messages' });
    return c;
  }

  private push(f: () => void): void {
    f();
    const w = this.waiters;
    this.waiters = [];
    for (const x of w) x();
  }

  /** Resolves with the first publishDiagnostics for (uri, version) — or for uri at all when version is undefined. */
  /**
   * Resolves with the first publishDiagnostics for uri received at index >= `from`, of that version when
   * the server says (yaml-language-server publishes without a version: the next one after the change).
   */
  async diagnostics(uri: string, version: number | undefined, timeoutMs: number, from = 0): Promise<{ p: PublishDiagnosticsParams; at: number }> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const hit = this.diags.find((d, i) => i >= from && d.p.uri === uri && (version === undefined || d.p.version === undefined || d.p.version === version));
      if (hit) return hit;
      if (performance.now() > deadline) throw new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 100);
        this.waiters.push(() => (clearTimeout(t), r()));
      });
    }
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Peak and current resident set of the server process (Linux /proc; undefined elsewhere). */
  rss(): { peakMB: number; nowMB: number } | undefined {
    try {
      const s = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? NaN);
      return { peakMB: kb('VmHWM') / 1024, nowMB: kb('VmRSS') / 1024 };
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 200));
    if (this.proc.exitCode === null) this.proc.kill();
    this.conn.dispose();
  }
}

const ourSettings = (fixture: string, schemaOnly = false) => ({
  fixture, defaultReplicas: 1, kubernetesVersion: '1.35',
  findings: schemaOnly ? { schema: true, api: false, lint: false, spread: false } : { schema: true, api: true, lint: true, spread: true },
});

async function startOurs(settings: object): Promise<Client> {
  return Client.start([OUR_SERVER], DATA, (section) => (section === 'kubeSpread' ? settings : null), true);
}

/** Keystrokes: each change edits the first Deployment's replica count and waits for that version's diagnostics. */
async function keystrokes(c: Client, uri: string, runs: number, timeoutMs: number): Promise<{ e2e: number[]; server: number[] }> {
  const e2e: number[] = [];
  const server: number[] = [];
  for (let v = 2; v < 2 + runs; v++) {
    const traceFrom = c.traces.length;
    const from = c.diags.length;
    const t0 = performance.now();
    await c.change(uri, v, manifest(v));
    const d = await c.diagnostics(uri, v, timeoutMs, from);
    e2e.push(d.at - t0);
    // "diagnostics <uri> v<N>: <count> in <ms> ms" (lsp/features/diagnostics.ts, logged when tracing).
    for (const line of c.traces.slice(traceFrom)) {
      const m = new RegExp(` v${v}: \\d+ in (\\d+) ms`).exec(line);
      if (m) server.push(Number(m[1]));
    }
  }
  return { e2e, server };
}

async function ready(): Promise<void> {
  if (!wanted('lsp/ready')) return;
  const samples: number[] = [];
  const init: number[] = [];
  for (let i = 0; i < (QUICK ? 3 : 10); i++) {
    const t0 = performance.now();
    const c = await startOurs(ourSettings(''));
    init.push(performance.now() - t0);
    const uri = pathToFileURL(join(DATA, 'ready.yaml')).href;
    const from = c.diags.length;
    await c.open(uri, 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: nginx}]}\n');
    const d = await c.diagnostics(uri, 1, 30000, from);
    samples.push(d.at - t0);
    await c.stop();
  }
  emit(summarize('lsp/ready', 'ms', samples, { target: 500, targetStat: 'median', note: 'spawn -> initialize -> first publishDiagnostics of a one-Pod file (sample fixture)' }));
  emit(summarize('lsp/initialize', 'ms', init, { note: 'spawn -> initialize response' }));
}

async function diagnosticsOn(label: 'sample' | '5000nodes', fixture: string): Promise<void> {
  const name = `lsp/diagnostics/2000lines/${label}`;
  const wantHover = label === 'sample' && (wanted('lsp/hover') || wanted('lsp/completion'));
  if (!wanted(name) && !wantHover && !wanted(`lsp/rss/${label}`)) return;
  const c = await startOurs(ourSettings(fixture));
  const uri = pathToFileURL(join(DATA, `manifest-${label}.yaml`)).href;
  const t0 = performance.now();
  await c.open(uri, manifest(1));
  await c.diagnostics(uri, 1, 600000);
  const firstMs = performance.now() - t0;
  const runs = label === 'sample' ? (QUICK ? 10 : 40) : QUICK ? 3 : 10;
  const { e2e, server } = await keystrokes(c, uri, runs, 600000);
  const target = label === 'sample' ? 50 : 150;
  emit(summarize(name, 'ms', e2e, { target, targetStat: 'p95', note: `didChange -> publishDiagnostics (an edit to an idle document is analysed at once; ${DEBOUNCE_MS} ms debounce only within a burst); first open took ${Math.round(firstMs)} ms` }));
  if (server.length) emit(summarize(`${name}/server-analysis`, 'ms', server, { note: 'analysis time the server logs for the same runs (no debounce, no transport)' }));

  if (label === 'sample') {
    if (wanted('lsp/hover')) {
      const hs: number[] = [];
      for (let i = 0; i < (QUICK ? 10 : 40); i++) {
        const h0 = performance.now();
        await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: CONSTRAINT_LINE, character: 12 } });
        hs.push(performance.now() - h0);
      }
      emit(summarize('lsp/hover', 'ms', hs, { target: 30, targetStat: 'median', note: 'on topologySpreadConstraints[0] of the first Deployment' }));
    }
    if (wanted('lsp/completion')) {
      if (!c.init.capabilities.completionProvider) {
        emit({ name: 'lsp/completion', unit: 'ms', median: null, p95: null, min: null, max: null, runs: 0, note: 'not measured: the server does not offer completion (no completionProvider)' });
      } else {
        const cs: number[] = [];
        for (let i = 0; i < (QUICK ? 10 : 40); i++) {
          const c0 = performance.now();
          await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: REPLICAS_LINE, character: 2 } });
          cs.push(performance.now() - c0);
        }
        emit(summarize('lsp/completion', 'ms', cs));
      }
    }
  }
  const rss = c.rss();
  if (rss && wanted(`lsp/rss/${label}`)) {
    emit({ name: `lsp/rss/${label}`, unit: 'MB', median: Math.round(rss.nowMB), p95: null, min: null, max: Math.round(rss.peakMB), runs: 1, note: 'server RSS after the runs (median = current, max = peak VmHWM)' });
  }
  await c.stop();
}

async function versusYls(): Promise<void> {
  const name = 'vs-yaml-language-server/schema-diagnostics';
  if (!wanted(name)) return;
  const runs = QUICK ? 10 : 30;
  const uriOurs = pathToFileURL(join(DATA, 'versus-ours.yaml')).href;
  const ours = await startOurs(ourSettings('', true));
  await ours.open(uriOurs, manifest(1));
  await ours.diagnostics(uriOurs, 1, 60000);
  const a = await keystrokes(ours, uriOurs, runs, 60000);
  const oursCount = ours.diags.at(-1)?.p.diagnostics.length ?? 0;
  await ours.stop();

  const uri = pathToFileURL(join(DATA, 'versus-yls.yaml')).href;
  const schema = pathToFileURL(join(ROOT, 'schemas/v1.35/apps-v1-deployment.json')).href;
  // The same v1.35 Deployment schema kube-spread validates with, for this file; no schema store (offline).
  const yaml = { schemas: { [schema]: 'versus-yls.yaml' }, validate: true, hover: true, completion: true, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false } };
  const http = { proxy: '', proxyStrictSSL: false };
  // It pulls workspace/configuration even when the client does not offer it, so answer that too.
  const yls = await Client.start([YLS], DATA, (section) => (section === 'yaml' ? yaml : section === 'http' ? http : null), false);
  await yls.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { yaml, http } });
  await yls.open(uri, manifest(1));
  await yls.diagnostics(uri, 1, 60000);
  const b = await keystrokes(yls, uri, runs, 60000);
  const theirCount = yls.diags.at(-1)?.p.diagnostics.length ?? 0;
  await yls.stop();

  const ra = summarize('ours', 'ms', a.e2e);
  const rb = summarize('theirs', 'ms', b.e2e);
  emit(summarize(`${name}/ours`, 'ms', a.e2e, { note: `${oursCount} diagnostics (schema/ and yaml/ only)` }));
  emit(summarize(`${name}/yaml-language-server`, 'ms', b.e2e, { note: `${theirCount} diagnostics` }));
  const ratio = (x: Result, y: Result, k: 'median' | 'p95' | 'min' | 'max') => Math.round(((x[k] ?? 0) / (y[k] ?? 1)) * 1000) / 1000;
  // Ours analyses an edit to an idle document at once; theirs waits its validationDelayMs first.
  const net = (ra.median ?? 0) / Math.max(1, (rb.median ?? 0) - DEBOUNCE_MS);
  emit({
    name, unit: 'ratio', median: ratio(ra, rb, 'median'), p95: ratio(ra, rb, 'p95'), min: ratio(ra, rb, 'min'), max: ratio(ra, rb, 'max'), runs,
    target: 1.0, targetStat: 'median',
    note: `ours / yaml-language-server ${pkgVersion()}, didChange -> publishDiagnostics (theirs debounces ${DEBOUNCE_MS} ms; ours analyses an edit to an idle document at once); against theirs without its debounce: ${Math.round(net * 100) / 100}x`,
  });
}

function pkgVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules/yaml-language-server/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '';
  }
}

async function main(): Promise<void> {
  await ready();
  await diagnosticsOn('sample', '');
  await versusYls();
  await diagnosticsOn('5000nodes', join(DATA, 'cluster-5000.json'));
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
