// InterPodAffinity PreFilter / Filter (pkg/scheduler/framework/plugins/interpodaffinity/filtering.go).
//
// PreFilter counts, per topology pair (key, value) of the node an existing pod runs on:
//  - existingAntiAffinity: existing pods' required anti-affinity terms that match the incoming pod
//    (one count per matching term);
//  - affinity: existing pods matching ALL of the incoming pod's required affinity terms (one count per
//    term's topology pair, so a pod matching two terms on the same key counts twice);
//  - antiAffinity: existing pods matching each of the incoming pod's required anti-affinity terms.
// Filter then checks, in this order: pod affinity, pod anti-affinity, existing pods' anti-affinity.
// Terminating pods are counted: upstream never looks at deletionTimestamp here.

import type { Cluster, NodeInfo, PodInfo } from '../../cluster';
import {
  type CycleState, type SchedulerEnv, type Status, SKIP, SUCCESS, errorStatus, unresolvable, unschedulable,
} from '../../framework';
import {
  type AffinityTerm, type CompiledTerms, aggregateMessage, matchesAll, namespaceLabels, pairKey, podTerms,
  termMatches, unrollNamespaceSelector,
} from './terms';

export const PRE_FILTER_STATE_KEY = 'PreFilterInterPodAffinity';

export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";

/** Topology pair -> count. Entries that drop to 0 never exist (all counts here only grow). */
export type TopologyCounts = Map<string, number>;

export interface PreFilterState {
  existingAntiAffinityCounts: TopologyCounts;
  affinityCounts: TopologyCounts;
  antiAffinityCounts: TopologyCounts;
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  pod: PodInfo;
}

function bump(m: TopologyCounts, ni: NodeInfo, topologyKey: string): void {
  // A node without the term's topology key contributes nothing.
  if (!Object.prototype.hasOwnProperty.call(ni.labels, topologyKey)) return;
  const k = pairKey(topologyKey, ni.labels[topologyKey]);
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** Incoming pod's required terms, with namespaceSelector unrolled against the cluster's Namespaces. */
export function incomingRequiredTerms(terms: CompiledTerms, cluster: Cluster) {
  return {
    requiredAffinity: terms.requiredAffinity.map((t) => unrollNamespaceSelector(t, cluster.namespaces)),
    requiredAntiAffinity: terms.requiredAntiAffinity.map((t) => unrollNamespaceSelector(t, cluster.namespaces)),
  };
}

export function preFilter(cluster: Cluster, env: SchedulerEnv, state: CycleState, pod: PodInfo): Status {
  const own = podTerms(pod, env);
  if (own.errors.length > 0) return unresolvable(`parsing pod: ${aggregateMessage(own.errors)}`);
  const { requiredAffinity, requiredAntiAffinity } = incomingRequiredTerms(own, cluster);
  const nsLabels = namespaceLabels(cluster, pod.namespace);

  const existingAntiAffinityCounts: TopologyCounts = new Map();
  const affinityCounts: TopologyCounts = new Map();
  const antiAffinityCounts: TopologyCounts = new Map();
  const incomingHasTerms = requiredAffinity.length > 0 || requiredAntiAffinity.length > 0;
  // Without terms of its own and no pod with required anti-affinity anywhere, the pass finds nothing.
  const nodes = incomingHasTerms || cluster.podsWithRequiredAntiAffinity > 0 ? cluster.nodes : [];
  for (const ni of nodes) {
    // Without terms of its own only existing required anti-affinity matters: skip nodes known to have none.
    if (!incomingHasTerms && ni.podsWithRequiredAntiAffinity === 0) continue;
    for (const existing of ni.pods) {
      if (existing.hasRequiredAntiAffinity) {
        // The existing pod's namespaceSelector is evaluated against the incoming pod's namespace labels.
        for (const t of podTerms(existing, env).requiredAntiAffinity) {
          if (termMatches(t, pod, nsLabels)) bump(existingAntiAffinityCounts, ni, t.topologyKey);
        }
      }
      if (!incomingHasTerms) continue;
      if (matchesAll(requiredAffinity, existing)) for (const t of requiredAffinity) bump(affinityCounts, ni, t.topologyKey);
      for (const t of requiredAntiAffinity) if (termMatches(t, existing, undefined)) bump(antiAffinityCounts, ni, t.topologyKey);
    }
  }

  if (existingAntiAffinityCounts.size === 0 && !incomingHasTerms) return SKIP;
  const s: PreFilterState = { existingAntiAffinityCounts, affinityCounts, antiAffinityCounts, requiredAffinity, requiredAntiAffinity, pod };
  state.write(PRE_FILTER_STATE_KEY, s);
  return SUCCESS;
}

function satisfiesExistingPodsAntiAffinity(s: PreFilterState, ni: NodeInfo): boolean {
  // Any of the node's own (key, value) pairs, whichever term put it there.
  if (s.existingAntiAffinityCounts.size === 0) return true;
  for (const [k, v] of Object.entries(ni.labels)) if ((s.existingAntiAffinityCounts.get(pairKey(k, v)) ?? 0) > 0) return false;
  return true;
}

function satisfiesPodAntiAffinity(s: PreFilterState, ni: NodeInfo): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const t of s.requiredAntiAffinity) {
    if (!Object.prototype.hasOwnProperty.call(ni.labels, t.topologyKey)) continue;
    if ((s.antiAffinityCounts.get(pairKey(t.topologyKey, ni.labels[t.topologyKey])) ?? 0) > 0) return false;
  }
  return true;
}

function satisfiesPodAffinity(s: PreFilterState, ni: NodeInfo): boolean {
  let podsExist = true;
  for (const t of s.requiredAffinity) {
    // Every term's topology key must be on the node, even for the first pod of a self-affine group.
    if (!Object.prototype.hasOwnProperty.call(ni.labels, t.topologyKey)) return false;
    if ((s.affinityCounts.get(pairKey(t.topologyKey, ni.labels[t.topologyKey])) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // No matching pod anywhere and the pod matches its own terms: it may start the group.
  return s.affinityCounts.size === 0 && matchesAll(s.requiredAffinity, s.pod);
}

export function filter(state: CycleState, ni: NodeInfo): Status {
  const s = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
  if (!s) return errorStatus(`error reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`);
  if (!satisfiesPodAffinity(s, ni)) return unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
  if (!satisfiesPodAntiAffinity(s, ni)) return unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
  if (!satisfiesExistingPodsAntiAffinity(s, ni)) return unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
  return SUCCESS;
}
