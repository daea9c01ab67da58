// Compiled inter-pod (anti-)affinity terms, as the scheduler's PodInfo holds them
// (pkg/scheduler/framework/types.go: newAffinityTerm, GetAffinityTerms, PodInfo.Update) plus the
// API server's create-time matchLabelKeys/mismatchLabelKeys merge (pkg/registry/core/pod/strategy.go),
// which the scheduler never does itself: it only ever sees already-mutated pods.

import type { LabelSelector, Labels, Namespace, PodAffinityTerm, WeightedPodAffinityTerm } from '../../api';
import type { Cluster, PodInfo } from '../../cluster';
import type { SchedulerEnv } from '../../framework';
import { labelSelectorAsSelector, Selector } from '../../selectors';

export interface AffinityTerm {
  /** Namespaces named by the term; the owning pod's own namespace when neither field is set. */
  readonly namespaces: ReadonlySet<string>;
  readonly selector: Selector;
  readonly topologyKey: string;
  /** nil namespaceSelector -> Nothing, `{}` -> Everything (matches every namespace). */
  readonly namespaceSelector: Selector;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  readonly weight: number;
}

export interface CompiledTerms {
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: WeightedAffinityTerm[];
  preferredAntiAffinity: WeightedAffinityTerm[];
  /** One message per list that failed to parse, prefixed like upstream ("requiredAffinityTerms: ..."). */
  errors: string[];
}

/** MatchLabelKeysInPodAffinity: alpha 1.29 (off), beta-on 1.31, GA 1.33. Gate overrides win. */
export function matchLabelKeysEnabled(env: SchedulerEnv): boolean {
  const g = env.gates['MatchLabelKeysInPodAffinity'];
  return typeof g === 'boolean' ? g : env.minor >= 31;
}

/**
 * The API server appends `key In [value]` (matchLabelKeys) / `key NotIn [value]` (mismatchLabelKeys)
 * for every listed key the pod carries; a nil labelSelector is left alone (it matches nothing anyway).
 * Re-applying it to an already-mutated pod only repeats identical requirements, so it is safe for
 * pods dumped from a live cluster as well as for hand-written manifests.
 */
function effectiveSelector(term: PodAffinityTerm, labels: Labels, mergeKeys: boolean): LabelSelector | null | undefined {
  const sel = term.labelSelector;
  const match = term.matchLabelKeys ?? [];
  const mismatch = term.mismatchLabelKeys ?? [];
  if (!mergeKeys || !sel || (match.length === 0 && mismatch.length === 0)) return sel;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  const extra = [
    ...match.filter(has).map((key) => ({ key, operator: 'In', values: [labels[key]] })),
    ...mismatch.filter(has).map((key) => ({ key, operator: 'NotIn', values: [labels[key]] })),
  ];
  return { ...sel, matchExpressions: [...(sel.matchExpressions ?? []), ...extra] };
}

function compileTerm(pi: PodInfo, term: PodAffinityTerm, mergeKeys: boolean): AffinityTerm {
  const selector = labelSelectorAsSelector(effectiveSelector(term, pi.labels, mergeKeys));
  const listed = term.namespaces ?? [];
  // An empty `namespaces` with a nil namespaceSelector means "my own namespace"; a non-nil selector
  // (even `{}`) switches that default off.
  const namespaces = new Set(listed.length === 0 && (term.namespaceSelector === null || term.namespaceSelector === undefined) ? [pi.namespace] : listed);
  const namespaceSelector = labelSelectorAsSelector(term.namespaceSelector);
  return { namespaces, selector, topologyKey: term.topologyKey ?? '', namespaceSelector };
}

/** A list compiles as a whole: one bad term drops the list (GetAffinityTerms returns nil, err). */
function compileList<T>(items: T[], fn: (t: T) => AffinityTerm | WeightedAffinityTerm, label: string, errors: string[]) {
  try {
    return items.map(fn);
  } catch (e) {
    errors.push(`${label}: ${(e as Error).message}`);
    return [];
  }
}

const cache = new WeakMap<PodInfo, { merge: boolean; terms: CompiledTerms }>();

/** Compiles a pod's four term lists once per PodInfo (PodInfos are immutable snapshots). */
export function podTerms(pi: PodInfo, env: SchedulerEnv): CompiledTerms {
  const merge = matchLabelKeysEnabled(env);
  const hit = cache.get(pi);
  if (hit && hit.merge === merge) return hit.terms;
  const aff = pi.pod.spec?.affinity;
  const errors: string[] = [];
  const req = (t: PodAffinityTerm) => compileTerm(pi, t, merge);
  const pref = (w: WeightedPodAffinityTerm): WeightedAffinityTerm => ({
    ...compileTerm(pi, w.podAffinityTerm ?? { topologyKey: '' }, merge),
    weight: w.weight ?? 0,
  });
  const terms: CompiledTerms = {
    requiredAffinity: compileList(aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [], req, 'requiredAffinityTerms', errors),
    requiredAntiAffinity: compileList(aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [], req, 'requiredAntiAffinityTerms', errors),
    preferredAffinity: compileList(aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [], pref, 'preferredAffinityTerms', errors) as WeightedAffinityTerm[],
    preferredAntiAffinity: compileList(aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [], pref, 'preferredAntiAffinityTerms', errors) as WeightedAffinityTerm[],
    errors,
  };
  cache.set(pi, { merge, terms });
  return terms;
}

/** utilerrors.NewAggregate(...).Error(): one error prints bare, several print as "[a, b]". */
export function aggregateMessage(errors: string[]): string {
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}

/** AffinityTerm.Matches: namespace (listed, or selected by namespace labels) and then the label selector. */
export function termMatches(t: AffinityTerm, pod: PodInfo, nsLabels: Labels | undefined): boolean {
  if (!t.namespaces.has(pod.namespace) && !t.namespaceSelector.matches(nsLabels ?? {})) return false;
  return t.selector.matches(pod.labels);
}

/** podMatchesAllAffinityTerms: false for an empty list. */
export function matchesAll(terms: readonly AffinityTerm[], pod: PodInfo): boolean {
  if (terms.length === 0) return false;
  // The incoming pod's namespaceSelector has been unrolled into `namespaces`, so no labels needed.
  return terms.every((t) => termMatches(t, pod, undefined));
}

/**
 * mergeAffinityTermNamespacesIfNotEmpty, for the incoming pod's own terms: a non-empty
 * namespaceSelector is replaced by the names of the namespaces it selects (then Nothing). An empty
 * one (`{}`) stays Everything. Returns a new term; the cached one is shared and must not change.
 */
export function unrollNamespaceSelector<T extends AffinityTerm>(t: T, namespaces: readonly Namespace[]): T {
  if (t.namespaceSelector.isEmpty) return t;
  const names = new Set(t.namespaces);
  for (const ns of namespaces) if (t.namespaceSelector.matches(ns.metadata?.labels ?? {})) names.add(ns.metadata?.name ?? '');
  return { ...t, namespaces: names, namespaceSelector: Selector.NOTHING };
}

/** GetNamespaceLabelsSnapshot: the labels of the pod's namespace, empty when the object is unknown. */
export function namespaceLabels(cluster: Cluster, ns: string): Labels {
  const found = cluster.namespaces.find((n) => n.metadata?.name === ns);
  return { ...(found?.metadata?.labels ?? {}) };
}

export type TopologyKeyValue = string;
/** Map key of a topology pair; NUL cannot occur in label keys or values. */
export const pairKey = (key: string, value: string): TopologyKeyValue => `${key}\u0000${value}`;
