// DaemonSets in the text of simulate and explain. Each daemon pod is pinned to its node by the
// controller (analysis/daemonSet.ts), so the text shows the DaemonSet as a whole: how many of its
// pods each domain gets and holds, the nodes it skips, and for explain which node's pod is explained.

import type { ExplainJson } from '../../explain';
import type { SimulateJson } from '../../simulate';
import { bar, nameList, pad } from './format';
import { AGGREGATE_PAST, type NodeGroups } from './groups';

type Spread = NonNullable<SimulateJson['daemonSet']>;

/** "DaemonSet default/agent: one pod on each of 7 node(s) (2 skipped), 6 placed, 1 pending". */
export function daemonSetHeader(s: SimulateJson, d: Spread): string {
  const skipped = Object.keys(s.skippedNodes ?? {}).length;
  return `${s.workload.kind} ${s.workload.namespace}/${s.workload.name}: one pod on each of ${d.nodes} node(s)` +
    `${skipped ? ` (${skipped} node(s) skipped)` : ''}, ${s.placements.length} placed, ${s.pending.length} pending`;
}

/** Per key: the daemon pods placed out of the nodes that get one, per domain (per zone past AGGREGATE_PAST domains). */
export function daemonSetDistribution(d: Spread, groups: NodeGroups): string[] {
  const out: string[] = [];
  for (const [key, domains] of Object.entries(d.domains)) {
    const entries = Object.entries(domains);
    const many = entries.length > AGGREGATE_PAST;
    out.push('', `${key}  daemon pods placed / nodes that get one${many ? `  (${entries.length} domains, summed ${groups.describe()})` : ''}`);
    let rows: { label: string; nodes: number; placed: number; domains?: number }[];
    if (many) {
      const of = groups.domainGroups(key);
      rows = groups.gather(entries, ([v]) => of.get(v) ?? '(no node)').map(([label, list]) => ({
        label, domains: list.length, nodes: list.reduce((n, [, c]) => n + c.nodes, 0), placed: list.reduce((n, [, c]) => n + c.placed, 0),
      }));
    } else {
      rows = entries.map(([v, c]) => ({ label: v === '' ? '""' : v, ...c }));
    }
    const without = d.withoutKey?.[key];
    if (without) rows.push({ label: '(no label)', ...without });
    const w = Math.max(6, ...rows.map((r) => r.label.length));
    const max = Math.max(0, ...rows.map((r) => r.nodes));
    for (const r of rows) {
      const size = r.domains !== undefined ? `${String(r.domains).padStart(5)} domain(s)  ` : '';
      out.push(`  ${pad(r.label, w)}  ${size}${pad(`${r.placed}/${r.nodes}`, 11)}${bar(r.placed, max)}`);
    }
    if (without) out.push(`  (${without.nodes} node(s) without ${key}: their pods are in no domain)`);
  }
  return out;
}

/** The lines explain adds for a DaemonSet, after the pod line. */
export function explainDaemonSetLines(e: ExplainJson): string[] {
  const d = e.daemonSet;
  if (!d) return [];
  const skipped = Object.entries(d.skippedNodes ?? {});
  const out = [`DaemonSet: ${d.pinning}.`];
  out.push(`  It covers ${d.nodes} node(s)${skipped.length ? `; no pod on ${skipped.length} node(s): ${nameList(skipped.map(([n]) => n))}` : ''}.`);
  if (d.explainedNode) {
    out.push(`  Explained below: the pod for ${d.explainedNode} (each pinned pod's constraint counts only the nodes its node affinity admits` +
      ` unless nodeAffinityPolicy is Ignore). \`kube-spread simulate\` places the pod of every node.`);
  }
  return out;
}

/** The verdict line of explain for a DaemonSet, instead of "Selected: <node>". */
export function explainDaemonSetVerdict(e: ExplainJson): string | undefined {
  const d = e.daemonSet;
  if (!d) return undefined;
  if (!d.explainedNode) return 'No daemon pod: the DaemonSet controller creates a pod on no node (see above); the table shows the template as written.';
  if (e.selected.includes(d.explainedNode)) return `Runs on ${d.explainedNode}: its pod passes every filter there (its node affinity admits no other node).`;
  return `Pending: the pod for ${d.explainedNode} cannot run there: ${e.unschedulable ?? 'no node fits'}`;
}
