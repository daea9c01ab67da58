// Which cluster fixture is in use: the configured one, else the embedded sample. A fixture that fails
// to load (bad YAML mid-edit, a missing file) never takes the last good one away: the error is only
// reported, so diagnostics stay useful while someone edits the fixture. Fixture files are watched on
// disk, not through the editor, because they are often outside the workspace or not open.
//
// A load never holds the server's thread for long (a 150,000-pod export is ~1 s of parsing and checking
// at once, three times that on 15,000 nodes): the files are read asynchronously, then the fixture and
// its snapshot are built a slice at a time (LOAD_SLICE_MS, base/steps.ts), and the fixture in use is
// replaced only when the new one is complete. Meanwhile hover and completion answer on the fixture in
// use (they wait only for the first load: `loaded`), and the status says which fixture is loading.

import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import {
  autoscalingLine, type LoadedFixture, loadEmbeddedSample, loadFixtureFromPathsInSlices, prebuildSnapshot, runInSlices, type SliceStats, type Steps,
} from '../../analysis';
import { PathWatcher } from './pathWatcher';
import { FixtureStatusNotification, type FixtureStatus } from '../../protocol';
import type { SettingsStore } from './settings';
import { collectAfterLoad, DEFAULT_GROWTH_MIN_NODES, heapGrowthFor } from './heapGrowth';

/** A load works this long between looks at the event loop (a step is ~1 ms: a JSON chunk, a run of objects; a YAML piece a few ms). */
export const LOAD_SLICE_MS = 1;

/**
 * Between slices, this many setImmediate turns of the event loop. vscode-jsonrpc dispatches a request
 * that arrived in two setImmediate hops (its reader's semaphore, then its message queue); when every turn
 * ran a slice of ours, a hover waited behind three slices. With idle turns between slices (each costs
 * microseconds), it waits for at most the slice running when it arrived and one more.
 */
const PAUSE_TURNS = 3;

/**
 * After a hover or completion, a load leaves the thread alone this long: requests come in runs (a
 * completion after a hover, the completions of each keystroke), and the next one is then answered with
 * no slice in its way.
 */
export const REQUEST_QUIET_MS = 8;

export class FixtureManager {
  current!: LoadedFixture;
  error: string | undefined;
  /** The fixture being loaded (its paths), while `current` is still in use. */
  loading: string | undefined;
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
  /** When the last hover or completion was answered (noteRequest). */
  private lastRequest = -Infinity;

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

  /**
   * Resolves once the first load attempt is over: hover and completion answer on the fixture in use
   * rather than wait for a reload (seconds on a big cluster).
   */
  get loaded(): Promise<void> {
    return this.first;
  }

  /** A hover or completion was answered: a load in progress gives the next request a moment (REQUEST_QUIET_MS). */
  noteRequest(): void {
    this.lastRequest = performance.now();
  }

  /** Runs a load's steps a slice at a time, letting the event loop run between slices. */
  private inSlices(stats: SliceStats): <T>(steps: Steps<T>) => Promise<T> {
    const pause = async () => {
      for (let i = 0; i < PAUSE_TURNS; i++) await new Promise<void>((r) => setImmediate(r));
      const quiet = this.lastRequest + REQUEST_QUIET_MS - performance.now();
      if (quiet > 0) await new Promise<void>((r) => setTimeout(r, quiet));
    };
    return (steps) => runInSlices(steps, pause, LOAD_SLICE_MS, stats);
  }

  status(): FixtureStatus {
    const f = this.current;
    const s: FixtureStatus = { source: this.display(f.source), embedded: f.embedded, nodes: f.summary.nodes, pods: f.summary.pods };
    if (f.summary.autoscaling) s.autoscaling = autoscalingLine(f.summary.autoscaling);
    if (this.error) s.error = this.error;
    if (this.loading) s.loading = this.display(this.loading);
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
    let announced = false;
    const slices: SliceStats = { slices: 0, longestMs: 0 };
    try {
      if (configured.length === 0) {
        next = this.current.embedded ? this.current : loadEmbeddedSample();
      } else {
        const abs = configured.map((p) => this.resolvePath(p));
        this.watcher.watch(abs[0]); // one watch, on the first path: the others are read again with it
        this.loading = abs.join(', ');
        announced = !first;
        if (announced) void this.connection.sendNotification(FixtureStatusNotification, this.status());
        next = await loadFixtureFromPathsInSlices(abs, this.inSlices(slices));
        // A big cluster's snapshot too, so that the first analysis on it does not build it at once. Not
        // at the first load: requests wait for that one anyway, and the collection after it
        // (heapGrowth.ts) measures the live heap that later collections are judged against.
        if (!first && next.input.nodes.length >= DEFAULT_GROWTH_MIN_NODES) await this.inSlices(slices)(prebuildSnapshot(next));
      }
    } catch (e) {
      error = oneLine(e);
    } finally {
      this.loading = undefined;
    }
    if (configured.length === 0) this.watcher.watch('');
    const before = JSON.stringify(this.status());
    const fresh = next !== undefined && next !== this.current;
    if (next) this.current = next;
    this.error = error;
    heapGrowthFor(this.current.input.nodes.length);
    // The first load only: a reload's switch would hold the hovers answered during it (heapGrowth.ts).
    const collected = fresh && first ? collectAfterLoad(this.current.input.nodes.length) : undefined;
    this.connection.console.log(
      `fixture (${why}): ${error ? `FAILED: ${error}; still using ${this.current.source}` : `${this.current.source}, ${this.current.summary.nodes} nodes, ${this.current.summary.pods} pods`} [${Date.now() - started} ms${slices.slices ? ` in ${slices.slices} slices, the longest ${Math.round(slices.longestMs)} ms` : ''}${collected !== undefined ? `, then ${collected} ms collecting the load's garbage` : ''}]`);
    // Listeners re-run diagnostics: only when something the analysis sees has changed.
    if (first || fresh || announced || JSON.stringify(this.status()) !== before) {
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
