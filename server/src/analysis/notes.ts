// Caveats every result carries, so nobody mistakes a simulation for a promise.

import type { Cluster } from '../engine';
import type { AnalysisContext } from './context';
import { versionNotes } from './lint/version';

export function notesFor(ctx: AnalysisContext, cluster: Cluster): string[] {
  const notes: string[] = [];
  if (ctx.fixture.embedded) notes.push('Computed on the embedded sample cluster, not on your cluster: pass --cluster (or set kubeSpread.fixture) for real answers.');
  notes.push(...versionNotes(ctx, cluster)); // schema version used, percentageOfNodesToScore sampling, tie-breaking by release
  const unbound = cluster.ignoredPods.filter((p) => p.reason === 'unbound').length;
  if (unbound) notes.push(`${unbound} pod(s) in the fixture have no nodeName (pending) and are not counted.`);
  const lowPriority = cluster.nodes.some((n) => n.pods.some((p) => (p.pod.spec?.priority ?? 0) < 0));
  if (lowPriority) notes.push('Preemption is not modelled: the real scheduler might evict lower-priority pods to make room.');
  return notes;
}
