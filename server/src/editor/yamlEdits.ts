// Minimal text edits on YAML source: remove a field or a sequence item, set a scalar, add a key to a
// map, add an item to a sequence. Each edit touches only the node's own source range (plus the line
// break that goes with a removed line), keeps comments elsewhere and matches the indentation and the
// flow/block style already in the file. Nothing is reformatted. Added lines end with the file's own
// line break (CRLF or LF): VS Code would normalise an LF, other LSP clients may not.
//
// Nothing is edited through an alias (`b: *x`) or a `<<` merge: the text there belongs to the
// anchored node, so an edit meant for `b` would change `a` and every other alias of it as well.
// Those edits return undefined (the quick fix is then not offered); an alias itself (`b: *x` as
// the value being replaced or removed) is the user's text for `b` and may be edited.

import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { locate, type Located, type PathSegment } from '../analysis';
import { yamlScalar } from './editorModel';

/** [start, end) offsets and the replacement text. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

interface Found {
  node: Node | null;
  pair?: Pair;
  parent: Node | null;
  parentPath: PathSegment[];
}

/**
 * Whether the node at `steps[length]` is reached through shared text: a container on the way that
 * is an alias, or a pair that comes from a `<<` merged map rather than its own map.
 */
function throughAlias(loc: Located, length: number): boolean {
  for (let i = 1; i <= length; i++) {
    const parent = loc.steps[i - 1];
    if (isAlias(parent.raw)) return true;
    const pair = loc.steps[i].pair;
    if (pair && isMap(parent.node) && !parent.node.items.includes(pair)) return true;
  }
  return false;
}

function find(doc: Document, path: readonly PathSegment[]): Found | undefined {
  const loc = locate(doc, path);
  if (loc.matched !== path.length || path.length === 0 || throughAlias(loc, path.length)) return undefined;
  const step = loc.steps[path.length];
  return { node: step.raw ?? step.node, pair: step.pair, parent: loc.steps[path.length - 1].node, parentPath: path.slice(0, -1) };
}

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

/** The file's line break (from its first line), for the lines an edit adds. */
function lineBreakOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** Where text goes after `offset`'s line: before its line break (both characters of a CRLF). */
function endOfLineContent(text: string, offset: number): number {
  const e = lineEndOf(text, offset);
  return e < text.length && e > 0 && text[e - 1] === '\r' ? e - 1 : e;
}

/** Through the line break after `offset`'s line (or the end of the text). */
function afterLine(text: string, offset: number): number {
  const e = lineEndOf(text, offset);
  return e < text.length ? e + 1 : e;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** End of a node's value, without trailing whitespace (block collections end after their last line break). */
function valueEnd(text: string, node: Node | null | undefined, fallback: number): number {
  let e = node?.range ? node.range[1] : fallback;
  while (e > 0 && /\s/.test(text[e - 1]) && e > (node?.range?.[0] ?? 0)) e--;
  return Math.max(e, fallback);
}

function isFlow(n: Node | null | undefined): boolean {
  return !!n && (isMap(n) || isSeq(n)) && !!(n as { flow?: boolean }).flow;
}

/** Removes the field or sequence item at `path`. */
export function removeAt(text: string, doc: Document, path: readonly PathSegment[]): OffsetEdit | undefined {
  const f = find(doc, path);
  if (!f) return undefined;
  if (isSeq(f.parent)) {
    const items = f.parent.items as Node[];
    const i = items.indexOf(f.node as Node);
    const item = items[i];
    if (!item?.range) return undefined;
    if (isFlow(f.parent)) return removeFlowEntry(text, item.range[0], valueEnd(text, item, item.range[0]), items.length);
    if (items.length === 1 && f.parentPath.length > 0) return removeAt(text, doc, f.parentPath);
    // `- item` lines: from the dash's line to the end of the item's last line.
    const dash = text.lastIndexOf('-', item.range[0]);
    const start = lineStartOf(text, dash);
    if (text.slice(start, dash).trim()) return undefined; // `key: - x` or nested dashes on one line: not ours to guess
    return { start, end: afterLine(text, valueEnd(text, item, item.range[0])), text: '' };
  }
  if (!isMap(f.parent) || !f.pair) return undefined;
  const key = f.pair.key as Node;
  if (!key?.range) return undefined;
  const kStart = key.range[0];
  const vEnd = valueEnd(text, f.node, key.range[1] + 1);
  const pairs = f.parent.items;
  if (isFlow(f.parent)) return removeFlowEntry(text, kStart, vEnd, pairs.length);
  const lineStart = lineStartOf(text, kStart);
  const lead = text.slice(lineStart, kStart);
  if (/-\s/.test(lead)) {
    // The first key of a `- key: v` item: the next key moves up onto the dash line.
    if (pairs.length === 1) return f.parentPath.length ? removeAt(text, doc, f.parentPath) : undefined;
    const next = pairs[pairs.indexOf(f.pair) + 1]?.key as Node | undefined;
    if (pairs.indexOf(f.pair) !== 0 || !next?.range) return undefined;
    return { start: kStart, end: next.range[0], text: '' };
  }
  if (lead.trim()) return undefined;
  return { start: lineStart, end: afterLine(text, vEnd), text: '' };
}

/** `a, b, c` → drop the entry at [s, e) with one of its commas. */
function removeFlowEntry(text: string, s: number, e: number, count: number): OffsetEdit {
  if (count === 1) return { start: s, end: e, text: '' };
  const after = /^\s*,\s*/.exec(text.slice(e));
  if (after) return { start: s, end: e + after[0].length, text: '' };
  const before = /\s*,\s*$/.exec(text.slice(0, s));
  return { start: s - (before?.[0].length ?? 0), end: e, text: '' };
}

/** Sets the scalar at `path` to `value`, keeping its quoting style. */
export function setScalarAt(text: string, doc: Document, path: readonly PathSegment[], value: string): OffsetEdit | undefined {
  const f = find(doc, path);
  if (!f) return undefined;
  const n = f.node;
  if (isScalar(n) && n.range && n.value !== null && !(n.range[1] <= n.range[0])) {
    const type = (n as Scalar).type;
    const written = type === 'QUOTE_DOUBLE' ? JSON.stringify(value) : type === 'QUOTE_SINGLE' ? `'${value.replace(/'/g, "''")}'` : yamlScalar(value);
    return { start: n.range[0], end: n.range[1], text: written };
  }
  if ((n === null || (isScalar(n) && n.value === null)) && f.pair?.key) {
    // `key:` with nothing after it.
    const colon = text.indexOf(':', (f.pair.key as Node).range![1]);
    return colon < 0 ? undefined : { start: colon + 1, end: colon + 1, text: ` ${yamlScalar(value)}` };
  }
  return undefined;
}

/** Renames the key at [start, end), keeping its quotes (a plain key is quoted when `to` needs it). */
export function renameKeyAt(text: string, start: number, end: number, to: string): OffsetEdit {
  const q = text[start];
  return { start, end, text: q === '"' ? JSON.stringify(to) : q === "'" ? `'${to.replace(/'/g, "''")}'` : yamlScalar(to) };
}

/** Block indentation of the keys of the map at `path` (from its first key). */
function mapKeyColumn(text: string, map: Node): number | undefined {
  if (!isMap(map)) return undefined;
  const k = map.items[0]?.key as Node | undefined;
  return k?.range ? columnOf(text, k.range[0]) : undefined;
}

/** How far a block sequence's dash sits right of its parent key in this file (0 or 2, usually). */
export function sequenceIndent(text: string, doc: Document): number {
  let found: number | undefined;
  const visit = (n: unknown, keyCol: number | undefined, depth: number) => {
    if (found !== undefined || depth > 40) return;
    if (isMap(n)) {
      for (const p of n.items) {
        const k = p.key as Node | undefined;
        visit(p.value, k?.range ? columnOf(text, k.range[0]) : undefined, depth + 1);
      }
    } else if (isSeq(n) && !isFlow(n as Node)) {
      const first = n.items[0] as Node | undefined;
      if (keyCol !== undefined && first?.range) {
        const dash = text.lastIndexOf('-', first.range[0]);
        const col = columnOf(text, dash);
        if (dash >= 0 && col >= keyCol) found = col - keyCol;
      }
      for (const it of n.items) visit(it, undefined, depth + 1);
    }
  };
  visit(doc.contents, undefined, 0);
  return found ?? 2;
}

/**
 * Adds `key` to the map at `mapPath`: `inline` is the value on the key's line (and the only form a
 * flow map takes), `block` the lines under the key (relative to the key's column) for block maps.
 */
export function addKey(text: string, doc: Document, mapPath: readonly PathSegment[], key: string, value: { inline: string; block?: string[] }): OffsetEdit | undefined {
  const loc = locate(doc, mapPath);
  if (loc.matched !== mapPath.length || throughAlias(loc, mapPath.length) || isAlias(loc.steps[mapPath.length].raw)) return undefined;
  const map = loc.steps[mapPath.length].node;
  if (!isMap(map) || map.items.length === 0) return undefined;
  if (isFlow(map)) {
    const close = valueEnd(text, map, 0) - 1;
    if (text[close] !== '}') return undefined;
    const before = text.slice(0, close).trimEnd();
    return { start: close, end: close, text: `${before.endsWith('{') ? '' : ', '}${key}: ${value.inline}` };
  }
  const col = mapKeyColumn(text, map);
  if (col === undefined) return undefined;
  const lastPair = map.items[map.items.length - 1];
  const at = endOfLineContent(text, valueEnd(text, lastPair.value as Node | null, (lastPair.key as Node).range![1]));
  const pad = ' '.repeat(col);
  const lines = value.block ? [`${pad}${key}:`, ...value.block.map((l) => pad + l)] : [`${pad}${key}: ${value.inline}`];
  const br = lineBreakOf(text);
  return { start: at, end: at, text: `${br}${lines.join(br)}` };
}

/** Appends `item` (a scalar text) to the sequence at `path`. */
export function appendItem(text: string, doc: Document, path: readonly PathSegment[], item: string): OffsetEdit | undefined {
  const f = find(doc, path);
  const seq = f?.node;
  if (!isSeq(seq) || !seq.range) return undefined;
  if (isFlow(seq)) {
    const close = valueEnd(text, seq, 0) - 1;
    if (text[close] !== ']') return undefined;
    return { start: close, end: close, text: `${seq.items.length ? ', ' : ''}${item}` };
  }
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (!last?.range) return undefined;
  const dash = text.lastIndexOf('-', last.range[0]);
  const at = endOfLineContent(text, valueEnd(text, last, last.range[0]));
  return { start: at, end: at, text: `${lineBreakOf(text)}${' '.repeat(columnOf(text, dash))}- ${item}` };
}

/** Replaces the value of the pair at `path` with a block map (lines relative to the key's column + 2) or a flow text. */
export function replaceValue(text: string, doc: Document, path: readonly PathSegment[], value: { flow: string; block: string[] }): OffsetEdit | undefined {
  const f = find(doc, path);
  if (!f?.pair?.key) return undefined;
  const key = f.pair.key as Node;
  const keyCol = columnOf(text, key.range![0]);
  const n = f.node;
  const colon = text.indexOf(':', key.range![1]);
  if (colon < 0) return undefined;
  const br = lineBreakOf(text);
  if (n && (isFlow(n) || isAlias(n) || (isScalar(n) && n.value !== null && n.range && n.range[1] > n.range[0]))) {
    // A flow collection, a scalar, or an alias (the anchored node stays as it is).
    return { start: n.range![0], end: valueEnd(text, n, n.range![0]), text: value.flow };
  }
  if (isMap(n) && n.range) {
    // A block map: its first key keeps its place; everything of the old value goes.
    const col = columnOf(text, n.range[0]);
    const lines = value.block.map((l, i) => (i === 0 ? l : ' '.repeat(col) + l));
    return { start: n.range[0], end: valueEnd(text, n, n.range[0]), text: lines.join(br) };
  }
  if (isSeq(n) && n.range) {
    // A block sequence: the lines from its first dash to its last item go; the new lines stand at
    // the dashes' column, or under the key when the dashes are level with it.
    const dash = n.range[0];
    const start = lineStartOf(text, dash);
    if (text[dash] !== '-' || text.slice(start, dash).trim()) return undefined;
    const col = columnOf(text, dash) > keyCol ? columnOf(text, dash) : keyCol + 2;
    return { start, end: valueEnd(text, n, dash), text: value.block.map((l) => ' '.repeat(col) + l).join(br) };
  }
  // Empty (`key:`): the block goes on the next lines.
  const pad = ' '.repeat(keyCol + 2);
  return { start: colon + 1, end: colon + 1, text: `${br}${value.block.map((l) => pad + l).join(br)}` };
}
