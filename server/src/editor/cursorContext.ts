// Where the cursor is in YAML that may be half-typed: the chain of keys above it read from the
// indentation of the lines around it (no parse needed, so `topologyKey: topo` with the rest of the
// file broken still works), whether a key or a value is being typed, and the text to replace.

export interface CursorContext {
  /** Keys from the document root; '[]' stands for a sequence item. The cursor's own key is not included. */
  path: string[];
  /** 'key': typing a map key (or a bare sequence item); 'value': typing the value of `key`. */
  at: 'key' | 'value';
  /** For 'value': the key whose value is typed. */
  key?: string;
  /** For 'value': inside a flow sequence (`[a, b|]`). */
  flowItem?: boolean;
  /** What is typed so far (before the cursor) of the token being completed. */
  partial: string;
  /** [start, end) offsets of the whole token around the cursor (what a completion replaces). */
  replace: [number, number];
  /** Column where the key (or the bare item) starts on the cursor line. */
  column: number;
  /** Column of the `- ` on the cursor line when it starts a sequence item. */
  dash?: number;
  /** Offset of the start of the cursor line. */
  lineStart: number;
}

interface Line {
  text: string;
  start: number;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    out.push({ text: text.slice(start, end).replace(/\r$/, ''), start });
    if (nl < 0) return out;
    start = nl + 1;
  }
}

/** Dash columns and the column where the content (a key or a scalar) starts. */
function shape(s: string): { dashes: number[]; content: number } {
  const dashes: number[] = [];
  let i = 0;
  for (;;) {
    while (s[i] === ' ') i++;
    if (s[i] === '-' && (s[i + 1] === ' ' || s[i + 1] === undefined)) {
      dashes.push(i);
      i++;
      continue;
    }
    return { dashes, content: i };
  }
}

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[][^#]*?)\s*:(?:\s|$)/;

function unquote(k: string): string {
  if (k.startsWith('"')) {
    try {
      return JSON.parse(k) as string;
    } catch {
      return k.slice(1, -1);
    }
  }
  return k.startsWith("'") ? k.slice(1, -1).replace(/''/g, "'") : k;
}

/** The key a line holds at its content column, if any. */
function keyOf(s: string, content: number): string | undefined {
  const m = KEY_RE.exec(s.slice(content));
  return m ? unquote(m[1].trim()) : undefined;
}

/**
 * The chain of keys enclosing something at column `col` on line `from` (exclusive), reading upwards.
 * `item` says the thing at `col` is a sequence item (its dash is at `col`).
 */
function ancestors(lines: Line[], from: number, col: number, item: boolean): string[] {
  const path: string[] = [];
  let t = col;
  let seqItem = item; // looking for the parent of a sequence item whose dash is at t
  if (item) path.unshift('[]');
  // Column 0 ends the search unless a sequence item sits there: its parent key may be at column 0
  // too (`items:` then `- kind: Pod`).
  for (let l = from - 1; l >= 0 && (t > 0 || seqItem); l--) {
    const s = lines[l].text;
    if (/^---(\s|$)/.test(s)) break;
    if (!s.trim() || s.trim().startsWith('#')) continue;
    const { dashes, content } = shape(s);
    const key = keyOf(s, content);
    if (seqItem) {
      // A sibling item has a dash at the same column; the parent key is at or left of the dash.
      const sibling = dashes.indexOf(t);
      if (sibling >= 0) {
        // `- - a` above `  - b`: the sibling line also opens the outer items left of it.
        if (sibling > 0) {
          path.unshift(...dashes.slice(0, sibling).map(() => '[]'));
          t = dashes[0];
        }
        continue;
      }
      if (content <= t && key !== undefined) {
        path.unshift(key);
        t = content;
        seqItem = false;
        if (dashes.length) [t, seqItem] = openItems(path, dashes);
      } else if (content < t) {
        break; // a scalar where a parent should be: not a structure we understand
      }
      continue;
    }
    if (content < t && key !== undefined) {
      path.unshift(key);
      t = content;
    } else if (content === t && dashes.length) {
      // `- first: x` then our key below it at the same column: we are in that item's map.
    } else {
      if (content < t) break;
      continue;
    }
    if (dashes.length) [t, seqItem] = openItems(path, dashes);
  }
  return path;
}

/**
 * A container line's dashes open sequence items (`- - key:` is an item of a sequence that is itself
 * an item): one '[]' each; the search goes on for the parent of the outermost item.
 */
function openItems(path: string[], dashes: number[]): [number, boolean] {
  path.unshift(...dashes.map(() => '[]'));
  return [dashes[0], true];
}

/** Keys above a line whose dashes open sequence items (`- - x`: an item of an item), the items included. */
function itemAncestors(lines: Line[], li: number, dashes: number[]): string[] {
  return [...ancestors(lines, li, dashes[0], true), ...dashes.slice(1).map(() => '[]')];
}

export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const lines = linesOf(text);
  let li = lines.length - 1;
  while (li > 0 && lines[li].start > offset) li--;
  const line = lines[li];
  const col = offset - line.start;
  const s = line.text;
  const before = s.slice(0, col);
  if (before.includes('#') && /(^|\s)#/.test(before)) return undefined; // in a comment
  const { dashes, content } = shape(s);
  const dash = dashes.length ? dashes[dashes.length - 1] : undefined;
  const tokenEnd = (from: number, stop: RegExp) => {
    let e = from;
    while (e < s.length && !stop.test(s[e])) e++;
    return line.start + e;
  };
  const km = KEY_RE.exec(s.slice(content));
  const colonAt = km ? content + km[0].replace(/\s+$/, '').length - 1 : -1;
  if (km && col > colonAt) {
    // Typing a value.
    const key = unquote(km[1].trim());
    const valueStart = colonAt + 1 + (/^\s*/.exec(s.slice(colonAt + 1))?.[0].length ?? 0);
    const full = keyPathWithItem(lines, li, content, dashes);
    const v = s.slice(valueStart, col);
    if (v.startsWith('[')) {
      const last = Math.max(v.lastIndexOf('['), v.lastIndexOf(','));
      const partialStart = valueStart + last + 1 + (/^\s*/.exec(v.slice(last + 1))?.[0].length ?? 0);
      return {
        path: full, at: 'value', key, flowItem: true, partial: s.slice(partialStart, col),
        replace: [line.start + partialStart, tokenEnd(col, /[\s,\]#]/)], column: content, dash, lineStart: line.start,
      };
    }
    const start = Math.min(valueStart, col);
    return {
      path: full, at: 'value', key, partial: s.slice(start, col),
      replace: [line.start + start, Math.max(line.start + col, tokenEnd(start, /\s|#/))], column: content, dash, lineStart: line.start,
    };
  }
  // Typing a key (or a bare sequence item): the token from the content column to the cursor.
  const column = Math.min(content, col);
  const partial = s.slice(column, col);
  if (/[:{}[\],]/.test(partial)) return undefined;
  const path = dashes.length ? itemAncestors(lines, li, dashes) : ancestors(lines, li, column, false);
  return {
    path, at: 'key', partial, replace: [line.start + column, tokenEnd(col, /[\s:#]/)], column, dash, lineStart: line.start,
  };
}

/** Keys above a `key:` on line `li` at `content`; when the line starts an item (`- key:`), the item marker is included. */
function keyPathWithItem(lines: Line[], li: number, content: number, dashes: number[]): string[] {
  if (dashes.length) return itemAncestors(lines, li, dashes);
  return ancestors(lines, li, content, false);
}
