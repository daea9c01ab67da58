// The fast cycle's node-local cache: what node-local plugins decided and scored on each node for one
// pod spec, kept between cycles and dropped per node when a pod joins or leaves it; shared by the
// Schedulers of one cluster, and handed from a cluster to its forks.

import type { Cluster, LabelColumn, PodInfo } from '../cluster';
import type { Handle, NodeScore, Status } from '../framework';
import type { Profile } from '../profile';
import type { LocalPassByDomain } from './localPassByDomain';
import { RawScores } from './rawScores';

/**
 * Plugins whose filter verdict and raw score depend only on the pod and on the node (its labels,
 * taints, images, allocatable and its own pods). Between two cycles of the same pod spec their result
 * on a node changes only when a pod was assumed onto or removed from that node.
 */
export const NODE_LOCAL_PLUGINS: ReadonlySet<string> = new Set([
  'NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit',
  'NodeResourcesBalancedAllocation', 'ImageLocality',
]);

/**
 * Node-local results of one pod spec on one cluster, by node position (cluster.nodes), kept between
 * cycles: a node's results are dropped when a pod joins or leaves it. Arrays by position rather than
 * an object per node: the fast cycle reads them on every node of every cycle.
 */
export interface NodeLocalCache {
  cluster: Cluster;
  /** The pod spec and namespace the entries were computed for. */
  key: string;
  /** cluster.changeLog position the entries reflect. */
  generation: number;
  /** 1 when failAt/status hold the node's node-local filter verdict. */
  known: Uint8Array;
  /** Position (in the cycle's active filter list) of the first failing node-local filter; the list's length if none fails. */
  failAt: Int32Array;
  status: (Status | null)[];
  /** Per scoring slot (node-local plugins only): raw scores by node position. */
  raw: (RawScores | undefined)[];
  /** Positions dropped (a pod joined or left the node) since the last cycle: filtered again, and scored again where a plugin must know every node. */
  dirty: number[];
  /** Whether every position outside `dirty` has its node-local filter verdict (`known`). */
  allKnown: boolean;
  /** The nodes passing every node-local filter, by domain of the label columns that filterByDomain used. */
  byColumn: Map<LabelColumn, LocalPassByDomain>;
  /**
   * Sum of weight x score over the node-local plugins without NormalizeScore (their score is the raw
   * score), for staticSlots, by node position (when staticKnown); NaN when one of them is not an
   * integer in [0, 100].
   */
  staticSum: Float64Array;
  staticKnown: Uint8Array;
  /** The scoring slots summed into staticSum (same for every cycle of one pod spec). */
  staticSlots?: string;
  /** Reused NodeScore objects, one pool per scoring slot (never shrunk). */
  pools: NodeScore[][];
  /** Reused lists of pooled NodeScores handed to NormalizeScore, one per scoring slot. */
  lists: NodeScore[][];
  /** Reused: positions of the cycle's feasible nodes. */
  feasibleAt: Int32Array;
  /** Reused: weighted score totals of the feasible nodes (the first `count` entries). */
  totals: Float64Array;
  /** Reused: one plugin's scores of the feasible nodes while they are normalized (made on first use). */
  scratch?: Float64Array;
  /** Node names by position (read without touching each NodeInfo). */
  names: string[];
}

function newNodeLocalCache(cluster: Cluster, key: string): NodeLocalCache {
  const n = cluster.nodes.length;
  return {
    cluster, key, generation: cluster.changeLog.length,
    known: new Uint8Array(n), failAt: new Int32Array(n), status: new Array<Status | null>(n).fill(null), raw: [], dirty: [], allKnown: false, byColumn: new Map(),
    staticSum: new Float64Array(n), staticKnown: new Uint8Array(n),
    pools: [], lists: [], feasibleAt: new Int32Array(n), totals: new Float64Array(n), names: cluster.nodes.map((node) => node.name),
  };
}

const specKeys = new WeakMap<object, string>();
/**
 * The node-local cache's key: what node-local plugins read of the pod, i.e. its spec without the parts
 * only other plugins read (topologySpreadConstraints: PodTopologySpread; pod (anti-)affinity:
 * InterPodAffinity), and the namespace. Memoized per spec object: pods are not changed once built.
 * Workloads that differ only in labels and spread constraints (most of a file's Deployments) share
 * their node-local results: the first cycle of each on a 5,000-node cluster computed every node's
 * filters and scores again (bench/README.md "Issue 18, fifth pass").
 */
export function podKey(pod: PodInfo): string {
  const spec = pod.pod.spec;
  if (!spec) return JSON.stringify([pod.namespace, null]);
  let k = specKeys.get(spec);
  if (k === undefined) {
    const { topologySpreadConstraints: _spread, affinity, ...rest } = spec;
    specKeys.set(spec, (k = JSON.stringify([rest, affinity?.nodeAffinity ?? null])));
  }
  return `${pod.namespace}\u0000${k}`;
}

/** Node-local caches kept per cluster, profile and env, by pod key (a long-lived cluster meets many pod specs). */
const MAX_SHARED = 64;
const shared = new WeakMap<Cluster, WeakMap<Profile, WeakMap<Handle['env'], Map<string, NodeLocalCache>>>>();

/**
 * The node-local cache of a pod spec on a cluster, shared by every Scheduler of the same profile and
 * env on it: a release runs one Scheduler per workload, and workloads with the same pod spec (or the
 * replicas of a member scheduled by another Scheduler) would otherwise compute every node's node-local
 * results again. Plugins are built from the profile, so the same profile gives the same results; each
 * user brings the cache up to date from the changeLog before reading it, as a runner's own cache.
 */
export function sharedCache(cluster: Cluster, profile: Profile, env: Handle['env'], key: string): NodeLocalCache {
  const byKey = cachesOf(cluster, profile, env);
  let cache = byKey.get(key);
  if (cache && cache.generation <= cluster.changeLog.length) {
    byKey.delete(key);
  } else {
    cache = inheritedCache(cluster, profile, env, key) ?? newNodeLocalCache(cluster, key);
  }
  remember(byKey, key, cache);
  return cache;
}

/** The caches of a cluster, profile and env, by pod key (made empty on first use). */
function cachesOf(cluster: Cluster, profile: Profile, env: Handle['env']): Map<string, NodeLocalCache> {
  let byProfile = shared.get(cluster);
  if (!byProfile) shared.set(cluster, (byProfile = new WeakMap()));
  let byEnv = byProfile.get(profile);
  if (!byEnv) byProfile.set(profile, (byEnv = new WeakMap()));
  let byKey = byEnv.get(env);
  if (!byKey) byEnv.set(env, (byKey = new Map()));
  return byKey;
}

function remember(byKey: Map<string, NodeLocalCache>, key: string, cache: NodeLocalCache): void {
  byKey.set(key, cache);
  if (byKey.size > MAX_SHARED) byKey.delete(byKey.keys().next().value!);
}

/** A copy of `src` for `cluster` (same nodes in the same order), its entries as they are; scratch space new. */
function copyCache(src: NodeLocalCache, cluster: Cluster, generation: number): NodeLocalCache {
  const n = src.known.length;
  return {
    cluster, key: src.key, generation,
    known: src.known.slice(), failAt: src.failAt.slice(), status: src.status.slice(), raw: src.raw.map((r) => r && new RawScores(n, r)), dirty: [], allKnown: src.allKnown, byColumn: new Map(),
    staticSum: src.staticSum.slice(), staticKnown: src.staticKnown.slice(), staticSlots: src.staticSlots,
    pools: [], lists: [], feasibleAt: new Int32Array(n), totals: new Float64Array(n), names: src.names,
  };
}

/**
 * A fork's first cache for a pod spec: a copy of its parent's, brought up to date with the parent's
 * changes (the fork holds the parent's pods as they are now: Cluster.unchangedParent). Analysis forks the
 * fixture's snapshot for every simulation and every edit, and the first cycle on each fork computed
 * every node's node-local results again (5,000 nodes: most of a keystroke). The parent gets its
 * cache from a fork's first cycle (shareWithParent), as no simulation runs on the snapshot itself.
 */
function inheritedCache(cluster: Cluster, profile: Profile, env: Handle['env'], key: string): NodeLocalCache | undefined {
  const parent = cluster.unchangedParent();
  const src = parent && shared.get(parent)?.get(profile)?.get(env)?.get(key);
  if (!parent || !src || src.generation > parent.changeLog.length || src.known.length !== cluster.nodes.length) return undefined;
  const copy = copyCache(src, cluster, 0);
  for (let i = src.generation; i < parent.changeLog.length; i++) invalidate(copy, parent.indexOf(parent.changeLog[i].node));
  return copy;
}

/**
 * After a cycle on a fork that has not changed (its cache then holds the parent's results too): a copy
 * for the parent, when it has none up to date, for the next forks of it (inheritedCache).
 */
export function shareWithParent(cache: NodeLocalCache, profile: Profile, env: Handle['env']): void {
  const cluster = cache.cluster;
  if (cluster.changeLog.length !== 0) return;
  const parent = cluster.unchangedParent();
  if (!parent || parent.nodes.length !== cluster.nodes.length) return;
  const byKey = cachesOf(parent, profile, env);
  const have = byKey.get(cache.key);
  if (have && have.generation === parent.changeLog.length && !hasGaps(have, cache)) return;
  remember(byKey, cache.key, copyCache(cache, parent, parent.changeLog.length));
}

/** Whether `cache` knows node results that `have` does not (a later cycle filled more: share it again). */
function hasGaps(have: NodeLocalCache, cache: NodeLocalCache): boolean {
  for (let at = 0; at < cache.known.length; at++) if (cache.known[at] && !have.known[at]) return true;
  return cache.raw.some((r, slot) => r && !have.raw[slot]);
}

/** Drops a node's node-local results (a pod joined or left it). */
export function invalidate(cache: NodeLocalCache, at: number): void {
  if (at < 0) return;
  cache.known[at] = 0;
  cache.staticKnown[at] = 0;
  for (const raw of cache.raw) raw?.drop(at);
  cache.dirty.push(at);
}
