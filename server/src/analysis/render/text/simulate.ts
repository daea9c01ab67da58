// `kube-spread simulate` for people. The JSON (every replica, every node) is the contract; this text
// may change. Replicas print as ranges, and past AGGREGATE_PAST nodes per-node lists become per-zone.

import type { FixtureNode } from '../../session';
import type { SimulateJson } from '../../simulate';
import { clusterLine } from './cluster';
import { daemonSetDistribution, daemonSetHeader } from './daemonset';
import { append, nameList, replicaList } from './format';
import { AGGREGATE_PAST, domainBars, groupedDomainBars, NodeGroups } from './groups';
import { divergenceLines, NEW_NODE_MARK, notTriggeredLines, scaleUpLines } from './autoscale';
import { preemptionLines } from './preemption';

/** The replicas asked for when more than the simulation limit (the header says how many ran). */
export interface ReplicaCap {
  requested: number;
  simulated: number;
}

function header(s: SimulateJson, cap: ReplicaCap | undefined): string {
  const w = `${s.workload.kind} ${s.workload.namespace}/${s.workload.name}`;
  const outcome = `${s.placements.length} placed, ${s.pending.length} pending`;
  if (cap) return `${w}: ${cap.requested} replica(s) requested, only the first ${cap.simulated} simulated (the simulation limit), ${outcome}`;
  return `${w}: ${s.workload.replicas} replica(s), ${outcome}`;
}

function distribution(s: SimulateJson, groups: NodeGroups): string[] {
  const out: string[] = [];
  for (const [key, dist] of Object.entries(s.distribution)) {
    const counts = s.counts?.[key] ?? dist;
    const existing = Object.keys(counts).some((d) => counts[d] !== (dist[d] ?? 0));
    const many = Object.keys(counts).length > AGGREGATE_PAST;
    out.push('', `${key}  skew ${s.skew[key]}${many ? `  (${Object.keys(counts).length} domains, summed ${groups.describe()})` : ''}` +
      `${existing ? "  (matching pods per domain, this workload's new replicas in brackets)" : ''}`);
    if (many) {
      out.push(...groupedDomainBars(counts, key, groups, '  ', existing ? dist : undefined));
      continue;
    }
    const lines = domainBars(counts, '  ');
    out.push(...(existing ? lines.map((l, i) => `${l}  [+${dist[Object.keys(counts)[i]] ?? 0}]`) : lines));
  }
  return out;
}

function placements(s: SimulateJson, groups: NodeGroups): string[] {
  const out = ['', 'Placements:'];
  const byNode = new Map<string, number[]>();
  // A node the autoscaler added reads as new (autoscaling fixtures).
  for (const p of s.placements) append(byNode, p.newNode ? `${p.node}${NEW_NODE_MARK}` : p.node, p.replica);
  if (byNode.size === 0) out.push('  none');
  else if (byNode.size <= AGGREGATE_PAST) {
    for (const [node, reps] of [...byNode.entries()].sort()) out.push(`  ${node}: ${replicaList(reps)}`);
  } else {
    out.push(`  (on ${byNode.size} nodes; summed ${groups.describe()})`);
    for (const [group, list] of groups.gather(s.placements, (p) => groups.of(p.node))) {
      const nodes = new Set(list.map((p) => p.node)).size;
      out.push(`  ${group}: ${list.length} on ${nodes} node(s): ${replicaList(list.map((p) => p.replica))}`);
    }
  }
  const tied = s.placements.filter((p) => p.ties.length > 1);
  if (tied.length) out.push(`  ${tied.length} placement(s) were ties; another equally valid outcome is possible (${s.tieBreak}).`);
  return out;
}

function skipped(s: SimulateJson): string[] {
  if (!s.skippedNodes) return [];
  const out = ['', 'Nodes without a daemon pod:'];
  const entries = Object.entries(s.skippedNodes);
  if (entries.length <= AGGREGATE_PAST) {
    for (const [n, why] of entries) out.push(`  ${n}: ${why}`);
    return out;
  }
  const byReason = new Map<string, string[]>();
  for (const [n, why] of entries) append(byReason, why, n);
  for (const [why, nodes] of byReason) out.push(`  ${nodes.length} node(s): ${why} (${nameList(nodes)})`);
  return out;
}

export function renderSimulateText(s: SimulateJson, nodes: readonly FixtureNode[], cap?: ReplicaCap): string {
  const out: string[] = [clusterLine(s.cluster), `Kubernetes ${s.kubernetes.version} · profile ${s.kubernetes.profile}`];
  if (s.workload.replicas === 0) {
    // No cycle ran, so there is nothing to say about constraints or domains.
    out.push(`${s.workload.kind} ${s.workload.namespace}/${s.workload.name}: 0 replicas simulated (nothing to place)`);
    for (const w of s.warnings ?? []) out.push(`warning: ${w}`);
  } else {
    out.push(s.daemonSet ? daemonSetHeader(s, s.daemonSet) : header(s, cap));
    if (s.daemonSet) out.push(`DaemonSet: ${s.daemonSet.pinning}.`);
    for (const w of s.warnings ?? []) out.push(`warning: ${w}`);
    out.push('');
    for (const c of s.constraints) out.push(`constraint [${c.index}] ${c.topologyKey} maxSkew ${c.maxSkew} ${c.whenUnsatisfiable} selector ${c.selector} (${c.source})`);
    if (s.constraints.length === 0) out.push('No spread constraint applies to these pods.');
    const groups = new NodeGroups(nodes);
    // A DaemonSet's own spread: the first pinned pod's counts say nothing about the others.
    out.push(...(s.daemonSet ? daemonSetDistribution(s.daemonSet, groups) : distribution(s, groups)), ...scaleUpLines(s), ...placements(s, groups));
    if (s.pending.length) {
      out.push('', `Pending (${s.pending.length}):`);
      const byMessage = new Map<string, SimulateJson['pending']>();
      for (const p of s.pending) append(byMessage, p.message, p);
      for (const [msg, list] of byMessage) {
        const nodes = list.flatMap((p) => (p.node ? [p.node] : []));
        out.push(`  ${replicaList(list.map((p) => p.replica))}${nodes.length ? ` (the pod for ${nameList(nodes)})` : ''}: ${msg}`);
      }
      const why = notTriggeredLines(s);
      if (why.length) out.push('No scale-up for them:', ...why);
    }
    out.push(...divergenceLines(s));
    out.push(...preemptionLines(s));
    out.push(...volumeLines(s));
    out.push(...skipped(s));
  }
  for (const n of s.notes) out.push(`note: ${n}`);
  return `${out.join('\n')}\n`;
}

/** The claims the pods mount (docs/volumes.md): where each volume pins its pods, or that it is still unbound. */
function volumeLines(s: SimulateJson): string[] {
  const vols = s.workload.volumes;
  if (!vols?.length) return [];
  const where = (v: NonNullable<SimulateJson['workload']['volumes']>[number]) =>
    !v.bound ? 'unbound' : v.zone !== undefined ? `zone ${v.zone}` : v.node !== undefined ? `node ${v.node}` : 'any node';
  return ['', `Volumes (${vols.length} claim(s)):`, ...vols.map((v) => `  ${v.claim}${v.created ? ' (new)' : ''}: ${where(v)}${v.volume ? ` (${v.volume})` : ''}`)];
}
