// Quick fixes for findings with one clear fix (Finding.data from the lint and schema layers):
//   {fix: 'add-matchLabelKeys', key}        append the key to the constraint's matchLabelKeys (or add the field)
//   {fix: 'set-selector', matchLabels, selectorPath?}  labelSelector := {matchLabels}
//   {fix: 'remove-field'}                   remove the field / list item at the finding's path
//   {fix: 'set-value', value}               the scalar at the finding's path := value
//   {fix: 'set-field', field, value}        the constraint's `field` := value (added when absent)
//   schema/unknown-field {replacement}      rename the key; schema/api-version {replacement}: set apiVersion
// Edits are minimal (yamlEdits.ts) and only ever offered: nothing changes until the user picks one.

import { CodeActionKind, type CodeAction, type Connection, type Diagnostic, type TextDocuments, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseManifestText, type ManifestDocument, type ParsedFile, type PathSegment } from '../../analysis';
import { fileNameOf } from '../state/analysis';
import type { DiagnosticsScheduler } from './diagnostics';
import { yamlScalar } from '../../editor/editorModel';
import { addKey, appendItem, removeAt, renameKeyAt, replaceValue, sequenceIndent, setScalarAt, type OffsetEdit } from '../../editor/yamlEdits';

interface DiagnosticData {
  path?: string;
  document?: number;
  data?: { fix?: string; key?: string; value?: unknown; field?: string; matchLabels?: Record<string, string>; selectorPath?: PathSegment[]; replacement?: string };
}

export interface Fix {
  title: string;
  edits: OffsetEdit[];
}

export function registerCodeActions(connection: Connection, documents: TextDocuments<TextDocument>, diagnostics: DiagnosticsScheduler): void {
  connection.onCodeAction((params): CodeAction[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const only = params.context.only;
    if (only && !only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
    const ours = params.context.diagnostics.filter((d) => d.source === 'kube-spread' && d.data);
    if (!ours.length) return [];
    const text = doc.getText();
    const cached = diagnostics.results.get(doc.uri);
    const parsed = cached?.version === doc.version && cached.result.parsed ? cached.result.parsed : parseManifestText(text, { fileName: fileNameOf(doc.uri) });
    const out: CodeAction[] = [];
    for (const d of ours) {
      const fix = fixFor(d, parsed, (p) => doc.offsetAt(p));
      if (!fix) continue;
      const edits: TextEdit[] = fix.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.text }));
      out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [doc.uri]: edits } } });
    }
    return out;
  });
}

/** `spec.template.spec.topologySpreadConstraints[0].maxSkew` → its segments. */
export function parsePath(dotted: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of dotted.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/** The path of the constraint a path is in (through the index after topologySpreadConstraints). */
function constraintPath(path: PathSegment[]): PathSegment[] | undefined {
  const i = path.indexOf('topologySpreadConstraints');
  return i >= 0 && typeof path[i + 1] === 'number' ? path.slice(0, i + 2) : undefined;
}

function flowLabels(l: Record<string, string>): string {
  return `{${Object.entries(l).map(([k, v]) => `${yamlScalar(k)}: ${yamlScalar(v)}`).join(', ')}}`;
}

/** The fix for one diagnostic on the current text, or undefined when there is none (or the text moved on). */
export function fixFor(d: Diagnostic, parsed: ParsedFile, offsetAt: (p: Diagnostic['range']['start']) => number): Fix | undefined {
  const meta = d.data as DiagnosticData;
  const data = meta.data ?? {};
  const doc: ManifestDocument | undefined = parsed.documents[meta.document ?? 0];
  if (!doc) return undefined;
  const text = parsed.text;
  const yaml = doc.yaml;
  const path = meta.path ? parsePath(meta.path) : [];
  const code = String(d.code ?? '');
  const one = (title: string, e: OffsetEdit | undefined): Fix | undefined => (e ? { title, edits: [e] } : undefined);

  if (code === 'schema/unknown-field' && typeof data.replacement === 'string') {
    const start = offsetAt(d.range.start);
    const end = offsetAt(d.range.end);
    if (end <= start || text.slice(start, end).includes('\n')) return undefined;
    return one(`Rename to "${data.replacement}"`, renameKeyAt(text, start, end, data.replacement));
  }
  if (code === 'schema/api-version' && typeof data.replacement === 'string') {
    return one(`Change apiVersion to ${data.replacement}`, setScalarAt(text, yaml, ['apiVersion'], data.replacement));
  }

  const cp = constraintPath(path);
  switch (data.fix) {
    case 'add-matchLabelKeys': {
      if (!cp || typeof data.key !== 'string') return undefined;
      const key = yamlScalar(data.key);
      const title = `Add matchLabelKeys: [${data.key}]`;
      const mlk = [...cp, 'matchLabelKeys'];
      if (doc.has(mlk)) {
        return one(title, appendItem(text, yaml, mlk, key) ?? replaceValue(text, yaml, mlk, { flow: `[${key}]`, block: [`- ${key}`] }));
      }
      const ind = ' '.repeat(sequenceIndent(text, yaml));
      return one(title, addKey(text, yaml, cp, 'matchLabelKeys', { inline: `[${key}]`, block: [`${ind}- ${key}`] }));
    }
    case 'set-selector': {
      const ml = data.matchLabels;
      if (!cp || !ml || typeof ml !== 'object' || !Object.keys(ml).length) return undefined;
      const sp = Array.isArray(data.selectorPath) ? data.selectorPath : [...cp, 'labelSelector'];
      const title = `Set labelSelector to matchLabels ${flowLabels(ml)}`;
      const block = ['matchLabels:', ...Object.entries(ml).map(([k, v]) => `  ${yamlScalar(k)}: ${yamlScalar(v)}`)];
      if (doc.has(sp)) return one(title, replaceValue(text, yaml, sp, { flow: `{matchLabels: ${flowLabels(ml)}}`, block }));
      return one(title, addKey(text, yaml, cp, 'labelSelector', { inline: `{matchLabels: ${flowLabels(ml)}}`, block: block.map((l) => `  ${l}`) }));
    }
    case 'remove-field': {
      if (!path.length) return undefined;
      const last = path[path.length - 1];
      const parent = path[path.length - 2];
      let title = `Remove ${String(last)}`;
      if (typeof last === 'number') {
        const item = (doc.value !== undefined ? valueAt(doc.value, path) : undefined);
        title = parent === 'topologySpreadConstraints' ? `Remove constraint [${last}]` : `Remove ${typeof item === 'string' ? `"${item}"` : `item ${last}`} from ${String(parent)}`;
      }
      return one(title, removeAt(text, yaml, path));
    }
    case 'set-value': {
      if (typeof data.value !== 'string') return undefined;
      const v = data.value;
      const last = path[path.length - 1];
      const field = typeof last === 'number' ? `${String(path[path.length - 2])} entry` : String(last);
      return one(`Change ${field} to ${v}`, setScalarAt(text, yaml, path, v));
    }
    case 'set-field': {
      if (!cp || typeof data.field !== 'string' || (typeof data.value !== 'string' && typeof data.value !== 'number')) return undefined;
      const v = String(data.value);
      const title = `Set ${data.field}: ${v}`;
      const fp = [...cp, data.field];
      return one(title, doc.has(fp) ? setScalarAt(text, yaml, fp, v) : addKey(text, yaml, cp, data.field, { inline: yamlScalar(v) }));
    }
    default:
      return undefined;
  }
}

function valueAt(v: unknown, path: PathSegment[]): unknown {
  let cur = v;
  for (const s of path) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[s as string] : undefined;
  return cur;
}
