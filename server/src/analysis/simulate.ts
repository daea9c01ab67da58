// `simulate`: a workload's replicas placed one after another (cli.md "simulate --format json").
// DaemonSets are not spread replicas: one pod pinned to each node the controller selects (daemonSet.ts).

import { mayPreempt, placeRelease, type RecreatedPod, Scheduler, type SimulationResult } from '../engine';
import { type ClaimPlacement, type PendingReplica, type Placement, simulateReplicas } from '../engine';
import { type AnalysisContext, clusterFor, clusterInfo, kubernetesInfo, forWorkload } from './context';
import { daemonSetSpread, type DaemonSetJson, type DaemonSetPlan, daemonUnusableNodes, planDaemonSet } from './daemonSet';
import { MAX_LIMITS } from './limits';
import { applyAutoscaling, type AutoscalingJson, type ScaleUpJson } from './autoscale/simulate';
import { notesFor } from './notes';
import type { WorkloadSpec } from './workload';

export const TIE_BREAK_RULE = 'ties are broken by the smallest node name (byte order); `ties` lists every node the scheduler could equally choose';

export interface SimulateJson {
  cluster: ReturnType<typeof clusterInfo>;
  kubernetes: ReturnType<typeof kubernetesInfo>;
  /** `volumes`: the claims the pods mount and where they are bound (only when a pod mounts one). */
  workload: { kind: string; name: string; namespace: string; replicas: number; volumes?: VolumeJson[] };
  /** `newNode`: the node was added by the autoscaler (autoscaling fixtures). */
  placements: (Omit<Placement, 'pod'> & { newNode?: true })[];
  /**
   * `node`: DaemonSet only, the node the pending pod is pinned to. `autoscaler`: autoscaling fixtures, why
   * the autoscaler(s) would not add a node for it, in their own words.
   */
  pending: { replica: number; node?: string; reasons: Record<string, number>; message: string; autoscaler?: { by: string; reason: string }[] }[];
  distribution: Record<string, Record<string, number>>;
  skew: Record<string, number>;
  /** Per topology key: what the constraint counts per domain after placement (existing matching pods included). */
  counts: Record<string, Record<string, number>>;
  constraints: { index: number; topologyKey: string; maxSkew: number; whenUnsatisfiable: string; source: string; selector: string }[];
  tieBreak: string;
  /** Nodes the pod can never use and the first filter that says so (for the first replica; DaemonSet: for each node's own pod). */
  unusableNodes: Record<string, string>;
  /** DaemonSet only: nodes where the controller would create no pod, and why. */
  skippedNodes?: Record<string, string>;
  /** DaemonSet only: the pinning, and the DaemonSet's spread (one pod per node it covers, per domain). */
  daemonSet?: DaemonSetJson;
  /**
   * Pods of the cluster that preemption evicted (placements[].preempted), recreated by their
   * controllers: where each replacement went (`placedOn`) or why it is Pending (`message`).
   */
  recreated?: { namespace: string; name: string; priority: number; evictedFrom: string; placedOn?: string; message?: string }[];
  /**
   * Autoscaling fixtures only (docs/autoscalers.md): the nodes the autoscaler(s) added for the Pending
   * replicas, one row per node group / NodePool, zone and instance type. Placements on them have `newNode: true`.
   */
  scaleUp?: ScaleUpJson[];
  /** Autoscaling fixtures only: rounds run, equally possible choices, Karpenter's intended nodes where kube-scheduler disagreed. */
  autoscaling?: AutoscalingJson;
  /** API-server validation errors of the object (it is still simulated as the scheduler would treat it), and the replica cap. */
  warnings?: string[];
  notes: string[];
}

/** A claim in the JSON: `claim`, then `zone` or `node` where its volume pins the pods, `volume`, `created` (docs/cli.md). */
export interface VolumeJson {
  claim: string;
  zone?: string;
  node?: string;
  volume?: string;
  /** Still unbound (its pod is Pending, or its class binds Immediately and nothing could be provisioned). */
  bound: boolean;
  /** Created by the simulation (StatefulSet claim template, ephemeral volume), not found in the fixture. */
  created: boolean;
}

export function volumeJson(v: ClaimPlacement): VolumeJson {
  return {
    claim: v.claim, ...(v.zone !== undefined ? { zone: v.zone } : {}), ...(v.node !== undefined ? { node: v.node } : {}),
    ...(v.volume !== undefined ? { volume: v.volume } : {}), bound: v.volume !== undefined, created: v.created,
  };
}

export function simulateWorkload(ctx: AnalysisContext, w: WorkloadSpec, replicasOverride?: number, warnings: string[] = []): SimulateJson {
  ctx = forWorkload(ctx, w); // the profile named by the pod's spec.schedulerName
  const cluster = clusterFor(ctx, w.owners);
  const sched = new Scheduler({ cluster, env: ctx.env }, ctx.profile);
  let podFor = w.podFor;
  let replicas = replicasOverride ?? w.replicas ?? 1;
  let daemon: DaemonSetPlan | undefined;
  let daemonUnusable: Record<string, string> | undefined;
  if (w.kind === 'DaemonSet' && replicasOverride === undefined) {
    const plan = (daemon = planDaemonSet(cluster, w.podFor(0), ctx.env));
    podFor = (i) => plan.pods[i];
    replicas = plan.pods.length;
    // Before anything is placed: each pod's own node, not the first pod's view of every other node.
    daemonUnusable = daemonUnusableNodes(sched, plan, w.podFor(0));
  }
  if (replicas > MAX_LIMITS.maxReplicas) {
    // Safety net for callers that do not apply kubeSpread.limits.maxReplicas (check does, with a finding).
    warnings = [...warnings, `${replicas} replicas: only the first ${MAX_LIMITS.maxReplicas} are simulated`];
    replicas = MAX_LIMITS.maxReplicas;
  }
  const claimsFor = daemon ? undefined : w.claimsFor;
  // A pod that may preempt (some pod of the cluster has a lower priority) goes through the release
  // queue, which models preemption (engine/release.ts); the two are the same simulation otherwise.
  let recreated: RecreatedPod[] = [];
  let r: SimulationResult;
  if (replicas > 0 && !claimsFor && mayPreempt(cluster, podFor(0))) {
    const placed = placeRelease([{ scheduler: sched, replicas, podFor, orderedReady: w.orderedReady }], { creation: [] });
    r = placed.members[0];
    recreated = placed.recreated;
  } else {
    // firstCycle / unusableNodes computed when read (the JSON's unusableNodes, hovers), not on every edit.
    // restart: the memoized result keeps no fork of the cluster for its deferred first cycle (~3 MB on 5,000 nodes).
    const restart = () => clusterFor(ctx, w.owners);
    r = simulateReplicas(sched, { replicas, podFor, orderedReady: w.orderedReady, lazyFirstCycle: true, restart, ...(claimsFor ? { claimsFor } : {}) });
  }
  // An autoscaling fixture: the autoscaler grows the cluster for what is Pending, kube-scheduler places again.
  const grown = !daemon && r.pending.length ? applyAutoscaling(ctx, r, sched, podFor) : undefined;
  const out: SimulateJson = {
    cluster: clusterInfo(ctx),
    kubernetes: kubernetesInfo(ctx),
    workload: { kind: w.kind, name: w.name, namespace: w.namespace, replicas, ...(r.volumes ? { volumes: r.volumes.map(volumeJson) } : {}) },
    placements: r.placements.map(({ replica, node, ties, domains, preempted }) => ({ replica, node, ties, domains, ...(preempted ? { preempted } : {}) })),
    pending: r.pending.map((p: PendingReplica) => ({ replica: p.replica, ...(daemon ? { node: daemon.nodes[p.replica] } : {}), reasons: p.reasons, message: p.message })),
    distribution: r.distribution,
    skew: r.skew,
    counts: r.counts,
    constraints: r.constraints.map((c) => ({
      index: c.index, topologyKey: c.topologyKey, maxSkew: c.maxSkew,
      whenUnsatisfiable: c.whenUnsatisfiable,
      source: c.source, selector: c.selector.toString(),
    })),
    tieBreak: TIE_BREAK_RULE,
    unusableNodes: daemonUnusable ?? {},
    notes: notesFor(ctx, cluster),
  };
  if (!daemonUnusable) readOnDemand(out, 'unusableNodes', () => r.unusableNodes);
  if (daemon) {
    if (Object.keys(daemon.skipped).length) out.skippedNodes = daemon.skipped;
    const keys = [...new Set(out.constraints.map((c) => c.topologyKey))];
    out.daemonSet = daemonSetSpread(cluster, daemon, new Set(r.placements.map((p) => p.node)), keys);
  }
  if (recreated.length) {
    out.recreated = recreated.map((v) => ({
      namespace: v.namespace, name: v.name, priority: v.priority, evictedFrom: v.node,
      ...(v.placedOn ? { placedOn: v.placedOn } : {}), ...(v.message ? { message: v.message } : {}),
    }));
  }
  if (grown) grown.into(out);
  if (warnings.length) out.warnings = warnings;
  return out;
}

/**
 * `out[key]` read from `get` when first read, then a plain data property (assigning replaces it): the
 * fields computed from a deferred first cycle (engine/lazyFirstCycles.ts), which check builds for every
 * workload on every edit without reading. Redefining keeps the key's place in the object (and the JSON).
 */
export function readOnDemand<T, K extends keyof T>(out: T, key: K, get: () => T[K]): void {
  const settle = (value: T[K]) => Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(out, key, { enumerable: true, configurable: true, get, set: settle });
}
