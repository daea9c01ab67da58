// NodeResourcesBalancedAllocation (pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go).
// Favours nodes whose resource fractions (requested / allocatable, capped at 1) are close to each
// other. Uses actual requests (no 100m / 200MiB defaults). PreScore returns Skip for pods that
// request none of the configured resources (best-effort pods, kubernetes/kubernetes#129138).
//
// The formula depends on the release:
// - up to v1.35: score = int((1 - std) * 100), std taken over the fractions *with* the pod.
// - v1.36 and later (kubernetes/kubernetes#135573, "consider change to the node's balance"):
//   score = 50 + (50 + B_with - B_without) / 2, with B_* the integer score above computed with and
//   without the pod, and Go integer division. No change = 75, imbalanced -> balanced = 100,
//   balanced -> imbalanced = 50. Verified against the v1.36+ balanced_allocation_test.go table
//   (e.g. "requested resources at node capacity": 75 -> 50 gives 62).

import type { NodeInfo, PodInfo } from '../../cluster';
import { CycleState, MAX_NODE_SCORE, SKIP, SUCCESS, type Handle, type Plugin, type PluginFactory, type Status } from '../../framework';
import { podRequestsOnce } from './requestMemo';
import { podScoringRequests, resourceByName, type Resources } from '../../resources';
import { podLevelResourcesEnabled } from './fit';
import { resolveBalancedArgs } from './fitArgs';
import { scoreNode, type ResourceSpec, type Scorer } from './resourceAllocation';

const NAME = 'NodeResourcesBalancedAllocation';
const PRE_SCORE_KEY = `PreScore${NAME}`;

/** First release whose score compares the balance with and without the pod. */
export const BALANCE_CHANGE_MINOR = 36;

/** balancedResourceScore: (1 - std) * MaxNodeScore truncated; std over the non-skipped fractions. */
export function balanceScore(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(1, requested[i] / allocatable[i]);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  // Two resources (the common case): std is half the difference. Same order of float operations as upstream.
  if (fractions.length === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum = sum + (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export function balancedScorer(minor: number): Scorer {
  if (minor < BALANCE_CHANGE_MINOR) return (requested, _allocated, allocatable) => balanceScore(requested, allocatable);
  const half = MAX_NODE_SCORE / 2;
  return (requested, allocated, allocatable) => {
    const withPod = balanceScore(requested, allocatable);
    const withoutPod = balanceScore(allocated, allocatable);
    return half + Math.trunc((half + withPod - withoutPod) / 2);
  };
}

const isBestEffort = (req: Resources, resources: readonly ResourceSpec[]) => resources.every((r) => resourceByName(req, r.name) === 0);

export const NodeResourcesBalancedAllocation: PluginFactory = (handle: Handle, rawArgs?: unknown): Plugin => {
  const resources = resolveBalancedArgs(rawArgs);
  const scorer = balancedScorer(handle.env.minor);
  const podLevel = podLevelResourcesEnabled(handle.env);
  const request = (pod: PodInfo) => podRequestsOnce(pod.pod, `balanced ${podLevel}`, () => podScoringRequests(pod.pod, false, { podLevelResources: podLevel }));

  return {
    name: NAME,
    preScore(state: CycleState, pod: PodInfo): Status {
      const req = request(pod);
      if (isBestEffort(req, resources)) return SKIP;
      state.write(PRE_SCORE_KEY, req);
      return SUCCESS;
    },
    score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
      let req = state.read<Resources>(PRE_SCORE_KEY);
      if (!req) {
        // Upstream Score without PreScore: recompute, and best-effort pods score 0.
        req = request(pod);
        if (isBestEffort(req, resources)) return 0;
      }
      return scoreNode(node, req, resources, true, scorer);
    },
  };
};
