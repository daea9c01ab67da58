// Karpenter's provisioning scheduler (scheduler.go Solve, trySchedule, add): pods from the queue, each
// tried on the existing nodes (initialized first, then by name), then on the NodeClaims already planned
// in this pass (fewest pods first), then on a new NodeClaim of each NodePool in weight order; a pod that
// fits nowhere has a preference relaxed and is tried again, and when nothing is left to relax it goes
// to the back of the queue with its error. NodePool limits: what the pool's nodes already hold is
// subtracted from spec.limits, and each new NodeClaim subtracts the largest of its instance types.

import type { Pod } from '../../api';
import type { Cluster } from '../../cluster';
import type { KarpenterConfig, KarpenterNodePool } from '../types';
import { buildDomainGroups, NODEPOOL } from './domains';
import { type IT, prepareInstanceTypes } from './instanceTypes';
import { type CanAdd, ExistingNode, NodeClaim, nodeClaimTemplate, type Template } from './nodeclaim';
import { podData, type PodData, type Res, resList } from './podData';
import { relax } from './preferences';
import { Queue } from './queue';
import { Topology } from './topology';

export interface Solution {
  nodeClaims: NodeClaim[];
  existing: ExistingNode[];
  errors: Map<Pod, string>;
}

/** nodepoolutils.OrderByWeight: heavier first; equal weights by name, descending. */
export function orderByWeight(pools: readonly KarpenterNodePool[]): KarpenterNodePool[] {
  return [...pools].sort((a, b) => b.weight - a.weight || (a.name > b.name ? -1 : a.name < b.name ? 1 : 0));
}

const clone = (p: Pod): Pod => JSON.parse(JSON.stringify(p)) as Pod;

export class KarpenterScheduler {
  private readonly templates: Template[];
  private readonly topology: Topology;
  private readonly existing: ExistingNode[];
  private readonly nodeClaims: NodeClaim[] = [];
  /** The same NodeClaims in the order they were created (nodeClaims is re-sorted by pod count). */
  private readonly created: NodeClaim[] = [];
  private readonly remaining = new Map<string, Res>();
  private readonly data = new Map<Pod, PodData>();
  private readonly toleratePreferNoSchedule: boolean;
  private readonly its: IT[];

  constructor(cluster: Cluster, pods: readonly Pod[], cfg: KarpenterConfig, private readonly taken: (name: string) => boolean) {
    const pools = orderByWeight(cfg.nodePools);
    this.its = prepareInstanceTypes(cfg.instanceTypes);
    this.templates = pools.map((p) => nodeClaimTemplate(p, this.its)).filter((t): t is Template => t !== undefined);
    this.toleratePreferNoSchedule = pools.some((p) => p.taints.some((t) => t.effect === 'PreferNoSchedule'));
    this.topology = new Topology(cluster, buildDomainGroups(pools, cfg.instanceTypes), pods);
    for (const p of pools) if (p.limits) this.remaining.set(p.name, resList(p.limits));
    this.existing = [...cluster.nodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((n) => {
      const left = this.remaining.get(n.labels[NODEPOOL] ?? '');
      if (left) for (const [k, v] of [...resList(n.node.status?.capacity ?? n.node.status?.allocatable), ['nodes', 1000] as const]) if (left.has(k)) left.set(k, left.get(k)! - v);
      return new ExistingNode(n, this.topology);
    });
  }

  private dataOf(p: Pod): PodData {
    return this.data.get(p) ?? (this.data.set(p, podData(p)), this.data.get(p)!);
  }

  solve(pods: readonly Pod[]): Solution {
    const errors = new Map<Pod, string>();
    const q = new Queue(pods, (p) => this.dataOf(p));
    for (let p = q.pop(); p !== undefined; p = q.pop()) {
      // trySchedule works on a copy: its relaxations do not outlive this attempt.
      const err = this.trySchedule(p, clone(p));
      if (err === undefined) {
        errors.delete(p);
        continue;
      }
      errors.set(p, err);
      this.topology.update(p);
      this.data.set(p, podData(p));
      q.push(p);
    }
    return { nodeClaims: this.created, existing: this.existing, errors };
  }

  private trySchedule(original: Pod, pod: Pod): string | undefined {
    let data = this.dataOf(original);
    for (;;) {
      const err = this.add(original, pod, data);
      if (err === undefined) return undefined;
      if (relax(pod, this.toleratePreferNoSchedule) === undefined) return err;
      this.topology.update(pod);
      data = podData(pod);
    }
  }

  private add(original: Pod, pod: Pod, data: PodData): string | undefined {
    for (const n of this.existing) {
      const r = n.canAdd(pod, data);
      if (!('error' in r)) return void n.add(original, data, r);
    }
    // Fewest pods first (upstream's sort.Slice is not stable; a stable sort here).
    this.nodeClaims.sort((a, b) => a.pods.length - b.pods.length);
    for (const nc of this.nodeClaims) {
      const r = nc.canAdd(pod, data);
      if (!('error' in r)) return void nc.add(original, data, r);
    }
    if (this.templates.length === 0) return 'nodepool requirements filtered out all available instance types';
    return this.addToNew(original, pod, data);
  }

  private addToNew(original: Pod, pod: Pod, data: PodData): string | undefined {
    const errs: string[] = [];
    for (const t of this.templates) {
      let options = t.options;
      const left = this.remaining.get(t.pool.name);
      if (left) {
        if (left.get('nodes') === 0) {
          errs.push(`node limits have been exhausted for nodepool (NodePool=${t.pool.name})`);
          continue;
        }
        options = options.filter((it) => [...left].every(([k, v]) => (it.capacity.get(k) ?? 0) <= v));
        if (!options.length) {
          errs.push(`all available instance types exceed limits for nodepool (NodePool=${t.pool.name})`);
          continue;
        }
      }
      const nc = new NodeClaim(t, this.freshName(t.pool.name), options, this.topology);
      const r: CanAdd = nc.canAdd(pod, data);
      if ('error' in r) {
        errs.push(this.templates.length > 1 ? `${r.error} (NodePool=${t.pool.name})` : r.error);
        continue;
      }
      nc.add(original, data, r);
      this.nodeClaims.push(nc);
      this.created.push(nc);
      if (left) this.subtractMax(left, nc.options);
      return undefined;
    }
    return errs.join('; ');
  }

  /** `<pool>-new-<n>`: the NodeClaim's hostname and later its node's name, so users see it is new. */
  private freshName(pool: string): string {
    const used = new Set(this.nodeClaims.map((nc) => nc.hostname));
    for (let n = 1; ; n++) {
      const name = `${pool}-new-${n}`;
      if (!used.has(name) && !this.taken(name)) return name;
    }
  }

  /** subtractMax: each limited resource less the largest capacity among the NodeClaim's instance types. */
  private subtractMax(left: Res, options: readonly IT[]): void {
    for (const [k, v] of left) left.set(k, v - Math.max(0, ...options.map((it) => it.capacity.get(k) ?? 0)));
  }
}
