// The nodes Karpenter packs pods onto (nodeclaimtemplate.go, nodeclaim.go, existingnode.go): a
// NodePool's NodeClaim template, a NodeClaim being built in memory (its requirements narrow with each
// pod, its instance type options shrink to those that hold all its pods), and an existing node (its
// labels, taints and free resources). CanAdd answers with the narrowed requirements or the error text
// Karpenter would log; Add commits the pod and records it in the topology.

import type { Pod, Taint } from '../../api';
import type { NodeInfo } from '../../cluster';
import type { KarpenterNodePool } from '../types';
import { HOSTNAME, NODEPOOL, nodePoolReqs, taintString, untolerated } from './domains';
import { filterInstanceTypes, type IT } from './instanceTypes';
import { fits, merge, type PodData, type Res, resList } from './podData';
import { Req, Reqs } from './requirements';
import { type Topology, TopologyError } from './topology';

export interface Template {
  pool: KarpenterNodePool;
  reqs: Reqs;
  options: IT[];
}

/** NewNodeClaimTemplate: the pool's requirements, labels, its own name label, registered/initialized. */
export function nodeClaimTemplate(pool: KarpenterNodePool, its: readonly IT[]): Template | undefined {
  const reqs = nodePoolReqs(pool).add(Req.of(NODEPOOL, 'In', [pool.name]), Req.of('karpenter.sh/registered', 'In', ['true']), Req.of('karpenter.sh/initialized', 'In', ['true']));
  const options = filterInstanceTypes(its, reqs, new Map(), new Map());
  // "skipping, nodepool requirements filtered out all instance types"
  return typeof options === 'string' ? undefined : { pool, reqs, options };
}

export type CanAdd = { reqs: Reqs; options: IT[]; ties: string[] } | { error: string };

const tolerationError = (taints: readonly Taint[], pod: Pod): string | undefined => {
  const t = untolerated(taints, pod.spec?.tolerations);
  return t ? `did not tolerate taint (taint=${taintString(t)})` : undefined;
};

function withTopology(topology: Topology, pod: Pod, data: PodData, reqs: Reqs): { reqs: Reqs; ties: string[] } | { error: string } {
  const t = topology.addRequirements(pod, data.strict, reqs);
  if (t instanceof TopologyError) return { error: t.toString() };
  const err = reqs.compatible(t.reqs, true);
  if (err) return { error: err };
  return { reqs: reqs.clone().add(...t.reqs.values()), ties: t.ties };
}

export class NodeClaim {
  readonly pods: Pod[] = [];
  requests: Res = new Map();
  reqs: Reqs;
  options: IT[];
  ties: string[] = [];

  constructor(readonly template: Template, readonly hostname: string, options: IT[], private readonly topology: Topology) {
    this.reqs = template.reqs.clone().add(Req.of(HOSTNAME, 'In', [hostname]));
    this.options = options;
  }

  get taints(): Taint[] {
    return this.template.pool.taints;
  }

  canAdd(pod: Pod, data: PodData): CanAdd {
    const te = tolerationError(this.taints, pod);
    if (te) return { error: te };
    const incompatible = this.reqs.compatible(data.requirements, true);
    if (incompatible) return { error: `incompatible requirements, ${incompatible}` };
    const base = this.reqs.clone().add(...data.requirements.values());
    const t = withTopology(this.topology, pod, data, base);
    if ('error' in t) return t;
    const options = filterInstanceTypes(this.options, t.reqs, data.requests, merge(this.requests, data.requests));
    if (typeof options === 'string') return { error: options };
    return { reqs: t.reqs, options, ties: t.ties };
  }

  add(pod: Pod, data: PodData, r: { reqs: Reqs; options: IT[]; ties: string[] }): void {
    this.pods.push(pod);
    this.options = r.options;
    this.requests = merge(this.requests, data.requests);
    this.reqs = r.reqs;
    this.ties.push(...r.ties);
    this.topology.register(HOSTNAME, this.hostname);
    this.topology.record(pod, this.taints, this.reqs);
  }
}

export class ExistingNode {
  readonly pods: Pod[] = [];
  remaining: Res;
  reqs: Reqs;
  ties: string[] = [];

  constructor(readonly node: NodeInfo, private readonly topology: Topology) {
    const used: Res = new Map([['cpu', node.requested.milliCPU], ['memory', node.requested.memory * 1000], ['ephemeral-storage', node.requested.ephemeralStorage * 1000], ['pods', node.pods.length * 1000]]);
    for (const [k, v] of Object.entries(node.requested.scalar)) used.set(k, v * 1000);
    this.remaining = resList(node.node.status?.allocatable);
    for (const [k, v] of used) this.remaining.set(k, (this.remaining.get(k) ?? 0) - v);
    this.reqs = Reqs.fromLabels(node.labels).add(Req.of(HOSTNAME, 'In', [node.labels[HOSTNAME] ?? node.name]));
    topology.register(HOSTNAME, node.labels[HOSTNAME] ?? node.name);
  }

  get name(): string {
    return this.node.name;
  }

  canAdd(pod: Pod, data: PodData): CanAdd {
    const te = tolerationError(this.node.taints, pod);
    if (te) return { error: te };
    if (!fits(data.requests, this.remaining)) return { error: 'exceeds node resources' };
    const incompatible = this.reqs.compatible(data.requirements);
    if (incompatible) return { error: incompatible };
    const t = withTopology(this.topology, pod, data, this.reqs.clone().add(...data.requirements.values()));
    if ('error' in t) return t;
    return { reqs: t.reqs, options: [], ties: t.ties };
  }

  add(pod: Pod, data: PodData, r: { reqs: Reqs; ties: string[] }): void {
    this.pods.push(pod);
    for (const [k, v] of data.requests) this.remaining.set(k, (this.remaining.get(k) ?? 0) - v);
    this.reqs = r.reqs;
    this.ties.push(...r.ties);
    this.topology.record(pod, this.node.taints, this.reqs);
  }
}
