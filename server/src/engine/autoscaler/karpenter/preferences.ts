// Karpenter's relaxation of soft constraints (preferences.go Relax): a pod that fits nowhere loses one
// preference at a time, in this order, and is tried again: the first of several required node-affinity
// terms (they are ORed, Karpenter tries them one by one), the heaviest preferred pod-affinity term, the
// heaviest preferred pod anti-affinity term, the heaviest preferred node-affinity term, one
// ScheduleAnyway spread constraint, and, when some NodePool has a PreferNoSchedule taint, a toleration
// for it. Until relaxed, preferences count as requirements (PreferencePolicy Respect, the default).

import type { Pod, TopologySpreadConstraint } from '../../api';

type Relaxation = (pod: Pod) => string | undefined;

function dropHeaviest<T extends { weight: number }>(terms: T[] | null | undefined, set: (rest: T[]) => void, what: string): string | undefined {
  if (!terms?.length) return undefined;
  const sorted = [...terms].sort((a, b) => b.weight - a.weight);
  set(sorted.slice(1));
  return `removing: ${what}[0]=${JSON.stringify(sorted[0])}`;
}

const removeRequiredNodeAffinityTerm: Relaxation = (pod) => {
  const r = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = r?.nodeSelectorTerms;
  if (!r || !terms || terms.length <= 1) return undefined;
  const first = terms[0];
  r.nodeSelectorTerms = terms.slice(1);
  return `removing: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]=${JSON.stringify(first)}`;
};

const removePreferredPodAffinityTerm: Relaxation = (pod) => {
  const a = pod.spec?.affinity?.podAffinity;
  return a ? dropHeaviest(a.preferredDuringSchedulingIgnoredDuringExecution, (rest) => { a.preferredDuringSchedulingIgnoredDuringExecution = rest; }, 'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution') : undefined;
};

const removePreferredPodAntiAffinityTerm: Relaxation = (pod) => {
  const a = pod.spec?.affinity?.podAntiAffinity;
  return a ? dropHeaviest(a.preferredDuringSchedulingIgnoredDuringExecution, (rest) => { a.preferredDuringSchedulingIgnoredDuringExecution = rest; }, 'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution') : undefined;
};

const removePreferredNodeAffinityTerm: Relaxation = (pod) => {
  const a = pod.spec?.affinity?.nodeAffinity;
  return a ? dropHeaviest(a.preferredDuringSchedulingIgnoredDuringExecution, (rest) => { a.preferredDuringSchedulingIgnoredDuringExecution = rest; }, 'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution') : undefined;
};

const removeTopologySpreadScheduleAnyway: Relaxation = (pod) => {
  const list = pod.spec?.topologySpreadConstraints;
  const i = (list ?? []).findIndex((c) => c?.whenUnsatisfiable === 'ScheduleAnyway');
  if (!list || i < 0) return undefined;
  const c: TopologySpreadConstraint = list[i];
  // Swap with the last and truncate, as upstream (the order of the rest changes).
  list[i] = list[list.length - 1];
  list.pop();
  return `removing: spec.topologySpreadConstraints = ${JSON.stringify(c)}`;
};

const toleratePreferNoSchedule: Relaxation = (pod) => {
  const tolerations = pod.spec.tolerations ?? [];
  // MatchToleration: the very same toleration is already there.
  if (tolerations.some((t) => t && t.effect === 'PreferNoSchedule' && t.operator === 'Exists' && !t.key && !t.value)) return undefined;
  pod.spec.tolerations = [...tolerations, { operator: 'Exists', effect: 'PreferNoSchedule' }];
  return 'adding: toleration for PreferNoSchedule taints';
};

/** Relax: one preference removed from `pod` (mutated), with Karpenter's log reason; undefined when none is left. */
export function relax(pod: Pod, toleratePreferNoScheduleTaints: boolean): string | undefined {
  const steps: Relaxation[] = [removeRequiredNodeAffinityTerm, removePreferredPodAffinityTerm, removePreferredPodAntiAffinityTerm, removePreferredNodeAffinityTerm, removeTopologySpreadScheduleAnyway];
  if (toleratePreferNoScheduleTaints) steps.push(toleratePreferNoSchedule);
  for (const step of steps) {
    const reason = step(pod);
    if (reason !== undefined) return reason;
  }
  return undefined;
}
