// The PodEvictor of one descheduling cycle (pkg/descheduler/evictions/evictions.go EvictPod) and the
// eviction API it calls (kubernetes pkg/registry/core/pod/storage/eviction.go).
//
// Limits, checked in this order before each eviction, counting the successful evictions of the whole
// cycle (every profile): maxNoOfPodsToEvictTotal (the strategy then stops: EvictionTotalLimitError),
// maxNoOfPodsToEvictPerNode (the strategy skips the node's other pods), maxNoOfPodsToEvictPerNamespace
// (this pod is not evicted). The eviction API then refuses a pod that more than one
// PodDisruptionBudget selects, and one whose budget allows no disruption (429 TooManyRequests), else
// takes one disruption from the budget. A pod that is Pending, terminal or terminating is evicted
// without a budget check (canIgnorePDB). `kube-spread` models the real descheduler, not its
// --dry-run mode (which never calls the eviction API, so no budget blocks it).

import type { PodInfo } from '../cluster';
import type { Budget } from '../plugins/defaultpreemption/pdb';

export interface EvictionLimits {
  maxNoOfPodsToEvictPerNode?: number;
  maxNoOfPodsToEvictPerNamespace?: number;
  maxNoOfPodsToEvictTotal?: number;
}

export type EvictOutcome =
  | { ok: true }
  | { ok: false; stop?: 'total' | 'node'; reason: string };

export class CyclePodEvictor {
  private total = 0;
  private readonly perNode = new Map<string, number>();
  private readonly perNamespace = new Map<string, number>();

  constructor(private readonly limits: EvictionLimits, private readonly budgets: Budget[]) {}

  evict(pi: PodInfo): EvictOutcome {
    const { maxNoOfPodsToEvictTotal: total, maxNoOfPodsToEvictPerNode: perNode, maxNoOfPodsToEvictPerNamespace: perNs } = this.limits;
    if (total !== undefined && this.total + 1 > total) return { ok: false, stop: 'total', reason: `total eviction limit exceeded (${total})` };
    const node = pi.nodeName ?? '';
    if (node && perNode !== undefined && (this.perNode.get(node) ?? 0) + 1 > perNode) {
      return { ok: false, stop: 'node', reason: `node eviction limit exceeded (${perNode})` };
    }
    if (perNs !== undefined && (this.perNamespace.get(pi.namespace) ?? 0) + 1 > perNs) {
      return { ok: false, reason: `namespace eviction limit exceeded (${perNs})` };
    }
    const refused = this.evictionApi(pi);
    if (refused) return { ok: false, reason: refused };
    this.total++;
    if (node) this.perNode.set(node, (this.perNode.get(node) ?? 0) + 1);
    this.perNamespace.set(pi.namespace, (this.perNamespace.get(pi.namespace) ?? 0) + 1);
    return { ok: true };
  }

  /** The eviction subresource: undefined when the pod is evicted, else the API server's refusal. */
  private evictionApi(pi: PodInfo): string | undefined {
    const phase = pi.pod.status?.phase;
    if (pi.terminating || phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed') return undefined;
    // GetPodPodDisruptionBudgets: a pod without labels has none; an empty selector selects nothing.
    if (Object.keys(pi.labels).length === 0) return undefined;
    const matching = this.budgets.filter((b) => b.namespace === pi.namespace && b.selector.matches(pi.labels));
    if (matching.length === 0) return undefined;
    if (matching.length > 1) return 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';
    const b = matching[0];
    if (b.allowed <= 0) {
      return `Cannot evict pod as it would violate the pod's disruption budget (${b.namespace}/${b.pdb.metadata?.name ?? ''}: disruptionsAllowed ${b.allowed}).`;
    }
    b.allowed--;
    return undefined;
  }
}
