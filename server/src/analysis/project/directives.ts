// Where a manifest asks for findings to be ignored, and for which ones:
//
//   # kube-spread-ignore lint/selector-missing, spread/*      trailing: findings on this line
//   # kube-spread-ignore lint/no-constraints -- reviewed      own line: findings on the next line
//   metadata.annotations["kube-spread.dev/ignore"]: "lint/*"  findings of this object
//
// An own-line comment before the first key of a YAML document (between the previous document's
// content and this one's) covers the whole document. Comments are read from the yaml library's
// concrete syntax tree, so a `#` inside a string or a block scalar is never taken for one. Text after
// ` -- ` is the reason, for people.

import { Parser } from 'yaml';
import type { Range } from '../../base/finding';
import type { ManifestDocument, ParsedFile } from '../../k8s/manifest';
import { offsetRange } from '../../k8s/ranges';

export const IGNORE_COMMENT = 'kube-spread-ignore';
export const IGNORE_ANNOTATION = 'kube-spread.dev/ignore';

/** One code pattern named by a directive, and where it is written. */
export interface DirectiveCode {
  pattern: string;
  range: Range;
}

export type DirectiveScope = { line: number } | { document: number };

export interface Directive {
  source: 'comment' | 'annotation';
  scope: DirectiveScope;
  codes: DirectiveCode[];
  /** The whole comment or annotation value (for a directive that names no code). */
  range: Range;
  /** The YAML document the directive is written in, when it is in one. */
  document?: number;
}

const COMMENT_DIRECTIVE = new RegExp(`^#\\s*${IGNORE_COMMENT}(?=\\s|$)`);

interface Comment {
  offset: number;
  source: string;
}

/** Every comment token of the text, in order, from the concrete syntax tree. */
function comments(text: string): Comment[] {
  const out: Comment[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const x of node) visit(x);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const token = node as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      out.push({ offset: token.offset, source: token.source });
      return;
    }
    for (const v of Object.values(node)) if (typeof v === 'object') visit(v);
  };
  for (const token of new Parser().parse(text)) visit(token);
  return out.sort((a, b) => a.offset - b.offset);
}

/** The code patterns after the directive word, each with its offset in `body`; the reason (after ` -- `) is left out. */
function patternsIn(body: string): { pattern: string; at: number }[] {
  const reason = /(^|\s)--(\s|$)/.exec(body);
  const list = reason ? body.slice(0, reason.index) : body;
  return [...list.matchAll(/[^\s,]+/g)].map((m) => ({ pattern: m[0], at: m.index }));
}

function lineOf(parsed: ParsedFile, offset: number): number {
  return parsed.lineCounter.linePos(offset).line - 1;
}

function ownLine(text: string, offset: number): boolean {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(start, offset).trim() === '';
}

/**
 * The document an own-line comment on `line` heads: the next document with content, when the comment
 * comes after the previous document's content (so it is before any key of the one it heads).
 */
function headedDocument(documents: readonly ManifestDocument[], line: number): ManifestDocument | undefined {
  const withContent = documents.filter((d) => d.yaml.contents !== null);
  const i = withContent.findIndex((d) => d.range.start.line > line);
  if (i < 0) return undefined;
  const previous = withContent[i - 1];
  return !previous || previous.range.end.line < line ? withContent[i] : undefined;
}

function documentAt(documents: readonly ManifestDocument[], line: number): number | undefined {
  return documents.find((d) => d.range.start.line <= line && line <= d.range.end.line)?.index;
}

function commentDirectives(parsed: ParsedFile): Directive[] {
  const text = parsed.text;
  const all = comments(text);
  const commentLines = new Set(all.filter((c) => ownLine(text, c.offset)).map((c) => lineOf(parsed, c.offset)));
  const out: Directive[] = [];
  for (const c of all) {
    const head = COMMENT_DIRECTIVE.exec(c.source);
    if (!head) continue;
    const line = lineOf(parsed, c.offset);
    const bodyStart = head[0].length;
    const codes = patternsIn(c.source.slice(bodyStart)).map(({ pattern, at }) => {
      const start = c.offset + bodyStart + at;
      return { pattern, range: offsetRange(parsed.lineCounter, start, start + pattern.length) };
    });
    const range = offsetRange(parsed.lineCounter, c.offset, c.offset + c.source.length);
    if (!ownLine(text, c.offset)) {
      out.push({ source: 'comment', scope: { line }, codes, range, document: documentAt(parsed.documents, line) });
      continue;
    }
    const headed = headedDocument(parsed.documents, line);
    if (headed) {
      out.push({ source: 'comment', scope: { document: headed.index }, codes, range, document: headed.index });
      continue;
    }
    // The line it covers: the next one, past a run of comment lines (several directives stacked above one line).
    let target = line + 1;
    while (commentLines.has(target)) target++;
    out.push({ source: 'comment', scope: { line: target }, codes, range, document: documentAt(parsed.documents, target) });
  }
  return out;
}

function annotationDirective(parsed: ParsedFile, doc: ManifestDocument): Directive | undefined {
  const meta = (doc.value as { metadata?: { annotations?: Record<string, unknown> } } | null)?.metadata;
  const value = typeof meta === 'object' && meta !== null && typeof meta.annotations === 'object' && meta.annotations !== null
    ? meta.annotations[IGNORE_ANNOTATION] : undefined;
  if (typeof value !== 'string') return undefined;
  const range = doc.rangeOf(['metadata', 'annotations', IGNORE_ANNOTATION], 'value') ?? doc.range;
  // Each code's own range when the value is written plainly on one line; else the whole value's.
  const lineStart = parsed.lineCounter.lineStarts[range.start.line] ?? 0;
  const written = range.start.line === range.end.line ? parsed.text.slice(lineStart + range.start.character, lineStart + range.end.character) : '';
  let from = 0;
  const codes = patternsIn(value).map(({ pattern }) => {
    const at = written.indexOf(pattern, from);
    if (at < 0) return { pattern, range };
    from = at + pattern.length;
    const start = { line: range.start.line, character: range.start.character + at };
    return { pattern, range: { start, end: { line: start.line, character: start.character + pattern.length } } };
  });
  return { source: 'annotation', scope: { document: doc.index }, codes, range, document: doc.index };
}

const memo = new WeakMap<ParsedFile, Directive[]>();

/** Every suppression directive of a parsed file (computed once per parse). */
export function findDirectives(parsed: ParsedFile): Directive[] {
  const hit = memo.get(parsed);
  if (hit) return hit;
  const out: Directive[] = [];
  // No document: nothing was parsed (too large, too deep), and there is nothing to read comments from.
  if (parsed.documents.length > 0) {
    if (parsed.text.includes(IGNORE_COMMENT)) out.push(...commentDirectives(parsed));
    for (const doc of parsed.documents) {
      const d = annotationDirective(parsed, doc);
      if (d) out.push(d);
    }
  }
  memo.set(parsed, out);
  return out;
}
