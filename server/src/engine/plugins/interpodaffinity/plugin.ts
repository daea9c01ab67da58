// InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity/plugin.go): PreFilter/Filter
// for required (anti-)affinity, PreScore/Score/NormalizeScore for preferred terms and for existing
// pods' required affinity (hardPodAffinityWeight). Namespace objects come from `handle.cluster.namespaces`.

import type { Plugin, PluginFactory } from '../../framework';
import { filter, preFilter } from './filtering';
import { normalizeScore, preScore, score } from './scoring';

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

export const InterPodAffinity: PluginFactory = (handle, rawArgs): Plugin => {
  const args = interPodAffinityArgs(rawArgs);
  return {
    name: 'InterPodAffinity',
    // handle.cluster is read at call time: simulation may swap or fork the cluster between cycles.
    preFilter: (state, pod) => preFilter(handle.cluster, handle.env, state, pod),
    filter: (state, _pod, node) => filter(state, node),
    preScore: (state, pod) => preScore(handle.cluster, handle.env, args, state, pod),
    score: (state, _pod, node) => score(state, node),
    normalizeScore: (state, _pod, scores) => normalizeScore(state, scores),
  };
};
