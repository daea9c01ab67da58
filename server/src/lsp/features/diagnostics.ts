// Diagnostics per document version. An edit that finds the document idle (no analysis of it pending or
// running) is analysed at once, and so is the first edit while the open's (or a refresh's) analysis is
// still running; edits arriving while an edit's analysis is pending are a burst: each restarts a short
// debounce, and a run whose version is no longer current when it starts or ends is dropped, so only
// the newest text is ever analysed and published. The analysis is synchronous, so "cancelling" stale
// work means never starting it: we yield to the event loop first so queued didChange messages land
// (and between stages, yieldToMessages, so an edit during a staged open supersedes its later stages).
//
// On a big cluster (STAGED_MIN_NODES), the first analysis of a document (open, or after the fixture or
// settings changed: nothing of it is memoized yet) is published in stages, cheapest first, each publish
// holding everything found so far:
// syntax, schema and API (no cluster work), then lint (reads the cluster's nodes: ~0.3 s on 5,000 nodes),
// then spread (simulation: seconds on big clusters) a few workloads at a time, those on screen first
// (spreadOrder.ts, with the lines the client reports: kubeSpread/visibleRanges), with
// kubeSpread/diagnosticsProgress after each publish so the client can show progress. The last part is
// the same check as ever: the final diagnostics are identical (test/lsp/parity.test.ts). Later edits
// publish once, complete (their documents' work is memoized), also an edit that superseded the open's
// later stages (it then waits for the whole analysis: the early stages' findings are on screen
// meanwhile); so does everything on smaller clusters, where the whole analysis is about as fast as a stage.

import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type CheckedFile, type CheckResult, type Finding, isWorkloadKind, type Severity } from '../../analysis';
import { DiagnosticsProgressNotification, type DiagnosticsProgress } from '../../protocol';
import { type EditorAnalysis, fileNameOf } from '../state/analysis';
import type { FixtureManager } from '../state/fixtures';
import { collectAfterFirstAnalysis } from '../state/heapGrowth';
import type { Settings, SettingsStore } from '../state/settings';
import { VisibleRanges } from '../state/visibleRanges';
import { spreadParts, type WorkloadPlace } from './spreadOrder';

export const DEBOUNCE_MS = 200;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Whether the settings let a finding through: yaml/ (syntax) always does, others by their prefix. */
export function enabled(code: string, s: Settings): boolean {
  const prefix = code.split('/')[0] as keyof Settings['findings'];
  return s.findings[prefix] ?? true;
}

/** More than this many diagnostics per document helps nobody and slows the editor (50,000 duplicate keys). */
export const MAX_DIAGNOSTICS = 1000;

/** Keeps the first MAX_DIAGNOSTICS (errors first, then by position) and says how many were left out. */
export function capDiagnostics(list: Diagnostic[]): Diagnostic[] {
  if (list.length <= MAX_DIAGNOSTICS) return list;
  const kept = [...list].sort((a, b) => (a.severity ?? 4) - (b.severity ?? 4)).slice(0, MAX_DIAGNOSTICS);
  kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  kept.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'yaml/too-many-findings',
    source: 'kube-spread',
    message: `${list.length - MAX_DIAGNOSTICS} more finding(s) not shown (at most ${MAX_DIAGNOSTICS} per file); run kube-spread check on the file for all of them`,
  });
  return kept;
}

export function toDiagnostic(f: Finding, uri: string): Diagnostic {
  const d: Diagnostic = { range: f.range, severity: SEVERITY[f.severity], code: f.code, source: 'kube-spread', message: f.message };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({
      message: r.message,
      location: { uri: r.file ? fileUri(r.file) : uri, range: r.range },
    }));
  }
  if (f.data !== undefined || f.path !== undefined) d.data = { path: f.path, document: f.document, data: f.data };
  return d;
}

/**
 * Clusters from this many nodes get staged first analyses: the 2,000-line benchmark file took ~1 s of
 * lint and seconds of simulation on 5,000 nodes, and well under a second altogether on the sample.
 */
export const STAGED_MIN_NODES = 1000;

/** The early stages of a first analysis: the groups each leaves out, and the group the next stage adds (a stage is skipped when that group is off). */
const STAGES: readonly { without: readonly ('lint' | 'spread')[]; adds: 'lint' | 'spread'; next: string }[] = [
  { without: ['lint', 'spread'], adds: 'lint', next: 'lint findings' },
  { without: ['spread'], adds: 'spread', next: 'spread findings' },
];

/**
 * Between stages: long enough for messages that arrived during a stage's synchronous work to be handled.
 * vscode-jsonrpc reads them in the poll phase and dispatches each through a chain of setImmediates (the
 * reader's semaphore, then the connection's queue), so one setImmediate of ours resumed before a waiting
 * didChange was handled and the open's next stage (seconds on 5,000 nodes) ran first. A short timer
 * lets the loop poll; then a chain of setImmediates longer than theirs lets their chain finish first
 * (an order that does not depend on timing: each of our steps and theirs takes one loop iteration).
 */
const STAGE_YIELD_MS = 5;
const STAGE_YIELD_TICKS = 4;

async function yieldToMessages(): Promise<void> {
  await new Promise((r) => setTimeout(r, STAGE_YIELD_MS));
  for (let i = 0; i < STAGE_YIELD_TICKS; i++) await new Promise((r) => setImmediate(r));
}

/** Related files are paths (the fixture) or already URIs. */
function fileUri(file: string): string {
  return /^[a-z][a-z0-9+.-]+:/i.test(file) ? file : pathToFileURL(file).href;
}

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly seen = new Set<string>();
  /** Documents with an analysis scheduled or running. */
  private readonly busy = new Set<string>();
  /** Documents whose scheduled or running analysis is an edit's: a further edit is part of a burst and waits. */
  private readonly bursting = new Set<string>();
  /**
   * Documents with diagnostics published since their open (or the last fixture or settings change): an
   * edit that superseded the open's later stages is analysed whole and published once, so the first
   * publish of every edited version is complete (the open's early stages are already on screen).
   */
  private readonly shown = new Set<string>();
  /** Bumped by every schedule: a run that is no longer the newest for its document is dropped. */
  private readonly generations = new Map<string, number>();
  /** Last analysis per document, with the version it belongs to (hover and code actions reuse it). */
  readonly results = new Map<string, { version: number; result: CheckResult }>();
  /** Diagnostics from elsewhere for the same URI (scheduler-config problems, lsp/state/clusterConfig.ts), published with the findings. */
  extraDiagnostics: (uri: string) => Diagnostic[] = () => [];
  /** The lines the editors show of each document (server.ts feeds it from kubeSpread/visibleRanges). */
  readonly visible = new VisibleRanges();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analysis: EditorAnalysis,
    private readonly fixtures: FixtureManager,
    private readonly settings: SettingsStore,
  ) {}

  /**
   * A newly opened document, and an edit to an idle one (leading edge), are analysed at once; an edit
   * while an edit's analysis of the document is still pending or running waits for typing to pause. An
   * edit while the open's analysis runs is the first of its burst: it supersedes the open's later
   * stages and is analysed as soon as the running stage ends (waiting 200 ms more would only add to
   * what the open already cost).
   */
  schedule(doc: TextDocument, delay?: number): void {
    const edit = delay === undefined && this.seen.has(doc.uri);
    delay ??= edit && this.bursting.has(doc.uri) ? DEBOUNCE_MS : 0;
    this.seen.add(doc.uri);
    this.busy.add(doc.uri);
    if (edit) this.bursting.add(doc.uri);
    else this.bursting.delete(doc.uri);
    clearTimeout(this.timers.get(doc.uri));
    const version = doc.version;
    const gen = (this.generations.get(doc.uri) ?? 0) + 1;
    this.generations.set(doc.uri, gen);
    this.timers.set(doc.uri, setTimeout(() => {
      this.timers.delete(doc.uri);
      void this.run(doc.uri, version, gen).finally(() => {
        // Only the newest run makes the document idle again (an older one was superseded).
        if (this.generations.get(doc.uri) === gen) {
          this.busy.delete(doc.uri);
          this.bursting.delete(doc.uri);
        }
      });
    }, delay));
  }

  /** Fixture or settings changed: everything open is stale. */
  refreshAll(): void {
    this.results.clear();
    this.shown.clear();
    for (const d of this.documents.all()) this.schedule(d, 0);
  }

  /** Open documents at these file paths publish again (their extra diagnostics changed); returns the paths that were open. */
  republish(paths: string[]): string[] {
    const open = this.documents.all().filter((d) => paths.includes(fileNameOf(d.uri)));
    for (const d of open) this.schedule(d, 0);
    return open.map((d) => fileNameOf(d.uri));
  }

  /**
   * Open documents at these file paths analysed again although their text did not change: another file of
   * their release changed (lsp/state/releaseFiles.ts). Returns the paths that were open.
   */
  rerun(paths: readonly string[]): string[] {
    const open = this.documents.all().filter((d) => paths.includes(fileNameOf(d.uri)));
    for (const d of open) {
      this.results.delete(d.uri);
      this.shown.delete(d.uri);
      this.schedule(d);
    }
    return open.map((d) => fileNameOf(d.uri));
  }

  close(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.seen.delete(uri);
    this.busy.delete(uri);
    this.bursting.delete(uri);
    this.generations.delete(uri);
    this.results.delete(uri);
    this.shown.delete(uri);
    this.visible.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: this.extraDiagnostics(uri) });
  }

  /** The current analysis for a document, computing it now if the cached one is stale. */
  analyze(doc: TextDocument): CheckResult {
    const hit = this.results.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.result;
    const result = this.analysis.check(doc.uri, doc.getText());
    this.results.set(doc.uri, { version: doc.version, result });
    return result;
  }

  /**
   * The analysis a hover shows where replicas land from: this version's when it is cheap to have
   * (computed already, or a small cluster, where computing it is about as fast as the hover); undefined on
   * a big cluster until the diagnostics run has computed it (a hover computing it whole held the server
   * ~1 s on 5,000 nodes, while the run was computing it anyway).
   */
  analysisForHover(doc: TextDocument): CheckResult | undefined {
    const hit = this.results.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.result;
    return this.fixtures.current.input.nodes.length >= STAGED_MIN_NODES ? undefined : this.analyze(doc);
  }

  private async run(uri: string, version: number, gen: number): Promise<void> {
    // The first load, not a reload: an edit while a new fixture loads is checked on the fixture in use
    // (the switch re-runs every open document: refreshAll).
    await this.fixtures.loaded;
    await new Promise((r) => setImmediate(r));
    const current = () => this.generations.get(uri) === gen && this.documents.get(uri)?.version === version;
    const doc = this.documents.get(uri);
    if (!doc || !current()) return; // superseded (newer text, fixture or settings) or closed
    const started = Date.now();
    const s = this.settings.current;
    // Stages only when there is something slow to wait for: the document's first analysis, with lint or spread on.
    const big = this.fixtures.current.input.nodes.length >= STAGED_MIN_NODES;
    const first = !this.results.has(uri) && !this.shown.has(uri);
    const stages = !big || !first ? [] : STAGES.filter((st) => s.findings[st.adds] !== false);
    const total = stages.length + 1;
    let checked: CheckedFile | undefined;
    for (const [i, stage] of stages.entries()) {
      const early = this.findings(uri, () => (checked = this.analysis.check(uri, doc.getText(), stage.without)).findings);
      if (!early || !current()) return;
      this.publish(uri, version, early, started, { uri, version, done: i + 1, total, pending: stage.next });
      // Let queued edits, hovers and cancellations in before the next, slower stage.
      await yieldToMessages();
      if (!current()) return;
    }
    // The spread stage a few workloads at a time, those on screen first (planned now: the client has
    // reported what it shows by then); each part's publish holds everything found so far, and the last
    // part is the complete analysis below.
    const parts = stages.at(-1)?.adds === 'spread' && checked ? spreadParts(workloadPlaces(checked), this.visible.of(uri)) : [];
    const spreadFor = new Set<number>();
    const nodes = this.fixtures.current.input.nodes.length;
    for (const [k, part] of parts.slice(0, -1).entries()) {
      // The collection of what the first analysis left behind (heapGrowth.ts) runs before the last two
      // parts (with doubling parts, ~70 % of the workloads), not after the last: it discards optimized
      // code whose objects died with that garbage ("weak objects"), and the parts after it optimize that
      // code again, where the user's first keystrokes used to (their p95 on 5,000 nodes ~45 -> ~18 ms).
      if (k === parts.length - 2) collectAfterFirstAnalysis(nodes);
      for (const d of part) spreadFor.add(d);
      const partial = this.findings(uri, () => this.analysis.check(uri, doc.getText(), [], spreadFor).findings);
      if (!partial || !current()) return;
      const left = parts.slice(k + 1).reduce((n, p) => n + p.length, 0);
      this.publish(uri, version, partial, started, { uri, version, done: stages.length, total, pending: `spread findings of ${left} more workload${left === 1 ? '' : 's'}` });
      await yieldToMessages();
      if (!current()) return;
    }
    const diagnostics = this.findings(uri, () => this.analyze(doc).findings);
    if (!diagnostics || !current()) return;
    if (stages.length && parts.length < 2) collectAfterFirstAnalysis(nodes);
    this.publish(uri, version, diagnostics, started, stages.length ? { uri, version, done: total, total } : undefined);
  }

  /** The enabled findings as diagnostics, capped; undefined (and logged) when the analysis failed. */
  private findings(uri: string, compute: () => Finding[]): Diagnostic[] | undefined {
    try {
      const s = this.settings.current;
      return capDiagnostics(compute().filter((f) => enabled(f.code, s)).map((f) => toDiagnostic(f, uri)));
    } catch (e) {
      this.connection.console.error(`analysis failed for ${uri}: ${(e as Error).stack ?? String(e)}`);
      return undefined;
    }
  }

  private publish(uri: string, version: number, diagnostics: Diagnostic[], started: number, progress: DiagnosticsProgress | undefined): void {
    diagnostics.push(...this.extraDiagnostics(uri));
    this.shown.add(uri);
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
    if (progress) void this.connection.sendNotification(DiagnosticsProgressNotification, progress);
    const stage = progress && progress.done < progress.total ? ` (stage ${progress.done} of ${progress.total})` : '';
    this.connection.tracer.log(`diagnostics ${uri} v${version}: ${diagnostics.length} in ${Date.now() - started} ms${stage}`);
  }
}

/** The workload documents of a checked file and their lines (what spreadParts orders). */
function workloadPlaces(checked: CheckedFile): WorkloadPlace[] {
  return checked.parsed.documents
    .filter((d) => !d.skip && d.value !== undefined && isWorkloadKind(d.kind))
    .map((d) => ({ document: d.index, startLine: d.range.start.line, endLine: d.range.end.line }));
}
