// `explain` of a workload within its release (docs/release.md, "Explain within a release"): its pod's
// full scheduling cycle on the cluster as it is when that pod's first cycle runs in the default creation
// order, i.e. with the other workloads' pods placed before it (all of the earlier workloads' in document
// order, and any of a higher priority). The cluster is rebuilt from the release's placements: the
// fixture, every workload's owner, then the placements made before the workload's first cycle.

import type { AnalysisContext } from '../context';
import { explainWorkload, type ExplainJson } from '../explain';
import type { ReleaseWorkload } from './members';
import { simulateRelease } from './simulate';

export interface ReleaseExplainJson extends ExplainJson {
  /** The release the pod is explained in, and the pods placed before its first cycle. */
  release: {
    workloads: { file: string; document: number; kind: string; namespace: string; name: string }[];
    focus: number;
    /** Pods of other workloads placed before the explained pod's first cycle, per workload index. */
    placedBefore: Record<number, number>;
  };
}

export function explainInRelease(ctx: AnalysisContext, workloads: readonly ReleaseWorkload[], focus: number, warnings: string[] = []): ReleaseExplainJson {
  const run = simulateRelease(ctx, workloads, 'document', { outcomeOnly: true });
  const before = Math.max(0, run.firstCycleAfter[focus] < 0 ? run.sequence.length : run.firstCycleAfter[focus]);
  const cluster = ctx.cluster.fork(workloads.flatMap((w) => w.spec.owners));
  const placedBefore: Record<number, number> = {};
  for (const p of run.sequence.slice(0, before)) {
    cluster.assume(p.pod.pod, p.node);
    placedBefore[p.member] = (placedBefore[p.member] ?? 0) + 1;
  }
  const w = workloads[focus];
  const e = explainWorkload(ctx, w.spec, warnings, cluster);
  const names = Object.entries(placedBefore).map(([k, n]) => `${n} of ${workloads[Number(k)].spec.kind} ${workloads[Number(k)].spec.name}`);
  const note = names.length
    ? `Explained within its release: ${names.join(', ')} placed before this pod, in the creation order kube-spread simulates (docs/release.md)`
    : 'Explained within its release: no pod of the other workloads is placed before this one in the creation order kube-spread simulates (docs/release.md)';
  return {
    ...e,
    notes: [note, ...e.notes],
    release: {
      workloads: workloads.map((x) => ({ file: x.file, document: x.doc.index, kind: x.spec.kind, namespace: x.spec.namespace, name: x.spec.name })),
      focus,
      placedBefore,
    },
  };
}
