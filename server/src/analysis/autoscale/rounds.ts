// Autoscaling after kube-scheduler: the replicas it left Pending go to the fixture's autoscaler(s)
// (engine/autoscaler/: Karpenter first, then cluster-autoscaler for what Karpenter did not take), the
// new nodes join a fork of the cluster, and kube-scheduler places the still-Pending replicas again,
// round after round until nothing changes (bounded: a real autoscaler loops every 10 s, but a scale-up
// that places nothing would loop forever). Earlier placements stay where they are: the nodes appear
// after the scheduler placed them, as in a real cluster.

import {
  type AutoscalingInput, type Cluster, type Placement, type PendingReplica, type Pod,
  type ProvisionResult, type ScaleUp, Scheduler, simulateReplicas,
} from '../../engine';
import type { AnalysisContext } from '../context';
import { type AutoscalerModels, MODELS } from './models';

/** Scale-up rounds at most; each must add a node and place a replica to go on. */
export const MAX_AUTOSCALE_ROUNDS = 5;

export type AutoscalerName = ScaleUp['by'];

/** Karpenter's answer vs kube-scheduler's for one pod (finding spread/karpenter-diverges). */
export interface Divergence {
  replica: number;
  pod: string;
  /**
   * Where Karpenter's own scheduling simulation put the pod (a node it launches, or an existing one), or
   * `refused`: the error it logs when it launches nothing for the pod (then `node` is absent).
   */
  karpenter: { node?: string; zone?: string; refused?: string };
  /** Where kube-scheduler placed it on the grown cluster, or Pending with its message. */
  kubeScheduler: { node?: string; zone?: string; pending?: string };
}

export interface AutoscaleOutcome {
  /** The cluster with the new nodes and every placement; the original fork when nothing was added. */
  cluster: Cluster;
  scheduler: Scheduler;
  scaleUps: ScaleUp[];
  newNodes: Set<string>;
  /** Placements of replicas that were Pending before the scale-up (replica numbers of the workload). */
  placements: Placement[];
  /** What is still Pending after the last round. */
  pending: PendingReplica[];
  /** Per still-Pending replica: why the autoscaler(s) did not add a node for it, in their words. */
  notTriggered: Map<number, { by: AutoscalerName; reason: string }[]>;
  divergences: Divergence[];
  /** Equally possible choices the autoscalers reported (random expander, equal prices). */
  ties: string[];
  rounds: number;
}

const nameOf = (p: Pod) => p.metadata?.name ?? '';

/** One autoscaler loop for `pods` (also the what-ifs' loop, analysis/whatif/world.ts). */
export function provision(models: AutoscalerModels, ctx: AnalysisContext, a: AutoscalingInput, cluster: Cluster, pods: readonly Pod[]): { by: AutoscalerName; result: ProvisionResult }[] {
  const out: { by: AutoscalerName; result: ProvisionResult }[] = [];
  let left = pods;
  if (a.karpenter) {
    const result = models.karpenter(cluster, left, a.karpenter, ctx.env, ctx.profile);
    out.push({ by: 'karpenter', result });
    // cluster-autoscaler, when both run, sees the pods Karpenter would not launch a node for.
    const refused = new Set(result.notTriggered.map((n) => nameOf(n.pod)));
    left = left.filter((p) => refused.has(nameOf(p)));
  }
  if (a.clusterAutoscaler && left.length) out.push({ by: 'cluster-autoscaler', result: models.clusterAutoscaler(cluster, left, a.clusterAutoscaler, ctx.env, ctx.profile) });
  return out;
}

/**
 * `cluster`/`scheduler`: after the first placement (mutated by it); `pending`: what it left Pending;
 * `podFor`: the workload's pods by replica number.
 */
export function autoscaleRounds(
  ctx: AnalysisContext, a: AutoscalingInput, cluster: Cluster, scheduler: Scheduler, pending: readonly PendingReplica[], podFor: (i: number) => Pod,
  models: AutoscalerModels = MODELS,
): AutoscaleOutcome {
  const out: AutoscaleOutcome = {
    cluster, scheduler, scaleUps: [], newNodes: new Set(), placements: [], pending: [...pending], notTriggered: new Map(), divergences: [], ties: [], rounds: 0,
  };
  const intended = new Map<string, string>(); // pod name -> Karpenter's node
  const refused = new Map<string, string>(); // pod name -> why Karpenter launched nothing for it
  // Replicas the controller has not created (OrderedReady) wait for their predecessor, not for a node.
  const schedulable = (p: PendingReplica) => !p.message.startsWith('not created:');
  while (out.rounds < MAX_AUTOSCALE_ROUNDS) {
    const waiting = out.pending.filter(schedulable);
    if (waiting.length === 0) break;
    const pods = waiting.map((p) => podFor(p.replica));
    const results = provision(models, ctx, a, out.cluster, pods);
    out.notTriggered = new Map();
    for (const { by, result } of results) {
      for (const n of result.notTriggered) {
        const replica = waiting[pods.findIndex((p) => nameOf(p) === nameOf(n.pod))]?.replica;
        if (replica === undefined) continue;
        const list = out.notTriggered.get(replica) ?? [];
        list.push({ by, reason: n.reason });
        out.notTriggered.set(replica, list);
      }
    }
    // Karpenter's answer counts even when it launches nothing (it may nominate an existing node).
    for (const { by, result } of results) {
      if (by !== 'karpenter') continue;
      for (const [pod, node] of result.intended ?? []) {
        intended.set(pod, node);
        refused.delete(pod);
      }
      for (const n of result.notTriggered) {
        refused.set(nameOf(n.pod), n.reason);
        intended.delete(nameOf(n.pod));
      }
    }
    const added = results.flatMap((r) => r.result.newNodes).filter((n) => !out.cluster.nodeByName.has(n.metadata?.name ?? ''));
    if (added.length === 0) break;
    out.rounds++;
    for (const { result } of results) {
      out.scaleUps.push(...result.scaleUps);
      out.ties.push(...(result.ties ?? []));
    }
    for (const n of added) out.newNodes.add(n.metadata?.name ?? '');
    out.cluster = out.cluster.withNodes(added);
    out.scheduler = new Scheduler({ cluster: out.cluster, env: ctx.env }, scheduler.profile);
    // kube-scheduler again, for every replica still Pending (in replica order, as the queue retries them).
    const again = out.pending.map((p) => p.replica);
    const r = simulateReplicas(out.scheduler, { replicas: again.length, podFor: (k) => podFor(again[k]) });
    const placedBefore = out.placements.length;
    for (const p of r.placements) out.placements.push({ ...p, replica: again[p.replica] });
    out.pending = r.pending.map((p) => ({ ...p, replica: again[p.replica] }));
    if (out.placements.length === placedBefore) break; // nodes added, nothing placed: the next round would add the same
  }
  out.placements.sort((x, y) => x.replica - y.replica);
  out.divergences = divergences(out, intended, refused, podFor);
  return out;
}

function zoneOf(cluster: Cluster, node: string | undefined): string | undefined {
  return node === undefined ? undefined : cluster.nodeByName.get(node)?.labels['topology.kubernetes.io/zone'];
}

/** A pod spreading by hostname: its domain is the node, so another node is another answer. */
const spreadsByNode = (pod: Pod) => (pod.spec?.topologySpreadConstraints ?? []).some((c) => c?.topologyKey === 'kubernetes.io/hostname');

/**
 * Pods Karpenter meant for one place that kube-scheduler put in another zone (another node, for a
 * hostname spread) or left Pending, and pods Karpenter refused that kube-scheduler placed.
 */
function divergences(out: AutoscaleOutcome, intended: Map<string, string>, refused: Map<string, string>, podFor: (i: number) => Pod): Divergence[] {
  if (intended.size === 0 && refused.size === 0) return [];
  const list: Divergence[] = [];
  // A node cluster-autoscaler added is its answer, not kube-scheduler's disagreeing with Karpenter.
  const caNodes = new Set(out.scaleUps.filter((u) => u.by === 'cluster-autoscaler').flatMap((u) => u.nodeNames));
  const check = (replica: number, actual: { node?: string; pending?: string }) => {
    const p = podFor(replica);
    const pod = nameOf(p);
    const meant = intended.get(pod);
    const zone = zoneOf(out.cluster, actual.node);
    const kubeScheduler = { ...opt('node', actual.node), ...opt('zone', zone), ...opt('pending', actual.pending) };
    if (meant === undefined) {
      const why = refused.get(pod);
      if (why !== undefined && actual.node !== undefined && !caNodes.has(actual.node)) list.push({ replica, pod, karpenter: { refused: why }, kubeScheduler });
      return;
    }
    const karpenter = { node: meant, ...opt('zone', zoneOf(out.cluster, meant)) };
    if (actual.node !== undefined && (actual.node === meant || (zone === karpenter.zone && !spreadsByNode(p)))) return;
    list.push({ replica, pod, karpenter, kubeScheduler });
  };
  for (const p of out.placements) check(p.replica, { node: p.node });
  for (const p of out.pending) check(p.replica, { pending: p.message });
  return list.sort((x, y) => x.replica - y.replica);
}

function opt<K extends string>(k: K, v: string | undefined): Partial<Record<K, string>> {
  return v === undefined ? {} : ({ [k]: v } as Record<K, string>);
}
