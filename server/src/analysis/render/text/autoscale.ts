// The autoscaling part of `kube-spread simulate` for people: what the autoscaler added, per node group /
// NodePool and zone, why it added nothing for what stays Pending, and Karpenter's divergences.

import type { SimulateJson } from '../../simulate';
import { append, replicaList } from './format';

/** Marks a node the autoscaler added wherever a node name is printed. */
export const NEW_NODE_MARK = ' (new)';

/** "general-eu-west-1a: +1 node in eu-west-1a (cluster-autoscaler)". */
export function scaleUpLines(s: SimulateJson): string[] {
  if (!s.scaleUp || !s.autoscaling) return [];
  const by = s.autoscaling.autoscalers.join(' and ');
  if (s.scaleUp.length === 0) return ['', `Scale-up: none (${by} adds no node for the Pending replicas)`];
  const out = ['', `Scale-up (${by}, ${s.autoscaling.rounds} round${s.autoscaling.rounds === 1 ? '' : 's'}):`];
  for (const u of s.scaleUp) {
    const where = [u.zone !== undefined ? `in ${u.zone}` : '', u.instanceType !== undefined ? `${u.instanceType}` : ''].filter(Boolean).join(', ');
    out.push(`  ${u.nodePool}: +${u.nodes} node${u.nodes === 1 ? '' : 's'}${where ? ` ${where}` : ''} (${u.by}): ${u.nodeNames.join(', ')}`);
  }
  if (s.autoscaling.ties?.length) out.push(`  equally possible: ${s.autoscaling.ties.join('; ')}`);
  return out;
}

/** What the autoscaler said about the replicas still Pending, grouped by its words. */
export function notTriggeredLines(s: SimulateJson): string[] {
  const by = new Map<string, number[]>();
  for (const p of s.pending) for (const a of p.autoscaler ?? []) append(by, `${a.by}: ${a.reason}`, p.replica);
  return [...by.entries()].map(([why, reps]) => `  ${replicaList(reps)}: ${why}`);
}

export function divergenceLines(s: SimulateJson): string[] {
  const d = s.autoscaling?.divergences ?? [];
  if (!d.length) return [];
  const out = ['', `Karpenter and kube-scheduler disagree (${d.length}):`];
  for (const x of d) {
    const k = x.karpenter.node !== undefined ? `meant ${x.karpenter.node}${x.karpenter.zone ? ` (${x.karpenter.zone})` : ''}` : `launches nothing: ${x.karpenter.refused ?? ''}`;
    const ks = x.kubeScheduler.node ? `${x.kubeScheduler.node}${x.kubeScheduler.zone ? ` (${x.kubeScheduler.zone})` : ''}` : `Pending: ${x.kubeScheduler.pending ?? ''}`;
    out.push(`  replica ${x.replica}: Karpenter ${k}; kube-scheduler: ${ks}`);
  }
  return out;
}
