// The release as the editor shows it (code lenses, hovers, the Simulate Release view): which
// workloads of a file form its release and, when check simulates it, each one's outcome. It reads
// the release check already analysed for the same options (fileRelease.ts memoizes it by the file's
// text), so a lens or a hover never simulates the release a second time.

import type { ManifestDocument, ParsedFile } from '../../k8s/manifest';
import type { AnalysisContext } from '../context';
import type { ReleaseAnalysis } from './analyze';
import { fileRelease, type FileReleaseOptions, releaseFilesOf } from './fileRelease';
import { releaseJson, type ReleaseJson } from './json';
import type { ReleaseFile } from './members';
import { ORDER_NAMES } from './order';
import { describeChanges } from './sensitivity';

export interface EditorReleaseWorkload {
  file: string;
  document: number;
  kind: string;
  namespace: string;
  name: string;
  /** A document of the file asked about (not of another file of the release). */
  inThisFile: boolean;
}

export interface EditorRelease {
  /** Every workload of the release, in release order (the indices `result.workloads` uses). */
  workloads: EditorReleaseWorkload[];
  /** The release's files, in release order. */
  files: string[];
  /** This file's documents that are workloads of the release: document index -> workload index. */
  members: ReadonlyMap<number, number>;
  /** The outcome of the release as check simulated it; undefined when check does not simulate it (too large) or the analysis failed. */
  result?: ReleaseJson;
  /** Why check does not simulate it together (spread/release-not-simulated's message). */
  notSimulated?: string;
}

/** One JSON per analysis: every lens and hover of a version reads the same object. */
const jsonOf = new WeakMap<ReleaseAnalysis, ReleaseJson>();

/**
 * The file's release as check sees it with the same options; undefined when the release has fewer
 * than two workloads (each is then shown alone, as before).
 */
export function editorRelease(ctx: AnalysisContext, parsed: ParsedFile, opts: FileReleaseOptions): EditorRelease | undefined {
  const release = fileRelease(ctx, parsed, opts);
  if (!release) return undefined;
  const { self } = releaseFilesOf(parsed, opts);
  const members = new Map<number, number>();
  const workloads = release.workloads.map((w, k) => {
    const inThisFile = w.fileIndex === self;
    if (inThisFile) members.set(w.doc.index, k);
    return { file: w.file, document: w.doc.index, kind: w.spec.kind, namespace: w.spec.namespace, name: w.spec.name, inThisFile };
  });
  let result: ReleaseJson | undefined;
  const analysis = release.members.size > 0 ? release.analysis() : undefined;
  if (analysis) {
    result = jsonOf.get(analysis);
    if (!result) jsonOf.set(analysis, (result = releaseJson(analysis, 0)));
  }
  return {
    workloads, files: [...release.files], members, ...(result ? { result } : {}),
    ...(release.notice ? { notSimulated: release.notice.message } : {}),
  };
}

/** "cache" or "Deployment cache (other.yaml, document 0)": a blocker as lenses and hovers name it. */
export function blockerName(b: { file: string; document: number; kind: string; name: string }, file: string, long = false): string {
  const name = b.name || '(unnamed)';
  if (!long) return name;
  return `${b.kind} ${name} (${b.file === file ? '' : `${b.file}, `}document ${b.document})`;
}

/** "created in reverse document order: 0 Pending instead of 6": what changes for workload k in the other orders. */
export function orderChangesOf(r: ReleaseJson, k: number): string | undefined {
  const mine = r.orderChanges.filter((c) => c.workload === k);
  return mine.length ? describeChanges(mine) : undefined;
}

/** How the creation order is named in words ("document order"). */
export function orderName(order: ReleaseJson['order']): string {
  return ORDER_NAMES[order];
}

/**
 * The file without the documents that hold a YAML error, and their indices: while the user types,
 * a half-written document leaves the release instead of stopping the whole picture (the view says
 * which were left out).
 */
export function readableReleaseFile(f: ReleaseFile): { file: ReleaseFile; left: number[] } {
  const broken = new Set<number>();
  for (const e of f.parsed.findings) if (e.code.startsWith('yaml/') && e.severity === 'error' && e.document !== undefined) broken.add(e.document);
  if (broken.size === 0) return { file: f, left: [] };
  const documents: ManifestDocument[] = f.parsed.documents.filter((d) => !broken.has(d.index));
  return { file: { file: f.file, parsed: { ...f.parsed, documents } }, left: [...broken].sort((a, b) => a - b) };
}
