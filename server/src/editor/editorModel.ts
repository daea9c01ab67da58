// What completion, code actions and hover need to know besides the cursor: the workload the cursor
// is in (kind, template labels, the selector a constraint should use) even while its text is
// half-typed, the fixture's nodes, and how to write YAML scalars and snippets safely.

import { type LoadedFixture, parseManifestText, workloadOf, type WorkloadKind } from '../analysis';

export const HOSTNAME = 'kubernetes.io/hostname';
export const ZONE = 'topology.kubernetes.io/zone';
export const REGION = 'topology.kubernetes.io/region';
export const WELL_KNOWN = [ZONE, HOSTNAME, REGION];

export interface WorkloadAt {
  kind: WorkloadKind;
  name: string;
  document: number;
  /** The pod template's labels (a Pod's own labels). */
  labels: Record<string, string>;
  /** What a constraint's labelSelector.matchLabels should be: the workload's selector when it selects the template, else the template labels. */
  selectorLabels: Record<string, string>;
  /** Pod spec path without indexes, e.g. ['spec','template','spec']. */
  podSpecPath: string[];
}

/**
 * The workload around `offset`. The cursor's own line is blanked before parsing: a half-typed line
 * (`topologyKey: topo`, `- `) is usually the only thing that keeps the document from parsing.
 */
export function workloadAt(text: string, offset: number): WorkloadAt | undefined {
  const lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const blanked = text.slice(0, lineStart) + ' '.repeat(lineEnd - lineStart) + text.slice(lineEnd);
  for (const t of [blanked, text]) {
    const docs = parseManifestText(t).documents;
    let doc = docs[0];
    for (const d of docs) if ((d.yaml.range?.[0] ?? 0) <= offset) doc = d;
    const w = doc && workloadOf(doc);
    if (!w) continue;
    const labels = { ...(w.template.metadata.labels ?? {}) };
    const ml = w.selector?.matchLabels ?? {};
    const usable = Object.keys(ml).length > 0 && (w.selector?.matchExpressions ?? []).length === 0
      && Object.entries(ml).every(([k, v]) => labels[k] === v) && w.kind !== 'Job' && w.kind !== 'CronJob';
    return {
      kind: w.kind, name: w.name, document: doc.index, labels,
      selectorLabels: usable ? { ...ml } : labels,
      podSpecPath: w.podSpecPath.map(String),
    };
  }
  return undefined;
}

export interface FixtureNode {
  name: string;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: string }[];
  unschedulable: boolean;
}

/** nodesOf per fixture: a completion on 15,000 nodes made 15,000 objects again each time. Gone with the fixture. */
const nodesByFixture = new WeakMap<LoadedFixture, FixtureNode[]>();

export function nodesOf(f: LoadedFixture | undefined): FixtureNode[] {
  if (!f) return [];
  let nodes = nodesByFixture.get(f);
  if (!nodes) nodesByFixture.set(f, (nodes = readNodes(f)));
  return nodes;
}

function readNodes(f: LoadedFixture): FixtureNode[] {
  // Defensive: a fixture is user data, and a half-loaded one must not break completion.
  return (f?.input?.nodes ?? []).map((n) => ({
    name: n.metadata?.name ?? '',
    labels: n.metadata?.labels ?? {},
    taints: (n.spec?.taints ?? []).filter((t) => t && t.key !== undefined).map((t) => ({ key: t.key ?? '', value: t.value, effect: t.effect ?? '' })),
    unschedulable: n.spec?.unschedulable === true,
  }));
}

export function fixtureName(f: LoadedFixture | undefined): string {
  if (!f) return 'the cluster fixture';
  return f.embedded ? 'the embedded sample cluster' : `\`${f.source}\``;
}

/** Per label key: how many nodes carry it and how many nodes carry each value. */
export function labelStats(nodes: FixtureNode[]): Map<string, { nodes: number; values: Map<string, number> }> {
  const out = new Map<string, { nodes: number; values: Map<string, number> }>();
  for (const n of nodes) {
    for (const [k, v] of Object.entries(n.labels)) {
      let s = out.get(k);
      if (!s) out.set(k, (s = { nodes: 0, values: new Map() }));
      s.nodes++;
      s.values.set(v, (s.values.get(v) ?? 0) + 1);
    }
  }
  return out;
}

// Plain scalars that a YAML 1.1 reader takes for something other than a string: kubectl's go-yaml v2
// (resolve.go) and the yaml library's 1.1 schema (our parser; k8s/yaml11.ts aligns its floats with
// go-yaml, and these patterns also cover the library's own, wider float rule). Only strings of
// plain-safe characters reach them (no sign, space, `:`, `~`, `<<`), so base-60 numbers (`1:30`),
// signed numbers and timestamps with a time are quoted by that check already. Underscores are
// allowed among digits because go-yaml drops them before reading a number (`1_000`, `0b1_0`).
const NOT_A_STRING: readonly RegExp[] = [
  /^(?:y|yes|n|no|true|false|on|off|null)$/i, // booleans and null (both readers take three spellings each; any case is quoted)
  /^\.(?:inf|nan)$/i, // infinity, not-a-number
  /^0(?:x[0-9a-f_]+|o[0-7_]+|b[01_]+)$/i, // hexadecimal, octal, binary (go-yaml also reads 0X, 0O, 0B)
  /^(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][-+]?[0-9_]*[0-9][0-9_]*)?$/, // integers (`017` is octal), floats (`1.`, `.5`, `1e3`), the library's `.` and `e5`
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$/, // a date: go-yaml keeps the text, but other YAML 1.1 readers make it a timestamp
];

/** A string as a YAML scalar that reads back as the same string. */
export function yamlScalar(s: string): string {
  if (s === '' || !/^[A-Za-z0-9_./][-A-Za-z0-9_./]*$/.test(s) || NOT_A_STRING.some((re) => re.test(s))) return JSON.stringify(s);
  return s;
}

/** Text for inside a snippet: `$`, `}` and `\` are syntax there. */
export function snippetText(s: string): string {
  return s.replace(/[$}\\]/g, (c) => `\\${c}`);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function list(names: string[], max = 4): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
