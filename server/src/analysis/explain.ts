// `explain`: one incoming pod against the fixture, every filter on every node, scores, the tie set,
// and each spread constraint's view of the domains (cli.md "explain --format json", §7.4).

import type { Cluster, Pod } from '../engine';
import { makePodInfo } from '../engine';
import type { Code } from '../engine';
import {
  type FilterConstraintSummary, type PodTopologySpreadPlugin, readPreFilterState, readPreScoreState,
  summarizeFilterState, summarizeScoreState,
} from '../engine';
import { computePreFilterState } from '../engine';
import { scoreNode } from '../engine';
import { messageWithPreemption, preempt, type PreemptionResult } from '../engine';
import { countMatching } from '../engine';
import { LABEL_HOSTNAME } from '../engine';
import { type CycleResult, Scheduler } from '../engine';
import { type AnalysisContext, clusterFor, clusterInfo, kubernetesInfo, forWorkload } from './context';
import { DAEMONSET_PINNING, planDaemonSet } from './daemonSet';
import { notesFor } from './notes';
import type { WorkloadSpec } from './workload';

export interface ExplainConstraint {
  index: number;
  topologyKey: string;
  maxSkew: number;
  whenUnsatisfiable: string;
  source: string;
  selector: string;
  minDomains?: number;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
  /** Hard: matching pods per eligible domain (all nodes). Soft: counts of the tracked values (see `view`). */
  domains: Record<string, number>;
  /**
   * DoNotSchedule only. The Filter's PreFilter builds its state (domains, critical paths, the minimum)
   * from DoNotSchedule constraints alone; scoring a ScheduleAnyway constraint uses per-domain counts and
   * no minimum, so a soft constraint has no global minimum or eligible-domain count to show.
   */
  eligibleDomains?: number;
  globalMinimum?: number;
  rawMinimum?: number | null;
  view: 'filter' | 'score';
  /** Soft constraints: ln(size + 2), nodes ignored (missing a key), raw score per feasible node. */
  weight?: number;
  ignoredNodes?: string[];
  rawScores?: Record<string, number>;
}

export interface ExplainNode {
  name: string;
  feasible: boolean;
  /** Every modelled filter plugin in profile order; `skipped` when its PreFilter skipped it (it cannot reject). */
  filters: { plugin: string; code: Code; reason?: string; skipped?: true }[];
  /** The first failing filter in profile order: what the scheduler reports for this node. */
  status?: { plugin: string; code: Code; reason?: string };
  scores: Record<string, number> | null;
  totalScore?: number;
}

export interface ExplainJson {
  cluster: ReturnType<typeof clusterInfo>;
  kubernetes: ReturnType<typeof kubernetesInfo>;
  pod: { kind: string; name: string; namespace: string; labels: Record<string, string> };
  constraints: ExplainConstraint[];
  nodes: ExplainNode[];
  selected: string[];
  /** The scheduler's message when the pod fits no node. */
  unschedulable?: string;
  scoring?: string;
  warnings?: string[];
  /**
   * When the pod fits no node: what the DefaultPreemption PostFilter decides (docs/preemption.md).
   * `possible`: evicting `victims` from `node` (the nominated node) lets the pod run; `equallyPossible`:
   * every node the scheduler could nominate instead (it samples candidates from a random offset).
   */
  preemption?: PreemptionJson;
  /** DaemonSet only: the controller pins each pod to its node; `pod` is the one for `explainedNode`. */
  daemonSet?: { pinning: string; nodes: number; explainedNode: string | null; skippedNodes?: Record<string, string> };
  notes: string[];
}

export interface PreemptionJson {
  possible: boolean;
  node?: string;
  victims: { namespace: string; name: string; node: string; priority: number }[];
  equallyPossible: string[];
  numPDBViolations: number;
  /** Nodes whose failure an eviction might fix (status Unschedulable) / where it does. */
  potentialNodes: number;
  candidates: number;
  /** Why the pod may not preempt (preemptionPolicy Never, ...). */
  notEligible?: string;
  /** The PostFilter's part of the scheduler's message, when preemption cannot help. */
  message?: string;
  /** Each potential node where preemption does not help, and why (the dry run's status). */
  nodes?: Record<string, string>;
}

export function preemptionJson(r: PreemptionResult): PreemptionJson {
  return {
    possible: r.possible, ...(r.node ? { node: r.node } : {}),
    victims: r.victims.map(({ namespace, name, node, priority }) => ({ namespace, name, node, priority })),
    equallyPossible: r.equallyPossible, numPDBViolations: r.numPDBViolations, potentialNodes: r.potentialNodes, candidates: r.candidates,
    ...(r.notEligible ? { notEligible: r.notEligible } : {}), ...(r.message ? { message: r.message } : {}),
    ...(Object.keys(r.nodeStatuses).length ? { nodes: r.nodeStatuses } : {}),
  };
}

/** `placed`: the cluster to explain on instead of the fixture's (a release's, with the pods placed before this workload's; it must know w's owner). */
export function explainWorkload(ctx: AnalysisContext, w: WorkloadSpec, warnings: string[] = [], placed?: Cluster): ExplainJson {
  ctx = forWorkload(ctx, w); // the profile named by the pod's spec.schedulerName
  const cluster = placed ?? clusterFor(ctx, w.owners);
  const sched = new Scheduler({ cluster, env: ctx.env }, ctx.profile);
  // A DaemonSet's pods are never scheduled freely: explain the pod the controller creates for the first
  // node it covers, pinned as the controller pins it (no node covered: the template, as written).
  const daemon = w.kind === 'DaemonSet' ? planDaemonSet(cluster, w.podFor(0), ctx.env) : undefined;
  const pod = daemon?.pods[0] ?? w.podFor(0);
  const cycle = sched.schedule(pod);
  const out: ExplainJson = {
    cluster: clusterInfo(ctx),
    kubernetes: kubernetesInfo(ctx),
    pod: { kind: w.kind, name: w.name, namespace: w.namespace, labels: pod.metadata.labels ?? {} },
    constraints: constraintsOf(sched, cycle, pod),
    nodes: cycle.nodes.map((n) => ({
      name: n.name,
      feasible: n.feasible,
      filters: n.filters.map(({ plugin, code, reason, skipped }) => ({ plugin, code, ...(reason !== undefined ? { reason } : {}), ...(skipped ? { skipped } : {}) })),
      ...(n.status ? { status: { plugin: n.status.plugin, code: n.status.code, reason: n.status.reason } } : {}),
      scores: n.scores,
      ...(n.totalScore !== null ? { totalScore: n.totalScore } : {}),
    })),
    selected: cycle.selected,
    notes: notesFor(ctx, cluster),
  };
  const preemption = preempt(sched, cycle.pod, cycle);
  if (cycle.fitError) out.unschedulable = messageWithPreemption(cycle.fitError, preemption);
  if (preemption) out.preemption = preemptionJson(preemption);
  if (cycle.scoringSkipped) out.scoring = cycle.scoringSkipped;
  if (warnings.length) out.warnings = warnings;
  if (daemon) {
    out.daemonSet = {
      pinning: DAEMONSET_PINNING, nodes: daemon.nodes.length, explainedNode: daemon.nodes[0] ?? null,
      ...(Object.keys(daemon.skipped).length ? { skippedNodes: daemon.skipped } : {}),
    };
  }
  return out;
}

function constraintsOf(sched: Scheduler, cycle: CycleResult, pod: Pod): ExplainConstraint[] {
  const out: ExplainConstraint[] = [];
  const hard = readPreFilterState(cycle.state);
  if (hard) out.push(...summarizeFilterState(hard).map(fromFilterSummary));
  const soft = readPreScoreState(cycle.state);
  if (soft) {
    const summary = summarizeScoreState(soft);
    const rawScores: Record<string, number> = {};
    for (const n of cycle.nodes) {
      if (n.feasible) rawScores[n.name] = scoreNode(soft, sched.handle.cluster.nodeByName.get(n.name)!, sched.handle.env);
    }
    for (const [i, c] of summary.constraints.entries()) {
      // Hostname constraints are counted per scored node (Score), not per tracked value (PreScore).
      let domains = c.counts;
      if (c.topologyKey === LABEL_HOSTNAME) {
        domains = {};
        for (const n of cycle.nodes) {
          if (!n.feasible || summary.ignoredNodes.includes(n.name)) continue;
          const ni = sched.handle.cluster.nodeByName.get(n.name)!;
          domains[ni.labels[LABEL_HOSTNAME] ?? n.name] = countMatching(ni.pods, soft.constraints[i].selector, soft.namespace, sched.handle.env);
        }
      }
      out.push({
        index: c.index, topologyKey: c.topologyKey, maxSkew: c.maxSkew, whenUnsatisfiable: c.whenUnsatisfiable, source: c.source,
        selector: c.selector, nodeAffinityPolicy: c.nodeAffinityPolicy, nodeTaintsPolicy: c.nodeTaintsPolicy,
        domains, view: 'score', weight: c.weight, ignoredNodes: summary.ignoredNodes, rawScores,
      });
    }
  } else {
    // Scoring did not run (fewer than two feasible nodes): still show soft constraints' domains
    // with the filter's counting rules, so the user sees where matching pods are.
    const pts = sched.plugin('PodTopologySpread') as PodTopologySpreadPlugin | undefined;
    let softs: ReturnType<PodTopologySpreadPlugin['constraintsFor']>;
    try {
      softs = pts ? pts.constraintsFor(makePodInfo(pod), 'ScheduleAnyway') : [];
    } catch {
      softs = [];
    }
    if (softs.length) {
      const st = computePreFilterState(softs, makePodInfo(pod), sched.handle.cluster, sched.handle.env);
      for (const s of summarizeFilterState(st)) {
        out.push({ ...fromFilterSummary(s), whenUnsatisfiable: 'ScheduleAnyway', minDomains: undefined, eligibleDomains: undefined, globalMinimum: undefined, rawMinimum: undefined });
      }
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

function fromFilterSummary(s: FilterConstraintSummary): ExplainConstraint {
  return {
    index: s.index, topologyKey: s.topologyKey, maxSkew: s.maxSkew, whenUnsatisfiable: s.whenUnsatisfiable, source: s.source,
    selector: s.selector, minDomains: s.minDomains, nodeAffinityPolicy: s.nodeAffinityPolicy, nodeTaintsPolicy: s.nodeTaintsPolicy,
    domains: s.domains, eligibleDomains: s.eligibleDomains, globalMinimum: s.globalMinimum, rawMinimum: s.rawMinimum, view: 'filter',
  };
}
