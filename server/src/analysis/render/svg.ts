// A self-contained SVG picture of a simulation (`simulate --format svg`):
//   - a legend;
//   - one panel per topology key of the constraints (hostname aside): a bar per domain, matching
//     pods already running (hollow) beside this workload's new replicas (filled), ties counted;
//   - the nodes, grouped by the first constraint's key (else the zone): each node once, its new
//     replicas, its matching pods when a hostname constraint counts them, ties (*), and the nodes
//     the pod can never use with the reason;
//   - the pending replicas with the scheduler's message.
// It stays readable at any size: past ROW_LIMIT domains a key panel sums its domains per zone,
// past NODE_DETAIL_LIMIT nodes the node panel sums per group, and past MARKS pods a row shows a
// count instead of one mark per pod. No external resources, no script (svgKit.ts).

import type { FixtureNode } from '../session';
import type { SimulateJson } from '../simulate';
import { clip, cls, esc, legend, STYLE, svgOpen, textWidth, wrap } from './svgKit';
import { ranges } from './text/format';

const HOSTNAME = 'kubernetes.io/hostname';
const GROUP_KEYS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone', 'topology.kubernetes.io/region'];
const NO_LABEL = '(no label)';

/** More domains than this in a key panel: one row per zone instead of one per domain. */
export const ROW_LIMIT = 40;
/** More nodes than this: the node panel sums per group instead of listing nodes. */
export const NODE_DETAIL_LIMIT = 60;
/** More pods than this in a row: a number instead of one mark per pod. */
export const MARKS = 12;
/** Node columns per line before the columns wrap. */
const COLUMNS_PER_LINE = 5;

export interface SvgOptions {
  /** The fixture's nodes (labels, cordon): every node is drawn, not only those that got a replica. */
  nodes?: readonly FixtureNode[];
}

interface Ctx {
  s: SimulateJson;
  nodes: readonly FixtureNode[];
  parts: string[];
  width: number;
  y: number;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Nodes from the options, or those the result names when the fixture's are not given. */
function nodesOf(s: SimulateJson, given: readonly FixtureNode[] | undefined): readonly FixtureNode[] {
  if (given) return [...given, ...newNodesOf(s, given)];
  const names = new Set([...s.placements.map((p) => p.node), ...Object.keys(s.unusableNodes ?? {}), ...Object.keys(s.skippedNodes ?? {})]);
  return [...names].map((name) => {
    const labels: Record<string, string> = {};
    for (const p of s.placements) if (p.node === name) Object.assign(labels, p.domains);
    return { name, labels };
  });
}

/** The nodes an autoscaler added (autoscaling fixtures): not in the fixture, drawn after its nodes and marked new. */
function newNodesOf(s: SimulateJson, given: readonly FixtureNode[]): FixtureNode[] {
  const known = new Set(given.map((n) => n.name));
  const out = new Map<string, FixtureNode>();
  for (const u of s.scaleUp ?? []) {
    for (const name of u.nodeNames) if (!known.has(name)) out.set(name, { name, labels: u.zone !== undefined ? { 'topology.kubernetes.io/zone': u.zone } : {} });
  }
  for (const p of s.placements) if (p.newNode && !known.has(p.node)) Object.assign((out.get(p.node) ?? out.set(p.node, { name: p.node, labels: {} }).get(p.node)!).labels, p.domains);
  return [...out.values()];
}

const isNew = (s: SimulateJson, name: string) => (s.scaleUp ?? []).some((u) => u.nodeNames.includes(name));

/** A short label for why a node cannot take the pod. */
function shortReason(r: string): string {
  if (r.includes('untolerated taint') || r.includes('does not tolerate')) return 'tainted';
  if (r.includes('were unschedulable')) return 'cordoned';
  if (r.includes('missing required label')) return 'lacks topology key';
  if (r.includes('affinity/selector') || r.includes('satisfy plugin') || r.includes('node selector')) return 'node affinity';
  if (r.startsWith('NodeResourcesFit')) return 'too small';
  return clip(r.split(':')[0], 24);
}

/** Up to MARKS circles then "+N": (x, y) is the first mark's centre; returns the x after the marks. */
function marks(ctx: Ctx, x: number, y: number, n: number, kind: 'new' | 'old', what: string): number {
  if (n <= 0) return x;
  const shown = Math.min(n, MARKS);
  for (let i = 0; i < shown; i++) ctx.parts.push(`<circle ${cls(kind)} cx="${x + i * 10}" cy="${y}" r="${kind === 'new' ? 4 : 3.5}"/>`);
  let end = x + shown * 10;
  if (n > shown) {
    const more = `+${n - shown}`;
    ctx.parts.push(`<text ${cls('t')} x="${end}" y="${y + 4}">${more}<title>${esc(`${n} ${what}`)}</title></text>`);
    end += textWidth(more) + 4;
  }
  return end;
}

function constraintLine(s: SimulateJson, key: string): string {
  const on = s.constraints.filter((c) => c.topologyKey === key).map((c) => `maxSkew ${c.maxSkew} ${c.whenUnsatisfiable}`);
  return `${on.join(', ')}${s.skew[key] !== undefined ? ` · skew ${s.skew[key]}` : ''}`;
}

/** The keys drawn as panels: every constraint's key (and any other key of the distribution) except hostname. */
function panelKeys(s: SimulateJson): string[] {
  const keys = [...new Set([...s.constraints.map((c) => c.topologyKey), ...Object.keys(s.distribution)])];
  return keys.filter((k) => k !== HOSTNAME);
}

/** The group of each node in the node panel: the first panel key with few values, else the zone, else none. */
function groupKeyOf(s: SimulateJson, nodes: readonly FixtureNode[]): string {
  const few = (k: string) => new Set(nodes.map((n) => n.labels[k] ?? NO_LABEL)).size <= 24;
  return panelKeys(s).find(few) ?? GROUP_KEYS.find((k) => nodes.some((n) => n.labels[k] !== undefined)) ?? '';
}

interface Row {
  label: string;
  placed: number;
  existing: number;
  ties: number;
  /** DaemonSet: nodes of the domain that get a daemon pod. */
  daemonNodes?: number;
  /** Aggregated rows: how many domains they sum. */
  domains?: number;
}

function keyRows(s: SimulateJson, key: string, nodes: readonly FixtureNode[]): { rows: Row[]; summed?: string } {
  const dist = s.distribution[key] ?? {};
  const counted = s.daemonSet ? {} : s.counts?.[key] ?? {};
  const daemon = s.daemonSet?.domains[key];
  const domains = [...new Set([...Object.keys(dist), ...Object.keys(counted), ...Object.keys(daemon ?? {})])].sort(byName);
  const ties = new Map<string, number>();
  for (const p of s.placements) {
    const d = p.domains[key];
    if (d !== undefined && p.ties.length > 1) ties.set(d, (ties.get(d) ?? 0) + 1);
  }
  const rowOf = (d: string): Row => {
    const placed = dist[d] ?? 0;
    return {
      label: d === '' ? '""' : d, placed, existing: Math.max(0, (counted[d] ?? placed) - placed), ties: ties.get(d) ?? 0,
      ...(daemon ? { daemonNodes: daemon[d]?.nodes ?? 0 } : {}),
    };
  };
  // DaemonSet: its nodes that lack the key get a pod too, in no domain.
  const without = s.daemonSet?.withoutKey?.[key];
  const unlabelled: Row[] = without ? [{ label: NO_LABEL, placed: without.placed, existing: 0, ties: 0, daemonNodes: without.nodes }] : [];
  if (domains.length <= ROW_LIMIT) return { rows: [...domains.map(rowOf), ...unlabelled] };
  // Many domains (racks, hosts): summed per zone, so the panel stays a handful of rows.
  const zoneKey = GROUP_KEYS.find((k) => k !== key && nodes.some((n) => n.labels[k] !== undefined));
  const groupOfDomain = new Map<string, string>();
  for (const n of nodes) {
    const v = n.labels[key];
    if (v === undefined) continue;
    const g = zoneKey ? n.labels[zoneKey] ?? NO_LABEL : 'all domains';
    const had = groupOfDomain.get(v);
    groupOfDomain.set(v, had === undefined || had === g ? g : '(several)');
  }
  const sums = new Map<string, Row>();
  for (const d of domains) {
    const g = groupOfDomain.get(d) ?? (zoneKey ? '(no node)' : 'all domains');
    const r = rowOf(d);
    const sum = sums.get(g) ?? { label: g, placed: 0, existing: 0, ties: 0, domains: 0, ...(daemon ? { daemonNodes: 0 } : {}) };
    sum.placed += r.placed;
    sum.existing += r.existing;
    sum.ties += r.ties;
    sum.domains! += 1;
    if (sum.daemonNodes !== undefined) sum.daemonNodes += r.daemonNodes ?? 0;
    sums.set(g, sum);
  }
  return { rows: [...[...sums.values()].sort((a, b) => byName(a.label, b.label)), ...unlabelled], summed: zoneKey ? `summed per ${zoneKey}` : 'summed' };
}

function rowText(r: Row): string {
  const what = r.daemonNodes !== undefined
    ? `${r.placed}/${r.daemonNodes} daemon pods placed`
    : r.existing ? `${r.placed + r.existing} counted: ${r.existing} already running + ${r.placed} new` : `${r.placed} new`;
  return `${r.domains !== undefined ? `${r.domains} domains · ` : ''}${what}${r.ties ? ` · ${r.ties} tie${r.ties === 1 ? '' : 's'} *` : ''}`;
}

/** A panel per topology key: one bar per domain (or per zone when summed). */
function keyPanel(ctx: Ctx, key: string): void {
  const { rows, summed } = keyRows(ctx.s, key, ctx.nodes);
  const { parts } = ctx;
  const top = ctx.y;
  const labelW = Math.min(200, Math.max(60, ...rows.map((r) => textWidth(r.label)))) + 16;
  const barW = 220;
  const rowH = 20;
  const height = 30 + rows.length * rowH + 8;
  const max = Math.max(1, ...rows.map((r) => r.placed + r.existing));
  const texts = rows.map(rowText);
  const width = Math.max(labelW + barW + 30 + Math.max(0, ...texts.map((t) => textWidth(t))), textWidth(`${key} · ${constraintLine(ctx.s, key)}`) + 30);
  parts.push(`<rect ${cls('box')} x="10" y="${top}" width="${width}" height="${height}" rx="6"/>`);
  const about = `· ${constraintLine(ctx.s, key)}${summed ? ` · ${rows.reduce((n, r) => n + (r.domains ?? 0), 0)} domains ${summed}` : ''}`;
  parts.push(`<text ${cls('m')} x="18" y="${top + 18}"><tspan ${cls('t')} font-weight="bold">${esc(key)}</tspan> ${esc(about)}</text>`);
  rows.forEach((r, i) => {
    const y = top + 30 + i * rowH;
    parts.push(`<text ${cls('t')} x="18" y="${y + 12}">${esc(clip(r.label, 30))}<title>${esc(r.label)}</title></text>`);
    const x0 = 10 + labelW;
    const oldW = Math.round((barW * r.existing) / max);
    const newW = Math.round((barW * r.placed) / max);
    if (r.existing) parts.push(`<rect ${cls('old')} x="${x0}" y="${y + 2}" width="${Math.max(2, oldW)}" height="12"><title>${esc(`${r.existing} matching pod(s) already running`)}</title></rect>`);
    if (r.placed) parts.push(`<rect ${cls('new')} x="${x0 + oldW}" y="${y + 2}" width="${Math.max(2, newW)}" height="12"><title>${esc(`${r.placed} new replica(s)`)}</title></rect>`);
    parts.push(`<text ${cls('m')} x="${x0 + barW + 10}" y="${y + 12}">${esc(texts[i])}</text>`);
  });
  ctx.width = Math.max(ctx.width, width + 20);
  ctx.y = top + height + 12;
}

interface NodeView {
  node: FixtureNode;
  placed: number;
  existing: number;
  ties: number;
  /** Why the pod can never use it, or why the DaemonSet creates no pod there. */
  why?: string;
}

function nodeViews(s: SimulateJson, nodes: readonly FixtureNode[]): NodeView[] {
  const placed = new Map<string, { n: number; ties: number }>();
  for (const p of s.placements) {
    const v = placed.get(p.node) ?? { n: 0, ties: 0 };
    v.n++;
    if (p.ties.length > 1) v.ties++;
    placed.set(p.node, v);
  }
  // A hostname constraint counts matching pods per node: the existing ones are drawn per node.
  const perHost = s.daemonSet ? undefined : s.counts?.[HOSTNAME];
  return nodes.map((node) => {
    const p = placed.get(node.name) ?? { n: 0, ties: 0 };
    const counted = perHost?.[node.labels[HOSTNAME] ?? node.name];
    const why = s.skippedNodes?.[node.name] ?? s.unusableNodes?.[node.name] ?? (node.unschedulable ? 'cordoned: node(s) were unschedulable' : undefined);
    return { node, placed: p.n, existing: counted === undefined ? 0 : Math.max(0, counted - p.n), ties: p.ties, ...(why ? { why } : {}) };
  });
}

function nodePanelTitle(s: SimulateJson, groupKey: string, count: number, summed: boolean): string {
  const host = s.constraints.some((c) => c.topologyKey === HOSTNAME) ? ` · ${HOSTNAME} (one domain per node): ${constraintLine(s, HOSTNAME)}` : '';
  const by = groupKey ? ` by ${groupKey}` : '';
  return `${count} node(s)${by}${summed ? ', summed' : ''}${host}`;
}

/** Every node once, in a column per group; past NODE_DETAIL_LIMIT nodes one summary row per group. */
function nodePanel(ctx: Ctx): void {
  const { s, parts } = ctx;
  const groupKey = groupKeyOf(s, ctx.nodes);
  const groups = new Map<string, NodeView[]>();
  for (const v of nodeViews(s, ctx.nodes)) {
    const g = groupKey ? v.node.labels[groupKey] ?? NO_LABEL : 'all nodes';
    const list = groups.get(g);
    if (list) list.push(v);
    else groups.set(g, [v]);
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => byName(a, b));
  const summed = ctx.nodes.length > NODE_DETAIL_LIMIT;
  parts.push(`<text ${cls('t')} x="10" y="${ctx.y + 14}" font-weight="bold">${esc(nodePanelTitle(s, groupKey, ctx.nodes.length, summed))}</text>`);
  ctx.y += 24;
  if (summed) return summaryRows(ctx, sorted);
  const colW = 200;
  const rowH = 32;
  for (let start = 0; start < sorted.length; start += COLUMNS_PER_LINE) {
    const line = sorted.slice(start, start + COLUMNS_PER_LINE);
    const tallest = Math.max(1, ...line.map(([, vs]) => vs.length));
    const height = 28 + tallest * rowH;
    line.forEach(([group, views], i) => {
      const x = 10 + i * (colW + 10);
      const placed = views.reduce((n, v) => n + v.placed, 0);
      parts.push(`<rect ${cls('box')} x="${x}" y="${ctx.y}" width="${colW}" height="${height}" rx="6"/>`);
      parts.push(`<text ${cls('t')} x="${x + 8}" y="${ctx.y + 18}" font-weight="bold">${esc(clip(group === '' ? '""' : group, 22))} · ${placed} new<title>${esc(group)}</title></text>`);
      views.forEach((v, r) => nodeRow(ctx, x, ctx.y + 28 + r * rowH, v));
    });
    ctx.width = Math.max(ctx.width, 20 + line.length * (colW + 10));
    ctx.y += height + 10;
  }
}

function nodeRow(ctx: Ctx, x: number, y: number, v: NodeView): void {
  const { parts } = ctx;
  // A node the autoscaler added: "+ name", italic, its title saying so.
  const added = isNew(ctx.s, v.node.name);
  const title = `${v.node.name}${added ? ' (new: added by the autoscaler)' : ''}${v.why ? `: ${v.why}` : ''}`;
  parts.push(`<text ${cls('m')} x="${x + 8}" y="${y + 11}"${v.why ? ' text-decoration="line-through"' : ''}${added ? ' font-style="italic"' : ''}>${esc(clip(`${added ? '+ ' : ''}${v.node.name}`, 26))}<title>${esc(title)}</title></text>`);
  if (v.why) parts.push(`<text ${cls('pend')} x="${x + 12}" y="${y + 25}" font-size="10">! ${esc(shortReason(v.why))}</text>`);
  let at = marks(ctx, x + 14, y + 20, v.existing, 'old', 'matching pods already running');
  at = marks(ctx, at + (v.existing ? 6 : 0), y + 20, v.placed, 'new', 'new replicas');
  if (v.ties) parts.push(`<text ${cls('t')} x="${at + 2}" y="${y + 24}" font-weight="bold">*<title>${esc(`${v.ties} of its replicas were ties: another node scored the same`)}</title></text>`);
}

function summaryRows(ctx: Ctx, groups: [string, NodeView[]][]): void {
  const lines = groups.map(([g, views]) => {
    const withPods = views.filter((v) => v.placed > 0);
    const placed = withPods.reduce((n, v) => n + v.placed, 0);
    const existing = views.reduce((n, v) => n + v.existing, 0);
    const ties = views.reduce((n, v) => n + v.ties, 0);
    const lo = Math.min(...withPods.map((v) => v.placed));
    const hi = Math.max(...withPods.map((v) => v.placed));
    const per = withPods.length ? ` (${lo === hi ? lo : `${lo}–${hi}`} per node)` : '';
    const bad = new Map<string, number>();
    for (const v of views) if (v.why) bad.set(shortReason(v.why), (bad.get(shortReason(v.why)) ?? 0) + 1);
    const unusable = [...bad.entries()].map(([why, n]) => `${n} ${why}`).join(', ');
    return `${g === '' ? '""' : g}: ${views.length} nodes · ${placed} new on ${withPods.length} node(s)${per}` +
      `${existing ? ` · ${existing} already running` : ''}${ties ? ` · ${ties} ties *` : ''}${unusable ? ` · unusable: ${unusable}` : ''}`;
  });
  const height = 12 + lines.length * 20;
  const width = 20 + Math.max(300, ...lines.map((l) => textWidth(l)));
  ctx.parts.push(`<rect ${cls('box')} x="10" y="${ctx.y}" width="${width}" height="${height}" rx="6"/>`);
  lines.forEach((l, i) => ctx.parts.push(`<text ${cls('t')} x="18" y="${ctx.y + 20 + i * 20}">${esc(l)}</text>`));
  ctx.width = Math.max(ctx.width, width + 20);
  ctx.y += height + 12;
}

function pendingSection(ctx: Ctx): void {
  const { s, parts } = ctx;
  if (!s.pending.length) return;
  const groups = new Map<string, SimulateJson['pending']>();
  for (const p of s.pending) {
    const list = groups.get(p.message);
    if (list) list.push(p);
    else groups.set(p.message, [p]);
  }
  const lines = [...groups].flatMap(([msg, list]) => {
    const nodes = list.flatMap((p) => (p.node ? [p.node] : []));
    const on = nodes.length ? ` (the pod for ${nodes.slice(0, 5).join(', ')}${nodes.length > 5 ? `, … +${nodes.length - 5}` : ''})` : '';
    return wrap(`replica${list.length === 1 ? '' : 's'} ${ranges(list.map((p) => p.replica))}${on}: ${msg}`, 110);
  });
  parts.push(`<text ${cls('pend')} x="10" y="${ctx.y + 12}" font-weight="bold">! ${s.pending.length} pending</text>`);
  lines.forEach((l, i) => parts.push(`<text ${cls('t')} x="10" y="${ctx.y + 32 + i * 18}">${esc(l)}</text>`));
  ctx.width = Math.max(ctx.width, 20 + Math.max(0, ...lines.map((l) => textWidth(l))));
  ctx.y += 32 + lines.length * 18;
}

export function renderSimulationSvg(s: SimulateJson, opts: SvgOptions = {}): string {
  const ctx: Ctx = { s, nodes: nodesOf(s, opts.nodes), parts: [], width: 420, y: 0 };
  const { parts } = ctx;
  const title = `${s.workload.kind} ${s.workload.namespace}/${s.workload.name}: ${s.placements.length}/${s.workload.replicas} placed${s.pending.length ? `, ${s.pending.length} pending` : ''}`;
  parts.push(`<text ${cls('t')} x="10" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`);
  const sub = `${s.cluster.embedded ? 'embedded sample cluster (not your cluster)' : s.cluster.source} · ${s.constraints.length ? `${s.constraints.length} spread constraint(s)` : 'no spread constraint'}` +
    `${s.daemonSet ? ' · DaemonSet: one pod pinned to each node it covers' : ''}`;
  parts.push(`<text ${cls('m')} x="10" y="38">${esc(sub)}</text>`);
  const key = legend(10, 60, [
    { mark: 'new', text: s.daemonSet ? 'daemon pod placed' : 'new replica of this workload' },
    { mark: 'old', text: 'matching pod already running (the constraint counts it)' },
    { mark: 'tie', text: 'a tie: another node scored the same' },
    { mark: 'pend', text: 'pending, or a node the pod can never use' },
  ]);
  parts.push(...key.markup);
  ctx.width = Math.max(ctx.width, textWidth(title, 14) + 20, textWidth(sub) + 20, key.width + 20);
  ctx.y = 76;
  for (const k of panelKeys(s)) keyPanel(ctx, k);
  nodePanel(ctx);
  pendingSection(ctx);
  const width = Math.ceil(ctx.width);
  const height = Math.ceil(ctx.y + 10);
  return `${[svgOpen(width, height, `placement of ${s.workload.name}`), STYLE, ...parts, '</svg>'].join('\n')}\n`;
}
