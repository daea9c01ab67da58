// `kube-spread explain` for people. The JSON (every filter of every node) is the contract; this text
// may change. Past AGGREGATE_PAST nodes the node table and the rejections are summed per zone.

import type { ExplainJson } from '../../explain';
import type { FixtureNode } from '../../session';
import { clusterLine } from './cluster';
import { explainDaemonSetLines, explainDaemonSetVerdict } from './daemonset';
import { append, nameList, pad } from './format';
import { AGGREGATE_PAST, domainBars, groupedDomainBars, NodeGroups } from './groups';
import { explainPreemptionLines } from './preemption';

type ExplainNode = ExplainJson['nodes'][number];

const SYMBOL: Record<string, string> = { Success: '·', Unschedulable: '✗', UnschedulableAndUnresolvable: '⊘', Error: '!', Skip: '-' };

function abbreviate(plugin: string): string {
  const caps = plugin.replace(/[a-z]/g, '');
  return caps.length >= 2 ? caps : plugin.slice(0, 3);
}

function constraints(e: ExplainJson, groups: NodeGroups): string[] {
  const out: string[] = [];
  if (e.constraints.length === 0) out.push('Spread constraints: none apply to this pod.');
  for (const c of e.constraints) {
    out.push(`[${c.index}] ${c.topologyKey}  maxSkew ${c.maxSkew}  ${c.whenUnsatisfiable}  selector ${c.selector}  (${c.source})`);
    const many = Object.keys(c.domains).length > AGGREGATE_PAST;
    if (many) out.push(`    (${Object.keys(c.domains).length} domains, summed ${groups.describe()})`);
    out.push(...(many ? groupedDomainBars(c.domains, c.topologyKey, groups, '    ') : domainBars(c.domains, '    ')));
    if (c.view === 'filter' && c.whenUnsatisfiable === 'DoNotSchedule') {
      out.push(`    global minimum ${c.globalMinimum} over ${c.eligibleDomains} eligible domain(s), minDomains ${c.minDomains}` +
        (c.rawMinimum !== null && c.rawMinimum !== c.globalMinimum ? ` (raw minimum ${c.rawMinimum}, forced to 0 by minDomains)` : ''));
    } else if (c.weight !== undefined) {
      out.push(`    scoring weight ln(size+2) = ${c.weight.toFixed(3)}${c.ignoredNodes?.length ? `; ignored (missing a key, score 0): ${nameList(c.ignoredNodes, 12)}` : ''}`);
    }
    out.push('');
  }
  return out;
}

/** One line per node with every filter's mark (small clusters). */
function nodeTable(e: ExplainJson): string[] {
  const plugins = e.nodes[0]?.filters.map((f) => f.plugin) ?? [];
  const nameW = Math.max(4, ...e.nodes.map((n) => n.name.length));
  const out = [`${pad('NODE', nameW)}  ${plugins.map((p) => abbreviate(p)).join(' ')}  TOTAL`];
  for (const n of e.nodes) {
    const marks = n.filters.map((f) => pad(f.skipped ? '-' : SYMBOL[f.code] ?? '?', abbreviate(f.plugin).length)).join(' ');
    const total = n.totalScore !== undefined ? String(n.totalScore) : n.feasible ? '-' : '';
    out.push(`${pad(n.name, nameW)}  ${marks}  ${total}${e.selected.includes(n.name) ? '  ← selected' : ''}`);
  }
  out.push(`(· passes  - skipped (nothing to check)  ✗ Unschedulable  ⊘ UnschedulableAndUnresolvable; columns: ${plugins.map((p) => `${abbreviate(p)}=${p}`).join(', ')})`);
  const failing = e.nodes.filter((n) => n.status);
  if (failing.length) {
    out.push('', 'Why nodes are rejected (first failing filter, as the scheduler reports it):');
    for (const n of failing) out.push(`  ${pad(n.name, nameW)}  ${n.status!.plugin}: ${n.status!.reason ?? n.status!.code}`);
  }
  return out;
}

function rejection(n: ExplainNode): string {
  return `${n.status!.plugin}: ${n.status!.reason ?? n.status!.code}`;
}

/** One line per zone (large clusters): nodes, feasible, best total, and rejections by reason. */
function groupTable(e: ExplainJson, groups: NodeGroups): string[] {
  const rows = groups.gather(e.nodes, (n) => groups.of(n.name));
  const chosen = new Set(e.selected);
  const w = Math.max(4, ...rows.map(([g]) => g.length));
  const out = [`${e.nodes.length} nodes, ${groups.describe()}:`, `${pad('ZONE', w)}  NODES  FEASIBLE  BEST  SELECTED`];
  for (const [g, list] of rows) {
    const feasible = list.filter((n) => n.feasible);
    const best = Math.max(-1, ...feasible.map((n) => n.totalScore ?? -1));
    const selected = list.filter((n) => chosen.has(n.name)).length;
    out.push(`${pad(g, w)}  ${String(list.length).padStart(5)}  ${String(feasible.length).padStart(8)}  ${(best < 0 ? '-' : String(best)).padStart(4)}  ${String(selected).padStart(8)}`);
  }
  const byReason = new Map<string, string[]>();
  for (const n of e.nodes) if (n.status) append(byReason, rejection(n), n.name);
  if (byReason.size) {
    out.push('', 'Why nodes are rejected (first failing filter, as the scheduler reports it):');
    for (const [why, nodes] of [...byReason.entries()].sort((a, b) => b[1].length - a[1].length)) out.push(`  ${String(nodes.length).padStart(5)} node(s)  ${why}  (${nameList(nodes)})`);
  }
  return out;
}

export function renderExplainText(e: ExplainJson, nodes: readonly FixtureNode[]): string {
  const groups = new NodeGroups(nodes);
  const out: string[] = [clusterLine(e.cluster), `Kubernetes ${e.kubernetes.version} · profile ${e.kubernetes.profile}`];
  out.push(`Pod: ${e.pod.kind} ${e.pod.namespace}/${e.pod.name}  labels ${Object.entries(e.pod.labels).map(([k, v]) => `${k}=${v}`).join(',') || '(none)'}`);
  out.push(...explainDaemonSetLines(e));
  for (const w of e.warnings ?? []) out.push(`warning: ${w}`);
  out.push('', ...constraints(e, groups));
  if (e.nodes.length === 0) out.push('No nodes: nothing to filter or score.');
  else out.push(...(e.nodes.length > AGGREGATE_PAST ? groupTable(e, groups) : nodeTable(e)));
  out.push('');
  const daemonVerdict = explainDaemonSetVerdict(e);
  if (daemonVerdict) out.push(daemonVerdict);
  else if (e.unschedulable) out.push(`Unschedulable: ${e.unschedulable}`, ...explainPreemptionLines(e.preemption));
  else if (e.selected.length > 1) out.push(`Selected: any of ${nameList(e.selected, 12)} (equal top score: the scheduler may pick any)`);
  else out.push(`Selected: ${e.selected.join(', ')}${e.scoring ? ` (${e.scoring})` : ''}`);
  for (const n of e.notes) out.push(`note: ${n}`);
  return `${out.join('\n')}\n`;
}
