// PodTopologySpread Filter (whenUnsatisfiable: DoNotSchedule), §3 of the semantics doc;
// upstream podtopologyspread/filtering.go.
//
// The state is incremental: counts per domain plus a histogram of counts, so the global minimum
// stays exact in O(1) as pods are assumed onto or removed from nodes during a simulation, instead
// of recounting the whole cluster for every replica.

import type { Pod } from '../../api';
import type { Cluster, LabelColumn, NodeInfo, PodInfo } from '../../cluster';
import { type SchedulerEnv, type Status, SUCCESS, unresolvable, unschedulable } from '../../framework';
import { RequiredNodeAffinity } from '../../selectors';
import { snapshotMatchCounts } from './nodeCounts';
import {
  countMatching, ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH, hasAllKeys,
  type InternalConstraint, passesInclusionPolicies, podCounts,
} from './common';

/** Upstream's critical paths start at MaxInt32: with no domain and minDomains <= 0 nothing is pinned. */
const NO_DOMAIN_MIN = 2147483647;

/** Match counts of one constraint, per domain (topology value), with an exact running minimum. */
export class DomainCounts {
  counts = new Map<string, number>();
  /** count -> number of domains holding exactly that count. */
  private histogram = new Map<number, number>();
  private min = NO_DOMAIN_MIN;

  /** Creates the domain when missing (a domain with 0 matching pods still exists). */
  add(value: string, delta: number): void {
    const before = this.counts.get(value);
    const after = (before ?? 0) + delta;
    this.counts.set(value, after);
    if (before !== undefined) this.bump(before, -1);
    this.bump(after, 1);
    if (before === undefined || after < this.min) {
      this.min = Math.min(this.min, after);
    } else if (before === this.min && !this.histogram.has(before)) {
      // The last domain at the minimum moved up: with +1 it is the new minimum, otherwise rescan.
      this.min = delta === 1 ? after : Math.min(...this.histogram.keys());
    }
  }

  private bump(count: number, by: number): void {
    const n = (this.histogram.get(count) ?? 0) + by;
    if (n === 0) this.histogram.delete(count);
    else this.histogram.set(count, n);
  }

  get domains(): number {
    return this.counts.size;
  }

  /** An independent copy (same domains in the same order, same histogram and minimum). */
  clone(): DomainCounts {
    const c = new DomainCounts();
    // The Map constructor copies a Map without an entry array per domain (5,000 on a hostname key,
    // copied for every workload's filter state).
    c.counts = new Map(this.counts);
    c.histogram = new Map(this.histogram);
    c.min = this.min;
    return c;
  }

  /** Smallest count over all domains (MaxInt32 with no domain, as upstream). */
  get minimum(): number {
    return this.min;
  }
}

export interface FilterConstraintState {
  constraint: InternalConstraint;
  domains: DomainCounts;
}

export interface PreFilterState {
  constraints: FilterConstraintState[];
  namespace: string;
  /** The incoming pod (its affinity and tolerations decide eligibility under Honor policies). */
  pod: Pod;
  affinity: RequiredNodeAffinity;
}

/** Global minimum after the minDomains rule (preFilterState.minMatchNum). */
export function globalMinimum(s: FilterConstraintState): number {
  return s.domains.domains < s.constraint.minDomains ? 0 : s.domains.minimum;
}

function nodeEligible(c: InternalConstraint, st: PreFilterState, node: NodeInfo, env: SchedulerEnv): boolean {
  return passesInclusionPolicies(c, st.pod, node, st.affinity, env);
}

/** calPreFilterState: counts over ALL nodes of the cluster (not only feasible ones). */
export function computePreFilterState(constraints: InternalConstraint[], pod: PodInfo, cluster: Cluster, env: SchedulerEnv): PreFilterState {
  const st: PreFilterState = {
    constraints: constraints.map((constraint) => ({ constraint, domains: new DomainCounts() })),
    namespace: pod.namespace,
    pod: pod.pod,
    affinity: RequiredNodeAffinity.of(pod.pod),
  };
  // On a snapshot, each node's count is read from the table shared with lint and scoring (nodeCounts.ts).
  const tables = st.constraints.map((cs) => snapshotMatchCounts(cluster, cs.constraint.selector, st.namespace, env));
  const nodes = cluster.nodes;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    // Before NodeInclusionPolicyInPodTopologySpread, only nodes matching the pod's node affinity count.
    if (!env.gates.NodeInclusionPolicyInPodTopologySpread && !st.affinity.matches(node.node)) continue;
    if (!hasAllKeys(node.labels, constraints)) continue;
    for (let k = 0; k < st.constraints.length; k++) {
      const cs = st.constraints[k];
      if (env.gates.NodeInclusionPolicyInPodTopologySpread && !nodeEligible(cs.constraint, st, node, env)) continue;
      const table = tables[k];
      cs.domains.add(node.labels[cs.constraint.topologyKey], table ? table[i] : countMatching(node.pods, cs.constraint.selector, st.namespace, env));
    }
  }
  return st;
}

/**
 * Applies one pod joining (+1) or leaving (-1) `node` to the state, giving exactly what a
 * recount would. Used between the replicas of a simulation.
 */
export function updatePreFilterState(st: PreFilterState, p: PodInfo, node: NodeInfo, delta: 1 | -1, env: SchedulerEnv): void {
  if (!env.gates.NodeInclusionPolicyInPodTopologySpread && !st.affinity.matches(node.node)) return;
  if (!hasAllKeys(node.labels, st.constraints.map((c) => c.constraint))) return;
  for (const cs of st.constraints) {
    if (env.gates.NodeInclusionPolicyInPodTopologySpread && !nodeEligible(cs.constraint, st, node, env)) continue;
    if (!podCounts(p, cs.constraint.selector, st.namespace, env)) continue;
    cs.domains.add(node.labels[cs.constraint.topologyKey], delta);
  }
}

/** The index (in state order) of the first constraint that rejects `node`, or -1 when all pass. */
export function firstFailingConstraint(st: PreFilterState, pod: PodInfo, node: NodeInfo): { at: number; status: Status } {
  for (let i = 0; i < st.constraints.length; i++) {
    const cs = st.constraints[i];
    const c = cs.constraint;
    if (!Object.prototype.hasOwnProperty.call(node.labels, c.topologyKey)) return { at: i, status: unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH) };
    const selfMatch = c.selector.matches(pod.labels) ? 1 : 0;
    const matchNum = cs.domains.counts.get(node.labels[c.topologyKey]) ?? 0;
    if (matchNum + selfMatch - globalMinimum(cs) > c.maxSkew) return { at: i, status: unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH) };
  }
  return { at: -1, status: SUCCESS };
}

/** Filter for one node: constraints in order, the first failing one decides. */
export function filterNode(st: PreFilterState, pod: PodInfo, node: NodeInfo): Status {
  // firstFailingConstraint without its result object: this runs on every node of every cycle.
  for (const cs of st.constraints) {
    const c = cs.constraint;
    if (!Object.prototype.hasOwnProperty.call(node.labels, c.topologyKey)) return LABEL_NOT_MATCH;
    const selfMatch = c.selector.matches(pod.labels) ? 1 : 0;
    const matchNum = cs.domains.counts.get(node.labels[c.topologyKey]) ?? 0;
    if (matchNum + selfMatch - globalMinimum(cs) > c.maxSkew) return CONSTRAINTS_NOT_MATCH;
  }
  return SUCCESS;
}

/**
 * filterNode for many nodes of one cycle, by node position in `cluster.nodes`. A constraint's verdict
 * on a node depends only on the node's domain (its topology value) once the state and the pod are
 * fixed, so it is decided once per domain (by the cluster's label column ids) and looked up for the
 * other nodes of that domain. The state must not change while the function is in use (it changes
 * only in PreFilter).
 */
export function nodeFilterAt(st: PreFilterState, pod: PodInfo, cluster: Cluster): (at: number) => Status {
  const n = st.constraints.length;
  const columns = st.constraints.map((cs) => cluster.labelColumn(cs.constraint.topologyKey));
  /** Per constraint and domain id: 0 not decided yet, PASS, FAIL. */
  const verdicts = columns.map((col) => new Uint8Array(col.domains.length));
  const selfMatch = st.constraints.map((cs) => (cs.constraint.selector.matches(pod.labels) ? 1 : 0));
  const decide = (i: number, id: number): number => {
    const cs = st.constraints[i];
    const matchNum = cs.domains.counts.get(columns[i].domains[id]) ?? 0;
    // The same expression as filterNode (not rearranged), so a non-integer maxSkew compares alike.
    return (verdicts[i][id] = matchNum + selfMatch[i] - globalMinimum(cs) > cs.constraint.maxSkew ? FAIL : PASS);
  };
  if (n === 1) {
    // The usual single hard constraint, without the loop (this runs on every node of every cycle).
    const ids = columns[0].ids;
    const verdict = verdicts[0];
    return (at) => {
      const id = ids[at];
      if (id < 0) return LABEL_NOT_MATCH;
      return (verdict[id] || decide(0, id)) === FAIL ? CONSTRAINTS_NOT_MATCH : SUCCESS;
    };
  }
  return (at) => {
    for (let i = 0; i < n; i++) {
      const id = columns[i].ids[at];
      if (id < 0) return LABEL_NOT_MATCH;
      if ((verdicts[i][id] || decide(i, id)) === FAIL) return CONSTRAINTS_NOT_MATCH;
    }
    return SUCCESS;
  };
}

/**
 * With one hard constraint, the verdict on a node of `cluster` is its domain's: the constraint's label
 * column and the verdict per domain id (-1: the node lacks the key), the same statuses as
 * nodeFilterAt. undefined with several constraints (a node's verdict then reads several columns).
 */
export function domainFilter(st: PreFilterState, pod: PodInfo, cluster: Cluster): { column: LabelColumn; verdictOf: (id: number) => Status } | undefined {
  if (st.constraints.length !== 1) return undefined;
  const cs = st.constraints[0];
  const column = cluster.labelColumn(cs.constraint.topologyKey);
  const selfMatch = cs.constraint.selector.matches(pod.labels) ? 1 : 0;
  const min = globalMinimum(cs);
  return {
    column,
    verdictOf: (id) => {
      if (id < 0) return LABEL_NOT_MATCH;
      const matchNum = cs.domains.counts.get(column.domains[id]) ?? 0;
      // The same expression as filterNode (not rearranged), so a non-integer maxSkew compares alike.
      return matchNum + selfMatch - min > cs.constraint.maxSkew ? CONSTRAINTS_NOT_MATCH : SUCCESS;
    },
  };
}

const PASS = 1;
const FAIL = 2;

// Shared (frozen) statuses for filterNode: one allocation instead of one per rejected node and cycle.
const freeze = (s: Status): Status => Object.freeze({ ...s, reasons: Object.freeze(s.reasons) as string[] });
const LABEL_NOT_MATCH = freeze(unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH));
const CONSTRAINTS_NOT_MATCH = freeze(unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH));
