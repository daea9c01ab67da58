// Preemption inside a simulation (engine/release.ts, engine/simulate.ts). The model, documented in
// docs/preemption.md: when no node fits a pod that may preempt, the scheduler nominates a node and
// evicts the victims (graceful termination); the pod is scheduled in a later cycle, onto the
// nominated node when it fits there (schedule_one.go evaluates the nominated node first). The
// simulation takes the victims off at once and binds the pod to the nominated node. Each victim's
// controller creates a replacement pod, which joins the queue at the victim's priority and may land
// elsewhere, preempt pods of even lower priority, or stay Pending.

import type { Pod } from '../api';
import type { Cluster, PodInfo } from '../cluster';
import { makePodInfo } from '../cluster';
import type { Scheduler } from '../scheduler';
import { lowestPodPriority, messageWithPreemption, preempt, type PreemptionResult, priorityClassIndex } from './evaluator';
import { podPreemptionPolicy, podPriority, PREEMPT_NEVER } from '../priority';

/** One pod evicted so that another could run (simulate JSON `preempted[]`). */
export interface PreemptedPod {
  namespace: string;
  name: string;
  node: string;
  priority: number;
}

/** The replacement a victim's controller creates, and what became of it. */
export interface RecreatedPod extends PreemptedPod {
  /** Where the replacement was placed; absent while it is Pending. */
  placedOn?: string;
  /** The scheduler's message when the replacement stays Pending. */
  message?: string;
}

/** The incoming pod's priority (spec.priority, or what admission gives it on this cluster). */
export function priorityOn(cluster: Cluster, pod: Pod): number {
  return podPriority(pod, priorityClassIndex(cluster));
}

/**
 * Whether a dry run could find any victim for this pod: it may preempt, and some pod of the cluster
 * has a lower priority. Cheap (kept per cluster change): the path users without priorities take.
 */
export function mayPreempt(cluster: Cluster, pod: Pod): boolean {
  const idx = priorityClassIndex(cluster);
  if (podPreemptionPolicy(pod, idx) === PREEMPT_NEVER) return false;
  return lowestPodPriority(cluster) < podPriority(pod, idx);
}

/** The PostFilter for a pod no node fits: a full cycle (per-node statuses), then preempt. */
export function preemptionFor(scheduler: Scheduler, pod: Pod | PodInfo): PreemptionResult | undefined {
  const pi = 'requests' in pod && 'pod' in pod ? pod : makePodInfo(pod as Pod);
  return preempt(scheduler, pi, scheduler.schedule(pi));
}

/** The message of a pod that stays Pending: the FitError and the PostFilter's "preemption: ..." part. */
export function pendingMessage(scheduler: Scheduler, pod: Pod, fitError: string): string {
  if (!fitError.startsWith('0/')) return fitError; // not a FitError (no nodes, gates, another scheduler, an error): no PostFilter
  return messageWithPreemption(fitError, preemptionFor(scheduler, pod));
}

/** Evicts the victims (they leave the cluster now) and lists them for the output. */
export function evictVictims(cluster: Cluster, result: PreemptionResult): PreemptedPod[] {
  return result.victims.map((v) => {
    cluster.remove(v.pod);
    return { namespace: v.namespace, name: v.name, node: v.node, priority: v.priority };
  });
}

/** The pod a victim's controller creates in its place: the same spec, not yet bound, not terminating. */
export function replacementPod(victim: Pod): Pod {
  const { deletionTimestamp: _gone, ...metadata } = victim.metadata ?? {};
  const { nodeName: _unbound, ...spec } = victim.spec ?? {};
  return { ...victim, metadata, spec, status: { phase: 'Pending' } };
}
