// InterPodAffinity PreScore / Score / NormalizeScore (pkg/scheduler/framework/plugins/interpodaffinity/scoring.go).
//
// PreScore builds topologyKey -> value -> weight sum from every existing pod on a node that has labels:
//   + w  incoming pod's preferred affinity term matched by the existing pod
//   - w  incoming pod's preferred anti-affinity term matched by the existing pod
//   + hardPodAffinityWeight  existing pod's required affinity term matched by the incoming pod (weight > 0)
//   + w  existing pod's preferred affinity term matched by the incoming pod
//   - w  existing pod's preferred anti-affinity term matched by the incoming pod
// each added under the existing pod's node's value for the term's topology key (when the node has it).
// Score(node) = sum over keys of the entry for the node's value. Normalize: min-max over the scored
// nodes to 0..100 in float, truncated; all 0 when max == min.

import type { Cluster, NodeInfo, PodInfo } from '../../cluster';
import { type CycleState, type NodeScore, type SchedulerEnv, type Status, MAX_NODE_SCORE, SKIP, SUCCESS, errorStatus } from '../../framework';
import {
  type AffinityTerm, aggregateMessage, namespaceLabels, podTerms, termMatches, unrollNamespaceSelector,
} from './terms';
import type { InterPodAffinityArgs } from './args';

export const PRE_SCORE_STATE_KEY = 'PreScoreInterPodAffinity';

/** topologyKey -> topologyValue -> summed weight. */
export type ScoreMap = Map<string, Map<string, number>>;

export interface PreScoreState {
  topologyScore: ScoreMap;
}

function addTerm(m: ScoreMap, t: AffinityTerm, weight: number, target: PodInfo, nsLabels: PodInfo['labels'] | undefined, ni: NodeInfo, sign: number) {
  if (!termMatches(t, target, nsLabels)) return;
  if (!Object.prototype.hasOwnProperty.call(ni.labels, t.topologyKey)) return;
  let byValue = m.get(t.topologyKey);
  if (!byValue) m.set(t.topologyKey, (byValue = new Map()));
  const v = ni.labels[t.topologyKey];
  // The entry exists even when the sum is 0: that alone keeps PreScore from skipping.
  byValue.set(v, (byValue.get(v) ?? 0) + weight * sign);
}

export function preScore(cluster: Cluster, env: SchedulerEnv, args: InterPodAffinityArgs, state: CycleState, pod: PodInfo): Status {
  const aff = pod.pod.spec?.affinity;
  const hasPreferred =
    (aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).length > 0 ||
    (aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
  // Checked before the pod's terms are parsed, as upstream does.
  if (args.ignorePreferredTermsOfExistingPods && !hasPreferred) return SKIP;

  const own = podTerms(pod, env);
  if (own.errors.length > 0) return errorStatus(`failed to parse pod: ${aggregateMessage(own.errors)}`);
  const preferredAffinity = own.preferredAffinity.map((t) => unrollNamespaceSelector(t, cluster.namespaces));
  const preferredAntiAffinity = own.preferredAntiAffinity.map((t) => unrollNamespaceSelector(t, cluster.namespaces));
  const nsLabels = namespaceLabels(cluster, pod.namespace);

  const m: ScoreMap = new Map();
  // Without preferred terms of its own and no pod with (anti-)affinity anywhere, the pass finds nothing.
  const nodes = hasPreferred || cluster.podsWithAffinity > 0 ? cluster.nodes : [];
  for (const ni of nodes) {
    // Without preferred terms of its own, only pods carrying (anti-)affinity can contribute: a node
    // known to hold none is passed over before its labels are looked at (the common case, every cycle).
    if (!hasPreferred && ni.podsWithAffinity === 0) continue;
    if (!hasAnyLabel(ni.labels)) continue;
    const pods = hasPreferred ? ni.pods : ni.pods.filter((p) => p.hasAffinity);
    for (const existing of pods) {
      for (const t of preferredAffinity) addTerm(m, t, t.weight, existing, undefined, ni, 1);
      for (const t of preferredAntiAffinity) addTerm(m, t, t.weight, existing, undefined, ni, -1);
      const theirs = podTerms(existing, env);
      if (args.hardPodAffinityWeight > 0) {
        for (const t of theirs.requiredAffinity) addTerm(m, t, args.hardPodAffinityWeight, pod, nsLabels, ni, 1);
      }
      // ignorePreferredTermsOfExistingPods only short-circuits above; when the pod has preferred terms
      // of its own, existing pods' preferred terms still count (upstream behaviour).
      for (const t of theirs.preferredAffinity) addTerm(m, t, t.weight, pod, nsLabels, ni, 1);
      for (const t of theirs.preferredAntiAffinity) addTerm(m, t, t.weight, pod, nsLabels, ni, -1);
    }
  }
  if (m.size === 0) return SKIP;
  const s: PreScoreState = { topologyScore: m };
  state.write(PRE_SCORE_STATE_KEY, s);
  return SUCCESS;
}

export function score(state: CycleState, ni: NodeInfo): number {
  const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
  if (!s) return 0;
  let total = 0;
  for (const [key, byValue] of s.topologyScore) {
    if (Object.prototype.hasOwnProperty.call(ni.labels, key)) total += byValue.get(ni.labels[key]) ?? 0;
  }
  return total;
}

export function normalizeScore(state: CycleState, scores: NodeScore[]): void {
  const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
  if (!s || s.topologyScore.size === 0) return;
  let min = Infinity;
  let max = -Infinity;
  for (const x of scores) {
    if (x.score > max) max = x.score;
    if (x.score < min) min = x.score;
  }
  const diff = max - min;
  for (const x of scores) {
    // Same float expression as upstream: MaxNodeScore * ((s - min) / diff), then int64() truncation.
    x.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((x.score - min) / diff)) : 0;
  }
}

/** Object.keys(labels).length > 0 without building the array (this runs on every node of every cycle). */
function hasAnyLabel(labels: Record<string, string>): boolean {
  for (const k in labels) if (Object.prototype.hasOwnProperty.call(labels, k)) return true;
  return false;
}
