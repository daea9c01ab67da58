// Which pods a ReplicaSet controller deletes when it has too many (scale-down, rolling update).
// A model of upstream, written from its rules (no code copied):
//   pkg/controller/replicaset/replica_set.go   getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode,
//                                              getIndirectlyRelatedPods, getReplicaSetsWithSameController
//   pkg/controller/controller_utils.go         ActivePodsWithRanks.Less, IsPodActive, afterOrZero,
//                                              podReadyTime, maxContainerRestarts, logarithmicRankDiff
//   pkg/apis/core/helper (GetDeletionCostFromPodAnnotations)   controller.kubernetes.io/pod-deletion-cost
// Gates: PodDeletionCost (beta, on since 1.22) and LogarithmicScaleDown (beta on since 1.22, GA later)
// are both on in every version kube-spread models; the switches exist for the ported upstream tables.
// Pure: no I/O, no clock (the caller passes `now`).

import type { Pod } from '../api';

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** The parts of PodStatus the controllers read (the engine's Pod type keeps only the phase). */
export interface ControllerPodStatus {
  phase?: string;
  conditions?: { type?: string; status?: string; lastTransitionTime?: string | null }[] | null;
  containerStatuses?: { restartCount?: number }[] | null;
}

export interface RankOptions {
  /** Reference time in ms since the epoch; 0 = zero time (plain, non-logarithmic comparison). */
  now: number;
  podDeletionCost?: boolean;
  logarithmicScaleDown?: boolean;
}

const status = (p: Pod): ControllerPodStatus => (p.status ?? {}) as ControllerPodStatus;

/** IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(p: Pod): boolean {
  const phase = status(p).phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata.deletionTimestamp;
}

/** podutil.IsPodReady: a Ready condition with status True. */
export function isPodReady(p: Pod): boolean {
  return (status(p).conditions ?? []).some((c) => c?.type === 'Ready' && c.status === 'True');
}

/** Milliseconds since the epoch, 0 for an absent or unparsable time (Go's zero time). */
export function timeOf(s: string | null | undefined): number {
  if (!s) return 0;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : 0;
}

/** podReadyTime: the Ready condition's lastTransitionTime when ready, else zero. */
export function podReadyTime(p: Pod): number {
  if (!isPodReady(p)) return 0;
  const c = (status(p).conditions ?? []).find((x) => x?.type === 'Ready' && x.status === 'True');
  return timeOf(c?.lastTransitionTime);
}

export function maxContainerRestarts(p: Pod): number {
  return Math.max(0, ...(status(p).containerStatuses ?? []).map((c) => Number(c?.restartCount ?? 0) || 0));
}

/**
 * GetDeletionCostFromPodAnnotations: the annotation parsed as an int32; absent or invalid counts as 0
 * (the API server rejects invalid values on pods, so 0 is what the controller sees).
 */
export function deletionCost(p: Pod): number {
  const v = p.metadata.annotations?.[POD_DELETION_COST];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** podPhaseToOrdinal: Pending 0 < Unknown 1 < Running 2; any other phase maps to 0 (Go map default). */
function phaseOrdinal(p: Pod): number {
  const phase = status(p).phase;
  return phase === 'Unknown' ? 1 : phase === 'Running' ? 2 : 0;
}

/** afterOrZero: t1 after t2; a zero time counts as after any non-zero time. */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

/** logarithmicRankDiff: floor(log2(age in ns)) of each time (−1 for age <= 0), subtracted. */
export function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number) => {
    const ns = (now - t) * 1e6;
    return ns > 0 ? Math.trunc(Math.log2(ns)) : -1;
  };
  return rank(t1) - rank(t2);
}

export interface RankedPod {
  pod: Pod;
  /** Active related pods on the same node (co-located replicas, the pod itself included). */
  rank: number;
}

function compareTimes(t1: number, t2: number, a: Pod, b: Pod, opts: RankOptions): boolean {
  if (opts.logarithmicScaleDown === false || opts.now === 0 || t1 === 0 || t2 === 0) return afterOrZero(t1, t2);
  const diff = logarithmicRankDiff(t1, t2, opts.now);
  if (diff === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
  return diff < 0;
}

/** ActivePodsWithRanks.Less: true when `a` should be deleted before `b`. */
export function lessForDeletion(a: RankedPod, b: RankedPod, opts: RankOptions): boolean {
  const pa = a.pod;
  const pb = b.pod;
  const na = pa.spec?.nodeName ?? '';
  const nb = pb.spec?.nodeName ?? '';
  // 1. Unassigned < assigned.
  if (na !== nb && (na === '' || nb === '')) return na === '';
  // 2. Pending < Unknown < Running.
  if (phaseOrdinal(pa) !== phaseOrdinal(pb)) return phaseOrdinal(pa) < phaseOrdinal(pb);
  // 3. Not ready < ready.
  if (isPodReady(pa) !== isPodReady(pb)) return !isPodReady(pa);
  // 4. Lower pod-deletion-cost < higher.
  if (opts.podDeletionCost !== false && deletionCost(pa) !== deletionCost(pb)) return deletionCost(pa) < deletionCost(pb);
  // 5. Doubled up < not doubled up: more co-located related pods first.
  if (a.rank !== b.rank) return a.rank > b.rank;
  // 6. Ready for less time < more time (both ready).
  if (isPodReady(pa) && isPodReady(pb)) {
    const r1 = podReadyTime(pa);
    const r2 = podReadyTime(pb);
    if (r1 !== r2) return compareTimes(r1, r2, pa, pb, opts);
  }
  // 7. More container restarts first.
  if (maxContainerRestarts(pa) !== maxContainerRestarts(pb)) return maxContainerRestarts(pa) > maxContainerRestarts(pb);
  // 8. Empty creation time < newer < older.
  const c1 = timeOf(pa.metadata.creationTimestamp);
  const c2 = timeOf(pb.metadata.creationTimestamp);
  if (c1 !== c2) return compareTimes(c1, c2, pa, pb, opts);
  return false;
}

/** getPodsRankedByRelatedPodsOnSameNode: rank = active related pods on the pod's node. */
export function rankByRelatedPodsOnSameNode(podsToRank: readonly Pod[], relatedPods: readonly Pod[]): RankedPod[] {
  const onNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  return podsToRank.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
}

export interface VictimChoice {
  /** The pods deleted, in the order the sorted list holds them. */
  victims: Pod[];
  /** Every candidate, sorted (deletion preference first), with its rank. */
  sorted: RankedPod[];
  /**
   * Pods ranked exactly equal to the last victim, victims included: upstream sorts with an unstable
   * sort, so when this group straddles the cut any of them could be the one deleted.
   */
  tiedAtCut: Pod[];
}

/**
 * getPodsToDelete: no sorting when every pod goes; otherwise rank by co-located related pods and
 * sort by ActivePodsWithRanks. Equal pods keep their input order (kube-spread's deterministic
 * stand-in for Go's unstable sort); `tiedAtCut` says when that choice is arbitrary.
 */
export function podsToDelete(filtered: readonly Pod[], related: readonly Pod[], diff: number, opts: RankOptions): VictimChoice {
  const n = Math.max(0, Math.min(diff, filtered.length));
  const ranked = rankByRelatedPodsOnSameNode(filtered, related);
  if (n >= filtered.length) return { victims: [...filtered], sorted: ranked, tiedAtCut: [] };
  const sorted = ranked
    .map((r, i) => ({ r, i }))
    .sort((x, y) => (lessForDeletion(x.r, y.r, opts) ? -1 : lessForDeletion(y.r, x.r, opts) ? 1 : x.i - y.i))
    .map((x) => x.r);
  const victims = sorted.slice(0, n).map((r) => r.pod);
  let tiedAtCut: Pod[] = [];
  if (n > 0) {
    const last = sorted[n - 1];
    const equal = sorted.filter((r) => !lessForDeletion(r, last, opts) && !lessForDeletion(last, r, opts));
    if (equal.some((r) => !victims.includes(r.pod))) tiedAtCut = equal.map((r) => r.pod);
  }
  return { victims, sorted, tiedAtCut };
}

/**
 * getIndirectlyRelatedPods / getReplicaSetsWithSameController: a ReplicaSet with a controlling owner
 * (a Deployment's) ranks against the pods of every ReplicaSet of that owner; one without an owner
 * gets no related pods at all (every rank is 0).
 */
export function relatedPodsFor(hasControllerOwner: boolean, podsOfOwnerReplicaSets: readonly Pod[]): Pod[] {
  return hasControllerOwner ? [...podsOfOwnerReplicaSets] : [];
}
