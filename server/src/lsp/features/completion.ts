// Completion inside topologySpreadConstraints: topologyKey values from the fixture's node labels
// (how many nodes carry each, the domains), the enum fields, selector operators, matchLabels and
// matchLabelKeys from the pod template's own labels, and a snippet for a whole constraint. Works on
// half-typed YAML: the context comes from the lines around the cursor (cursorContext.ts), the
// workload from a parse with the cursor's line blanked (editorModel.ts). Documentation says what an
// item does on this fixture and for this workload, not in general.

import {
  CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind,
  type CompletionItem, type CompletionList, type Connection, type Range, type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { cursorContext, type CursorContext } from '../../editor/cursorContext';
import {
  fixtureName, HOSTNAME, labelStats, list, nodesOf, plural, REGION, snippetText, WELL_KNOWN, workloadAt, yamlScalar, ZONE,
  type FixtureNode, type WorkloadAt,
} from '../../editor/editorModel';
import type { FixtureManager } from '../state/fixtures';

export const TRIGGER_CHARACTERS = [':', ' ', '-', '[', ','];

const TSC = 'topologySpreadConstraints';
const CONSTRAINT_FIELDS: Record<string, string> = {
  maxSkew: 'How uneven the spread may get: the most matching pods a domain may have above the least-loaded eligible domain.',
  topologyKey: 'The node label whose values are the domains (zones, nodes, …).',
  whenUnsatisfiable: '`DoNotSchedule` (hard: rather Pending than skewed) or `ScheduleAnyway` (soft: a scoring preference).',
  labelSelector: 'Which pods are counted per domain; it should select this workload\'s own pods.',
  matchLabelKeys: 'Label keys whose values (taken from the incoming pod) are ANDed into labelSelector, e.g. `pod-template-hash` for one Deployment revision.',
  minDomains: 'DoNotSchedule only: with fewer eligible domains than this, the global minimum counts as 0.',
  nodeAffinityPolicy: 'Whether nodes the pod\'s nodeSelector/affinity excludes count as domains (`Honor`, the default, leaves them out).',
  nodeTaintsPolicy: 'Whether nodes with taints the pod does not tolerate count as domains (`Ignore`, the default, counts them).',
};
const ENUM_FIELDS = new Set(['whenUnsatisfiable', 'nodeAffinityPolicy', 'nodeTaintsPolicy']);

export interface CompletionInput {
  text: string;
  offset: number;
  /** offset → LSP position. */
  positionAt(offset: number): { line: number; character: number };
  nodes: FixtureNode[];
  fixture: string;
}

export function registerCompletion(connection: Connection, documents: TextDocuments<TextDocument>, fixtures: FixtureManager): void {
  connection.onCompletion(async (params): Promise<CompletionList | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    await fixtures.loaded; // not a reload: the nodes of the fixture in use until the new one has loaded
    try {
      const items = completionsAt({
        text: doc.getText(), offset: doc.offsetAt(params.position), positionAt: (o) => doc.positionAt(o),
        nodes: nodesOf(fixtures.current), fixture: fixtureName(fixtures.current),
      });
      return items.length ? { isIncomplete: false, items } : null;
    } finally {
      fixtures.noteRequest(); // a load in progress leaves the next request a moment (lsp/state/fixtures.ts)
    }
  });
}

export function completionsAt(input: CompletionInput): CompletionItem[] {
  const cx = cursorContext(input.text, input.offset);
  if (!cx) return [];
  const range: Range = { start: input.positionAt(cx.replace[0]), end: input.positionAt(cx.replace[1]) };
  // `key:|` with no space yet: a value must not be glued to the colon.
  const lead = cx.at === 'value' && !cx.flowItem && input.text[cx.replace[0] - 1] === ':' ? ' ' : '';
  const inTsc = cx.path.includes(TSC);
  const last = cx.path[cx.path.length - 1];
  const parent = cx.path[cx.path.length - 2];
  let w: WorkloadAt | undefined;
  const workload = () => (w ??= workloadAt(input.text, input.offset));
  const out: CompletionItem[] = [];

  if (cx.at === 'value') {
    if (cx.key === 'topologyKey') out.push(...topologyKeyItems(input, range, lead));
    else if (inTsc && cx.key && ENUM_FIELDS.has(cx.key) && last === '[]') out.push(...enumItems(cx.key, input, range, lead));
    else if (cx.key === 'operator' && last === '[]' && parent === 'matchExpressions') out.push(...operatorItems(range, lead));
    else if (inTsc && last === 'matchLabels' && cx.key) out.push(...matchLabelValueItems(cx.key, workload(), range, lead));
    else if (inTsc && cx.key === 'matchLabelKeys' && last === '[]') {
      if (cx.flowItem) out.push(...matchLabelKeyItems(workload(), range, ''));
      else if (cx.partial === '') out.push(...matchLabelKeyItems(workload(), range, lead, true));
    }
    return out;
  }

  // Typing a key or a bare sequence item.
  if (inTsc && last === '[]' && parent === 'matchLabelKeys' && cx.dash !== undefined) {
    out.push(...matchLabelKeyItems(workload(), range, ''));
  } else if (inTsc && last === 'matchLabels') {
    out.push(...matchLabelKeyValueItems(workload(), range));
  } else if (inTsc && last === 'labelSelector') {
    out.push(keyItem('matchLabels', 'Pods with all of these labels are counted.', range, false), keyItem('matchExpressions', 'Requirements (`key`, `operator`, `values`), all of which a counted pod meets.', range, false));
  } else if (last === '[]' && parent === TSC) {
    // A field of a constraint, or (on a fresh `- `) the whole constraint.
    if (cx.dash !== undefined && cx.column === cx.dash + 2 && isLoneItem(input.text, cx)) {
      const wl = workload();
      out.push(constraintSnippet(wl, range, cx.dash, 'item'));
    }
    for (const [k, doc] of Object.entries(CONSTRAINT_FIELDS)) out.push(keyItem(k, doc, range, ENUM_FIELDS.has(k) || k === 'topologyKey'));
  } else if (last === TSC && cx.dash === undefined) {
    out.push(constraintSnippet(workload(), range, cx.column, 'dash'));
  } else if (cx.dash === undefined) {
    const wl = workload();
    if (wl && cx.path.join('.') === wl.podSpecPath.join('.')) out.push(constraintSnippet(wl, range, cx.column, 'block'));
  }
  return out;
}

/** Whether the `- ` on the cursor line starts an item with nothing else in it yet. */
function isLoneItem(text: string, cx: CursorContext): boolean {
  const lineEnd = text.indexOf('\n', cx.lineStart);
  const next = lineEnd < 0 ? '' : text.slice(lineEnd + 1, (text.indexOf('\n', lineEnd + 1) + 1 || text.length + 1) - 1);
  const indent = /^ */.exec(next)?.[0].length ?? 0;
  return !(next.trim() && indent === cx.column && !next.trim().startsWith('-') && !next.trim().startsWith('#'));
}

function md(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

function keyItem(key: string, doc: string, range: Range, suggestAfter: boolean): CompletionItem {
  return {
    label: key, kind: CompletionItemKind.Property, documentation: md(doc), sortText: `1-${key}`,
    textEdit: { range, newText: `${key}: ` },
    ...(suggestAfter ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
  };
}

function topologyKeyItems(input: CompletionInput, range: Range, lead: string): CompletionItem[] {
  const { nodes } = input;
  const stats = labelStats(nodes);
  const keys = [...new Set([...WELL_KNOWN, ...stats.keys()])];
  return keys.map((key) => {
    const s = stats.get(key);
    const carrying = s?.nodes ?? 0;
    const wellKnown = WELL_KNOWN.includes(key);
    const values = [...(s?.values ?? new Map<string, number>()).entries()].sort((a, b) => a[0].localeCompare(b[0]));
    const lacking = nodes.filter((n) => !(key in n.labels)).map((n) => n.name);
    const doc: string[] = [];
    if (carrying === 0) {
      doc.push(`**No node** of ${input.fixture} carries this label: with \`DoNotSchedule\` every replica stays Pending; with \`ScheduleAnyway\` the constraint has no effect.`);
    } else {
      doc.push(`**${carrying} of ${nodes.length} nodes** of ${input.fixture} carry this label: ${key === HOSTNAME ? `one domain per node (${carrying})` : `${plural(values.length, 'domain')}: ${list(values.map(([v, n]) => `${v} (${n})`), 6)}`}.`);
      if (lacking.length) doc.push('', `Not on ${list(lacking)}: \`DoNotSchedule\` rejects ${lacking.length === 1 ? 'that node' : 'those nodes'} (missing required label); \`ScheduleAnyway\` scores ${lacking.length === 1 ? 'it' : 'them'} lowest.`);
      if (key !== HOSTNAME && values.length === 1) doc.push('', 'A single domain: a constraint on this key cannot spread anything here.');
    }
    if (wellKnown) doc.push('', `Well-known label${key === HOSTNAME ? ' set by the kubelet' : ' set by the cloud provider'}${key === REGION ? '; regions are usually too coarse to spread replicas' : ''}.`);
    const detail = carrying ? `${carrying}/${nodes.length} nodes${key === HOSTNAME ? '' : ` · ${plural(values.length, 'domain')}`}${wellKnown ? ' · well-known' : ''}` : `no node carries it${wellKnown ? ' · well-known' : ''}`;
    // Well-known keys first (zone, hostname, region), then the fixture's own by how many nodes carry them.
    const rank = wellKnown ? `0${WELL_KNOWN.indexOf(key)}` : `1${String(9999 - carrying).padStart(4, '0')}`;
    return {
      label: key, kind: CompletionItemKind.EnumMember, detail, documentation: md(doc.join('\n')),
      sortText: `${rank}-${key}`, filterText: key, textEdit: { range, newText: lead + key },
      ...(key === ZONE && carrying > 0 ? { preselect: true } : {}),
    };
  });
}

function enumItems(field: string, input: CompletionInput, range: Range, lead: string): CompletionItem[] {
  const tainted = input.nodes.filter((n) => n.taints.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'));
  const taintNote = tainted.length
    ? ` Here: ${plural(tainted.length, 'node')} of ${input.fixture} ${tainted.length === 1 ? 'has' : 'have'} such taints (${list(tainted.map((n) => n.name))}).`
    : ` ${input.fixture[0].toUpperCase()}${input.fixture.slice(1)} has no tainted node, so this changes nothing here.`;
  const values: Record<string, [string, string][]> = {
    whenUnsatisfiable: [
      ['DoNotSchedule', 'Hard: a node whose domain would exceed maxSkew is filtered out; replicas stay Pending rather than skew. Nodes without the topologyKey are rejected.'],
      ['ScheduleAnyway', 'Soft: domains with fewer matching pods score higher, but a skewed placement is still allowed. Nodes without the topologyKey score lowest.'],
    ],
    nodeAffinityPolicy: [
      ['Honor', 'Default. Only nodes that match the pod\'s nodeSelector / required node affinity count as domains.'],
      ['Ignore', 'Every node counts as a domain, also those the pod can never use: their (often 0) pod counts can pin the global minimum.'],
    ],
    nodeTaintsPolicy: [
      ['Honor', `Nodes with taints the pod does not tolerate are not counted as domains.${taintNote}`],
      ['Ignore', `Default. Tainted nodes count as domains although the pod cannot run there; an empty tainted domain can pin the global minimum.${taintNote}`],
    ],
  };
  return (values[field] ?? []).map(([v, doc], i) => ({
    label: v, kind: CompletionItemKind.EnumMember, documentation: md(doc), sortText: String(i), textEdit: { range, newText: lead + v },
  }));
}

function operatorItems(range: Range, lead: string): CompletionItem[] {
  const ops: [string, string][] = [
    ['In', 'The label\'s value is one of `values`.'],
    ['NotIn', 'The label is absent or its value is none of `values` (also counts pods of other workloads).'],
    ['Exists', 'The pod has the label (any value); no `values`.'],
    ['DoesNotExist', 'The pod lacks the label; no `values`.'],
  ];
  return ops.map(([v, doc], i) => ({ label: v, kind: CompletionItemKind.EnumMember, documentation: md(doc), sortText: String(i), textEdit: { range, newText: lead + v } }));
}

function ownLabelDoc(w: WorkloadAt, k: string): string {
  return `This ${w.kind === 'Pod' ? 'pod\'s' : 'template\'s'} own label \`${k}=${w.labels[k]}\`: every pod of ${w.kind} \`${w.name || '(unnamed)'}\` carries it, so the constraint counts them.`;
}

function matchLabelKeyValueItems(w: WorkloadAt | undefined, range: Range): CompletionItem[] {
  if (!w) return [];
  return Object.keys(w.labels).map((k) => ({
    label: `${k}: ${w.labels[k]}`, filterText: k, kind: CompletionItemKind.Property, documentation: md(ownLabelDoc(w, k)),
    sortText: `0-${k}`, textEdit: { range, newText: `${yamlScalar(k)}: ${yamlScalar(w.labels[k])}` },
  }));
}

function matchLabelValueItems(key: string, w: WorkloadAt | undefined, range: Range, lead: string): CompletionItem[] {
  if (!w || w.labels[key] === undefined) return [];
  return [{ label: w.labels[key], kind: CompletionItemKind.Value, documentation: md(ownLabelDoc(w, key)), textEdit: { range, newText: lead + yamlScalar(w.labels[key]) } }];
}

function matchLabelKeyItems(w: WorkloadAt | undefined, range: Range, lead: string, asFlowList = false): CompletionItem[] {
  const out: CompletionItem[] = [];
  const wrap = (k: string) => lead + (asFlowList ? `[${yamlScalar(k)}]` : yamlScalar(k));
  if (w?.kind === 'Deployment') {
    out.push({
      label: 'pod-template-hash', kind: CompletionItemKind.Value, preselect: true, sortText: '0',
      detail: 'set by the Deployment controller',
      documentation: md('Each ReplicaSet of this Deployment labels its pods with its own `pod-template-hash`. With this key only pods of the **current revision** are counted, so a rolling update does not skew the new pods by counting the old ones.'),
      textEdit: { range, newText: wrap('pod-template-hash') },
    });
  }
  for (const k of Object.keys(w?.labels ?? {})) {
    if (k === 'pod-template-hash') continue;
    out.push({
      label: k, kind: CompletionItemKind.Value, sortText: `1-${k}`,
      documentation: md(`Narrows the selector to pods with \`${k}=${w!.labels[k]}\` (this template's value). Every pod of this workload has the same value, so this only matters when other workloads' pods also match the labelSelector.`),
      textEdit: { range, newText: wrap(k) },
    });
  }
  return out;
}

/**
 * A whole constraint: zone, maxSkew 1, DoNotSchedule, the selector from the workload, and
 * matchLabelKeys [pod-template-hash] for Deployments. `item`: after an existing `- `; `dash`: a new
 * item at `col`; `block`: the `topologySpreadConstraints:` key at `col` with one item.
 */
function constraintSnippet(w: WorkloadAt | undefined, range: Range, col: number, mode: 'item' | 'dash' | 'block'): CompletionItem {
  const labels = w && Object.keys(w.selectorLabels).length ? w.selectorLabels : undefined;
  const body = [
    'maxSkew: ${1:1}',
    `topologyKey: \${2|${ZONE},${HOSTNAME}|}`,
    'whenUnsatisfiable: ${3|DoNotSchedule,ScheduleAnyway|}',
    'labelSelector:',
    '  matchLabels:',
    ...(labels ? Object.entries(labels).map(([k, v]) => `    ${snippetText(yamlScalar(k))}: ${snippetText(yamlScalar(v))}`) : ['    ${4:app}: ${5:name}']),
    ...(w?.kind === 'Deployment' ? ['matchLabelKeys:', '  - pod-template-hash'] : []),
  ];
  // Lines after the first are indented as absolute columns (insertTextMode asIs): the item's keys
  // sit two columns right of its dash.
  const dashCol = mode === 'block' ? col + 2 : col;
  const pad = ' '.repeat(dashCol + 2);
  const item = body.map((l, i) => (i === 0 ? l : pad + l)).join('\n');
  const text = mode === 'item' ? item : mode === 'dash' ? `- ${item}` : `${TSC}:\n${' '.repeat(dashCol)}- ${item}`;
  const sel = labels ? Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') : 'your pod labels';
  return {
    label: mode === 'block' ? `${TSC} (zone, DoNotSchedule)` : 'spread constraint (zone, DoNotSchedule)',
    kind: CompletionItemKind.Snippet,
    detail: `maxSkew 1 over ${ZONE}, selector ${sel}${w?.kind === 'Deployment' ? ', matchLabelKeys [pod-template-hash]' : ''}`,
    documentation: md(`Spreads the pods of ${w ? `${w.kind} \`${w.name || '(unnamed)'}\`` : 'this workload'} evenly over zones: a node is rejected when its zone would hold more than 1 matching pod above the least-loaded zone.` +
      `${labels ? ` The selector is this workload's own (${sel}), so its replicas see each other.` : ''}` +
      `${w?.kind === 'Deployment' ? ' `matchLabelKeys: [pod-template-hash]` counts only the current revision during rolling updates.' : ''}`),
    sortText: '0-snippet',
    filterText: mode === 'block' ? TSC : 'maxSkew spread constraint',
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range, newText: text },
  };
}
