// Pod equivalence groups (core/scaleup/equivalence/groups.go BuildPodGroups): pods of one controller
// with equal labels and spec are checked once, by their first pod; pods without a controller (or of a
// DaemonSet) are groups of their own. At most 10 groups per controller; further variants stay alone.

import type { Pod } from '../../api';

export interface PodGroup {
  pods: Pod[];
  /** Why each node group's template rejected the group's exemplar (SchedulingErrors), by node group. */
  schedulingErrors: Map<string, string[]>;
  /** Fits at least one node group's template node. */
  schedulable: boolean;
  schedulableGroups: string[];
}

const MAX_EQUIVALENCE_GROUPS_BY_CONTROLLER = 10;

function controllerRef(pod: Pod): { key: string; kind?: string } | undefined {
  const ref = (pod.metadata?.ownerReferences ?? []).find((r) => r?.controller);
  if (!ref) return undefined;
  return { key: ref.uid || `${ref.kind}/${pod.metadata?.namespace ?? ''}/${ref.name}`, kind: ref.kind };
}

/** PodSpecSemanticallyEqual after the node name is cleared (a pending pod has none anyway). */
function specKey(pod: Pod): string {
  return JSON.stringify({ labels: pod.metadata?.labels ?? {}, spec: { ...pod.spec, nodeName: undefined } });
}

export function buildPodGroups(pods: readonly Pod[]): PodGroup[] {
  const groups: PodGroup[] = [];
  const byController = new Map<string, { key: string; group: PodGroup }[]>();
  const fresh = (pod: Pod): PodGroup => {
    const g: PodGroup = { pods: [pod], schedulingErrors: new Map(), schedulable: false, schedulableGroups: [] };
    groups.push(g);
    return g;
  };
  for (const pod of pods) {
    const ref = controllerRef(pod);
    if (!ref || ref.kind === 'DaemonSet') {
      fresh(pod);
      continue;
    }
    const egs = byController.get(ref.key) ?? [];
    const key = specKey(pod);
    const match = egs.find((e) => e.key === key);
    if (match) {
      match.group.pods.push(pod);
      continue;
    }
    const g = fresh(pod);
    if (egs.length < MAX_EQUIVALENCE_GROUPS_BY_CONTROLLER) byController.set(ref.key, [...egs, { key, group: g }]);
  }
  return groups;
}
