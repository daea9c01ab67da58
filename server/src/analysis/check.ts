// The whole check of one file, shared by the CLI (`kube-spread check`) and the language server:
// yaml/ (syntax), schema/ (OpenAPI), api/ (API-server rules), lint/ (likely mistakes, lint.ts)
// and spread/ (simulation on the fixture). Parse once; every layer reads the same documents.

import { parseManifestText, type ManifestDocument, type ParsedFile } from '../k8s/manifest';
import { validateEmbeddedConstraints, validateWorkloadApi, type ApiIssue } from '../validation/api';
import { constraintLists } from '../k8s/skip';
import type { Finding, Severity } from '../base/finding';
import { validateDocumentSchema, withoutApiRequired } from '../validation/schema';
import type { AnalysisContext } from './context';
import { normalizeLimits, type Limits } from './limits';
import { lintFindings } from './lint';
import { versionFindings } from './lint/version';
import { cachedWorkloadSpecOf, workloadSpecOf } from './manifest';
import { fileRelease, type FileRelease, releaseFilesOf } from './release/fileRelease';
import type { Autoscaled } from './release/hpa';
import { autoscaledDocuments, autoscalerFindings } from './release/hpaFindings';
import type { ReleaseFile } from './release/members';
import { spreadFindings, type SpreadResult } from './spread';
import { unknownPriorityClassFinding } from './preemptionFindings';
import { priorityClassesOf } from './release/priority';
import type { PriorityClassIndex } from '../engine';
import type { SimulateJson } from './simulate';
import { ContextMemo } from './contextMemo';
import type { WorkloadSpec } from './workload';
import type { Workload } from '../k8s/workloads';

export interface FindingGroups {
  yaml: boolean;
  schema: boolean;
  api: boolean;
  lint: boolean;
  spread: boolean;
}

export const ALL_GROUPS: FindingGroups = { yaml: true, schema: true, api: true, lint: true, spread: true };

export interface CheckOptions {
  groups?: Partial<FindingGroups>;
  fileName?: string;
  /** Replicas for a bare Pod (default 1). */
  defaultReplicas?: number;
  /** kubeSpread.limits.* (defaults: DEFAULT_LIMITS). */
  limits?: Partial<Limits>;
  /**
   * The release this file belongs to when it spans several files (check --release, the project file's
   * `releases`): every file, this one at `self`. Default: the file's own workloads (docs/release.md).
   */
  release?: { files: readonly ReleaseFile[]; self: number };
  /** HorizontalPodAutoscaler targets simulated at maxReplicas (--at-max). */
  atMax?: boolean;
  /**
   * The file is checked once and its text never again (`kube-spread check`): its documents' findings
   * and spread/ results are not memoized. Nothing would ask for them, and kept they would hold every
   * file of a run alive to its end.
   */
  once?: boolean;
  /**
   * spread/ findings for these documents only (indexes); the others are checked as with the spread
   * group off. The editor's first analysis on a big cluster publishes spread findings a few workloads at
   * a time, the ones on screen first (lsp/features/spreadOrder.ts); each part is memoized as the full
   * check's, which then finds every document done.
   */
  spreadFor?: ReadonlySet<number>;
}

/** Which workloads formed the file's release (outputs list them): every file's, in release order. */
export interface ReleaseMembership {
  /** Identifies the release: files of one release report the same id. */
  id: number;
  files: string[];
  workloads: { file: string; document: number; kind: string; namespace: string; name: string; replicas?: number; autoscaledBy?: string }[];
  /** false: past check's limits, each workload was simulated alone (spread/release-not-simulated). */
  simulated: boolean;
}

export interface DocumentResult {
  document: number;
  kind?: string;
  name?: string;
  simulation?: SimulateJson;
}

export interface CheckResult {
  parsed: ParsedFile;
  findings: Finding[];
  documents: DocumentResult[];
  /** The release the file's workloads were simulated in, when it has two workloads or more. */
  release?: ReleaseMembership;
  /**
   * When a HorizontalPodAutoscaler of the release scales a workload of the file: each such workload
   * simulated at its maxReplicas, in the same release (computed on first call; the editor's
   * "at HPA max" lens, lsp/features/hpaLens.ts). Absent when the check itself ran at max.
   */
  atMax?: () => AtMaxResult[];
}

/** A workload of the file at its HorizontalPodAutoscaler's maxReplicas. */
export interface AtMaxResult {
  document: number;
  autoscaler: string;
  maxReplicas: number;
  simulation?: SimulateJson;
}

/**
 * spread/ results per analysis context, keyed by everything they depend on besides the context: the
 * document's text, where it starts (every range inside it follows from that), its index, the replicas
 * simulated and the file name. A keystroke in one document of a 100-document file then simulates that
 * document only (5,000-node fixture: the whole file took ~24 s per keystroke). Least recently used
 * entries go first; the context (fixture, version, profile) changing drops everything with it.
 */
const SPREAD_MEMO_ENTRIES = 2000;
/**
 * Entries per document place (file, index, options): the current text and the one before it (an undo
 * finds it). Superseded versions go: each holds on to the text it was parsed from.
 */
const VERSIONS_PER_DOCUMENT = 2;
const spreadMemo = new ContextMemo<SpreadResult>(SPREAD_MEMO_ENTRIES, VERSIONS_PER_DOCUMENT);

function memoSpreadFindings(
  ctx: AnalysisContext, parsed: ParsedFile, doc: ManifestDocument, fileName: string | undefined, slot: string, once: boolean, compute: () => SpreadResult,
): SpreadResult {
  const range = doc.yaml.range;
  if (!range) return compute();
  const [start, , end] = range;
  const key = [doc.index, doc.range.start.line, doc.range.start.character, fileName ?? '', parsed.text.slice(start, end)].join('\u0000');
  const hit = spreadMemo.get(ctx, key);
  if (hit) return hit;
  const r = compute();
  if (!once) spreadMemo.set(ctx, key, r, slot);
  return r;
}

/**
 * Each document's findings (schema/, api/, lint/, spread/) and simulation per analysis context, keyed
 * like spreadMemo plus the options they depend on (groups, replicas, limits): a keystroke re-checks
 * the edited document only, the other documents of the file reuse their findings unchanged.
 */
const documentMemo = new ContextMemo<{ findings: Finding[]; simulation?: SimulateJson; spread?: SpreadInput }>(SPREAD_MEMO_ENTRIES, VERSIONS_PER_DOCUMENT);

/**
 * A document's place for the memos above: what stays the same while the user edits it (ContextMemo
 * slots), the options of one check (made once per check) plus the memo's use and the document's index.
 */
function documentSlots(opts: CheckOptions, groups: FindingGroups): (doc: ManifestDocument, what: string) => string {
  const { maxReplicas } = normalizeLimits(opts.limits);
  const options = [JSON.stringify(groups), opts.defaultReplicas ?? '', maxReplicas, opts.fileName ?? '', opts.atMax ? 'max' : ''].join('\u0000');
  return (doc, what) => `${what}\u0000${options}\u0000${doc.index}`;
}

function documentKey(parsed: ParsedFile, doc: ManifestDocument, opts: CheckOptions, groups: FindingGroups): string | undefined {
  const range = doc.yaml.range;
  if (!range) return undefined;
  const [start, , end] = range;
  const { maxReplicas } = normalizeLimits(opts.limits);
  return [
    JSON.stringify(groups), opts.defaultReplicas ?? '', maxReplicas, opts.fileName ?? '', opts.atMax ? 'max' : '',
    doc.index, doc.range.start.line, doc.range.start.character, parsed.text.slice(start, end),
  ].join('\u0000');
}

export function checkText(text: string, ctx: AnalysisContext, opts: CheckOptions = {}): CheckResult {
  const { maxTextLength, maxDepth, maxAliasCount } = normalizeLimits(opts.limits);
  const parsed = parseManifestText(text, { fileName: opts.fileName, maxTextLength, maxDepth, maxAliasCount });
  return checkParsed(parsed, ctx, opts);
}

export function checkParsed(parsed: ParsedFile, ctx: AnalysisContext, opts: CheckOptions = {}): CheckResult {
  const groups = { ...ALL_GROUPS, ...opts.groups };
  const documentSlot = documentSlots(opts, groups);
  // Documents left out of spreadFor: checked, and memoized, exactly as with the spread group off.
  const withoutSpread = { ...groups, spread: false };
  const withoutSpreadSlot = opts.spreadFor ? documentSlots(opts, withoutSpread) : documentSlot;
  const findings: Finding[] = [];
  const documents: DocumentResult[] = [];
  if (groups.yaml) findings.push(...parsed.findings);
  else findings.push(...parsed.findings.filter((f) => f.severity === 'information'));
  // The file's workloads form a release (release/): each one's spread/ findings depend on all of them,
  // so their memo keys carry the release's id, which changes when any of them does.
  const releaseOpts = { fileName: opts.fileName, files: opts.release?.files, self: opts.release?.self };
  const release = groups.spread
    ? fileRelease(ctx, parsed, { ...releaseOpts, podReplicas: opts.defaultReplicas, maxReplicas: normalizeLimits(opts.limits).maxReplicas, atMax: opts.atMax, limits: normalizeLimits(opts.limits) })
    : undefined;
  // HorizontalPodAutoscalers of the release set the replicas of the workloads they scale (release/hpa.ts).
  const { files: releaseFiles, self } = releaseFilesOf(parsed, releaseOpts);
  const autoscaled = autoscaledDocuments(releaseFiles, self, (d) => workloadSpecOf(d, opts.defaultReplicas)?.spec.replicas, opts.atMax === true);
  if (groups.lint) findings.push(...autoscalerFindings(releaseFiles, self));
  // PriorityClass documents of the release define classes its pods may name (spread/priority-class-unknown):
  // their text joins every document's memo key, the index is built only when a document is checked.
  const classDocs = releaseFiles.flatMap((f) => f.parsed.documents.filter((d) => d.kind === 'PriorityClass' && !d.skip));
  const classKey = classDocs.map((d) => JSON.stringify(d.value)).join('\u0001');
  let classIndex: PriorityClassIndex | undefined;
  const classes = () => (classIndex ??= priorityClassesOf(classDocs, ctx.cluster.priorityClasses));
  for (const doc of parsed.documents) {
    const result: DocumentResult = { document: doc.index, kind: doc.kind, name: doc.name };
    documents.push(result);
    if (doc.skip || doc.value === undefined) continue;
    const spreadHere = !opts.spreadFor || opts.spreadFor.has(doc.index);
    const docGroups = spreadHere ? groups : withoutSpread;
    const slotOf = spreadHere ? documentSlot : withoutSpreadSlot;
    const inRelease = docGroups.spread && release?.members.has(doc.index) ? release : undefined;
    const scaled = autoscaled.get(doc.index);
    const baseKey = documentKey(parsed, doc, opts, docGroups);
    const scaledKey = baseKey === undefined || !scaled ? baseKey : `${baseKey}\u0000hpa ${scaled.replicas}`;
    const documentMemoKey = scaledKey === undefined || !classKey ? scaledKey : `${scaledKey}\u0000classes ${classKey}`;
    // A release member's memo entry holds its findings but spread/: those depend on the whole release
    // and are added below (memoized by the release's id), so an edit elsewhere re-runs them only.
    const key = documentMemoKey === undefined || !inRelease ? documentMemoKey : `${documentMemoKey}\u0000in a release`;
    const hit = key === undefined ? undefined : documentMemo.get(ctx, key);
    if (hit) {
      findings.push(...hit.findings);
      if (hit.simulation) result.simulation = hit.simulation;
      if (hit.spread) releaseSpread(doc, result, hit.spread, inRelease!);
      continue;
    }
    const from = findings.length;
    const spread = checkDocument(doc, result, inRelease, docGroups);
    if (key !== undefined && !opts.once) {
      documentMemo.set(ctx, key, { findings: findings.slice(from), simulation: result.simulation, spread }, slotOf(doc, inRelease ? 'release' : ''));
    }
    if (spread) releaseSpread(doc, result, spread, inRelease!);
  }
  if (release?.notice) findings.push(release.notice); // too large to simulate together on every change
  const atMax = autoscaled.size > 0 && groups.spread && !opts.atMax ? atMaxOf(parsed, ctx, opts, autoscaled) : undefined;
  return { parsed, findings: sortFindings(findings), documents, ...(release ? { release: membership(release) } : {}), ...(atMax ? { atMax } : {}) };

  /** spread/ findings of a release member, memoized with the release's id (they depend on every member). */
  function releaseSpread(doc: ManifestDocument, result: DocumentResult, input: SpreadInput, inRelease: FileRelease): void {
    try {
      const analysis = inRelease.analysis();
      const member = inRelease.members.get(doc.index);
      const dr = analysis && member !== undefined ? { analysis, member } : undefined;
      const memoName = `${opts.fileName ?? ''}\u0000${input.spec.replicas}${dr ? `\u0000release ${inRelease.id}` : ''}`;
      const slot = documentSlot(doc, dr ? 'release spread' : 'spread');
      const s = memoSpreadFindings(ctx, parsed, doc, memoName, slot, opts.once === true, () => spreadFindings(ctx, doc, input.spec, input.workload, input.apiIssues, input.rejected, dr));
      findings.push(...s.findings);
      result.simulation = s.simulation;
    } catch (e) {
      findings.push({
        code: 'spread/not-simulated', severity: 'information', document: doc.index, range: doc.range,
        message: `Placement not simulated: ${(e as Error).message}`,
      });
    }
  }

  /** Every finding of the document; for a release member, its spread/ findings' input instead of them (releaseSpread). */
  function checkDocument(doc: ManifestDocument, result: DocumentResult, inRelease: FileRelease | undefined, groups: FindingGroups): SpreadInput | undefined {
    try {
      const schemaFindings = groups.schema || groups.spread ? validateDocumentSchema(doc, { minor: ctx.env.minor }) : [];
      const apiOptions = { minor: ctx.env.minor, gates: ctx.env.gates };
      const apiIssues = groups.api || groups.lint || groups.spread ? validateWorkloadApi(doc.value, apiOptions) : [];
      // A field both layers report missing (topologyKey) is reported once, by api/.
      if (groups.schema) findings.push(...(groups.api ? withoutApiRequired(schemaFindings, apiIssues) : schemaFindings));
      // The API server would refuse the object (a wrong type, a broken rule): said by schema/ or api/.
      const rejected = schemaFindings.some((f) => f.severity === 'error') || apiIssues.some((i) => i.severity === 'error');
      if (groups.api) findings.push(...apiIssues.map((i) => apiFinding(doc, i)));
      // Constraint lists the simulation does not read (custom resources; yaml/custom-workload says so) still get the API rules.
      if (groups.api) {
        const source = doc.yaml.range ? parsed.text.slice(doc.yaml.range[0], doc.yaml.range[2]) : undefined;
        findings.push(...validateEmbeddedConstraints(doc.kind, constraintLists(doc.value, source), apiOptions).map((i) => apiFinding(doc, i)));
      }
      // A copy: its spec is replaced below for an autoscaled document (the cached one is shared).
      const cached = cachedWorkloadSpecOf(doc, opts.defaultReplicas);
      if (!cached) return undefined;
      const ws = { ...cached };
      const scaled = autoscaled.get(doc.index);
      if (scaled) ws.spec = { ...ws.spec, replicas: scaled.replicas };
      const { maxReplicas } = normalizeLimits(opts.limits);
      if (groups.spread && ws.spec.replicas !== undefined && ws.spec.replicas > maxReplicas) {
        findings.push({
          code: 'spread/replicas-limit', severity: 'information', document: doc.index,
          range: doc.rangeOf(['spec', 'replicas'], 'value') ?? doc.range,
          message: `Only the first ${maxReplicas} of ${ws.spec.replicas} replicas are simulated (setting kubeSpread.limits.maxReplicas)`,
        });
        ws.spec = { ...ws.spec, replicas: maxReplicas };
      }
      if (groups.lint) findings.push(...lintFindings(ctx, doc, ws.spec, ws.workload, apiIssues));
      if (groups.lint) findings.push(...versionFindings(ctx, doc, ws.spec, ws.workload));
      if (groups.spread) {
        const unknown = unknownPriorityClassFinding(ctx, doc, ws.workload, classes());
        if (unknown) findings.push(unknown);
      }
      // A spec the API server rejects is still simulated (the user sees both), but not when its
      // shape is too broken to mean anything.
      if (groups.spread && inRelease) return { spec: ws.spec, workload: ws.workload, apiIssues, rejected };
      if (groups.spread) {
        try {
          const spec = ws.spec;
          const analysis = inRelease?.analysis();
          const member = inRelease?.members.get(doc.index);
          const dr = analysis && member !== undefined ? { analysis, member } : undefined;
          const memoName = `${opts.fileName ?? ''}\u0000${spec.replicas}${dr ? `\u0000release ${inRelease!.id}` : ''}`;
          const slot = documentSlot(doc, dr ? 'release spread' : 'spread');
          const s = memoSpreadFindings(ctx, parsed, doc, memoName, slot, opts.once === true, () => spreadFindings(ctx, doc, spec, ws.workload, apiIssues, rejected, dr));
          findings.push(...s.findings);
          result.simulation = s.simulation;
        } catch (e) {
          findings.push({
            code: 'spread/not-simulated', severity: 'information', document: doc.index, range: doc.range,
            message: `Placement not simulated: ${(e as Error).message}`,
          });
        }
      }
    } catch (e) {
      // A bug in any layer costs the rest of this document only; other documents are still checked.
      findings.push({
        code: 'yaml/internal-error', severity: 'warning', document: doc.index, range: doc.rangeOf(['kind'], 'key') ?? doc.range,
        message: `Document not checked: kube-spread failed on it (${(e as Error)?.message ?? String(e)}); please report it`,
      });
    }
    return undefined;
  }
}

/** What a release member's spread/ findings are computed from (check.ts releaseSpread). */
interface SpreadInput {
  spec: WorkloadSpec;
  workload: Workload;
  apiIssues: ApiIssue[];
  rejected: boolean;
}

/** The autoscaled workloads' simulations at maxReplicas: the same check with atMax, spread/ only, on first call. */
function atMaxOf(parsed: ParsedFile, ctx: AnalysisContext, opts: CheckOptions, autoscaled: ReadonlyMap<number, Autoscaled>): () => AtMaxResult[] {
  let out: AtMaxResult[] | undefined;
  return () => {
    if (!out) {
      const spreadOnly = { yaml: false, schema: false, api: false, lint: false, spread: true };
      const r = checkParsed(parsed, ctx, { ...opts, atMax: true, groups: spreadOnly });
      out = [...autoscaled].map(([document, a]) => ({
        document, autoscaler: a.hpa.name, maxReplicas: a.hpa.maxReplicas, simulation: r.documents.find((d) => d.document === document)?.simulation,
      }));
    }
    return out;
  };
}

function membership(r: FileRelease): ReleaseMembership {
  return {
    id: r.id,
    files: [...r.files],
    workloads: r.workloads.map((w) => ({
      file: w.file, document: w.doc.index, kind: w.spec.kind, namespace: w.spec.namespace, name: w.spec.name,
      ...(w.spec.replicas !== undefined ? { replicas: w.spec.replicas } : {}),
      ...(w.autoscaled ? { autoscaledBy: w.autoscaled.hpa.name } : {}),
    })),
    simulated: r.simulated,
  };
}

function apiFinding(doc: ManifestDocument, i: ApiIssue): Finding {
  const part = doc.has(i.path) && (i.type === 'Invalid' || i.type === 'NotSupported') ? 'value' : 'key';
  return {
    code: i.code,
    severity: i.severity as Severity,
    message: i.explanation ?? i.message,
    path: i.fieldPath,
    range: doc.rangeOf(i.path, part) ?? doc.range,
    document: doc.index,
    data: { apiMessage: i.message, type: i.type },
  };
}

export function sortFindings(f: Finding[]): Finding[] {
  return f.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
}
