// The audit's JSON (docs/audit.md, docs/cli.md): a contract, fields are added, never renamed or removed.

import type { clusterInfo, kubernetesInfo } from '../context';
import type { ControllerEvidence } from './workloads';

export interface AuditConstraintJson {
  /** Position in the list it comes from: the pod's topologySpreadConstraints, or the default constraints. */
  index: number;
  topologyKey: string;
  maxSkew: number;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  /** pod: the pod's own; system-default / list-default: the scheduler's defaults (defaultingType System / List). */
  source: 'pod' | 'system-default' | 'list-default';
  /** Matching pods per eligible domain. */
  counts: Record<string, number>;
  skew: number;
  /** skew > maxSkew. */
  violated: boolean;
  minDomains: number;
  /** The filter's global minimum (0 while fewer domains than minDomains are eligible); null: no eligible domain. */
  globalMinimum: number | null;
  eligibleDomains: number;
  /** Nodes in no domain: missing a topology key of the list, or left out by nodeAffinityPolicy / nodeTaintsPolicy: Honor. */
  excludedNodes: { missingLabel: number; nodeAffinity: number; nodeTaints: number };
  /** The selector the scheduler counts with (matchLabelKeys merged; the default selector for defaults). */
  selector: string;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
}

export interface AuditPendingPodJson {
  name: string;
  /** The scheduler's message: `0/N nodes are available: …`, or why it is not attempted. */
  reason: string;
  /** Nodes it fits on now (the fixture may predate a change that freed room); absent when none. */
  fits?: string[];
}

export interface AuditWorkloadJson {
  kind: string;
  namespace: string;
  name: string;
  constraints: AuditConstraintJson[];
  /** Pods of the workload without a node. */
  pending: number;
  /** Pods of the workload bound to a node (terminating ones included). */
  running: number;
  terminating: number;
  /** Succeeded / Failed pods, which the scheduler does not hold. */
  terminal: number;
  /** How the workload was recognised (docs/audit.md). */
  controller: ControllerEvidence;
  /** The pod the constraints are read and counted for. */
  countedFor: string | null;
  /** The worst excess over maxSkew among the constraints (skew - maxSkew; <= 0 when none is violated). */
  worstExcess: number | null;
  pendingPods: AuditPendingPodJson[];
  notes: string[];
}

export interface DeschedulerEvictionJson {
  namespace: string;
  name: string;
  node: string;
  constraint: string;
  reason: string;
}

export interface DeschedulerPlacementJson {
  namespace: string;
  name: string;
  node: string | null;
  reasons?: string[];
  /** The evicted pod this one replaces (namespace/name). */
  replaces?: string;
  /** Lower-priority pods the scheduler preempted to place it (namespace/name). */
  preempted?: string[];
}

export interface DeschedulerJson {
  /** The DeschedulerPolicy file, or "default" (the strategy's default arguments). */
  policy: string;
  rounds: { evictions: DeschedulerEvictionJson[]; placements: DeschedulerPlacementJson[]; blocked?: DeschedulerEvictionJson[] }[];
  converged: boolean;
  loop: boolean;
  loopPods?: string[];
  /** 1-based rounds that repeat forever. */
  loopRounds?: { from: number; to: number };
  notes: string[];
}

export interface AuditJson {
  cluster: ReturnType<typeof clusterInfo>;
  kubernetes: ReturnType<typeof kubernetesInfo>;
  summary: {
    workloads: number;
    constraints: number;
    violated: { DoNotSchedule: number; ScheduleAnyway: number };
    pending: number;
  };
  /** Worst first (docs/audit.md, "Order"). */
  workloads: AuditWorkloadJson[];
  /** null when the dry run was not asked for (--descheduler). */
  descheduler: DeschedulerJson | null;
  notes: string[];
}
