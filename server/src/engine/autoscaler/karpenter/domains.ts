// Where Karpenter's topology domains come from (topology.go buildDomainGroups, topologydomaingroup.go)
// and which nodes a spread counts (topologynodefilter.go). Unlike kube-scheduler, which knows only the
// domains of existing nodes, Karpenter adds every value a NodePool could launch: the intersection of the
// NodePool's requirements and labels with each instance type's requirements (its available offerings'
// zones and capacity types, its name and labels), plus every value of the NodePool's own `In`
// requirements even when no instance type offers it. A domain remembers the taints of the NodePools
// that contribute it, so nodeTaintsPolicy: Honor can drop domains only behind untolerated taints; the
// pod's node affinity is NOT used here (the fixes for kubernetes-sigs/karpenter#2623, #2639 and #2671,
// were reverted by #2797 and #2957), so a taintless NodePool's values count for every pod.

import type { Pod, Taint, Toleration } from '../../api';
import { toleratesTaint } from '../../tolerations';
import type { KarpenterInstanceType, KarpenterNodePool } from '../types';
import { Req, Reqs } from './requirements';

export const ZONE = 'topology.kubernetes.io/zone';
export const HOSTNAME = 'kubernetes.io/hostname';
export const NODEPOOL = 'karpenter.sh/nodepool';
export const CAPACITY_TYPE = 'karpenter.sh/capacity-type';
export const INSTANCE_TYPE = 'node.kubernetes.io/instance-type';

/** scheduling.Taints.Tolerates: every taint, PreferNoSchedule included, needs a toleration. */
export function untolerated(taints: readonly Taint[], tolerations: readonly (Toleration | null)[] | null | undefined): Taint | undefined {
  return taints.find((t) => !(tolerations ?? []).some((x) => x && toleratesTaint(x, t)));
}

export function taintString(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

/** The instance type's requirements as the cloud provider states them (available offerings only). */
export function instanceTypeReqs(it: KarpenterInstanceType): Reqs {
  const avail = it.offerings.filter((o) => o.available);
  const r = Reqs.from(
    Req.of(INSTANCE_TYPE, 'In', [it.name]),
    Req.of(ZONE, 'In', [...new Set(avail.map((o) => o.zone))]),
    Req.of(CAPACITY_TYPE, 'In', [...new Set(avail.map((o) => o.capacityType))]),
  );
  for (const [k, v] of Object.entries(it.labels ?? {})) r.add(Req.of(k, 'In', [v]));
  return r;
}

/** A NodePool's requirements and template labels (NewNodeSelectorRequirements + NewLabelRequirements). */
export function nodePoolReqs(np: KarpenterNodePool): Reqs {
  return Reqs.fromNodeSelector(np.requirements).add(...Reqs.fromLabels(np.labels).values());
}

/** domain -> taint sets of the NodePools offering it; an empty set (a taintless NodePool) wins. */
export type DomainGroup = Map<string, Taint[][]>;

function insert(g: DomainGroup, domain: string, taints: Taint[]): void {
  const cur = g.get(domain);
  if (!cur || taints.length === 0) return void g.set(domain, [taints]);
  if (cur[0].length === 0) return;
  cur.push(taints);
}

export function buildDomainGroups(pools: readonly KarpenterNodePool[], its: readonly KarpenterInstanceType[]): Map<string, DomainGroup> {
  const groups = new Map<string, DomainGroup>();
  const at = (key: string) => groups.get(key) ?? (groups.set(key, new Map()), groups.get(key)!);
  for (const np of pools) {
    for (const it of its) {
      const r = nodePoolReqs(np).add(...instanceTypeReqs(it).values());
      // requirement.Values(): for a NotIn these are the excluded values, inserted all the same.
      for (const req of r.values()) for (const v of req.list()) insert(at(req.key), v, np.taints);
    }
    for (const req of nodePoolReqs(np).values()) {
      if (req.operator() === 'In') for (const v of req.list()) insert(at(req.key), v, np.taints);
    }
  }
  return groups;
}

/** ForEachDomain: with nodeTaintsPolicy Honor, only domains with a tolerated taint set. */
export function domainsFor(g: DomainGroup | undefined, pod: Pod, taintPolicy: string): string[] {
  const out: string[] = [];
  for (const [d, sets] of g ?? []) {
    if (taintPolicy === 'Ignore' || sets.some((ts) => !untolerated(ts, pod.spec?.tolerations))) out.push(d);
  }
  return out;
}

/** TopologyNodeFilter: which nodes (or NodeClaims) a spread counts, per its inclusion policies. */
export class NodeFilter {
  readonly terms: Reqs[];
  constructor(pod: Pod, readonly taintPolicy: string, readonly affinityPolicy: string) {
    const ns = Reqs.fromLabels(pod.spec?.nodeSelector);
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.terms = required ? (required.nodeSelectorTerms ?? []).map((t) => ns.clone().add(...Reqs.fromNodeSelector(t?.matchExpressions).values())) : [ns];
    this.tolerations = pod.spec?.tolerations ?? [];
  }
  readonly tolerations: readonly (Toleration | null)[];

  matches(taints: readonly Taint[], reqs: Reqs): boolean {
    if (this.affinityPolicy === 'Honor' && this.terms.length && !this.terms.some((t) => reqs.compatible(t) === undefined)) return false;
    if (this.taintPolicy === 'Honor' && untolerated(taints, this.tolerations)) return false;
    return true;
  }

  /** Part of a topology group's identity (hashstructure of the filter). */
  key(): string {
    return JSON.stringify([this.taintPolicy, this.affinityPolicy, this.terms.map((t) => t.toString()), this.tolerations]);
  }
}
