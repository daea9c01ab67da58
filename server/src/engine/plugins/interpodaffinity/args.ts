// InterPodAffinityArgs (pkg/scheduler/apis/config/types_pluginargs.go) with the v1 default and the
// ValidateInterPodAffinityArgs bounds; its own file because scoring.ts and plugin.ts both need it.

export interface InterPodAffinityArgs {
  /** Weight of an existing pod's required affinity term that the incoming pod satisfies. v1 default 1. */
  hardPodAffinityWeight: number;
  /** Skip scoring when the incoming pod has no preferred terms of its own. Default false. */
  ignorePreferredTermsOfExistingPods: boolean;
}

/** ValidateInterPodAffinityArgs bounds. */
const MIN_HARD_WEIGHT = 0;
const MAX_HARD_WEIGHT = 100;

export function interPodAffinityArgs(raw: unknown): InterPodAffinityArgs {
  const a = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof InterPodAffinityArgs, unknown>>;
  const w = a.hardPodAffinityWeight === undefined || a.hardPodAffinityWeight === null ? 1 : Number(a.hardPodAffinityWeight);
  if (!Number.isInteger(w) || w < MIN_HARD_WEIGHT || w > MAX_HARD_WEIGHT) {
    throw new Error(`hardPodAffinityWeight: Invalid value: ${String(a.hardPodAffinityWeight)}: not in valid range [${MIN_HARD_WEIGHT}, ${MAX_HARD_WEIGHT}]`);
  }
  return { hardPodAffinityWeight: w, ignorePreferredTermsOfExistingPods: a.ignorePreferredTermsOfExistingPods === true };
}
