// Preemption: what the scheduler does after a cycle in which no node fits
// (pkg/scheduler/framework/preemption/preemption.go Evaluator.Preempt, kubernetes master 00e6d95;
// pkg/scheduler/schedule_one.go runs it as the PostFilter and appends its message to the FitError).
//  1. The pod must be eligible (DefaultPreemption.PodEligibleToPreemptOthers).
//  2. Potential nodes: those whose filter status is Unschedulable; UnschedulableAndUnresolvable
//     ones (taints, affinity, missing labels, ...) no eviction can fix (NodesForStatusCode).
//  3. A dry run on each (SelectVictimsOnNode) on a fork of the cluster, so nothing the caller holds
//     changes; the fork's plugins keep their incremental state (PodTopologySpread's counts) across
//     the removals and reprieves, as upstream's AddPod/RemovePod extensions do.
//  4. The choice among candidates (select.ts) and the nominated node.
// No candidate: the PostFilter's message is another FitError over the dry run's statuses, nodes
// that were not potential counted as "Preemption is not helpful for scheduling".
// Users without priorities pay nothing: when no pod of the cluster has a lower priority than the
// incoming pod, no dry run can find a victim, and the message is written from the cycle's statuses.

import type { Cluster, NodeInfo, PodInfo } from '../cluster';
import type { CycleResult } from '../cycleTypes';
import { fitErrorText } from '../fitError';
import { CycleState, type Plugin, type Status, SUCCESS, unresolvable } from '../framework';
import {
  calculateNumCandidates, type DefaultPreemptionArgs, NO_VICTIMS, podEligibleToPreemptOthers,
  type RankedPod, selectVictimsOnNode, startTimeOf,
} from '../plugins/defaultpreemption/defaultPreemption';
import { podPreemptionPolicy, podPriority, PriorityClassIndex } from '../priority';
import { Scheduler } from '../scheduler';
import { budgetsOf } from '../plugins/defaultpreemption/pdb';
import { type Candidate, pickOneNodeForPreemption } from './select';

export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';

export interface PreemptionVictim {
  namespace: string;
  name: string;
  node: string;
  priority: number;
  /** The pod as the cluster holds it (Cluster.remove takes it). */
  pod: PodInfo;
}

export interface PreemptionResult {
  /** Preemption makes room: the scheduler nominates `node` and evicts `victims`. */
  possible: boolean;
  node?: string;
  /** By descending importance, as the scheduler lists them. */
  victims: PreemptionVictim[];
  numPDBViolations: number;
  /** Candidates equal to `node` on every criterion. */
  ties: string[];
  /** Every node the scheduler could nominate given its random sample of candidates (includes `node`). */
  equallyPossible: string[];
  /** Nodes whose failure an eviction might fix (status Unschedulable). */
  potentialNodes: number;
  /** Nodes where evicting lower-priority pods makes the pod fit. */
  candidates: number;
  /** How many candidates upstream looks for before choosing (calculateNumCandidates). */
  numCandidates: number;
  /** The pod may not preempt (preemptionPolicy Never, ...): the reason. */
  notEligible?: string;
  /** The PostFilter's message ("preemption: ..."); empty when preemption succeeds. */
  message: string;
  /** Dry-run status of each potential node that is no candidate (reasons joined). */
  nodeStatuses: Record<string, string>;
}

const indexes = new WeakMap<readonly unknown[], PriorityClassIndex>();

/** The cluster's PriorityClasses (plus the system ones), indexed once per cluster snapshot. */
export function priorityClassIndex(cluster: Cluster): PriorityClassIndex {
  let idx = indexes.get(cluster.priorityClasses);
  if (!idx) indexes.set(cluster.priorityClasses, (idx = new PriorityClassIndex(cluster.priorityClasses)));
  return idx;
}

const lowest = new WeakMap<Cluster, { generation: number; min: number }>();

/** The lowest priority of any pod the cluster holds (+Infinity when it holds none); kept per change. */
export function lowestPodPriority(cluster: Cluster): number {
  const idx = priorityClassIndex(cluster);
  let m = lowest.get(cluster);
  if (!m) {
    // A fork holds its parent's pods as the parent was at the fork: start from the parent's minimum
    // (counted once per snapshot) instead of reading every pod again (150,000 on 5,000 nodes, for every
    // workload simulated on its own fork), then apply the fork's own changes below.
    const parent = cluster.unchangedParent();
    if (parent && parent.priorityClasses === cluster.priorityClasses) {
      m = { generation: 0, min: lowestPodPriority(parent) };
    }
  }
  if (m && m.generation <= cluster.generation) {
    for (let i = m.generation; i < cluster.generation && m; i++) {
      const ch = cluster.changeLog[i];
      const p = podPriority(ch.pod.pod, idx);
      if (ch.delta === 1) m.min = Math.min(m.min, p);
      else if (p <= m.min) m = undefined; // the lowest may have left: recount
    }
  } else {
    m = undefined;
  }
  if (!m) {
    let min = Infinity;
    for (const n of cluster.nodes) for (const pi of n.pods) min = Math.min(min, podPriority(pi.pod, idx));
    m = { generation: cluster.generation, min };
  }
  m.generation = cluster.generation;
  lowest.set(cluster, m);
  return m.min;
}

function ranked(node: NodeInfo, idx: PriorityClassIndex): RankedPod[] {
  return node.pods.map((info) => ({ info, priority: podPriority(info.pod, idx), startTime: startTimeOf(info) }));
}

/** PreFilter + Filter of the profile for `pod` on one node (RunFilterPluginsWithNominatedPods, without nominated pods). */
export function filtersOnNode(scheduler: Scheduler, pod: PodInfo, node: NodeInfo): Status {
  const state = new CycleState();
  const active: Plugin[] = [];
  for (const { plugin, filters } of scheduler.instances) {
    if (!plugin.filter || !filters) continue;
    const s = plugin.preFilter ? plugin.preFilter(state, pod) : SUCCESS;
    if (s.code === 'Skip') continue;
    if (s.code !== 'Success') return s;
    if (s.nodeNames && !s.nodeNames.has(node.name)) return unresolvable(`node(s) didn't satisfy plugin(s) [${plugin.name}]`);
    active.push(plugin);
  }
  for (const plugin of active) {
    const s = plugin.filter!(state, pod, node);
    if (s.code !== 'Success') return s;
  }
  return SUCCESS;
}

export interface PreemptOptions {
  args?: DefaultPreemptionArgs;
}

/**
 * The PostFilter after `cycle` (a full cycle of `scheduler` for `pod`) found no node; undefined when
 * the scheduler runs none (a node fits, the pod is not attempted, an error, no node at all).
 */
export function preempt(scheduler: Scheduler, pod: PodInfo, cycle: CycleResult, opts: PreemptOptions = {}): PreemptionResult | undefined {
  const cluster = scheduler.handle.cluster;
  if (cycle.selected.length > 0 || cycle.notHandled || cycle.gated || cycle.error || cluster.nodes.length === 0) return undefined;
  const idx = priorityClassIndex(cluster);
  const priority = podPriority(pod.pod, idx);
  const statusOf = new Map(cycle.nodes.map((ev) => [ev.name, ev.status]));
  const result: PreemptionResult = {
    possible: false, victims: [], numPDBViolations: 0, ties: [], equallyPossible: [], potentialNodes: 0, candidates: 0,
    numCandidates: 0, message: '', nodeStatuses: {},
  };

  const nominatedName = pod.pod.status?.nominatedNodeName;
  const nominatedNode = nominatedName ? cluster.nodeByName.get(nominatedName) : undefined;
  const eligibility = podEligibleToPreemptOthers(
    podPreemptionPolicy(pod.pod, idx), priority,
    nominatedName ? { code: statusOf.get(nominatedName)?.code ?? 'UnschedulableAndUnresolvable', pods: nominatedNode ? ranked(nominatedNode, idx) : [] } : undefined,
  );
  if (!eligibility.eligible) {
    result.notEligible = eligibility.reason;
    result.message = `preemption: ${eligibility.reason}`;
    return result;
  }

  const potential = cluster.nodes.filter((n) => statusOf.get(n.name)?.code === 'Unschedulable');
  result.potentialNodes = potential.length;
  result.numCandidates = calculateNumCandidates(potential.length, opts.args);
  const reasons: Record<string, number> = {};
  const count = (r: string, n = 1) => (reasons[r] = (reasons[r] ?? 0) + n);
  let candidates: Candidate[] = [];
  if (potential.length > 0 && lowestPodPriority(cluster) < priority) {
    const dry = dryRunPreemption(scheduler, pod, potential);
    candidates = dry.candidates;
    for (const [name, status] of dry.statuses) {
      result.nodeStatuses[name] = status.reasons.join(', ');
      for (const reason of status.reasons) count(reason);
    }
  } else {
    for (const n of potential) {
      result.nodeStatuses[n.name] = NO_VICTIMS;
      count(NO_VICTIMS);
    }
  }
  result.candidates = candidates.length;
  const choice = pickOneNodeForPreemption(candidates, result.numCandidates);
  if (!choice) {
    const absent = cluster.nodes.length - potential.length;
    if (absent > 0) count(PREEMPTION_NOT_HELPFUL, absent);
    result.message = `preemption: ${fitErrorText(cluster.nodes.length, reasons)}`;
    return result;
  }
  const node = choice.candidate.node;
  result.possible = true;
  result.node = node;
  result.numPDBViolations = choice.candidate.numPDBViolations;
  result.ties = choice.ties;
  result.equallyPossible = choice.equallyPossible;
  // The victims as the caller's cluster holds them (the fork shares the PodInfo objects).
  result.victims = choice.candidate.victims.map((v) => ({ namespace: v.info.namespace, name: v.info.name, node, priority: v.priority, pod: v.info }));
  return result;
}

/** What the dry run found: every candidate (in `potential`'s order) and the status of each other potential node. */
export interface DryRun {
  candidates: Candidate[];
  statuses: Map<string, Status>;
}

/**
 * DryRunPreemption over every node of `potential` (upstream stops after a random sample; see select.ts):
 * SelectVictimsOnNode on a fork of the cluster, so nothing the caller holds changes; the fork's plugins
 * keep their incremental state (PodTopologySpread's counts) across removals and reprieves. A node where
 * the pod fits without evicting anyone is no candidate (upstream: "expected at least one victim pod").
 */
export function dryRunPreemption(scheduler: Scheduler, pod: PodInfo, potential: readonly NodeInfo[]): DryRun {
  const cluster = scheduler.handle.cluster;
  const idx = priorityClassIndex(cluster);
  const priority = podPriority(pod.pod, idx);
  const fork = cluster.fork();
  const dry = new Scheduler({ cluster: fork, env: scheduler.handle.env }, scheduler.profile);
  const budgets = budgetsOf(cluster.podDisruptionBudgets, cluster.nodes.flatMap((n) => n.pods.map((p) => p.pod)));
  const out: DryRun = { candidates: [], statuses: new Map() };
  for (const n of potential) {
    const node = fork.nodeByName.get(n.name)!;
    const r = selectVictimsOnNode(ranked(node, idx), priority, budgets, {
      remove: (p) => fork.remove(p), restore: (p) => fork.restore(p), fits: () => filtersOnNode(dry, pod, node),
    });
    if (r.status.code === 'Success' && r.victims.length > 0) {
      out.candidates.push({ node: n.name, victims: r.victims, numPDBViolations: r.numPDBViolations });
    } else {
      out.statuses.set(n.name, r.status.code === 'Success' ? { code: 'Error', reasons: [`expected at least one victim pod on node "${n.name}"`] } : r.status);
    }
  }
  return out;
}

/** The scheduler's message for a pod that stays Pending: the FitError, then the PostFilter's message. */
export function messageWithPreemption(fitError: string, preemption: PreemptionResult | undefined): string {
  return preemption?.message ? `${fitError} ${preemption.message}` : fitError;
}
