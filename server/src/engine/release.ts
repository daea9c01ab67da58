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

import type { Pod } from './api';
import type { PodInfo } from './cluster';
import { makePodInfo } from './cluster';
import type { InternalConstraint } from './plugins/podtopologyspread/common';
import type { PodTopologySpreadPlugin } from './plugins/podtopologyspread/plugin';
import { PodQueue, queueLess, type QueuedPod } from './queue';
import { byteOrder, type CycleResult, type FastCycle, type Scheduler } from './scheduler';
import { effectiveConstraints, identicalPods, pickNode, type SimulationResult, summarizeSimulation } from './simulate';

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
}

/** One placement of the release, in the order the scheduler made them. */
export interface ReleasePlacement {
  member: number;
  replica: number;
  node: string;
  /** The pod as assumed on the cluster (Cluster.remove takes it). */
  pod: PodInfo;
}

export interface ReleaseResult {
  /** Per member, what simulateReplicas reports for a workload alone. */
  members: SimulationResult[];
  sequence: ReleasePlacement[];
}

interface Entry extends QueuedPod {
  member: number;
  replica: number;
  /** cluster.generation when the pod was last tried; -1 before its first cycle. */
  triedAt: number;
  /** Whether an added pod may make this one schedulable (built when it first waits). */
  helpedBy?: (added: PodInfo) => boolean;
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
}

function memberState(m: ReleaseMember): MemberState {
  const pods = Array.from({ length: Math.max(0, m.replicas) }, (_, i) => m.podFor(i));
  const pts = m.scheduler.plugin('PodTopologySpread') as PodTopologySpreadPlugin | undefined;
  const constraints = pods.length && pts ? effectiveConstraints(pts, pods[0]) : [];
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
    hard = pts.constraintsFor(makePodInfo(pod), 'DoNotSchedule');
  } catch {
    return () => false; // a selector the API would reject: the cycle errors whatever is added
  }
  if (hard.length === 0) return () => false;
  const namespace = pod.metadata?.namespace || 'default';
  return (added) => added.namespace === namespace && hard.some((c) => c.selector.matches(added.labels));
}

/** Places every member's pods on the members' shared cluster, which it mutates: pass a fork. */
export function placeRelease(members: readonly ReleaseMember[], opts: ReleaseOptions): ReleaseResult {
  if (members.length === 0) return { members: [], sequence: [] };
  const cluster = members[0].scheduler.handle.cluster;
  if (members.some((m) => m.scheduler.handle.cluster !== cluster)) throw new Error('placeRelease: every member must schedule on the same cluster');
  const states = members.map(memberState);
  const sequence: ReleasePlacement[] = [];
  const active = new PodQueue<Entry>();
  const waiting: Entry[] = []; // in queue order
  let clock = 0;

  const create = (k: number) => {
    const s = states[k];
    active.push({ member: k, replica: s.created++, priority: s.member.priority ?? 0, timestamp: clock++, triedAt: -1 });
  };
  const mayCreate = (s: MemberState) => s.created < s.pods.length && !(s.member.orderedReady && s.created >= 1);
  for (const k of opts.creation) if (states[k] && mayCreate(states[k])) create(k);
  states.forEach((s, k) => {
    while (mayCreate(s)) create(k);
  });

  const cycle = (k: number, replica: number): FastCycle => {
    const s = states[k];
    const generation = cluster.generation;
    if (s.identical && s.failed?.generation === generation) return s.failed.cycle;
    const sched = s.member.scheduler;
    const pod = s.pods[replica];
    let c: FastCycle;
    if (!s.firstTried && opts.firstCycles !== false) {
      // The first cycle is kept whole (firstCycle, unusableNodes), as simulateReplicas keeps it.
      const first: CycleResult = sched.schedule(pod);
      s.firstTried = true;
      s.result.firstCycle = first;
      for (const ev of first.nodes) {
        const bad = ev.filters.find((f) => f.code === 'UnschedulableAndUnresolvable');
        if (bad) s.result.unusableNodes[ev.name] = `${bad.plugin}: ${bad.reason ?? bad.code}`;
      }
      c = first;
    } else {
      c = opts.fullCycles ? sched.schedule(pod) : sched.scheduleFast(pod);
    }
    if (c.selected.length === 0 && s.identical) s.failed = { generation, cycle: c };
    return c;
  };
  const attempt = (e: Entry): FastCycle => {
    e.triedAt = cluster.generation;
    return cycle(e.member, e.replica);
  };
  const place = (e: Entry, c: FastCycle) => {
    const s = states[e.member];
    const pod = s.pods[e.replica];
    const node = pickNode(c.selected);
    const info = cluster.assume(pod, node);
    s.placedNodes.push(node);
    const labels = cluster.nodeByName.get(node)!.labels;
    const domains: Record<string, string> = {};
    for (const key of s.keys) if (key in labels) domains[key] = labels[key];
    s.result.placements.push({ replica: e.replica, pod: pod.metadata?.name ?? '', node, ties: [...c.selected].sort(byteOrder), domains });
    sequence.push({ member: e.member, replica: e.replica, node, pod: info });
    if (s.member.orderedReady && s.created < s.pods.length) create(e.member);
  };
  const wait = (e: Entry) => {
    e.helpedBy ??= helpedBy(states[e.member].member.scheduler, states[e.member].pods[e.replica]);
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
    if (s.identical && s.failed?.generation === cluster.generation) return false;
    for (let i = Math.max(0, e.triedAt); i < cluster.changeLog.length; i++) {
      const ch = cluster.changeLog[i];
      if (ch.delta === 1 && e.helpedBy!(ch.pod)) return true;
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
      wait(e);
      continue;
    }
    place(e, c);
    retryWaiting();
  }

  // Still waiting: Pending, with the reasons of a cycle on the cluster as the release left it.
  for (const e of waiting) {
    const s = states[e.member];
    const c = cycle(e.member, e.replica);
    const pod = s.pods[e.replica].metadata?.name ?? '';
    s.result.pending.push({ replica: e.replica, pod, reasons: { ...c.reasons }, message: c.fitError ?? '' });
    // Ordinals OrderedReady never created. Pods that differ only by name (never a real StatefulSet's,
    // whose pods carry their own name as a label) are reported as simulateReplicas does: the same way.
    for (let j = s.member.orderedReady ? s.created : s.pods.length; j < s.pods.length; j++) {
      const msg = `not created: podManagementPolicy OrderedReady waits for ${pod} to be Running and Ready`;
      const reasons = s.identical ? { ...c.reasons } : { [msg]: 1 };
      s.result.pending.push({ replica: j, pod: s.pods[j].metadata?.name ?? '', reasons, message: s.identical ? c.fitError ?? '' : msg });
    }
  }
  for (const s of states) {
    s.result.pending.sort((a, b) => a.replica - b.replica);
    s.result.placements.sort((a, b) => a.replica - b.replica);
    if (s.pods.length) summarizeSimulation(s.result, cluster, s.member.scheduler, s.pods[0], s.placedNodes, s.keys, s.constraints);
  }
  return { members: states.map((s) => s.result), sequence };
}
