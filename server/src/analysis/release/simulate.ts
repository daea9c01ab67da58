// simulateRelease: every pod of every workload of a release placed on ONE fork of the fixture's
// cluster, in a creation order (order.ts), through the engine's placeRelease (engine/release.ts).
// Each workload keeps its own profile (spec.schedulerName), replica count and pods exactly as
// `simulate` builds them for the workload alone (analysis/simulate.ts): a release of one workload is
// that simulation (test/unit/release/release.test.ts).

import { type Cluster, placeRelease, type Pod, type ReleasePlacement, Scheduler, type SimulationResult } from '../../engine';
import { type AnalysisContext, forWorkload } from '../context';
import { type DaemonSetPlan, daemonUnusableNodes, planDaemonSet } from '../daemonSet';
import { MAX_LIMITS } from '../limits';
import type { ReleaseWorkload } from './members';
import { creationOrder, type ReleaseOrder } from './order';

export interface ReleaseRun {
  order: ReleaseOrder;
  workloads: readonly ReleaseWorkload[];
  /** The cluster after every placement (the fixture, the workloads' owners, every placed pod). */
  cluster: Cluster;
  /** Per workload: placements, pending replicas, distribution and skew on the shared cluster. */
  results: SimulationResult[];
  /** Every placement in the order the scheduler made them. */
  sequence: ReleasePlacement[];
  /** Per workload: the replicas simulated, the pod of each, the context (profile) it was scheduled with. */
  replicas: number[];
  podFor: ((i: number) => Pod)[];
  contexts: AnalysisContext[];
  /** DaemonSet only: its pods pinned to the nodes its controller selects (analysis/daemonSet.ts). */
  daemon: (DaemonSetPlan | undefined)[];
  /** DaemonSet only: nodes whose own daemon pod can never run there, before anything was placed. */
  daemonUnusable: (Record<string, string> | undefined)[];
  warnings: string[][];
}

export interface ReleaseSimulateOptions {
  /** Replicas to place instead of the manifest's, per workload index (simulate --replicas for the focused one). */
  replicas?: ReadonlyMap<number, number>;
  /** Full explain cycles instead of the simulation's fast path (tests). */
  fullCycles?: boolean;
  /** Only the outcome is wanted (another order, compared with the reported one): no first-cycle detail. */
  outcomeOnly?: boolean;
}

export function simulateRelease(ctx: AnalysisContext, workloads: readonly ReleaseWorkload[], order: ReleaseOrder, opts: ReleaseSimulateOptions = {}): ReleaseRun {
  // Every workload's synthesized controller is known to the cluster, so default spreading of each
  // finds its owner as in a real cluster; the same fork as clusterFor(ctx, owners) with all of them.
  const cluster = ctx.cluster.fork(workloads.flatMap((w) => w.spec.owners));
  const run: ReleaseRun = { order, workloads, cluster, results: [], sequence: [], replicas: [], podFor: [], contexts: [], daemon: [], daemonUnusable: [], warnings: [] };
  workloads.forEach((w, k) => {
    const wctx = forWorkload(ctx, w.spec);
    const override = opts.replicas?.get(k);
    let replicas = override ?? w.spec.replicas ?? 1;
    let podFor = w.spec.podFor;
    let daemon: DaemonSetPlan | undefined;
    const warnings: string[] = [];
    if (w.spec.kind === 'DaemonSet' && override === undefined) {
      const plan = (daemon = planDaemonSet(cluster, w.spec.podFor(0), ctx.env));
      podFor = (i) => plan.pods[i];
      replicas = plan.pods.length;
    }
    if (replicas > MAX_LIMITS.maxReplicas) {
      warnings.push(`${replicas} replicas: only the first ${MAX_LIMITS.maxReplicas} are simulated`);
      replicas = MAX_LIMITS.maxReplicas;
    }
    run.contexts.push(wctx);
    run.replicas.push(replicas);
    run.podFor.push(podFor);
    run.daemon.push(daemon);
    run.warnings.push(warnings);
  });
  const schedulers = workloads.map((_, k) => new Scheduler({ cluster, env: ctx.env }, run.contexts[k].profile));
  // Before anything is placed, as simulate does for a DaemonSet alone.
  run.daemonUnusable = workloads.map((w, k) => {
    const plan = run.daemon[k];
    return plan && !opts.outcomeOnly ? daemonUnusableNodes(schedulers[k], plan, w.spec.podFor(0)) : undefined;
  });
  const members = workloads.map((w, k) => ({
    scheduler: schedulers[k],
    replicas: run.replicas[k],
    podFor: run.podFor[k],
    orderedReady: w.spec.orderedReady,
    priority: w.priority,
  }));
  const placed = placeRelease(members, { creation: creationOrder(order, run.replicas), fullCycles: opts.fullCycles, firstCycles: !opts.outcomeOnly });
  run.results = placed.members;
  run.sequence = placed.sequence;
  return run;
}
