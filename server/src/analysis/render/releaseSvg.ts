// A self-contained SVG picture of a release (`simulate FILE... --format svg` with several workloads,
// and the editor's Simulate Release view, which inlines this same markup):
//   - a title (placed / pending over the whole release), the cluster, the creation order and, when the
//     outcome depends on it, the order-sensitivity warning;
//   - a legend: one colour per workload, with its placed / replicas;
//   - the nodes grouped by zone (else region, else one group), each node once with one mark per pod
//     in its workload's colour; past NODE_DETAIL_LIMIT nodes one row per group with a count per workload;
//   - the Pending replicas per workload, with the workloads of the release that block them.
// Plain drawing markup only (svgKit.ts): every name from a manifest or fixture goes through esc().

import type { BlockedByJson, ReleaseJson, ReleaseWorkloadJson } from '../release/json';
import { ORDER_NAMES } from '../release/order';
import { describeChanges } from '../release/sensitivity';
import type { FixtureNode } from '../session';
import { clip, cls, esc, STYLE, svgOpen, textWidth, wrap } from './svgKit';
import { ranges } from './text/format';
import { MARKS, NODE_DETAIL_LIMIT } from './svg';

const GROUP_KEYS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone', 'topology.kubernetes.io/region'];
const NO_LABEL = '(no label)';
const COLUMNS_PER_LINE = 5;
/** Widest line of text before it wraps (characters). */
const WRAP = 110;

/**
 * Ten colours that stay apart for most eyes (Tableau 10, red last: red also marks Pending), then
 * hues spread by the golden angle: every workload of a release gets its own colour.
 */
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#bab0ac', '#e15759'];

function hslHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(255 * c).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** The colour of each of `n` workloads, all different. */
export function releaseColors(n: number): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (let k = 0; out.length < n; k++) {
    const c = k < PALETTE.length ? PALETTE[k] : hslHex((k * 137.508) % 360, 0.55, k % 2 ? 0.42 : 0.6);
    if (seen.has(c)) continue;
    seen.add(c);
    out.push(c);
  }
  return out;
}

export interface ReleaseSvgInput {
  cluster: { source: string; embedded?: boolean; nodes: number; pods: number };
  release: ReleaseJson;
}

export interface ReleaseSvgOptions {
  /** The fixture's nodes (labels, cordon): every node is drawn, not only those that got a pod. */
  nodes?: readonly FixtureNode[];
}

interface Ctx {
  r: ReleaseJson;
  colors: string[];
  parts: string[];
  width: number;
  y: number;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const workloadName = (w: ReleaseWorkloadJson) => w.name || '(unnamed)';

/** Nodes from the options, or those the placements name when the fixture's are not given. */
function nodesOf(r: ReleaseJson, given: readonly FixtureNode[] | undefined): readonly FixtureNode[] {
  if (given) return given;
  const names = [...new Set(r.workloads.flatMap((w) => w.placements.map((p) => p.node)))].sort(byName);
  return names.map((name) => ({ name, labels: {} }));
}

function mark(color: string, x: number, y: number, title: string): string {
  return `<circle fill="${color}" cx="${x}" cy="${y}" r="4"><title>${esc(title)}</title></circle>`;
}

function legendLines(ctx: Ctx): void {
  const maxWidth = 900;
  let x = 10;
  let y = ctx.y + 12;
  ctx.r.workloads.forEach((w, k) => {
    const text = `${w.kind} ${workloadName(w)} (doc ${w.document}) ${w.placed}/${w.replicas} placed${w.pending ? `, ${w.pending} pending` : ''}`;
    const width = 14 + textWidth(text) + 18;
    if (x > 10 && x + width > maxWidth) {
      x = 10;
      y += 18;
    }
    ctx.parts.push(`<circle fill="${ctx.colors[k]}" cx="${x + 5}" cy="${y - 4}" r="5"/>`);
    ctx.parts.push(`<text ${cls(w.pending ? 'pend' : 't')} x="${x + 14}" y="${y}">${esc(text)}</text>`);
    x += width;
    ctx.width = Math.max(ctx.width, x + 10);
  });
  ctx.y = y + 14;
}

/** The key nodes are grouped by: the zone, else the region, else none. */
function groupKeyOf(nodes: readonly FixtureNode[]): string {
  return GROUP_KEYS.find((k) => nodes.some((n) => n.labels[k] !== undefined)) ?? '';
}

/** Per node: the pods placed on it, as [workload, replica], in release order. */
function podsByNode(r: ReleaseJson): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  r.workloads.forEach((w, k) => {
    for (const p of w.placements) {
      const list = out.get(p.node);
      if (list) list.push([k, p.replica]);
      else out.set(p.node, [[k, p.replica]]);
    }
  });
  return out;
}

function nodePanel(ctx: Ctx, nodes: readonly FixtureNode[]): void {
  const { parts, r } = ctx;
  const groupKey = groupKeyOf(nodes);
  const groups = new Map<string, FixtureNode[]>();
  for (const n of nodes) {
    const g = groupKey ? n.labels[groupKey] ?? NO_LABEL : 'all nodes';
    const list = groups.get(g);
    if (list) list.push(n);
    else groups.set(g, [n]);
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => byName(a, b));
  const pods = podsByNode(r);
  const summed = nodes.length > NODE_DETAIL_LIMIT;
  parts.push(`<text ${cls('t')} x="10" y="${ctx.y + 14}" font-weight="bold">${esc(`${nodes.length} node(s)${groupKey ? ` by ${groupKey}` : ''}${summed ? ', summed' : ''}`)}</text>`);
  ctx.y += 24;
  if (summed) return summaryRows(ctx, sorted, pods);
  const colW = 210;
  const rowH = 32;
  for (let start = 0; start < sorted.length; start += COLUMNS_PER_LINE) {
    const line = sorted.slice(start, start + COLUMNS_PER_LINE);
    const tallest = Math.max(1, ...line.map(([, ns]) => ns.length));
    const height = 28 + tallest * rowH;
    line.forEach(([group, ns], i) => {
      const x = 10 + i * (colW + 10);
      const count = ns.reduce((n, node) => n + (pods.get(node.name)?.length ?? 0), 0);
      parts.push(`<rect ${cls('box')} x="${x}" y="${ctx.y}" width="${colW}" height="${height}" rx="6"/>`);
      parts.push(`<text ${cls('t')} x="${x + 8}" y="${ctx.y + 18}" font-weight="bold">${esc(clip(group === '' ? '""' : group, 22))} · ${count} pod(s)<title>${esc(group)}</title></text>`);
      ns.forEach((node, row) => nodeRow(ctx, x, ctx.y + 28 + row * rowH, node, pods.get(node.name) ?? []));
    });
    ctx.width = Math.max(ctx.width, 20 + line.length * (colW + 10));
    ctx.y += height + 10;
  }
}

function nodeRow(ctx: Ctx, x: number, y: number, node: FixtureNode, pods: readonly [number, number][]): void {
  const { parts, r, colors } = ctx;
  parts.push(`<text ${cls('m')} x="${x + 8}" y="${y + 11}"${node.unschedulable ? ' text-decoration="line-through"' : ''}>${esc(clip(node.name, 28))}<title>${esc(node.unschedulable ? `${node.name}: cordoned` : node.name)}</title></text>`);
  const shown = pods.slice(0, MARKS);
  shown.forEach(([k, replica], i) => parts.push(mark(colors[k], x + 14 + i * 10, y + 20, `${workloadName(r.workloads[k])} replica ${replica}`)));
  if (pods.length > shown.length) {
    const more = `+${pods.length - shown.length}`;
    parts.push(`<text ${cls('t')} x="${x + 14 + shown.length * 10}" y="${y + 24}">${more}<title>${esc(`${pods.length} pods on ${node.name}`)}</title></text>`);
  }
}

/** Many nodes: one row per group, with each workload's pod count in its colour. */
function summaryRows(ctx: Ctx, groups: [string, FixtureNode[]][], pods: Map<string, [number, number][]>): void {
  const { r, colors } = ctx;
  const top = ctx.y;
  const rowH = 20;
  const labelW = Math.min(200, Math.max(60, ...groups.map(([g]) => textWidth(g)))) + 16;
  const rows: string[] = [];
  let width = 300;
  groups.forEach(([g, ns], i) => {
    const y = top + 20 + i * rowH;
    const counts = r.workloads.map(() => 0);
    for (const n of ns) for (const [k] of pods.get(n.name) ?? []) counts[k]++;
    rows.push(`<text ${cls('t')} x="18" y="${y}">${esc(clip(g === '' ? '""' : g, 30))} (${ns.length})<title>${esc(g)}</title></text>`);
    let x = 10 + labelW + 30;
    counts.forEach((n, k) => {
      if (!n) return;
      rows.push(mark(colors[k], x + 4, y - 4, `${workloadName(r.workloads[k])}: ${n} pod(s) in ${g}`));
      rows.push(`<text ${cls('t')} x="${x + 12}" y="${y}">${n}</text>`);
      x += 22 + textWidth(String(n));
    });
    width = Math.max(width, x);
  });
  const height = 12 + groups.length * rowH;
  ctx.parts.push(`<rect ${cls('box')} x="10" y="${top}" width="${width}" height="${height}" rx="6"/>`, ...rows);
  ctx.width = Math.max(ctx.width, width + 20);
  ctx.y = top + height + 12;
}

function pendingSection(ctx: Ctx): void {
  const { parts, r, colors } = ctx;
  const pending = r.workloads.map((w, k) => [w, k] as const).filter(([w]) => w.pending > 0);
  if (!pending.length) return;
  const file = r.workloads[0]?.file ?? '';
  const lines: { k: number; text: string; head: boolean }[] = [];
  for (const [w, k] of pending) {
    const named = (b: BlockedByJson) => `${b.kind} ${b.name || '(unnamed)'} (${b.file === file ? '' : `${b.file}, `}doc ${b.document})`;
    const blocked = w.blockedBy?.length ? `, blocked by ${w.blockedBy.map(named).join(', ')}${w.blockedByMore ? ', …' : ''}` : '';
    lines.push({ k, text: `${workloadName(w)}: ${w.pending} of ${w.replicas} Pending${blocked}`, head: true });
    for (const b of w.blockedBy ?? []) {
      const reasons = Object.entries(b.reasons).sort((x, y) => y[1] - x[1] || byName(x[0], y[0])).map(([why, n]) => `${n} ${why}`).join(', ');
      for (const l of wrap(`${named(b)} takes ${b.nodes} node(s) ${workloadName(w)} could use otherwise (${reasons})`, WRAP)) lines.push({ k, text: l, head: false });
    }
    // Pending replicas with the same message, together: the scheduler's words.
    const groups = new Map<string, number[]>();
    for (const p of w.pendingReplicas) {
      const list = groups.get(p.message);
      if (list) list.push(p.replica);
      else groups.set(p.message, [p.replica]);
    }
    for (const [message, replicas] of groups) {
      for (const l of wrap(`replica${replicas.length === 1 ? '' : 's'} ${ranges(replicas)}: ${message}`, WRAP)) lines.push({ k, text: l, head: false });
    }
  }
  const total = pending.reduce((n, [w]) => n + w.pending, 0);
  parts.push(`<text ${cls('pend')} x="10" y="${ctx.y + 12}" font-weight="bold">! ${total} pending</text>`);
  lines.forEach((l, i) => {
    const y = ctx.y + 32 + i * 18;
    if (l.head) parts.push(`<circle fill="${colors[l.k]}" cx="15" cy="${y - 4}" r="5"/>`);
    parts.push(`<text ${cls('t')} x="${l.head ? 24 : 32}" y="${y}"${l.head ? ' font-weight="bold"' : ''}>${esc(l.text)}</text>`);
  });
  ctx.width = Math.max(ctx.width, 40 + Math.max(0, ...lines.map((l) => textWidth(l.text))));
  ctx.y += 32 + lines.length * 18;
}

function orderSection(ctx: Ctx): void {
  const { r, parts } = ctx;
  if (!r.orderSensitive) return;
  const lines = [`Order sensitive: the outcome depends on the creation order (also simulated: ${r.compared.map((o) => ORDER_NAMES[o]).join(', ')})`];
  for (const k of new Set(r.orderChanges.map((c) => c.workload))) {
    lines.push(...wrap(`${workloadName(r.workloads[k])}: ${describeChanges(r.orderChanges.filter((c) => c.workload === k))}`, WRAP));
  }
  lines.forEach((l, i) => parts.push(`<text ${cls(i === 0 ? 'bad' : 't')} x="10" y="${ctx.y + 14 + i * 18}"${i === 0 ? ' font-weight="bold"' : ''}>${esc(l)}</text>`));
  ctx.width = Math.max(ctx.width, 20 + Math.max(...lines.map((l) => textWidth(l))));
  ctx.y += 14 + lines.length * 18;
}

export function renderReleaseSvg(s: ReleaseSvgInput, opts: ReleaseSvgOptions = {}): string {
  const r = s.release;
  const ctx: Ctx = { r, colors: releaseColors(r.workloads.length), parts: [], width: 420, y: 0 };
  const { parts } = ctx;
  const placed = r.workloads.reduce((n, w) => n + w.placed, 0);
  const replicas = r.workloads.reduce((n, w) => n + w.replicas, 0);
  const pending = r.workloads.reduce((n, w) => n + w.pending, 0);
  const files = [...new Set(r.workloads.map((w) => w.file))];
  const title = `Release: ${r.workloads.length} workloads of ${files.join(', ')}: ${placed}/${replicas} placed${pending ? `, ${pending} pending` : ''}`;
  parts.push(`<text ${cls('t')} x="10" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`);
  const sub = `${s.cluster.embedded ? 'embedded sample cluster (not your cluster)' : s.cluster.source} · created in ${ORDER_NAMES[r.order]}`
    + `${r.orderSensitive ? ' · order sensitive' : r.compared.length ? ' · the same outcome in the other orders' : ''}`;
  parts.push(`<text ${cls(r.orderSensitive ? 'bad' : 'm')} x="10" y="38">${esc(sub)}</text>`);
  ctx.width = Math.max(ctx.width, textWidth(title, 14) + 20, textWidth(sub) + 20);
  ctx.y = 48;
  legendLines(ctx);
  nodePanel(ctx, nodesOf(r, opts.nodes));
  pendingSection(ctx);
  orderSection(ctx);
  const width = Math.ceil(ctx.width);
  const height = Math.ceil(ctx.y + 10);
  return `${[svgOpen(width, height, `release of ${r.workloads.map(workloadName).join(', ')}`), STYLE, ...parts, '</svg>'].join('\n')}\n`;
}
