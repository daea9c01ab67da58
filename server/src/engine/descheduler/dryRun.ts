// The descheduler dry run (docs/descheduler.md): round k runs one descheduling cycle on the cluster
// as it is (cycle.ts), the evicted pods' deletion completes, their controllers re-create them
// (replacements.ts) and kube-spread's scheduler places the replacements, and the replacements still
// Pending from earlier rounds, as one release (release.ts placeRelease: PrioritySort, then creation
// order). Then round k+1.
//
// Outcomes: converged, a round evicts nothing; loop, the placement after round k (placementFingerprint:
// every pod's owner and node, Pending replacements by owner) equals the placement before an earlier
// round j+1, so rounds j+1..k repeat forever (the model is deterministic in that placement); else the
// dry run stops after maxRounds with neither.

import type { Pod } from '../api';
import { Cluster, type ClusterInput } from '../cluster';
import { budgetsOf, type Budget } from '../plugins/defaultpreemption/pdb';
import { defaultProfile, type Profile } from '../profile';
import { placeRelease, type ReleaseMember } from '../release';
import { Scheduler } from '../scheduler';
import { defaultEnv } from '../versions';
import { evictorWorld, runCycle } from './cycle';
import { podPriority } from './evictor';
import { ownerKey, placementFingerprint, ReplacementNamer } from './replacements';
import { DEFAULT_MAX_ROUNDS, type DeschedulerDryRun, type DeschedulerDryRunOptions, type DryRunPlacement, type DryRunRound } from './types';

interface PendingPod {
  pod: Pod;
  replaces?: string;
}

export function runDeschedulerDryRun(input: ClusterInput, options: DeschedulerDryRunOptions): DeschedulerDryRun {
  const out: DeschedulerDryRun = { rounds: [], converged: false, loop: false, notes: [] };
  const maxRounds = Number.isInteger(options.maxRounds) && options.maxRounds > 0 ? options.maxRounds : DEFAULT_MAX_ROUNDS;
  addOptionNotes(input, options, out.notes);
  if (!options.profiles.some((p) => p.topologySpread)) {
    out.notes.push('no profile enables RemovePodsViolatingTopologySpreadConstraint at the balance extension point: nothing to simulate');
    out.converged = true;
    return out;
  }
  const cluster = Cluster.build(input);
  let pending: PendingPod[] = [];
  const world = evictorWorld(input, cluster, () => pending.map((p) => p.pod));
  const env = options.env ?? defaultEnv();
  const profiles = options.schedulerProfiles?.length ? options.schedulerProfiles : [defaultProfile()];
  const seen = new Map<string, number>([[placementFingerprint(cluster, []), 0]]);
  const evictedByRound: string[][] = [];

  for (let round = 1; round <= maxRounds; round++) {
    const cycle = runCycle(cluster, options, world, budgetsFor(input, cluster, pending, round));
    const r: DryRunRound = { evictions: cycle.evicted.map((e) => e.eviction), placements: [] };
    if (cycle.blocked.length) r.blocked = cycle.blocked;
    out.rounds.push(r);
    evictedByRound.push(r.evictions.map((e) => `${e.namespace}/${e.name}`));
    if (cycle.skipped) out.notes.push(cycle.skipped);
    if (cycle.evicted.length === 0) {
      out.converged = true;
      if (cycle.blocked.length) out.notes.push(`round ${round}: the strategy chose ${cycle.blocked.length} pod(s) but none could be evicted (see blocked)`);
      return out;
    }
    // The deletions complete before the next cycle; the controllers create the replacements.
    const namer = new ReplacementNamer(round);
    const created: PendingPod[] = [];
    for (const { pod } of cycle.evicted) {
      cluster.remove(pod);
      const replacement = namer.replacementFor(pod.pod);
      if (replacement) created.push({ pod: replacement, replaces: `${pod.namespace}/${pod.name}` });
      else out.notes.push(`round ${round}: ${pod.namespace}/${pod.name} has no owner: nothing re-creates it`);
    }
    const queue = [...pending, ...created];
    const placed = schedule(cluster, queue, profiles, env, input);
    r.placements = placed.placements;
    for (const n of placed.notes) out.notes.push(`round ${round}: ${n}`);
    pending = placed.stillPending;
    const fp = placementFingerprint(cluster, pending.map((p) => p.pod));
    const earlier = seen.get(fp);
    if (earlier !== undefined) {
      out.loop = true;
      out.loopRounds = { from: earlier + 1, to: round };
      out.loopPods = evictedByRound.slice(earlier).flat();
      out.notes.push(earlier + 1 === round
        ? `round ${round} put every pod back where it was: the descheduler evicts the same way every cycle`
        : `after round ${round} the pods are placed as before round ${earlier + 1}: rounds ${earlier + 1} to ${round} repeat forever`);
      return out;
    }
    seen.set(fp, round);
  }
  out.notes.push(`stopped after maxRounds (${maxRounds}) without converging or repeating a placement`);
  return out;
}

/**
 * PodDisruptionBudget status for a cycle: the fixture's own status in round 1 (computed from its pods
 * where absent); later, as the disruption controller recomputes it once the replacements run.
 */
function budgetsFor(input: ClusterInput, cluster: Cluster, pending: readonly PendingPod[], round: number): Budget[] {
  const pdbs = input.podDisruptionBudgets ?? [];
  if (pdbs.length === 0) return [];
  if (round === 1) return budgetsOf(pdbs, input.pods ?? []);
  const pods: Pod[] = [
    ...cluster.nodes.flatMap((n) => n.pods.map((p) => (p.terminating ? p.pod : { ...p.pod, status: { ...p.pod.status, phase: 'Running' } }))),
    ...pending.map((p) => p.pod),
  ];
  return budgetsOf(pdbs.map((b) => ({ ...b, status: null })), pods);
}

/** Places the queued pods as one release; members group the pods of one owner (one template). */
function schedule(cluster: Cluster, queue: readonly PendingPod[], profiles: Profile[], env: ReturnType<typeof defaultEnv>, input: ClusterInput):
  { placements: DryRunPlacement[]; stillPending: PendingPod[]; notes: string[] } {
  const notes: string[] = [];
  const groups = new Map<string, PendingPod[]>();
  const creation: number[] = [];
  const keys: string[] = [];
  for (const p of queue) {
    const key = ownerKey(p.pod);
    let g = groups.get(key);
    if (!g) {
      groups.set(key, (g = []));
      keys.push(key);
    }
    g.push(p);
    creation.push(keys.indexOf(key));
  }
  const members: ReleaseMember[] = keys.map((key) => {
    const pods = groups.get(key)!;
    const name = pods[0].pod.spec?.schedulerName || 'default-scheduler';
    const profile = profiles.find((pr) => pr.schedulerName === name) ?? profiles[0];
    return {
      scheduler: new Scheduler({ cluster, env }, profile),
      replicas: pods.length,
      podFor: (i: number) => pods[i].pod,
      priority: podPriority(pods[0].pod, input.priorityClasses ?? []) ?? 0,
    };
  });
  const result = placeRelease(members, { creation, firstCycles: false });
  const placements: DryRunPlacement[] = [];
  const stillPending: PendingPod[] = [];
  for (const seq of result.sequence) {
    const p = groups.get(keys[seq.member])![seq.replica];
    placements.push({
      namespace: p.pod.metadata?.namespace || 'default', name: p.pod.metadata?.name ?? '', node: seq.node, ...(p.replaces ? { replaces: p.replaces } : {}),
      ...(seq.preempted?.length ? { preempted: seq.preempted.map((v) => `${v.namespace}/${v.name}`) } : {}),
    });
  }
  // Preemption's victims are re-created by their controllers and scheduled within the same release.
  for (const v of result.recreated) {
    notes.push(`${v.namespace}/${v.name} on ${v.node} was preempted by a replacement; its controller's new pod ${v.placedOn ? `runs on ${v.placedOn}` : `stays Pending${v.message ? `: ${v.message}` : ''}`}`);
  }
  result.members.forEach((m, k) => {
    for (const pend of m.pending) {
      const p = groups.get(keys[k])![pend.replica];
      stillPending.push(p);
      placements.push({
        namespace: p.pod.metadata?.namespace || 'default', name: p.pod.metadata?.name ?? '', node: null,
        reasons: pend.message ? [pend.message] : Object.keys(pend.reasons), ...(p.replaces ? { replaces: p.replaces } : {}),
      });
    }
  });
  return { placements, stillPending, notes };
}

function addOptionNotes(input: ClusterInput, options: DeschedulerDryRunOptions, notes: string[]): void {
  for (const p of options.profiles) {
    if (p.otherPlugins?.length) notes.push(`profile ${p.name}: ${p.otherPlugins.join(', ')} not modelled; only RemovePodsViolatingTopologySpreadConstraint is simulated`);
    if (p.evictor.minPodAge) notes.push(`profile ${p.name}: minPodAge ${p.evictor.minPodAge} needs a clock: every pod is taken as old enough (a replacement younger than minPodAge would not be evicted in the next cycle)`);
  }
  const unbound = (input.pods ?? []).filter((p) => !!p && !p.spec?.nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length;
  if (unbound) notes.push(`${unbound} Pending pod(s) of the fixture are not re-queued: only the replacements are scheduled`);
}
