// In which order, and in which parts, the spread findings of a document's first analysis on a big
// cluster are computed and published (lsp/features/diagnostics.ts): the workloads on screen first, so
// what the user looks at is complete soonest, then the rest nearest first, in parts that double in size
// (each publish re-sends the whole document's diagnostics, so the number of parts stays logarithmic).
// Pure: lines in, document indexes out.

import type { LineSpan } from '../state/visibleRanges';

/** A workload document and the lines it spans (0-based, inclusive). */
export interface WorkloadPlace {
  document: number;
  startLine: number;
  endLine: number;
}

/** The first part when nothing is known to be on screen: about what an editor shows of a file just opened (its top). */
export const FIRST_PART = 4;

/** Lines between a workload and the nearest visible span (0 when they overlap). */
function distance(w: WorkloadPlace, visible: readonly LineSpan[]): number {
  let best = Infinity;
  for (const v of visible) {
    const d = w.endLine < v.start ? v.start - w.endLine : w.startLine > v.end ? w.startLine - v.end : 0;
    if (d < best) best = d;
  }
  return best;
}

/**
 * The parts, in order, each a list of document indexes; every workload is in exactly one. The first part
 * holds the workloads on screen (or, with none known, the first FIRST_PART in the file); then the others,
 * nearest to the screen first (ties: document order), in parts twice the size of the one before.
 */
export function spreadParts(workloads: readonly WorkloadPlace[], visible: readonly LineSpan[] = []): number[][] {
  if (workloads.length === 0) return [];
  const byPlace = [...workloads].sort((a, b) => a.startLine - b.startLine || a.document - b.document);
  const order = visible.length
    ? byPlace.map((w) => ({ w, d: distance(w, visible) })).sort((a, b) => a.d - b.d).map((x) => x.w)
    : byPlace;
  const onScreen = visible.length ? order.filter((w) => distance(w, visible) === 0).length : 0;
  const parts: number[][] = [];
  let size = onScreen > 0 ? onScreen : FIRST_PART;
  for (let i = 0; i < order.length;) {
    parts.push(order.slice(i, i + size).map((w) => w.document));
    i += size;
    size = Math.max(FIRST_PART, parts[parts.length - 1].length * 2);
  }
  return parts;
}
