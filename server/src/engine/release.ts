// A release: the pods of several workloads placed on ONE cluster (docs/release.md). Every member has
// its own Scheduler (the profile its pods name; node-local caches per pod spec) on the same Cluster,
// so each placed pod is assumed before the next cycle of any member: resources, inter-pod
// (anti-)affinity and every other member's spread counting see it.
//
// The queue: pods leave it as PrioritySort orders them (queue.ts: priority, then queue time).
// `creation` gives the order in which the controllers create the pods at the start; a StatefulSet
// with podManagementPolicy OrderedReady creates ordinal i+1 only once ordinal i is Running and Ready
// (pkg/controller/statefulset/stateful_set_control.go, processReplica: `if monotonic { return }`
// after a create), which in a simulation means placed: that pod joins the queue then, behind every
// pod already queued.
//
// A pod no node fits waits (the scheduler's unschedulable pods) and is retried after a placement
// that may help it, before the next queued pod: the scheduler moves it back on an assigned-pod add
// event when a plugin's QueueingHint says the new pod may make it schedulable. Only two filters can
// turn from failing to passing when a pod is added: a required pod affinity term the new pod matches
// (InterPodAffinity), and a DoNotSchedule spread constraint whose selector counts the new pod
// (PodTopologySpread: the global minimum can rise). Resources, anti-affinity and host ports only get
// tighter, so a pod failing for those alone is not retried. With one member this is exactly
// simulateReplicas (simulate.ts; test/unit/engine/release-properties.test.ts keeps the two equal).
//
// Preemption (preemption/simulation.ts, docs/preemption.md): a pod no node fits that may preempt
// evicts the victims the DefaultPreemption PostFilter picks and is bound to the nominated node; the
// victims' controllers recreate them: release pods go back to the queue as their member's replica,
// other pods (the fixture's) as replacements, reported in `recreated`. A deletion can help any
// waiting pod, so every waiting pod is retried after one.

import type { PersistentVolumeClaim, Pod } from './api';
import type { PodInfo } from './cluster';
import { makePodInfo } from './cluster';
import type { InternalConstraint } from './plugins/podtopologyspread/common';
import type { PodTopologySpreadPlugin } from './plugins/podtopologyspread/plugin';
import { PodQueue, queueLess, type QueuedPod } from './queue';
import { type CycleResult, type FastCycle, type Scheduler } from './scheduler';
import { createClaims, effectiveConstraints, identicalPods, pickNode, reportClaims, type SimulationResult, sortedTies, summarizeSimulation } from './simulate';
import { DeferredFirstCycles } from './lazyFirstCycles';
import {
  evictVictims, mayPreempt, pendingMessage, preemptionFor, type PreemptedPod, type RecreatedPod, replacementPod,
} from './preemption/simulation';

export interface ReleaseMember {
  /** The member's scheduler; every member's scheduler works on the same cluster (handle.cluster). */
  scheduler: Scheduler;
  replicas: number;
  /** The pod of replica i (labels may differ per replica, e.g. StatefulSet pod names). */
  podFor: (i: number) => Pod;
  /** StatefulSet podManagementPolicy OrderedReady: ordinal i+1 is created once ordinal i is placed. */
  orderedReady?: boolean;
  /** The pods' priority as admission resolves it (spec.priority; default 0). */
  priority?: number;
  /** The claims the controller creates with replica i (a StatefulSet's volumeClaimTemplates for its ordinal). */
  claimsFor?: (i: number) => PersistentVolumeClaim[];
  /**
   * What identifies this member's pods, replica count and profile across runs (the caller's choice,
   * e.g. its document text): with a key on every member, the run records its cycles for `replay`.
   */
  key?: string;
}

/**
 * The scheduling cycles of one run in the order they ran, each named by its member's key and replica.
 * A later run of a release on the same cluster (same fixture, owners, options and creation order)
 * whose cycles start with the same names reuses their results: each one was computed on the same
 * cluster state, because everything before it was the same (release-replay property test). The first
 * cycle whose name differs ends the replay; the rest of the run computes its cycles.
 */
export interface ReleaseReplay {
  cycles: { name: string; cycle: FastCycle }[];
}

export interface ReleaseOptions {
  /**
   * The member index of each pod created at the start, in creation order (a member appears once per
   * replica; an OrderedReady member's later entries are ignored, its ordinals follow placements).
   * Pods of a member missing from it are created after it, in member order.
   */
  creation: readonly number[];
  /** Run every cycle through the full explain path (Scheduler.schedule): tests compare the two. */
  fullCycles?: boolean;
  /** Retry every waiting pod after every placement, helped or not: tests check the retry rule changes no outcome. */
  retryEveryWaitingPod?: boolean;
  /**
   * false: no full explain cycle for each member's first pod (no firstCycle, no unusableNodes), the
   * simulation's cycle instead. Same placements; for runs only compared with another (sensitivity).
   */
  firstCycles?: boolean;
  /** The cycles of an earlier run of this release on the same cluster and options, to reuse while they match. */
  replay?: ReleaseReplay;
  /**
   * Each member's first cycle (firstCycle, unusableNodes) computed when first read rather than during
   * the run (lazyFirstCycles.ts): the run decides with the simulation's cycle, which picks the same
   * nodes; the full cycle is rebuilt on a fork of the cluster with the later placements taken back out.
   * Checks that never read them (the editor's diagnostics) skip a full cycle per member.
   */
  lazyFirstCycles?: boolean;
}

/** One placement of the release, in the order the scheduler made them. */
export interface ReleasePlacement {
  member: number;
  replica: number;
  node: string;
  /** The pod as assumed on the cluster (Cluster.remove takes it). */
  pod: PodInfo;
  /** The pods evicted so that this one could run (preemption). */
  preempted?: PreemptedPod[];
}

export interface ReleaseResult {
  /** Per member, what simulateReplicas reports for a workload alone. */
  members: SimulationResult[];
  sequence: ReleasePlacement[];
  /** Pods of the cluster (not of the release) evicted by preemption, recreated by their controllers. */
  recreated: RecreatedPod[];
  /** This run's cycles, when every member has a key: pass as `replay` to the next run. */
  replay?: ReleaseReplay;
  /** Per member: how many entries of `sequence` were placed before its first scheduling cycle (-1: never tried). */
  firstCycleAfter: number[];
}

interface Entry extends QueuedPod {
  member: number;
  replica: number;
  /** cluster.generation when the pod was last tried; -1 before its first cycle. */
  triedAt: number;
  /** Whether an added pod may make this one schedulable (built when it first waits). */
  helpedBy?: (added: PodInfo) => boolean;
  /** A replacement for a pod of the cluster that preemption evicted (scheduled with `member`'s scheduler). */
  foreign?: { pod: Pod; report: RecreatedPod };
}

interface MemberState {
  member: ReleaseMember;
  pods: Pod[];
  identical: boolean;
  constraints: InternalConstraint[];
  keys: string[];
  result: SimulationResult;
  placedNodes: string[];
  created: number;
  firstTried: boolean;
  /** Identical pods: the failing cycle at a cluster generation, which every later replica shares. */
  failed?: { generation: number; cycle: FastCycle };
  /** Identical pods: preemption found no candidate at this cluster generation. */
  noPreemptionAt?: number;
}

/** Pods with the priority admission writes, per pod and priority: the same object for every run of a release (PodInfo memo). */
const stamped = new WeakMap<Pod, Map<number, Pod>>();

/** PodInfo per pod object, for the cycles of every run (makePodInfo parses every request quantity). */
const podInfos = new WeakMap<Pod, PodInfo>();
function infoOf(pod: Pod): PodInfo {
  let pi = podInfos.get(pod);
  if (!pi) podInfos.set(pod, (pi = makePodInfo(pod)));
  return pi;
}

function memberState(m: ReleaseMember): MemberState {
  // Admission writes the resolved priority into spec.priority; preemption reads it there.
  const stamp = (p: Pod): Pod => {
    if (m.priority === undefined || typeof p.spec?.priority === 'number') return p;
    let byPriority = stamped.get(p);
    if (!byPriority) stamped.set(p, (byPriority = new Map()));
    let out = byPriority.get(m.priority);
    if (!out) byPriority.set(m.priority, (out = { ...p, spec: { ...p.spec, priority: m.priority } }));
    return out;
  };
  const pods: Pod[] = [];
  for (let i = 0; i < m.replicas; i++) pods.push(stamp(m.podFor(i)));
  const pts = m.scheduler.plugin('PodTopologySpread') as PodTopologySpreadPlugin | undefined;
  const constraints = pods.length && pts ? effectiveConstraints(pts, pods[0], infoOf(pods[0])) : [];
  return {
    member: m, pods, identical: identicalPods(pods), constraints, keys: [...new Set(constraints.map((c) => c.topologyKey))],
    result: { placements: [], pending: [], distribution: {}, skew: {}, counts: {}, constraints, unusableNodes: {} },
    placedNodes: [], created: 0, firstTried: false,
  };
}

/**
 * Whether adding a pod may turn this pod's failing filters into passing ones (see the header): a
 * required pod affinity term (any added pod may be the one it needs), or a DoNotSchedule spread
 * constraint whose selector counts the added pod.
 */
function helpedBy(scheduler: Scheduler, pod: Pod): (added: PodInfo) => boolean {
  if ((pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0) return () => true;
  const pts = scheduler.plugin('PodTopologySpread') as PodTopologySpreadPlugin | undefined;
  if (!pts) return () => false;
  let hard: InternalConstraint[];
  try {
    hard = pts.constraintsFor(infoOf(pod), 'DoNotSchedule');
  } catch {
    return () => false; // a selector the API would reject: the cycle errors whatever is added
  }
  if (hard.length === 0) return () => false;
  const namespace = pod.metadata?.namespace || 'default';
  return (added) => added.namespace === namespace && hard.some((c) => c.selector.matches(added.labels));
}

/** What decides which pods a release creates at the start, and in which order the queue hands them out. */
export type QueueShape = Pick<ReleaseMember, 'replicas' | 'orderedReady' | 'priority'>;

/**
 * The member of each pod created at the start, in creation order: `creation` as placeRelease reads it
 * (an OrderedReady member creates its first ordinal only), then the pods of a member missing from it.
 */
export function initialCreation(members: readonly QueueShape[], creation: readonly number[]): number[] {
  const created = members.map(() => 0);
  const mayCreate = (k: number) => created[k] < Math.max(0, members[k].replicas) && !(members[k].orderedReady && created[k] >= 1);
  const out: number[] = [];
  const create = (k: number) => {
    out.push(k);
    created[k]++;
  };
  for (const k of creation) if (members[k] && mayCreate(k)) create(k);
  members.forEach((_, k) => {
    while (mayCreate(k)) create(k);
  });
  return out;
}

/**
 * The member of each pod created at the start, in the order the queue hands them out (PrioritySort:
 * priority, then creation). Two creation orders with the same queue order give the same run: every
 * cycle, placement, retry and later queue entry (created after all of these) follows from it, and a
 * member's replicas are numbered in the order it creates them. So a release whose other creation
 * orders reach the queue the same way (one workload; workloads of distinct priorities) need not be
 * simulated again in them (test/unit/engine/release-properties.test.ts).
 */
export function initialQueueOrder(members: readonly QueueShape[], creation: readonly number[]): number[] {
  const created = initialCreation(members, creation).map((member, timestamp) => ({ member, priority: members[member].priority ?? 0, timestamp }));
  return created.sort((a, b) => (queueLess(a, b) ? -1 : queueLess(b, a) ? 1 : 0)).map((e) => e.member);
}

/** Places every member's pods on the members' shared cluster, which it mutates: pass a fork. */
export function placeRelease(members: readonly ReleaseMember[], opts: ReleaseOptions): ReleaseResult {
  if (members.length === 0) return { members: [], sequence: [], recreated: [], firstCycleAfter: [] };
  const cluster = members[0].scheduler.handle.cluster;
  if (members.some((m) => m.scheduler.handle.cluster !== cluster)) throw new Error('placeRelease: every member must schedule on the same cluster');
  const states = members.map(memberState);
  for (const s of states) createClaims(s.member.scheduler, s.pods, s.member.claimsFor);
  const sequence: ReleasePlacement[] = [];
  const recreated: RecreatedPod[] = [];
  /** Release pods on the cluster: preemption may evict them, and their member recreates them. */
  const placedBy = new Map<PodInfo, Entry>();
  const active = new PodQueue<Entry>();
  const waiting: Entry[] = []; // in queue order
  let clock = 0;

  const create = (k: number) => {
    const s = states[k];
    active.push({ member: k, replica: s.created++, priority: s.member.priority ?? 0, timestamp: clock++, triedAt: -1 });
  };
  // The pods created at the start (initialCreation: also what initialQueueOrder compares).
  for (const k of initialCreation(members, opts.creation)) create(k);

  // Replay (ReleaseReplay): this run's cycles are recorded when every member has a key; an earlier
  // run's are reused while each cycle's name matches the one at the same position.
  const recording = members.every((m) => m.key !== undefined);
  const recorded: { name: string; cycle: FastCycle }[] = [];
  const previous = recording ? opts.replay?.cycles ?? [] : [];
  let replaying = previous.length > 0;
  const firstCycleAfter = members.map(() => -1);
  const lazy = opts.lazyFirstCycles && opts.firstCycles !== false ? new DeferredFirstCycles(cluster) : undefined;
  const cycle = (k: number, replica: number): FastCycle => {
    const s = states[k];
    if (firstCycleAfter[k] < 0) firstCycleAfter[k] = sequence.length;
    const generation = cluster.generation;
    if (s.identical && s.failed?.generation === generation) return s.failed.cycle;
    const sched = s.member.scheduler;
    const pod = s.pods[replica];
    let c: FastCycle;
    const isFirst = !s.firstTried && opts.firstCycles !== false;
    const name = recording ? `${s.member.key}\u0000${replica}\u0000${isFirst ? 'first' : ''}` : '';
    const reused = replaying && previous[recorded.length]?.name === name ? previous[recorded.length].cycle : undefined;
    if (!reused) replaying = false;
    if (isFirst && lazy) {
      // The simulation's cycle decides; the whole first cycle is rebuilt when read (lazyFirstCycles.ts).
      c = reused ?? (opts.fullCycles ? sched.schedule(pod) : sched.scheduleFast(infoOf(pod)));
      s.firstTried = true;
      lazy.defer(s.result, sched, pod);
    } else if (isFirst) {
      // The first cycle is kept whole (firstCycle, unusableNodes), as simulateReplicas keeps it.
      const first: CycleResult = (reused as CycleResult | undefined) ?? sched.schedule(pod);
      s.firstTried = true;
      s.result.firstCycle = first;
      for (const ev of first.nodes) {
        const bad = ev.filters.find((f) => f.code === 'UnschedulableAndUnresolvable');
        if (bad) s.result.unusableNodes[ev.name] = `${bad.plugin}: ${bad.reason ?? bad.code}`;
      }
      c = first;
    } else {
      c = reused ?? (opts.fullCycles ? sched.schedule(pod) : sched.scheduleFast(infoOf(pod)));
    }
    if (recording) recorded.push({ name, cycle: c });
    if (c.selected.length === 0 && s.identical) s.failed = { generation, cycle: c };
    return c;
  };
  const attempt = (e: Entry): FastCycle => {
    e.triedAt = cluster.generation;
    if (e.foreign) return states[e.member].member.scheduler.scheduleFast(e.foreign.pod);
    return cycle(e.member, e.replica);
  };
  const podOf = (e: Entry): Pod => e.foreign?.pod ?? states[e.member].pods[e.replica];
  /** The PostFilter for an entry no node fits: evicts the victims and binds the pod to the nominated node. */
  const tryPreemption = (e: Entry): boolean => {
    const s = states[e.member];
    const pod = podOf(e);
    if (!mayPreempt(cluster, pod)) return false;
    if (!e.foreign && s.identical && s.noPreemptionAt === cluster.generation) return false;
    const result = preemptionFor(s.member.scheduler, pod);
    if (!result?.possible || !result.node) {
      if (!e.foreign && s.identical) s.noPreemptionAt = cluster.generation;
      return false;
    }
    // Taking pods out cannot be rewound exactly: deferred first cycles are computed before it.
    lazy?.materialize();
    const preempted = evictVictims(cluster, result);
    for (const v of result.victims) {
      const owner = placedBy.get(v.pod);
      if (owner) {
        // A release pod: its controller recreates it, the member's replica is queued again.
        placedBy.delete(v.pod);
        unplace(owner);
        active.push({ ...owner, priority: owner.priority, timestamp: clock++, triedAt: -1, helpedBy: undefined });
        continue;
      }
      const report: RecreatedPod = { namespace: v.namespace, name: v.name, node: v.node, priority: v.priority };
      recreated.push(report);
      active.push({ member: e.member, replica: -1, priority: v.priority, timestamp: clock++, triedAt: -1, foreign: { pod: replacementPod(v.pod.pod), report } });
    }
    // `ties`: every node the scheduler could have nominated (it samples candidates at random).
    place(e, { selected: result.equallyPossible, reasons: {} }, preempted, result.node);
    return true;
  };
  /** Takes a placement back out of the results (its pod was evicted). */
  const unplace = (e: Entry) => {
    if (e.foreign) {
      delete e.foreign.report.placedOn;
      return;
    }
    const s = states[e.member];
    const at = s.result.placements.findIndex((p) => p.replica === e.replica);
    if (at >= 0) {
      const node = s.result.placements[at].node;
      s.result.placements.splice(at, 1);
      const k = s.placedNodes.indexOf(node);
      if (k >= 0) s.placedNodes.splice(k, 1);
    }
    const q = sequence.findIndex((p) => p.member === e.member && p.replica === e.replica);
    if (q >= 0) sequence.splice(q, 1);
  };
  const place = (e: Entry, c: FastCycle, preempted?: PreemptedPod[], nominated?: string) => {
    // Binding a pod's volumes cannot be rewound (Cluster.remove leaves the claims bound): the same.
    if (lazy && podOf(e).spec?.volumes?.length && !cluster.storage.empty) lazy.materialize();
    if (e.foreign) {
      const node = nominated ?? pickNode(c.selected);
      const info = cluster.assume(e.foreign.pod, node);
      e.foreign.report.placedOn = node;
      placedBy.set(info, e);
      return;
    }
    const s = states[e.member];
    const pod = s.pods[e.replica];
    const node = nominated ?? pickNode(c.selected);
    const info = cluster.assume(pod, node, infoOf(pod));
    s.placedNodes.push(node);
    const labels = cluster.nodeByName.get(node)!.labels;
    const domains: Record<string, string> = {};
    for (const key of s.keys) if (key in labels) domains[key] = labels[key];
    s.result.placements.push({ replica: e.replica, pod: pod.metadata?.name ?? '', node, ties: sortedTies(c.selected), domains, ...(preempted ? { preempted } : {}) });
    sequence.push({ member: e.member, replica: e.replica, node, pod: info, ...(preempted ? { preempted } : {}) });
    placedBy.set(info, e);
    if (s.member.orderedReady && s.created < s.pods.length && s.created <= e.replica + 1) create(e.member);
  };
  const wait = (e: Entry) => {
    e.helpedBy ??= helpedBy(states[e.member].member.scheduler, podOf(e));
    let lo = 0;
    let hi = waiting.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (queueLess(waiting[mid], e)) lo = mid + 1;
      else hi = mid;
    }
    waiting.splice(lo, 0, e);
  };
  const helpedSince = (e: Entry): boolean => {
    if (opts.retryEveryWaitingPod) return true;
    const s = states[e.member];
    // An identical replica failed on this very cluster: this one fails the same way.
    if (!e.foreign && s.identical && s.failed?.generation === cluster.generation) return false;
    for (let i = Math.max(0, e.triedAt); i < cluster.changeLog.length; i++) {
      const ch = cluster.changeLog[i];
      // A deletion (preemption) frees resources, ports and anti-affinity: any waiting pod may fit.
      if (ch.delta === -1 || e.helpedBy!(ch.pod)) return true;
    }
    return false;
  };
  const retryWaiting = () => {
    for (let w = 0; w < waiting.length;) {
      const e = waiting[w];
      if (!helpedSince(e)) {
        w++;
        continue;
      }
      const c = attempt(e);
      if (c.selected.length === 0) {
        w++;
        continue;
      }
      waiting.splice(w, 1);
      place(e, c);
      w = 0;
    }
  };

  for (let e = active.pop(); e; e = active.pop()) {
    const c = attempt(e);
    if (c.selected.length === 0) {
      if (!tryPreemption(e)) {
        wait(e);
        continue;
      }
    } else {
      place(e, c);
    }
    retryWaiting();
  }

  // Still waiting: Pending, with the reasons of a cycle on the cluster as the release left it, and
  // the message the scheduler writes (its FitError and the PostFilter's preemption part).
  const messages = new Map<MemberState, string>();
  for (const e of waiting) {
    const s = states[e.member];
    if (e.foreign) {
      const c = attempt(e);
      e.foreign.report.message = pendingMessage(s.member.scheduler, e.foreign.pod, c.fitError ?? '');
      continue;
    }
    const c = cycle(e.member, e.replica);
    const pod = s.pods[e.replica].metadata?.name ?? '';
    let message = s.identical ? messages.get(s) : undefined;
    if (message === undefined) message = pendingMessage(s.member.scheduler, s.pods[e.replica], c.fitError ?? '');
    if (s.identical) messages.set(s, message);
    s.result.pending.push({ replica: e.replica, pod, reasons: { ...c.reasons }, message });
    // Ordinals OrderedReady never created. Pods that differ only by name (never a real StatefulSet's,
    // whose pods carry their own name as a label) are reported as simulateReplicas does: the same way.
    for (let j = s.member.orderedReady ? s.created : s.pods.length; j < s.pods.length; j++) {
      const msg = `not created: podManagementPolicy OrderedReady waits for ${pod} to be Running and Ready`;
      const reasons = s.identical ? { ...c.reasons } : { [msg]: 1 };
      s.result.pending.push({ replica: j, pod: s.pods[j].metadata?.name ?? '', reasons, message: s.identical ? message : msg });
    }
  }
  for (const s of states) {
    s.result.pending.sort((a, b) => a.replica - b.replica);
    s.result.placements.sort((a, b) => a.replica - b.replica);
    if (s.pods.length) summarizeSimulation(s.result, cluster, s.member.scheduler, s.pods[0], s.placedNodes, s.keys, s.constraints, infoOf(s.pods[0]));
    reportClaims(s.result, cluster, s.pods);
  }
  return { members: states.map((s) => s.result), sequence, recreated, firstCycleAfter, ...(recording ? { replay: { cycles: recorded } } : {}) };
}
