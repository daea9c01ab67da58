// Placing N replicas one after another (§7.1): each replica runs a full scheduling cycle, the
// chosen node is "assumed" (the pod joins the cluster) before the next replica, exactly as the
// scheduler's assume step makes it visible to the next cycle.
//
// Ties: the scheduler may pick any node of the tie set. kube-spread picks the smallest node name in
// byte order, a stable documented rule, and always reports the whole tie set.

import type { PersistentVolumeClaim, Pod } from './api';
import type { Cluster, NodeInfo, PodInfo } from './cluster';
import { makePodInfo } from './cluster';
import { type CycleResult, type FastCycle, type Scheduler, byteOrder } from './scheduler';
import { sharedDomainCounts } from './plugins/podtopologyspread/sharedState';
import type { InternalConstraint } from './plugins/podtopologyspread/common';
import { type PodTopologySpreadPlugin } from './plugins/podtopologyspread/plugin';
import { pendingMessage } from './preemption/simulation';
import { claimPlacements } from './volumesReport';
import { DeferredFirstCycles } from './lazyFirstCycles';
import { defineLazy } from './lazyRecord';

export type { PendingReplica, Placement, SimulationResult } from './simulationResult';
import type { PendingReplica, SimulationResult } from './simulationResult';

export interface SimulateOptions {
  replicas: number;
  /** The pod of replica i (labels may differ per replica, e.g. StatefulSet pod names). */
  podFor: (i: number) => Pod;
  /** StatefulSet podManagementPolicy OrderedReady: later pods are not created while one is pending. */
  orderedReady?: boolean;
  /** Run every cycle through the full explain path (Scheduler.schedule) instead of scheduleFast: tests compare the two. */
  fullCycles?: boolean;
  /** The claims the controller creates with replica i (a StatefulSet's volumeClaimTemplates for its ordinal). */
  claimsFor?: (i: number) => PersistentVolumeClaim[];
  /**
   * firstCycle and unusableNodes computed when first read (engine/lazyFirstCycles.ts), not on every run:
   * the first replica is decided by the simulation's cycle like the others. Not for pods with volumes
   * (binding a claim is not undone by taking the pod back out): those keep the eager first cycle.
   */
  lazyFirstCycle?: boolean;
  /**
   * With lazyFirstCycle: a new cluster equal to the scheduler's as the run finds it (a fresh fork), so
   * that the deferred cycle is computed on it and the run's cluster is not kept for it (lazyFirstCycles.ts).
   */
  restart?: () => Cluster;
}

/** Deterministic choice among the tie set. */
export function pickNode(selected: readonly string[]): string {
  let best = selected[0];
  for (let i = 1; i < selected.length; i++) if (selected[i] < best) best = selected[i];
  return best;
}

/**
 * The tie set in byte order, sorted once per cycle's list (a release replays the same cycle objects
 * on every edit and placed each again, sorting a copy each time). Shared by the placements that
 * report it: read-only.
 */
const sortedTieSets = new WeakMap<readonly string[], string[]>();
export function sortedTies(selected: readonly string[]): string[] {
  let sorted = sortedTieSets.get(selected);
  if (!sorted) sortedTieSets.set(selected, (sorted = [...selected].sort(byteOrder)));
  return sorted;
}

const namelessText = new WeakMap<Pod, string>();
/** The pod without its name, as text; memoized per pod object (pods are not changed once built; a release builds them once per document). */
function withoutName(p: Pod): string {
  let t = namelessText.get(p);
  if (t === undefined) namelessText.set(p, (t = JSON.stringify({ ...p, metadata: { ...p.metadata, name: undefined, generateName: undefined } })));
  return t;
}

/** Whether the pods differ only by name: one pending replica then means every later one is pending the same way. */
export function identicalPods(pods: readonly Pod[]): boolean {
  if (pods.length === 0) return true;
  const first = withoutName(pods[0]);
  return pods.every((p) => withoutName(p) === first);
}

function pendingFrom(replica: number, pod: Pod, cycle: FastCycle): PendingReplica {
  return { replica, pod: pod.metadata?.name ?? '', reasons: { ...cycle.reasons }, message: cycle.fitError ?? '' };
}

/** Runs the simulation on `scheduler.handle.cluster`, which it mutates: pass a fork. */
export function simulateReplicas(scheduler: Scheduler, opts: SimulateOptions): SimulationResult {
  const cluster = scheduler.handle.cluster;
  const pods = Array.from({ length: Math.max(0, opts.replicas) }, (_, i) => opts.podFor(i));
  createClaims(scheduler, pods, opts.claimsFor);
  const identical = identicalPods(pods);
  const pts = scheduler.plugin('PodTopologySpread') as PodTopologySpreadPlugin | undefined;
  const constraints = pods.length && pts ? effectiveConstraints(pts, pods[0]) : [];
  const keys = [...new Set(constraints.map((c) => c.topologyKey))];

  const result: SimulationResult = { placements: [], pending: [], distribution: {}, skew: {}, counts: {}, constraints, unusableNodes: {} };
  const placedNodes: string[] = [];
  const waiting: number[] = []; // pending replicas to retry after a placement (non-identical replicas)

  // The first cycle is kept whole (firstCycle, unusableNodes; computed when read with lazyFirstCycle); later ones only need the tie set and reasons.
  const run = (pod: Pod): FastCycle => (opts.fullCycles ? scheduler.schedule(pod) : scheduler.scheduleFast(pod));

  const place = (i: number, cycle: FastCycle) => {
    const node = pickNode(cycle.selected);
    cluster.assume(pods[i], node);
    placedNodes.push(node);
    const labels = cluster.nodeByName.get(node)!.labels;
    const domains: Record<string, string> = {};
    for (const k of keys) if (k in labels) domains[k] = labels[k];
    result.placements.push({ replica: i, pod: pods[i].metadata?.name ?? '', node, ties: sortedTies(cycle.selected), domains });
  };

  const lazy = opts.lazyFirstCycle && !opts.claimsFor && !pods.some((p) => p.spec?.volumes?.length) ? new DeferredFirstCycles(cluster, opts.restart) : undefined;
  for (let i = 0; i < pods.length; i++) {
    if (i === 0 && lazy) lazy.defer(result, scheduler, pods[0]);
    const cycle = i === 0 && !lazy ? scheduler.schedule(pods[i]) : run(pods[i]);
    if (i === 0 && !lazy) {
      const first = cycle as CycleResult;
      result.firstCycle = first;
      for (const ev of first.nodes) {
        const bad = ev.filters.find((f) => f.code === 'UnschedulableAndUnresolvable');
        if (bad) result.unusableNodes[ev.name] = `${bad.plugin}: ${bad.reason ?? bad.code}`;
      }
    }
    if (cycle.selected.length === 0) {
      const pending = pendingFrom(i, pods[i], cycle);
      if (identical) {
        // Nothing changes in the cluster, so every later identical replica fails the same way.
        for (let j = i; j < pods.length; j++) result.pending.push({ ...pending, replica: j, pod: pods[j].metadata?.name ?? '' });
        break;
      }
      result.pending.push(pending);
      if (opts.orderedReady) {
        for (let j = i + 1; j < pods.length; j++) {
          const msg = `not created: podManagementPolicy OrderedReady waits for ${pending.pod} to be Running and Ready`;
          result.pending.push({ replica: j, pod: pods[j].metadata?.name ?? '', reasons: { [msg]: 1 }, message: msg });
        }
        break;
      }
      waiting.push(i);
      continue;
    }
    place(i, cycle);
    // A placement can unblock earlier pending replicas (the scheduler re-queues them on pod add).
    for (let w = 0; w < waiting.length; ) {
      const j = waiting[w];
      const retry = run(pods[j]);
      if (retry.selected.length === 0) {
        w++;
        continue;
      }
      waiting.splice(w, 1);
      result.pending = result.pending.filter((p) => p.replica !== j);
      place(j, retry);
      w = 0;
    }
  }
  for (const p of result.pending) {
    if (!waiting.includes(p.replica)) continue;
    const last = run(pods[p.replica]);
    p.reasons = { ...last.reasons };
    p.message = last.fitError ?? '';
  }
  // The scheduler's message adds the PostFilter's (preemption) part. This path runs when no pod of the
  // cluster has a lower priority (analysis uses placeRelease otherwise): the part says no victim exists.
  const messages = new Map<string, string>();
  for (const p of result.pending) {
    if (p.message.startsWith('not created:')) continue;
    const key = identical ? '' : String(p.replica);
    let m = messages.get(key);
    if (m === undefined) messages.set(key, (m = pendingMessage(scheduler, pods[p.replica], p.message)));
    p.message = m;
  }
  result.pending.sort((a, b) => a.replica - b.replica);
  result.placements.sort((a, b) => a.replica - b.replica);

  if (pods.length) summarizeSimulation(result, cluster, scheduler, pods[0], placedNodes, keys, constraints);
  reportClaims(result, cluster, pods);
  lazy?.detach();
  return result;
}

/** The claims created with the pods (controllers create them before the pods), before any cycle. */
export function createClaims(scheduler: Scheduler, pods: readonly Pod[], claimsFor: ((i: number) => PersistentVolumeClaim[]) | undefined): void {
  const cluster = scheduler.handle.cluster;
  for (let i = 0; i < pods.length; i++) {
    const templates = claimsFor?.(i);
    if (!templates?.length && !pods[i].spec?.volumes?.length) continue;
    cluster.storage.createPodClaims(pods[i], templates, cluster.nodes.map((n) => n.node));
  }
}

/** result.volumes when some pod mounts a claim. */
export function reportClaims(result: SimulationResult, cluster: Cluster, pods: readonly Pod[]): void {
  if (!pods.some((p) => p.spec?.volumes?.length)) return;
  const volumes = claimPlacements(cluster, pods);
  if (volumes.length) result.volumes = volumes;
}

/** The spread constraints that apply to this pod (hard then soft; own or defaults). */
export function effectiveConstraints(pts: PodTopologySpreadPlugin, pod: Pod, pi: PodInfo = makePodInfo(pod)): InternalConstraint[] {
  try {
    return [...pts.constraintsFor(pi, 'DoNotSchedule'), ...pts.constraintsFor(pi, 'ScheduleAnyway')];
  } catch {
    return [];
  }
}

/**
 * Fills distribution, counts and skew of `result` from the cluster as it is now: `placedNodes` are
 * the nodes of this workload's new replicas, `keys` the topology keys of its `constraints`.
 */
export function summarizeSimulation(
  result: SimulationResult, cluster: Cluster, scheduler: Scheduler, pod: Pod, placedNodes: string[], keys: string[], constraints: InternalConstraint[],
  pi: PodInfo = makePodInfo(pod),
): void {
  // Soft constraints are scored over feasible nodes only, so their skew is measured over the
  // domains the pod may ever run in (no filter rejects the node as UnschedulableAndUnresolvable:
  // taints, affinity, a missing topology label, a cordon); hard ones over the Filter's eligible domains.
  // Only soft constraints read it, and it costs every filter on a node: asked per node on first use,
  // once per node, and only until its domain has a usable node.
  let test: ((n: NodeInfo) => boolean) | undefined;
  const usableAt = new Map<NodeInfo, boolean>();
  const usable = (n: NodeInfo) => {
    let ok = usableAt.get(n);
    if (ok === undefined) usableAt.set(n, (ok = (test ??= scheduler.usableTest(pod))(n)));
    return ok;
  };
  for (const key of keys) {
    const c = constraints.find((x) => x.topologyKey === key)!;
    // The constraint's own view of the domains (eligibility and matching pods), as the Filter sees it.
    const counted = sharedDomainCounts(c, pi, cluster, scheduler.handle.env);
    let domains = [...counted.keys()];
    if (c.whenUnsatisfiable === 'ScheduleAnyway') {
      const usableValues = new Set<string>();
      for (const n of cluster.nodes) if (key in n.labels && !usableValues.has(n.labels[key]) && usable(n)) usableValues.add(n.labels[key]);
      domains = domains.filter((d) => usableValues.has(d));
    }
    domains.sort(byteOrder);
    // What the two per-domain objects are built from, read now (the cluster goes on changing); the
    // objects themselves are built when read (defineLazy: one entry per node for a hostname key).
    const counts = Int32Array.from(domains, (d) => counted.get(d) ?? 0);
    const placedValues: string[] = [];
    for (const n of placedNodes) {
      const v = cluster.nodeByName.get(n)!.labels[key];
      if (v !== undefined) placedValues.push(v);
    }
    defineDomainRecords(result, key, domains, counts, placedValues);
    let min = Infinity;
    let max = -Infinity;
    for (const n of counts) {
      if (n < min) min = n;
      if (n > max) max = n;
    }
    result.skew[key] = counts.length ? max - min : 0;
  }
}

/**
 * result.distribution[key] and result.counts[key], built when read from what they were captured as.
 * A function of its own so that the getters hold these values only, not summarizeSimulation's
 * scope (its scheduler and cluster).
 */
function defineDomainRecords(result: SimulationResult, key: string, domains: readonly string[], counts: Int32Array, placedValues: readonly string[]): void {
  defineLazy(result.distribution, key, () => {
    const dist: Record<string, number> = {};
    for (const v of domains) dist[v] = 0;
    for (const v of placedValues) dist[v] = (dist[v] ?? 0) + 1;
    return dist;
  });
  defineLazy(result.counts, key, () => {
    const out: Record<string, number> = {};
    for (let i = 0; i < domains.length; i++) out[domains[i]] = counts[i];
    return out;
  });
}
