// Which cluster fixture is in use: the configured one, else the embedded sample. A fixture that fails
// to load (bad YAML mid-edit, a missing file) never takes the last good one away: the error is only
// reported, so diagnostics stay useful while someone edits the fixture. Fixture files are watched on
// disk, not through the editor, because they are often outside the workspace or not open.

import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { autoscalingLine, type LoadedFixture, loadEmbeddedSample, loadFixtureFromPaths } from '../../analysis';
import { PathWatcher } from './pathWatcher';
import { FixtureStatusNotification, type FixtureStatus } from '../../protocol';
import type { SettingsStore } from './settings';
import { collectAfterLoad, heapGrowthFor } from './heapGrowth';


export class FixtureManager {
  current!: LoadedFixture;
  error: string | undefined;
  /** Workspace root folder (file system path); relative fixture paths resolve against it. */
  root: string | undefined;
  trusted = true;
  /** More of the status (the Kubernetes version in use, lsp/state/clusterConfig.ts), merged into every status sent. */
  statusExtra: (() => Partial<FixtureStatus>) | undefined;
  /** The workspace project file's cluster (absolute paths), used when kubeSpread.fixture is empty: lsp/state/projectFiles.ts. */
  projectCluster: (() => string[] | undefined) | undefined;
  private queue: Promise<void> = Promise.resolve();
  private firstLoaded!: () => void;
  /** Settled after the first load attempt (requests may arrive before `initialized` starts it). */
  private readonly first = new Promise<void>((r) => (this.firstLoaded = r));
  private readonly watcher = new PathWatcher(() => void this.reload('file changed'), (m) => this.connection.console.warn(m), true);
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly settings: SettingsStore,
  ) {}

  onDidChange(f: () => void): void {
    this.listeners.push(f);
  }

  /** Loads again from the settings. Calls are serialized so a slow load never overwrites a newer one. */
  reload(why: string): Promise<void> {
    this.queue = this.queue.then(() => this.load(why)).catch((e: unknown) => {
      this.connection.console.error(`fixture load crashed: ${oneLine(e)}`);
    }).finally(() => this.firstLoaded());
    return this.queue;
  }

  /** Resolves once the first load attempt, and any reload queued since, is over (diagnostics wait for it). */
  get ready(): Promise<void> {
    return this.first.then(() => this.queue);
  }

  status(): FixtureStatus {
    const f = this.current;
    const s: FixtureStatus = { source: this.display(f.source), embedded: f.embedded, nodes: f.summary.nodes, pods: f.summary.pods };
    if (f.summary.autoscaling) s.autoscaling = autoscalingLine(f.summary.autoscaling);
    if (this.error) s.error = this.error;
    return { ...s, ...this.statusExtra?.() };
  }

  dispose(): void {
    this.watcher.dispose();
  }

  private async load(why: string): Promise<void> {
    const first = !this.current;
    if (first) this.current = loadEmbeddedSample();
    // The setting wins; else the project file's cluster (.kube-spread.yaml), else the embedded sample.
    const configured = this.settings.current.fixture ? [this.settings.current.fixture] : this.projectCluster?.() ?? [];
    const started = Date.now();
    let next: LoadedFixture | undefined;
    let error: string | undefined;
    try {
      if (configured.length === 0) {
        next = this.current.embedded ? this.current : loadEmbeddedSample();
      } else {
        const abs = configured.map((p) => this.resolvePath(p));
        this.watcher.watch(abs[0]); // one watch, on the first path: the others are read again with it
        next = loadFixtureFromPaths(abs);
      }
    } catch (e) {
      error = oneLine(e);
    }
    if (configured.length === 0) this.watcher.watch('');
    const before = JSON.stringify(this.status());
    const fresh = next !== undefined && next !== this.current;
    if (next) this.current = next;
    this.error = error;
    heapGrowthFor(this.current.input.nodes.length);
    const collected = fresh ? collectAfterLoad(this.current.input.nodes.length) : undefined;
    this.connection.console.log(
      `fixture (${why}): ${error ? `FAILED: ${error}; still using ${this.current.source}` : `${this.current.source}, ${this.current.summary.nodes} nodes, ${this.current.summary.pods} pods`} [${Date.now() - started} ms${collected !== undefined ? `, of which ${collected} ms collecting the load's garbage` : ''}]`);
    // Listeners re-run diagnostics: only when something the analysis sees has changed.
    if (first || fresh || JSON.stringify(this.status()) !== before) {
      void this.connection.sendNotification(FixtureStatusNotification, this.status());
      if (fresh || first) for (const l of this.listeners) l();
    }
  }

  /** Absolute path of the configured fixture; enforces Workspace Trust's restricted mode. */
  private resolvePath(configured: string): string {
    if (!isAbsolute(configured) && !this.root) throw new Error(`relative fixture path "${configured}" needs an open workspace folder`);
    const abs = resolve(this.root ?? '/', configured);
    if (!this.trusted) {
      // Compare real paths: a symlink inside the workspace must not reach outside it.
      const real = safeRealpath(abs);
      const root = safeRealpath(this.root ?? '');
      if (!this.root || !isInside(root, real)) throw new Error('restricted mode: the fixture must be inside the workspace');
    }
    return abs;
  }

  private display(source: string): string {
    if (!this.root || !isAbsolute(source)) return source;
    return isInside(this.root, source) ? relative(this.root, source) || '.' : source;
  }
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

export function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    // Not there (yet): judge the parent, which is what a later creation would land in.
    return p === dirname(p) ? p : resolve(safeRealpath(dirname(p)), basename(p));
  }
}

export function isInside(root: string, p: string): boolean {
  const r = relative(root, p);
  return r === '' || (r.split(sep)[0] !== '..' && !isAbsolute(r));
}
