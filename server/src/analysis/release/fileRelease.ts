// The release `check` reads for one file: its workload documents analysed together (analyze.ts),
// memoized per analysis context by everything the analysis depends on: the file name, the replica
// options, and the text and position of every workload and PriorityClass document. Each distinct
// release gets an id, which check adds to the memo keys of its documents' findings: a keystroke in
// one workload re-checks the others (their findings depend on it), nothing else does. The analysis
// itself runs on first use: a file whose documents' findings are all memoized never runs it.

import type { Finding } from '../../base/finding';
import type { ManifestDocument, ParsedFile } from '../../k8s/manifest';
import type { AnalysisContext } from '../context';
import { analyzeRelease, type ReleaseAnalysis } from './analyze';
import { isAutoscaler } from './hpa';
import { isReleaseMember, type ReleaseFile, releaseWorkloads, type ReleaseWorkload } from './members';
import { ContextMemo } from '../contextMemo';
import { DEFAULT_LIMITS } from '../limits';

/**
 * What check simulates as a release on every change. An edit re-simulates the release from the first
 * workload it changes (the cycles before it are replayed: engine ReleaseReplay), but an edit early in
 * the creation order still costs nearly a whole simulation: past `kubeSpread.limits.releaseWorkloads`
 * (default 30) or `releasePodNodes` (default 25,000 pods x nodes; analysis/limits.ts) the workloads are
 * checked one by one, as before, and spread/release-not-simulated says so (`kube-spread simulate FILE`
 * places them together whatever the size). The other creation orders, which find races, share less with
 * the last edit (an interleaved order changes from the edited workload's first pod): check runs them up
 * to ORDER_POD_NODES, and past it says so (spread/release-order-not-checked); `kube-spread simulate`
 * always runs them.
 */
export const ORDER_POD_NODES = 25_000;

export interface FileRelease {
  /** Identifies this release among those memoized: part of the document memo keys. */
  id: number;
  /** Workload index in the release, by document index of the file checked. */
  members: ReadonlyMap<number, number>;
  /** Every workload of the release (of every file), in release order: what outputs list as its members. */
  workloads: readonly ReleaseWorkload[];
  /** The release's files (one unless check --release or the project file's releases group several). */
  files: readonly string[];
  /** The analysis, computed on first use; undefined when it failed (each workload is then simulated alone). */
  analysis(): ReleaseAnalysis | undefined;
  /** false: past the release limits, each workload is simulated alone. */
  simulated: boolean;
  /**
   * In the file of the first workload: past the release limits, no member (each workload checked
   * alone) and spread/release-not-simulated says why; or past its orderPodNodes,
   * spread/release-order-not-checked.
   */
  notice?: Finding;
}

export interface FileReleaseOptions {
  fileName?: string;
  podReplicas?: number;
  maxReplicas: number;
  /**
   * The release's files when it spans several (check --release, the project file's `releases`), this
   * file among them at `self`; default: this file alone.
   */
  files?: readonly ReleaseFile[];
  self?: number;
  /** HorizontalPodAutoscaler targets at maxReplicas (--at-max). */
  atMax?: boolean;
  /** kubeSpread.limits.releaseWorkloads and releasePodNodes (default: DEFAULT_LIMITS). */
  limits?: { releaseWorkloads: number; releasePodNodes: number };
}

/** The memoized release, shared by every file of it; each file gets its own view (its members). */
interface SharedRelease {
  id: number;
  workloads: readonly ReleaseWorkload[];
  files: readonly string[];
  analysis(): ReleaseAnalysis | undefined;
  notice?: Finding;
  /** spread/release-order-not-checked: simulated in document order only. */
  orderNotice?: Finding;
}

const memo = new ContextMemo<SharedRelease>(16);
let nextId = 1;

function source(parsed: ParsedFile, doc: ManifestDocument): string {
  const r = doc.yaml.range;
  const text = r ? parsed.text.slice(r[0], r[2]) : JSON.stringify(doc.value) ?? '';
  return `${doc.index}\u0001${doc.range.start.line}:${doc.range.start.character}\u0001${text}`;
}

/** The release files, with this file's current parse at `self`. */
export function releaseFilesOf(parsed: ParsedFile, opts: Pick<FileReleaseOptions, 'fileName' | 'files' | 'self'>): { files: ReleaseFile[]; self: number } {
  const here: ReleaseFile = { file: opts.fileName ?? '', parsed };
  if (!opts.files || opts.files.length === 0) return { files: [here], self: 0 };
  const self = Math.min(Math.max(0, opts.self ?? 0), opts.files.length - 1);
  return { files: opts.files.map((f, i) => (i === self ? here : f)), self };
}

/** The file's release, or undefined when the release has fewer than two workloads (each is then checked alone, as before). */
export function fileRelease(ctx: AnalysisContext, parsed: ParsedFile, opts: FileReleaseOptions): FileRelease | undefined {
  try {
    const { files, self } = releaseFilesOf(parsed, opts);
    const shared = memoizedRelease(ctx, files, opts);
    if (!shared) return undefined;
    const members = new Map<number, number>();
    if (!shared.notice) shared.workloads.forEach((w, k) => w.fileIndex === self && members.set(w.doc.index, k));
    const first = shared.workloads[0];
    return {
      id: shared.id, members, workloads: shared.workloads, files: shared.files, analysis: shared.analysis, simulated: !shared.notice,
      ...((shared.notice ?? shared.orderNotice) && first.fileIndex === self ? { notice: shared.notice ?? shared.orderNotice } : {}),
    };
  } catch {
    return undefined; // a bug costs the release view only: every workload is still checked alone
  }
}

function memoizedRelease(ctx: AnalysisContext, files: readonly ReleaseFile[], opts: FileReleaseOptions): SharedRelease | undefined {
  const relevant = (d: ManifestDocument) => isReleaseMember(d) || d.kind === 'PriorityClass' || isAutoscaler(d);
  let members = 0;
  for (const f of files) for (const d of f.parsed.documents) if (isReleaseMember(d)) members++;
  if (members < 2) return undefined;
  const key = [
    opts.podReplicas ?? '', opts.maxReplicas, opts.atMax ? 'max' : '', limitsOf(opts).releaseWorkloads, limitsOf(opts).releasePodNodes,
    ...files.flatMap((f) => [`\u0002${f.file}`, ...f.parsed.documents.filter(relevant).map((d) => source(f.parsed, d))]),
  ].join('\u0000');
  const hit = memo.get(ctx, key);
  if (hit) return hit;
  const workloads = releaseWorkloads(files, { podReplicas: opts.podReplicas, maxReplicas: opts.maxReplicas, atMax: opts.atMax, clusterClasses: ctx.cluster.priorityClasses });
  if (workloads.length < 2) return undefined;
  const names = files.map((f) => f.file);
  const notice = tooLarge(ctx, workloads, names, limitsOf(opts));
  if (notice) {
    const skipped: SharedRelease = { id: nextId++, workloads, files: names, analysis: () => undefined, notice };
    memo.set(ctx, key, skipped);
    return skipped;
  }
  let computed: { analysis: ReleaseAnalysis | undefined } | undefined;
  const orderNotice = ordersSkipped(ctx, workloads);
  const release: SharedRelease = {
    id: nextId++,
    workloads,
    files: names,
    ...(orderNotice ? { orderNotice } : {}),
    analysis() {
      if (!computed) {
        try {
          computed = { analysis: analyzeRelease(ctx, workloads, orderNotice ? { compare: [] } : {}) };
        } catch {
          computed = { analysis: undefined }; // a bug costs the release view only: every workload is still simulated alone
        }
      }
      return computed.analysis;
    },
  };
  memo.set(ctx, key, release);
  return release;
}

/** Pods the release places (a DaemonSet: one per node, at most), x the cluster's nodes. */
function podNodes(ctx: AnalysisContext, workloads: readonly ReleaseWorkload[]): { pods: number; nodes: number; product: number } {
  const nodes = ctx.cluster.nodes.length;
  const pods = workloads.reduce((n, w) => n + (w.spec.replicas ?? nodes), 0);
  return { pods, nodes, product: pods * Math.max(1, nodes) };
}

/** spread/release-order-not-checked when the release is past ORDER_POD_NODES (on its first workload). */
function ordersSkipped(ctx: AnalysisContext, workloads: readonly ReleaseWorkload[]): Finding | undefined {
  const { pods, nodes, product } = podNodes(ctx, workloads);
  const limit = ORDER_POD_NODES;
  if (product <= limit) return undefined;
  const doc = workloads[0].doc;
  const files = [...new Set(workloads.map((w) => w.file))];
  return {
    code: 'spread/release-order-not-checked',
    severity: 'information',
    document: doc.index,
    range: doc.rangeOf(['kind'], 'key') ?? doc.range,
    message: `The ${workloads.length} workloads (${pods} pods, on ${nodes} nodes) are simulated together in document order only: check also tries the other creation orders `
      + `(to find releases whose outcome is a race) up to ${limit.toLocaleString('en-US')} pods x nodes on every change. kube-spread simulate ${files.map((f) => f || 'FILE').join(' ')} tries them`,
    data: { workloads: workloads.length, pods, nodes },
  };
}

/** spread/release-not-simulated when the release is past the release limits (on its first workload). */
function limitsOf(opts: FileReleaseOptions): { releaseWorkloads: number; releasePodNodes: number } {
  return opts.limits ?? DEFAULT_LIMITS;
}

function tooLarge(ctx: AnalysisContext, workloads: readonly ReleaseWorkload[], files: readonly string[], limits: { releaseWorkloads: number; releasePodNodes: number }): Finding | undefined {
  const { pods, nodes, product } = podNodes(ctx, workloads);
  const { releaseWorkloads: maxWorkloads, releasePodNodes: limit } = limits;
  if (workloads.length <= maxWorkloads && product <= limit) return undefined;
  const doc = workloads[0].doc;
  return {
    code: 'spread/release-not-simulated',
    severity: 'information',
    document: doc.index,
    range: doc.rangeOf(['kind'], 'key') ?? doc.range,
    message: `${files.length > 1 ? "This release's" : "This file's"} ${workloads.length} workloads (${pods} pods, on ${nodes} nodes) are checked one by one, not together as a release: `
      + `check simulates releases of at most ${maxWorkloads} workloads and ${limit.toLocaleString('en-US')} pods x nodes on every change (settings kubeSpread.limits.releaseWorkloads, releasePodNodes). `
      + `kube-spread simulate ${files.map((f) => f || 'FILE').join(' ')} places them together`,
    data: { workloads: workloads.length, pods, nodes },
  };
}
