// Shared PodTopologySpread pieces: converting API constraints into the scheduler's internal form
// (defaults, matchLabelKeys merge), counting matching pods, and node eligibility.
// Semantics: ../shared/docs/spread-semantics.md §2; upstream podtopologyspread/common.go.

import type { Labels, Pod, TopologySpreadConstraint } from '../../api';
import type { NodeInfo, PodInfo } from '../../cluster';
import type { SchedulerEnv } from '../../framework';
import { labelSelectorAsSelector, type RequiredNodeAffinity, type Requirement, type Selector } from '../../selectors';
import { findUntoleratedTaint, isDoNotScheduleTaint } from '../../tolerations';

export type Action = 'DoNotSchedule' | 'ScheduleAnyway';

/** A constraint after conversion (§2.1). */
export interface InternalConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: Action;
  selector: Selector;
  minDomains: number;
  /** Anything other than the exact string "Honor" behaves as Ignore, like the upstream comparison. */
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
  /** Index in the list it came from (the pod's spec or the default constraints). */
  index: number;
  source: 'pod' | 'system-default' | 'list-default';
}

/**
 * filterTopologySpreadConstraints: keeps the entries with `action`, converts their selectors
 * (throws SelectorError on a selector the API would have rejected) and merges matchLabelKeys.
 */
export function convertConstraints(
  constraints: readonly TopologySpreadConstraint[],
  podLabels: Labels,
  action: Action,
  env: SchedulerEnv,
  source: InternalConstraint['source'],
): InternalConstraint[] {
  const out: InternalConstraint[] = [];
  constraints.forEach((c, index) => {
    if (!c || c.whenUnsatisfiable !== action) return;
    let selector = labelSelectorAsSelector(c.labelSelector);
    const keys = c.matchLabelKeys ?? [];
    if (env.gates.MatchLabelKeysInPodTopologySpread && keys.length > 0) {
      const extra: Requirement[] = [];
      for (const k of keys) {
        if (Object.prototype.hasOwnProperty.call(podLabels, k)) extra.push({ key: k, op: 'In', values: [podLabels[k]] });
      }
      // Nothing stays Nothing (a nil selector has no requirements to merge into).
      selector = selector.and(extra);
    }
    const honourPolicies = env.gates.NodeInclusionPolicyInPodTopologySpread;
    out.push({
      maxSkew: Number(c.maxSkew),
      topologyKey: String(c.topologyKey ?? ''),
      whenUnsatisfiable: action,
      selector,
      minDomains: c.minDomains === null || c.minDomains === undefined ? 1 : Number(c.minDomains),
      nodeAffinityPolicy: honourPolicies && c.nodeAffinityPolicy !== null && c.nodeAffinityPolicy !== undefined ? c.nodeAffinityPolicy : 'Honor',
      nodeTaintsPolicy: honourPolicies && c.nodeTaintsPolicy !== null && c.nodeTaintsPolicy !== undefined ? c.nodeTaintsPolicy : 'Ignore',
      index,
      source,
    });
  });
  return out;
}

/**
 * Whether `selector` counts no pod at all: up to 1.36 an *empty* selector (`labelSelector: {}`)
 * counts nothing (kubernetes/kubernetes#141339; from 1.37, PR #141340, every pod of the namespace),
 * and a selector that matches nothing.
 */
export function selectorCountsNothing(selector: Selector, env: SchedulerEnv): boolean {
  return (selector.isEmpty && env.minor < 37) || selector.isNothing;
}

/**
 * countPodsMatchSelector: the pods `selector` counts (selectorCountsNothing aside). Terminating pods
 * and pods of other namespaces never count.
 */
export function countMatching(pods: readonly PodInfo[], selector: Selector, namespace: string, env: SchedulerEnv): number {
  if (selectorCountsNothing(selector, env)) return 0;
  let n = 0;
  for (const p of pods) {
    if (p.terminating || p.namespace !== namespace) continue;
    if (selector.matches(p.labels)) n++;
  }
  return n;
}

/** Whether one pod counts (the single-pod form of countMatching, for incremental updates). */
export function podCounts(p: PodInfo, selector: Selector, namespace: string, env: SchedulerEnv): boolean {
  if (selectorCountsNothing(selector, env)) return false;
  return !p.terminating && p.namespace === namespace && selector.matches(p.labels);
}

/** nodeLabelsMatchSpreadConstraints: the node carries every topologyKey of the list. */
export function hasAllKeys(labels: Labels, constraints: readonly InternalConstraint[]): boolean {
  for (const c of constraints) if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return false;
  return true;
}

/** matchNodeInclusionPolicies (§2.5 items 2–3). */
export function passesInclusionPolicies(
  c: InternalConstraint,
  pod: Pod,
  node: NodeInfo,
  affinity: RequiredNodeAffinity,
  env: SchedulerEnv,
): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !affinity.matches(node.node)) return false;
  if (c.nodeTaintsPolicy === 'Honor') {
    const opts = { comparisonOperators: env.gates.TaintTolerationComparisonOperators };
    if (findUntoleratedTaint(node.taints, pod.spec?.tolerations, isDoNotScheduleTaint, opts)) return false;
  }
  return true;
}

/** Go's math.Round: half away from zero. */
export function roundHalfAwayFromZero(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

/** The scheduler's system default constraints (defaultingType: System). */
export const SYSTEM_DEFAULT_CONSTRAINTS: TopologySpreadConstraint[] = [
  { topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];
