// One scheduling cycle over the profile (§5.1): PreFilter, Filter on every node, then PreScore /
// Score / NormalizeScore over the feasible nodes, weighted totals and the tie set.
// Unlike the real scheduler every filter is evaluated on every node (so a user sees all reasons);
// the node's status is still the first failure in profile order, exactly as the scheduler reports it.

import type { Pod } from './api';
import { type Cluster, makePodInfo, type NodeInfo, type PodInfo } from './cluster';
import {
  type Code, CycleState, type Handle, MAX_NODE_SCORE, MIN_NODE_SCORE, type NodeScore, type Plugin, type Status,
} from './framework';
import { defaultProfile, PLUGIN_REGISTRY, type Profile } from './profile';

export interface FilterVerdict {
  plugin: string;
  code: Code;
  /** The scheduler's reason strings joined with ", " (absent for Success). */
  reason?: string;
  /** The same reasons, one per entry (a plugin may report several, e.g. each insufficient resource). */
  reasons?: string[];
  /** The plugin's PreFilter returned Skip: the framework never ran its Filter (it cannot reject). */
  skipped?: true;
}

export interface NodeEvaluation {
  name: string;
  feasible: boolean;
  /** Every filter plugin that ran for this pod, in profile order. */
  filters: FilterVerdict[];
  /** The status the scheduler reports for the node: its first non-success filter. */
  status: FilterVerdict | null;
  /** Normalized score per scoring plugin (feasible nodes, when scoring ran). */
  scores: Record<string, number> | null;
  totalScore: number | null;
}

export interface CycleResult {
  nodes: NodeEvaluation[];
  feasible: string[];
  /** Nodes with the highest total: the scheduler may pick any of them. Empty when nothing fits. */
  selected: string[];
  /** PreFilter rejection (Error or Unschedulable*): every node fails with it. */
  preFilterStatus?: { plugin: string; status: Status };
  /** The pod's spec.schedulerName is not this profile's: no scheduler attempts it (kube-spread has no profile of that name). */
  notHandled?: string;
  /** spec.schedulingGates present: the scheduler never attempts the pod. */
  gated?: string[];
  /** Why scoring did not run (one feasible node, or none). */
  scoringSkipped?: string;
  /** The scheduler's FitError text when nothing fits (without the preemption part). */
  fitError?: string;
  /**
   * A plugin returned Error (e.g. a selector the API server would have rejected): the scheduling
   * attempt fails as an error, not as unschedulable, and the pod is retried with backoff.
   */
  error?: string;
  /** Per-node first-failure reasons histogram (reason -> node count), as in FitError. */
  reasons: Record<string, number>;
  /** Plugins whose PreFilter / PreScore returned Skip. */
  skippedFilters: string[];
  skippedScores: string[];
  state: CycleState;
  pod: PodInfo;
}

/** What a simulation needs of a cycle: the tie set, and why nothing fits (exactly as CycleResult says it). */
export type FastCycle = Pick<CycleResult, 'selected' | 'reasons' | 'fitError' | 'error'>;

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

interface Instance {
  plugin: Plugin;
  weight: number;
  /** The profile runs its PreFilter/Filter (ProfilePlugin.filter). */
  filters: boolean;
}

export class Scheduler {
  readonly instances: Instance[];

  constructor(readonly handle: Handle, readonly profile: Profile = defaultProfile()) {
    this.instances = profile.plugins.map((p) => {
      const factory = PLUGIN_REGISTRY[p.name];
      if (!factory) throw new Error(`unknown plugin ${p.name}`);
      return { plugin: factory(handle, profile.pluginArgs[p.name]), weight: p.weight ?? 0, filters: p.filter !== false };
    });
  }

  private local?: NodeLocalCache;

  plugin(name: string): Plugin | undefined {
    return this.instances.find((i) => i.plugin.name === name)?.plugin;
  }

  schedule(podOrInfo: Pod | PodInfo): CycleResult {
    const pod = 'pod' in podOrInfo && 'requests' in podOrInfo ? podOrInfo : makePodInfo(podOrInfo as Pod);
    const cluster = this.handle.cluster;
    const state = new CycleState();
    const result: CycleResult = {
      nodes: [], feasible: [], selected: [], reasons: {}, skippedFilters: [], skippedScores: [], state, pod,
    };

    // responsibleForPod (pkg/scheduler/eventhandlers.go): a profile only takes pods whose
    // spec.schedulerName is its name (empty = "default-scheduler"); any other pod is never attempted.
    const wanted = pod.pod.spec?.schedulerName || 'default-scheduler';
    if (wanted !== this.profile.schedulerName) {
      const reason = `no scheduler profile named "${wanted}" (profile in use: "${this.profile.schedulerName}"): the pod stays Pending until a scheduler of that name picks it up`;
      result.notHandled = wanted;
      result.reasons[reason] = cluster.nodes.length;
      result.fitError = reason;
      for (const n of cluster.nodes) {
        const v: FilterVerdict = { plugin: 'SchedulerName', code: 'UnschedulableAndUnresolvable', reason, reasons: [reason] };
        result.nodes.push({ name: n.name, feasible: false, filters: [v], status: v, scores: null, totalScore: null });
      }
      return result;
    }

    const gates = (pod.pod.spec?.schedulingGates ?? []).map((g) => g?.name).filter(Boolean) as string[];
    if (gates.length > 0) {
      result.gated = gates;
      const reason = `waiting for scheduling gates: [${gates.join(' ')}]`;
      result.reasons[reason] = cluster.nodes.length;
      result.fitError = reason;
      for (const n of cluster.nodes) {
        const v: FilterVerdict = { plugin: 'SchedulingGates', code: 'UnschedulableAndUnresolvable', reason };
        result.nodes.push({ name: n.name, feasible: false, filters: [v], status: v, scores: null, totalScore: null });
      }
      return result;
    }

    // PreFilter. Plugins may narrow the candidate nodes; the narrowing plugins are named in the
    // status of every node left out (RunPreFilterPlugins / findNodesThatFitPod).
    const active: Plugin[] = [];
    let candidates: Set<string> | undefined;
    const narrowedBy: string[] = [];
    for (const { plugin, filters } of this.instances) {
      if (!plugin.filter || !filters) continue;
      const s = plugin.preFilter ? plugin.preFilter(state, pod) : { code: 'Success' as Code, reasons: [] };
      if (s.code === 'Skip') {
        result.skippedFilters.push(plugin.name);
        continue;
      }
      if (s.code !== 'Success') {
        result.preFilterStatus = { plugin: plugin.name, status: s };
        break;
      }
      active.push(plugin);
      if (s.nodeNames) {
        narrowedBy.push(plugin.name);
        candidates = candidates ? new Set([...candidates].filter((n) => s.nodeNames!.has(n))) : new Set(s.nodeNames);
        if (candidates.size === 0) {
          const msg = narrowedBy.length === 1
            ? `node(s) didn't satisfy plugin ${narrowedBy[0]}`
            : `node(s) didn't satisfy plugin(s) [${narrowedBy.join(' ')}] simultaneously`;
          result.preFilterStatus = { plugin: plugin.name, status: { code: 'Unschedulable', reasons: [msg] } };
          break;
        }
      }
    }
    const leftOut: FilterVerdict = {
      plugin: narrowedBy.join(','),
      code: 'UnschedulableAndUnresolvable',
      reason: `node(s) didn't satisfy plugin(s) [${[...narrowedBy].sort(byteOrder).join(' ')}]`,
    };
    leftOut.reasons = [leftOut.reason!];

    // Filter
    const feasibleNodes: NodeInfo[] = [];
    for (const n of cluster.nodes) {
      let filters: FilterVerdict[];
      if (result.preFilterStatus) {
        const { plugin, status } = result.preFilterStatus;
        filters = [toVerdict(plugin, status)];
      } else if (candidates && !candidates.has(n.name)) {
        filters = [leftOut];
      } else {
        // Every filter plugin in profile order; those that skipped are shown as passing, marked skipped.
        filters = this.instances
          .filter(({ plugin }) => plugin.filter && (active.includes(plugin) || result.skippedFilters.includes(plugin.name)))
          .map(({ plugin }) => (active.includes(plugin) ? toVerdict(plugin.name, plugin.filter!(state, pod, n)) : { plugin: plugin.name, code: 'Success' as Code, skipped: true as const }));
      }
      const status = filters.find((f) => f.code !== 'Success') ?? null;
      result.nodes.push({ name: n.name, feasible: !status, filters, status, scores: null, totalScore: null });
      if (!status) feasibleNodes.push(n);
    }
    result.feasible = feasibleNodes.map((n) => n.name);

    if (feasibleNodes.length === 0) {
      result.fitError = fitErrorMessage(result, cluster.nodes.length);
      return result;
    }
    if (feasibleNodes.length === 1) {
      result.selected = [feasibleNodes[0].name];
      result.scoringSkipped = 'only one feasible node: the scheduler binds it without scoring';
      return result;
    }

    // Score
    const totals = new Map<string, number>(feasibleNodes.map((n) => [n.name, 0]));
    const perNode = new Map<string, Record<string, number>>(feasibleNodes.map((n) => [n.name, {}]));
    for (const { plugin, weight } of this.instances) {
      if (!plugin.score || weight <= 0) continue;
      const s = plugin.preScore ? plugin.preScore(state, pod, feasibleNodes) : { code: 'Success' as Code, reasons: [] };
      if (s.code === 'Skip') {
        result.skippedScores.push(plugin.name);
        continue;
      }
      if (s.code !== 'Success') {
        result.error = `running PreScore plugin "${plugin.name}": ${s.reasons.join(', ')}`;
        result.fitError = result.error;
        result.selected = [];
        return result;
      }
      const list: NodeScore[] = feasibleNodes.map((n) => ({ name: n.name, score: plugin.score!(state, pod, n) }));
      plugin.normalizeScore?.(state, pod, list);
      for (const { name, score } of list) {
        if (score < MIN_NODE_SCORE || score > MAX_NODE_SCORE || !Number.isFinite(score)) {
          result.error = `plugin "${plugin.name}" returns an invalid score ${score}, it should in the range of [0, 100] after normalizing`;
          result.fitError = result.error;
          result.selected = [];
          return result;
        }
        perNode.get(name)![plugin.name] = score;
        totals.set(name, totals.get(name)! + score * weight);
      }
    }
    let best = -Infinity;
    for (const ev of result.nodes) {
      if (!ev.feasible) continue;
      ev.scores = perNode.get(ev.name)!;
      ev.totalScore = totals.get(ev.name)!;
      best = Math.max(best, ev.totalScore);
    }
    result.selected = result.nodes.filter((ev) => ev.feasible && ev.totalScore === best).map((ev) => ev.name);
    return result;
  }
  /**
   * The same cycle without the explain detail, for simulation: a node stops at its first failing
   * filter (as the real scheduler does), no verdict objects are built, node-local plugin results
   * (NODE_LOCAL_PLUGINS) are reused from the previous cycle of the same pod spec on every node no
   * pod joined or left since. Same tie set, same reasons histogram and messages as schedule().
   * Falls back to schedule() for the rare cycles it does not model (gates, other scheduler names,
   * PreFilter rejections or node narrowing).
   */
  scheduleFast(podOrInfo: Pod | PodInfo): FastCycle {
    const pod = 'pod' in podOrInfo && 'requests' in podOrInfo ? podOrInfo : makePodInfo(podOrInfo as Pod);
    const cluster = this.handle.cluster;
    const wanted = pod.pod.spec?.schedulerName || 'default-scheduler';
    if (wanted !== this.profile.schedulerName || (pod.pod.spec?.schedulingGates ?? []).length > 0) return this.schedule(pod);
    // Totals are summed in another order than schedule() does: exact only with integer weights.
    if (!this.instances.every((i) => Number.isInteger(i.weight))) return this.schedule(pod);

    const state = new CycleState();
    const active: Plugin[] = [];
    for (const { plugin, filters } of this.instances) {
      if (!plugin.filter || !filters) continue;
      const s = plugin.preFilter ? plugin.preFilter(state, pod) : SUCCESS_STATUS;
      if (s.code === 'Skip') continue;
      if (s.code !== 'Success' || s.nodeNames) return this.schedule(pod);
      active.push(plugin);
    }

    const key = JSON.stringify([pod.namespace, pod.pod.spec ?? null]);
    let cache = this.local;
    if (!cache || cache.cluster !== cluster || cache.key !== key || cache.generation > cluster.changeLog.length) {
      cache = this.local = newNodeLocalCache(cluster, key);
    }
    for (let i = cache.generation; i < cluster.changeLog.length; i++) {
      const at = cluster.indexOf(cluster.changeLog[i].node);
      if (at < 0) continue;
      cache.known[at] = 0;
      cache.staticKnown[at] = 0;
      for (const raw of cache.raw) if (raw) raw[at] = NaN;
    }
    cache.generation = cluster.changeLog.length;

    // Filter and score are separate methods so that each is optimized (and re-optimized) on its own.
    const { feasibleNodes, failed } = this.fastFilter(cache, state, pod, active);
    if (feasibleNodes.length === 0) {
      const reasons: Record<string, number> = {};
      for (const status of failed) for (const r of status.reasons) reasons[r] = (reasons[r] ?? 0) + 1;
      const head = `0/${cluster.nodes.length} nodes are available:`;
      const parts = Object.entries(reasons).map(([r, c]) => `${c} ${r}`).sort(byteOrder);
      return { selected: [], reasons, fitError: parts.length ? `${head} ${parts.join(', ')}.` : head };
    }
    if (feasibleNodes.length === 1) return { selected: [feasibleNodes[0].name], reasons: {} };
    // undefined: a plugin failed or gave a score the fast path does not take; the full cycle reports it exactly.
    return this.fastScore(cache, state, pod, feasibleNodes) ?? this.schedule(pod);
  }

  /**
   * scheduleFast's Filter over every node: the feasible nodes (their positions in cache.feasibleAt) and,
   * while none is feasible, each node's status in node order (the reasons histogram is only needed
   * when no node fits; counted afterwards it has the same counts and key order).
   */
  private fastFilter(cache: NodeLocalCache, state: CycleState, pod: PodInfo, active: Plugin[]): { feasibleNodes: NodeInfo[]; failed: Status[] } {
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
   * scheduleFast's PreScore / Score / NormalizeScore over the feasible nodes (>= 2) and the tie set;
   * undefined when a PreScore fails or a score is out of range or not an integer.
   */
  private fastScore(cache: NodeLocalCache, state: CycleState, pod: PodInfo, feasibleNodes: NodeInfo[]): FastCycle | undefined {
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

const SUCCESS_STATUS: Status = { code: 'Success', reasons: [] };

function toVerdict(plugin: string, s: Status): FilterVerdict {
  return s.code === 'Success' ? { plugin, code: 'Success' } : { plugin, code: s.code, reason: s.reasons.join(', '), reasons: [...s.reasons] };
}

/**
 * FitError.Error(): "0/N nodes are available: <histogram>." where the histogram counts each node's
 * first-failure reasons, formatted "<count> <reason>" and sorted as plain strings. After a PreFilter
 * rejection only that plugin's message is shown. Preemption is not modelled, so its text is absent.
 */
function fitErrorMessage(result: CycleResult, numNodes: number): string {
  const head = `0/${numNodes} nodes are available:`;
  for (const ev of result.nodes) for (const r of ev.status?.reasons ?? []) result.reasons[r] = (result.reasons[r] ?? 0) + 1;
  if (result.preFilterStatus?.status.code === 'Error') {
    result.error = `running PreFilter plugin "${result.preFilterStatus.plugin}": ${result.preFilterStatus.status.reasons.join(', ')}`;
    return result.error;
  }
  if (result.preFilterStatus) return `${head} ${result.preFilterStatus.status.reasons.join(', ')}.`;
  const parts = Object.entries(result.reasons).map(([r, n]) => `${n} ${r}`).sort(byteOrder);
  return parts.length ? `${head} ${parts.join(', ')}.` : head;
}

/** Go's sort.Strings: byte order, not locale order. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
