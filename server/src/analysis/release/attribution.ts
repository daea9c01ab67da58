// Attribution: which other workloads of the release keep a Pending replica Pending. The question is
// asked of the cluster as the release left it: take the other workloads' pods away and run the
// replica's cycle again. When it still fits nowhere the release is not the cause (the fixture is,
// or the workload itself). Otherwise the blockers are the workloads whose pods alone make the
// difference (each tried on its own; when none suffices alone, the smallest set found by adding them
// in release order and dropping the ones not needed). What each blocker does is read off the full
// cycle: the nodes the replica could use without the blocker, and the filter that rejects them now
// (InterPodAffinity anti-affinity, NodeResourcesFit, PodTopologySpread counting the other pods...).
//
// Cost is bounded: only workloads whose pods can change a failing filter are tried (relevant()), and
// at most MAX_NAMED blockers are named; in a full cluster every earlier workload alone would free
// room, and naming sixty of them helps nobody (`more` says there are others).

import {
  type Cluster, type CycleResult, effectiveConstraints, labelSelectorAsSelector, type Labels, type Pod, type PodAffinityTerm, type PodInfo,
  type PodTopologySpreadPlugin, Scheduler,
} from '../../engine';
import type { AnalysisContext } from '../context';
import type { ReleaseRun } from './simulate';

export interface Blocker {
  /** Index of the blocking workload in the release. */
  workload: number;
  /** Nodes the replica could use if the blocker's pods were not there. */
  nodes: number;
  /** What rejects those nodes now: the scheduler's reason -> node count. */
  reasons: Record<string, number>;
}

export interface Blocked {
  blockers: Blocker[];
  /** MAX_NAMED blockers were found before every relevant workload was tried: others may block it too. */
  more: boolean;
}

/** Per workload: its pending replicas that the release blocks, and by whom. */
export type Attribution = Map<number, Map<number, Blocked>>;

/** Distinct pending messages of one workload attributed per workload (DaemonSet pods pinned to many nodes). */
const MAX_GROUPS = 20;
/** Blockers named per Pending replica. */
export const MAX_NAMED = 5;
/** Filters whose verdict on a node depends on the pods on that node only. */
const NODE_LOCAL = new Set(['NodeResourcesFit', 'NodePorts']);

/** Replicas never created (OrderedReady waiting for an earlier ordinal) are blocked by that ordinal, not by anyone else. */
const notCreated = (message: string) => message.startsWith('not created:');

/**
 * The cluster as the release left it, from which workloads' pods can be taken away and put back:
 * one fork per question, each test costing the pods moved and one simulation cycle (whose per-node
 * caches only drop the nodes those pods were on), not a copy of every node.
 */
class Probe {
  readonly cluster: Cluster;
  readonly scheduler: Scheduler;
  private readonly pods: readonly PodInfo[][];

  constructor(ctx: AnalysisContext, run: ReleaseRun, podsOf: readonly PodInfo[][], k: number, private readonly pod: Pod) {
    this.cluster = run.cluster.fork();
    this.scheduler = new Scheduler({ cluster: this.cluster, env: ctx.env }, run.contexts[k].profile);
    this.pods = podsOf;
  }

  private without<T>(workloads: readonly number[], f: () => T): T {
    for (const j of workloads) for (const p of this.pods[j]) this.cluster.remove(p);
    const out = f();
    for (const j of workloads) for (const p of this.pods[j]) this.cluster.restore(p);
    return out;
  }

  /** Whether the pod fits somewhere once the pods of `workloads` are gone (they are put back). */
  fitsWithout(workloads: readonly number[]): boolean {
    return this.without(workloads, () => this.scheduler.scheduleFast(this.pod).selected.length > 0);
  }

  /** The full cycle with the pods of `workloads` gone (put back afterwards): every filter's verdict on every node. */
  cycleWithout(workloads: readonly number[]): CycleResult {
    return this.without(workloads, () => new Scheduler({ cluster: this.cluster, env: this.scheduler.handle.env }, this.scheduler.profile).schedule(this.pod));
  }
}

export function attributePending(ctx: AnalysisContext, run: ReleaseRun): Attribution {
  const out: Attribution = new Map();
  const podsOf = run.workloads.map(() => [] as PodInfo[]);
  for (const p of run.sequence) podsOf[p.member].push(p.pod);
  run.results.forEach((r, k) => {
    const groups = new Map<string, number[]>();
    for (const p of r.pending) {
      if (notCreated(p.message)) continue;
      const list = groups.get(p.message);
      if (list) list.push(p.replica);
      else if (groups.size < MAX_GROUPS) groups.set(p.message, [p.replica]);
    }
    for (const replicas of groups.values()) {
      const blocked = blockedBy(ctx, run, k, replicas[0], podsOf);
      if (!blocked) continue;
      let byReplica = out.get(k);
      if (!byReplica) out.set(k, (byReplica = new Map()));
      for (const i of replicas) byReplica.set(i, blocked);
    }
  });
  return out;
}

function blockedBy(ctx: AnalysisContext, run: ReleaseRun, k: number, replica: number, podsOf: PodInfo[][]): Blocked | undefined {
  const pod = run.podFor[k](replica);
  const probe = new Probe(ctx, run, podsOf, k, pod);
  const now = probe.cycleWithout([]);
  const candidates = relevant(probe, now, pod, podsOf, k);
  if (candidates.length === 0 || !probe.fitsWithout(candidates)) return undefined;

  let sets: number[][] = [];
  let more = false;
  for (const [at, j] of candidates.entries()) {
    if (sets.length === MAX_NAMED) {
      more = at < candidates.length;
      break;
    }
    if (probe.fitsWithout([j])) sets.push([j]);
  }
  if (sets.length === 0) {
    const set: number[] = [];
    for (const j of candidates) {
      set.push(j);
      if (probe.fitsWithout(set)) break;
    }
    for (const j of [...set]) if (set.length > 1 && probe.fitsWithout(set.filter((x) => x !== j))) set.splice(set.indexOf(j), 1);
    sets = [set];
  }
  const blockers: Blocker[] = [];
  for (const set of sets) {
    const freed = new Set(probe.cycleWithout(set).feasible);
    const reasons: Record<string, number> = {};
    let nodes = 0;
    for (const ev of now.nodes) {
      if (ev.feasible || !freed.has(ev.name)) continue;
      nodes++;
      for (const r of ev.status?.reasons ?? [ev.status?.reason ?? ev.status?.code ?? '']) reasons[r] = (reasons[r] ?? 0) + 1;
    }
    for (const j of set) blockers.push({ workload: j, nodes, reasons });
  }
  return { blockers, more };
}

/** A selector from an API one, or undefined when the API would reject it (then it may match anything). */
function matcher(sel: PodAffinityTerm['labelSelector']): ((labels: Labels) => boolean) | undefined {
  try {
    const s = labelSelectorAsSelector(sel);
    return (labels) => s.matches(labels);
  } catch {
    return undefined;
  }
}

/**
 * The other workloads whose pods can turn one of the pod's failing filters into a passing one when
 * taken away (a superset of every blocker): pods on a node where a node-local filter fails
 * (resources, host ports); pods its required (anti-)affinity terms or its DoNotSchedule spread
 * selectors match (matchLabelKeys and namespaces ignored: they only narrow); pods whose required
 * anti-affinity matches it. Taints, node affinity and cordons do not depend on pods.
 */
function relevant(probe: Probe, now: CycleResult, pod: Pod, podsOf: readonly PodInfo[][], k: number): number[] {
  const localFailures = new Set(now.nodes.filter((ev) => ev.filters.some((f) => f.code !== 'Success' && NODE_LOCAL.has(f.plugin))).map((ev) => ev.name));
  const affinity = pod.spec?.affinity;
  const terms = [
    ...(affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
  ].filter((t): t is PodAffinityTerm => !!t);
  const pts = probe.scheduler.plugin('PodTopologySpread') as PodTopologySpreadPlugin | undefined;
  const spread = pts ? effectiveConstraints(pts, pod).filter((c) => c.whenUnsatisfiable === 'DoNotSchedule') : [];
  const matchers = terms.map((t) => matcher(t.labelSelector));
  const podLabels = pod.metadata?.labels ?? {};
  const matchesPod = (other: PodInfo) => (other.pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [])
    .some((t) => !t || (matcher(t.labelSelector) ?? (() => true))(podLabels));
  const touches = (p: PodInfo) => (p.nodeName !== undefined && localFailures.has(p.nodeName))
    || matchers.some((m) => !m || m(p.labels))
    || spread.some((c) => c.selector.matches(p.labels))
    || (p.hasRequiredAntiAffinity && matchesPod(p));
  return podsOf.map((_, j) => j).filter((j) => j !== k && podsOf[j].some(touches));
}
