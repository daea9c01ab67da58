// validateTopologySpreadConstraints (pkg/apis/core/validation), rule by rule and in the API
// server's order, for one pod spec. Field paths are the caller's prefix + topologySpreadConstraints.

import { goInt, goNamed, goString, makeIssue, supportedValues, type ApiIssue, type DocPath } from '../engine';
import { get, isObj, readOptInt32, readOptString, readInt32, readSelector, readString, readStringList, type Obj, type Selector } from './api-input';
import { labelNameIssues, selectorIssues } from './api-selector';

const SCHEDULE_ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'] as const; // sets.List order (sorted)
const NODE_POLICIES = ['Honor', 'Ignore'] as const;
const POSITIVE = 'must be greater than zero';
const BOTH = 'exists in both matchLabelKeys and labelSelector';

/** One constraint as decoded. `undefined` = wrong type (skip the rules that read it). */
export interface Constraint {
  maxSkew: number | undefined;
  topologyKey: string | undefined;
  when: string | undefined;
  minDomains: number | null | undefined;
  nodeAffinityPolicy: string | null | undefined;
  nodeTaintsPolicy: string | null | undefined;
  matchLabelKeys: (string | undefined)[] | null | undefined;
  selector: Selector | null | undefined;
}

export function readConstraint(o: Obj): Constraint {
  return {
    maxSkew: readInt32(o.maxSkew),
    topologyKey: readString(o.topologyKey),
    when: readString(o.whenUnsatisfiable),
    minDomains: readOptInt32(o.minDomains),
    nodeAffinityPolicy: readOptString(o.nodeAffinityPolicy),
    nodeTaintsPolicy: readOptString(o.nodeTaintsPolicy),
    matchLabelKeys: readStringList(o.matchLabelKeys),
    selector: readSelector(o.labelSelector),
  };
}

/** The PodValidationOptions and create-time mutation that decide the matchLabelKeys rules. */
export interface TscOptions {
  /** MatchLabelKeysInPodTopologySpread (AllowMatchLabelKeysInPodTopologySpread). */
  matchLabelKeysGate: boolean;
  /** MatchLabelKeysInPodTopologySpreadSelectorMerge (AllowMatchLabelKeysInPodTopologySpreadSelectorMerge). */
  mergeGate: boolean;
  oldViolatesPreferred: boolean;
  oldViolatesLegacy: boolean;
  /** AllowInvalidTopologySpreadConstraintLabelSelector (update of a pod whose old selector was invalid). */
  allowInvalidSelector: boolean;
  /** Pod labels merged into the selectors before validation (PrepareForCreate of a Pod); null = no merge. */
  mergeLabels: Record<string, string> | null;
}

/** ValidateMatchLabelKeysInTopologySpread: the rule before the 1.34 merge. */
function legacyMatchLabelKeys(keys: (string | undefined)[], sel: Selector | null, p: DocPath): ApiIssue[] {
  const out: ApiIssue[] = [];
  const selKeys = new Set<string>();
  if (sel) {
    for (const k of Object.keys(sel.matchLabels ?? {})) selKeys.add(k);
    for (const e of sel.expressions ?? []) if (e) selKeys.add(e.key);
  } else {
    out.push(makeIssue({ code: 'api/matchLabelKeys-without-selector', type: 'Forbidden', api: p, detail: 'must not be specified when labelSelector is not set' }));
  }
  keys.forEach((k, j) => {
    if (k === undefined) return;
    out.push(...labelNameIssues('api/matchLabelKeys-invalid', k, [...p, j]));
    if (selKeys.has(k)) out.push(makeIssue({ code: 'api/matchLabelKeys-overlap', type: 'Invalid', api: [...p, j], value: goString(k), detail: BOTH }));
  });
  return out;
}

/**
 * ValidateMatchLabelKeysAndMismatchLabelKeys's overlap check: a matchExpressions key that is in
 * matchLabelKeys and was already seen (in matchLabels or an earlier expression). It assumes the merge
 * has happened, so on an unmerged selector it only catches a key repeated inside the selector.
 * Returns the matchLabelKeys index Go reports (the key's last index) for every hit.
 */
export function preferredOverlaps(keys: (string | undefined)[], sel: Selector): { index: number; key: string }[] {
  const last = new Map<string, number>();
  keys.forEach((k, j) => {
    if (k !== undefined) last.set(k, j);
  });
  const seen = new Set(Object.keys(sel.matchLabels ?? {}));
  const hits: { index: number; key: string }[] = [];
  for (const e of sel.expressions ?? []) {
    if (!e) continue;
    const j = last.get(e.key);
    if (j !== undefined && seen.has(e.key)) hits.push({ index: j, key: e.key });
    seen.add(e.key);
  }
  return hits;
}

/** ValidateMatchLabelKeysAndMismatchLabelKeys(constraintPath, keys, nil, selector). */
function preferredMatchLabelKeys(keys: (string | undefined)[], sel: Selector | null, cPath: DocPath): ApiIssue[] {
  const p = [...cPath, 'matchLabelKeys'];
  if (keys.length === 0) return [];
  if (!sel) return [makeIssue({ code: 'api/matchLabelKeys-without-selector', type: 'Forbidden', api: p, detail: 'must not be specified when labelSelector is not set' })];
  const out: ApiIssue[] = [];
  keys.forEach((k, j) => {
    if (k !== undefined) out.push(...labelNameIssues('api/matchLabelKeys-invalid', k, [...p, j]));
  });
  // Upstream reports these at fldPath.Index(i) on the *constraint* path, i.e. `…[c][j]`: kept verbatim.
  for (const h of preferredOverlaps(keys, sel)) {
    out.push(makeIssue({ code: 'api/matchLabelKeys-overlap', type: 'Invalid', api: [...cPath, h.index], doc: [...p, h.index], value: goString(h.key), detail: BOTH }));
  }
  return out;
}

/** applyMatchLabelKeys (pkg/registry/core/pod/strategy.go): `key In [value]` for each key the pod carries. */
export function mergeSelector(keys: (string | undefined)[], sel: Selector | null, labels: Record<string, string>): Selector | null {
  if (!sel || keys.length === 0) return sel;
  const extra = keys
    .filter((k): k is string => k !== undefined && Object.prototype.hasOwnProperty.call(labels, k))
    .map((k) => ({ key: k, operator: 'In', values: [labels[k]] }));
  return { ...sel, expressions: [...(sel.expressions ?? []), ...extra] };
}

function usePreferred(o: TscOptions): boolean {
  if (!o.matchLabelKeysGate) return false;
  return o.mergeGate ? !o.oldViolatesPreferred : o.oldViolatesLegacy;
}

function matchLabelKeysIssues(c: Constraint, cPath: DocPath, o: TscOptions): ApiIssue[] {
  const keys = c.matchLabelKeys;
  if (!keys || keys.length === 0) return [];
  if (c.selector === undefined) {
    // Selector of the wrong type: only the key syntax can still be judged.
    return keys.flatMap((k, j) => (k === undefined ? [] : labelNameIssues('api/matchLabelKeys-invalid', k, [...cPath, 'matchLabelKeys', j])));
  }
  if (!usePreferred(o)) return legacyMatchLabelKeys(keys, c.selector, [...cPath, 'matchLabelKeys']);
  const merged = o.mergeLabels && o.mergeGate ? mergeSelector(keys, c.selector, o.mergeLabels) : c.selector;
  return preferredMatchLabelKeys(keys, merged, cPath);
}

function constraintIssues(c: Constraint, rest: Constraint[], cPath: DocPath, o: TscOptions): ApiIssue[] {
  const out: ApiIssue[] = [];
  if (c.maxSkew !== undefined && c.maxSkew <= 0) {
    out.push(makeIssue({ code: 'api/maxSkew-positive', type: 'Invalid', api: [...cPath, 'maxSkew'], value: goInt(c.maxSkew), detail: POSITIVE }));
  }
  if (c.topologyKey === '') out.push(makeIssue({ code: 'api/topologyKey-required', type: 'Required', api: [...cPath, 'topologyKey'], detail: 'can not be empty' }));
  if (c.when !== undefined && !(SCHEDULE_ACTIONS as readonly string[]).includes(c.when)) {
    out.push(makeIssue({ code: 'api/whenUnsatisfiable-supported', type: 'NotSupported', api: [...cPath, 'whenUnsatisfiable'], value: goNamed(c.when), detail: supportedValues(SCHEDULE_ACTIONS) }));
  }
  if (c.topologyKey !== undefined && c.when !== undefined && rest.some((r) => r.topologyKey === c.topologyKey && r.when === c.when)) {
    out.push(makeIssue({ code: 'api/constraint-duplicate', type: 'Duplicate', api: [...cPath, '{topologyKey, whenUnsatisfiable}'], doc: cPath, value: goString(`{${c.topologyKey}, ${c.when}}`) }));
  }
  if (typeof c.minDomains === 'number') {
    const p = [...cPath, 'minDomains'];
    if (c.minDomains <= 0) out.push(makeIssue({ code: 'api/minDomains-positive', type: 'Invalid', api: p, value: goInt(c.minDomains), detail: POSITIVE }));
    if (c.when !== undefined && c.when !== 'DoNotSchedule') {
      out.push(makeIssue({ code: 'api/minDomains-scheduleAnyway', type: 'Invalid', api: p, value: goInt(c.minDomains), detail: `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.when}` }));
    }
  }
  for (const [field, v] of [['nodeAffinityPolicy', c.nodeAffinityPolicy], ['nodeTaintsPolicy', c.nodeTaintsPolicy]] as const) {
    if (typeof v === 'string' && !(NODE_POLICIES as readonly string[]).includes(v)) {
      out.push(makeIssue({ code: `api/${field}-supported`, type: 'NotSupported', api: [...cPath, field], value: goNamed(v), detail: supportedValues(NODE_POLICIES) }));
    }
  }
  out.push(...matchLabelKeysIssues(c, cPath, o));
  if (!o.allowInvalidSelector && c.selector) out.push(...selectorIssues(c.selector, [...cPath, 'labelSelector']));
  return out;
}

/** Decoded constraints with their list index; entries that are not objects are skipped but keep their index. */
export function readConstraints(spec: unknown): { index: number; c: Constraint }[] {
  const list = get(spec, 'topologySpreadConstraints');
  if (!Array.isArray(list)) return [];
  const out: { index: number; c: Constraint }[] = [];
  list.forEach((item, index) => {
    if (isObj(item)) out.push({ index, c: readConstraint(item) });
  });
  return out;
}

/** All TSC issues of one pod spec at `specPath` (e.g. ['spec'] or ['spec','template','spec']). */
export function tscIssues(constraints: { index: number; c: Constraint }[], specPath: DocPath, o: TscOptions): ApiIssue[] {
  const out: ApiIssue[] = [];
  constraints.forEach(({ index, c }, n) => {
    const rest = constraints.slice(n + 1).map((x) => x.c);
    out.push(...constraintIssues(c, rest, [...specPath, 'topologySpreadConstraints', index], o));
  });
  return out;
}

/** The same checks the API server runs on an *old* object to ratchet validation on update (pkg/api/pod/util.go). */
export function oldViolations(constraints: { index: number; c: Constraint }[]): { preferred: boolean; legacy: boolean; selector: boolean } {
  const r = { preferred: false, legacy: false, selector: false };
  for (const { c } of constraints) {
    const keys = c.matchLabelKeys ?? [];
    if (c.selector === undefined) continue;
    if (preferredMatchLabelKeys(keys, c.selector, []).length > 0) r.preferred = true;
    if (legacyMatchLabelKeys(keys, c.selector, []).length > 0 && keys.length > 0) r.legacy = true;
    if (selectorIssues(c.selector, []).length > 0) r.selector = true;
  }
  return r;
}
