// The descheduler dry run of `kube-spread audit --descheduler` for people: each round's evictions
// (pod, node, the constraint it balances) and where the replacements land, then the verdict.

import type { DeschedulerJson } from '../../audit/types';

export function deschedulerVerdict(d: DeschedulerJson): string {
  const evicted = d.rounds.reduce((n, r) => n + r.evictions.length, 0);
  if (d.loop) return `LOOP: the same pods are evicted again${d.loopPods?.length ? ` (${d.loopPods.join(', ')})` : ''}; the descheduler would keep evicting them`;
  if (d.converged) return evicted === 0 ? 'converged: nothing to evict' : `converged after ${d.rounds.length} round${d.rounds.length === 1 ? '' : 's'} (${evicted} eviction${evicted === 1 ? '' : 's'})`;
  return `not converged after ${d.rounds.length} round${d.rounds.length === 1 ? '' : 's'} (${evicted} eviction${evicted === 1 ? '' : 's'})`;
}

export function renderDeschedulerText(d: DeschedulerJson): string[] {
  const out = [`Descheduler dry run (RemovePodsViolatingTopologySpreadConstraint, policy: ${d.policy}): ${deschedulerVerdict(d)}`];
  d.rounds.forEach((r, i) => {
    out.push(`  Round ${i + 1}: ${r.evictions.length} eviction${r.evictions.length === 1 ? '' : 's'}`);
    for (const e of r.evictions) out.push(`    evict ${e.namespace}/${e.name} from ${e.node}, balancing ${e.constraint}: ${e.reason}`);
    for (const b of r.blocked ?? []) out.push(`    not evicted ${b.namespace}/${b.name} on ${b.node}, balancing ${b.constraint}: ${b.reason}`);
    for (const p of r.placements) {
      out.push(p.node === null
        ? `    replacement ${p.namespace}/${p.name} stays Pending${p.reasons?.length ? `: ${p.reasons.join('; ')}` : ''}`
        : `    replacement ${p.namespace}/${p.name} -> ${p.node}${p.preempted?.length ? `, preempting ${p.preempted.join(', ')}` : ''}`);
    }
  });
  for (const n of d.notes) out.push(`  - ${n}`);
  return out;
}
