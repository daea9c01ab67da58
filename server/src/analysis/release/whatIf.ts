// What-ifs of one workload within its release (docs/release.md, "What-ifs within a release"): the
// rolling update or the scaling of workload `focus` while the other workloads run. The what-if runs
// as for a workload alone (analysis/whatif/), on a cluster that already holds every other workload's
// pods where the release placed them (default creation order) and their owners.

import type { AnalysisContext } from '../context';
import type { ReleaseWorkload } from './members';
import { simulateRelease } from './simulate';

export interface ReleaseWhatIfContext {
  /** The session's context with the cluster holding the other workloads' pods. */
  ctx: AnalysisContext;
  /** Pods of the other workloads on that cluster, per workload index. */
  running: Record<number, number>;
}

export function releaseWhatIfContext(ctx: AnalysisContext, workloads: readonly ReleaseWorkload[], focus: number): ReleaseWhatIfContext {
  const run = simulateRelease(ctx, workloads, 'document', { outcomeOnly: true });
  // The focus's owner is added by the what-if itself (clusterFor), as for a workload alone.
  const cluster = ctx.cluster.fork(workloads.flatMap((w, k) => (k === focus ? [] : w.spec.owners)));
  const running: Record<number, number> = {};
  for (const p of run.sequence) {
    if (p.member === focus) continue;
    cluster.assume(p.pod.pod, p.node);
    running[p.member] = (running[p.member] ?? 0) + 1;
  }
  return { ctx: { ...ctx, cluster }, running };
}
