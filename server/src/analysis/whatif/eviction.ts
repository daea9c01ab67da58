// The eviction API a drain goes through (kubernetes pkg/registry/core/pod/storage/eviction.go, EvictionREST.Create
// and checkAndDecrement), against the PodDisruptionBudgets of the cluster:
//  - a Pending, Succeeded or Failed pod, or one already terminating, is deleted without a budget check (canIgnorePDB);
//  - budgets of the pod's namespace whose selector matches its labels (a nil or empty selector matches nothing);
//    more than one: refused (500, "This pod has more than one PodDisruptionBudget, which the eviction
//    subresource does not support."); none: evicted;
//  - disruptionsAllowed 0: refused (429, "Cannot evict pod as it would violate the pod's disruption budget.");
//    else one disruption is taken from the budget and the pod is evicted.
// disruptionsAllowed is the budget's status as the fixture gives it, else the disruption controller's
// computation (engine budgetsOf / computeDisruptionsAllowed). Not modelled: the not-Ready pod that is evicted
// without a decrement while the budget is met (what-if pods are Running and Ready), the generation and
// DisruptedPods-size checks (a fixture's status is taken as observed).

import { budgetsOf, type Budget, type Pod, type PodDisruptionBudget, type PodInfo } from '../../engine';

export const TOO_MANY_PDBS = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';
export const WOULD_VIOLATE = 'Cannot evict pod as it would violate the pod\'s disruption budget.';

/** Why the eviction API refused a pod: the budget, what it allowed, and the API server's words. */
export interface EvictionRefusal {
  /** namespace/name of the budget (the first one when several select the pod). */
  pdb: string;
  disruptionsAllowed: number;
  /** 429 (budget exhausted; a drain retries) or 500 (several budgets; retrying never helps). */
  code: 429 | 500;
  message: string;
}

export class EvictionApi {
  private readonly budgets: Budget[];

  /**
   * `pods`: every pod the disruption controller sees (bound ones and Pending ones of the workload).
   * `fromStatus`: read disruptionsAllowed from the budgets' status when present (the fixture as captured);
   * false once the what-if has changed the pods (the controller has recomputed it).
   */
  constructor(pdbs: readonly PodDisruptionBudget[], pods: readonly Pod[], fromStatus: boolean) {
    const current = fromStatus ? pdbs : pdbs.map((p) => ({ ...p, status: undefined }));
    this.budgets = budgetsOf(current, pods);
  }

  /** Evicts the pod (taking one disruption from its budget), or returns the refusal. */
  evict(pi: PodInfo): EvictionRefusal | undefined {
    const phase = pi.pod.status?.phase;
    if (pi.terminating || phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed') return undefined;
    const matching = this.budgets.filter((b) => b.namespace === pi.namespace && b.selector.matches(pi.labels));
    if (matching.length === 0) return undefined;
    const name = (b: Budget) => `${b.namespace}/${b.pdb.metadata?.name ?? ''}`;
    if (matching.length > 1) {
      return { pdb: matching.map(name).join(', '), disruptionsAllowed: Math.min(...matching.map((b) => b.allowed)), code: 500, message: TOO_MANY_PDBS };
    }
    const b = matching[0];
    if (b.allowed <= 0) return { pdb: name(b), disruptionsAllowed: b.allowed, code: 429, message: WOULD_VIOLATE };
    b.allowed--;
    return undefined;
  }
}
