// check's findings about a workload's release (the other workload documents of its file):
// spread/blocked-by-release when other workloads of the release keep its replicas Pending (naming
// them, with a related location on each), and spread/release-order-sensitive when its outcome
// changes with the creation order. spread.ts reports them in place of / beside its own findings.

import type { Finding, RelatedInformation, Severity } from '../../base/finding';
import { formatFieldPath } from '../../engine';
import type { ManifestDocument, PathSegment } from '../../k8s/manifest';
import type { Workload } from '../../k8s/workloads';
import type { SimulateJson } from '../simulate';
import type { ReleaseAnalysis } from './analyze';
import type { Blocker } from './attribution';
import { ORDER_NAMES } from './order';
import { describeChanges } from './sensitivity';

/** A document's place in its file's release. */
export interface DocumentRelease {
  analysis: ReleaseAnalysis;
  /** The document's workload index in the release. */
  member: number;
}

const nameRanges = new WeakMap<ManifestDocument, ReturnType<ManifestDocument['rangeOf']> & object>();

/** The range of the document's name (parsed documents are frozen and shared while unchanged: cached per document). */
function nameRange(doc: ManifestDocument) {
  let r = nameRanges.get(doc);
  if (!r) nameRanges.set(doc, (r = doc.rangeOf(['metadata', 'name'], 'value') ?? doc.range));
  return r;
}

/** Whether the release spans several files (check --release, the project file's releases): messages then name files. */
function manyFiles(dr: DocumentRelease): boolean {
  const first = dr.analysis.workloads[0]?.file;
  return dr.analysis.workloads.some((w) => w.file !== first);
}

/** "(document 0)" in the same file, "(cache.yaml, document 0)" in another one. */
function where(dr: DocumentRelease, k: number): string {
  const w = dr.analysis.workloads[k];
  return w.file === dr.analysis.workloads[dr.member].file ? `(document ${w.doc.index})` : `(${w.file}, document ${w.doc.index})`;
}

/** The related location of workload k: its name, in its own file when that is another one. */
function relatedTo(dr: DocumentRelease, k: number, message: string): RelatedInformation {
  const w = dr.analysis.workloads[k];
  const other = w.file !== dr.analysis.workloads[dr.member].file;
  return { message, range: nameRange(w.doc), ...(other ? { file: w.file } : {}) };
}

function reasonList(reasons: Record<string, number>): string {
  return Object.entries(reasons).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([r, n]) => `${n} ${r}`).join(', ');
}

/** The field of the pod spec the blocking reasons point at (anti-affinity, affinity, spread), when the manifest has it. */
function blockedField(doc: ManifestDocument, workload: Workload, blockers: readonly Blocker[]): PathSegment[] {
  const reasons = blockers.flatMap((b) => Object.keys(b.reasons)).join('\n');
  const spec = workload.podSpecPath;
  const candidates: [RegExp, PathSegment[]][] = [
    [/anti-affinity/, [...spec, 'affinity', 'podAntiAffinity']],
    [/pod affinity/, [...spec, 'affinity', 'podAffinity']],
    [/topology spread/, [...spec, 'topologySpreadConstraints']],
  ];
  for (const [re, path] of candidates) if (re.test(reasons) && doc.has(path)) return path;
  return spec;
}

/**
 * spread/blocked-by-release for the document's Pending replicas that other workloads of the release
 * block; undefined when none is (the usual spread/pending or spread/unschedulable then applies).
 */
export function blockedByReleaseFinding(dr: DocumentRelease, doc: ManifestDocument, workload: Workload, sim: SimulateJson, sample: boolean): Finding | undefined {
  const byReplica = dr.analysis.attribution.get(dr.member);
  const blockedReplicas = sim.pending.filter((p) => byReplica?.has(p.replica));
  if (!byReplica || blockedReplicas.length === 0) return undefined;
  const first = blockedReplicas[0];
  const { blockers, more } = byReplica.get(first.replica)!;
  const total = sim.workload.replicas;
  const path = blockedField(doc, workload, blockers);
  const range = doc.rangeOf(path, 'key') ?? doc.range;
  const workloads = dr.analysis.workloads;
  const named = blockers.map((b) => {
    const w = workloads[b.workload];
    return `${w.spec.kind} ${w.spec.name || '(unnamed)'} ${where(dr, b.workload)} takes ${b.nodes} node(s) it could use otherwise (${reasonList(b.reasons)})`;
  });
  const related: RelatedInformation[] = blockers.map((b) => {
    const w = workloads[b.workload];
    return relatedTo(dr, b.workload, `${w.spec.kind} ${w.spec.name || '(unnamed)'}: its pods keep ${sim.workload.name || 'this workload'} Pending`);
  });
  related.push({ message: first.message, range });
  const onSample = sample ? ' (computed on the embedded sample cluster)' : '';
  const severity: Severity = sample ? 'warning' : 'error';
  return {
    code: 'spread/blocked-by-release',
    severity,
    message: `${blockedReplicas.length} of ${total} replica${total === 1 ? '' : 's'} stay Pending${onSample} because of other workloads of this ${manyFiles(dr) ? 'release' : 'file'}, applied together: ${named.join('; ')}${more ? `; and other workloads of the ${manyFiles(dr) ? 'release' : 'file'} may block them too` : ''}`,
    range,
    document: doc.index,
    path: formatFieldPath(path),
    related,
    data: {
      pending: sim.pending.length, replicas: total,
      blockedBy: blockers.map((b) => ({
        ...(manyFiles(dr) ? { file: workloads[b.workload].file } : {}),
        document: workloads[b.workload].doc.index, kind: workloads[b.workload].spec.kind, name: workloads[b.workload].spec.name,
      })),
      ...(more ? { blockedByMore: true } : {}),
    },
  };
}

/** Related locations of spread/release-order-sensitive: the other workloads that change with the order, up to this many. */
const MAX_ORDER_RELATED = 10;

/** spread/release-order-sensitive when the document's outcome changes with the release's creation order. */
export function orderSensitiveFinding(dr: DocumentRelease, doc: ManifestDocument, sample: boolean): Finding | undefined {
  const mine = dr.analysis.sensitivity.changes.filter((c) => c.workload === dr.member);
  if (mine.length === 0) return undefined;
  const workloads = dr.analysis.workloads;
  const others = [...new Set(dr.analysis.sensitivity.changes.map((c) => c.workload))].filter((k) => k !== dr.member);
  const range = nameRange(doc);
  const onSample = sample ? ' (computed on the embedded sample cluster)' : '';
  const scope = manyFiles(dr) ? 'release' : 'file';
  // In a big racy release every workload would link every other one (n² locations, most of a publish).
  const more = others.length > MAX_ORDER_RELATED ? ` ${others.length} other workloads of this ${scope} also change with the order; the first ${MAX_ORDER_RELATED} are linked.` : '';
  return {
    code: 'spread/release-order-sensitive',
    severity: sample ? 'information' : 'warning',
    message: `The outcome depends on the order in which this ${scope}'s workloads are created${onSample}: ${describeChanges(mine)} (reported: ${ORDER_NAMES[dr.analysis.run.order]})${more}`,
    range,
    document: doc.index,
    path: 'metadata.name',
    related: others.slice(0, MAX_ORDER_RELATED).map((k) => relatedTo(dr, k, `${workloads[k].spec.kind} ${workloads[k].spec.name || '(unnamed)'} also changes with the order`)),
    data: { orders: mine.map((c) => c.order) },
  };
}
