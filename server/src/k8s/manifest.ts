// Parses a manifest file once, keeping exact source ranges for every key and value.
// Half-typed YAML still yields whatever parsed (yaml's error recovery), plus yaml/ findings.

import { LineCounter, type Document, type Node, type Tags } from 'yaml';
import type { Finding, Range } from '../base/finding';
import { parseDocuments, type JsResult, type YamlOptions } from './documentCache';
import { findExcessiveNesting } from './guards';
import { isRecursive } from '../base/yamlRecursive';
import { firstLineRange, locate, nodeSpan, offsetRange, type PathSegment, type RangePart } from './ranges';
import { isWorkloadKind } from './workloads';
import { withGoYamlFloats } from './yaml11';
import { formatFieldPath } from '../engine';
import { SKIP_CODES, constraintLists, hasPatchDirective, isJsonPatch, looksLikePatchFile, templateDocuments, type SkipReason, type TemplateSource } from './skip';

export type { PathSegment, RangePart } from './ranges';
export type { SkipReason } from './skip';

export interface ParseOptions {
  /** Aliases resolved per document before it is treated as an alias bomb (default 100). */
  maxAliasCount?: number;
  /** Longest text parsed, in characters (default 5,000,000). */
  maxTextLength?: number;
  /** Deepest nesting accepted (default 200; the yaml parser crashes the process at a few thousand). */
  maxDepth?: number;
  /** Used to recognise kustomize patch files (`*patch*.yaml`). */
  fileName?: string;
  /** The caller knows the file is a patch (e.g. listed in a kustomization). */
  patch?: boolean;
  /**
   * false: parse the file in one piece instead of document by document with the cache
   * (documentCache.ts). The result is the same; tests compare the two.
   */
  splitDocuments?: boolean;
}

export interface ManifestDocument {
  /** 0-based position of the document in its file. */
  index: number;
  yaml: Document;
  /** Plain JS (undefined when it could not be built, e.g. an alias bomb). */
  value: unknown;
  kind?: string;
  apiVersion?: string;
  name?: string;
  namespace?: string;
  range: Range;
  /** Set when kube-spread does not validate this document. */
  skip?: SkipReason;
  /**
   * The range of a field. `key` is the key (for sequence items: the item's first line; for the
   * root: the `kind` key), `value` the value, `node` both. A path that does not exist gives the
   * key range of its nearest existing ancestor.
   */
  rangeOf(path: readonly PathSegment[], part: RangePart): Range | undefined;
  /** Whether the path exists in the source. */
  has(path: readonly PathSegment[]): boolean;
}

export interface ParsedFile {
  text: string;
  lineCounter: LineCounter;
  documents: ManifestDocument[];
  findings: Finding[];
}

const DEFAULTS = { maxAliasCount: 100, maxTextLength: 5_000_000, maxDepth: 200 };

// kubectl reads YAML with go-yaml v2 semantics (YAML 1.1): `yes`/`on` are booleans, `<<` merges.
// go-yaml does not turn timestamps into dates, though, so that tag is dropped.
const YAML_OPTIONS: YamlOptions = {
  version: '1.1',
  merge: true,
  prettyErrors: false,
  // yaml logs some conditions (a collection used as a key) to the console: the server's stderr is the
  // user's output channel, and the parse errors already reach them as findings.
  logLevel: 'error',
  // Duplicate keys are found by duplicateKeyErrors: the library's check is quadratic in a mapping's size.
  uniqueKeys: false,
  customTags: (tags: Tags) => withGoYamlFloats(tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp')),
};

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

export function parseManifestText(text: string, opts: ParseOptions = {}): ParsedFile {
  const o = { ...DEFAULTS, ...opts };
  // A lone CR ends a line for YAML and for editors, but yaml's LineCounter only counts LF: make it an
  // LF (same length, so every offset stays valid) and positions match the lines the editor shows.
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
  const lineCounter = new LineCounter();
  const file: ParsedFile = { text, lineCounter, documents: [], findings: [] };
  if (text.length > o.maxTextLength) {
    file.findings.push({
      code: 'yaml/too-large',
      severity: 'warning',
      message: `File not checked: ${text.length} characters is more than the limit of ${o.maxTextLength}`,
      range: zeroRange(),
    });
    return file;
  }
  const deep = findExcessiveNesting(text, o.maxDepth);
  if (deep >= 0) {
    // No LineCounter yet (nothing was parsed), so compute the position directly.
    const before = text.slice(0, deep);
    const line = before.split('\n').length - 1;
    const character = deep - (before.lastIndexOf('\n') + 1);
    file.findings.push({
      code: 'yaml/too-deep',
      severity: 'error',
      message: `File not checked: nesting deeper than ${o.maxDepth} levels`,
      range: { start: { line, character }, end: { line, character: character + 1 } },
    });
    return file;
  }

  // Line starts come from the text itself: the parser does not report the line breaks inside some
  // broken block scalars (`- >-\né|2-\n- `), and positions past them would land beyond the line's end.
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  const parsedDocs = parseDocuments(text, YAML_OPTIONS, String(o.maxAliasCount), o.splitDocuments !== false);
  const templates = templateDocuments(text, parsedDocs.map((d) => d.doc));

  for (const [index, { doc, js }] of parsedDocs.entries()) {
    const template = templates[index];
    if (template) {
      // Template source: its parse errors are the template's, not the user's YAML; said once, and the
      // document is skipped (the file's other documents are still checked).
      file.findings.push(templateFinding(file, template, index));
      const d = buildDocument(file, doc, index, o.maxAliasCount, js, false);
      d.skip = 'template';
      file.documents.push(d);
      continue;
    }
    file.findings.push(...syntaxFindings(text, doc, index, lineCounter));
    file.documents.push(buildDocument(file, doc, index, o.maxAliasCount, js, true));
  }
  markSkipped(file, opts);
  return file;
}

function templateFinding(file: ParsedFile, t: TemplateSource, index: number): Finding {
  return {
    code: t.helm ? SKIP_CODES.helm : SKIP_CODES.goTemplate,
    severity: 'information',
    message: t.helm
      ? 'Helm template: kube-spread checks rendered manifests only (run `helm template` and check the output)'
      : 'Go template: kube-spread checks rendered manifests only (render the template and check the output)',
    range: firstLineRange(file.text, file.lineCounter, t.at),
    document: index,
  };
}

/** yaml often points at one character; widen that to the word there, which reads better. */
function widen(text: string, [start, end]: [number, number]): [number, number] {
  if (end - start <= 1) {
    let e = start;
    while (e < text.length && !/[\s:,[\]{}#]/.test(text[e])) e++;
    end = Math.max(e, Math.min(end, text.length));
  }
  // An offset between CR and LF is past the end of the line for the editor (yaml may point at a CR).
  const outOfLine = (o: number) => o > 0 && text[o - 1] === '\r' && text[o] === '\n';
  if (outOfLine(start)) start--;
  if (outOfLine(end)) end--;
  return [start, Math.max(start, end)];
}

function syntaxFindings(text: string, doc: Document, index: number, lc: LineCounter): Finding[] {
  const out: Finding[] = [];
  for (const e of doc.errors) {
    out.push({
      code: e.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax',
      severity: 'error',
      message: e.message,
      range: offsetRange(lc, ...widen(text, e.pos)),
      document: index,
      data: { yamlCode: e.code },
    });
  }
  for (const w of doc.warnings) {
    out.push({ code: 'yaml/warning', severity: 'warning', message: w.message, range: offsetRange(lc, ...widen(text, w.pos)), document: index, data: { yamlCode: w.code } });
  }
  return out;
}

/** Block collections end after their last line break; ranges should end on the last character. */
function trim(text: string, [start, end]: [number, number]): [number, number] {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return [start, end];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The document as plain JS, or why it cannot be: computed once per distinct document text. */
function documentJs(doc: Document, maxAliasCount: number, slot: { result?: JsResult }): JsResult {
  if (slot.result) return slot.result;
  try {
    const value = doc.toJS({ maxAliasCount }) as unknown;
    if (isRecursive(value)) throw new Error('an alias refers to a node that contains it (a recursive structure)');
    // Shared by every later parse of the same text: nothing may change it.
    slot.result = { value: deepFreeze(value) };
  } catch (error) {
    slot.result = { error };
  }
  return slot.result;
}

function deepFreeze<T>(v: T): T {
  // Typed arrays (`!!binary`) cannot be frozen; nothing reads into them.
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v) && !ArrayBuffer.isView(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

function buildDocument(file: ParsedFile, doc: Document, index: number, maxAliasCount: number, jsSlot: { result?: JsResult }, reportInvalid: boolean): ManifestDocument {
  const lc = file.lineCounter;
  const contents = doc.contents as Node | null;
  const docRange = doc.range ?? [0, 0, 0];
  const span = trim(file.text, nodeSpan(contents) ?? [docRange[0], docRange[1]]);
  let value: unknown;
  const js = documentJs(doc, maxAliasCount, jsSlot);
  if ('value' in js) value = js.value;
  else if (reportInvalid) {
    const e = js.error;
    // Not every ReferenceError is a bomb: "Unresolved alias (the anchor must be set before the alias)".
    const alias = /excessive alias count/i.test(String((e as Error)?.message));
    file.findings.push({
      code: alias ? 'yaml/alias-limit' : 'yaml/invalid',
      severity: 'error',
      message: alias
        ? `Document not checked: it expands more than ${maxAliasCount} aliases (a YAML "alias bomb")`
        : `Document not checked: ${(e as Error)?.message ?? String(e)}`,
      range: firstLineRange(file.text, lc, span[0], span[1]),
      document: index,
    });
  }
  const obj = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const meta = typeof obj?.metadata === 'object' && obj.metadata !== null ? (obj.metadata as Record<string, unknown>) : undefined;

  const rangeOf = (path: readonly PathSegment[], part: RangePart): Range | undefined => {
    const loc = locate(doc, path);
    const step = loc.steps[loc.matched];
    const keyish = (): [number, number] | undefined => {
      if (step.pair) return nodeSpan(step.pair.key as Node);
      if (loc.matched === 0) {
        const kindStep = locate(doc, ['kind']);
        const kp = kindStep.matched === 1 ? kindStep.steps[1].pair : undefined;
        if (kp) return nodeSpan(kp.key as Node);
      }
      const s = nodeSpan(step.raw ?? step.node);
      if (!s) return undefined;
      const nl = file.text.indexOf('\n', s[0]);
      return [s[0], nl >= 0 && nl < s[1] ? nl : s[1]];
    };
    let sp: [number, number] | undefined;
    if (loc.matched < path.length || part === 'key') sp = keyish();
    else if (part === 'value') sp = nodeSpan(step.raw ?? step.node) ?? keyish();
    else {
      const k = step.pair ? nodeSpan(step.pair.key as Node) : undefined;
      const v = nodeSpan(step.raw ?? step.node);
      sp = k && v ? [k[0], v[1]] : k ?? v;
    }
    if (!sp) return undefined;
    const [a, b] = trim(file.text, sp);
    return offsetRange(lc, a, b);
  };

  return {
    index,
    yaml: doc,
    value,
    kind: str(obj?.kind),
    apiVersion: str(obj?.apiVersion),
    name: str(meta?.name),
    namespace: str(meta?.namespace),
    range: offsetRange(lc, span[0], span[1]),
    rangeOf,
    has: (path) => locate(doc, path).matched === path.length,
  };
}

/** Marks documents kube-spread will not check, with one information finding per file or document. */
function markSkipped(file: ParsedFile, opts: ParseOptions): void {
  const docs = file.documents;
  const docAnchor = (d: ManifestDocument): Range => ({ start: d.range.start, end: { line: d.range.start.line, character: lineEnd(file, d.range.start.line) } });
  const patchFile = opts.patch === true || looksLikePatchFile(opts.fileName);
  let reportedPatchFile = false;
  for (const d of docs) {
    if (d.skip === 'template') continue;
    if (d.value === null || d.value === undefined) {
      if (d.value === null) d.skip = 'empty';
      continue;
    }
    const source = d.yaml.range ? file.text.slice(d.yaml.range[0], d.yaml.range[2]) : '';
    if (d.kind === 'Kustomization' || d.kind === 'Component' && d.apiVersion?.startsWith('kustomize.config.k8s.io/')) {
      d.skip = 'kustomization';
      file.findings.push({ code: SKIP_CODES.kustomization, severity: 'information', message: `kustomize ${d.kind}: not a Kubernetes object, kube-spread checks the built output (kubectl kustomize)`, range: docAnchor(d), document: d.index });
    } else if (patchFile || isJsonPatch(d.value) || hasPatchDirective(source)) {
      d.skip = 'patch';
      if (!patchFile || !reportedPatchFile) {
        reportedPatchFile = true;
        file.findings.push({ code: SKIP_CODES.patch, severity: 'information', message: `${patchFile ? 'Patch file' : 'Patch'}: partial objects are not checked; kube-spread checks the patched result (kubectl kustomize)`, range: docAnchor(d), document: d.index });
      }
    } else if (d.kind?.endsWith('List') && Array.isArray((d.value as { items?: unknown }).items)) {
      // kubectl unwraps a List on the client and sends each item; this tool checks documents, and a
      // List's items are not documents. Said once, so that a List file is not silently "clean".
      const n = ((d.value as { items: unknown[] }).items).length;
      d.skip = 'list';
      file.findings.push({ code: SKIP_CODES.list, severity: 'information', message: `${d.kind} of ${n} object${n === 1 ? '' : 's'}: the items are not checked; kube-spread checks each object written as its own YAML document (separate them with ---)`, range: docAnchor(d), document: d.index });
    } else if (!d.kind || !d.apiVersion) {
      d.skip = 'not-kubernetes';
    } else if (!isWorkloadKind(d.kind)) {
      // An Argo Rollout, a Strimzi Kafka, an OpenKruise CloneSet…: spreading the user cares about, in a
      // kind this tool does not simulate. Said once, so that the constraints are not taken as simulated
      // (check.ts validates them with the API server's rules).
      const lists = constraintLists(d.value, d.yaml.range ? source : undefined).filter((l) => l.list.length > 0);
      if (lists.length > 0) {
        const where = formatFieldPath(lists[0].path) + (lists.length > 1 ? ` and ${lists.length - 1} more` : '');
        file.findings.push({
          code: SKIP_CODES.customWorkload, severity: 'information', range: docAnchor(d), document: d.index,
          message: `${d.kind} (${d.apiVersion}) is not a kind kube-spread simulates: its topologySpreadConstraints (${where}) are checked against the API server's rules, but where they place pods is not simulated`,
        });
      }
    }
  }
  const notK8s = docs.filter((d) => d.skip === 'not-kubernetes');
  if (notK8s.length === 0) return;
  const anyManifest = docs.some((d) => d.skip === undefined || d.skip === 'kustomization' || d.skip === 'patch' || d.skip === 'list' || d.skip === 'template');
  // A file with no Kubernetes object at all (a CI config, values.yaml…) gets a single note;
  // in a manifest file each stray document is probably a half-typed object, so each is named.
  for (const d of anyManifest ? notK8s : notK8s.slice(0, 1)) {
    const missing = [!d.apiVersion && 'apiVersion', !d.kind && 'kind'].filter(Boolean).join(' and ');
    file.findings.push({
      code: SKIP_CODES.notKubernetes,
      severity: 'information',
      message: anyManifest ? `Not checked: this document has no ${missing}` : `Not a Kubernetes manifest (no ${missing}): kube-spread does not check this file`,
      range: docAnchor(d),
      document: d.index,
    });
  }
}

function lineEnd(file: ParsedFile, line: number): number {
  const start = file.lineCounter.lineStarts[line] ?? 0;
  const nl = file.text.indexOf('\n', start);
  const end = nl < 0 ? file.text.length : nl;
  return end - start - (file.text[end - 1] === '\r' ? 1 : 0);
}
