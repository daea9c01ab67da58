// kube-scheduler's active queue as the default queue-sort plugin orders it: PrioritySort
// (pkg/scheduler/framework/plugins/queuesort/priority_sort.go, Less): the pod with the higher
// priority (corev1helpers.PodPriority: spec.priority, 0 when unset) first, and among equal
// priorities the one with the earlier queue timestamp. A binary heap: a release of 20,000 pods
// pushes and pops each pod once or more.

/** What PrioritySort compares. `timestamp` is any increasing counter: only the order matters. */
export interface QueuedPod {
  priority: number;
  timestamp: number;
}

/** PrioritySort.Less: whether `a` leaves the queue before `b`. */
export function queueLess(a: QueuedPod, b: QueuedPod): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.timestamp < b.timestamp);
}

export class PodQueue<T extends QueuedPod> {
  private readonly heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(item: T): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!queueLess(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  /** The next pod PrioritySort hands to a scheduling cycle; undefined when the queue is empty. */
  pop(): T | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < h.length && queueLess(h[l], h[best])) best = l;
        if (r < h.length && queueLess(h[r], h[best])) best = r;
        if (best === i) break;
        [h[i], h[best]] = [h[best], h[i]];
        i = best;
      }
    }
    return top;
  }
}
