// What cluster-autoscaler says about a pod it did not scale up for: the NotTriggerScaleUp event
// (processors/status/eventing_scale_up_processor.go): "pod didn't trigger scale-up: " and, per reason,
// the number of node groups that gave it (rejected: their template failed a predicate; skipped: the
// group could not grow, core/scaleup/orchestrator/skippedreasons.go).

export const NOT_TRIGGERED_PREFIX = "pod didn't trigger scale-up: ";
/** SkippedReasons. */
export const MAX_LIMIT_REACHED = 'max node group size reached';
/** ScaleUpLimitedByMaxNodesTotal's message. */
export const MAX_TOTAL_NODES_REACHED = 'max total nodes in cluster reached';
/** ExpansionOptionsFilteredOutReason (RejectedReasons). */
export const EXPANSION_OPTIONS_FILTERED_OUT = 'expansion options filtered out and no longer considered';

/**
 * ReasonsMessage: "<count> <reason>" joined by ", ". Upstream ranges over Go maps, so its order varies
 * from event to event; here reasons come in node group order, rejected before skipped (docs/deviations.md CA1).
 */
export function reasonsMessage(rejected: readonly [string, readonly string[]][], skipped: readonly [string, readonly string[]][]): string {
  const counts = new Map<string, number>();
  for (const [, reasons] of [...rejected, ...skipped]) for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${n} ${r}`).join(', ');
}
