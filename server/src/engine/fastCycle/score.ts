// The fast cycle's PreScore / Score / NormalizeScore over the feasible nodes and its tie set (runner.ts):
// node-local scores from the cache, a plugin whose raw scores are the same on every node adds nothing,
// and the plugins that can normalize scores held by position do so without a list of objects.

import type { NodeInfo, PodInfo } from '../cluster';
import type { FastCycle, PluginInstance } from '../cycleTypes';
import { type CycleState, MAX_NODE_SCORE, MIN_NODE_SCORE, type NodeScore, type Plugin, SUCCESS } from '../framework';
import { NODE_LOCAL_PLUGINS, type NodeLocalCache } from './nodeLocalCache';
import { RawScores } from './rawScores';

/**
 * PreScore / Score / NormalizeScore over the feasible nodes (>= 2) and the tie set; undefined when
 * a PreScore fails or a score is out of range or not an integer.
 *
 * Only the tie set is returned, so a contribution that is the same on every feasible node is not
 * added at all: scores are integers, so every total is exact and adding the same amount to all of
 * them changes neither the best total nor which nodes reach it.
 */
export function scoreNodes(
  cache: NodeLocalCache, instances: readonly PluginInstance[], state: CycleState, pod: PodInfo, feasibleNodes: NodeInfo[], nodeOrder: boolean,
): FastCycle | undefined {
  const { feasibleAt } = cache;
  const n = cache.cluster.nodes.length;
  const count = feasibleNodes.length;
  // Every PreScore runs before any Score, as in the framework. Node-local plugins without
  // NormalizeScore (their weighted score is fixed per node until a pod joins it) are summed once
  // per node (staticSum); the others are scored below, plugin by plugin.
  const statics: { plugin: Plugin; weight: number; raw: RawScores }[] = [];
  const staticSlots: number[] = [];
  const scored: { plugin: Plugin; weight: number; raw: RawScores | undefined; slot: number }[] = [];
  let slot = -1;
  for (const { plugin, weight } of instances) {
    if (!plugin.score || weight <= 0) continue;
    slot++;
    const s = plugin.preScore ? plugin.preScore(state, pod, feasibleNodes, feasibleAt) : SUCCESS;
    if (s.code === 'Skip') continue;
    // Errors are rare: the full cycle reports them exactly (which plugin first, which message).
    if (s.code !== 'Success') return undefined;
    const raw = NODE_LOCAL_PLUGINS.has(plugin.name) ? (cache.raw[slot] ??= new RawScores(n)) : undefined;
    if (raw && !plugin.normalizeScore) {
      statics.push({ plugin, weight, raw });
      staticSlots.push(slot);
    } else {
      scored.push({ plugin, weight, raw, slot });
    }
  }
  const totals = cache.totals;
  if (statics.length) {
    if (!addStatics(cache, state, pod, feasibleNodes, statics, staticSlots.join(','))) return undefined;
  } else {
    totals.fill(0, 0, count);
  }
  for (const { plugin, weight, raw, slot } of scored) {
    if (raw && plugin.normalizesUniformly) {
      // Equal raw scores on every feasible node (e.g. TaintToleration when no node has a
      // PreferNoSchedule taint): one normalized score for all, learnt from a one-node list, and
      // not added (the same on every node).
      const first = uniformRawScore(cache, raw, plugin, state, pod, feasibleNodes);
      if (first !== undefined) {
        const one: NodeScore[] = [{ name: feasibleNodes[0].name, score: first }];
        plugin.normalizeScore!(state, pod, one);
        if (!validScore(one[0].score)) return undefined;
        continue;
      }
    }
    const normalize = plugin.normalizeScore ? plugin.bindNormalizeScore?.(state, pod) : undefined;
    const ok = normalize || !plugin.normalizeScore
      ? addByValue(cache, state, pod, feasibleNodes, plugin, weight, raw, normalize)
      : addByList(cache, state, pod, feasibleNodes, plugin, weight, raw, slot);
    if (!ok) return undefined;
  }
  return { selected: tieSet(cache, count, nodeOrder), reasons: {} };
}

/** Sets totals[0..count) to the feasible nodes' static sums (computed for the nodes that have none); false on an invalid score. */
function addStatics(
  cache: NodeLocalCache, state: CycleState, pod: PodInfo, feasibleNodes: NodeInfo[],
  statics: readonly { plugin: Plugin; weight: number; raw: RawScores }[], slots: string,
): boolean {
  if (cache.staticSlots !== slots) {
    cache.staticKnown.fill(0);
    cache.staticSlots = slots;
  }
  const { staticSum, staticKnown, feasibleAt, totals } = cache;
  for (let k = 0; k < feasibleNodes.length; k++) {
    const at = feasibleAt[k];
    if (!staticKnown[at]) {
      let sum = 0;
      for (const { plugin, weight, raw } of statics) {
        const score = raw.get(at, plugin, state, pod, feasibleNodes[k]);
        if (!validScore(score)) sum = NaN;
        sum += score * weight;
      }
      staticSum[at] = sum;
      staticKnown[at] = 1;
    }
    // An invalid score: let the full cycle report it exactly (which plugin, which order).
    if (Number.isNaN(staticSum[at])) return false;
    totals[k] = staticSum[at];
  }
  return true;
}

/**
 * Adds a plugin's weighted scores to the totals through a scratch array of raw scores, normalized
 * in place by the plugin's bound NormalizeScore (if it has one); false on an invalid score.
 */
function addByValue(
  cache: NodeLocalCache, state: CycleState, pod: PodInfo, feasibleNodes: NodeInfo[],
  plugin: Plugin, weight: number, raw: RawScores | undefined, normalize: ((scores: Float64Array, count: number) => void) | undefined,
): boolean {
  const { feasibleAt, totals } = cache;
  const count = feasibleNodes.length;
  const scores = (cache.scratch ??= new Float64Array(feasibleAt.length));
  const scoreAt = raw ? undefined : plugin.bindScore?.(state, pod);
  for (let k = 0; k < count; k++) {
    const at = feasibleAt[k];
    const node = feasibleNodes[k];
    scores[k] = raw ? raw.get(at, plugin, state, pod, node) : scoreAt ? scoreAt(at, node) : plugin.score!(state, pod, node);
  }
  normalize?.(scores, count);
  for (let k = 0; k < count; k++) {
    const score = scores[k];
    // Out of range (an error) or not an integer (the totals assume integers): full cycle.
    if (!validScore(score)) return false;
    totals[k] += score * weight;
  }
  return true;
}

/**
 * The same through a list of NodeScore objects handed to NormalizeScore (a plugin that normalizes by
 * node). The list is rebuilt from pooled NodeScore objects: the feasible set grows and shrinks
 * between cycles, and the pool never shrinks, so no cycle allocates them anew.
 */
function addByList(
  cache: NodeLocalCache, state: CycleState, pod: PodInfo, feasibleNodes: NodeInfo[],
  plugin: Plugin, weight: number, raw: RawScores | undefined, slot: number,
): boolean {
  const { feasibleAt, names, totals } = cache;
  const count = feasibleNodes.length;
  const pool = (cache.pools[slot] ??= []);
  const list = (cache.lists[slot] ??= []);
  list.length = count;
  const scoreAt = raw ? undefined : plugin.bindScore?.(state, pod);
  for (let k = 0; k < count; k++) {
    const at = feasibleAt[k];
    const score = raw
      ? raw.get(at, plugin, state, pod, feasibleNodes[k])
      : scoreAt ? scoreAt(at, feasibleNodes[k]) : plugin.score!(state, pod, feasibleNodes[k]);
    let item = pool[k];
    if (item) {
      item.name = names[at];
      item.score = score;
    } else {
      pool[k] = item = { name: names[at], score };
    }
    list[k] = item;
  }
  plugin.normalizeScore!(state, pod, list);
  for (let k = 0; k < count; k++) {
    const score = list[k].score;
    if (!validScore(score)) return false;
    totals[k] += score * weight;
  }
  return true;
}

/** The names of the feasible nodes with the best total, in node order (as the full cycle lists them). */
function tieSet(cache: NodeLocalCache, count: number, nodeOrder: boolean): string[] {
  const { totals, feasibleAt, names } = cache;
  let best = -Infinity;
  const ties: number[] = [];
  for (let k = 0; k < count; k++) {
    const total = totals[k];
    if (total < best) continue;
    if (total > best) {
      best = total;
      ties.length = 0;
    }
    ties.push(feasibleAt[k]);
  }
  if (nodeOrder) return ties.map((at) => names[at]);
  // Domain by domain: back to node order. A typed array sorts numerically without a comparator call
  // per pair (a first cycle on a hostname spread ties thousands of nodes).
  const sorted = Int32Array.from(ties).sort();
  return Array.from(sorted, (at) => names[at]);
}

/** A score the fast cycle sums: an integer in [MIN_NODE_SCORE, MAX_NODE_SCORE] (anything else: the full cycle reports it). */
function validScore(score: number): boolean {
  return score >= MIN_NODE_SCORE && score <= MAX_NODE_SCORE && Number.isInteger(score);
}

/**
 * The raw score every feasible node has, or undefined when they differ. Known without a pass over the
 * feasible nodes once the plugin's score is known on every node and is the same everywhere: the nodes
 * a pod joined or left since the last cycle (cache.dirty) are scored again and `raw` counts the rest.
 * Otherwise the feasible nodes are compared, and when they agree the other nodes are scored too
 * (once per cache; a plugin that normalizes uniformly can score any node), so that the next cycles
 * need no pass.
 */
function uniformRawScore(
  cache: NodeLocalCache, raw: RawScores, plugin: Plugin, state: CycleState, pod: PodInfo, feasibleNodes: NodeInfo[],
): number | undefined {
  const nodes = cache.cluster.nodes;
  if (!raw.complete) for (const at of cache.dirty) raw.get(at, plugin, state, pod, nodes[at]);
  const everywhere = raw.uniform;
  if (everywhere !== undefined) return everywhere;
  const { feasibleAt } = cache;
  const first = raw.get(feasibleAt[0], plugin, state, pod, feasibleNodes[0]);
  for (let k = 1; k < feasibleNodes.length; k++) if (raw.get(feasibleAt[k], plugin, state, pod, feasibleNodes[k]) !== first) return undefined;
  if (!raw.complete) for (let at = 0; at < nodes.length; at++) raw.get(at, plugin, state, pod, nodes[at]);
  return first;
}
