// Source ranges for YAML nodes, and navigation from a field path to the node that holds it.
// Offsets are UTF-16 code units (JS string indices), which is exactly what LSP positions count.

import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { Range } from '../base/finding';

export type PathSegment = string | number;
export type RangePart = 'key' | 'value' | 'node';

export function offsetRange(lc: LineCounter, start: number, end: number): Range {
  const s = lc.linePos(start);
  const e = lc.linePos(Math.max(start, end));
  return { start: { line: s.line - 1, character: s.col - 1 }, end: { line: e.line - 1, character: e.col - 1 } };
}

/** From `start` to the end of its line (but not past `limit`): a readable anchor for big nodes. */
export function firstLineRange(text: string, lc: LineCounter, start: number, limit = text.length): Range {
  let end = start;
  while (end < limit && text[end] !== '\n' && text[end] !== '\r') end++;
  return offsetRange(lc, start, end);
}

interface Step {
  /** The node at this path (alias resolved), if any. */
  node: Node | null;
  /** The node as written (an alias stays an alias), for ranges. */
  raw?: Node | null;
  /** The map pair the node is the value of (absent for the root and for sequence items). */
  pair?: Pair;
}

export interface Located {
  /** Steps for path[0..matched), starting with the root at index 0. */
  steps: Step[];
  /** How many path segments were found. */
  matched: number;
}

function deref(doc: Document, node: unknown): Node | null {
  if (isAlias(node)) {
    try {
      return (node.resolve(doc) as Node | undefined) ?? null;
    } catch {
      return null;
    }
  }
  return (node as Node | null) ?? null;
}

function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) {
    // With merge keys on, yaml gives `<<` a symbol value; its source text is still `<<`.
    if (typeof k.value === 'symbol') return k.source ?? String(k.value);
    return k.value === null ? '' : String(k.value);
  }
  return undefined;
}

function findPair(doc: Document, map: Node, key: string, seen = 0): Pair | undefined {
  if (!isMap(map) || seen > 8) return undefined;
  let merge: Pair | undefined;
  for (const item of map.items) {
    const k = keyText(item);
    if (k === key) return item;
    if (k === '<<') merge = item;
  }
  // `<<` merge keys (YAML 1.1, which kubectl accepts): the field may come from a merged map.
  if (merge) {
    const src = deref(doc, merge.value);
    const sources = isSeq(src) ? src.items.map((s) => deref(doc, s)) : [src];
    for (const s of sources) {
      const p = s ? findPair(doc, s, key, seen + 1) : undefined;
      if (p) return p;
    }
  }
  return undefined;
}

export function locate(doc: Document, path: readonly PathSegment[]): Located {
  const steps: Step[] = [{ node: deref(doc, doc.contents), raw: doc.contents as Node | null }];
  let matched = 0;
  for (const seg of path) {
    const cur = steps[steps.length - 1].node;
    if (!cur) break;
    let next: Step | undefined;
    if (isMap(cur)) {
      const pair = findPair(doc, cur, String(seg));
      if (pair) next = { node: deref(doc, pair.value), raw: pair.value as Node | null, pair };
    } else if (isSeq(cur)) {
      const idx = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
      if (idx >= 0 && idx < cur.items.length) next = { node: deref(doc, cur.items[idx]), raw: cur.items[idx] as Node | null };
    }
    if (!next) break;
    steps.push(next);
    matched++;
  }
  return { steps, matched };
}

/** [start, end) of a node's value (without trailing comments), or undefined if it has no extent. */
export function nodeSpan(node: Node | null | undefined): [number, number] | undefined {
  if (!node || !node.range) return undefined;
  const [start, end] = node.range;
  if (isScalar(node) && node.value === null && end <= start) return undefined;
  return [start, end];
}

export function pairKeySpan(pair: Pair): [number, number] | undefined {
  return isPair(pair) ? nodeSpan(pair.key as Node) : undefined;
}
