// The Deployment controller's rolling-update arithmetic, modelled from upstream's rules (no code copied):
//   k8s.io/apimachinery/pkg/util/intstr          GetScaledValueFromIntOrPercent (percent: ceil when rounding up, floor when down)
//   pkg/apis/apps/v1/defaults.go                 SetDefaults_Deployment (RollingUpdate, maxSurge 25%, maxUnavailable 25%)
//   pkg/controller/deployment/util/deployment_util.go
//                                                ResolveFenceposts, MaxSurge, MaxUnavailable, NewRSNewReplicas,
//                                                GetReplicaCountForReplicaSets, GetAvailableReplicaCountForReplicaSets
//   pkg/controller/deployment/rolling.go         rolloutRolling, reconcileNewReplicaSet, reconcileOldReplicaSets,
//                                                cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate
//   pkg/controller/deployment/recreate.go        rolloutRecreate (old to 0, wait for their pods to go, new to desired)
//   pkg/controller/controller_utils.go           ReplicaSetsByCreationTimestamp (oldest first, name breaks ties)
// Pure: ReplicaSets are plain numbers; the what-if layer creates/deletes pods and schedules them.

export type IntOrString = number | string;

export class IntOrStringError extends Error {}

/** GetScaledValueFromIntOrPercent: an int as is; "N%" of total, rounded up (ceil) or down (floor). */
export function scaledValue(v: IntOrString, total: number, roundUp: boolean): number {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new IntOrStringError(`invalid value for IntOrString: ${v}`);
    return v;
  }
  if (!v.endsWith('%')) throw new IntOrStringError(`invalid value for IntOrString: invalid type: string is not a percentage`);
  const digits = v.slice(0, -1);
  if (!/^[+-]?\d+$/.test(digits)) throw new IntOrStringError(`invalid value "${v}": not an integer percentage`);
  const pct = Number(digits);
  const x = (pct * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

export interface DeploymentStrategy {
  type: 'RollingUpdate' | 'Recreate';
  /** As written, after API defaulting (absent → "25%"); null only for Recreate. */
  maxSurge: IntOrString | null;
  maxUnavailable: IntOrString | null;
}

/** SetDefaults_Deployment for the strategy: RollingUpdate with 25%/25% unless stated. */
export function defaultStrategy(raw: unknown): DeploymentStrategy {
  const s = (raw && typeof raw === 'object' ? raw : {}) as { type?: unknown; rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown } | null };
  const type = s.type === 'Recreate' ? 'Recreate' : 'RollingUpdate';
  if (type === 'Recreate') return { type, maxSurge: null, maxUnavailable: null };
  const ru = s.rollingUpdate ?? {};
  const val = (x: unknown): IntOrString => (typeof x === 'number' || typeof x === 'string' ? x : '25%');
  return { type, maxSurge: val(ru.maxSurge), maxUnavailable: val(ru.maxUnavailable) };
}

/**
 * ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down; absent values count as 0;
 * when both resolve to 0, maxUnavailable becomes 1 (surge might be blocked by quota).
 */
export function resolveFenceposts(maxSurge: IntOrString | null | undefined, maxUnavailable: IntOrString | null | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export interface DeploymentLike {
  replicas: number;
  strategy: DeploymentStrategy;
}

/** MaxUnavailable: 0 for Recreate or 0 replicas; never more than replicas. */
export function maxUnavailable(d: DeploymentLike): number {
  if (d.strategy.type !== 'RollingUpdate' || d.replicas === 0) return 0;
  const { unavailable } = resolveFenceposts(d.strategy.maxSurge, d.strategy.maxUnavailable, d.replicas);
  return Math.min(unavailable, d.replicas);
}

/** MaxSurge: 0 for Recreate. */
export function maxSurge(d: DeploymentLike): number {
  if (d.strategy.type !== 'RollingUpdate') return 0;
  return resolveFenceposts(d.strategy.maxSurge, d.strategy.maxUnavailable, d.replicas).surge;
}

export interface ReplicaSetState {
  name: string;
  /** spec.replicas */
  replicas: number;
  /** status.availableReplicas */
  available: number;
  /** creationTimestamp in ms (ReplicaSetsByCreationTimestamp); 0 when unknown. */
  created: number;
}

export const sumReplicas = (rss: readonly ReplicaSetState[]) => rss.reduce((n, rs) => n + rs.replicas, 0);
export const sumAvailable = (rss: readonly ReplicaSetState[]) => rss.reduce((n, rs) => n + rs.available, 0);

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: ReplicaSetState, b: ReplicaSetState): number {
  if (a.created !== b.created) return a.created - b.created;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** NewRSNewReplicas for RollingUpdate: grow the new RS up to replicas + maxSurge in total, never beyond replicas. */
export function newRSNewReplicas(d: DeploymentLike, allRSs: readonly ReplicaSetState[], newRS: ReplicaSetState): number {
  if (d.strategy.type === 'Recreate') return d.replicas;
  const surge = scaledValue(d.strategy.maxSurge ?? 0, d.replicas, true);
  const current = sumReplicas(allRSs);
  const maxTotal = d.replicas + surge;
  if (current >= maxTotal) return newRS.replicas;
  return newRS.replicas + Math.min(maxTotal - current, d.replicas - newRS.replicas);
}

export interface ScaleChange {
  rs: string;
  from: number;
  to: number;
  /** Which upstream function decided it. */
  by: 'reconcileNewReplicaSet' | 'cleanupUnhealthyReplicas' | 'scaleDownOldReplicaSetsForRollingUpdate' | 'rolloutRecreate';
}

/** reconcileNewReplicaSet: the new RS's next size, or undefined when nothing changes. */
export function reconcileNewReplicaSet(d: DeploymentLike, allRSs: readonly ReplicaSetState[], newRS: ReplicaSetState): number | undefined {
  if (newRS.replicas === d.replicas) return undefined;
  if (newRS.replicas > d.replicas) return d.replicas;
  const next = newRSNewReplicas(d, allRSs, newRS);
  return next === newRS.replicas ? undefined : next;
}

/** cleanupUnhealthyReplicas: scale old RSs down by their unavailable replicas, at most maxCleanupCount in all. */
export function cleanupUnhealthyReplicas(oldRSs: ReplicaSetState[], maxCleanupCount: number): { changes: ScaleChange[]; total: number } {
  const changes: ScaleChange[] = [];
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= maxCleanupCount) break;
    if (rs.replicas === 0 || rs.replicas === rs.available) continue;
    const down = Math.min(maxCleanupCount - total, rs.replicas - rs.available);
    changes.push({ rs: rs.name, from: rs.replicas, to: rs.replicas - down, by: 'cleanupUnhealthyReplicas' });
    rs.replicas -= down;
    total += down;
  }
  return { changes, total };
}

/** scaleDownOldReplicaSetsForRollingUpdate: remove available pods above minAvailable, oldest RS first. */
export function scaleDownOldReplicaSetsForRollingUpdate(d: DeploymentLike, allRSs: readonly ReplicaSetState[], oldRSs: ReplicaSetState[]): { changes: ScaleChange[]; total: number } {
  const minAvailable = d.replicas - maxUnavailable(d);
  const available = sumAvailable(allRSs);
  const changes: ScaleChange[] = [];
  if (available <= minAvailable) return { changes, total: 0 };
  const target = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= target) break;
    if (rs.replicas === 0) continue;
    const down = Math.min(rs.replicas, target - total);
    changes.push({ rs: rs.name, from: rs.replicas, to: rs.replicas - down, by: 'scaleDownOldReplicaSetsForRollingUpdate' });
    rs.replicas -= down;
    total += down;
  }
  return { changes, total };
}

/**
 * reconcileOldReplicaSets: how far old RSs may shrink now. maxScaledDown = all replicas − minAvailable −
 * the new RS's unavailable replicas; unhealthy old replicas go first, then available ones.
 * Mutates the given old RS states and returns the changes.
 */
export function reconcileOldReplicaSets(d: DeploymentLike, oldRSs: ReplicaSetState[], newRS: ReplicaSetState): ScaleChange[] {
  const active = oldRSs.filter((rs) => rs.replicas > 0);
  if (sumReplicas(active) === 0) return [];
  const all = [...oldRSs, newRS];
  const minAvailable = d.replicas - maxUnavailable(d);
  const newUnavailable = newRS.replicas - newRS.available;
  const maxScaledDown = sumReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return [];
  const cleanup = cleanupUnhealthyReplicas(active, maxScaledDown);
  const down = scaleDownOldReplicaSetsForRollingUpdate(d, all, active);
  return [...cleanup.changes, ...down.changes];
}

export type SyncAction =
  | { kind: 'scale-new'; from: number; to: number; changes: ScaleChange[] }
  | { kind: 'scale-old'; changes: ScaleChange[] }
  | { kind: 'none' };

/**
 * One sync of rolloutRolling (or rolloutRecreate): scale the new RS if it may grow (or must shrink),
 * else scale old RSs down; `none` when neither can move. Mutates the RS states it is given.
 */
export function rolloutSync(d: DeploymentLike, oldRSs: ReplicaSetState[], newRS: ReplicaSetState, oldPodsRunning = 0): SyncAction {
  if (d.strategy.type === 'Recreate') {
    const active = oldRSs.filter((rs) => rs.replicas > 0);
    if (active.length) {
      const changes = active.map((rs) => ({ rs: rs.name, from: rs.replicas, to: 0, by: 'rolloutRecreate' as const }));
      for (const rs of active) rs.replicas = 0;
      return { kind: 'scale-old', changes };
    }
    // Recreate waits until no old pod is left before creating new ones.
    if (oldPodsRunning > 0 || newRS.replicas === d.replicas) return { kind: 'none' };
    const from = newRS.replicas;
    newRS.replicas = d.replicas;
    return { kind: 'scale-new', from, to: d.replicas, changes: [{ rs: newRS.name, from, to: d.replicas, by: 'rolloutRecreate' }] };
  }
  const next = reconcileNewReplicaSet(d, [...oldRSs, newRS], newRS);
  if (next !== undefined) {
    const from = newRS.replicas;
    newRS.replicas = next;
    return { kind: 'scale-new', from, to: next, changes: [{ rs: newRS.name, from, to: next, by: 'reconcileNewReplicaSet' }] };
  }
  const changes = reconcileOldReplicaSets(d, oldRSs, newRS);
  return changes.length ? { kind: 'scale-old', changes } : { kind: 'none' };
}
