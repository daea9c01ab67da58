// PodTopologySpread filter states shared by every plugin instance working on one cluster, and by
// the cluster's forks. A release has one scheduler per workload on one cluster, each with its own
// plugin instance, and analysis forks the same fixture snapshot for every creation order and every
// edit: without sharing, every workload's first cycle (and each summary) counted the matching pods of
// every node of the cluster again (150,000 pods on 5,000 nodes: tens of ms each).
//
// Per (cluster, env, key) one master state is kept and brought up to date by replaying the cluster's
// changeLog (updatePreFilterState, exact as the plugin's own incremental state is); callers get a
// copy. A fork's first master is a copy of its parent's as the parent was when forked (the fork then
// holds the same pods on the same nodes: Cluster.forkedFrom), so the snapshot is counted once per key.
// test/unit/engine/shared-prefilter-properties.test.ts keeps copies equal to computePreFilterState.

import type { Cluster, PodInfo } from '../../cluster';
import type { SchedulerEnv } from '../../framework';
import type { Selector } from '../../selectors';
import { RequiredNodeAffinity } from '../../selectors';
import type { InternalConstraint } from './common';
import { computePreFilterState, type PreFilterState, updatePreFilterState } from './filtering';

interface Master {
  /** changeLog position the state reflects. */
  generation: number;
  state: PreFilterState;
}

/** Keys kept per cluster and env (a hostname constraint's state holds one entry per node). */
const MAX_KEYS = 128;
const masters = new WeakMap<Cluster, WeakMap<SchedulerEnv, Map<string, Master>>>();

const selectorKeys = new WeakMap<Selector, string>();
/** An exact identity of a selector's semantics (toString() can collide on values with commas). */
export function selectorKey(sel: Selector): string {
  let k = selectorKeys.get(sel);
  if (k === undefined) selectorKeys.set(sel, (k = JSON.stringify([sel.isNothing, sel.isEmpty, sel.requirements])));
  return k;
}

/**
 * Everything computePreFilterState reads besides the cluster and env: each constraint's topology key,
 * selector and inclusion policies (minDomains only matters to the Filter, which reads it from the
 * constraint), the namespace, and what decides node eligibility (node selector, required node
 * affinity, tolerations).
 */
export function preFilterStateKey(pod: PodInfo, constraints: readonly InternalConstraint[]): string {
  const spec = pod.pod.spec ?? {};
  return JSON.stringify([
    pod.namespace,
    constraints.map((c) => [c.topologyKey, c.nodeAffinityPolicy, c.nodeTaintsPolicy, selectorKey(c.selector)]),
    spec.nodeSelector ?? null,
    spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null,
    spec.tolerations ?? null,
  ]);
}

/** A copy of `st` for `constraints` (same keys and selectors, in the same order) and `pod`. */
function copyState(st: PreFilterState, constraints: readonly InternalConstraint[], pod: PodInfo): PreFilterState {
  return {
    constraints: st.constraints.map((cs, i) => ({ constraint: constraints[i], domains: cs.domains.clone() })),
    namespace: st.namespace,
    pod: pod.pod,
    affinity: st.pod === pod.pod ? st.affinity : RequiredNodeAffinity.of(pod.pod),
  };
}

function masterFor(key: string, constraints: InternalConstraint[], pod: PodInfo, cluster: Cluster, env: SchedulerEnv): Master {
  const byKey = statesOf(masters, cluster, env);
  let m = byKey.get(key);
  if (m) {
    // Most recently used last: the oldest is dropped past MAX_KEYS (a long editing session meets many keys).
    byKey.delete(key);
    byKey.set(key, m);
  } else {
    // The parent as it was at the fork: only while it has not changed since (its log has not grown).
    const parentCluster = cluster.unchangedParent();
    if (parentCluster) {
      const parent = masterFor(key, constraints, pod, parentCluster, env);
      m = { generation: 0, state: copyState(parent.state, constraints, pod) };
    } else {
      m = { generation: cluster.changeLog.length, state: computePreFilterState(constraints, pod, cluster, env) };
    }
    byKey.set(key, m);
    if (byKey.size > MAX_KEYS) byKey.delete(byKey.keys().next().value!);
  }
  catchUp(m, cluster, env);
  return m;
}

/** The states kept per cluster and env in `table`, by key (made empty on first use). */
function statesOf(table: WeakMap<Cluster, WeakMap<SchedulerEnv, Map<string, Master>>>, cluster: Cluster, env: SchedulerEnv): Map<string, Master> {
  let byEnv = table.get(cluster);
  if (!byEnv) table.set(cluster, (byEnv = new WeakMap()));
  let byKey = byEnv.get(env);
  if (!byKey) byEnv.set(env, (byKey = new Map()));
  return byKey;
}

/** Brings a kept state up to date with the pods assumed and removed since (exact: updatePreFilterState). */
function catchUp(m: Master, cluster: Cluster, env: SchedulerEnv): void {
  for (let i = m.generation; i < cluster.changeLog.length; i++) {
    const ch = cluster.changeLog[i];
    updatePreFilterState(m.state, ch.pod, ch.node, ch.delta, env);
  }
  m.generation = cluster.changeLog.length;
}

/**
 * computePreFilterState(constraints, pod, cluster, env), from the state shared on this cluster (and its
 * fork parents) for the same key. The result is the caller's own: it may update it in place.
 */
export function sharedPreFilterState(constraints: InternalConstraint[], pod: PodInfo, cluster: Cluster, env: SchedulerEnv, key = preFilterStateKey(pod, constraints)): PreFilterState {
  return copyState(masterFor(key, constraints, pod, cluster, env).state, constraints, pod);
}

/** preFilterStateKey of [constraint] per constraint and pod object (both read-only once built). */
const singleKeys = new WeakMap<InternalConstraint, WeakMap<object, string>>();

/**
 * The matching pods per domain of one constraint for `pod` on the cluster as it is now (what
 * computePreFilterState([constraint], ...) counts: minDomains plays no part), read-only: the shared
 * state itself, not a copy. For a simulation's summary, read once per workload after the run.
 */
export function sharedDomainCounts(constraint: InternalConstraint, pod: PodInfo, cluster: Cluster, env: SchedulerEnv): ReadonlyMap<string, number> {
  let byPod = singleKeys.get(constraint);
  if (!byPod) singleKeys.set(constraint, (byPod = new WeakMap()));
  let key = byPod.get(pod.pod);
  if (key === undefined) byPod.set(pod.pod, (key = preFilterStateKey(pod, [constraint])));
  return masterFor(key, [constraint], pod, cluster, env).state.constraints[0].domains.counts;
}

/** Live filter states per cluster and env, by liveKey: the ones plugin instances read and update in place. */
const live = new WeakMap<Cluster, WeakMap<SchedulerEnv, Map<string, Master>>>();

/**
 * liveKey per constraints array and pod object: the plugin hands out the same converted array for the
 * same pod on every cycle (plugin.ts ownConstraints), and the key (JSON of the pod's eligibility) was
 * rebuilt on each one. Both inputs are read-only once built.
 */
const liveKeys = new WeakMap<readonly InternalConstraint[], WeakMap<object, string>>();

/** preFilterStateKey and every other field of the constraints (the Filter reads them off the state). */
function liveKey(pod: PodInfo, constraints: readonly InternalConstraint[]): string {
  let byPod = liveKeys.get(constraints);
  if (!byPod) liveKeys.set(constraints, (byPod = new WeakMap()));
  let key = byPod.get(pod.pod);
  if (key === undefined) {
    const rest = constraints.map((c) => [c.maxSkew, c.minDomains, c.whenUnsatisfiable, c.index, c.source]);
    byPod.set(pod.pod, (key = `${preFilterStateKey(pod, constraints)}\u0000${JSON.stringify(rest)}`));
  }
  return key;
}

/**
 * The PodTopologySpread filter state for the pod on the cluster as it is now, shared by every plugin
 * instance on the cluster with the same constraints and eligibility (a release's workloads of one
 * tier; the replicas of one workload, as each plugin's own state was before): it is updated in place
 * with the pods added and removed since it was last used, once for all of them, instead of once per
 * plugin instance. A state handed out is read by that cycle's Filter only (the next cycle of any
 * instance may update it).
 */
export function liveFilterState(constraints: InternalConstraint[], pod: PodInfo, cluster: Cluster, env: SchedulerEnv): PreFilterState {
  const byKey = statesOf(live, cluster, env);
  const key = liveKey(pod, constraints);
  let m = byKey.get(key);
  if (m && m.generation <= cluster.changeLog.length) {
    byKey.delete(key);
  } else {
    m = { generation: cluster.changeLog.length, state: sharedPreFilterState(constraints, pod, cluster, env) };
  }
  byKey.set(key, m);
  if (byKey.size > MAX_KEYS) byKey.delete(byKey.keys().next().value!);
  catchUp(m, cluster, env);
  m.state.pod = pod.pod;
  return m.state;
}
