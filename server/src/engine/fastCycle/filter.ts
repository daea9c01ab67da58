// The fast cycle's Filter over every node (runner.ts): node-local verdicts from the cache, the other
// filters bound to the cycle, and domain by domain when the only other filter decides by domain.

import type { LabelColumn, NodeInfo, PodInfo } from '../cluster';
import type { CycleState, Plugin, Status } from '../framework';
import { LocalPassByDomain } from './localPassByDomain';
import { NODE_LOCAL_PLUGINS, type NodeLocalCache } from './nodeLocalCache';

export interface FilterResult {
  feasibleNodes: NodeInfo[];
  /** While no node is feasible: each node's first failing status, in node order. */
  failed: Status[];
  /** Whether feasibleNodes (and cache.feasibleAt) are in node order; false: domain by domain. */
  nodeOrder: boolean;
}

/**
 * Filter over every node: the feasible nodes (their positions in cache.feasibleAt) and, while none
 * is feasible, each node's status in node order (the reasons histogram is only needed when no node
 * fits; counted afterwards it has the same counts and key order). The feasible nodes are in node
 * order unless `nodeOrder` is false (domain by domain: filterByDomain).
 */
export function filterNodes(cache: NodeLocalCache, state: CycleState, pod: PodInfo, active: Plugin[]): FilterResult {
  const nodes = cache.cluster.nodes;
  const { failAt, status: localStatus, feasibleAt } = cache;
  const isLocal = active.map((p) => NODE_LOCAL_PLUGINS.has(p.name));
  const others = active.map((_, i) => i).filter((i) => !isLocal[i]);
  refreshNodeLocal(cache, state, pod, active, isLocal);
  if (others.length === 1) {
    const byDomain = filterByDomain(cache, active[others[0]].bindDomainFilter?.(state, pod), active.length);
    if (byDomain) return { feasibleNodes: byDomain, failed: [], nodeOrder: false };
  }
  // The other filters run on every node of every cycle: bound to the cycle once where the plugin can.
  const otherFilters = others.map((i) => {
    const plugin = active[i];
    return plugin.bindFilter?.(state, pod) ?? ((_at: number, node: NodeInfo) => plugin.filter!(state, pod, node));
  });
  const feasibleNodes: NodeInfo[] = [];
  const failed: Status[] = [];
  for (let at = 0; at < nodes.length; at++) {
    const n = nodes[at];
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
  return { feasibleNodes, failed, nodeOrder: true };
}

/**
 * Computes the node-local filter verdict (failAt, status) of every node that has none: every node the
 * first time, then the nodes a pod joined or left (cache.dirty). A node that starts or stops passing
 * makes its domains' lists stale (byColumn).
 */
function refreshNodeLocal(cache: NodeLocalCache, state: CycleState, pod: PodInfo, active: Plugin[], isLocal: boolean[]): void {
  const nodes = cache.cluster.nodes;
  const { known, failAt, status } = cache;
  const verdict = (at: number) => {
    failAt[at] = active.length;
    status[at] = null;
    for (let i = 0; i < active.length; i++) {
      if (!isLocal[i]) continue;
      const s = active[i].filter!(state, pod, nodes[at]);
      if (s.code !== 'Success') {
        failAt[at] = i;
        status[at] = s;
        break;
      }
    }
    known[at] = 1;
  };
  if (!cache.allKnown) {
    for (let at = 0; at < nodes.length; at++) if (!known[at]) verdict(at);
    // A cache starts with no lists (byColumn), and copies start without lists: none to make stale.
    cache.allKnown = true;
    return;
  }
  for (const at of cache.dirty) {
    if (known[at]) continue;
    const passed = failAt[at] === active.length;
    verdict(at);
    if (passed !== (failAt[at] === active.length)) for (const lists of cache.byColumn.values()) lists.flip(at);
  }
}

/** Domains this many times fewer than nodes (zones, regions) are filtered domain by domain. */
const NODES_PER_DOMAIN = 8;

/**
 * The feasible nodes when the one filter besides the node-local ones decides by domain (a single hard
 * spread constraint): its verdict is taken once per domain, and only the nodes of the passing domains
 * are visited, domain by domain (their positions in cache.feasibleAt). A node is feasible when it
 * passes every filter, whichever order they run in. undefined when the filter does not decide by
 * domain, the domains are too many to gain from it, or no node is feasible (the reasons then need
 * every node's first failing status, in node order: the per-node loop).
 */
function filterByDomain(
  cache: NodeLocalCache, bound: { column: LabelColumn; verdictOf: (id: number) => Status } | undefined, allPass: number,
): NodeInfo[] | undefined {
  if (!bound || bound.column.domains.length * NODES_PER_DOMAIN > cache.names.length) return undefined;
  const { column, verdictOf } = bound;
  let lists = cache.byColumn.get(column);
  if (!lists) cache.byColumn.set(column, (lists = new LocalPassByDomain(column)));
  const nodes = cache.cluster.nodes;
  const { failAt, feasibleAt } = cache;
  const passes = (at: number) => failAt[at] === allPass;
  const passing: (readonly NodeInfo[])[] = [];
  let count = 0;
  for (let id = column.missing > 0 ? -1 : 0; id < column.domains.length; id++) {
    if (verdictOf(id).code !== 'Success') continue;
    const domain = lists.of(id, nodes, passes);
    feasibleAt.set(domain.positions, count);
    count += domain.positions.length;
    passing.push(domain.nodes);
  }
  return count > 0 ? ([] as NodeInfo[]).concat(...passing) : undefined;
}
