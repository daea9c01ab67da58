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
import { isReleaseMember, releaseWorkloads, type ReleaseWorkload } from './members';
import { ContextMemo } from '../contextMemo';

/**
 * What check simulates as a release on every change, at most: the release is simulated three times
 * (three creation orders) and its cost grows with pods x nodes and with the workload count. Past
 * either limit the file's workloads are checked one by one, as before, and one finding says so
 * (`kube-spread simulate FILE` places them together whatever the size). Placements reused between
 * edits (docs/release.md, "What is not done yet") will lift these limits.
 */
export const RELEASE_CHECK_LIMITS = { workloads: 30, podNodes: 25_000 };

export interface FileRelease {
  /** Identifies this release among those memoized: part of the document memo keys. */
  id: number;
  /** Workload index in the release, by document index. */
  members: ReadonlyMap<number, number>;
  /** The analysis, computed on first use; undefined when it failed (each workload is then simulated alone). */
  analysis(): ReleaseAnalysis | undefined;
  /** Past RELEASE_CHECK_LIMITS: no member (each workload checked alone), and this finding says why. */
  notice?: Finding;
}

export interface FileReleaseOptions {
  fileName?: string;
  podReplicas?: number;
  maxReplicas: number;
}

const memo = new ContextMemo<FileRelease>(16);
let nextId = 1;

function source(parsed: ParsedFile, doc: ManifestDocument): string {
  const r = doc.yaml.range;
  const text = r ? parsed.text.slice(r[0], r[2]) : JSON.stringify(doc.value) ?? '';
  return `${doc.index}\u0001${doc.range.start.line}:${doc.range.start.character}\u0001${text}`;
}

/** The file's release, or undefined when it has fewer than two workloads (each is then checked alone, as before). */
export function fileRelease(ctx: AnalysisContext, parsed: ParsedFile, opts: FileReleaseOptions): FileRelease | undefined {
  try {
    return memoizedRelease(ctx, parsed, opts);
  } catch {
    return undefined; // a bug costs the release view only: every workload is still checked alone
  }
}

function memoizedRelease(ctx: AnalysisContext, parsed: ParsedFile, opts: FileReleaseOptions): FileRelease | undefined {
  const docs = parsed.documents.filter(isReleaseMember);
  if (docs.length < 2) return undefined;
  const classes = parsed.documents.filter((d) => d.kind === 'PriorityClass');
  const key = [opts.fileName ?? '', opts.podReplicas ?? '', opts.maxReplicas, ...[...docs, ...classes].map((d) => source(parsed, d))].join('\u0000');
  const hit = memo.get(ctx, key);
  if (hit) return hit;
  const workloads = releaseWorkloads([{ file: opts.fileName ?? '', parsed }], { podReplicas: opts.podReplicas, maxReplicas: opts.maxReplicas });
  if (workloads.length < 2) return undefined;
  const notice = tooLarge(ctx, workloads, opts.fileName);
  if (notice) {
    const skipped: FileRelease = { id: nextId++, members: new Map(), analysis: () => undefined, notice };
    memo.set(ctx, key, skipped);
    return skipped;
  }
  let computed: { analysis: ReleaseAnalysis | undefined } | undefined;
  const release: FileRelease = {
    id: nextId++,
    members: new Map(workloads.map((w, k) => [w.doc.index, k])),
    analysis() {
      if (!computed) {
        try {
          computed = { analysis: analyzeRelease(ctx, workloads) };
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

/** spread/release-not-simulated when the release is past RELEASE_CHECK_LIMITS (on its first workload). */
function tooLarge(ctx: AnalysisContext, workloads: readonly ReleaseWorkload[], fileName: string | undefined): Finding | undefined {
  const nodes = ctx.cluster.nodes.length;
  const pods = workloads.reduce((n, w) => n + (w.spec.replicas ?? nodes), 0);
  const { workloads: maxWorkloads, podNodes } = RELEASE_CHECK_LIMITS;
  if (workloads.length <= maxWorkloads && pods * Math.max(1, nodes) <= podNodes) return undefined;
  const doc = workloads[0].doc;
  return {
    code: 'spread/release-not-simulated',
    severity: 'information',
    document: doc.index,
    range: doc.rangeOf(['kind'], 'key') ?? doc.range,
    message: `This file's ${workloads.length} workloads (${pods} pods, on ${nodes} nodes) are checked one by one, not together as a release: `
      + `check simulates releases of at most ${maxWorkloads} workloads and ${podNodes.toLocaleString('en-US')} pods x nodes on every change. `
      + `kube-spread simulate ${fileName || 'FILE'} places them together`,
    data: { workloads: workloads.length, pods, nodes },
  };
}
