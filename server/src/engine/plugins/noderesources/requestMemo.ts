// A pod's request sums per pod object, for NodeResourcesFit and BalancedAllocation's PreFilter /
// PreScore: they ran on every cycle of a simulation, parsing and aggregating every container's
// quantities again for the same pod (a release schedules each replica's pod in every creation order
// and on every edit). Pods are not changed once built; the sums are frozen (nothing writes to them).

import type { Pod } from '../../api';
import type { Resources } from '../../resources';

const memo = new WeakMap<Pod, Map<string, Resources>>();

/** compute() for this pod and `variant` (which sum: filter or scoring, pod-level resources on or off), once per pod object. */
export function podRequestsOnce(pod: Pod, variant: string, compute: () => Resources): Resources {
  let byVariant = memo.get(pod);
  if (!byVariant) memo.set(pod, (byVariant = new Map()));
  let r = byVariant.get(variant);
  if (!r) {
    r = compute();
    Object.freeze(r.scalar);
    Object.freeze(r);
    byVariant.set(variant, r);
  }
  return r;
}
