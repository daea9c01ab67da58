// The scheduling framework's contracts, as far as the engine models them: status codes, cycle
// state, the plugin extension points and the handle plugins read the cluster through.
// Kept close to k8s.io/kube-scheduler/framework so ported upstream tables read naturally.

import type { Cluster, LabelColumn, NodeInfo, PodInfo } from './cluster';

export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error' | 'Skip';

export interface Status {
  code: Code;
  /** The scheduler's own reason strings (empty on success). */
  reasons: string[];
  /**
   * PreFilter only (PreFilterResult): the only nodes worth filtering, e.g. NodeAffinity when the
   * pod pins `metadata.name` (DaemonSet pods). Absent means all nodes.
   */
  nodeNames?: ReadonlySet<string>;
}

export const SUCCESS: Status = Object.freeze({ code: 'Success', reasons: [] }) as Status;
export const SKIP: Status = Object.freeze({ code: 'Skip', reasons: [] }) as Status;
export const unschedulable = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });
export const unresolvable = (...reasons: string[]): Status => ({ code: 'UnschedulableAndUnresolvable', reasons });
export const errorStatus = (message: string): Status => ({ code: 'Error', reasons: [message] });
export const isSuccess = (s: Status) => s.code === 'Success';

/** framework.MaxNodeScore / MinNodeScore. */
export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

/** Per scheduling attempt scratch space shared by the extension points of one plugin. */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }
}

export interface NodeScore {
  name: string;
  score: number;
}

/** Feature gates the engine consults (see versions.ts for defaults per Kubernetes version). */
export interface FeatureGates {
  MatchLabelKeysInPodTopologySpread: boolean;
  MatchLabelKeysInPodTopologySpreadSelectorMerge: boolean;
  NodeInclusionPolicyInPodTopologySpread: boolean;
  MinDomainsInPodTopologySpread: boolean;
  TaintTolerationComparisonOperators: boolean;
  MatchLabelKeysInPodAffinity: boolean;
  [gate: string]: boolean;
}

/** What version-dependent code reads: the Kubernetes minor version (1.<minor>) and the gates. */
export interface SchedulerEnv {
  minor: number;
  gates: FeatureGates;
}

/** What plugins see of the world. `cluster` may change between cycles (simulation assumes pods). */
export interface Handle {
  readonly cluster: Cluster;
  readonly env: SchedulerEnv;
}

/**
 * A plugin implements any subset of the extension points. Semantics as in the framework:
 * - preFilter: once per pod; `Skip` means filter is not run for this pod; a non-success rejects every node.
 * - filter: per node, in profile order; the first non-success decides the node's status.
 * - preScore: once per pod with the feasible nodes (only when >= 2); `Skip` means no contribution.
 * - score: raw score per feasible node; normalizeScore rewrites the list in place to 0..100.
 */
export interface Plugin {
  readonly name: string;
  preFilter?(state: CycleState, pod: PodInfo): Status;
  filter?(state: CycleState, pod: PodInfo, node: NodeInfo): Status;
  /** `positions`, when the caller knows them: feasible[k] is handle.cluster.nodes[positions[k]] (the fast cycle). */
  preScore?(state: CycleState, pod: PodInfo, feasible: NodeInfo[], positions?: Int32Array): Status;
  score?(state: CycleState, pod: PodInfo, node: NodeInfo): number;
  normalizeScore?(state: CycleState, pod: PodInfo, scores: NodeScore[]): void;
  /**
   * Optional, for a caller that filters many nodes of `handle.cluster` in a row in one cycle (the
   * simulation's fast cycle): Filter bound to this cycle's state, called with a node and its position
   * in cluster.nodes, returning exactly what filter(state, pod, node) returns. Valid while neither the
   * state nor the cluster changes. undefined: call filter.
   */
  bindFilter?(state: CycleState, pod: PodInfo): ((at: number, node: NodeInfo) => Status) | undefined;
  /**
   * Optional, for the same caller: when this cycle's Filter verdict on every node of `handle.cluster`
   * depends only on the node's value of one label (e.g. a single hard spread constraint), that label's
   * column and the verdict per domain id (-1: the node lacks the label), exactly what filter returns
   * on those nodes. Valid while neither the state nor the cluster changes. undefined: filter per node.
   */
  bindDomainFilter?(state: CycleState, pod: PodInfo): { column: LabelColumn; verdictOf: (id: number) => Status } | undefined;
  /** The same for Score (after PreScore): exactly what score(state, pod, node) returns. */
  bindScore?(state: CycleState, pod: PodInfo): ((at: number, node: NodeInfo) => number) | undefined;
  /**
   * The same for NormalizeScore (after PreScore), over the raw scores of the feasible nodes held in
   * `scores[0..count)` in node order: rewrites them exactly as normalizeScore rewrites a list of those
   * nodes with those scores. undefined when this cycle's normalization needs the nodes themselves
   * (e.g. their names): call normalizeScore on a list.
   */
  bindNormalizeScore?(state: CycleState, pod: PodInfo): ((scores: Float64Array, count: number) => void) | undefined;
  /**
   * normalizeScore gives every node the same score when all their raw scores are the same, whatever
   * the nodes are and however many (it reads only the scores, e.g. DefaultNormalizeScore). For such a
   * node-local plugin (raw scores cached per node) the fast cycle then normalizes a one-node list to
   * learn that score instead of building and normalizing the whole list. Such a plugin's Score must
   * be defined on every node, feasible or not: the fast cycle scores them all once to know that every
   * node has the same raw score (then no cycle needs a pass over the feasible nodes).
   */
  readonly normalizesUniformly?: boolean;
}

export type PluginFactory = (handle: Handle, args?: unknown) => Plugin;
