// The scheduling cycle of a simulation (Scheduler.scheduleFast): the same decision as the full cycle
// (scheduler.ts) without the explain detail, and with node-local plugin results cached per node
// between cycles of one pod spec. This is the simulator's hot path: property tests keep it equal to
// the full cycle (test/unit/engine/fast-cycle-properties.test.ts, fast-paths-properties.test.ts).

import type { Cluster, NodeInfo, PodInfo } from './cluster';
import type { FastCycle, PluginInstance } from './cycleTypes';
import { fitErrorText } from './fitError';
import { CycleState, type Handle, MAX_NODE_SCORE, MIN_NODE_SCORE, type NodeScore, type Plugin, type Status } from './framework';
import type { Profile } from './profile';

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
interface NodeLocalCache {
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
  /** Per scoring slot (node-local plugins only): raw score by node position, NaN until the node is scored. */
  raw: Float64Array[];
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
  /** Node names by position (read without touching each NodeInfo). */
  names: string[];
}

function newNodeLocalCache(cluster: Cluster, key: string): NodeLocalCache {
  const n = cluster.nodes.length;
  return {
    cluster, key, generation: cluster.changeLog.length,
    known: new Uint8Array(n), failAt: new Int32Array(n), status: new Array<Status | null>(n).fill(null), raw: [],
    staticSum: new Float64Array(n), staticKnown: new Uint8Array(n),
    pools: [], lists: [], feasibleAt: new Int32Array(n), totals: new Float64Array(n), names: cluster.nodes.map((node) => node.name),
  };
}

const SUCCESS_STATUS: Status = { code: 'Success', reasons: [] };

const specKeys = new WeakMap<object, string>();
/**
 * The node-local cache's key: what node-local plugins read of the pod, i.e. its spec without the parts
 * only other plugins read (topologySpreadConstraints: PodTopologySpread; pod (anti-)affinity:
 * InterPodAffinity), and the namespace. Memoized per spec object: pods are not changed once built.
 * Workloads that differ only in labels and spread constraints (most of a file's Deployments) share
 * their node-local results: the first cycle of each on a 5,000-node cluster computed every node's
 * filters and scores again (bench/README.md "Issue 18, fifth pass").
 */
function podKey(pod: PodInfo): string {
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
function sharedCache(cluster: Cluster, profile: Profile, env: Handle['env'], key: string): NodeLocalCache {
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
    known: src.known.slice(), failAt: src.failAt.slice(), status: src.status.slice(), raw: src.raw.map((r) => r?.slice()),
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
function shareWithParent(cache: NodeLocalCache, profile: Profile, env: Handle['env']): void {
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
function invalidate(cache: NodeLocalCache, at: number): void {
  if (at < 0) return;
  cache.known[at] = 0;
  cache.staticKnown[at] = 0;
  for (const raw of cache.raw) if (raw) raw[at] = NaN;
}

/** Runs simulation cycles for one Scheduler (its handle, profile and plugin instances), keeping the node-local cache. */
export class FastCycleRunner {
  private local?: NodeLocalCache;

  constructor(private readonly handle: Handle, private readonly profile: Profile, private readonly instances: readonly PluginInstance[]) {}

  /**
   * A node stops at its first failing filter (as the real scheduler does), no verdict objects are
   * built, node-local plugin results (NODE_LOCAL_PLUGINS) are reused from the previous cycle of the
   * same pod spec on every node no pod joined or left since. Same tie set, same reasons histogram and
   * messages as the full cycle. undefined for the rare cycles it does not model (gates, other
   * scheduler names, PreFilter rejections or node narrowing, non-integer weights, a PreScore failure,
   * a score out of range or not an integer): the caller runs the full cycle, which reports them exactly.
   */
  run(pod: PodInfo): FastCycle | undefined {
    const cluster = this.handle.cluster;
    const wanted = pod.pod.spec?.schedulerName || 'default-scheduler';
    if (wanted !== this.profile.schedulerName || (pod.pod.spec?.schedulingGates ?? []).length > 0) return undefined;
    // Totals are summed in another order than the full cycle does: exact only with integer weights.
    if (!this.instances.every((i) => Number.isInteger(i.weight))) return undefined;

    const state = new CycleState();
    const active: Plugin[] = [];
    for (const { plugin, filters } of this.instances) {
      if (!plugin.filter || !filters) continue;
      const s = plugin.preFilter ? plugin.preFilter(state, pod) : SUCCESS_STATUS;
      if (s.code === 'Skip') continue;
      if (s.code !== 'Success' || s.nodeNames) return undefined;
      active.push(plugin);
    }

    // The filters that run decide what a cached `failAt` position means: part of the key.
    let key = podKey(pod);
    for (const p of active) key += `\u0001${p.name}`;
    let cache = this.local;
    if (!cache || cache.cluster !== cluster || cache.key !== key || cache.generation > cluster.changeLog.length) {
      cache = this.local = sharedCache(cluster, this.profile, this.handle.env, key);
    }
    for (let i = cache.generation; i < cluster.changeLog.length; i++) invalidate(cache, cluster.indexOf(cluster.changeLog[i].node));
    cache.generation = cluster.changeLog.length;

    const result = this.decide(cache, state, pod, active);
    if (cluster.forkedFrom && cluster.changeLog.length === 0) shareWithParent(cache, this.profile, this.handle.env);
    return result;
  }

  private decide(cache: NodeLocalCache, state: CycleState, pod: PodInfo, active: Plugin[]): FastCycle | undefined {
    // Filter and score are separate methods so that each is optimized (and re-optimized) on its own.
    const { feasibleNodes, failed } = this.filter(cache, state, pod, active);
    if (feasibleNodes.length === 0) {
      const reasons: Record<string, number> = {};
      for (const status of failed) for (const r of status.reasons) reasons[r] = (reasons[r] ?? 0) + 1;
      return { selected: [], reasons, fitError: fitErrorText(cache.cluster.nodes.length, reasons) };
    }
    if (feasibleNodes.length === 1) return { selected: [feasibleNodes[0].name], reasons: {} };
    // undefined: a plugin failed or gave a score the fast path does not take; the full cycle reports it exactly.
    return this.score(cache, state, pod, feasibleNodes);
  }

  /**
   * Filter over every node: the feasible nodes (their positions in cache.feasibleAt) and, while none
   * is feasible, each node's status in node order (the reasons histogram is only needed when no node
   * fits; counted afterwards it has the same counts and key order).
   */
  private filter(cache: NodeLocalCache, state: CycleState, pod: PodInfo, active: Plugin[]): { feasibleNodes: NodeInfo[]; failed: Status[] } {
    const nodes = cache.cluster.nodes;
    const { known, failAt, status: localStatus, feasibleAt } = cache;
    const isLocal = active.map((p) => NODE_LOCAL_PLUGINS.has(p.name));
    const others = active.map((_, i) => i).filter((i) => !isLocal[i]);
    // The other filters run on every node of every cycle: bound to the cycle once where the plugin can.
    const otherFilters = others.map((i) => {
      const plugin = active[i];
      return plugin.bindFilter?.(state, pod) ?? ((_at: number, node: NodeInfo) => plugin.filter!(state, pod, node));
    });
    const feasibleNodes: NodeInfo[] = [];
    const failed: Status[] = [];
    for (let at = 0; at < nodes.length; at++) {
      const n = nodes[at];
      if (!known[at]) {
        failAt[at] = active.length;
        localStatus[at] = null;
        for (let i = 0; i < active.length; i++) {
          if (!isLocal[i]) continue;
          const s = active[i].filter!(state, pod, n);
          if (s.code !== 'Success') {
            failAt[at] = i;
            localStatus[at] = s;
            break;
          }
        }
        known[at] = 1;
      }
      let status = localStatus[at];
      const localFail = failAt[at];
      for (let j = 0; j < others.length; j++) {
        if (others[j] > localFail) break;
        const s = otherFilters[j](at, n);
        if (s.code !== 'Success') {
          status = s;
          break;
        }
      }
      if (status) {
        if (feasibleNodes.length === 0) failed.push(status);
      } else {
        feasibleAt[feasibleNodes.length] = at;
        feasibleNodes.push(n);
      }
    }
    return { feasibleNodes, failed };
  }

  /**
   * PreScore / Score / NormalizeScore over the feasible nodes (>= 2) and the tie set; undefined when
   * a PreScore fails or a score is out of range or not an integer.
   */
  private score(cache: NodeLocalCache, state: CycleState, pod: PodInfo, feasibleNodes: NodeInfo[]): FastCycle | undefined {
    const { feasibleAt, names } = cache;
    const n = cache.cluster.nodes.length;
    const count = feasibleNodes.length;
    const totals = cache.totals.fill(0, 0, count);
    // Node-local plugins without NormalizeScore: their weighted score is fixed per node until a pod
    // joins it, so it is summed once per node (staticSum) and added after the loop. Scores are
    // integers, so the order of the additions does not change any total.
    const statics: { plugin: Plugin; weight: number; raw: Float64Array }[] = [];
    const staticSlots: number[] = [];
    let slot = -1;
    for (const { plugin, weight } of this.instances) {
      if (!plugin.score || weight <= 0) continue;
      slot++;
      const s = plugin.preScore ? plugin.preScore(state, pod, feasibleNodes) : SUCCESS_STATUS;
      if (s.code === 'Skip') continue;
      // Errors are rare: the full cycle reports them exactly (which plugin first, which message).
      if (s.code !== 'Success') return undefined;
      const raw = NODE_LOCAL_PLUGINS.has(plugin.name) ? (cache.raw[slot] ??= new Float64Array(n).fill(NaN)) : undefined;
      if (raw && !plugin.normalizeScore) {
        statics.push({ plugin, weight, raw });
        staticSlots.push(slot);
        continue;
      }
      if (raw && plugin.normalizesUniformly) {
        // Equal raw scores on every feasible node (e.g. TaintToleration when no node has a
        // PreferNoSchedule taint): one normalized score for all, learnt from a one-node list.
        const first = rawScore(raw, feasibleAt[0], plugin, state, pod, feasibleNodes[0]);
        let uniform = true;
        for (let k = 1; k < count && uniform; k++) uniform = rawScore(raw, feasibleAt[k], plugin, state, pod, feasibleNodes[k]) === first;
        if (uniform) {
          const one: NodeScore[] = [{ name: feasibleNodes[0].name, score: first }];
          plugin.normalizeScore!(state, pod, one);
          const score = one[0].score;
          if (score < MIN_NODE_SCORE || score > MAX_NODE_SCORE || !Number.isInteger(score)) return undefined;
          for (let k = 0; k < count; k++) totals[k] += score * weight;
          continue;
        }
      }
      // The list handed to NormalizeScore is rebuilt from pooled NodeScore objects: the feasible set
      // grows and shrinks between cycles, and the pool never shrinks, so no cycle allocates them anew.
      const pool = (cache.pools[slot] ??= []);
      const list = (cache.lists[slot] ??= []);
      list.length = count;
      const scoreAt = raw ? undefined : plugin.bindScore?.(state, pod);
      for (let k = 0; k < count; k++) {
        const at = feasibleAt[k];
        const score = raw
          ? rawScore(raw, at, plugin, state, pod, feasibleNodes[k])
          : scoreAt ? scoreAt(at, feasibleNodes[k]) : plugin.score(state, pod, feasibleNodes[k]);
        let item = pool[k];
        if (item) {
          item.name = names[at];
          item.score = score;
        } else {
          pool[k] = item = { name: names[at], score };
        }
        list[k] = item;
      }
      plugin.normalizeScore?.(state, pod, list);
      for (let k = 0; k < count; k++) {
        const score = list[k].score;
        // Out of range (an error) or not an integer (the static sums below assume integers): full cycle.
        if (score < MIN_NODE_SCORE || score > MAX_NODE_SCORE || !Number.isInteger(score)) return undefined;
        totals[k] += score * weight;
      }
    }
    if (statics.length) {
      const slots = staticSlots.join(',');
      if (cache.staticSlots !== slots) {
        cache.staticKnown.fill(0);
        cache.staticSlots = slots;
      }
      const { staticSum, staticKnown } = cache;
      for (let k = 0; k < count; k++) {
        const at = feasibleAt[k];
        if (!staticKnown[at]) {
          let sum = 0;
          for (const { plugin, weight, raw } of statics) {
            const score = rawScore(raw, at, plugin, state, pod, feasibleNodes[k]);
            if (!Number.isInteger(score) || score < MIN_NODE_SCORE || score > MAX_NODE_SCORE) sum = NaN;
            sum += score * weight;
          }
          staticSum[at] = sum;
          staticKnown[at] = 1;
        }
        // An invalid score: let the full cycle report it exactly (which plugin, which order).
        if (Number.isNaN(staticSum[at])) return undefined;
        totals[k] += staticSum[at];
      }
    }
    let best = -Infinity;
    for (let k = 0; k < count; k++) if (totals[k] > best) best = totals[k];
    const selected: string[] = [];
    for (let k = 0; k < count; k++) if (totals[k] === best) selected.push(names[feasibleAt[k]]);
    return { selected, reasons: {} };
  }
}

/**
 * A node-local plugin's raw score on the node at `at`, computed on first use and kept in `raw`
 * (NaN: not computed yet; a plugin that returns NaN, or anything but a number, is simply asked again).
 */
function rawScore(raw: Float64Array, at: number, plugin: Plugin, state: CycleState, pod: PodInfo, node: NodeInfo): number {
  const v = raw[at];
  if (!Number.isNaN(v)) return v;
  const score = plugin.score!(state, pod, node);
  if (typeof score === 'number') raw[at] = score;
  return score;
}
