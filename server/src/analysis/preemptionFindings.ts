// spread/ findings where a manifest's own priority decides its fate (docs/preemption.md):
//  - spread/preempts: replicas placed only by preempting lower-priority pods (which, how many, and
//    whether their replacements find room);
//  - spread/preemption-never: a preemptionPolicy: Never pod left Pending that preemption would place;
//  - spread/priority-class-unknown: a priorityClassName no PriorityClass defines, which the API server's
//    Priority admission plugin rejects ("no PriorityClass with name X was found").

import type { Finding, Range, Severity } from '../base/finding';
import { type Cluster, formatFieldPath as dotted, PREEMPT_LOWER_PRIORITY, PREEMPT_NEVER, preempt, podPreemptionPolicy, priorityClassIndex, type PriorityClassIndex, resolvePriority, Scheduler } from '../engine';
import type { ManifestDocument } from '../k8s/manifest';
import type { Workload } from '../k8s/workloads';
import { type AnalysisContext, clusterFor } from './context';
import type { SimulateJson } from './simulate';
import type { WorkloadSpec } from './workload';

const MAX_LISTED = 5;

/** Where a finding about the pod's priority points: priorityClassName, else preemptionPolicy, else the pod spec. */
function priorityRange(doc: ManifestDocument, workload: Workload, field?: 'priorityClassName' | 'preemptionPolicy'): { range: Range; path: string } {
  for (const f of field ? [field] : (['priorityClassName', 'preemptionPolicy'] as const)) {
    const range = doc.rangeOf([...workload.podSpecPath, f], 'value');
    if (range) return { range, path: dotted([...workload.podSpecPath, f]) };
  }
  return { range: doc.rangeOf(workload.podSpecPath, 'key') ?? doc.range, path: dotted(workload.podSpecPath) };
}

/** spread/preempts: the simulation placed some replicas by evicting lower-priority pods. */
export function preemptsFinding(doc: ManifestDocument, workload: Workload, sim: SimulateJson, onSample: string): Finding | undefined {
  const by = sim.placements.filter((p) => p.preempted?.length);
  if (by.length === 0) return undefined;
  const victims = by.flatMap((p) => p.preempted!);
  const total = sim.workload.replicas;
  const listed = victims.slice(0, MAX_LISTED).map((v) => `${v.namespace}/${v.name} (priority ${v.priority}) on ${v.node}`);
  const more = victims.length > MAX_LISTED ? `, and ${victims.length - MAX_LISTED} more` : '';
  const recreated = sim.recreated ?? [];
  const stranded = recreated.filter((r) => !r.placedOn);
  const after = recreated.length === 0
    ? ''
    : stranded.length === 0
      ? `; their controllers recreate them and every replacement finds a node`
      : `; their controllers recreate them: ${stranded.length} replacement(s) stay Pending (${stranded[0].message ?? 'no node fits'})`;
  const { range, path } = priorityRange(doc, workload);
  // Displacing other work that then cannot run is worth a warning; preemption that only reshuffles is information.
  const severity: Severity = stranded.length > 0 && !onSample ? 'warning' : 'information';
  return {
    code: 'spread/preempts', severity, range, document: doc.index, path,
    message: `${sim.placements.length}/${total} placed, ${by.length} only by preempting ${victims.length} lower-priority pod(s)${onSample}: ${listed.join(', ')}${more}${after}`,
    related: by.map((p) => ({ message: `replica ${p.replica} on ${p.node} evicts ${p.preempted!.map((v) => `${v.namespace}/${v.name}`).join(', ')}`, range })),
    data: { preempting: by.length, victims: victims.length, replicas: total, strandedReplacements: stranded.length },
  };
}

/**
 * spread/preemption-never: replicas stay Pending, the pod may not preempt (preemptionPolicy Never, its
 * own or its class's), and the PostFilter would place it by evicting lower-priority pods if it could.
 * `placed`: the cluster with the replicas already placed (a release's); else rebuilt from `sim`.
 */
export function preemptionNeverFinding(
  ctx: AnalysisContext, doc: ManifestDocument, w: WorkloadSpec, workload: Workload, sim: SimulateJson, onSample: string, placed?: Cluster,
): Finding | undefined {
  const first = sim.pending[0];
  if (!first || sim.daemonSet) return undefined;
  const base = placed ?? ctx.cluster;
  const pod = w.podFor(first.replica);
  if (podPreemptionPolicy(pod, priorityClassIndex(base)) !== PREEMPT_NEVER) return undefined;
  const cluster = placed ? placed.fork() : clusterFor(ctx, w.owners);
  if (!placed) for (const p of sim.placements) cluster.assume(w.podFor(p.replica), p.node);
  const sched = new Scheduler({ cluster, env: ctx.env }, ctx.profile);
  // The same pod allowed to preempt: what the PostFilter would do for it.
  const eager = { ...pod, spec: { ...pod.spec!, preemptionPolicy: PREEMPT_LOWER_PRIORITY } };
  const cycle = sched.schedule(eager);
  const r = preempt(sched, cycle.pod, cycle);
  if (!r?.possible || !r.node) return undefined;
  const total = sim.workload.replicas;
  const { range, path } = priorityRange(doc, workload, doc.rangeOf([...workload.podSpecPath, 'preemptionPolicy'], 'value') ? 'preemptionPolicy' : 'priorityClassName');
  const fromClass = pod.spec?.preemptionPolicy ? '' : ` (from PriorityClass ${pod.spec?.priorityClassName})`;
  return {
    code: 'spread/preemption-never',
    severity: onSample ? 'information' : 'warning',
    range, document: doc.index, path,
    message: `${sim.pending.length} of ${total} replica(s) stay Pending${onSample} because preemptionPolicy is Never${fromClass}: ` +
      `allowed to preempt, replica ${first.replica} would be placed on ${r.node} by evicting ${r.victims.length} lower-priority pod(s) ` +
      `(${r.victims.slice(0, MAX_LISTED).map((v) => `${v.namespace}/${v.name}, priority ${v.priority}`).join('; ')}). A Never pod waits until room frees up`,
    related: r.victims.map((v) => ({ message: `${v.namespace}/${v.name} (priority ${v.priority}) on ${v.node}`, range })),
    data: { pending: sim.pending.length, replicas: total, node: r.node, victims: r.victims.length },
  };
}

/**
 * spread/priority-class-unknown: the pod names a PriorityClass that neither the cluster fixture, the
 * system classes nor the file's (release's) own PriorityClass documents define. Severity by what the
 * fixture knows: one that lists PriorityClasses is the cluster's set (error); otherwise the real
 * cluster may define it (warning; information on the embedded sample).
 */
export function unknownPriorityClassFinding(ctx: AnalysisContext, doc: ManifestDocument, workload: Workload, classes: PriorityClassIndex): Finding | undefined {
  const name = workload.template.spec?.priorityClassName;
  if (typeof name !== 'string' || name === '') return undefined;
  const r = resolvePriority({ ...workload.template.spec, priority: undefined, preemptionPolicy: undefined }, classes);
  if (!r.rejected || classes.get(name)) return undefined;
  const known = ctx.cluster.priorityClasses.length > 0;
  const severity: Severity = ctx.fixture.embedded ? 'information' : known ? 'error' : 'warning';
  const where = ctx.fixture.embedded
    ? ' (the embedded sample defines no such class; pass --cluster for yours)'
    : known ? '' : ' (the fixture lists no PriorityClasses: your cluster may define it)';
  const { range, path } = priorityRange(doc, workload, 'priorityClassName');
  const pods = workload.kind === 'Pod' ? 'the pod' : `every pod of this ${workload.kind}`;
  return {
    code: 'spread/priority-class-unknown', severity, range, document: doc.index, path,
    message: `The API server's Priority admission rejects ${pods}: ${r.rejected}${where}. Define the PriorityClass or use one of: ${classNames(classes)}`,
  };
}

function classNames(classes: PriorityClassIndex): string {
  return classes.names().sort().join(', ');
}
