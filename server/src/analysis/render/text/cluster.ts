// Human-readable output for the CLI. Stable JSON is the contract; this text may change.

import type { ExplainJson } from '../explain';
import type { SimulateJson } from '../simulate';

const BAR = '█';

function bar(n: number, max: number, width = 24): string {
  if (max <= 0) return '';
  return BAR.repeat(Math.max(n > 0 ? 1 : 0, Math.round((n / max) * width)));
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function clusterLine(c: { source: string; embedded: boolean; nodes: number; pods: number }): string {
  return c.embedded
    ? `Cluster: embedded sample cluster (${c.nodes} nodes, ${c.pods} pods): not your cluster; pass --cluster FIXTURE for real answers`
    : `Cluster: ${c.source} (${c.nodes} nodes, ${c.pods} pods)`;
}

function domainBars(domains: Record<string, number>, indent = '    '): string[] {
  const entries = Object.entries(domains);
  const max = Math.max(0, ...entries.map(([, n]) => n));
  const w = Math.max(6, ...entries.map(([k]) => (k === '' ? 2 : k.length)));
  return entries.map(([k, n]) => `${indent}${pad(k === '' ? '""' : k, w)}  ${pad(String(n), 4)}${bar(n, max)}`);
}

const SYMBOL: Record<string, string> = { Success: '·', Unschedulable: '✗', UnschedulableAndUnresolvable: '⊘', Error: '!', Skip: '-' };

export function renderExplain(e: ExplainJson): string {
  const out: string[] = [];
  out.push(clusterLine(e.cluster));
  out.push(`Kubernetes ${e.kubernetes.version} · profile ${e.kubernetes.profile}`);
  out.push(`Pod: ${e.pod.kind} ${e.pod.namespace}/${e.pod.name}  labels ${Object.entries(e.pod.labels).map(([k, v]) => `${k}=${v}`).join(',') || '(none)'}`);
  for (const w of e.warnings ?? []) out.push(`warning: ${w}`);
  out.push('');
  if (e.constraints.length === 0) out.push('Spread constraints: none apply to this pod.');
  for (const c of e.constraints) {
    out.push(`[${c.index}] ${c.topologyKey}  maxSkew ${c.maxSkew}  ${c.whenUnsatisfiable}  selector ${c.selector}  (${c.source})`);
    out.push(...domainBars(c.domains));
    if (c.view === 'filter' && c.whenUnsatisfiable === 'DoNotSchedule') {
      out.push(`    global minimum ${c.globalMinimum} over ${c.eligibleDomains} eligible domain(s), minDomains ${c.minDomains}` +
        (c.rawMinimum !== null && c.rawMinimum !== c.globalMinimum ? ` (raw minimum ${c.rawMinimum}, forced to 0 by minDomains)` : ''));
    } else if (c.weight !== undefined) {
      out.push(`    scoring weight ln(size+2) = ${c.weight.toFixed(3)}${c.ignoredNodes?.length ? `; ignored (missing a key, score 0): ${c.ignoredNodes.join(', ')}` : ''}`);
    }
    out.push('');
  }
  const plugins = e.nodes[0]?.filters.map((f) => f.plugin) ?? [];
  const nameW = Math.max(4, ...e.nodes.map((n) => n.name.length));
  out.push(`${pad('NODE', nameW)}  ${plugins.map((p) => abbreviate(p)).join(' ')}  TOTAL`);
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
  out.push('');
  if (e.unschedulable) out.push(`Unschedulable: ${e.unschedulable}`);
  else if (e.selected.length > 1) out.push(`Selected: any of ${e.selected.join(', ')} (equal top score: the scheduler may pick any)`);
  else out.push(`Selected: ${e.selected.join(', ')}${e.scoring ? ` (${e.scoring})` : ''}`);
  for (const n of e.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}

function abbreviate(plugin: string): string {
  const caps = plugin.replace(/[a-z]/g, '');
  return caps.length >= 2 ? caps : plugin.slice(0, 3);
}

export function renderSimulate(s: SimulateJson): string {
  const out: string[] = [];
  out.push(clusterLine(s.cluster));
  out.push(`Kubernetes ${s.kubernetes.version} · profile ${s.kubernetes.profile}`);
  const placed = s.placements.length;
  out.push(`${s.workload.kind} ${s.workload.namespace}/${s.workload.name}: ${s.workload.replicas} replica(s), ${placed} placed, ${s.pending.length} pending`);
  for (const w of s.warnings ?? []) out.push(`warning: ${w}`);
  out.push('');
  for (const c of s.constraints) out.push(`constraint [${c.index}] ${c.topologyKey} maxSkew ${c.maxSkew} ${c.whenUnsatisfiable} selector ${c.selector} (${c.source})`);
  if (s.constraints.length === 0) out.push('No spread constraint applies to these pods.');
  for (const [key, dist] of Object.entries(s.distribution)) {
    const counts = s.counts?.[key] ?? dist;
    const existing = Object.keys(counts).some((d) => counts[d] !== (dist[d] ?? 0));
    out.push('', `${key}  skew ${s.skew[key]}${existing ? '  (matching pods per domain, this workload\'s new replicas in brackets)' : ''}`);
    const lines = domainBars(counts, '  ');
    out.push(...(existing ? lines.map((l, i) => `${l}  [+${dist[Object.keys(counts)[i]] ?? 0}]`) : lines));
  }
  out.push('', 'Placements:');
  const byNode = new Map<string, number[]>();
  for (const p of s.placements) byNode.set(p.node, [...(byNode.get(p.node) ?? []), p.replica]);
  for (const [node, reps] of [...byNode.entries()].sort()) out.push(`  ${node}: replica ${reps.join(', ')}`);
  const tied = s.placements.filter((p) => p.ties.length > 1);
  if (tied.length) out.push(`  ${tied.length} placement(s) were ties; another equally valid outcome is possible (${s.tieBreak}).`);
  if (s.pending.length) {
    out.push('', `Pending (${s.pending.length}):`);
    const groups = new Map<string, number[]>();
    for (const p of s.pending) groups.set(p.message, [...(groups.get(p.message) ?? []), p.replica]);
    for (const [msg, reps] of groups) out.push(`  replica ${reps.join(', ')}: ${msg}`);
  }
  if (s.skippedNodes) {
    out.push('', 'Nodes without a daemon pod:');
    for (const [n, why] of Object.entries(s.skippedNodes)) out.push(`  ${n}: ${why}`);
  }
  for (const n of s.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}
