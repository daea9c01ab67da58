// Karpenter's pod queue (queue.go): pods by cpu then memory request, largest first; a pod that fails
// goes to the back, and the loop stops when the queue comes round to a pod with no progress since it
// was pushed. Upstream breaks equal requests by creation time then UID (random); the Pending pods
// arrive here in kube-scheduler's queue order, which is kept (a stable sort).

import type { Pod } from '../../api';
import type { PodData } from './podData';

export class Queue {
  private pods: Pod[];
  private readonly lastLen = new Map<Pod, number>();

  constructor(pods: readonly Pod[], data: (p: Pod) => PodData) {
    const key = (p: Pod) => data(p).requests;
    this.pods = [...pods].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return (y.get('cpu') ?? 0) - (x.get('cpu') ?? 0) || (y.get('memory') ?? 0) - (x.get('memory') ?? 0);
    });
  }

  pop(): Pod | undefined {
    const p = this.pods[0];
    if (p === undefined || this.lastLen.get(p) === this.pods.length) return undefined;
    this.pods = this.pods.slice(1);
    return p;
  }

  push(p: Pod): void {
    this.pods.push(p);
    this.lastLen.set(p, this.pods.length);
  }
}
