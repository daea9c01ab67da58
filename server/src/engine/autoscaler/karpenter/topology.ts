// Karpenter's topology (topology.go): the topology groups of the pods being provisioned (their spread
// constraints and pod (anti-)affinity terms, preferred ones included until relaxed), the inverse
// anti-affinity groups of pods that repel others, domain counts taken from the cluster, and the
// requirements a pod's topology adds to a node or NodeClaim.

import type { LabelSelector, LabelSelectorRequirement, Pod, PodAffinityTerm, Taint } from '../../api';
import type { Cluster } from '../../cluster';
import { safeLabelSelectorAsSelector } from '../../selectors';
import { type DomainGroup, domainsFor, HOSTNAME, NodeFilter } from './domains';
import { Req, Reqs } from './requirements';
import { TopologyGroup, type TopologyType } from './topologyGroup';

const MAX_INT32 = 2147483647;

export const podKey = (p: Pod) => `${p.metadata?.namespace ?? 'default'}/${p.metadata?.name ?? ''}`;

export class TopologyError {
  constructor(readonly group: TopologyGroup, readonly podDomains: Req, readonly nodeDomains: Req) {}
  toString(): string {
    const counts = [...this.group.domains.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).slice(0, 25).map(([d, c]) => `${d}: ${c}`).join(', ');
    return `unsatisfiable topology constraint for ${this.group.type}, key=${this.group.key} (counts = ${counts}, podDomains = ${this.podDomains.toString()}, nodeDomains = ${this.nodeDomains.toString()}`;
  }
}

function affinityTerms(pod: Pod, kind: 'podAffinity' | 'podAntiAffinity'): PodAffinityTerm[] {
  const a = pod.spec?.affinity?.[kind];
  if (!a) return [];
  return [...(a.requiredDuringSchedulingIgnoredDuringExecution ?? []), ...(a.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w?.podAffinityTerm)]
    .filter((t): t is PodAffinityTerm => !!t);
}

export class Topology {
  readonly groups = new Map<string, TopologyGroup>();
  readonly inverse = new Map<string, TopologyGroup>();
  private readonly excluded: Set<string>;

  constructor(private readonly cluster: Cluster, private readonly domainGroups: Map<string, DomainGroup>, pods: readonly Pod[]) {
    this.excluded = new Set(pods.map(podKey));
    // updateInverseAffinities: pods already running with required anti-affinity repel the new ones.
    for (const n of cluster.nodes) for (const pi of n.pods) if (!this.excluded.has(podKey(pi.pod)) && !pi.terminating) this.updateInverse(pi.pod, n.labels);
    for (const p of pods) this.update(p);
  }

  private namespaces(pod: Pod, term: { namespaces?: string[] | null; namespaceSelector?: LabelSelector | null }): Set<string> {
    const own = pod.metadata?.namespace ?? 'default';
    if (!term.namespaces?.length && !term.namespaceSelector) return new Set([own]);
    if (!term.namespaceSelector) return new Set(term.namespaces);
    const sel = safeLabelSelectorAsSelector(term.namespaceSelector);
    const out = new Set(term.namespaces ?? []);
    for (const ns of this.cluster.namespaces) if (sel.matches(ns.metadata?.labels ?? {})) out.add(ns.metadata?.name ?? '');
    return out;
  }

  private group(type: TopologyType, key: string, pod: Pod, ns: Set<string>, sel: LabelSelector | null | undefined, maxSkew: number, minDomains: number | undefined, filter: NodeFilter | undefined): TopologyGroup {
    const domains = domainsFor(this.domainGroups.get(key), pod, filter?.taintPolicy ?? '');
    return new TopologyGroup(type, key, ns, safeLabelSelectorAsSelector(sel), sel, maxSkew, minDomains, filter, domains);
  }

  private updateInverse(pod: Pod, nodeLabels: Record<string, string> | undefined): void {
    for (const term of pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (!term) continue;
      let tg = this.group('pod anti-affinity', term.topologyKey, pod, this.namespaces(pod, term), term.labelSelector, MAX_INT32, undefined, undefined);
      const h = tg.hash();
      tg = this.inverse.get(h) ?? (this.inverse.set(h, tg), tg);
      const d = nodeLabels?.[tg.key];
      if (d !== undefined) tg.record(d);
      tg.owners.add(podKey(pod));
    }
  }

  /** Update: the pod's groups again (after a relaxation removed a preference). */
  update(pod: Pod): void {
    const me = podKey(pod);
    for (const g of this.groups.values()) g.owners.delete(me);
    if (affinityTerms(pod, 'podAntiAffinity').length) this.updateInverse(pod, undefined);
    const fresh: TopologyGroup[] = [];
    for (const c of pod.spec?.topologySpreadConstraints ?? []) {
      if (!c) continue;
      // matchLabelKeys are merged into the selector (the fix for kubernetes-sigs/karpenter#1569).
      const extra: LabelSelectorRequirement[] = [];
      for (const k of c.matchLabelKeys ?? []) {
        const v = pod.metadata?.labels?.[k];
        if (v !== undefined) extra.push({ key: k, operator: 'In', values: [v] });
      }
      const sel = extra.length && c.labelSelector ? { ...c.labelSelector, matchExpressions: [...(c.labelSelector.matchExpressions ?? []), ...extra] } : c.labelSelector;
      const filter = new NodeFilter(pod, c.nodeTaintsPolicy ?? 'Ignore', c.nodeAffinityPolicy ?? 'Honor');
      fresh.push(this.group('topology spread', c.topologyKey, pod, new Set([pod.metadata?.namespace ?? 'default']), sel, c.maxSkew, c.minDomains ?? undefined, filter));
    }
    for (const [kind, type] of [['podAffinity', 'pod affinity'], ['podAntiAffinity', 'pod anti-affinity']] as const) {
      for (const t of affinityTerms(pod, kind)) fresh.push(this.group(type, t.topologyKey, pod, this.namespaces(pod, t), t.labelSelector, MAX_INT32, undefined, undefined));
    }
    for (let tg of fresh) {
      const h = tg.hash();
      const existing = this.groups.get(h);
      if (existing) tg = existing;
      else {
        this.countDomains(tg);
        this.groups.set(h, tg);
      }
      tg.owners.add(me);
    }
  }

  /** countDomains: matching running pods per domain; nodes the filter admits register their domain. */
  private countDomains(tg: TopologyGroup): void {
    for (const n of this.cluster.nodes) {
      const d = n.labels[tg.key];
      if (d !== undefined && (!tg.nodeFilter || tg.nodeFilter.matches(n.taints, Reqs.fromLabels(n.labels)))) tg.register(d);
    }
    for (const n of this.cluster.nodes) {
      const d = n.labels[tg.key] ?? (tg.key === HOSTNAME ? n.name : undefined);
      if (d === undefined) continue;
      if (tg.nodeFilter && !tg.nodeFilter.matches(n.taints, Reqs.fromLabels(n.labels))) continue;
      for (const pi of n.pods) {
        if (pi.terminating || this.excluded.has(podKey(pi.pod)) || !tg.namespaces.has(pi.namespace) || !tg.selector.matches(pi.labels)) continue;
        tg.record(d);
      }
    }
  }

  /** Record: a pod placed on a node or NodeClaim with these requirements counts in its domains. */
  record(pod: Pod, taints: readonly Taint[], reqs: Reqs): void {
    for (const tg of this.groups.values()) {
      if (!tg.selects(pod) || (tg.nodeFilter && !tg.nodeFilter.matches(taints, reqs))) continue;
      const d = reqs.get(tg.key);
      if (tg.type === 'pod anti-affinity') tg.record(...d.list());
      else if (!d.complement && d.values.size === 1) tg.record(d.list()[0]);
    }
    for (const tg of this.inverse.values()) if (tg.owners.has(podKey(pod))) tg.record(...reqs.get(tg.key).list());
  }

  register(key: string, domain: string): void {
    for (const tg of [...this.groups.values(), ...this.inverse.values()]) if (tg.key === key) tg.register(domain);
  }

  /** AddRequirements: the node's requirements narrowed by every topology that governs or counts the pod. */
  addRequirements(pod: Pod, podReqs: Reqs, nodeReqs: Reqs): { reqs: Reqs; ties: string[] } | TopologyError {
    const out = nodeReqs.clone();
    const ties: string[] = [];
    const me = podKey(pod);
    const matching = [...this.groups.values()].filter((g) => g.owners.has(me));
    for (const g of this.inverse.values()) if (g.selects(pod)) matching.push(g);
    for (const tg of matching) {
      const podDomains = podReqs.has(tg.key) ? podReqs.get(tg.key) : Req.of(tg.key, 'Exists');
      const nodeDomains = nodeReqs.has(tg.key) ? nodeReqs.get(tg.key) : Req.of(tg.key, 'Exists');
      const { req } = tg.get(pod, podDomains, nodeDomains, (d) => ties.push(`Karpenter ${tg.key}: ${d.map((x) => x || '""').join(', ')} hold equally few pods; the model takes ${d[0]} (upstream: Go map order)`));
      if (req.len() === 0) return new TopologyError(tg, podDomains, nodeDomains);
      out.add(req);
    }
    return { reqs: out, ties };
  }
}
