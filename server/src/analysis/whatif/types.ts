// The what-ifs' JSON shapes (the contract of `simulate --format json` and of the editor's what-if
// commands), the workload a what-if runs on, and the error a what-if reports to its caller.

import type { ScaleUp } from '../../engine';
import type { Workload } from '../../k8s/workloads';
import type { WorkloadSpec } from '../workload';

/** A what-if that cannot run on this workload or these arguments; the message is for the user. */
export class WhatIfError extends Error {}

/** The workload a what-if runs on: its parsed form and the raw manifest object (for strategy etc.). */
export interface WhatIfTarget {
  workload: Workload;
  spec: WorkloadSpec;
  raw: unknown;
}

/** One topology spread constraint as it stands after a step. */
export interface StepConstraint {
  index: number;
  topologyKey: string;
  whenUnsatisfiable: string;
  maxSkew: number;
  /** Pods the constraint counts per eligible domain, as the scheduler sees them for the workload's next pod. */
  domains: Record<string, number>;
  skew: number;
  /** DoNotSchedule and skew > maxSkew: the scheduler would not have produced this, and never repairs it. */
  violated: boolean;
}

/** One controller sync (or the starting point): what changed and where the workload's pods stand. */
export interface WhatIfStep {
  step: number;
  /** `evict`: a drain retries the evictions PodDisruptionBudgets refused, once replacements are up. */
  action: 'initial' | 'scale-up' | 'scale-down' | 'lose-domain' | 'evict' | 'replace' | 'stalled';
  description: string;
  replicaSets?: { name: string; revision: 'old' | 'new'; replicas: number; available: number }[];
  created: { pod: string; node: string | null; ties?: string[] }[];
  deleted: { pod: string; node: string | null; reason: string }[];
  /**
   * Every pod of the workload that is Pending after this step. `autoscaler` (autoscaling fixtures): why
   * the autoscaler(s) add no node for it, in their own words (as simulate's `pending[].autoscaler`).
   */
  pending: { pod: string; reasons: Record<string, number>; message: string; autoscaler?: { by: string; reason: string }[] }[];
  /** Autoscaling fixtures: the nodes the autoscaler(s) added during this step (simulate's `scaleUp` rows). */
  scaleUp?: ScaleUp[];
  /** Choices the autoscaler could equally have made in this step (the first was taken). */
  scaleUpTies?: string[];
  constraints: StepConstraint[];
  /** The workload's pods per domain (all revisions), for each constraint's topology key. */
  distribution: Record<string, Record<string, number>>;
}

/** What the autoscaler(s) did over a what-if (autoscaling fixtures only; docs/whatif.md). */
export interface WhatIfAutoscalingJson {
  autoscalers: ('cluster-autoscaler' | 'karpenter')[];
  /** Nodes added over all steps. */
  nodesAdded: number;
  /** Every step's scale-up rows, in step order ([] when the autoscaler added nothing). */
  scaleUp: ScaleUp[];
  /** Losing a domain: the node groups (NodePools) that cannot grow because they are in the lost domain. */
  unavailable?: string[];
  ties?: string[];
}

/** A DoNotSchedule constraint whose skew is above its maxSkew. */
export interface SkewViolation {
  topologyKey: string;
  skew: number;
  maxSkew: number;
}

// ─── Rolling update ─────────────────────────────────────────────────────────────────────────────

/** One run of a rolling update: the manifest as written, or its matchLabelKeys comparison variant. */
export interface RolloutRun {
  /** Whether every constraint with a labelSelector has pod-template-hash in matchLabelKeys. */
  matchLabelKeys: 'with' | 'without' | 'partial' | 'no-constraints';
  newReplicaSet: string;
  steps: WhatIfStep[];
  outcome: 'complete' | 'stalled';
  /** Most pods Pending at once, over all steps. */
  maxPending: number;
  /** Largest skew seen per topology key, over all steps. */
  maxSkew: Record<string, number>;
  /** DoNotSchedule constraints above maxSkew when the rollout ends: the scheduler never repairs them. */
  violatedAfter: SkewViolation[];
  message: string;
  autoscaling?: WhatIfAutoscalingJson;
}

export interface RolloutJson extends RolloutRun {
  strategy: { type: string; maxSurge: string | number | null; maxUnavailable: string | number | null; resolvedMaxSurge: number; resolvedMaxUnavailable: number };
  replicas: number;
  oldReplicaSets: { name: string; replicas: number; source: 'fixture' | 'simulated' }[];
  /** The same rollout with matchLabelKeys: [pod-template-hash] added to (or removed from) every constraint that has a labelSelector. */
  comparison?: RolloutRun;
}

// ─── Scale to M ─────────────────────────────────────────────────────────────────────────────────

export interface ScaleJson {
  from: number;
  to: number;
  controller: string;
  rule: string;
  source: 'fixture' | 'simulated';
  /** Scale-down only: every candidate in the controller's deletion order. */
  ranking?: { pod: string; node: string | null; coLocated?: number; ordinal?: number; deletionCost: number; ready: boolean; deleted: boolean }[];
  /** Scale-down only: pods ranked exactly like the last victim; any of them could have been deleted instead. */
  tiedAtCut?: string[];
  steps: WhatIfStep[];
  /** Constraints whose skew is above maxSkew after the change: the scheduler never repairs running pods. */
  violatedAfter: SkewViolation[];
  message: string;
  autoscaling?: WhatIfAutoscalingJson;
}

// ─── Losing a domain ────────────────────────────────────────────────────────────────────────────

export type DomainLossMode = 'remove' | 'drain' | 'outage';

export interface DomainLossJson {
  domain: { key: string; value: string };
  mode: DomainLossMode;
  nodes: string[];
  source: 'fixture' | 'simulated';
  evicted: number;
  /** Pods of other workloads removed or evicted with the domain (their own controllers recreate them; not modelled). */
  otherPodsEvicted: number;
  replaced: number;
  pendingAfter: number;
  steps: WhatIfStep[];
  violatedAfter: SkewViolation[];
  message: string;
  /**
   * drain only: pods the eviction API still refuses when no retry can succeed (the drain stops there,
   * the pods keep running on their cordoned node). `workload`: a pod of the workload itself.
   */
  drainBlocked?: DrainBlockedJson[];
  autoscaling?: WhatIfAutoscalingJson;
}

/** A pod a drain cannot evict: the PodDisruptionBudget and the API server's refusal (whatif/eviction.ts). */
export interface DrainBlockedJson {
  pod: string;
  namespace: string;
  node: string;
  workload: boolean;
  pdb: string;
  disruptionsAllowed: number;
  code: 429 | 500;
  message: string;
}
