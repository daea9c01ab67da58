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

/** Cached node-local results for one node: the first failing node-local filter, and raw scores. */
interface NodeLocalEntry {
  /** Position (in the cycle's active filter list) of the first failing node-local filter; the list's length if none fails. */
  failAt: number;
  status: Status | null;
  /** Raw score per scoring slot (node-local plugins only), filled when the node is first scored. */
  raw: (number | undefined)[];
  /**
   * Sum of weight x score over the node-local plugins without NormalizeScore (their score is the raw
   * score), for the cache's staticSlots; NaN when one of them is not an integer in [0, 100].
   */
  staticSum?: number;
}

interface NodeLocalCache {
  cluster: Cluster;
  /** The pod spec and namespace the entries were computed for. */
  key: string;
  /** cluster.changeLog position the entries reflect. */
  generation: number;
  /** By position in cluster.nodes (undefined: not computed, or a pod joined/left the node since). */
  entries: (NodeLocalEntry | undefined)[];
  /** Position of each node in cluster.nodes. */
  index: Map<NodeInfo, number>;
  /** Reused NodeScore lists, one per scoring slot. */
  pools: NodeScore[][];
  /** The scoring slots summed into NodeLocalEntry.staticSum (same for every cycle of one pod spec). */
  staticSlots?: string;
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
      const index = cache && cache.cluster === cluster ? cache.index : new Map(cluster.nodes.map((n, i) => [n, i]));
      cache = this.local = { cluster, key, generation: cluster.changeLog.length, entries: [], index, pools: [] };
    }
    for (let i = cache.generation; i < cluster.changeLog.length; i++) {
      const at = cache.index.get(cluster.changeLog[i].node);
      if (at !== undefined) cache.entries[at] = undefined;
    }
    cache.generation = cluster.changeLog.length;
    const entries = cache.entries;

    const isLocal = active.map((p) => NODE_LOCAL_PLUGINS.has(p.name));
    const others = active.map((_, i) => i).filter((i) => !isLocal[i]);
    const reasons: Record<string, number> = {};
    const feasibleNodes: NodeInfo[] = [];
    const feasibleEntries: NodeLocalEntry[] = [];
    for (let at = 0; at < cluster.nodes.length; at++) {
      const n = cluster.nodes[at];
      let e = entries[at];
      if (!e) {
        e = { failAt: active.length, status: null, raw: [] };
        for (let i = 0; i < active.length; i++) {
          if (!isLocal[i]) continue;
          const s = active[i].filter!(state, pod, n);
          if (s.code !== 'Success') {
            e.failAt = i;
            e.status = s;
            break;
          }
        }
        entries[at] = e;
      }
      let status = e.status;
      for (const i of others) {
        if (i > e.failAt) break;
        const s = active[i].filter!(state, pod, n);
        if (s.code !== 'Success') {
          status = s;
          break;
        }
      }
      if (status) {
        for (const r of status.reasons) reasons[r] = (reasons[r] ?? 0) + 1;
      } else {
        feasibleNodes.push(n);
        feasibleEntries.push(e);
      }
    }

    if (feasibleNodes.length === 0) {
      const head = `0/${cluster.nodes.length} nodes are available:`;
      const parts = Object.entries(reasons).map(([r, c]) => `${c} ${r}`).sort(byteOrder);
      return { selected: [], reasons, fitError: parts.length ? `${head} ${parts.join(', ')}.` : head };
    }
    if (feasibleNodes.length === 1) return { selected: [feasibleNodes[0].name], reasons: {} };

    const totals = new Float64Array(feasibleNodes.length);
    // Node-local plugins without NormalizeScore: their weighted score is fixed per node until a pod
    // joins it, so it is summed once per node (staticSum) and added after the loop. Scores are
    // integers, so the order of the additions does not change any total.
    const statics: { plugin: Plugin; weight: number; slot: number }[] = [];
    let slot = -1;
    for (const { plugin, weight } of this.instances) {
      if (!plugin.score || weight <= 0) continue;
      slot++;
      const s = plugin.preScore ? plugin.preScore(state, pod, feasibleNodes) : SUCCESS_STATUS;
      if (s.code === 'Skip') continue;
      // Errors are rare: the full cycle reports them exactly (which plugin first, which message).
      if (s.code !== 'Success') return this.schedule(pod);
      const local = NODE_LOCAL_PLUGINS.has(plugin.name);
      if (local && !plugin.normalizeScore) {
        statics.push({ plugin, weight, slot });
        continue;
      }
      const list = (cache.pools[slot] ??= []);
      for (let k = 0; k < feasibleNodes.length; k++) {
        const n = feasibleNodes[k];
        let score: number;
        if (local) {
          const raw = feasibleEntries[k].raw;
          score = raw[slot] ??= plugin.score(state, pod, n);
        } else {
          score = plugin.score(state, pod, n);
        }
        const item = list[k];
        if (item) {
          item.name = n.name;
          item.score = score;
        } else {
          list[k] = { name: n.name, score };
        }
      }
      list.length = feasibleNodes.length;
      plugin.normalizeScore?.(state, pod, list);
      for (let k = 0; k < list.length; k++) {
        const score = list[k].score;
        // Out of range (an error) or not an integer (the static sums below assume integers): full cycle.
        if (score < MIN_NODE_SCORE || score > MAX_NODE_SCORE || !Number.isInteger(score)) return this.schedule(pod);
        totals[k] += score * weight;
      }
    }
    if (statics.length) {
      const slots = statics.map((x) => x.slot).join(',');
      if (cache.staticSlots !== slots) {
        for (const e of entries) if (e) e.staticSum = undefined;
        cache.staticSlots = slots;
      }
      for (let k = 0; k < feasibleNodes.length; k++) {
        const e = feasibleEntries[k];
        if (e.staticSum === undefined) {
          let sum = 0;
          for (const { plugin, weight, slot: at } of statics) {
            const raw = (e.raw[at] ??= plugin.score!(state, pod, feasibleNodes[k]));
            if (!Number.isInteger(raw) || raw < MIN_NODE_SCORE || raw > MAX_NODE_SCORE) sum = NaN;
            sum += raw * weight;
          }
          e.staticSum = sum;
        }
        // An invalid score: let the full cycle report it exactly (which plugin, which order).
        if (Number.isNaN(e.staticSum)) return this.schedule(pod);
        totals[k] += e.staticSum;
      }
    }
    let best = -Infinity;
    for (let k = 0; k < totals.length; k++) if (totals[k] > best) best = totals[k];
    const selected: string[] = [];
    for (let k = 0; k < totals.length; k++) if (totals[k] === best) selected.push(feasibleNodes[k].name);
    return { selected, reasons: {} };
  }
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
