// What a SchedulerSetup means while scheduling: the built-in default setup, the profile that handles
// a pod (pkg/scheduler/profile: a pod goes to the profile named by spec.schedulerName), and node
// sampling by percentageOfNodesToScore (pkg/scheduler/schedule_one.go numFeasibleNodesToFind),
// which kube-spread does not model, so it says when results may differ.

import type { Pod } from '../api';
import type { SchedulerEnv } from '../framework';
import { defaultProfile, type Profile } from '../profile';
import { DEFAULT_SCHEDULER_NAME, type SchedulerSetup } from './types';

/** minFeasibleNodesToFind / minFeasibleNodesPercentageToFind (schedule_one.go). */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** The setup without a configuration file: the default profile, adaptive sampling. */
export function defaultSchedulerSetup(env: SchedulerEnv): SchedulerSetup {
  void env;
  return { source: 'default', profiles: [defaultProfile()], percentageOfNodesToScore: 0, profilePercentage: {}, problems: [] };
}

/** The profile that schedules `pod` (spec.schedulerName, empty = default-scheduler), or undefined: no profile handles it. */
export function profileForPod(setup: Pick<SchedulerSetup, 'profiles'>, pod: Pod | undefined): Profile | undefined {
  const name = pod?.spec?.schedulerName || DEFAULT_SCHEDULER_NAME;
  return setup.profiles.find((p) => p.schedulerName === name);
}

/** numFeasibleNodesToFind (schedule_one.go): how many feasible nodes the scheduler looks for before scoring. */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let p = percentage;
  if (p === 0) {
    p = 50 - Math.trunc(numAllNodes / 125);
    if (p < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) p = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * p) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/** The percentage in force for a profile (profile level wins over the global value). */
export function percentageFor(setup: SchedulerSetup | undefined, schedulerName: string): number {
  if (!setup) return 0;
  return setup.profilePercentage[schedulerName] ?? setup.percentageOfNodesToScore;
}

/** A note when the scheduler would only filter/score a sample of the nodes, else undefined. */
export function samplingNote(setup: SchedulerSetup | undefined, schedulerName: string, numNodes: number): string | undefined {
  const pct = percentageFor(setup, schedulerName);
  const k = numFeasibleNodesToFind(pct, numNodes);
  if (k >= numNodes) return undefined;
  const how = pct === 0 ? `adaptive: max(5, 50 - ${numNodes}/125) = ${Math.max(5, 50 - Math.trunc(numNodes / 125))}%` : `${pct}%`;
  return `percentageOfNodesToScore (${how}): with ${numNodes} nodes the scheduler stops filtering after ${k} feasible nodes, from a start that rotates every cycle; `
    + 'scores, spread weights and ties only see those nodes, so its pick can differ from kube-spread, which evaluates every node. Filter verdicts and spread counts (all nodes) do not change.';
}
