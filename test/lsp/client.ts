// A minimal LSP client for tests: spawns the built server (dist/server.js) over stdio and speaks
// JSON-RPC with the protocol types from vscode-languageserver (a runtime dependency, which re-exports
// vscode-languageserver-protocol/node), so no extra package is needed.

import { spawn, type ChildProcess } from 'node:child_process';
import { buildSync } from 'esbuild';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest, createProtocolConnection, DidChangeConfigurationNotification, DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExecuteCommandRequest, ExitNotification, HoverRequest,
  InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, RegistrationRequest, ShutdownRequest,
  StreamMessageReader, StreamMessageWriter, type Hover, type InitializeResult, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

export const SERVER = resolve(__dirname, '../../dist/server.js');

let built = false;

/**
 * Bundles the server from the sources into SERVER (the options of scripts/build.mjs), once per test
 * process. Only the server: a half-written CLI elsewhere in the tree must not stop the server's tests.
 */
export function buildServer(): void {
  if (built) return;
  buildSync({
    entryPoints: [resolve(__dirname, '../../server/src/server.ts')], outfile: SERVER, bundle: true, platform: 'node',
    target: 'node20', format: 'cjs', sourcemap: 'linked', logLevel: 'warning',
  });
  built = true;
}

export interface StartOptions {
  /** Workspace folder (file system path). */
  root?: string;
  /** kubeSpread.* settings returned for workspace/configuration. */
  settings?: Record<string, unknown>;
  trusted?: boolean;
  /** More initializationOptions (e.g. clientCommands). */
  initializationOptions?: Record<string, unknown>;
}

type Waiter = { pred: () => boolean; done: () => void };

export class LspClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  stderr = '';
  settings: Record<string, unknown>;
  initializeResult!: InitializeResult;
  private waiters: Waiter[] = [];
  private exited: Promise<number | null>;

  private constructor(readonly proc: ChildProcess, readonly conn: ProtocolConnection, opts: StartOptions) {
    this.settings = opts.settings ?? {};
    this.exited = new Promise((r) => proc.on('exit', (code) => r(code)));
    proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => this.record(() => this.diagnostics.push(p)));
    conn.onUnhandledNotification((m) => this.record(() => this.notifications.push({ method: m.method, params: m.params })));
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'kubeSpread' ? this.settings : null)));
    conn.onRequest(RegistrationRequest.type, () => undefined);
    conn.onNotification('window/logMessage', () => undefined);
    conn.listen();
  }

  static async start(opts: StartOptions = {}): Promise<LspClient> {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const c = new LspClient(proc, conn, opts);
    const rootUri = opts.root ? pathToFileURL(opts.root).href : null;
    c.initializeResult = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
      initializationOptions: { ...opts.initializationOptions, trusted: opts.trusted ?? true },
    });
    await conn.sendNotification(InitializedNotification.type, {});
    return c;
  }

  private record(f: () => void): void {
    f();
    this.waiters = this.waiters.filter((w) => (w.pred() ? (w.done(), false) : true));
  }

  /** Resolves when pred() holds (checked now and after each message), rejects after timeoutMs. */
  waitFor(what: string, pred: () => boolean, timeoutMs = 5000): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((res, rej) => {
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        rej(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; stderr: ${this.stderr.slice(-500)}`));
      }, timeoutMs);
      const waiter: Waiter = { pred, done: () => (clearTimeout(t), res()) };
      this.waiters.push(waiter);
    });
  }

  async diagnosticsFor(uri: string, version: number, timeoutMs = 5000): Promise<PublishDiagnosticsParams> {
    const find = () => this.diagnostics.find((d) => d.uri === uri && d.version === version);
    await this.waitFor(`diagnostics for ${uri} v${version}`, () => !!find(), timeoutMs);
    return find()!;
  }

  async notification<T>(method: string, pred: (p: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
    const find = () => this.notifications.find((n) => n.method === method && pred(n.params as T));
    await this.waitFor(`notification ${method}`, () => !!find(), timeoutMs);
    return find()!.params as T;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  /** Replaces the whole text (a change without a range), which every incremental server accepts. */
  change(uri: string, version: number, text: string): Promise<void> {
    return this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { kubeSpread: settings } });
  }

  executeCommand<T>(command: string, ...args: unknown[]): Promise<T> {
    return this.conn.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  /** shutdown + exit; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    if (this.proc.exitCode === null) {
      await this.conn.sendRequest(ShutdownRequest.type);
      await this.conn.sendNotification(ExitNotification.type);
    }
    const code = await Promise.race([this.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 3000))]);
    if (code === 'timeout') {
      this.proc.kill();
      throw new Error('server did not exit after shutdown/exit');
    }
    this.conn.dispose();
    return code;
  }
}
