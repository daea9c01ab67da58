// simulateRelease: every pod of every workload of a release placed on ONE fork of the fixture's
// cluster, in a creation order (order.ts), through the engine's placeRelease (engine/release.ts).
// Each workload keeps its own profile (spec.schedulerName), replica count and pods exactly as
// `simulate` builds them for the workload alone (analysis/simulate.ts): a release of one workload is
// that simulation (test/unit/release/release.test.ts).

import { type Cluster, placeRelease, type Pod, type ReleaseMember, type ReleasePlacement, type ReleaseReplay, Scheduler, type SimulationResult } from '../../engine';
import { ContextMemo } from '../contextMemo';
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
  /** Per workload: the placements of `sequence` made before its first scheduling cycle (-1: never tried). */
  firstCycleAfter: number[];
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

/** The last run's cycles per release base (see simulateRelease), a few per context (files open side by side). */
const replays = new ContextMemo<ReleaseReplay>(8);
/** Per document value (shared by every parse of the same text): its key text, interned (below). */
const documentKeys = new WeakMap<object, Map<string, number>>();
/**
 * Key texts (a document's whole JSON) to small ids, so that the name of every cycle a replay records and
 * compares is a short string, not a copy of its document. Ids are never reused: a replay recorded before
 * the table was cleared cannot match a later document by accident.
 */
const keyIds = new Map<string, number>();
let nextKeyId = 1;
const MAX_KEY_IDS = 4_000;

function documentKeyId(kind: string | undefined, value: unknown): number {
  const text = () => `${kind}\u0001${JSON.stringify(withoutReplicas(value))}`;
  const intern = (t: string) => {
    let id = keyIds.get(t);
    if (id === undefined) {
      if (keyIds.size >= MAX_KEY_IDS) keyIds.clear();
      keyIds.set(t, (id = nextKeyId++));
    }
    return id;
  };
  if (typeof value !== 'object' || value === null) return intern(text());
  let byKind = documentKeys.get(value);
  if (!byKind) documentKeys.set(value, (byKind = new Map()));
  let id = byKind.get(kind ?? '');
  if (id === undefined) byKind.set(kind ?? '', (id = intern(text())));
  return id;
}

/**
 * What names a workload's pods in a replay: its document's text (as an interned id) without its replica
 * count, priority. The pod of replica i does not depend on how many replicas there are
 * (k8s/workloads.ts podForReplica), and the cycle's name says which replica it is, so an edit of a
 * replica count keeps that workload's cycles (and, in interleaved order, every earlier round's) until
 * the first pod that is new or gone. The count still matters for which cycles run, which the sequence
 * of names captures.
 */
function memberKey(w: ReleaseWorkload, daemon: boolean): string {
  return `${documentKeyId(w.doc.kind, w.doc.value)}\u0001${w.priority}\u0001${daemon ? 'daemon' : ''}\u0001${w.spec.name}\u0001${w.spec.namespace}`;
}

/** The document's value with spec.replicas left out (a controller's count, never part of its pods). */
function withoutReplicas(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const spec = (value as { spec?: unknown }).spec;
  if (!spec || typeof spec !== 'object' || Array.isArray(spec) || !('replicas' in spec)) return value;
  return { ...value, spec: { ...spec, replicas: undefined } };
}

/** Pods built per document (the pod of replica i depends on the document only), shared by the runs of every order and edit. */
const podCache = new ContextMemo<Pod[]>(4096);

function cachedPods(ctx: AnalysisContext, w: ReleaseWorkload, podFor: (i: number) => Pod): (i: number) => Pod {
  const key = memberKey(w, false);
  let pods = podCache.get(ctx, key);
  if (!pods) podCache.set(ctx, key, (pods = []));
  const list = pods;
  return (i) => (list[i] ??= podFor(i));
}

/** The owners every workload adds to the cluster (default spreading finds them): part of a replay's base. */
function ownersKey(workloads: readonly ReleaseWorkload[]): string {
  return workloads.map((w) => ownersText(w.spec.owners)).join('\u0001');
}

/** JSON per owners array (a member's spec, and so its owners, is kept per document value: members.ts). */
const ownersTexts = new WeakMap<object, string>();
function ownersText(owners: ReleaseWorkload['spec']['owners']): string {
  let t = ownersTexts.get(owners);
  if (t === undefined) ownersTexts.set(owners, (t = JSON.stringify(owners)));
  return t;
}

export function simulateRelease(ctx: AnalysisContext, workloads: readonly ReleaseWorkload[], order: ReleaseOrder, opts: ReleaseSimulateOptions = {}): ReleaseRun {
  // Every workload's synthesized controller is known to the cluster, so default spreading of each
  // finds its owner as in a real cluster; the same fork as clusterFor(ctx, owners) with all of them.
  const cluster = ctx.cluster.fork(workloads.flatMap((w) => w.spec.owners));
  const run: ReleaseRun = { order, workloads, cluster, results: [], sequence: [], firstCycleAfter: [], replicas: [], podFor: [], contexts: [], daemon: [], daemonUnusable: [], warnings: [] };
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
  // One scheduler per profile, as kube-scheduler runs one framework per profile for every pod (the
  // plugins' per-cycle memos are keyed by cycle and pod; building one per workload was ~5 % of an edit).
  const byProfile = new Map<object, Scheduler>();
  const schedulers = workloads.map((_, k) => {
    const profile = run.contexts[k].profile;
    let sched = byProfile.get(profile);
    if (!sched) byProfile.set(profile, (sched = new Scheduler({ cluster, env: ctx.env }, profile)));
    return sched;
  });
  // Before anything is placed, as simulate does for a DaemonSet alone.
  run.daemonUnusable = workloads.map((w, k) => {
    const plan = run.daemon[k];
    return plan && !opts.outcomeOnly ? daemonUnusableNodes(schedulers[k], plan, w.spec.podFor(0)) : undefined;
  });
  // The last run of this release's base (cluster, owners, order, options) lends its cycles to this one
  // while they match (engine ReleaseReplay): an edit re-simulates from the first workload it changes.
  const keyed: ReleaseMember[] = workloads.map((w, k) => ({
    scheduler: schedulers[k],
    replicas: run.replicas[k],
    podFor: run.daemon[k] ? run.podFor[k] : cachedPods(ctx, w, run.podFor[k]),
    claimsFor: w.spec.claimsFor && !run.daemon[k] ? w.spec.claimsFor : undefined,
    orderedReady: w.spec.orderedReady,
    priority: w.priority,
    key: memberKey(w, run.daemon[k] !== undefined),
  }));
  const base = [order, opts.fullCycles ? 'full' : '', opts.outcomeOnly ? 'outcome' : '', ownersKey(workloads)].join('\u0000');
  const placed = placeRelease(keyed, {
    creation: creationOrder(order, run.replicas), fullCycles: opts.fullCycles, firstCycles: !opts.outcomeOnly, replay: replays.get(ctx, base),
    // firstCycle / unusableNodes are computed when read (the JSON, hovers), not on every edit.
    lazyFirstCycles: true,
  });
  if (placed.replay) replays.set(ctx, base, placed.replay);
  run.results = placed.members;
  run.sequence = placed.sequence;
  run.firstCycleAfter = placed.firstCycleAfter;
  return run;
}
