// One scheduling cycle over the profile (§5.1): PreFilter, Filter on every node, then PreScore /
// Score / NormalizeScore over the feasible nodes, weighted totals and the tie set.
// Unlike the real scheduler every filter is evaluated on every node (so a user sees all reasons);
// the node's status is still the first failure in profile order, exactly as the scheduler reports it.
// scheduleFast runs the same cycle for simulation (fastCycle/runner.ts); the FitError text is fitError.ts's.

import type { Pod } from './api';
import { makePodInfo, type NodeInfo, type PodInfo } from './cluster';
import type { CycleResult, FastCycle, FilterVerdict, PluginInstance } from './cycleTypes';
import { FastCycleRunner } from './fastCycle/runner';
import { byteOrder, fitErrorMessage } from './fitError';
import {
  type Code, CycleState, type Handle, MAX_NODE_SCORE, MIN_NODE_SCORE, type NodeScore, type Plugin, type Status,
} from './framework';
import { defaultProfile, PLUGIN_REGISTRY, type Profile } from './profile';

// The scheduler's public surface stays importable from here (engine/index.ts re-exports this file).
export type { CycleResult, FastCycle, FilterVerdict, NodeEvaluation } from './cycleTypes';
export { NODE_LOCAL_PLUGINS } from './fastCycle/runner';
export { byteOrder } from './fitError';

export class Scheduler {
  readonly instances: PluginInstance[];
  /** The simulation cycle and its node-local cache (kept between scheduleFast calls). */
  private readonly fast: FastCycleRunner;

  constructor(readonly handle: Handle, readonly profile: Profile = defaultProfile()) {
    this.instances = profile.plugins.map((p) => {
      const factory = PLUGIN_REGISTRY[p.name];
      if (!factory) throw new Error(`unknown plugin ${p.name}`);
      return { plugin: factory(handle, profile.pluginArgs[p.name]), weight: p.weight ?? 0, filters: p.filter !== false };
    });
    this.fast = new FastCycleRunner(handle, profile, this.instances);
  }

  plugin(name: string): Plugin | undefined {
    return this.instances.find((i) => i.plugin.name === name)?.plugin;
  }

  /**
   * RunPreFilterPlugins in profile order: the filters that run (active), the candidate nodes when
   * plugins narrow them (and which did), the filters that skipped, and the first PreFilter failure
   * (the rest do not run), with the message upstream gives when narrowing leaves no node.
   */
  private preFilter(state: CycleState, pod: PodInfo): PreFilterOutcome {
    const out: PreFilterOutcome = { active: [], narrowedBy: [], skipped: [] };
    for (const { plugin, filters } of this.instances) {
      if (!plugin.filter || !filters) continue;
      const s = plugin.preFilter ? plugin.preFilter(state, pod) : { code: 'Success' as Code, reasons: [] };
      if (s.code === 'Skip') {
        out.skipped.push(plugin.name);
        continue;
      }
      if (s.code !== 'Success') {
        out.failed = { plugin: plugin.name, status: s };
        break;
      }
      out.active.push(plugin);
      if (s.nodeNames) {
        out.narrowedBy.push(plugin.name);
        out.candidates = out.candidates ? new Set([...out.candidates].filter((n) => s.nodeNames!.has(n))) : new Set(s.nodeNames);
        if (out.candidates.size === 0) {
          const msg = out.narrowedBy.length === 1
            ? `node(s) didn't satisfy plugin ${out.narrowedBy[0]}`
            : `node(s) didn't satisfy plugin(s) [${out.narrowedBy.join(' ')}] simultaneously`;
          out.failed = { plugin: plugin.name, status: { code: 'Unschedulable', reasons: [msg] } };
          break;
        }
      }
    }
    return out;
  }

  /**
   * The nodes where no filter says UnschedulableAndUnresolvable: the nodes of schedule(pod, { filtersOnly:
   * true }) none of whose verdicts has that code (every filter runs on every node there), without
   * building the verdicts.
   */
  usableNodes(podOrInfo: Pod | PodInfo): Set<string> {
    const usable = this.usableTest(podOrInfo);
    return new Set(this.handle.cluster.nodes.filter(usable).map((n) => n.name));
  }

  /**
   * Whether a node of the cluster is one of usableNodes(pod), asked node by node (PreFilter runs
   * once): a simulation's usable domains (simulate.ts summarizeSimulation), asked on every edit, need
   * one usable node per domain, not every node's answer.
   */
  usableTest(podOrInfo: Pod | PodInfo): (node: NodeInfo) => boolean {
    const pod = 'pod' in podOrInfo && 'requests' in podOrInfo ? podOrInfo : makePodInfo(podOrInfo as Pod);
    const none = () => false;
    // A pod no profile takes, or one with scheduling gates: every node says Unresolvable.
    if ((pod.pod.spec?.schedulerName || 'default-scheduler') !== this.profile.schedulerName) return none;
    if ((pod.pod.spec?.schedulingGates ?? []).some((g) => g?.name)) return none;
    const state = new CycleState();
    const { active, candidates, failed } = this.preFilter(state, pod);
    // Every node carries the PreFilter's status as its only verdict.
    if (failed) return failed.status.code !== 'UnschedulableAndUnresolvable' ? () => true : none;
    return (n) => {
      if (candidates && !candidates.has(n.name)) return false;
      for (const plugin of active) if (plugin.filter!(state, pod, n).code === 'UnschedulableAndUnresolvable') return false;
      return true;
    };
  }

  /**
   * `filtersOnly`: stop after Filter (every node's verdicts and the feasible set; nothing selected,
   * no scores), for callers that read the verdicts only (a release's unusableNodes: lazyFirstCycles.ts).
   */
  schedule(podOrInfo: Pod | PodInfo, opts?: { filtersOnly?: boolean }): CycleResult {
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
    const { active, candidates, narrowedBy, skipped, failed } = this.preFilter(state, pod);
    result.skippedFilters.push(...skipped);
    if (failed) result.preFilterStatus = failed;
    const leftOut: FilterVerdict = {
      plugin: narrowedBy.join(','),
      code: 'UnschedulableAndUnresolvable',
      reason: `node(s) didn't satisfy plugin(s) [${[...narrowedBy].sort(byteOrder).join(' ')}]`,
    };
    leftOut.reasons = [leftOut.reason!];

    // Filter. Every filter plugin in profile order; those that skipped are shown as passing, marked skipped.
    const shown = this.instances
      .filter(({ plugin }) => plugin.filter && (active.includes(plugin) || result.skippedFilters.includes(plugin.name)))
      .map(({ plugin }) => ({ plugin, runs: active.includes(plugin) }));
    const feasibleNodes: NodeInfo[] = [];
    for (const n of cluster.nodes) {
      let filters: FilterVerdict[];
      if (result.preFilterStatus) {
        const { plugin, status } = result.preFilterStatus;
        filters = [toVerdict(plugin, status)];
      } else if (candidates && !candidates.has(n.name)) {
        filters = [leftOut];
      } else {
        filters = shown.map(({ plugin, runs }) => (runs ? toVerdict(plugin.name, plugin.filter!(state, pod, n)) : { plugin: plugin.name, code: 'Success' as Code, skipped: true as const }));
      }
      const status = filters.find((f) => f.code !== 'Success') ?? null;
      result.nodes.push({ name: n.name, feasible: !status, filters, status, scores: null, totalScore: null });
      if (!status) feasibleNodes.push(n);
    }
    result.feasible = feasibleNodes.map((n) => n.name);
    if (opts?.filtersOnly) return result;

    if (feasibleNodes.length === 0) {
      result.fitError = fitErrorMessage(result, cluster.nodes.length);
      return result;
    }
    if (feasibleNodes.length === 1) {
      result.selected = [feasibleNodes[0].name];
      result.scoringSkipped = 'only one feasible node: the scheduler binds it without scoring';
      return result;
    }

    // Score. Per feasible node, by its position in feasibleNodes (node order, as result.nodes).
    const totals: number[] = feasibleNodes.map(() => 0);
    const perNode: Record<string, number>[] = feasibleNodes.map(() => ({}));
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
      for (let i = 0; i < list.length; i++) {
        const score = list[i].score;
        if (score < MIN_NODE_SCORE || score > MAX_NODE_SCORE || !Number.isFinite(score)) {
          result.error = `plugin "${plugin.name}" returns an invalid score ${score}, it should in the range of [0, 100] after normalizing`;
          result.fitError = result.error;
          result.selected = [];
          return result;
        }
        // NormalizeScore rewrites scores in place; the list keeps its order (and names).
        perNode[i][plugin.name] = score;
        totals[i] += score * weight;
      }
    }
    let best = -Infinity;
    let at = 0;
    for (const ev of result.nodes) {
      if (!ev.feasible) continue;
      ev.scores = perNode[at];
      ev.totalScore = totals[at++];
      best = Math.max(best, ev.totalScore);
    }
    result.selected = result.nodes.filter((ev) => ev.feasible && ev.totalScore === best).map((ev) => ev.name);
    return result;
  }

  /**
   * The same cycle without the explain detail, for simulation (FastCycleRunner.run): a node stops at
   * its first failing filter (as the real scheduler does), no verdict objects are built, node-local
   * plugin results (NODE_LOCAL_PLUGINS) are reused from the previous cycle of the same pod spec on
   * every node no pod joined or left since. Same tie set, same reasons histogram and messages as
   * schedule(). Falls back to schedule() for the rare cycles it does not model (gates, other
   * scheduler names, PreFilter rejections or node narrowing).
   */
  scheduleFast(podOrInfo: Pod | PodInfo): FastCycle {
    const pod = 'pod' in podOrInfo && 'requests' in podOrInfo ? podOrInfo : makePodInfo(podOrInfo as Pod);
    return this.fast.run(pod) ?? this.schedule(pod);
  }
}

interface PreFilterOutcome {
  active: Plugin[];
  candidates?: Set<string>;
  narrowedBy: string[];
  skipped: string[];
  failed?: { plugin: string; status: Status };
}

function toVerdict(plugin: string, s: Status): FilterVerdict {
  return s.code === 'Success' ? { plugin, code: 'Success' } : { plugin, code: s.code, reason: s.reasons.join(', '), reasons: [...s.reasons] };
}
