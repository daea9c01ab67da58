// The lines each editor shows of each document, as the client reports them (kubeSpread/visibleRanges):
// the first analysis of a big file computes the spread findings of what is on screen first
// (lsp/features/spreadOrder.ts). Untrusted input: anything malformed is dropped, never thrown on.
// Bounded: one entry per open document (forgotten on close), at most MAX_SPANS spans each.

/** Lines shown in an editor (0-based, inclusive). */
export interface LineSpan {
  start: number;
  end: number;
}

const MAX_SPANS = 16;

export class VisibleRanges {
  private readonly byUri = new Map<string, LineSpan[]>();

  /** What the client sent; ignored unless it is a URI with a list of {start, end} line numbers. */
  update(params: unknown): void {
    const p = params as { uri?: unknown; ranges?: unknown } | null | undefined;
    if (!p || typeof p.uri !== 'string' || !Array.isArray(p.ranges)) return;
    const spans: LineSpan[] = [];
    for (const r of p.ranges.slice(0, MAX_SPANS)) {
      const { start, end } = (r ?? {}) as { start?: unknown; end?: unknown };
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) continue;
      const [a, b] = [Math.max(0, start as number), Math.max(0, end as number)];
      spans.push(a <= b ? { start: a, end: b } : { start: b, end: a });
    }
    if (spans.length) this.byUri.set(p.uri, spans);
    else this.byUri.delete(p.uri); // no longer shown anywhere
  }

  /** The spans last reported for the document; empty when unknown. */
  of(uri: string): readonly LineSpan[] {
    return this.byUri.get(uri) ?? [];
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
