// What a simulation of a workload's replicas reports (engine/simulate.ts, engine/release.ts), apart from
// the simulation so that engine/lazyFirstCycles.ts (which both use) can name it.

import type { InternalConstraint } from './plugins/podtopologyspread/common';
import type { PreemptedPod } from './preemption/simulation';
import type { CycleResult } from './scheduler';
import type { ClaimPlacement } from './volumesReport';

export interface Placement {
  replica: number;
  pod: string;
  node: string;
  /** Every node the scheduler could equally have chosen (includes `node`). */
  ties: string[];
  /** The chosen node's value for each spread topology key. */
  domains: Record<string, string>;
  /** The pods evicted so that this replica could run (preemption; placeRelease only). */
  preempted?: PreemptedPod[];
}

export interface PendingReplica {
  replica: number;
  pod: string;
  /** First-failure reason -> number of nodes, as in the scheduler's FitError. */
  reasons: Record<string, number>;
  message: string;
}

export interface SimulationResult {
  placements: Placement[];
  pending: PendingReplica[];
  /** Replicas of this workload per domain, for each spread topology key (eligible domains, 0 included). */
  distribution: Record<string, Record<string, number>>;
  /** max - min of the constraint's matching-pod counts over its eligible domains after placement. */
  skew: Record<string, number>;
  /** What the constraint counts per domain after placement (existing matching pods included): skew's input. */
  counts: Record<string, Record<string, number>>;
  /** The spread constraints in effect for the first replica (own or cluster defaults). */
  constraints: InternalConstraint[];
  /** The first replica's cycle, for explain-style detail. */
  firstCycle?: CycleResult;
  /**
   * Nodes the pod can never use, with the first filter that says so (UnschedulableAndUnresolvable:
   * taints, affinity, a missing topology label, a cordon, a request larger than the node).
   */
  unusableNodes: Record<string, string>;
  /** The claims the workload's pods mount and where they are bound (present when a pod mounts one). */
  volumes?: ClaimPlacement[];
}
