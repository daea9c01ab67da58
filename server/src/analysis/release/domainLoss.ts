// Losing a domain under a whole release (docs/release.md, "What-ifs within a release"): the release is
// placed (default creation order), then every node labelled KEY=VALUE is lost as for one workload
// (analysis/whatif/domainLoss.ts: deleted, cordoned and drained, or unreachable), and every workload's
// controller replaces the pods it lost at the same time: the replacements of all workloads go through
// one scheduling queue (engine placeRelease: PrioritySort, each placed pod seen by the next cycle of
// any workload), so they compete for what is left as the first placement did. Replicas that were
// Pending before the loss are still in the scheduler's queue, ahead of the replacements (queued
// earlier), and are tried again: a lost domain can change a spread constraint's minimum.
//
// Which controllers replace: Deployment, ReplicaSet, ReplicationController, StatefulSet (same
// ordinal) and Job (a lost pod counts as failed and is recreated within backoffLimit, which one loss
// does not exhaust). A bare Pod has no controller; a DaemonSet's pod belongs to its node (gone, or
// kept by a drain and an outage's default tolerations): neither is replaced. Pods of the fixture that
// went with the domain are counted, not replaced (as for one workload).

import { byteOrder, Cluster, type ClusterInput, placeRelease, type Pod, type PodInfo, Scheduler, type SimulationResult, summarizeSimulation, type Taint, tolerationsTolerateTaint } from '../../engine';
import type { AnalysisContext } from '../context';
import { parseDomain } from '../whatif/domainLoss';
import { type DomainLossMode, WhatIfError } from '../whatif/types';
import type { ReleaseWorkload } from './members';
import { creationOrder } from './order';
import { simulateRelease } from './simulate';

const UNREACHABLE = 'node.kubernetes.io/unreachable';
const REPLACED_BY_CONTROLLER = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'Job']);

export interface ReleaseDomainLossWorkloadJson {
  /** Index into `release.workloads`. */
  workload: number;
  kind: string;
  namespace: string;
  name: string;
  /** Pods of the workload placed before the loss. */
  before: number;
  /** Of those, lost with the domain. */
  evicted: number;
  /** Lost pods its controller recreates (0 for a bare Pod or a DaemonSet: `notReplaced` says why). */
  recreated: number;
  /** Of the recreated pods, placed after the loss. */
  replaced: number;
  /** Replicas Pending before the loss (tried again after it), and how many of them are placed now. */
  pendingBefore: number;
  placedFromPending: number;
  /** Pending after the loss: replacements and replicas that were Pending already. */
  pendingAfter: number;
  notReplaced?: string;
  /** Its spread constraints (`source`: the pod's own or the scheduler's defaults), whose keys `distribution` and `skew` use. */
  constraints: { topologyKey: string; whenUnsatisfiable: string; maxSkew: number; source: string }[];
  /** Its pods per domain after the replacements (survivors and replacements), per topology key of its constraints. */
  distribution: Record<string, Record<string, number>>;
  skew: Record<string, number>;
  /** DoNotSchedule constraints whose skew ends above maxSkew. */
  violatedAfter: { topologyKey: string; skew: number; maxSkew: number }[];
  /** Pods no node fits after the loss (replacements and replicas Pending before), with the scheduler's message. */
  pending: { pod: string; reasons: Record<string, number>; message: string }[];
  /** Where its replacements (and formerly Pending replicas) went, in the order the scheduler placed them. */
  placements: { pod: string; node: string }[];
}

export interface ReleaseDomainLossJson {
  domain: { key: string; value: string };
  mode: DomainLossMode;
  nodes: string[];
  /** Pods of the release lost with the domain. */
  evicted: number;
  /** Pods of the fixture (not of the release) lost with the domain: not replaced here. */
  otherPodsEvicted: number;
  replaced: number;
  pendingAfter: number;
  workloads: ReleaseDomainLossWorkloadJson[];
  message: string;
}

/** A pod stays on an unreachable node only if it tolerates the NoExecute taint without tolerationSeconds (as for one workload). */
function survivesOutage(p: Pod): boolean {
  const taint: Taint = { key: UNREACHABLE, effect: 'NoExecute' };
  const forever = (p.spec?.tolerations ?? []).filter((t) => t && (t.tolerationSeconds === undefined || t.tolerationSeconds === null));
  return tolerationsTolerateTaint(forever, taint);
}

function isDaemonPod(p: Pod): boolean {
  return (p.metadata?.ownerReferences ?? []).some((o) => o?.controller && o.kind === 'DaemonSet');
}

export function releaseDomainLoss(ctx: AnalysisContext, workloads: readonly ReleaseWorkload[], spec: string, mode: DomainLossMode = 'remove'): ReleaseDomainLossJson {
  const domain = parseDomain(spec);
  const run = simulateRelease(ctx, workloads, 'document', { outcomeOnly: true });
  const before = run.cluster;
  const lost = before.nodes.filter((n) => n.labels[domain.key] === domain.value).map((n) => n.name);
  if (lost.length === 0) {
    const values = [...new Set(before.nodes.filter((n) => domain.key in n.labels).map((n) => n.labels[domain.key]))].sort(byteOrder);
    throw new WhatIfError(`--without-domain: no node has ${domain.key}=${domain.value}${values.length ? ` (values in the fixture: ${values.join(', ')})` : ` (no node has the label ${domain.key})`}`);
  }
  const lostSet = new Set(lost);
  const daemonWorkload = new Set(workloads.flatMap((w, k) => (w.spec.kind === 'DaemonSet' ? [k] : [])));
  const releasePods = new Map<Pod, { member: number; replica: number }>();
  for (const p of run.sequence) releasePods.set(p.pod.pod, { member: p.member, replica: p.replica });
  const evicts = (p: PodInfo) => {
    if (!lostSet.has(p.nodeName ?? '')) return false;
    if (mode === 'remove') return true;
    const member = releasePods.get(p.pod)?.member;
    if (mode === 'drain') return !(isDaemonPod(p.pod) || (member !== undefined && daemonWorkload.has(member)));
    return !survivesOutage(p.pod);
  };

  // The cluster after the loss, rebuilt (node changes are not pod changes: the scheduler's state starts over).
  const input: ClusterInput = {
    nodes: before.nodes.flatMap((n) => {
      if (!lostSet.has(n.name)) return [n.node];
      if (mode === 'remove') return [];
      if (mode === 'drain') return [{ ...n.node, spec: { ...(n.node.spec ?? {}), unschedulable: true } }];
      const taints: Taint[] = [...(n.node.spec?.taints ?? []).filter((x) => x.key !== UNREACHABLE), { key: UNREACHABLE, effect: 'NoSchedule' }, { key: UNREACHABLE, effect: 'NoExecute' }];
      return [{ ...n.node, spec: { ...(n.node.spec ?? {}), taints } }];
    }),
    pods: before.nodes.flatMap((n) => n.pods.filter((p) => !evicts(p)).map((p) => p.pod)),
    services: before.services, owners: before.owners, namespaces: before.namespaces,
    ...before.storage.toInput(),
  };
  const after = Cluster.build(input);
  let otherPodsEvicted = 0;
  const evicted: { member: number; replica: number }[] = [];
  for (const n of before.nodes) {
    for (const p of n.pods) {
      if (!evicts(p)) continue;
      const mine = releasePods.get(p.pod);
      if (mine) evicted.push(mine);
      else otherPodsEvicted++;
    }
  }

  // The queue after the loss: the replicas Pending before (queued first), then every controller's
  // replacements, created together in document order. Member k's replica i is its i-th queued pod.
  const replacing = workloads.map((w, k) => {
    const pendingReplicas = run.results[k].pending.map((p) => p.replica);
    const lostReplicas = evicted.filter((e) => e.member === k).map((e) => e.replica).sort((a, b) => a - b);
    const replaces = REPLACED_BY_CONTROLLER.has(w.spec.kind);
    const pend = pendingReplicas.length;
    // A StatefulSet recreates the same ordinal; the others create new pods (new names), after every existing one.
    const podFor = (i: number) => run.podFor[k](i < pend ? pendingReplicas[i] : w.spec.kind === 'StatefulSet' ? lostReplicas[i - pend] : run.replicas[k] + i - pend);
    return { pendingReplicas, lostReplicas, replaces, podFor };
  });
  const schedulers = workloads.map((_, k) => new Scheduler({ cluster: after, env: ctx.env }, run.contexts[k].profile));
  const counts = replacing.map((r) => (r.replaces ? r.lostReplicas.length : 0));
  const pendings = replacing.map((r) => r.pendingReplicas.length);
  const placed = placeRelease(workloads.map((w, k) => ({
    scheduler: schedulers[k], replicas: pendings[k] + counts[k], podFor: replacing[k].podFor, priority: w.priority,
    // One ordinal at a time for OrderedReady, as the StatefulSet controller creates them.
    orderedReady: w.spec.orderedReady,
  })), { creation: [...creationOrder('document', pendings), ...creationOrder('document', counts)], firstCycles: false });

  const out: ReleaseDomainLossWorkloadJson[] = workloads.map((w, k) => {
    const r = placed.members[k];
    const survivors = run.sequence.filter((p) => p.member === k && !evicts(p.pod)).map((p) => p.node);
    const nodes = [...survivors, ...r.placements.map((p) => p.node)];
    const summary: SimulationResult = { placements: [], pending: [], distribution: {}, skew: {}, counts: {}, constraints: run.results[k].constraints, unusableNodes: {} };
    const keys = [...new Set(summary.constraints.map((c) => c.topologyKey))];
    if (run.replicas[k] > 0) summarizeSimulation(summary, after, schedulers[k], run.podFor[k](0), nodes, keys, summary.constraints);
    const violatedAfter = summary.constraints
      .filter((c) => c.whenUnsatisfiable === 'DoNotSchedule' && (summary.skew[c.topologyKey] ?? 0) > c.maxSkew)
      .map((c) => ({ topologyKey: c.topologyKey, skew: summary.skew[c.topologyKey], maxSkew: c.maxSkew }));
    const lostHere = replacing[k].lostReplicas.length;
    const notReplaced = lostHere && !replacing[k].replaces
      ? (w.spec.kind === 'DaemonSet' ? 'a DaemonSet pod belongs to its node: not recreated elsewhere' : 'a bare Pod has no controller: not recreated') : undefined;
    return {
      workload: k, kind: w.spec.kind, namespace: w.spec.namespace, name: w.spec.name,
      before: run.results[k].placements.length, evicted: lostHere, recreated: counts[k],
      replaced: r.placements.filter((p) => p.replica >= pendings[k]).length,
      pendingBefore: pendings[k], placedFromPending: r.placements.filter((p) => p.replica < pendings[k]).length,
      pendingAfter: r.pending.length,
      ...(notReplaced ? { notReplaced } : {}),
      constraints: summary.constraints.map((c) => ({ topologyKey: c.topologyKey, whenUnsatisfiable: c.whenUnsatisfiable, maxSkew: c.maxSkew, source: c.source })),
      distribution: summary.distribution, skew: summary.skew, violatedAfter,
      pending: r.pending.map((p) => ({ pod: p.pod, reasons: p.reasons, message: p.message })),
      placements: placed.sequence.filter((p) => p.member === k).map((p) => ({ pod: p.pod.pod.metadata?.name ?? '', node: p.node })),
    };
  });
  const replaced = out.reduce((n, w) => n + w.replaced, 0);
  const pendingAfter = out.reduce((n, w) => n + w.pendingAfter, 0);
  const recreated = out.reduce((n, w) => n + w.recreated, 0);
  const where = `after losing ${domain.key}=${domain.value}`;
  const pendingBefore = out.reduce((n, w) => n + w.pendingBefore, 0);
  const lostPending = out.reduce((n, w) => n + w.recreated - w.replaced, 0);
  const parts = [
    recreated === 0 ? 'no pod of the release to replace' : lostPending ? `${lostPending} of ${recreated} replacement pod(s) stay Pending` : `all ${recreated} replacement pod(s) were placed`,
    ...(pendingBefore ? [`${pendingAfter - lostPending} of the ${pendingBefore} replica(s) Pending before stay Pending`] : []),
  ];
  const message = `${parts.join('; ')} ${where}`;
  return { domain, mode, nodes: lost, evicted: evicted.length, otherPodsEvicted, replaced, pendingAfter, workloads: out, message };
}

/** The text of `simulate --release --without-domain`: one row per workload, then the Pending replacements. */
export function renderReleaseDomainLoss(d: ReleaseDomainLossJson): string {
  const out: string[] = ['', `Losing ${d.domain.key}=${d.domain.value} under the whole release (${d.mode}; nodes ${d.nodes.join(', ')})`];
  const rows = [['WORKLOAD', 'PLACED BEFORE', 'LOST', 'REPLACED', 'PENDING AFTER', 'AFTER']];
  for (const w of d.workloads) {
    // The workload's own constraints' keys (else the zone of the scheduler's default spreading): the split that matters.
    const own = new Set(w.constraints.filter((c) => c.source === 'pod').map((c) => c.topologyKey));
    const keys = own.size ? own : new Set(['topology.kubernetes.io/zone']);
    const split = Object.entries(w.distribution).filter(([key]) => keys.has(key)).map(([key, dist]) => `${key.split('/').pop()} ${Object.entries(dist).map(([v, n]) => `${v}=${n}`).join(' ')}${w.violatedAfter.some((v) => v.topologyKey === key) ? ` (skew ${w.skew[key]} > maxSkew)` : ''}`);
    rows.push([`${w.kind} ${w.namespace}/${w.name || '(unnamed)'}`, String(w.before), String(w.evicted), `${w.replaced}/${w.recreated}`, String(w.pendingAfter), split.join('; ') || '-']);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  out.push(...rows.map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}`.trimEnd()));
  for (const w of d.workloads) {
    if (w.notReplaced) out.push(`  ${w.name}: ${w.evicted} pod(s) lost, ${w.notReplaced}`);
    const first = w.pending[0];
    if (first) out.push(`  ${w.name}: ${w.pending.length} Pending: ${first.message}`);
  }
  if (d.otherPodsEvicted) out.push(`  ${d.otherPodsEvicted} pod(s) of the cluster (not of the release) went with the domain; their controllers' replacements are not modelled`);
  out.push(`  ${d.message}`);
  return `${out.join('\n')}\n`;
}
