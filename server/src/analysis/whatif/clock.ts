// Simulated time. "Now" is one minute after the newest timestamp in the fixture (fixed when it has
// none); each controller sync happens 10 s after the previous one. Only ordering between pods
// depends on it: the controllers rank pods for deletion by age and readiness time.

import { type Cluster, type ControllerPodStatus, type RankOptions, timeOf } from '../../engine';

export const SYNC_INTERVAL_MS = 10_000;
export const FALLBACK_NOW = Date.parse('2026-01-01T00:00:00Z');
/** How the controllers rank pods for deletion at `now`: gates PodDeletionCost and LogarithmicScaleDown on, as by default since 1.22. */
export const rankOptions = (now: number): RankOptions => ({ now, podDeletionCost: true, logarithmicScaleDown: true });

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One minute after the newest timestamp the fixture holds, so fixture pods are all in the past. */
export function referenceNow(cluster: Cluster): number {
  let max = 0;
  for (const n of cluster.nodes) {
    for (const p of n.pods) {
      max = Math.max(max, timeOf(p.pod.metadata.creationTimestamp));
      for (const c of ((p.pod.status ?? {}) as ControllerPodStatus).conditions ?? []) max = Math.max(max, timeOf(c?.lastTransitionTime));
    }
  }
  return max > 0 ? Math.ceil(max / 1000) * 1000 + 60_000 : FALLBACK_NOW;
}
