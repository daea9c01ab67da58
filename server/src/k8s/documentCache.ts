// Parses a multi-document file document by document, reusing the documents whose text and place did
// not change since an earlier parse. A keystroke in one Deployment of a 100-document file parses that
// document and the ones it moved; the others are reused as they are (the cached Document objects are
// shared between parses and never changed). Cloning and moving cached documents was measured as slow
// as parsing them again (yaml's clone), so moved documents are parsed again; their plain-JS values,
// which do not depend on offsets, are still reused.
//
// Why splitting is safe: a line starting with `---` (then a space, a line break or the end) is a
// document marker wherever it appears; YAML forbids it inside any scalar or collection, so every
// such line starts a new document. Files with directives (`%YAML`, `%TAG`: they belong to the next
// document) or document-end markers (`...`) are parsed whole, as is a file where a piece does not
// come out as exactly one document or has a syntax error. test/unit/k8s/documentCache.test.ts
// compares the two ways.

import { isNode, parseAllDocuments, visit, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { ownCopy } from '../base/ownCopy';
import { duplicateKeyErrors } from './duplicateKeys';

export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** What a document turns into as plain JS; kept with the cached document (it does not depend on offsets). */
export type JsResult = { value: unknown } | { error: unknown };

export interface CachedDocument {
  /** The document, with ranges at its place in the file being parsed. Shared: never change it. */
  doc: Document;
  /** The slot for the document's JS value, shared by every parse of the same text (filled by the caller). */
  js: { result?: JsResult };
}

const MAX_ENTRIES = 2000;
const MAX_DOCUMENTS = 1000;
/** Documents by options, start offset and text. */
const documents = new Map<string, Document>();
/** JS value slots by options and text. */
const values = new Map<string, { result?: JsResult }>();

const MARKER = /^---(?=[ \t\r\n]|$)/gm;
const UNSPLITTABLE = /^(?:%|\.\.\.(?:[ \t\r\n]|$))/m;
const CONTENT_LINE = /^[ \t]*[^\s#]/m;

/** Where each document's text starts, or undefined when the file must be parsed whole. */
export function documentStarts(text: string): number[] | undefined {
  if (UNSPLITTABLE.test(text)) return undefined;
  const starts = [0];
  for (const m of text.matchAll(MARKER)) if (m.index > 0) starts.push(m.index);
  // Comments or blank lines before the first marker belong to the first document, as the parser has it.
  if (starts.length > 1 && !CONTENT_LINE.test(text.slice(0, starts[1]).replace(/^\uFEFF/, ''))) starts.splice(1, 1);
  return starts.length > 1 ? starts : undefined;
}

/** Every document of `text`; pieces seen before come from the cache. */
export function parseDocuments(text: string, options: YamlOptions, cacheKey: string, split = true): CachedDocument[] {
  const starts = split ? documentStarts(text) : undefined;
  // Beyond the cache's size, pieces would push each other out before they are reused.
  if (starts && starts.length <= MAX_DOCUMENTS) {
    const docs = splitParse(text, starts, options, cacheKey);
    if (docs) return docs.map((doc, i) => ({ doc, js: lru(values, `${cacheKey}\u0000${piece(text, starts, i)}`, () => ({})) }));
  }
  return parseWhole(text, options).map((doc) => ({ doc, js: {} }));
}

function piece(text: string, starts: number[], i: number): string {
  return text.slice(starts[i], starts[i + 1] ?? text.length);
}

/**
 * The documents, cached ones reused; each run of documents not in the cache is parsed in one call
 * (one call per document costs more than the file in one piece). Undefined when the whole file
 * must decide: a run did not come out as one document per piece, or has a syntax error (a broken
 * piece may read differently on its own: an unclosed quote ends at the piece's end).
 */
function splitParse(text: string, starts: number[], options: YamlOptions, cacheKey: string): Document[] | undefined {
  const key = (i: number) => `${cacheKey}\u0000${starts[i]}\u0000${piece(text, starts, i)}`;
  const out: Document[] = [];
  for (let i = 0; i < starts.length;) {
    const hit = documents.get(key(i));
    if (hit) {
      out.push(lru(documents, key(i), () => hit));
      i++;
      continue;
    }
    let j = i + 1;
    while (j < starts.length && !documents.has(key(j))) j++;
    const from = starts[i];
    // Parsed from a copy of the run: the cached documents' strings are slices of what they were parsed
    // from, and a slice of `text` would keep this whole version of the file alive as long as they live.
    const run = parseWhole(ownCopy(text.slice(from, starts[j] ?? text.length)), options);
    if (run.length !== j - i || run.some((d) => d.errors.length > 0)) return undefined;
    for (const [k, doc] of run.entries()) out.push(lru(documents, key(i + k), () => moveTo(doc, from)));
    i = j;
  }
  return out;
}

function parseWhole(text: string, options: YamlOptions): Document[] {
  const docs = parseAllDocuments(text, options);
  // parseAllDocuments returns an EmptyStream (an empty array-like) for text with no documents.
  const list: Document[] = Array.isArray(docs) ? docs : [];
  for (const d of list) d.errors.push(...duplicateKeyErrors(d));
  return list;
}

/** The entry for `key`, made by `make` when absent; least recently used entries go first. */
function lru<T>(map: Map<string, T>, key: string, make: () => T): T {
  const hit = map.get(key);
  map.delete(key); // re-insert: most recently used last
  const v = hit ?? make();
  // Keys are built from slices of the file's text: a copy, or each entry would keep that version alive.
  map.set(ownCopy(key), v);
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
  return v;
}

/** Moves a freshly parsed document's offsets by `delta` (in place: nobody else holds it yet). */
function moveTo(doc: Document, delta: number): Document {
  if (delta === 0) return doc;
  const by = (r: [number, number, number]): [number, number, number] => [r[0] + delta, r[1] + delta, r[2] + delta];
  if (doc.range) doc.range = by(doc.range);
  for (const e of [...doc.errors, ...doc.warnings]) e.pos = [e.pos[0] + delta, e.pos[1] + delta];
  visit(doc, (_key, node) => {
    if (isNode(node) && node.range) node.range = by(node.range);
  });
  return doc;
}
