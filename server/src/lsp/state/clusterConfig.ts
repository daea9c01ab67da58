// The Kubernetes version, feature gates and KubeSchedulerConfiguration the editor's analysis runs
// with, resolved exactly as the CLI resolves --k8s-version / --feature-gates / --scheduler-config
// (analysis/clusterSettings.ts resolveClusterSettings): the settings win over the fixture's
// kubernetesVersion / featureGates / KubeSchedulerConfiguration, and messages name the setting.
//
// A broken input (an invalid scheduler config mid-edit, an unknown gate) never takes the last good
// configuration away: its problems are published as diagnostics on the file they are in (or shown in
// the status bar for settings) and the previous configuration stays in use, as for the fixture.

import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, MessageType, ShowMessageNotification, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { type ClusterSettings, type ConfigProblem, resolveClusterSettings, SchedulerConfigError } from '../../analysis';
import { fileNameOf } from './analysis';
import { isInside, safeRealpath, type FixtureManager } from './fixtures';
import { PathWatcher } from './pathWatcher';
import type { KubernetesStatus } from '../../protocol';
import type { SettingsStore } from './settings';

const ORIGIN = { version: 'kubeSpread.kubernetesVersion', featureGates: 'kubeSpread.featureGates' };

export class ClusterConfigManager {
  /** The configuration in use: the last one that resolved without errors. */
  private good: ClusterSettings | undefined;
  /** What `good` was resolved from; a different key means resolve again. */
  private key = '';
  private fixtureSeen: unknown;
  /** The settings' problems (no file to put them on), shown in the status bar. */
  error: string | undefined;
  /** Problems per file system path (the scheduler config file, the fixture), published as diagnostics. */
  private byFile = new Map<string, Diagnostic[]>();
  private configText: { path: string; text: string } | { path: string; error: string } | undefined;
  // An edit that only moves problems around keeps the config: refresh republishes anyway.
  private readonly watcher = new PathWatcher(() => {
    this.configText = undefined;
    this.refresh();
  }, (m) => this.connection.console.warn(m));
  private readonly listeners: ((e: { configChanged: boolean }) => void)[] = [];
  private readonly shown = new Set<string>();
  /** Called with the file paths whose problems changed; returns those it publishes itself (open documents, with their findings). */
  onProblems: (paths: string[]) => string[] = () => [];
  /** The workspace project file's kubernetesVersion, used when kubeSpread.kubernetesVersion is empty: lsp/state/projectFiles.ts. */
  projectVersion: () => string | undefined = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly settings: SettingsStore,
    private readonly fixtures: FixtureManager,
  ) {}

  /** After a refresh that changed the configuration in use (`configChanged`) or only its problems (the status). */
  onDidChange(f: (e: { configChanged: boolean }) => void): void {
    this.listeners.push(f);
  }

  /** The resolved version, gates and scheduler setup for the current fixture and settings (resolving again when either changed). */
  current(): ClusterSettings {
    const fixture = this.fixtures.current;
    if (!this.good || fixture !== this.fixtureSeen || this.inputKey() !== this.key) this.resolveNow();
    return this.good!;
  }

  /** Settings or fixture changed: resolve again, tell listeners when the result is different. */
  refresh(): void {
    const before = this.good;
    const error = this.error;
    this.current();
    const configChanged = this.good !== before;
    if (configChanged || this.error !== error) for (const l of this.listeners) l({ configChanged });
  }

  /** Diagnostics for a document URI: the scheduler-config (or fixture) problems in that file. */
  diagnosticsFor(uri: string): Diagnostic[] {
    return this.byFile.get(fileNameOf(uri)) ?? [];
  }

  status(): KubernetesStatus {
    const s = this.current();
    const fk = this.fixtures.current.kubernetes;
    const gates = { ...(fk?.featureGates ?? {}), ...this.settings.current.featureGates };
    const known = Object.fromEntries(Object.entries(gates).filter(([g]) => g in s.env.gates));
    const out: KubernetesStatus = {
      version: `1.${s.env.minor}`,
      versionSource: s.versionSource === 'option' ? (this.settings.current.kubernetesVersion ? 'setting' : 'project') : s.versionSource,
      profiles: s.setup.profiles.map((p) => p.schedulerName),
      featureGates: known,
    };
    if (s.setup.source !== 'default') out.schedulerConfig = this.display(s.setup.source);
    if (this.error) out.error = this.error;
    return out;
  }

  dispose(): void {
    this.watcher.dispose();
  }

  private inputKey(): string {
    const c = this.settings.current;
    return JSON.stringify([c.kubernetesVersion, this.projectVersion(), c.featureGates, c.schedulerConfig, this.fixtures.trusted, this.fixtures.root, this.configText]);
  }

  private resolveNow(): void {
    const fixture = this.fixtures.current;
    const s = this.settings.current;
    this.readConfig(s.schedulerConfig);
    const cfg = this.configText;
    this.fixtureSeen = fixture;
    this.key = this.inputKey();
    const problems: ConfigProblem[] = [];
    const input = {
      fixture: fixture.schedulerConfig || fixture.kubernetes ? { kubernetes: fixture.kubernetes, schedulerConfig: fixture.schedulerConfig } : undefined,
      version: s.kubernetesVersion || this.projectVersion() || undefined,
      featureGates: Object.keys(s.featureGates).length ? s.featureGates : undefined,
      schedulerConfig: cfg && 'text' in cfg ? { file: cfg.path, text: cfg.text } : undefined,
      origin: ORIGIN,
    };
    let next: ClusterSettings | undefined;
    if (cfg && 'error' in cfg) problems.push({ file: '<command line>', line: 0, character: 0, path: '', message: `kubeSpread.schedulerConfig: ${cfg.error}`, severity: 'error' });
    try {
      next = resolveClusterSettings(input);
      problems.push(...next.warnings);
    } catch (e) {
      if (!(e instanceof SchedulerConfigError)) throw e;
      problems.push(...e.problems);
    }
    // Nothing good yet (a broken config at startup): without the broken input, else the defaults.
    if (!next && !this.good) {
      for (const fallback of [{ ...input, schedulerConfig: undefined }, { fixture: undefined, origin: ORIGIN }]) {
        try {
          next = resolveClusterSettings(fallback);
          break;
        } catch {
          // try the next, smaller input
        }
      }
      next ??= resolveClusterSettings({});
    }
    if (next) this.good = next;
    this.publish(problems);
  }

  /** Reads kubeSpread.schedulerConfig (cached until the file changes); enforces Restricted Mode as for the fixture. */
  private readConfig(configured: string): void {
    if (!configured) {
      this.configText = undefined;
      this.watcher.watch('');
      return;
    }
    if (!isAbsolute(configured) && !this.fixtures.root) {
      this.configText = { path: configured, error: `relative path "${configured}" needs an open workspace folder` };
      return;
    }
    const abs = resolve(this.fixtures.root ?? '/', configured);
    if (!this.fixtures.trusted && (!this.fixtures.root || !isInside(safeRealpath(this.fixtures.root), safeRealpath(abs)))) {
      this.configText = { path: abs, error: 'restricted mode: the scheduler configuration must be inside the workspace' };
      this.watcher.watch('');
      return;
    }
    this.watcher.watch(abs);
    if (this.configText?.path === abs) return; // cached; the watcher drops the cache on change
    try {
      this.configText = { path: abs, text: readFileSync(abs, 'utf8') };
    } catch (e) {
      this.configText = { path: abs, error: `cannot read ${configured}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    }
  }

  private publish(problems: ConfigProblem[]): void {
    const byFile = new Map<string, Diagnostic[]>();
    const loose: string[] = [];
    const lines = new Map<string, string[] | undefined>();
    for (const p of problems) {
      if (p.file === '<command line>' || p.file === '<fixture>') {
        if (p.severity === 'error') loose.push(p.message);
        continue;
      }
      const pos = { line: p.line, character: p.character };
      const d: Diagnostic = {
        range: { start: pos, end: { line: p.line, character: p.character + tokenLength(p.file, p.line, p.character, lines) } },
        severity: p.severity === 'error' ? DiagnosticSeverity.Error : p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
        source: 'kube-spread', code: 'scheduler-config', message: p.message,
      };
      byFile.set(p.file, [...(byFile.get(p.file) ?? []), d]);
    }
    // Settings warnings (a GA gate set) go to the log; errors also to the status bar and once to a message.
    for (const p of problems) if (p.file === '<command line>' && p.severity !== 'error') this.connection.console.warn(p.message);
    const error = loose.length ? loose.join('; ') : undefined;
    const fileErrors = [...byFile.values()].flat().filter((d) => d.severity === DiagnosticSeverity.Error).length;
    const status = error ?? (fileErrors ? `${fileErrors} error(s) in the scheduler configuration or fixture; using the last good configuration` : undefined);
    const changedStatus = status !== this.error;
    this.error = status;
    if (error && !this.shown.has(error)) {
      this.shown.add(error);
      // A notification, not window/showMessageRequest: nothing to answer, and no client may leave it unanswered.
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Kube Spread: ${error} (still using Kubernetes 1.${this.good?.env.minor})` });
    }
    const changed = [...new Set([...this.byFile.keys(), ...byFile.keys()])]
      .filter((f) => JSON.stringify(this.byFile.get(f) ?? []) !== JSON.stringify(byFile.get(f) ?? []));
    this.byFile = byFile;
    const open = changed.length ? this.onProblems(changed) : [];
    for (const f of changed) if (!open.includes(f)) void this.connection.sendDiagnostics({ uri: pathToFileURL(f).href, diagnostics: byFile.get(f) ?? [] });
    if (changedStatus) this.connection.console.log(`cluster settings: ${status ?? 'ok'}`);
  }

  private display(source: string): string {
    const root = this.fixtures.root;
    if (!root || !isAbsolute(source) || !isInside(root, source)) return source;
    return relative(root, source) || source;
  }
}

/** How long the token at line:character is (a scalar, a quoted string, a key), for the diagnostic's range; 1 when unknown. */
function tokenLength(file: string, line: number, character: number, cache: Map<string, string[] | undefined>): number {
  if (!cache.has(file)) {
    try {
      cache.set(file, readFileSync(file, 'utf8').split(/\r?\n/));
    } catch {
      cache.set(file, undefined);
    }
  }
  const rest = cache.get(file)?.[line]?.slice(character) ?? '';
  const m = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,:{}[\]#]+(?::[^\s,{}[\]#]+)*)/.exec(rest);
  return Math.max(1, m ? m[0].length : 0);
}
