// The one door to the analysis: the CLI and every editor feature go through an AnalysisSession,
// so both pick the same workload, build the same context and attach the same warnings, and a
// file checked in CI reports exactly what the editor shows.
//
// A session is one fixture under one resolved cluster configuration (version, gates, scheduler
// profiles). Building its context snapshots the whole cluster, so sessions are cached by the
// identity of those two inputs: the language server asks for a session on every request and gets
// the same object (and its memos) until the fixture or the settings change.

import type { Finding } from '../base/finding';
import { defaultEnv, NEWEST_MINOR, OLDEST_MINOR, type SchedulerEnv, type SchedulerSetup } from '../engine';
import type { LoadedFixture } from '../fixture';
import { parseManifestText, type ManifestDocument, type ParsedFile } from '../k8s/manifest';
import { validateWorkloadApi } from '../validation/api';
import { checkParsed, type FindingGroups } from './check';
import { type AnalysisContext, clusterInfo, kubernetesInfo, makeContext } from './context';
import { explainWorkload, type ExplainJson } from './explain';
import { normalizeLimits, type Limits } from './limits';
import { applySuppressions, type CheckedFile, type SuppressionRules } from './project/suppress';
import { workloadSpecOf } from './manifest';
import { analyzeRelease } from './release/analyze';
import { explainInRelease, type ReleaseExplainJson } from './release/explain';
import { releaseWhatIfContext } from './release/whatIf';
import { releaseDomainLoss, type ReleaseDomainLossJson, renderReleaseDomainLoss } from './release/domainLoss';
import { WhatIfError } from './whatif';
import { editorRelease, type EditorRelease } from './release/editorView';
import { releaseSimulateJson, type ReleaseSimulateJson } from './release/json';
import { autoscaledReplicas } from './release/hpa';
import { autoscalerFor, releaseAutoscalers, type ReleaseFile, type ReleaseWorkload, releaseWorkloads } from './release/members';
import type { ReleaseOrder } from './release/order';
import { simulateWorkload, type SimulateJson } from './simulate';
import { DOMAIN_LOSS_MODES, runWhatIfs, targetOf, type WhatIfOutput, type WhatIfRequest } from './whatIfRun';
import type { DomainLossMode } from './whatif/types';
import type { WorkloadSpec } from './workload';
import type { Workload } from '../k8s/workloads';

/** The resolved cluster configuration (analysis/clusterSettings.ts resolves it from flags, settings and the fixture). */
export interface SessionSettings {
  env: SchedulerEnv;
  setup?: SchedulerSetup;
}

/** Per-call options of a check: what the editor's settings or the CLI's flags choose. */
export interface CheckOptions {
  fileName?: string;
  groups?: Partial<FindingGroups>;
  limits?: Partial<Limits>;
  /** Replicas simulated for a bare Pod (setting kubeSpread.defaultReplicas; the CLI uses 1). */
  podReplicas?: number;
  /** The project file's disabled codes and severity overrides for this file (analysis/project/projectFile.ts). */
  project?: SuppressionRules;
  /**
   * The release the file belongs to when it spans several files (check --release, the project file's
   * `releases`: releaseFilesFor): every file, this one at `self`. Default: the file's own workloads.
   */
  release?: { files: readonly ReleaseFile[]; self: number };
  /** HorizontalPodAutoscaler targets simulated at maxReplicas (--at-max). */
  atMax?: boolean;
  /** Checked once, never again (`kube-spread check`): nothing of it is memoized for a later check of the same text. */
  once?: boolean;
  /** spread/ findings for these document indexes only (the editor's first analysis, part by part: analysis/check.ts). */
  spreadFor?: ReadonlySet<number>;
}

/** Where the user points: a 0-based YAML document (CLI --document, a code lens), or a text offset (the cursor). */
export interface WorkloadAt {
  document?: number;
  offset?: number;
  podReplicas?: number;
}

export interface PickedWorkload {
  doc: ManifestDocument;
  spec: WorkloadSpec;
  workload: Workload;
}

/** What simulateRelease simulates: which workload the answer focuses on, and its replicas. */
export interface ReleaseRequest {
  /** The workload the top-level fields describe: document `document` of file `file` (default: the release's first workload). */
  focus?: { file: number; document: number };
  /** Replicas of the focused workload instead of its manifest's. */
  replicas?: number;
  /** The creation order reported (default: document order; docs/release.md). */
  order?: ReleaseOrder;
  /** Replicas of a bare Pod (the CLI uses 1). */
  podReplicas?: number;
  /** HorizontalPodAutoscaler targets at maxReplicas (--at-max). */
  atMax?: boolean;
}

/** Nothing schedulable where the user pointed; the message is one line and names no file (callers add it, and `at` when given). */
export class WorkloadPickError extends Error {
  constructor(message: string, readonly at?: { line: number; character: number }) {
    super(message);
  }
}

const WORKLOAD_KINDS = 'Deployment, StatefulSet, ReplicaSet, ReplicationController, Job, CronJob, DaemonSet';

/** One node as `kube-spread fixture` lists it. */
export interface NodeRow {
  name: string;
  zone: string | undefined;
  labels: Record<string, string>;
  taints: string[];
  unschedulable: boolean;
  pods: number;
}

/** A node as pictures and quick picks show it. */
export interface FixtureNode {
  name: string;
  labels: Record<string, string>;
  unschedulable?: boolean;
}

export class AnalysisSession {
  readonly context: AnalysisContext;
  private lastParse: { text: string; key: string; parsed: ParsedFile } | undefined;
  private explains = new WeakMap<ParsedFile, Map<number, ExplainJson>>();

  constructor(readonly fixture: LoadedFixture, readonly settings: SessionSettings) {
    this.context = makeContext(fixture, settings.env, undefined, settings.setup);
  }

  /**
   * Parses a manifest file within the size, nesting and alias limits; the last parse is reused for
   * the same text, name and limits (a hover after a simulate, repeated hovers).
   */
  parse(text: string, fileName: string, limits?: Partial<Limits>): ParsedFile {
    const options = parseOptions(fileName, limits);
    const key = `${fileName}\u0000${options.maxTextLength}\u0000${options.maxDepth}\u0000${options.maxAliasCount}`;
    const last = this.lastParse;
    if (last && last.text === text && last.key === key) return last.parsed;
    const parsed = parseManifestText(text, options);
    this.lastParse = { text, key, parsed };
    return parsed;
  }

  /**
   * A text read once and never parsed again (`kube-spread check` over many files): parsed in one piece,
   * past the document cache that makes an editor's keystrokes cheap (its pieces would only push each
   * other out, and stay alive until they do). The result is parse's.
   */
  parseOnce(text: string, fileName: string, limits?: Partial<Limits>): ParsedFile {
    return parseManifestText(text, { ...parseOptions(fileName, limits), splitDocuments: false });
  }

  /**
   * Every finding layer for one file (yaml, schema, api, lint, spread), with the file's ignore
   * comments and annotations and the project file's rules applied (analysis/project/suppress.ts).
   */
  check(parsed: ParsedFile, opts: CheckOptions = {}): CheckedFile {
    const r = checkParsed(parsed, this.context, {
      fileName: opts.fileName, groups: opts.groups, limits: opts.limits, defaultReplicas: opts.podReplicas, release: opts.release, atMax: opts.atMax, once: opts.once, spreadFor: opts.spreadFor,
    });
    return { ...r, ...applySuppressions(parsed, r.findings, { rules: opts.project, groups: opts.groups, spreadFor: opts.spreadFor }) };
  }

  /**
   * The schedulable object the user means: document N when given (it must be a Pod or workload),
   * else the one under the offset when that is one, else the file's first Pod or workload.
   */
  pickWorkload(parsed: ParsedFile, at: WorkloadAt = {}): PickedWorkload {
    const docs = parsed.documents;
    const specOf = (doc: ManifestDocument) => {
      const ws = workloadSpecOf(doc, at.podReplicas);
      return ws && { doc, spec: ws.spec, workload: ws.workload };
    };
    if (at.document !== undefined) {
      const doc = docs[at.document];
      if (!doc) throw new WorkloadPickError(`has ${docs.length} document(s); document ${at.document} does not exist`);
      const picked = specOf(doc);
      if (!picked) throw new WorkloadPickError(`document ${at.document} is ${doc.kind ? `a ${doc.kind}` : 'not a Kubernetes object'}, not a Pod or workload`);
      return picked;
    }
    if (at.offset !== undefined) {
      const under = docs.find((d) => d.yaml.range && d.yaml.range[0] <= at.offset! && at.offset! <= d.yaml.range[2]);
      const picked = under && specOf(under);
      if (picked) return picked;
    }
    for (const doc of docs) {
      const picked = specOf(doc);
      if (picked) return picked;
    }
    const syntax = parsed.findings.find((f) => f.severity === 'error');
    if (syntax) throw new WorkloadPickError(syntax.message, syntax.range.start);
    throw new WorkloadPickError(`no Pod or workload (${WORKLOAD_KINDS}) found`);
  }

  /** The API server's errors for the object: shown beside a preview of what it would do. */
  apiWarnings(doc: ManifestDocument): string[] {
    return validateWorkloadApi(doc.value, { minor: this.context.env.minor, gates: this.context.env.gates })
      .filter((i) => i.severity === 'error')
      .map((i) => i.message);
  }

  simulate(picked: PickedWorkload, opts: { replicas?: number } = {}): SimulateJson {
    return simulateWorkload(this.context, picked.spec, opts.replicas, this.apiWarnings(picked.doc));
  }

  /** The Pod and workload documents of the files, in the order kubectl apply sends them: a release when two or more (docs/release.md). */
  releaseWorkloads(files: readonly ReleaseFile[], opts: { podReplicas?: number; atMax?: boolean } = {}): ReleaseWorkload[] {
    return releaseWorkloads(files, { ...opts, clusterClasses: this.context.cluster.priorityClasses });
  }

  /**
   * Every workload of the files placed together on one cluster, in creation order (docs/release.md):
   * the focused workload as `simulate` reports one, placed within the release, and the release beside
   * it (who blocks whom, whether another creation order changes the outcome). Throws WorkloadPickError
   * when the focus is not a Pod or workload, or when the files hold none.
   */
  simulateRelease(files: readonly ReleaseFile[], req: ReleaseRequest = {}): ReleaseSimulateJson {
    const workloads = releaseWorkloads(files, { podReplicas: req.podReplicas, atMax: req.atMax, clusterClasses: this.context.cluster.priorityClasses });
    let focus = 0;
    if (req.focus) {
      const { file, document } = req.focus;
      focus = workloads.findIndex((w) => w.fileIndex === file && w.doc.index === document);
      // Not a workload of the release: pickWorkload says why, as for a workload alone.
      if (focus < 0 && files[file]) this.pickWorkload(files[file].parsed, { document, podReplicas: req.podReplicas });
    }
    if (workloads.length === 0 || focus < 0) throw new WorkloadPickError(`no Pod or workload (${WORKLOAD_KINDS}) found`);
    const replicas = req.replicas === undefined ? undefined : new Map([[focus, req.replicas]]);
    const analysis = analyzeRelease(this.context, workloads, { order: req.order, replicas });
    return releaseSimulateJson(analysis, focus, this.apiWarnings(workloads[focus].doc));
  }

  /**
   * The replicas a HorizontalPodAutoscaler of the files leaves the picked workload with (docs/release.md,
   * "Autoscaling targets"), or its maxReplicas with `atMax`; undefined when no HPA of the files scales it.
   */
  autoscaled(files: readonly ReleaseFile[], picked: PickedWorkload, atMax = false): { replicas: number; why: string } | undefined {
    const hpa = autoscalerFor(releaseAutoscalers(files), picked.spec);
    return hpa && autoscaledReplicas(hpa, picked.spec.replicas, atMax);
  }

  /**
   * The file's release as check simulates it with the same options (the analysis check already made is
   * reused): what code lenses and hovers show; undefined for a file of fewer than two workloads.
   */
  release(parsed: ParsedFile, opts: CheckOptions = {}): EditorRelease | undefined {
    if (opts.groups?.spread === false) return undefined;
    return editorRelease(this.context, parsed, {
      fileName: opts.fileName, podReplicas: opts.podReplicas, maxReplicas: normalizeLimits(opts.limits).maxReplicas,
      files: opts.release?.files, self: opts.release?.self, atMax: opts.atMax,
    });
  }

  /**
   * Explains one pod of a workload within its release (docs/release.md): on the cluster with the other
   * workloads' pods placed before it in the default creation order. `focus`: document `document` of file
   * `file` (default: the release's first workload). Throws WorkloadPickError as simulateRelease does.
   */
  explainInRelease(files: readonly ReleaseFile[], req: { focus?: { file: number; document: number }; podReplicas?: number } = {}): ReleaseExplainJson {
    const workloads = releaseWorkloads(files, { podReplicas: req.podReplicas, clusterClasses: this.context.cluster.priorityClasses });
    let focus = 0;
    if (req.focus) {
      const { file, document } = req.focus;
      focus = workloads.findIndex((w) => w.fileIndex === file && w.doc.index === document);
      if (focus < 0 && files[file]) this.pickWorkload(files[file].parsed, { document, podReplicas: req.podReplicas });
    }
    if (workloads.length === 0 || focus < 0) throw new WorkloadPickError(`no Pod or workload (${WORKLOAD_KINDS}) found`);
    return explainInRelease(this.context, workloads, focus, this.apiWarnings(workloads[focus].doc));
  }

  /** Explains one pod of the workload; repeated on the same parse (hovers), the first answer is reused. */
  explain(parsed: ParsedFile, picked: PickedWorkload): ExplainJson {
    let byDoc = this.explains.get(parsed);
    if (!byDoc) this.explains.set(parsed, (byDoc = new Map()));
    const hit = byDoc.get(picked.doc.index);
    if (hit) return hit;
    const e = explainWorkload(this.context, picked.spec, this.apiWarnings(picked.doc));
    byDoc.set(picked.doc.index, e);
    return e;
  }

  /**
   * Rolling update or scale of one workload of a release while the others run (docs/release.md): the
   * what-if on a cluster holding the other workloads' pods as the release placed them. A domain loss
   * concerns every workload: domainLossInRelease (WhatIfError here).
   */
  whatIfInRelease(files: readonly ReleaseFile[], focus: { file: number; document: number }, req: WhatIfRequest): WhatIfOutput & { running: string[] } {
    if (req.withoutDomain !== undefined) throw new WhatIfError('--without-domain within a release re-places every workload: domainLossInRelease');
    const workloads = releaseWorkloads(files, { podReplicas: 1, clusterClasses: this.context.cluster.priorityClasses });
    const k = workloads.findIndex((w) => w.fileIndex === focus.file && w.doc.index === focus.document);
    if (k < 0) throw new WorkloadPickError(`document ${focus.document} is not a Pod or workload of the release`);
    const { ctx, running } = releaseWhatIfContext(this.context, workloads, k);
    const out = runWhatIfs(ctx, targetOf(workloads[k].doc), req);
    const names = Object.entries(running).map(([j, n]) => `${workloads[Number(j)].spec.kind} ${workloads[Number(j)].spec.name} (${n} pod(s))`);
    return { ...out, running: names };
  }

  /**
   * Losing a domain (KEY=VALUE) under the whole release (docs/release.md): the release placed, the domain
   * lost, every workload's lost pods replaced through one queue. Throws WhatIfError for a bad request.
   */
  domainLossInRelease(files: readonly ReleaseFile[], req: { withoutDomain: string; domainLoss?: string; podReplicas?: number; atMax?: boolean }): { json: ReleaseDomainLossJson; text: string; pending: boolean } {
    const mode = (req.domainLoss ?? 'remove') as DomainLossMode;
    if (!DOMAIN_LOSS_MODES.includes(mode)) throw new WhatIfError(`--domain-loss must be one of ${DOMAIN_LOSS_MODES.join(', ')}`);
    const workloads = releaseWorkloads(files, { podReplicas: req.podReplicas ?? 1, atMax: req.atMax, clusterClasses: this.context.cluster.priorityClasses });
    if (workloads.length === 0) throw new WorkloadPickError('no Pod or workload found');
    const json = releaseDomainLoss(this.context, workloads, req.withoutDomain, mode);
    return { json, text: renderReleaseDomainLoss(json), pending: json.pendingAfter > 0 };
  }

  /** Rolling update, scale and domain loss on the session's cluster (throws WhatIfError for a bad request). */
  whatIf(picked: PickedWorkload, req: WhatIfRequest): WhatIfOutput {
    return runWhatIfs(this.context, targetOf(picked.doc), req);
  }

  clusterInfo() {
    return clusterInfo(this.context);
  }

  kubernetesInfo() {
    return kubernetesInfo(this.context);
  }

  /** The scheduler profiles of the configuration in use, and its file ('default': kube-scheduler's defaults). */
  schedulerProfiles(): { source: string; profiles: string[] } {
    const sc = this.context.scheduler;
    return { source: sc?.source ?? 'default', profiles: sc ? sc.profiles.map((p) => p.schedulerName) : [this.context.profile.schedulerName] };
  }

  /** What the engine sees of each node: `kube-spread fixture`'s table. */
  nodeTable(): NodeRow[] {
    return this.context.cluster.nodes.map((n) => ({
      name: n.name,
      zone: n.labels['topology.kubernetes.io/zone'],
      labels: n.labels,
      taints: n.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
      unschedulable: n.unschedulable,
      pods: n.pods.length,
    }));
  }

  /** The fixture's nodes (name, labels, cordoned) for pictures. */
  nodes(): FixtureNode[] {
    return fixtureNodes(this.fixture);
  }

  /** Every topology key of the fixture's nodes with its values, sorted: what a domain-loss picker offers (the loader's summary has it). */
  domains(): Record<string, string[]> {
    return this.fixture.summary.topologyKeys;
  }

}

/** The nodes of a fixture as pictures show them (also used before any session exists, e.g. the status bar). */
export function fixtureNodes(f: LoadedFixture): FixtureNode[] {
  return f.input.nodes.map((n) => ({
    name: n.metadata?.name ?? '',
    labels: n.metadata?.labels ?? {},
    unschedulable: n.spec?.unschedulable || undefined,
  }));
}

/** The parser's options for a file under the session's limits (parse and parseOnce). */
function parseOptions(fileName: string, limits: Partial<Limits> | undefined) {
  const { maxTextLength, maxDepth, maxAliasCount } = normalizeLimits(limits);
  return { fileName, maxTextLength, maxDepth, maxAliasCount };
}

const sessions = new WeakMap<LoadedFixture, WeakMap<SessionSettings, AnalysisSession>>();
const defaultSettings = new Map<number, SessionSettings>();

/**
 * The session for a fixture and resolved settings, cached by identity: the same pair gives the same
 * session (and its context and memos). Without settings, kube-scheduler's defaults of `minor`
 * (default: the newest release).
 */
export function openSession(fixture: LoadedFixture, settings?: SessionSettings, minor?: number): AnalysisSession {
  let s = settings;
  if (!s) {
    const env = defaultEnv(minor === undefined ? undefined : Math.min(NEWEST_MINOR, Math.max(OLDEST_MINOR, minor)));
    s = defaultSettings.get(env.minor);
    if (!s) defaultSettings.set(env.minor, (s = { env }));
  }
  let bySettings = sessions.get(fixture);
  if (!bySettings) sessions.set(fixture, (bySettings = new WeakMap()));
  let session = bySettings.get(s);
  if (!session) bySettings.set(s, (session = new AnalysisSession(fixture, s)));
  return session;
}

export type { Finding };
