// PodTopologySpread Score (whenUnsatisfiable: ScheduleAnyway), §4 of the semantics doc;
// upstream podtopologyspread/scoring.go. Fewer matching pods in a node's domains => higher score.

import { LABEL_HOSTNAME } from '../../api';
import type { Cluster, LabelColumn, NodeInfo, PodInfo } from '../../cluster';
import { MAX_NODE_SCORE, type NodeScore, type SchedulerEnv } from '../../framework';
import { RequiredNodeAffinity } from '../../selectors';
import { countMatching, hasAllKeys, type InternalConstraint, passesInclusionPolicies, roundHalfAwayFromZero } from './common';

export interface PreScoreState {
  constraints: InternalConstraint[];
  /** Feasible nodes lacking a topology key (only when all topologies are required): score 0. */
  ignoredNodes: Set<string>;
  /** Per constraint: counts per tracked topology value (non-hostname keys only). */
  counts: Map<string, number>[];
  /** Per constraint: ln(size + 2). */
  weights: number[];
  namespace: string;
}

/** topologyNormalizingWeight. */
export const normalizingWeight = (size: number) => Math.log(size + 2);

/** Matching pods of a constraint on one node (countMatching of node.pods; callers may cache it). */
export type NodeMatchCounter = (node: NodeInfo, c: InternalConstraint, namespace: string) => number;

/** Whether the node at position `at` has every column's key (hasAllKeys through the label columns). */
function hasAllAt(columns: readonly LabelColumn[], at: number): boolean {
  for (const col of columns) if (!col.has[at]) return false;
  return true;
}

/** initPreScoreState + the counting pass of PreScore. */
export function computePreScoreState(
  constraints: InternalConstraint[],
  requireAllTopologies: boolean,
  pod: PodInfo,
  feasible: readonly NodeInfo[],
  cluster: Cluster,
  env: SchedulerEnv,
  count: NodeMatchCounter = (node, c, ns) => countMatching(node.pods, c.selector, ns, env),
  positions?: Int32Array,
): PreScoreState {
  const st: PreScoreState = {
    constraints,
    ignoredNodes: new Set(),
    counts: constraints.map(() => new Map<string, number>()),
    weights: [],
    namespace: pod.namespace,
  };
  // Labels are read from the cluster's columns (the same values as n.labels) for its own nodes.
  const columns = constraints.map((c) => cluster.labelColumn(c.topologyKey));
  // When every node of the cluster has every key, its own nodes need no per-key check; and with
  // hostname constraints only there are no values to collect.
  const complete = columns.every((col) => col.missing === 0);
  const collect = constraints.some((c) => c.topologyKey !== LABEL_HOSTNAME);
  // With the feasible nodes' positions (the fast cycle knows them), no node is looked up; when they
  // are all the cluster's, every node has every key and no value is collected, there is nothing to do.
  const visit = collect || (requireAllTopologies && !(positions && complete));
  for (let k = 0; visit && k < feasible.length; k++) {
    const n = feasible[k];
    const at = positions ? positions[k] : cluster.indexOf(n);
    if (requireAllTopologies && !(at < 0 ? hasAllKeys(n.labels, constraints) : complete || hasAllAt(columns, at))) {
      st.ignoredNodes.add(n.name);
      continue;
    }
    if (!collect) continue;
    // Plain loops, not forEach: these run on every node of every cycle (no closure per node).
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      if (c.topologyKey === LABEL_HOSTNAME) continue; // per-node counts are taken in Score
      const v = (at < 0 ? n.labels[c.topologyKey] : columns[i].values[at]) ?? '';
      if (!st.counts[i].has(v)) st.counts[i].set(v, 0);
    }
  }
  st.weights = constraints.map((c, i) =>
    normalizingWeight(c.topologyKey === LABEL_HOSTNAME ? feasible.length - st.ignoredNodes.size : st.counts[i].size),
  );

  // Only non-hostname values seen on candidate nodes are counted: with none (hostname-only
  // constraints, counted per node in Score) the pass over the cluster would add nothing.
  if (st.counts.every((m) => m.size === 0)) return st;
  const affinity = RequiredNodeAffinity.of(pod.pod);
  for (const node of cluster.nodes) {
    if (!env.gates.NodeInclusionPolicyInPodTopologySpread && !affinity.matches(node.node)) continue;
    if (requireAllTopologies && !hasAllKeys(node.labels, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      const v = node.labels[c.topologyKey] ?? '';
      const cur = st.counts[i].get(v);
      if (cur === undefined) continue; // value not on any candidate node (also skips hostname keys)
      if (env.gates.NodeInclusionPolicyInPodTopologySpread && !passesInclusionPolicies(c, pod.pod, node, affinity, env)) continue;
      st.counts[i].set(v, cur + count(node, c, st.namespace));
    }
  }
  return st;
}

/** Score: the weighted matching count over the node's domains, rounded once. */
export function scoreNode(
  st: PreScoreState, node: NodeInfo, env: SchedulerEnv,
  count: NodeMatchCounter = (n, c, ns) => countMatching(n.pods, c.selector, ns, env),
): number {
  if (st.ignoredNodes.has(node.name)) return 0;
  let score = 0;
  for (let i = 0; i < st.constraints.length; i++) {
    const c = st.constraints[i];
    if (!Object.prototype.hasOwnProperty.call(node.labels, c.topologyKey)) continue;
    const cnt = c.topologyKey === LABEL_HOSTNAME
      ? count(node, c, st.namespace)
      : st.counts[i].get(node.labels[c.topologyKey]) ?? 0;
    score += cnt * st.weights[i] + (c.maxSkew - 1);
  }
  return roundHalfAwayFromZero(score);
}

/**
 * scoreNode for many nodes of one cycle, by node position in `cluster.nodes` (the node itself is read
 * only for its name when some node is ignored, and its pods on a count-table miss): the label columns
 * and each hostname constraint's per-node count table are looked up once, not once per node. Same
 * additions in the same order as scoreNode. The tables must be current while the function is in use.
 */
export function nodeScorerAt(
  st: PreScoreState, cluster: Cluster, env: SchedulerEnv, tableFor: (c: InternalConstraint) => NodeCountTable,
): (at: number, node: NodeInfo) => number {
  const n = st.constraints.length;
  const ignored = st.ignoredNodes.size > 0 ? st.ignoredNodes : undefined;
  const columns = st.constraints.map((c) => cluster.labelColumn(c.topologyKey));
  const tables = st.constraints.map((c) => (c.topologyKey === LABEL_HOSTNAME ? tableFor(c) : undefined));
  if (n === 1 && tables[0] && !ignored) {
    // The usual single soft hostname constraint: the score depends only on the node's matching count,
    // so each count's score (the same expression, rounded once) is computed once per cycle.
    const c = st.constraints[0];
    const t = tables[0];
    const has = columns[0].has;
    const weight = st.weights[0];
    const byCount: number[] = [];
    return (at, node) => {
      if (!has[at]) return roundHalfAwayFromZero(0);
      let cnt = t.counts[at];
      if (cnt < 0) {
        t.counts[at] = cnt = countMatching(node.pods, c.selector, st.namespace, env);
        if (t.shared && !t.changed![at]) t.shared[at] = cnt;
      }
      let score = byCount[cnt];
      if (score === undefined) byCount[cnt] = score = roundHalfAwayFromZero(0 + (cnt * weight + (c.maxSkew - 1)));
      return score;
    };
  }
  return (at, node) => {
    if (ignored && ignored.has(node.name)) return 0;
    let score = 0;
    for (let i = 0; i < n; i++) {
      const col = columns[i];
      if (!col.has[at]) continue;
      const c = st.constraints[i];
      const t = tables[i];
      let cnt: number;
      if (t) {
        cnt = t.counts[at];
        if (cnt < 0) {
          t.counts[at] = cnt = countMatching(node.pods, c.selector, st.namespace, env);
          if (t.shared && !t.changed![at]) t.shared[at] = cnt;
        }
      } else {
        cnt = st.counts[i].get(col.values[at]) ?? 0;
      }
      score += cnt * st.weights[i] + (c.maxSkew - 1);
    }
    return roundHalfAwayFromZero(score);
  };
}

/**
 * Matching pods of one (selector, namespace) per node position of the cluster (-1: not counted yet),
 * i.e. countMatching(node.pods, ...) memoized; its owner resets a node's entry when a pod joins or leaves it.
 */
export interface NodeCountTable {
  counts: Int32Array;
  /**
   * Counts shared with the cluster this one was forked from, and the node positions this cluster has
   * changed since: a count made on an unchanged node is written there too (plugin.ts sharedCounts).
   */
  shared?: Int32Array;
  changed?: Uint8Array;
}

/** NormalizeScore: least loaded => 100; ignored nodes => 0. Integer division as in Go. */
export function normalizeScores(st: PreScoreState, scores: NodeScore[]): void {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  // Most states ignore no node: then the per-node set lookups are skipped.
  const ignored = st.ignoredNodes.size > 0 ? st.ignoredNodes : undefined;
  for (const s of scores) {
    if (ignored && ignored.has(s.name)) continue;
    if (s.score < min) min = s.score;
    if (s.score > max) max = s.score;
  }
  for (const s of scores) s.score = ignored && ignored.has(s.name) ? 0 : normalizedScore(s.score, min, max);
}

/**
 * normalizeScores over raw scores by position (`scores[0..count)`), for a state that ignores no node
 * (the fast cycle's bindNormalizeScore): the same min, max and results as on a list of them.
 */
export function normalizeScoreValues(scores: Float64Array, count: number): void {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let k = 0; k < count; k++) {
    const s = scores[k];
    if (s < min) min = s;
    if (s > max) max = s;
  }
  for (let k = 0; k < count; k++) scores[k] = normalizedScore(scores[k], min, max);
}

function normalizedScore(score: number, min: number, max: number): number {
  return max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - score)) / max);
}
