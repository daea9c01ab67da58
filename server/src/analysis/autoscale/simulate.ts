// The simulate JSON of an autoscaling fixture (docs/cli.md, docs/autoscalers.md): `scaleUp[]`, the
// placements on new nodes (`newNode: true`), the autoscaler's reason on what stays Pending, and the
// distribution, counts and skew measured again on the grown cluster. A fixture that does not autoscale
// gets none of these fields: its output is byte-identical to before.

import { type Cluster, effectiveConstraints, type Placement, type PendingReplica, type Pod, type ScaleUp, type Scheduler, type SimulationResult, summarizeSimulation } from '../../engine';
import type { PodTopologySpreadPlugin } from '../../engine';
import type { AnalysisContext } from '../context';
import { autoscaleRounds, type AutoscaleOutcome, type Divergence } from './rounds';

/** One row of `scaleUp[]`: the engine's ScaleUp as it is. */
export type ScaleUpJson = ScaleUp;

export interface AutoscalingJson {
  /** Which autoscaler(s) the fixture runs. */
  autoscalers: ('cluster-autoscaler' | 'karpenter')[];
  /** Replicas kube-scheduler left Pending on the current nodes, before any scale-up. */
  pendingBefore: number;
  /** Scale-up rounds that added nodes (each followed by kube-scheduler placing the Pending replicas again). */
  rounds: number;
  /** Choices the autoscaler could equally have made (random expander, equal prices); the first was taken. */
  ties?: string[];
  /** Karpenter meant a pod for one node, kube-scheduler placed it in another zone or left it Pending. */
  divergences?: Divergence[];
}

/** The fields of SimulateJson this step rewrites (a structural view, so simulate.ts stays the only importer). */
interface SimulateOut {
  placements: (Omit<Placement, 'pod'> & { newNode?: true })[];
  pending: { replica: number; reasons: Record<string, number>; message: string; autoscaler?: { by: string; reason: string }[] }[];
  distribution: Record<string, Record<string, number>>;
  skew: Record<string, number>;
  counts: Record<string, Record<string, number>>;
  scaleUp?: ScaleUpJson[];
  autoscaling?: AutoscalingJson;
}

/** The grown cluster behind a simulate result (explaining a replica still Pending needs its new nodes). */
const grownClusters = new WeakMap<object, Cluster>();

export function grownClusterOf(sim: object): Cluster | undefined {
  return grownClusters.get(sim);
}

export interface Autoscaled {
  outcome: AutoscaleOutcome;
  into(out: SimulateOut): void;
}

/** Undefined when the fixture does not autoscale. `r`, `sched`: the first placement (its cluster is mutated by it). */
export function applyAutoscaling(ctx: AnalysisContext, r: SimulationResult, sched: Scheduler, podFor: (i: number) => Pod): Autoscaled | undefined {
  const a = ctx.fixture.autoscaling;
  if (!a) return undefined;
  const outcome = autoscaleRounds(ctx, a, sched.handle.cluster, sched, r.pending, podFor);
  const autoscalers: AutoscalingJson['autoscalers'] = [...(a.karpenter ? ['karpenter' as const] : []), ...(a.clusterAutoscaler ? ['cluster-autoscaler' as const] : [])];
  const into = (out: SimulateOut) => {
    if (outcome.rounds) grownClusters.set(out, outcome.cluster);
    write(out, outcome, r, podFor, autoscalers);
  };
  return { outcome, into };
}

function write(out: SimulateOut, o: AutoscaleOutcome, r: SimulationResult, podFor: (i: number) => Pod, autoscalers: AutoscalingJson['autoscalers']): void {
  out.scaleUp = o.scaleUps.map((s) => ({
    by: s.by, nodePool: s.nodePool, ...(s.zone !== undefined ? { zone: s.zone } : {}), ...(s.instanceType !== undefined ? { instanceType: s.instanceType } : {}),
    nodes: s.nodes, nodeNames: [...s.nodeNames],
  }));
  out.autoscaling = {
    autoscalers, pendingBefore: r.pending.length, rounds: o.rounds,
    ...(o.ties.length ? { ties: [...new Set(o.ties)] } : {}),
    ...(o.divergences.length ? { divergences: o.divergences } : {}),
  };
  const pendingJson = (p: PendingReplica) => {
    const why = o.notTriggered.get(p.replica);
    return { replica: p.replica, reasons: p.reasons, message: p.message, ...(why?.length ? { autoscaler: why } : {}) };
  };
  if (o.rounds === 0) {
    // Nothing added: the placement stands; say why the autoscaler did not help.
    out.pending = o.pending.map(pendingJson);
    return;
  }
  out.placements = [...out.placements, ...o.placements.map(({ replica, node, ties, domains, preempted }) => ({ replica, node, ties, domains, ...(preempted ? { preempted } : {}) }))]
    .sort((x, y) => x.replica - y.replica)
    .map((p) => (o.newNodes.has(p.node) ? { ...p, newNode: true as const } : p));
  out.pending = o.pending.map(pendingJson);
  // Distribution, counts and skew over the grown cluster: the new nodes' domains count now.
  const pts = o.scheduler.plugin('PodTopologySpread') as PodTopologySpreadPlugin | undefined;
  const constraints = pts ? effectiveConstraints(pts, podFor(0)) : r.constraints;
  const keys = [...new Set(constraints.map((c) => c.topologyKey))];
  const again: SimulationResult = { placements: [], pending: [], distribution: {}, skew: {}, counts: {}, constraints, unusableNodes: {} };
  summarizeSimulation(again, o.cluster, o.scheduler, podFor(0), out.placements.map((p) => p.node), keys, constraints);
  out.distribution = again.distribution;
  out.skew = again.skew;
  out.counts = again.counts;
}
