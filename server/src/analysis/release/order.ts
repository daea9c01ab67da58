// The order in which a release's pods are created (docs/release.md, "Creation order"). kubectl apply
// sends the objects in document order (files in the order given, a directory's files by name); each
// controller then creates its pods in slow-start batches of 1, 2, 4, ... (replica_set.go
// slowStartBatch with SlowStartInitialBatchSize 1; the Job controller batches the same way), well
// within the time the next object takes to reach its own controller. So by default a workload's pods
// are created together, workloads in document order. The scheduler's queue then reorders them by
// priority (engine/queue.ts), and OrderedReady StatefulSets create one ordinal at a time
// (engine/release.ts): both apply to every order below.
//
// The other orders are as plausible (controllers run concurrently, objects may be applied by
// different tools or in several steps): a release whose outcome changes between them is a race.

export const RELEASE_ORDERS = ['document', 'reversed', 'interleaved'] as const;
export type ReleaseOrder = (typeof RELEASE_ORDERS)[number];

/** How each order is named in text output and findings. */
export const ORDER_NAMES: Record<ReleaseOrder, string> = {
  document: 'document order',
  reversed: 'reverse document order',
  interleaved: 'interleaved order',
};

export function isReleaseOrder(s: string | undefined): s is ReleaseOrder {
  return (RELEASE_ORDERS as readonly string[]).includes(s ?? '');
}

/**
 * The workload index of each pod created at the start, in creation order: `replicas[k]` entries for
 * workload k (engine/release.ts placeRelease's `creation`).
 */
export function creationOrder(order: ReleaseOrder, replicas: readonly number[]): number[] {
  const indices = replicas.map((_, k) => k);
  if (order === 'interleaved') {
    const out: number[] = [];
    const left = [...replicas];
    for (let more = true; more;) {
      more = false;
      for (const k of indices) {
        if (left[k] <= 0) continue;
        out.push(k);
        left[k]--;
        more = true;
      }
    }
    return out;
  }
  const workloads = order === 'reversed' ? indices.reverse() : indices;
  return workloads.flatMap((k) => Array<number>(Math.max(0, replicas[k])).fill(k));
}
