// The scheduling cycle of a simulation (Scheduler.scheduleFast): the same decision as the full cycle
// (scheduler.ts) without the explain detail, and with node-local plugin results cached per node
// between cycles of one pod spec (nodeLocalCache.ts); filter.ts and score.ts are its two halves.
// This is the simulator's hot path: property tests keep it equal to the full cycle
// (test/unit/engine/fast-cycle-properties.test.ts, fast-paths-properties.test.ts).

import type { PodInfo } from '../cluster';
import type { FastCycle, PluginInstance } from '../cycleTypes';
import { fitErrorText } from '../fitError';
import { CycleState, type Handle, type Plugin, SUCCESS } from '../framework';
import type { Profile } from '../profile';
import { filterNodes } from './filter';
import { invalidate, podKey, sharedCache, shareWithParent, type NodeLocalCache } from './nodeLocalCache';
import { scoreNodes } from './score';

export { NODE_LOCAL_PLUGINS } from './nodeLocalCache';

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
      const s = plugin.preFilter ? plugin.preFilter(state, pod) : SUCCESS;
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
    cache.dirty.length = 0;
    if (cluster.forkedFrom && cluster.changeLog.length === 0) shareWithParent(cache, this.profile, this.handle.env);
    return result;
  }

  private decide(cache: NodeLocalCache, state: CycleState, pod: PodInfo, active: Plugin[]): FastCycle | undefined {
    // Filter and score are separate functions so that each is optimized (and re-optimized) on its own.
    const { feasibleNodes, failed, nodeOrder } = filterNodes(cache, state, pod, active);
    if (feasibleNodes.length === 0) {
      const reasons: Record<string, number> = {};
      for (const status of failed) for (const r of status.reasons) reasons[r] = (reasons[r] ?? 0) + 1;
      return { selected: [], reasons, fitError: fitErrorText(cache.cluster.nodes.length, reasons) };
    }
    if (feasibleNodes.length === 1) return { selected: [feasibleNodes[0].name], reasons: {} };
    // undefined: a plugin failed or gave a score the fast path does not take; the full cycle reports it exactly.
    return scoreNodes(cache, this.instances, state, pod, feasibleNodes, nodeOrder);
  }
}
