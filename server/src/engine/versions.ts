// Kubernetes versions the engine knows and the feature-gate defaults of each
// (../shared/docs/spread-semantics.md §0.2 and §1.5). The default is the newest release.

import type { FeatureGates, SchedulerEnv } from './framework';

export const OLDEST_MINOR = 30;
/** Newest release (v1.36.x). 1.37 is the development master. */
export const NEWEST_RELEASE_MINOR = 36;
export const NEWEST_MINOR = 37;

export const KNOWN_GATES = [
  'MatchLabelKeysInPodTopologySpread',
  'MatchLabelKeysInPodTopologySpreadSelectorMerge',
  'NodeInclusionPolicyInPodTopologySpread',
  'MinDomainsInPodTopologySpread',
  'TaintTolerationComparisonOperators',
  'MatchLabelKeysInPodAffinity',
] as const;

export function defaultGates(minor: number): FeatureGates {
  return {
    // alpha 1.25, beta-on 1.27 (still beta in master)
    MatchLabelKeysInPodTopologySpread: minor >= 27,
    // beta-on 1.34 (kube-apiserver create-time merge)
    MatchLabelKeysInPodTopologySpreadSelectorMerge: minor >= 34,
    // beta-on 1.26, GA 1.33
    NodeInclusionPolicyInPodTopologySpread: minor >= 26,
    // beta-on 1.27 (GA 1.30, removed 1.32: always on)
    MinDomainsInPodTopologySpread: minor >= 27,
    // alpha 1.35, off by default
    TaintTolerationComparisonOperators: false,
    // alpha 1.29, beta-on 1.31, GA 1.33 (API server merges keys into pod (anti-)affinity selectors)
    MatchLabelKeysInPodAffinity: minor >= 31,
  };
}

export function defaultEnv(minor: number = NEWEST_RELEASE_MINOR, gates: Partial<FeatureGates> = {}): SchedulerEnv {
  const g = { ...defaultGates(minor) };
  for (const [k, v] of Object.entries(gates)) if (typeof v === 'boolean') g[k] = v;
  return { minor, gates: g };
}

/** Parses "1.35" / "v1.35" / "1.35.2" to a minor number, or undefined. */
export function parseVersion(s: string): number | undefined {
  const m = /^v?1\.(\d+)(?:\.\d+)?$/.exec(s.trim());
  return m ? Number(m[1]) : undefined;
}
