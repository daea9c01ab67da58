// What one scheduling cycle works with and returns: the profile's plugin instances, the full result
// that explain shows (CycleResult, a verdict per node and filter), and the part of it a simulation
// needs (FastCycle).

import type { PodInfo } from './cluster';
import type { Code, CycleState, Plugin, Status } from './framework';

/** A plugin of the profile, instantiated for one Scheduler. */
export interface PluginInstance {
  plugin: Plugin;
  weight: number;
  /** The profile runs its PreFilter/Filter (ProfilePlugin.filter). */
  filters: boolean;
}

export interface FilterVerdict {
  plugin: string;
  code: Code;
  /** The scheduler's reason strings joined with ", " (absent for Success). */
  reason?: string;
  /** The same reasons, one per entry (a plugin may report several, e.g. each insufficient resource). */
  reasons?: string[];
  /** The plugin's PreFilter returned Skip: the framework never ran its Filter (it cannot reject). */
  skipped?: true;
}

export interface NodeEvaluation {
  name: string;
  feasible: boolean;
  /** Every filter plugin that ran for this pod, in profile order. */
  filters: FilterVerdict[];
  /** The status the scheduler reports for the node: its first non-success filter. */
  status: FilterVerdict | null;
  /** Normalized score per scoring plugin (feasible nodes, when scoring ran). */
  scores: Record<string, number> | null;
  totalScore: number | null;
}

export interface CycleResult {
  nodes: NodeEvaluation[];
  feasible: string[];
  /** Nodes with the highest total: the scheduler may pick any of them. Empty when nothing fits. */
  selected: string[];
  /** PreFilter rejection (Error or Unschedulable*): every node fails with it. */
  preFilterStatus?: { plugin: string; status: Status };
  /** The pod's spec.schedulerName is not this profile's: no scheduler attempts it (kube-spread has no profile of that name). */
  notHandled?: string;
  /** spec.schedulingGates present: the scheduler never attempts the pod. */
  gated?: string[];
  /** Why scoring did not run (one feasible node, or none). */
  scoringSkipped?: string;
  /** The scheduler's FitError text when nothing fits (without the preemption part). */
  fitError?: string;
  /**
   * A plugin returned Error (e.g. a selector the API server would have rejected): the scheduling
   * attempt fails as an error, not as unschedulable, and the pod is retried with backoff.
   */
  error?: string;
  /** Per-node first-failure reasons histogram (reason -> node count), as in FitError. */
  reasons: Record<string, number>;
  /** Plugins whose PreFilter / PreScore returned Skip. */
  skippedFilters: string[];
  skippedScores: string[];
  state: CycleState;
  pod: PodInfo;
}

/** What a simulation needs of a cycle: the tie set, and why nothing fits (exactly as CycleResult says it). */
export type FastCycle = Pick<CycleResult, 'selected' | 'reasons' | 'fitError' | 'error'>;
