// Karpenter's requirement algebra (kubernetes-sigs/karpenter pkg/scheduling/requirement.go and
// requirements.go): one key's allowed values as a set or the complement of a set, with integer bounds
// from Gt/Lt; a NodeClaim, a pod and an instance type are each a map of these, and Karpenter intersects
// them. Kept separate from the engine's label selectors because Karpenter's rules differ from
// kube-scheduler's (Exists is the complement of nothing, Values() of a NotIn are the excluded values,
// DoesNotExist is the empty In set).

import type { Labels, NodeSelectorRequirement } from '../../api';

export type ReqOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** v1.WellKnownLabels: keys a NodePool need not define for a pod to select them. */
export const WELL_KNOWN_LABELS = new Set([
  'karpenter.sh/nodepool', 'topology.kubernetes.io/zone', 'topology.kubernetes.io/region', 'node.kubernetes.io/instance-type',
  'kubernetes.io/arch', 'kubernetes.io/os', 'karpenter.sh/capacity-type', 'node.kubernetes.io/windows-build',
]);

const within = (v: string, gte: number | undefined, lte: number | undefined): boolean => {
  if (gte === undefined && lte === undefined) return true;
  if (!/^-?\d+$/.test(v)) return false;
  const n = Number(v);
  return (gte === undefined || n >= gte) && (lte === undefined || n <= lte);
};

const maxOf = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
const minOf = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));

export class Req {
  constructor(
    readonly key: string,
    readonly complement: boolean,
    readonly values: Set<string>,
    readonly gte?: number,
    readonly lte?: number,
  ) {}

  /** NewRequirement: In keeps the values; NotIn/Exists are complements; Gt/Lt become inclusive bounds. */
  static of(key: string, op: string, values: readonly string[] = []): Req {
    switch (op) {
      case 'In': return new Req(key, false, new Set(values));
      case 'DoesNotExist': return new Req(key, false, new Set());
      case 'NotIn': return new Req(key, true, new Set(values));
      case 'Gt': return new Req(key, true, new Set(), Number(values[0]) + 1);
      case 'Lt': return new Req(key, true, new Set(), undefined, Number(values[0]) - 1);
      default: return new Req(key, true, new Set());
    }
  }

  operator(): ReqOperator {
    if (this.complement) return this.values.size > 0 ? 'NotIn' : 'Exists';
    return this.values.size > 0 ? 'In' : 'DoesNotExist';
  }

  /** Len(): the count of allowed values; a complement is (practically) infinite. */
  len(): number {
    return this.complement ? Number.MAX_SAFE_INTEGER - this.values.size : this.values.size;
  }

  has(v: string): boolean {
    return (this.complement ? !this.values.has(v) : this.values.has(v)) && within(v, this.gte, this.lte);
  }

  /** Values(): the listed values (for a NotIn, the excluded ones), sorted so the model is deterministic. */
  list(): string[] {
    return [...this.values].sort();
  }

  intersection(o: Req): Req {
    const complement = this.complement && o.complement;
    const gte = maxOf(this.gte, o.gte);
    const lte = minOf(this.lte, o.lte);
    if (gte !== undefined && lte !== undefined && gte > lte) return new Req(this.key, false, new Set());
    let values: Set<string>;
    if (this.complement && o.complement) values = new Set([...this.values, ...o.values]);
    else if (this.complement) values = new Set([...o.values].filter((v) => !this.values.has(v)));
    else if (o.complement) values = new Set([...this.values].filter((v) => !o.values.has(v)));
    else values = new Set([...this.values].filter((v) => o.values.has(v)));
    for (const v of values) if (!within(v, gte, lte)) values.delete(v);
    return complement ? new Req(this.key, true, values, gte, lte) : new Req(this.key, false, values);
  }

  hasIntersection(o: Req): boolean {
    const gte = maxOf(this.gte, o.gte);
    const lte = minOf(this.lte, o.lte);
    if (gte !== undefined && lte !== undefined && gte > lte) return false;
    if (this.complement && o.complement) return true;
    if (this.complement) return [...o.values].some((v) => !this.values.has(v) && within(v, gte, lte));
    if (o.complement) return [...this.values].some((v) => !o.values.has(v) && within(v, gte, lte));
    return [...this.values].some((v) => o.values.has(v) && within(v, gte, lte));
  }

  toString(): string {
    const op = this.operator();
    const vals = this.list();
    let s = op === 'Exists' || op === 'DoesNotExist' ? `${this.key} ${op}` : `${this.key} ${op} [${vals.length > 5 ? [...vals.slice(0, 5), `and ${vals.length - 5} others`].join(' ') : vals.join(' ')}]`;
    if (this.gte !== undefined) s += ` >=${this.gte}`;
    if (this.lte !== undefined) s += ` <=${this.lte}`;
    return s;
  }
}

/** scheduling.Requirements: key -> requirement; Add intersects with what is there. */
export class Reqs {
  readonly map = new Map<string, Req>();

  static from(...reqs: Req[]): Reqs {
    const r = new Reqs();
    r.add(...reqs);
    return r;
  }

  /** NewNodeSelectorRequirements (matchExpressions of a term, a NodePool's requirements). */
  static fromNodeSelector(list: readonly (NodeSelectorRequirement | null | undefined)[] | null | undefined): Reqs {
    return Reqs.from(...(list ?? []).filter((x): x is NodeSelectorRequirement => !!x).map((x) => Req.of(x.key, x.operator, (x.values ?? []).map(String))));
  }

  /** NewLabelRequirements: each label as `key In [value]`. */
  static fromLabels(labels: Labels | null | undefined): Reqs {
    return Reqs.from(...Object.entries(labels ?? {}).map(([k, v]) => Req.of(k, 'In', [String(v)])));
  }

  clone(): Reqs {
    return Reqs.from(...this.map.values());
  }

  add(...reqs: Req[]): this {
    for (const r of reqs) {
      const cur = this.map.get(r.key);
      this.map.set(r.key, cur ? cur.intersection(r) : r);
    }
    return this;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  /** Get: an undefined key is `Exists`. */
  get(key: string): Req {
    return this.map.get(key) ?? Req.of(key, 'Exists');
  }

  values(): Req[] {
    return [...this.map.values()];
  }

  /**
   * Compatible: every key `other` requires must be defined here (unless it is a well-known label and
   * `allowUndefinedWellKnown`, or `other` only excludes values), then Intersects. The error text, or
   * undefined when compatible.
   */
  compatible(other: Reqs, allowUndefinedWellKnown = false): string | undefined {
    for (const [key, r] of other.map) {
      if (allowUndefinedWellKnown && WELL_KNOWN_LABELS.has(key)) continue;
      const op = r.operator();
      if (this.has(key) || op === 'NotIn' || op === 'DoesNotExist') continue;
      return `label "${key}" does not have known values`;
    }
    return this.intersects(other);
  }

  /** Intersects: each shared key must overlap, unless both sides only exclude values. */
  intersects(other: Reqs): string | undefined {
    const errs: string[] = [];
    for (const key of [...this.map.keys()].sort()) {
      const incoming = other.map.get(key);
      if (!incoming) continue;
      const existing = this.map.get(key)!;
      if (existing.hasIntersection(incoming)) continue;
      const excl = (o: ReqOperator) => o === 'NotIn' || o === 'DoesNotExist';
      if (excl(incoming.operator()) && excl(existing.operator())) continue;
      errs.push(`key ${key}, ${incoming.toString()} not in ${existing.toString()}`);
    }
    return errs.length ? errs.join('; ') : undefined;
  }

  toString(): string {
    return this.values().map((r) => r.toString()).sort().join(', ');
  }
}
