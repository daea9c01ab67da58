// Caveats every result carries, so nobody mistakes a simulation for a promise.

import { type Cluster, type PodInfo, podPriority, priorityClassIndex, type PriorityClassIndex } from '../engine';
import type { AnalysisContext } from './context';
import { versionNotes } from './lint/version';

/** Whether the scheduler reads a non-zero priority on the pod (see notesFor). `classes`: the cluster's, looked up once per count. */
function nonZero(classes: PriorityClassIndex, p: PodInfo): boolean {
  return typeof p.pod.spec?.priority === 'number' ? p.pod.spec.priority !== 0 : podPriority(p.pod, classes) !== 0;
}

const priorityCounts = new WeakMap<Cluster, { generation: number; n: number }>();

/**
 * How many pods of the cluster have a non-zero priority. A fork of an unchanged cluster (a release's
 * or a simulation's, on every edit) starts from its parent's count and adds its own changeLog, instead
 * of reading every pod again (150,000 pods: ~0.1 s). Priority classes are the same in a fork.
 */
function priorityPods(cluster: Cluster): number {
  const known = priorityCounts.get(cluster);
  if (known?.generation === cluster.changeLog.length) return known.n;
  let n: number;
  const classes = priorityClassIndex(cluster);
  const parent = cluster.unchangedParent();
  if (parent && parent.priorityClasses === cluster.priorityClasses) {
    n = priorityPods(parent);
    for (const ch of cluster.changeLog) if (nonZero(classes, ch.pod)) n += ch.delta;
  } else {
    n = 0;
    for (const node of cluster.nodes) for (const p of node.pods) if (nonZero(classes, p)) n++;
  }
  priorityCounts.set(cluster, { generation: cluster.changeLog.length, n }); // for this generation only
  return n;
}

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
  if (priorityPods(cluster) > 0) {
    notes.push('Preemption: a pod that fits only by evicting lower-priority pods is placed on the nominated node at once; the real one waits for the victims to terminate.');
  }
  return notes;
}
