// spread/ findings: simulate a workload on the fixture and, when replicas stay Pending or a soft
// constraint ends up skewed, say so on the constraint responsible, with the reason in words.
// Against the embedded sample these are at most warnings (the user's cluster is not known).

import { type Cluster, makePodInfo } from '../engine';
import { firstFailingConstraint, globalMinimum, type PreFilterState } from '../engine';
import { readPreFilterState } from '../engine';
import { Scheduler } from '../engine';
import type { ManifestDocument } from '../k8s/manifest';
import type { Workload } from '../k8s/workloads';
import type { ApiIssue } from '../validation/api';
import { formatFieldPath as dotted } from '../engine';
import type { Finding, Severity } from '../base/finding';
import { type AnalysisContext, clusterFor, forWorkload } from './context';
import { autoscaleFindings } from './autoscale/findings';
import { grownClusterOf } from './autoscale/simulate';
import { suggestedKey } from './lint/topology';
import { preemptionNeverFinding, preemptsFinding } from './preemptionFindings';
import { volumePinnedFinding } from './volumeFindings';
import { blockedByReleaseFinding, type DocumentRelease, orderSensitiveFinding } from './release/findings';
import { workloadSimulateJson } from './release/json';
import { simulateWorkload, type SimulateJson } from './simulate';
import type { WorkloadSpec } from './workload';

export interface SpreadResult {
  findings: Finding[];
  simulation: SimulateJson;
}

/**
 * `release`: the document's place in its file's release (release/fileRelease.ts): the workload is
 * then simulated within the release, and other workloads that keep it Pending are named.
 */
export function spreadFindings(
  ctx: AnalysisContext, doc: ManifestDocument, w: WorkloadSpec, workload: Workload, apiIssues: ApiIssue[] = [], documentRejected = false, release?: DocumentRelease,
): SpreadResult {
  ctx = forWorkload(ctx, w); // the profile named by the pod's spec.schedulerName
  const sim = release ? workloadSimulateJson(release.analysis, release.member) : simulateWorkload(ctx, w);
  const findings: Finding[] = [];
  const sample = ctx.fixture.embedded;
  const onSample = sample ? ' (computed on the embedded sample cluster)' : '';
  const tscPath = [...workload.podSpecPath, 'topologySpreadConstraints'];
  const wholeRange = doc.rangeOf(workload.podSpecPath, 'key') ?? doc.range;

  // A constraint the API server rejects never reaches the scheduler: its api/ finding says all there is.
  const rejected = (index: number) => apiIssues.some((i) => i.severity === 'error' && samePrefix(i.path, [...tscPath, index]));
  const pendingWhy = sim.pending.length > 0 ? explainPending(ctx, w, sim, release?.analysis.run.cluster) : undefined;
  // Pending because of other workloads of the release: said by that finding, naming them, instead.
  const blocked = release && blockedByReleaseFinding(release, doc, workload, sim, sample);
  if (blocked) findings.push(blocked);
  // A scheduling *error* (a selector the API server would reject) is the schema/api layers' finding.
  const schedulingError = sim.pending.some((p) => p.message.startsWith('running Pre') || p.message.startsWith('plugin "'));
  // On the sample, a pod that targets node pools the sample does not have (every node rejected by
  // node affinity or taints, nothing to do with spreading) says nothing about the user's cluster.
  const onlyForeignPools = sample && pendingWhy !== undefined && pendingWhy.constraintIndex === undefined && pendingWhy.staticOnly === true;
  if (pendingWhy && !blocked && !onlyForeignPools && !(schedulingError && documentRejected) && !(pendingWhy.constraintIndex !== undefined && rejected(pendingWhy.constraintIndex))) {
    const why = pendingWhy;
    // A spread constraint that cannot be met is the problem this tool exists for: an error on a real
    // fixture. Other causes (node pools the fixture lacks, resources) are worth a warning there; on the
    // embedded sample, which cannot know your node pools, they are only information.
    const spreadCause = why.constraintIndex !== undefined;
    const severity: Severity = sample ? (spreadCause ? 'warning' : 'information') : spreadCause ? 'error' : 'warning';
    const range = why.constraintIndex !== undefined ? doc.rangeOf([...tscPath, why.constraintIndex], 'key') ?? wholeRange : wholeRange;
    const total = sim.workload.replicas;
    findings.push({
      code: why.constraintIndex !== undefined ? 'spread/pending' : 'spread/unschedulable',
      severity,
      message: `${sim.pending.length} of ${total} replica${total === 1 ? '' : 's'} stay Pending${onSample}: ${why.text}${autoscalerWhy(sim)}`,
      range,
      document: doc.index,
      path: why.constraintIndex !== undefined ? `${dotted(tscPath)}[${why.constraintIndex}]` : dotted(workload.podSpecPath),
      related: why.related.map((message) => ({ message, range })),
      data: { pending: sim.pending.length, replicas: total, constraint: why.constraintIndex },
    });
  }

  // The workload's own volumes and priority: claims pinning replicas where the hard constraint allows no
  // more, replicas placed only by preemption, a Never pod that preemption would place.
  if (!documentRejected && !blocked) {
    const own = [
      volumePinnedFinding(doc, workload, sim, onSample),
      preemptsFinding(doc, workload, sim, onSample),
      pendingWhy ? preemptionNeverFinding(ctx, doc, w, workload, sim, onSample, release?.analysis.run.cluster) : undefined,
    ];
    for (const f of own) if (f) findings.push(f);
  }

  // An autoscaling fixture: the replicas the autoscaler's new nodes take, and Karpenter's disagreements.
  findings.push(...autoscaleFindings(sim, wholeRange, doc.index, dotted(workload.podSpecPath), onSample));

  // Soft constraints the scheduler could not honour: not an error, but worth knowing.
  for (const c of sim.constraints) {
    if (c.whenUnsatisfiable !== 'ScheduleAnyway' || c.source !== 'pod') continue;
    const skew = sim.skew[c.topologyKey];
    if (skew === undefined || skew <= c.maxSkew || rejected(c.index)) continue;
    const range = doc.rangeOf([...tscPath, c.index], 'key') ?? wholeRange;
    findings.push({
      code: 'spread/soft-skew-exceeded',
      severity: 'information',
      message: `ScheduleAnyway: after placing ${sim.placements.length} replica(s) the skew on ${c.topologyKey} is ${skew}, above maxSkew ${c.maxSkew}${onSample}; the scheduler prefers but does not enforce it`,
      range,
      document: doc.index,
      path: `${dotted(tscPath)}[${c.index}]`,
      related: Object.entries(sim.distribution[c.topologyKey] ?? {}).map(([d, n]) => ({ message: `${d || '""'}: ${n} replica(s)`, range })),
    });
  }
  const race = release && orderSensitiveFinding(release, doc, sample);
  if (race) findings.push(race);
  return { findings, simulation: sim };
}

/** "; cluster-autoscaler adds no node: pod didn't trigger scale-up: …" (the first reason of the first replica that has one). */
function autoscalerWhy(sim: SimulateJson): string {
  if (!sim.autoscaling) return '';
  const first = sim.pending.find((p) => p.autoscaler?.length)?.autoscaler?.[0];
  if (first) return `; ${first.by} adds no node: ${first.reason}`;
  return sim.scaleUp?.length ? '' : `; ${sim.autoscaling.autoscalers.join(' and ')} adds no node`;
}

function samePrefix(path: readonly (string | number)[], prefix: readonly (string | number)[]): boolean {
  return prefix.every((seg, i) => path[i] === seg);
}


interface PendingWhy {
  text: string;
  constraintIndex?: number;
  related: string[];
  /** Every node was rejected by NodeAffinity or TaintToleration (the pod targets other node pools). */
  staticOnly?: boolean;
}

/**
 * Re-runs the first pending replica on the cluster as the simulation left it, and finds the
 * spread constraint that rejects most nodes and the domain that pins its global minimum.
 * `placed`: that cluster already (a release's, with every workload's pods).
 */
function explainPending(ctx: AnalysisContext, w: WorkloadSpec, sim: SimulateJson, placed?: Cluster): PendingWhy {
  const first = sim.pending[0];
  // On an autoscaling fixture the replicas may sit on nodes the autoscaler added: explain on that cluster.
  const grown = placed ?? grownClusterOf(sim);
  const cluster = grown ? grown.fork() : clusterFor(ctx, w.owners);
  if (!grown) for (const p of sim.placements) cluster.assume(w.podFor(p.replica), p.node);
  const sched = new Scheduler({ cluster, env: ctx.env }, ctx.profile);
  const pod = w.podFor(first.replica);
  const cycle = sched.schedule(pod);
  const st = readPreFilterState(cycle.state);
  const staticOnly = cycle.nodes.length > 0 && cycle.nodes.every((n) => n.status?.plugin === 'NodeAffinity' || n.status?.plugin === 'TaintToleration');
  const generic: PendingWhy = { text: first.message || cycle.fitError || 'no node fits', related: [], staticOnly };
  if (!st) return generic;

  const pi = makePodInfo(pod);
  const rejected = new Map<number, number>();
  for (const n of cluster.nodes) {
    const ev = cycle.nodes.find((e) => e.name === n.name);
    if (ev?.status?.plugin !== 'PodTopologySpread') continue;
    const { at } = firstFailingConstraint(st, pi, n);
    if (at >= 0) rejected.set(at, (rejected.get(at) ?? 0) + 1);
  }
  if (rejected.size === 0) return generic;
  const at = [...rejected.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
  const cs = st.constraints[at];
  const c = cs.constraint;
  const gmin = globalMinimum(cs);
  const related = [...cs.domains.counts.entries()].sort().map(([d, n]) => `${c.topologyKey}=${d || '""'}: ${n} matching pod(s)`);
  const head = `${c.topologyKey} maxSkew ${c.maxSkew} cannot be met`;

  if (cs.domains.domains === 0) {
    const carrying = cluster.nodes.filter((n) => c.topologyKey in n.labels).length;
    const meant = suggestedKey(c.topologyKey);
    const hint = meant && cluster.nodes.some((n) => meant in n.labels) ? ` (did you mean ${meant}?)` : '';
    return {
      constraintIndex: c.index, related,
      text: carrying === 0
        ? `no node has the label ${c.topologyKey}${hint}, so every node is rejected (missing required label)`
        : `none of the ${carrying} node(s) with the label ${c.topologyKey} is eligible for this constraint (nodeAffinityPolicy/nodeTaintsPolicy exclude them, or they lack another topology key of the pod's constraints)`,
    };
  }
  if (cs.domains.domains < c.minDomains) {
    return {
      constraintIndex: c.index, related,
      text: `${head}: only ${cs.domains.domains} eligible domain(s) exist but minDomains is ${c.minDomains}, so the global minimum is 0 and each domain may hold at most ${c.maxSkew} matching pod(s)`,
    };
  }
  const pinning = pinningDomains(st, at, gmin);
  const blocked = pinning.map((d) => ({ d, why: whyDomainBlocked(cycle, cluster, c.topologyKey, d) })).filter((x) => x.why);
  if (blocked.length) {
    const parts = blocked.map(({ d, why }) => `${c.topologyKey}=${d || '""'} holds the minimum (${gmin}) but none of its nodes can take the pod (${why})`);
    return { constraintIndex: c.index, related, text: `${head}: ${parts.join('; ')}` };
  }
  return { constraintIndex: c.index, related, text: `${head}: every domain that could take the pod is already ${c.maxSkew} above the global minimum (${gmin}). ${first.message}` };
}

function pinningDomains(st: PreFilterState, at: number, gmin: number): string[] {
  return [...st.constraints[at].domains.counts.entries()].filter(([, n]) => n === gmin).map(([d]) => d).sort();
}

/** Why no node of domain `d` can take the pod, from the other filters' verdicts; '' when one could. */
function whyDomainBlocked(cycle: ReturnType<Scheduler['schedule']>, cluster: ReturnType<typeof clusterFor>, key: string, d: string): string {
  const nodes = cluster.nodes.filter((n) => n.labels[key] === d);
  const counts = new Map<string, number>();
  for (const n of nodes) {
    const ev = cycle.nodes.find((e) => e.name === n.name)!;
    const other = ev.filters.find((f) => f.code !== 'Success' && f.plugin !== 'PodTopologySpread');
    if (!other) return '';
    const r = other.reason ?? other.code;
    counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  if (nodes.length === 0) return 'it has no node';
  return [...counts.entries()].map(([r, n]) => `${n} ${r}`).join(', ');
}

