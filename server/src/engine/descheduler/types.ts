// Options and results of the descheduler dry run (docs/descheduler.md). The option names are the
// DeschedulerPolicy v1alpha2 fields and plugin args of kubernetes-sigs/descheduler
// (pkg/api/v1alpha2/types.go, pkg/framework/plugins/defaultevictor/types.go,
// pkg/framework/plugins/removepodsviolatingtopologyspreadconstraint/types.go) at commit
// 7d2b28bf2b6a12810317936d909af0270ff38fa3 (v0.36.0 + 8 commits); defaults as that code sets them.

import type { LabelSelector } from '../api';
import type { SchedulerEnv } from '../framework';
import type { Profile } from '../profile';

/** defaultevictor.PodProtection. */
export type PodProtection =
  | 'PodsWithLocalStorage' | 'DaemonSetPods' | 'SystemCriticalPods' | 'FailedBarePods'
  | 'PodsWithPVC' | 'PodsWithoutPDB' | 'PodsWithResourceClaims';

/** defaultPodProtections (types.go): on unless disabled. */
export const DEFAULT_POD_PROTECTIONS: readonly PodProtection[] = ['PodsWithLocalStorage', 'SystemCriticalPods', 'FailedBarePods', 'DaemonSetPods'];
/** extraPodProtections (types.go): off unless enabled. */
export const EXTRA_POD_PROTECTIONS: readonly PodProtection[] = ['PodsWithPVC', 'PodsWithoutPDB', 'PodsWithResourceClaims'];

/** DefaultEvictorArgs. Every field as upstream; the zero value is upstream's default (SetDefaults_DefaultEvictorArgs sets nothing). */
export interface DefaultEvictorArgs {
  /** A label selector string (labels.Parse syntax) for the nodes NodeFit may use. */
  nodeSelector?: string;
  labelSelector?: LabelSelector | null;
  namespaceLabelSelector?: LabelSelector | null;
  /** One of value / name (a PriorityClass); absent: SystemCriticalPriority (policyconfig.go setDefaultEvictor). */
  priorityThreshold?: { value?: number | null; name?: string } | null;
  nodeFit?: boolean;
  minReplicas?: number;
  /** A duration string; needs a clock, so the dry run only reports that it is set. */
  minPodAge?: string | null;
  /** "Preferred" (default behaviour) or "Mandatory". */
  noEvictionPolicy?: string;
  podProtections?: {
    extraEnabled?: PodProtection[];
    defaultDisabled?: PodProtection[];
    /** podProtections.config.PodsWithPVC.protectedStorageClasses[].name */
    protectedStorageClasses?: string[];
  };
  // Deprecated booleans, still read when podProtections is empty (legacyGetPodProtections).
  evictLocalStoragePods?: boolean;
  evictDaemonSetPods?: boolean;
  evictSystemCriticalPods?: boolean;
  ignorePvcPods?: boolean;
  ignorePodsWithoutPDB?: boolean;
  evictFailedBarePods?: boolean;
}

export type SpreadAction = 'DoNotSchedule' | 'ScheduleAnyway';

/** RemovePodsViolatingTopologySpreadConstraintArgs after SetDefaults_…: constraints [DoNotSchedule], topologyBalanceNodeFit true. */
export interface TopologySpreadArgs {
  namespaces?: { include?: string[]; exclude?: string[] } | null;
  labelSelector?: LabelSelector | null;
  constraints: SpreadAction[];
  topologyBalanceNodeFit: boolean;
}

export function defaultTopologySpreadArgs(): TopologySpreadArgs {
  return { constraints: ['DoNotSchedule'], topologyBalanceNodeFit: true };
}

/** One DeschedulerProfile as far as the dry run models it. */
export interface DeschedulerProfileOptions {
  name: string;
  /** The strategy's args when the profile enables it at the balance extension point; absent: not enabled. */
  topologySpread?: TopologySpreadArgs;
  evictor: DefaultEvictorArgs;
  /** Other plugins the profile enables (not modelled: reported in notes). */
  otherPlugins?: string[];
}

export interface DeschedulerDryRunOptions {
  profiles: DeschedulerProfileOptions[];
  /** DeschedulerPolicy.nodeSelector: the nodes the descheduler works on (labels.Parse syntax). */
  nodeSelector?: string;
  maxNoOfPodsToEvictPerNode?: number;
  maxNoOfPodsToEvictPerNamespace?: number;
  maxNoOfPodsToEvictTotal?: number;
  /** Descheduling cycles to simulate (default 5). */
  maxRounds: number;
  /** The scheduler that places the replacements: version and gates (default: the newest release). */
  env?: SchedulerEnv;
  /** Its profiles by schedulerName (default: the default profile). */
  schedulerProfiles?: Profile[];
}

export const DEFAULT_MAX_ROUNDS = 5;

/** What upstream runs with the policy `profiles: [{name: default, plugins: {balance: {enabled: [RemovePodsViolatingTopologySpreadConstraint]}}}]`. */
export function defaultDeschedulerDryRunOptions(): DeschedulerDryRunOptions {
  return { profiles: [{ name: 'default', topologySpread: defaultTopologySpreadArgs(), evictor: {} }], maxRounds: DEFAULT_MAX_ROUNDS };
}

export interface DryRunEviction {
  namespace: string;
  name: string;
  node: string;
  /** The constraint balanced: `topologyKey (maxSkew N)`. */
  constraint: string;
  /** Why this pod: the domain sizes the strategy saw. */
  reason: string;
  profile: string;
}

/** A pod the strategy chose but the evictor did not evict (limits, PDB, pre-eviction filter). */
export interface DryRunBlocked {
  namespace: string;
  name: string;
  node: string;
  constraint: string;
  reason: string;
}

export interface DryRunPlacement {
  namespace: string;
  name: string;
  /** null: the replacement stays Pending. */
  node: string | null;
  /** The scheduler's reasons when Pending. */
  reasons?: string[];
  /** The evicted pod this one replaces. */
  replaces?: string;
  /** Pods the scheduler preempted to place it (namespace/name), lower-priority ones (docs/preemption.md). */
  preempted?: string[];
}

export interface DryRunRound {
  evictions: DryRunEviction[];
  placements: DryRunPlacement[];
  blocked?: DryRunBlocked[];
}

export interface DeschedulerDryRun {
  rounds: DryRunRound[];
  /** A round evicted nothing. */
  converged: boolean;
  /** The placement after a round equals the placement before an earlier one (docs/descheduler.md "Loops"). */
  loop: boolean;
  /** namespace/name of the pods evicted in the repeating rounds. */
  loopPods?: string[];
  /** 1-based rounds that repeat forever: from..to. */
  loopRounds?: { from: number; to: number };
  notes: string[];
}

export interface PolicyProblem {
  /** Field path in the policy, e.g. `profiles[0].pluginConfig[1].args.constraints[0]`. */
  path: string;
  message: string;
}
