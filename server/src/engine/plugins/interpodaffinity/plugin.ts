// InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity/plugin.go): PreFilter/Filter
// for required (anti-)affinity, PreScore/Score/NormalizeScore for preferred terms and for existing
// pods' required affinity (hardPodAffinityWeight). Namespace objects come from `handle.cluster.namespaces`.

import type { Plugin, PluginFactory } from '../../framework';
import { filter, preFilter } from './filtering';
import { interPodAffinityArgs } from './args';
import { normalizeScore, preScore, score } from './scoring';

export { interPodAffinityArgs, type InterPodAffinityArgs } from './args';

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
