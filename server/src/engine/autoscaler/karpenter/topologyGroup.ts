// One topology group (topologygroup.go): a spread constraint, or a pod (anti-)affinity term, with the
// pod count per domain Karpenter keeps while it packs pods onto NodeClaims, and how it narrows a
// NodeClaim's domains for the next pod. Go map order decides between equally good domains upstream;
// here the first in sorted order is taken and the others are reported as a tie.

import type { LabelSelector, Pod } from '../../api';
import type { Selector } from '../../selectors';
import { HOSTNAME, type NodeFilter } from './domains';
import { Req } from './requirements';

export type TopologyType = 'topology spread' | 'pod affinity' | 'pod anti-affinity';

const MAX_INT32 = 2147483647;

export class TopologyGroup {
  readonly owners = new Set<string>();
  readonly domains = new Map<string, number>();
  readonly empty = new Set<string>();

  constructor(
    readonly type: TopologyType,
    readonly key: string,
    readonly namespaces: ReadonlySet<string>,
    readonly selector: Selector,
    readonly rawSelector: LabelSelector | null | undefined,
    readonly maxSkew: number,
    readonly minDomains: number | undefined,
    readonly nodeFilter: NodeFilter | undefined,
    initialDomains: readonly string[],
  ) {
    for (const d of initialDomains) this.register(d);
  }

  /** Hash(): key, type, namespaces, maxSkew, node filter and selector; minDomains is not part of it. */
  hash(): string {
    return JSON.stringify([this.key, this.type, [...this.namespaces].sort(), this.maxSkew, this.nodeFilter?.key() ?? '', this.rawSelector ?? null]);
  }

  selects(pod: Pod): boolean {
    return this.namespaces.has(pod.metadata?.namespace ?? 'default') && this.selector.matches(pod.metadata?.labels ?? {});
  }

  record(...domains: string[]): void {
    for (const d of domains) {
      this.domains.set(d, (this.domains.get(d) ?? 0) + 1);
      this.empty.delete(d);
    }
  }

  register(...domains: string[]): void {
    for (const d of domains) {
      if (this.domains.has(d)) continue;
      this.domains.set(d, 0);
      this.empty.add(d);
    }
  }

  /** Get: the domains a NodeClaim may take for `pod`, and (spread) every domain within maxSkew. */
  get(pod: Pod, podDomains: Req, nodeDomains: Req, ties: (domains: string[]) => void): { req: Req; valid: string[] } {
    if (this.type === 'topology spread') return this.nextSpread(pod, podDomains, nodeDomains, ties);
    const req = this.type === 'pod affinity' ? this.nextAffinity(pod, podDomains, nodeDomains) : this.nextAntiAffinity(podDomains, nodeDomains);
    return { req, valid: req.list() };
  }

  private sorted(): string[] {
    return [...this.domains.keys()].sort();
  }

  private minCount(podDomains: Req): number {
    if (this.key === HOSTNAME) return 0;
    let min = MAX_INT32;
    let supported = 0;
    for (const [d, c] of this.domains) {
      if (!podDomains.has(d)) continue;
      supported++;
      if (c < min) min = c;
    }
    if (this.minDomains !== undefined && supported < this.minDomains) min = 0;
    return min;
  }

  private nextSpread(pod: Pod, podDomains: Req, nodeDomains: Req, ties: (domains: string[]) => void): { req: Req; valid: string[] } {
    const self = this.selects(pod);
    const nodeIn = nodeDomains.list();
    // A NodeClaim or node with one hostname: at most maxSkew matching pods on it, the global minimum ignored.
    if (this.key === HOSTNAME && !nodeDomains.complement && nodeIn.length === 1) {
      const host = nodeIn[0];
      const count = (this.domains.get(host) ?? 0) + (self ? 1 : 0);
      return count <= this.maxSkew ? { req: Req.of(this.key, 'In', [host]), valid: [host] } : { req: Req.of(this.key, 'DoesNotExist'), valid: [] };
    }
    const min = this.minCount(podDomains);
    const valid: string[] = [];
    let minCount = MAX_INT32;
    let best: string[] = [];
    const candidates = nodeDomains.operator() === 'In' ? nodeIn.filter((d) => this.domains.has(d)) : this.sorted().filter((d) => nodeDomains.has(d));
    for (const d of candidates) {
      const count = this.domains.get(d)! + (self ? 1 : 0);
      if (count - min > this.maxSkew) continue;
      valid.push(d);
      if (count < minCount) [minCount, best] = [count, [d]];
      else if (count === minCount) best.push(d);
    }
    // minDomain == "" is also upstream's "nothing found": a domain named "" is never chosen, and when it
    // is the only domain with the fewest pods nothing is (Azure/karpenter-provider-azure#1384).
    best.sort((a, b) => (a === '' ? 1 : b === '' ? -1 : 0));
    if (best.length === 0 || best[0] === '') return { req: Req.of(this.key, 'DoesNotExist'), valid };
    if (best.length > 1) ties(best);
    return { req: Req.of(this.key, 'In', [best[0]]), valid };
  }

  private anyCompatible(podDomains: Req): boolean {
    for (const [d, c] of this.domains) if (podDomains.has(d) && c > 0) return true;
    return false;
  }

  private nextAffinity(pod: Pod, podDomains: Req, nodeDomains: Req): Req {
    const options = new Set<string>();
    const out = () => (options.size ? Req.of(this.key, 'In', [...options]) : Req.of(this.key, 'DoesNotExist'));
    const bootstrap = () => this.selects(pod) && (this.domains.size === this.empty.size || !this.anyCompatible(podDomains));
    const nodeIn = nodeDomains.list();
    if (this.key === HOSTNAME && !nodeDomains.complement && nodeIn.length === 1) {
      const host = nodeIn[0];
      if (!podDomains.has(host)) return out();
      if ((this.domains.get(host) ?? 0) > 0 || bootstrap()) options.add(host);
      return out();
    }
    if (nodeDomains.operator() === 'In') {
      for (const d of nodeIn) if (podDomains.has(d) && (this.domains.get(d) ?? 0) > 0) options.add(d);
    } else {
      for (const d of this.sorted()) if (podDomains.has(d) && this.domains.get(d)! > 0 && nodeDomains.has(d)) options.add(d);
    }
    if (options.size) return out();
    if (bootstrap()) {
      const first = this.sorted().find((d) => podDomains.has(d) && nodeDomains.has(d));
      if (first !== undefined) options.add(first);
      const any = this.sorted().find((d) => podDomains.has(d));
      if (any !== undefined) options.add(any);
    }
    return out();
  }

  private nextAntiAffinity(podDomains: Req, nodeDomains: Req): Req {
    const nodeIn = nodeDomains.list();
    if (this.key === HOSTNAME && !nodeDomains.complement && nodeIn.length === 1) {
      return (this.domains.get(nodeIn[0]) ?? 0) === 0 ? Req.of(this.key, 'In', [nodeIn[0]]) : Req.of(this.key, 'DoesNotExist');
    }
    const options = nodeDomains.operator() === 'In' && nodeIn.length < this.empty.size
      ? nodeIn.filter((d) => this.empty.has(d) && podDomains.has(d))
      : [...this.empty].sort().filter((d) => nodeDomains.has(d) && podDomains.has(d));
    return options.length ? Req.of(this.key, 'In', options) : Req.of(this.key, 'DoesNotExist');
  }
}
