// Caveats every result carries, so nobody mistakes a simulation for a promise.

import { type Cluster, priorityOn } from '../engine';
import type { AnalysisContext } from './context';
import { versionNotes } from './lint/version';

export function notesFor(ctx: AnalysisContext, cluster: Cluster): string[] {
  const notes: string[] = [];
  if (ctx.fixture.embedded) notes.push('Computed on the embedded sample cluster, not on your cluster: pass --cluster (or set kubeSpread.fixture) for real answers.');
  notes.push(...versionNotes(ctx, cluster)); // schema version used, percentageOfNodesToScore sampling, tie-breaking by release
  const unbound = cluster.ignoredPods.filter((p) => p.reason === 'unbound').length;
  if (unbound) notes.push(`${unbound} pod(s) in the fixture have no nodeName (pending) and are not counted.`);
  // Preemption is modelled (docs/preemption.md): the one simplification users see is its timing.
  // A pod's priority as the scheduler reads it: spec.priority, or what admission gives a pod without it
  // (its priorityClassName), so that a workload simulated alone and in a release (which writes
  // spec.priority as admission does) get the same notes.
  if (cluster.nodes.some((n) => n.pods.some((p) => (typeof p.pod.spec?.priority === 'number' ? p.pod.spec.priority !== 0 : priorityOn(cluster, p.pod) !== 0)))) {
    notes.push('Preemption: a pod that fits only by evicting lower-priority pods is placed on the nominated node at once; the real one waits for the victims to terminate.');
  }
  return notes;
}
