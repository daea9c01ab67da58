// The scheduler's FitError message when no node fits ("0/N nodes are available: ..."), shared by the
// full cycle (scheduler.ts) and the simulation cycle (fastCycle.ts) so both say it identically.

import type { CycleResult } from './cycleTypes';

/** Go's sort.Strings: byte order, not locale order. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * ErrNoNodesAvailable (pkg/scheduler/schedule_one.go): schedulePod returns it before any plugin runs
 * when the snapshot holds no node (a cluster scaled to zero), so there is no "0/0 nodes" histogram.
 */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/**
 * FitError.Error() from a reasons histogram: "0/N nodes are available: <histogram>." where each
 * reason is formatted "<count> <reason>" and the parts are sorted as plain strings.
 */
export function fitErrorText(numNodes: number, reasons: Record<string, number>): string {
  if (numNodes === 0) return NO_NODES_AVAILABLE;
  const head = `0/${numNodes} nodes are available:`;
  const parts = Object.entries(reasons).map(([r, c]) => `${c} ${r}`).sort(byteOrder);
  return parts.length ? `${head} ${parts.join(', ')}.` : head;
}

/**
 * FitError.Error() of a full cycle in which no node fits: counts each node's first-failure reasons
 * into result.reasons. After a PreFilter rejection only that plugin's message is shown (and a
 * PreFilter Error sets result.error). Preemption is not modelled, so its text is absent.
 */
export function fitErrorMessage(result: CycleResult, numNodes: number): string {
  if (numNodes === 0) return NO_NODES_AVAILABLE;
  for (const ev of result.nodes) for (const r of ev.status?.reasons ?? []) result.reasons[r] = (result.reasons[r] ?? 0) + 1;
  if (result.preFilterStatus?.status.code === 'Error') {
    result.error = `running PreFilter plugin "${result.preFilterStatus.plugin}": ${result.preFilterStatus.status.reasons.join(', ')}`;
    return result.error;
  }
  if (result.preFilterStatus) return `0/${numNodes} nodes are available: ${result.preFilterStatus.status.reasons.join(', ')}.`;
  return fitErrorText(numNodes, result.reasons);
}
