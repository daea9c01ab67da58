// Which pods go when a workload scales down, per controller (pure; the what-if layer applies it):
// - ReplicaSet (and a Deployment's current ReplicaSet, and ReplicationController, which runs the same
//   code): pkg/controller/replicaset/replica_set.go manageReplicas → getPodsToDelete (ranking.ts).
// - StatefulSet: pkg/controller/statefulset/stateful_set_control.go (updateStatefulSet): replicas with
//   an ordinal >= spec.replicas are "condemned" and deleted from the highest ordinal down.
// Other kinds (Job, CronJob, DaemonSet, bare Pod) have no replica scale-down.

import type { Pod } from '../api';
import { podsToDelete, type RankedPod, type RankOptions } from './ranking';

export type ScaleDownController = 'ReplicaSet' | 'StatefulSet';

export function scaleDownControllerFor(kind: string): ScaleDownController | undefined {
  if (kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'ReplicationController') return 'ReplicaSet';
  if (kind === 'StatefulSet') return 'StatefulSet';
  return undefined;
}

export interface ScaleDownChoice {
  victims: Pod[];
  /** Candidates in deletion order with the keys that decided it (ReplicaSet) or the ordinal (StatefulSet). */
  order: { pod: Pod; rank?: number; ordinal?: number }[];
  /** See ranking.ts VictimChoice.tiedAtCut: when non-empty, any of these could be the ones deleted. */
  tiedAtCut: Pod[];
  rule: string;
}

/** The StatefulSet ordinal of a pod: the trailing -N of its name (apps.kubernetes.io/pod-index when present). */
export function ordinalOf(p: Pod): number {
  const idx = p.metadata.labels?.['apps.kubernetes.io/pod-index'];
  if (idx !== undefined && /^\d+$/.test(idx)) return Number(idx);
  const m = /-(\d+)$/.exec(p.metadata.name ?? '');
  return m ? Number(m[1]) : -1;
}

/**
 * The pods the controller deletes to go from pods.length to `to` replicas. `related` is what the
 * ReplicaSet controller ranks co-location against (relatedPodsFor in ranking.ts).
 */
export function chooseScaleDown(controller: ScaleDownController, pods: readonly Pod[], related: readonly Pod[], to: number, opts: RankOptions): ScaleDownChoice {
  const diff = Math.max(0, pods.length - Math.max(0, to));
  if (controller === 'StatefulSet') {
    const order = [...pods].sort((a, b) => ordinalOf(b) - ordinalOf(a)).map((pod) => ({ pod, ordinal: ordinalOf(pod) }));
    const victims = order.filter((o) => o.ordinal >= to).map((o) => o.pod);
    return {
      victims, order, tiedAtCut: [],
      rule: 'StatefulSet: pods with ordinal >= replicas are deleted, highest ordinal first (stateful_set_control.go)',
    };
  }
  const choice = podsToDelete(pods, related, diff, opts);
  return {
    victims: choice.victims,
    order: choice.sorted.map((r: RankedPod) => ({ pod: r.pod, rank: r.rank })),
    tiedAtCut: choice.tiedAtCut,
    rule: 'ReplicaSet: getPodsToDelete ranks unscheduled < pending < not ready < lower pod-deletion-cost < more co-located replicas < shorter ready time < more restarts < newer (replica_set.go, controller_utils.go)',
  };
}
