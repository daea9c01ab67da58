// Preemption in the `simulate` and `explain` text: the pods each placement evicted, their
// controllers' replacements, and what the DefaultPreemption PostFilter decided for an explained pod.

import type { PreemptionJson } from '../../explain';
import type { SimulateJson } from '../../simulate';

const podRef = (v: { namespace: string; name: string; priority: number }) => `${v.namespace}/${v.name} (priority ${v.priority})`;

/** simulate: one line per placement that needed preemption, then the replacements. */
export function preemptionLines(s: SimulateJson): string[] {
  const preempting = s.placements.filter((p) => p.preempted?.length);
  if (preempting.length === 0 && !s.recreated?.length) return [];
  const out = ['', 'Preemption:'];
  for (const p of preempting) {
    out.push(`  replica ${p.replica} on ${p.node} evicted ${p.preempted!.map(podRef).join(', ')}`);
  }
  if (s.recreated?.length) {
    out.push(`  Their controllers recreate the ${s.recreated.length} evicted pod(s) (victims terminate gracefully first):`);
    for (const r of s.recreated) out.push(`    ${podRef(r)} from ${r.evictedFrom}: ${r.placedOn ? `replacement placed on ${r.placedOn}` : `replacement Pending: ${r.message ?? ''}`}`);
  }
  return out;
}

/** explain: the nominated node and its victims, or why preemption cannot help. */
export function explainPreemptionLines(p: PreemptionJson | undefined): string[] {
  // When it cannot help, the Unschedulable line already ends with the scheduler's "preemption: ..." part.
  if (!p?.possible) return [];
  const others = p.equallyPossible.filter((n) => n !== p.node);
  return [
    `Preemption: the scheduler nominates ${p.node} and evicts ${p.victims.map(podRef).join(', ')}; their controllers recreate them.`,
    ...(others.length ? [`  equally possible nominated node(s): ${others.join(', ')}`] : []),
    ...(p.numPDBViolations ? [`  ${p.numPDBViolations} victim(s) violate a PodDisruptionBudget (preemption does not honour budgets when it must).`] : []),
  ];
}
