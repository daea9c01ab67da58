// The project files (.kube-spread.yaml) the editor's analysis honours, found and read exactly as the
// CLI does (analysis/project/projectFile.ts): for each document the nearest one walking up from its
// folder (its disabled codes and severity overrides), and the workspace folder's (its cluster and
// Kubernetes version, used when the kubeSpread.fixture / kubeSpread.kubernetesVersion settings are
// empty: settings win).
//
// As for the fixture, a project file that becomes invalid mid-edit never takes the last good one
// away: its problems are published as diagnostics on it and the previous content stays in use. Files
// are watched on disk (saved changes count; unsaved edits do not, as for the CLI), and in Restricted
// Mode nothing outside the workspace folder is read.

import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { type LoadedProject, type ProjectConfig, PROJECT_FILE_NAME, ProjectFiles } from '../../analysis';
import { fileNameOf } from './analysis';
import { isInside, safeRealpath, type FixtureManager } from './fixtures';
import { PathWatcher } from './pathWatcher';

/** The diagnostics' code: a project-file problem, not a finding of the check. */
export const PROJECT_FILE_DIAGNOSTIC = 'project-file';

export class ProjectFileManager {
  private readonly files = new ProjectFiles();
  private readonly watchers = new Map<string, PathWatcher>();
  private readonly lastGood = new Map<string, ProjectConfig>();
  private readonly problems = new Map<string, Diagnostic[]>();
  private readonly listeners: (() => void)[] = [];
  /** Called with the project files whose problems changed; returns those it publishes itself (open documents). */
  onProblems: (paths: string[]) => string[] = () => [];

  constructor(private readonly connection: Connection, private readonly fixtures: FixtureManager) {}

  /** A project file changed on disk (created, saved, deleted). */
  onDidChange(f: () => void): void {
    this.listeners.push(f);
  }

  /** The workspace folder's project file: where the defaults for the fixture and the version come from. */
  workspace(): ProjectConfig | undefined {
    const root = this.fixtures.root;
    if (!root) return undefined;
    // Seen when it is created, too.
    this.watch(join(root, PROJECT_FILE_NAME));
    return this.lookUp(root);
  }

  /** The project file that applies to a document (untitled ones: the workspace folder's). */
  forDocument(fileName: string): ProjectConfig | undefined {
    const root = this.fixtures.root;
    const folder = isAbsolute(fileName) ? dirname(fileName) : root;
    if (!folder) return undefined;
    if (!this.fixtures.trusted && (!root || !isInside(safeRealpath(root), safeRealpath(folder)))) return undefined;
    return this.lookUp(folder);
  }

  /** The problems of the project file at a document URI, published with that document's diagnostics. */
  diagnosticsFor(uri: string): Diagnostic[] {
    return this.problems.get(fileNameOf(uri)) ?? [];
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.dispose();
  }

  private lookUp(folder: string): ProjectConfig | undefined {
    const loaded = this.files.forFolder(folder, this.fixtures.trusted ? undefined : this.fixtures.root);
    if (!loaded) return undefined;
    this.watch(loaded.file);
    this.record(loaded);
    if (loaded.config) this.lastGood.set(loaded.file, loaded.config);
    return loaded.config ?? this.lastGood.get(loaded.file);
  }

  private watch(file: string): void {
    if (this.watchers.has(file)) return;
    const w = new PathWatcher(() => this.changed(file), (m) => this.connection.console.warn(m));
    this.watchers.set(file, w);
    w.watch(file);
  }

  private changed(file: string): void {
    if (existsSync(file)) {
      const loaded = this.files.load(file);
      this.record(loaded);
      if (loaded.config) this.lastGood.set(file, loaded.config);
      this.connection.console.log(`project file ${file} changed${loaded.problems.length ? `: ${loaded.problems.length} problem(s)` : ''}`);
    } else {
      // Gone: nothing of it applies any more, and its problems go with it.
      this.lastGood.delete(file);
      this.record({ file, problems: [] });
      this.connection.console.log(`project file ${file} removed`);
    }
    for (const l of this.listeners) l();
  }

  /** Keeps a file's problems as diagnostics and publishes them when they changed. */
  private record(loaded: LoadedProject): void {
    const unusable = this.lastGood.has(loaded.file) ? 'the last valid version of this file stays in use' : 'this file is not used until it is fixed';
    const next: Diagnostic[] = loaded.problems.map((p) => ({
      range: p.range.start.line === p.range.end.line && p.range.start.character === p.range.end.character
        ? { start: p.range.start, end: { line: p.range.start.line, character: p.range.start.character + 1 } } : p.range,
      severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: 'kube-spread', code: PROJECT_FILE_DIAGNOSTIC,
      message: loaded.config || p.severity !== 'error' ? p.message : `${p.message} (${unusable})`,
    }));
    if (JSON.stringify(next) === JSON.stringify(this.problems.get(loaded.file) ?? [])) return;
    this.problems.set(loaded.file, next);
    const open = this.onProblems([loaded.file]);
    if (!open.includes(loaded.file)) void this.connection.sendDiagnostics({ uri: pathToFileURL(loaded.file).href, diagnostics: next });
  }
}
