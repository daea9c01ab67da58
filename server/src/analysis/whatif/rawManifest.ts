// Reading and editing the raw manifest object a what-if was given: the fields the parsed workload does
// not carry (spec.strategy), and the matchLabelKeys: [pod-template-hash] toggle the rollout
// comparison runs on.

import type { RolloutRun } from './types';

type RawObj = Record<string, unknown>;
const asObj = (v: unknown): RawObj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as RawObj) : {});

/** The pod template's topologySpreadConstraints, as written (live objects: editing them edits `raw`). */
function constraintsOf(raw: unknown): RawObj[] {
  const list = asObj(asObj(asObj(asObj(raw).spec).template).spec).topologySpreadConstraints;
  return Array.isArray(list) ? list.map(asObj) : [];
}

/** Whether every constraint with a labelSelector has pod-template-hash in matchLabelKeys. */
export function matchLabelKeysState(raw: unknown): RolloutRun['matchLabelKeys'] {
  const withSel = constraintsOf(raw).filter((c) => c.labelSelector);
  if (withSel.length === 0) return 'no-constraints';
  const has = withSel.filter((c) => Array.isArray(c.matchLabelKeys) && (c.matchLabelKeys as unknown[]).includes('pod-template-hash')).length;
  return has === withSel.length ? 'with' : has === 0 ? 'without' : 'partial';
}

/** The manifest with pod-template-hash added to (add) or removed from every constraint's matchLabelKeys. */
export function toggledMatchLabelKeys(raw: unknown, add: boolean): unknown {
  const copy = structuredClone(raw) as RawObj;
  for (const c of constraintsOf(copy)) {
    if (!c.labelSelector) continue;
    const keys = (Array.isArray(c.matchLabelKeys) ? (c.matchLabelKeys as unknown[]) : []).filter((k) => k !== 'pod-template-hash');
    if (add) keys.push('pod-template-hash');
    if (keys.length) c.matchLabelKeys = keys;
    else delete c.matchLabelKeys;
  }
  return copy;
}

/** spec.strategy as written (a Deployment's; undefined when absent). */
export function strategyOf(raw: unknown): unknown {
  return asObj(asObj(raw).spec).strategy;
}
