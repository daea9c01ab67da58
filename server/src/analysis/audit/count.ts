// Counts one workload's spread constraints on the fixture as the PodTopologySpread filter counts them
// for its next pod (upstream podtopologyspread/filtering.go calPreFilterState, common.go): every node
// of the cluster that carries all topology keys of the constraint list and passes the node inclusion
// policies is a domain member; each domain counts the pods of the pod's namespace that match the
// (matchLabelKeys-merged) selector, terminating pods excluded; terminal pods are not in the cache.
// The skew is the largest count minus the global minimum, and the global minimum is 0 while fewer
// domains than minDomains are eligible (filtering.go minMatchNum). This is a plain recount over the
// snapshot, written apart from the filter's incremental state so the two can be compared
// (test/unit/audit/count.test.ts).

import {
  type Cluster, countMatching, hasAllKeys, type InternalConstraint, passesInclusionPolicies, type PodInfo,
  RequiredNodeAffinity, type SchedulerEnv,
} from '../../engine';

export interface ConstraintCount {
  constraint: InternalConstraint;
  /** Matching pods per eligible domain (a domain with 0 still listed), sorted by domain. */
  counts: Record<string, number>;
  /** Nodes that are not members of any domain of this constraint, by why. */
  excludedNodes: { missingLabel: number; nodeAffinity: number; nodeTaints: number };
  eligibleDomains: number;
  /** The filter's global minimum (0 below minDomains); null without any eligible domain. */
  globalMinimum: number | null;
  /** Largest count minus the global minimum; 0 without any eligible domain. */
  skew: number;
  violated: boolean;
}

/** The counts of every constraint of one list (one `whenUnsatisfiable`): node key checks span the list. */
export function countConstraints(constraints: readonly InternalConstraint[], pod: PodInfo, cluster: Cluster, env: SchedulerEnv): ConstraintCount[] {
  const affinity = new RequiredNodeAffinity(pod.pod);
  const policies = env.gates.NodeInclusionPolicyInPodTopologySpread;
  const out = constraints.map(() => ({ counts: new Map<string, number>(), excluded: { missingLabel: 0, nodeAffinity: 0, nodeTaints: 0 } }));
  for (const node of cluster.nodes) {
    // Before the node inclusion policies, the pod's node affinity decided for every constraint at once.
    const affinityOk = affinity.matches(node.node);
    const keysOk = hasAllKeys(node.labels, constraints);
    constraints.forEach((c, i) => {
      const o = out[i];
      if (!policies && !affinityOk) return void o.excluded.nodeAffinity++;
      if (!keysOk) return void o.excluded.missingLabel++;
      if (policies && !passesInclusionPolicies(c, pod.pod, node, affinity, env)) {
        if (c.nodeAffinityPolicy === 'Honor' && !affinityOk) o.excluded.nodeAffinity++;
        else o.excluded.nodeTaints++;
        return;
      }
      const domain = node.labels[c.topologyKey];
      o.counts.set(domain, (o.counts.get(domain) ?? 0) + countMatching(node.pods, c.selector, pod.namespace, env));
    });
  }
  return constraints.map((constraint, i) => {
    const { counts, excluded } = out[i];
    const values = [...counts.values()];
    const eligibleDomains = counts.size;
    let globalMinimum: number | null = null;
    let skew = 0;
    if (eligibleDomains > 0) {
      globalMinimum = eligibleDomains < constraint.minDomains ? 0 : Math.min(...values);
      skew = Math.max(...values) - globalMinimum;
    }
    const sorted: Record<string, number> = {};
    for (const k of [...counts.keys()].sort()) sorted[k] = counts.get(k)!;
    return { constraint, counts: sorted, excludedNodes: excluded, eligibleDomains, globalMinimum, skew, violated: skew > constraint.maxSkew };
  });
}
