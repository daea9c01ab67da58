// `simulate` of a release as JSON (docs/cli.md, Additions: "simulate: releases"). The top-level
// fields are the focused workload's, exactly as `simulate` reports a workload alone (so a reader of
// today's JSON reads the same fields), placed within its release; `release` describes every
// workload. Placements and pending replicas carry `workload` (the index into release.workloads) and
// pending replicas `blockedBy` when other workloads of the release keep them Pending.

import { type AnalysisContext, clusterInfo, kubernetesInfo } from '../context';
import { daemonSetSpread } from '../daemonSet';
import { notesFor } from '../notes';
import { readOnDemand, type SimulateJson, TIE_BREAK_RULE, volumeJson } from '../simulate';
import type { ReleaseAnalysis } from './analyze';
import type { Blocked, Blocker } from './attribution';
import type { Autoscaled } from './hpa';
import type { ReleaseOrder } from './order';

export interface BlockedByJson {
  file: string;
  document: number;
  kind: string;
  namespace: string;
  name: string;
  /** Nodes the replica could use without that workload's pods. */
  nodes: number;
  /** What rejects those nodes now: the scheduler's reason -> node count. */
  reasons: Record<string, number>;
}

export interface ReleaseWorkloadJson {
  file: string;
  document: number;
  kind: string;
  namespace: string;
  name: string;
  replicas: number;
  /** Replicas placed / Pending (counts). */
  placed: number;
  pending: number;
  distribution: Record<string, Record<string, number>>;
  skew: Record<string, number>;
  constraints: { index: number; topologyKey: string; maxSkew: number; whenUnsatisfiable: string; source: string }[];
  /** The pods' priority, which orders the scheduling queue. */
  priority: number;
  /** Every workload that blocks at least one of its Pending replicas. */
  blockedBy?: BlockedByJson[];
  /** More workloads may block it than the ones named (at most 5 per replica are). */
  blockedByMore?: true;
  /** A HorizontalPodAutoscaler of the release scales it: the replicas simulated come from it (docs/release.md). */
  autoscaler?: { file: string; document: number; name: string; minReplicas: number; maxReplicas: number; why: string };
  placements: { replica: number; node: string }[];
  pendingReplicas: { replica: number; message: string; blockedBy?: BlockedByJson[]; blockedByMore?: true }[];
  warnings?: string[];
}

export interface ReleaseJson {
  workloads: ReleaseWorkloadJson[];
  /** The creation order simulated (docs/release.md). */
  order: ReleaseOrder;
  /** The other orders simulated, only to find out whether the outcome depends on the order. */
  compared: ReleaseOrder[];
  orderSensitive: boolean;
  /** Per workload whose outcome differs in another order: what differs. */
  orderChanges: { workload: number; order: ReleaseOrder; changes: string[] }[];
  /** The workload the top-level fields describe. */
  focus: number;
  notes: string[];
}

type Placed = SimulateJson['placements'][number] & { workload: number };
type Pending = SimulateJson['pending'][number] & { workload: number; blockedBy?: BlockedByJson[]; blockedByMore?: true };

export interface ReleaseSimulateJson extends SimulateJson {
  placements: Placed[];
  pending: Pending[];
  release: ReleaseJson;
}

const notesByCluster = new WeakMap<object, Map<AnalysisContext, string[]>>();

/** notesFor of the release's cluster, once per cluster and context (it reads every pod; check asks it for every workload). */
function runNotes(ctx: AnalysisContext, cluster: ReleaseAnalysis['run']['cluster']): string[] {
  let byCtx = notesByCluster.get(cluster);
  if (!byCtx) notesByCluster.set(cluster, (byCtx = new Map()));
  let notes = byCtx.get(ctx);
  if (!notes) byCtx.set(ctx, (notes = notesFor(ctx, cluster)));
  return [...notes];
}

/** Workload k of the release as `simulate` reports a workload (analysis/simulate.ts), placed within the release. */
export function workloadSimulateJson(a: ReleaseAnalysis, k: number, warnings: readonly string[] = []): SimulateJson {
  const run = a.run;
  const ctx: AnalysisContext = run.contexts[k];
  const w = a.workloads[k];
  const r = run.results[k];
  const daemon = run.daemon[k];
  const out: SimulateJson = {
    cluster: clusterInfo(ctx),
    kubernetes: kubernetesInfo(ctx),
    workload: {
      kind: w.spec.kind, name: w.spec.name, namespace: w.spec.namespace, replicas: run.replicas[k],
      ...(run.results[k]?.volumes ? { volumes: run.results[k].volumes!.map(volumeJson) } : {}),
    },
    placements: r.placements.map(({ replica, node, ties, domains, preempted }) => ({ replica, node, ties, domains, ...(preempted ? { preempted } : {}) })),
    pending: r.pending.map((p) => ({ replica: p.replica, ...(daemon ? { node: daemon.nodes[p.replica] } : {}), reasons: p.reasons, message: p.message })),
    distribution: r.distribution,
    skew: r.skew,
    counts: r.counts,
    constraints: r.constraints.map((c) => ({
      index: c.index, topologyKey: c.topologyKey, maxSkew: c.maxSkew, whenUnsatisfiable: c.whenUnsatisfiable, source: c.source, selector: c.selector.toString(),
    })),
    tieBreak: TIE_BREAK_RULE,
    unusableNodes: run.daemonUnusable[k] ?? {},
    notes: runNotes(ctx, run.cluster),
  };
  // Read off the workload's first cycle, which the release computes when first read (engine
  // lazyFirstCycles.ts): check builds this JSON for every workload on every edit without reading it.
  if (!run.daemonUnusable[k]) readOnDemand(out, 'unusableNodes', () => r.unusableNodes);
  if (daemon) {
    if (Object.keys(daemon.skipped).length) out.skippedNodes = daemon.skipped;
    const keys = [...new Set(out.constraints.map((c) => c.topologyKey))];
    out.daemonSet = daemonSetSpread(run.cluster, daemon, new Set(r.placements.map((p) => p.node)), keys);
  }
  const all = [...warnings, ...run.warnings[k]];
  if (all.length) out.warnings = all;
  return out;
}

function blockedByJson(a: ReleaseAnalysis, blockers: readonly Blocker[]): BlockedByJson[] {
  return blockers.map((b) => {
    const w = a.workloads[b.workload];
    return { file: w.file, document: w.doc.index, kind: w.spec.kind, namespace: w.spec.namespace, name: w.spec.name, nodes: b.nodes, reasons: b.reasons };
  });
}

function workloadJson(a: ReleaseAnalysis, k: number): ReleaseWorkloadJson {
  const w = a.workloads[k];
  const r = a.run.results[k];
  const byReplica = a.attribution.get(k);
  const union = new Map<number, Blocker>();
  let more = false;
  for (const blocked of byReplica?.values() ?? []) {
    more ||= blocked.more;
    for (const b of blocked.blockers) if (!union.has(b.workload)) union.set(b.workload, b);
  }
  const out: ReleaseWorkloadJson = {
    file: w.file, document: w.doc.index, kind: w.spec.kind, namespace: w.spec.namespace, name: w.spec.name,
    replicas: a.run.replicas[k], placed: r.placements.length, pending: r.pending.length,
    distribution: r.distribution, skew: r.skew,
    constraints: r.constraints.map((c) => ({ index: c.index, topologyKey: c.topologyKey, maxSkew: c.maxSkew, whenUnsatisfiable: c.whenUnsatisfiable, source: c.source })),
    priority: w.priority,
    ...(union.size ? { blockedBy: blockedByJson(a, [...union.values()].sort((x, y) => x.workload - y.workload)) } : {}),
    ...(more ? { blockedByMore: true as const } : {}),
    ...(w.autoscaled ? { autoscaler: autoscalerJson(w.autoscaled) } : {}),
    placements: r.placements.map((p) => ({ replica: p.replica, node: p.node })),
    pendingReplicas: r.pending.map((p) => {
      const blocked: Blocked | undefined = byReplica?.get(p.replica);
      return {
        replica: p.replica, message: p.message,
        ...(blocked ? { blockedBy: blockedByJson(a, blocked.blockers), ...(blocked.more ? { blockedByMore: true as const } : {}) } : {}),
      };
    }),
  };
  if (a.run.warnings[k].length) out.warnings = [...a.run.warnings[k]];
  return out;
}

function autoscalerJson(a: Autoscaled): NonNullable<ReleaseWorkloadJson['autoscaler']> {
  const h = a.hpa;
  return { file: h.file, document: h.doc.index, name: h.name, minReplicas: h.minReplicas, maxReplicas: h.maxReplicas, why: a.why };
}

/** Caveats about the release as a whole. */
function releaseNotes(a: ReleaseAnalysis): string[] {
  const notes: string[] = [];
  for (const w of a.workloads) {
    if (w.autoscaled) notes.push(`${w.spec.kind} ${w.spec.name}: ${w.autoscaled.replicas} replica(s): ${w.autoscaled.why}`);
    if (w.unknownPriorityClass) notes.push(`${w.spec.kind} ${w.spec.name}: priorityClassName ${w.unknownPriorityClass} is defined neither in the release nor in the fixture; priority 0 assumed (the cluster may define it)`);
  }
  return notes;
}

export function releaseJson(a: ReleaseAnalysis, focus: number): ReleaseJson {
  return {
    workloads: a.workloads.map((_, k) => workloadJson(a, k)),
    order: a.run.order,
    compared: a.sensitivity.compared,
    orderSensitive: a.sensitivity.sensitive,
    orderChanges: a.sensitivity.changes.map((c) => ({ workload: c.workload, order: c.order, changes: c.changes })),
    focus,
    notes: releaseNotes(a),
  };
}

/** The `simulate --format json` answer for a release: workload `focus` on top, the release beside it. */
export function releaseSimulateJson(a: ReleaseAnalysis, focus: number, warnings: readonly string[] = []): ReleaseSimulateJson {
  const s = workloadSimulateJson(a, focus, warnings);
  const release = releaseJson(a, focus);
  const byReplica = new Map(release.workloads[focus].pendingReplicas.map((p) => [p.replica, p]));
  return {
    ...s,
    placements: s.placements.map((p) => ({ ...p, workload: focus })),
    pending: s.pending.map((p) => {
      const r = byReplica.get(p.replica);
      return { ...p, workload: focus, ...(r?.blockedBy ? { blockedBy: r.blockedBy } : {}), ...(r?.blockedByMore ? { blockedByMore: r.blockedByMore } : {}) };
    }),
    release,
  };
}
