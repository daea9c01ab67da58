// The audit of a running cluster's spread (docs/audit.md): every workload of the fixture, every spread
// constraint the scheduler would enforce for its next pod (the pod's own, or the cluster defaults of the
// profile that schedules it: PodTopologySpreadPlugin.constraintsFor, upstream plugin.go getConstraints),
// counted on the fixture as the filter counts (count.ts), and each Pending pod explained by one
// scheduling cycle of the exact model.

import {
  type InternalConstraint, makePodInfo, type Pod, type PodTopologySpreadPlugin, type Profile, Scheduler, SelectorError,
} from '../../engine';
import { type AnalysisContext, clusterInfo, forWorkload, kubernetesInfo } from '../context';
import { type ConstraintCount, countConstraints } from './count';
import { nextPodOf } from './nextPod';
import type { AuditConstraintJson, AuditJson, AuditPendingPodJson, AuditWorkloadJson, DeschedulerJson } from './types';
import { type AuditWorkload, collectWorkloads, workloadId } from './workloads';

/** Schedulers by profile, on the context's snapshot (nothing is assumed onto it). */
class Schedulers {
  private readonly byProfile = new Map<Profile, Scheduler>();
  constructor(private readonly ctx: AnalysisContext) {}
  for(profile: Profile): Scheduler {
    let s = this.byProfile.get(profile);
    if (!s) this.byProfile.set(profile, (s = new Scheduler({ cluster: this.ctx.cluster, env: this.ctx.env }, profile)));
    return s;
  }
}

function constraintJson(c: ConstraintCount): AuditConstraintJson {
  const k = c.constraint;
  return {
    index: k.index,
    topologyKey: k.topologyKey,
    maxSkew: k.maxSkew,
    whenUnsatisfiable: k.whenUnsatisfiable,
    source: k.source,
    counts: c.counts,
    skew: c.skew,
    violated: c.violated,
    minDomains: k.minDomains,
    globalMinimum: c.globalMinimum,
    eligibleDomains: c.eligibleDomains,
    excludedNodes: c.excludedNodes,
    selector: k.selector.toString(),
    nodeAffinityPolicy: k.nodeAffinityPolicy,
    nodeTaintsPolicy: k.nodeTaintsPolicy,
  };
}

/**
 * The constraints of the next pod, counted. Hard ones as one list (the filter requires a node to have
 * every key of the list); soft ones alike, except the system defaults, which scoring applies key by key
 * (nodes lacking a key are not ignored for them: scoring.go requireAllTopologies).
 */
export function auditConstraints(plugin: PodTopologySpreadPlugin, pod: Pod, ctx: AnalysisContext): { counts: ConstraintCount[]; problem?: string } {
  const info = makePodInfo(pod);
  let hard: InternalConstraint[];
  let soft: InternalConstraint[];
  try {
    hard = plugin.constraintsFor(info, 'DoNotSchedule');
    soft = plugin.constraintsFor(info, 'ScheduleAnyway');
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    return { counts: [], problem: `the scheduler cannot read its spread constraints: ${e.message} (every scheduling attempt fails with this error)` };
  }
  const counts = countConstraints(hard, info, ctx.cluster, ctx.env);
  if (soft.length > 0 && soft[0].source === 'system-default') {
    for (const c of soft) counts.push(...countConstraints([c], info, ctx.cluster, ctx.env));
  } else counts.push(...countConstraints(soft, info, ctx.cluster, ctx.env));
  // The order of the list they come from: index, then hard before soft for the (invalid) same index.
  return { counts: counts.sort((a, b) => a.constraint.index - b.constraint.index) };
}

function explainPending(sched: Scheduler, pod: Pod): AuditPendingPodJson {
  const cycle = sched.schedule(pod);
  const name = pod.metadata?.name ?? pod.metadata?.generateName ?? '';
  if (cycle.fitError) return { name, reason: cycle.fitError };
  return {
    name,
    reason: 'fits now: the fixture may have been captured before the scheduler retried it (a node or room was added), or it waits for something kube-spread does not model',
    fits: cycle.selected,
  };
}

function auditWorkload(w: AuditWorkload, ctx: AnalysisContext, schedulers: Schedulers): AuditWorkloadJson {
  const notes: string[] = [];
  const next = nextPodOf(w);
  const pendingPods = w.pods.filter((p) => !p.spec?.nodeName);
  const out: AuditWorkloadJson = {
    kind: w.kind,
    namespace: w.namespace,
    name: w.name,
    constraints: [],
    pending: pendingPods.length,
    running: w.pods.length - pendingPods.length,
    terminating: w.pods.filter((p) => !!p.metadata?.deletionTimestamp).length,
    terminal: w.terminal,
    controller: w.evidence,
    countedFor: next?.from ?? null,
    worstExcess: null,
    pendingPods: [],
    notes,
  };
  if (w.evidence === 'pod-template-hash') notes.push(`no ReplicaSet object in the fixture: the Deployment is named from its ReplicaSet ${'`<deployment>-<pod-template-hash>`'} (the deployment controller's naming rule)`);
  if (!next) {
    notes.push(`no pod and no pod template in the fixture: nothing to count (capture the ${w.kind} with kube-spread fixture capture)`);
    return out;
  }
  const wctx = forWorkload(ctx, { podFor: () => next.pod });
  const sched = schedulers.for(wctx.profile);
  const plugin = sched.plugin('PodTopologySpread') as PodTopologySpreadPlugin | undefined;
  if (!plugin) notes.push(`the scheduler profile "${wctx.profile.schedulerName}" does not run PodTopologySpread: no spread constraint is enforced`);
  else {
    const { counts, problem } = auditConstraints(plugin, next.pod, wctx);
    if (problem) notes.push(problem);
    out.constraints = counts.map(constraintJson);
    if (counts.length > 0) out.worstExcess = Math.max(...counts.map((c) => c.skew - c.constraint.maxSkew));
    for (const c of counts) {
      if (c.eligibleDomains === 0) notes.push(`constraint ${c.constraint.index} (${c.constraint.topologyKey}): no node is eligible (no node carries the key and passes the inclusion policies), so there is no domain to count`);
    }
  }
  out.pendingPods = pendingPods.map((p) => explainPending(sched, p));
  return out;
}

/** Worst first: violated DoNotSchedule, then the largest excess over maxSkew, violated ScheduleAnyway, most Pending, then by name. */
function worstFirst(a: AuditWorkloadJson, b: AuditWorkloadJson): number {
  const hard = (w: AuditWorkloadJson) => (w.constraints.some((c) => c.violated && c.whenUnsatisfiable === 'DoNotSchedule') ? 1 : 0);
  const soft = (w: AuditWorkloadJson) => (w.constraints.some((c) => c.violated && c.whenUnsatisfiable === 'ScheduleAnyway') ? 1 : 0);
  const excess = (w: AuditWorkloadJson) => w.worstExcess ?? -Infinity;
  return hard(b) - hard(a) || excess(b) - excess(a) || soft(b) - soft(a) || b.pending - a.pending || (workloadId(a) < workloadId(b) ? -1 : 1);
}

export interface AuditOptions {
  /** The descheduler dry run, already run (descheduler.ts); null when not asked for. */
  descheduler?: DeschedulerJson | null;
}

export function auditCluster(ctx: AnalysisContext, opts: AuditOptions = {}): AuditJson {
  const input = ctx.fixture.input;
  const workloads = collectWorkloads(input.pods ?? [], input.workloads ?? []);
  const schedulers = new Schedulers(ctx);
  const audited = workloads.map((w) => auditWorkload(w, ctx, schedulers)).sort(worstFirst);
  const all = audited.flatMap((w) => w.constraints);
  const notes: string[] = [];
  if (audited.length === 0) notes.push('the fixture holds no workload (no pod and no workload controller): nothing was audited');
  else if (all.length === 0) notes.push('no workload of the fixture has a spread constraint the scheduler enforces (neither its own nor the cluster defaults)');
  return {
    cluster: clusterInfo(ctx),
    kubernetes: kubernetesInfo(ctx),
    summary: {
      workloads: audited.length,
      constraints: all.length,
      violated: {
        DoNotSchedule: all.filter((c) => c.violated && c.whenUnsatisfiable === 'DoNotSchedule').length,
        ScheduleAnyway: all.filter((c) => c.violated && c.whenUnsatisfiable === 'ScheduleAnyway').length,
      },
      pending: audited.reduce((n, w) => n + w.pending, 0),
    },
    workloads: audited,
    descheduler: opts.descheduler ?? null,
    notes,
  };
}
