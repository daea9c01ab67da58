// spread/ findings of an autoscaling fixture: the replicas Pending now that the autoscaler's new nodes
// take (spread/scale-up, instead of a bare Pending), and Karpenter's intended placement where
// kube-scheduler's differs (spread/karpenter-diverges, both answers side by side).

import type { Finding, Range } from '../../base/finding';
import type { SimulateJson } from '../simulate';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "cluster-autoscaler adds 1 node in eu-west-1a and 2 nodes in eu-west-1b". */
export function scaleUpPhrase(sim: SimulateJson): string {
  const byWho = new Map<string, string[]>();
  for (const u of sim.scaleUp ?? []) {
    const list = byWho.get(u.by) ?? [];
    const where = [u.zone !== undefined ? `in ${u.zone}` : `to ${u.nodePool}`, u.instanceType !== undefined ? `(${u.instanceType})` : ''].filter(Boolean).join(' ');
    list.push(`${plural(u.nodes, 'node')} ${where}`);
    byWho.set(u.by, list);
  }
  return [...byWho.entries()].map(([by, parts]) => `${by} adds ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]}`).join('; ');
}

export function autoscaleFindings(sim: SimulateJson, range: Range, document: number, path: string, onSample: string): Finding[] {
  const out: Finding[] = [];
  const a = sim.autoscaling;
  if (!a || !sim.scaleUp?.length) return out;
  const total = sim.workload.replicas;
  const onNew = sim.placements.filter((p) => p.newNode).length;
  const after = sim.pending.length ? `; ${sim.pending.length} still Pending` : `; then all ${total} are placed`;
  out.push({
    code: 'spread/scale-up',
    severity: 'information',
    message: `${a.pendingBefore} of ${plural(total, 'replica')} Pending now${onSample}; ${scaleUpPhrase(sim)} (${onNew} replica${onNew === 1 ? '' : 's'} land on the new nodes)${after}`,
    range, document, path,
    related: (sim.scaleUp ?? []).map((u) => ({ message: `${u.by}: ${u.nodePool}${u.zone !== undefined ? ` in ${u.zone}` : ''}: +${u.nodes} (${u.nodeNames.join(', ')})`, range })),
    data: { scaleUp: sim.scaleUp },
  });
  const d = a.divergences ?? [];
  if (d.length) {
    const karpenter = (x: (typeof d)[number]) => (x.karpenter.node !== undefined ? `meant ${x.karpenter.node}${x.karpenter.zone ? ` (${x.karpenter.zone})` : ''}` : `launches nothing for it (${x.karpenter.refused ?? ''})`);
    const say = (x: (typeof d)[number]) => `replica ${x.replica}: Karpenter ${karpenter(x)}; kube-scheduler ${x.kubeScheduler.node ? `placed it on ${x.kubeScheduler.node}${x.kubeScheduler.zone ? ` (${x.kubeScheduler.zone})` : ''}` : `leaves it Pending: ${x.kubeScheduler.pending ?? ''}`}`;
    out.push({
      code: 'spread/karpenter-diverges',
      severity: 'warning',
      message: `Karpenter and kube-scheduler disagree on ${plural(d.length, 'replica')}${onSample}: ${say(d[0])}${d.length > 1 ? ` (and ${d.length - 1} more)` : ''}`,
      range, document, path,
      related: d.map((x) => ({ message: say(x), range })),
      data: { divergences: d },
    });
  }
  return out;
}
