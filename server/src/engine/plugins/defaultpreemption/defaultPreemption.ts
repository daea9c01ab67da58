// The DefaultPreemption PostFilter plugin's own rules
// (pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go, kubernetes master
// 008b365): which pods may preempt (PodEligibleToPreemptOthers), how many candidate nodes a dry run
// looks for (calculateNumCandidates), the victims on one node (SelectVictimsOnNode), and the order
// of importance among pods (util.MoreImportantPod). The generic flow (potential nodes, the dry run
// over them, the choice among candidates) is engine/preemption/evaluator.ts, as upstream keeps it in
// pkg/scheduler/framework/preemption.

import type { PodInfo } from '../../cluster';
import { type Code, type Status, SUCCESS, unresolvable } from '../../framework';
import { type Budget, filterPodsWithPDBViolation } from './pdb';
import { PREEMPT_NEVER } from '../../priority';

export const NAME = 'DefaultPreemption';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const NOT_ELIGIBLE_TERMINATING = 'not eligible due to a terminating pod on the nominated node.';

/** DefaultPreemptionArgs defaults (pkg/scheduler/apis/config/v1/defaults.go). */
export interface DefaultPreemptionArgs {
  minCandidateNodesPercentage: number;
  minCandidateNodesAbsolute: number;
}
export const DEFAULT_PREEMPTION_ARGS: DefaultPreemptionArgs = Object.freeze({ minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 });

/** calculateNumCandidates: numNodes x percentage / 100 (integer), at least the absolute, at most numNodes. */
export function calculateNumCandidates(numNodes: number, args: DefaultPreemptionArgs = DEFAULT_PREEMPTION_ARGS): number {
  let n = Math.trunc((numNodes * args.minCandidateNodesPercentage) / 100);
  if (n < args.minCandidateNodesAbsolute) n = args.minCandidateNodesAbsolute;
  if (n > numNodes) n = numNodes;
  return n;
}

/** A pod with what preemption compares: its priority and start time (ms; +Infinity: not started). */
export interface RankedPod {
  info: PodInfo;
  priority: number;
  startTime: number;
}

/**
 * util.GetPodStartTime: status.startTime; a pod without one (assumed, bound but not started) is
 * "now" upstream, i.e. later than every pod that has one: +Infinity here, so that it stays deterministic.
 */
export function startTimeOf(pi: PodInfo): number {
  const t = pi.pod.status?.startTime;
  const ms = typeof t === 'string' ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? Infinity : ms;
}

/** util.MoreImportantPod: higher priority first, then the pod that started earlier. */
export function moreImportantPod(a: RankedPod, b: RankedPod): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.startTime < b.startTime;
}

/** Sort by descending importance; stable, so equal pods keep the node's order (upstream: sort.Slice, any order). */
export function byImportance(pods: RankedPod[]): RankedPod[] {
  return pods.sort((a, b) => (moreImportantPod(a, b) ? -1 : moreImportantPod(b, a) ? 1 : 0));
}

/**
 * podTerminatingByPreemption: deleted, with a DisruptionTarget condition True whose reason is
 * PreemptionByScheduler.
 */
export function podTerminatingByPreemption(pi: PodInfo): boolean {
  if (!pi.pod.metadata?.deletionTimestamp) return false;
  const c = (pi.pod.status?.conditions ?? []).find((x) => x?.type === 'DisruptionTarget');
  return !!c && c.status === 'True' && c.reason === 'PreemptionByScheduler';
}

export interface Eligibility {
  eligible: boolean;
  /** The plugin's reason when not eligible (the PostFilter message after "preemption: "). */
  reason?: string;
}

/**
 * PodEligibleToPreemptOthers: preemptionPolicy Never never preempts; a pod already nominated to a
 * node where a lower-priority pod is still terminating by preemption waits for it, unless the filters
 * now reject that node as UnschedulableAndUnresolvable.
 */
export function podEligibleToPreemptOthers(
  preemptionPolicy: string, priority: number, nominated: { code: Code | undefined; pods: readonly RankedPod[] } | undefined,
): Eligibility {
  if (preemptionPolicy === PREEMPT_NEVER) return { eligible: false, reason: NOT_ELIGIBLE_NEVER };
  if (nominated) {
    if (nominated.code === 'UnschedulableAndUnresolvable') return { eligible: true };
    if (nominated.pods.some((p) => p.priority < priority && podTerminatingByPreemption(p.info))) {
      return { eligible: false, reason: NOT_ELIGIBLE_TERMINATING };
    }
  }
  return { eligible: true };
}

/** What a dry run may do to one node: take pods off, put them back, and run the filters there. */
export interface NodeDryRun {
  remove(p: PodInfo): void;
  restore(p: PodInfo): void;
  /** PreFilter + Filter of the profile for the incoming pod on this node, as the node is now. */
  fits(): Status;
}

export interface NodeVictims {
  status: Status;
  /** By descending importance (victims[0] is the most important). */
  victims: RankedPod[];
  numPDBViolations: number;
}

/**
 * SelectVictimsOnNode: take every lower-priority pod off the node; if the pod still does not fit,
 * the node's status is the filters'. Otherwise put pods back one by one, most important first, the
 * PodDisruptionBudget-violating ones before the others, keeping each that still lets the pod fit; the
 * rest are the victims. The node is left as it was found.
 */
export function selectVictimsOnNode(podsOnNode: readonly RankedPod[], priority: number, budgets: readonly Budget[], run: NodeDryRun): NodeVictims {
  const potential = podsOnNode.filter((p) => p.priority < priority);
  if (potential.length === 0) return { status: unresolvable(NO_VICTIMS), victims: [], numPDBViolations: 0 };
  for (const p of potential) run.remove(p.info);
  const all = run.fits();
  if (all.code !== 'Success') {
    for (const p of potential) run.restore(p.info);
    return { status: all, victims: [], numPDBViolations: 0 };
  }
  byImportance(potential);
  const byInfo = new Map(potential.map((p) => [p.info, p]));
  const [violating, nonViolating] = filterPodsWithPDBViolation(potential.map((p) => p.info), budgets);
  const victims: RankedPod[] = [];
  let numPDBViolations = 0;
  const reprieve = (pi: PodInfo): boolean => {
    run.restore(pi);
    if (run.fits().code === 'Success') return true;
    run.remove(pi);
    victims.push(byInfo.get(pi)!);
    return false;
  };
  for (const pi of violating) if (!reprieve(pi)) numPDBViolations++;
  for (const pi of nonViolating) reprieve(pi);
  if (violating.length > 0 && nonViolating.length > 0) byImportance(victims);
  for (const v of victims) run.restore(v.info);
  return { status: SUCCESS, victims, numPDBViolations };
}
