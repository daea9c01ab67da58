// Kubernetes versions the engine knows and the feature gates of each, as the components define
// them (../shared/docs/spread-semantics.md §0.2 and §1.5; docs/versions.md). The default is the
// newest release.
//
// Gate histories are the versioned specs of pkg/features/kube_features.go (kube-apiserver and
// kube-controller-manager gates) and pkg/scheduler's versioned gate list (kube-scheduler gates),
// read at their v1.35 and v1.37-dev copies. A gate's value at a minor is the spec of the newest
// entry whose version is <= that minor; a gate whose first entry is newer does not exist yet (the
// component rejects it as unrecognized), a gate past its removal does not exist any more.

import type { FeatureGates, SchedulerEnv } from './framework';

export const OLDEST_MINOR = 30;
/** Newest release (v1.36.x). 1.37 is the development master. */
export const NEWEST_RELEASE_MINOR = 36;
export const NEWEST_MINOR = 37;

export type GateStage = 'Alpha' | 'Beta' | 'GA' | 'Deprecated';

export interface GateStep {
  /** First minor of this stage. */
  since: number;
  default: boolean;
  stage: GateStage;
  /** LockToDefault: the component refuses any other value. */
  locked?: boolean;
}

export interface GateSpec {
  name: string;
  /** Which component reads it; kube-spread applies it wherever it models that component. */
  component: 'kube-scheduler' | 'kube-apiserver' | 'kube-apiserver, kube-scheduler';
  kep: string;
  /** Stages in release order (the versioned spec). */
  history: GateStep[];
  /** First minor in which the gate no longer exists (the behaviour is then always `removedValue`). */
  removedIn?: number;
  removedValue?: boolean;
  /** What kube-spread does with it. */
  effect: string;
}

/**
 * Every gate the semantics doc names, plus the ones the engine reads (fit, affinity). The order is
 * the order of KNOWN_GATES and of the `featureGates` object in JSON output.
 */
export const GATE_SPECS: readonly GateSpec[] = [
  {
    name: 'MatchLabelKeysInPodTopologySpread',
    component: 'kube-apiserver, kube-scheduler',
    kep: 'KEP-3243',
    // alpha 1.25 (off), beta 1.27 (on), still beta in 1.37-dev.
    history: [{ since: 25, default: false, stage: 'Alpha' }, { since: 27, default: true, stage: 'Beta' }],
    effect: 'matchLabelKeys narrows the spread selector (scheduler); when off the API server drops the field on create',
  },
  {
    name: 'MatchLabelKeysInPodTopologySpreadSelectorMerge',
    component: 'kube-apiserver',
    kep: 'KEP-3243',
    // beta 1.34 (on): the API server merges matchLabelKeys into labelSelector when a Pod is created.
    history: [{ since: 34, default: true, stage: 'Beta' }],
    effect: 'Pods get `key In [value]` appended to labelSelector at create; the overlap rule for matchLabelKeys changes (§1.4)',
  },
  {
    name: 'NodeInclusionPolicyInPodTopologySpread',
    component: 'kube-apiserver, kube-scheduler',
    kep: 'KEP-3094',
    // alpha 1.25, beta 1.26 (on), GA 1.33 (locked on).
    history: [
      { since: 25, default: false, stage: 'Alpha' },
      { since: 26, default: true, stage: 'Beta' },
      { since: 33, default: true, stage: 'GA', locked: true },
    ],
    effect: 'nodeAffinityPolicy / nodeTaintsPolicy honoured; when off every constraint counts as Honor / Ignore and the API server drops the fields',
  },
  {
    name: 'MinDomainsInPodTopologySpread',
    component: 'kube-apiserver, kube-scheduler',
    kep: 'KEP-3022',
    // alpha 1.24, beta 1.25 (off), beta 1.27 (on), GA 1.30 (locked on), removed in 1.32.
    history: [
      { since: 24, default: false, stage: 'Alpha' },
      { since: 25, default: false, stage: 'Beta' },
      { since: 27, default: true, stage: 'Beta' },
      { since: 30, default: true, stage: 'GA', locked: true },
    ],
    removedIn: 32,
    removedValue: true,
    effect: 'minDomains honoured (always, in every version kube-spread supports)',
  },
  {
    name: 'TaintTolerationComparisonOperators',
    component: 'kube-apiserver, kube-scheduler',
    kep: 'KEP-5471',
    // alpha 1.35 (off).
    history: [{ since: 35, default: false, stage: 'Alpha' }],
    effect: 'tolerations with operator Lt / Gt can match a taint (else they never match)',
  },
  {
    name: 'MatchLabelKeysInPodAffinity',
    component: 'kube-apiserver, kube-scheduler',
    kep: 'KEP-3633',
    // alpha 1.29, beta 1.31 (on), GA 1.33 (locked on).
    history: [
      { since: 29, default: false, stage: 'Alpha' },
      { since: 31, default: true, stage: 'Beta' },
      { since: 33, default: true, stage: 'GA', locked: true },
    ],
    effect: 'matchLabelKeys / mismatchLabelKeys of pod (anti-)affinity terms are merged into their selectors',
  },
  {
    name: 'PodLevelResources',
    component: 'kube-apiserver, kube-scheduler',
    kep: 'KEP-2837',
    // alpha 1.32, beta 1.34 (on).
    history: [{ since: 32, default: false, stage: 'Alpha' }, { since: 34, default: true, stage: 'Beta' }],
    effect: 'spec.resources (pod-level) overrides the sum of container requests in NodeResourcesFit / BalancedAllocation',
  },
  {
    name: 'SidecarContainers',
    component: 'kube-apiserver, kube-scheduler',
    kep: 'KEP-753',
    // alpha 1.28, beta 1.29 (on), GA 1.33 (locked on; upstream plans removal in 1.36, not verified).
    history: [
      { since: 28, default: false, stage: 'Alpha' },
      { since: 29, default: true, stage: 'Beta' },
      { since: 33, default: true, stage: 'GA', locked: true },
    ],
    effect: 'restartable init containers (sidecars) are added to the pod request as long-running containers',
  },
  {
    name: 'OpportunisticBatching',
    component: 'kube-scheduler',
    kep: 'KEP-5598',
    // beta 1.35 (on), kubernetes/kubernetes#135231.
    history: [{ since: 35, default: true, stage: 'Beta' }],
    effect: 'none for spreading: pods with spread constraints (or under default constraints) are never batched (§1.5)',
  },
  {
    name: 'DynamicResourceAllocation',
    component: 'kube-apiserver, kube-scheduler',
    kep: 'KEP-4381',
    // alpha 1.26, beta 1.32 (off), GA 1.34 (on), locked 1.35.
    history: [
      { since: 26, default: false, stage: 'Alpha' },
      { since: 32, default: false, stage: 'Beta' },
      { since: 34, default: true, stage: 'GA' },
      { since: 35, default: true, stage: 'GA', locked: true },
    ],
    effect: 'adds the DynamicResources plugin to the default profile; it only acts on pods with resource claims (not modelled)',
  },
  {
    name: 'NodeDeclaredFeatures',
    component: 'kube-apiserver, kube-scheduler',
    kep: 'KEP-5328',
    // alpha 1.35, beta 1.36 (on), GA 1.37 (locked on).
    history: [
      { since: 35, default: false, stage: 'Alpha' },
      { since: 36, default: true, stage: 'Beta' },
      { since: 37, default: true, stage: 'GA', locked: true },
    ],
    effect: 'adds the NodeDeclaredFeatures filter; ordinary pods pass it (not modelled)',
  },
  {
    name: 'StorageCapacityScoring',
    component: 'kube-scheduler',
    kep: 'KEP-4049',
    // alpha 1.33, beta 1.37 (on).
    history: [{ since: 33, default: false, stage: 'Alpha' }, { since: 37, default: true, stage: 'Beta' }],
    effect: 'VolumeBinding scores pods with PVCs by storage capacity (not modelled); VolumeBindingArgs.shape is rejected while off',
  },
];

export const KNOWN_GATES = [
  'MatchLabelKeysInPodTopologySpread',
  'MatchLabelKeysInPodTopologySpreadSelectorMerge',
  'NodeInclusionPolicyInPodTopologySpread',
  'MinDomainsInPodTopologySpread',
  'TaintTolerationComparisonOperators',
  'MatchLabelKeysInPodAffinity',
  'PodLevelResources',
  'SidecarContainers',
  'OpportunisticBatching',
  'DynamicResourceAllocation',
  'NodeDeclaredFeatures',
  'StorageCapacityScoring',
] as const;

export function gateSpec(name: string): GateSpec | undefined {
  return GATE_SPECS.find((g) => g.name === name);
}

/** The gate's step at `minor`, or why it has none there. */
export function gateAt(spec: GateSpec, minor: number): { step: GateStep } | { absent: 'not-yet' | 'removed' } {
  if (spec.removedIn !== undefined && minor >= spec.removedIn) return { absent: 'removed' };
  let step: GateStep | undefined;
  for (const s of spec.history) if (s.since <= minor) step = s;
  return step ? { step } : { absent: 'not-yet' };
}

/**
 * The effective value of every known gate at `minor`. A gate that does not exist (yet, or any more)
 * reads as the behaviour of that release: off before it existed, `removedValue` after removal.
 */
export function defaultGates(minor: number): FeatureGates {
  const out: Record<string, boolean> = {};
  for (const spec of GATE_SPECS) {
    const at = gateAt(spec, minor);
    out[spec.name] = 'step' in at ? at.step.default : at.absent === 'removed' ? spec.removedValue ?? false : false;
  }
  return out as FeatureGates;
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

/** The supported range as users write it. */
export const SUPPORTED_RANGE = `1.${OLDEST_MINOR} to 1.${NEWEST_MINOR}`;

/** Why a version string cannot be modelled, or undefined when it can. */
export function versionProblem(s: string): string | undefined {
  const v = parseVersion(s);
  if (v === undefined) return `"${s}" is not a Kubernetes version (expected 1.MINOR, e.g. 1.${NEWEST_RELEASE_MINOR})`;
  if (v < OLDEST_MINOR || v > NEWEST_MINOR) return `"${s}" is not a supported version (${SUPPORTED_RANGE})`;
  return undefined;
}

export interface GateCheck {
  /** Overrides that the components accept. */
  gates: Record<string, boolean>;
  /** Overrides the components refuse (the component would not start), in the components' words. */
  errors: string[];
  /** Accepted, but the component logs a warning (GA / deprecated gates). */
  warnings: string[];
}

/**
 * featuregate Set / SetFromMap at `minor`: unknown and not-yet / no-longer existing gates are
 * "unrecognized", a locked gate refuses the other value; setting a GA or deprecated gate works
 * with a warning. Gates kube-spread does not model are unrecognized too (listed in the message).
 */
export function checkGateOverrides(minor: number, overrides: Record<string, boolean>): GateCheck {
  const out: GateCheck = { gates: {}, errors: [], warnings: [] };
  for (const [name, value] of Object.entries(overrides)) {
    const spec = gateSpec(name);
    if (!spec) {
      out.errors.push(`unrecognized feature gate: ${name} (kube-spread models ${KNOWN_GATES.join(', ')})`);
      continue;
    }
    const at = gateAt(spec, minor);
    if ('absent' in at) {
      out.errors.push(at.absent === 'removed'
        ? `unrecognized feature gate: ${name} (removed in 1.${spec.removedIn}; always ${spec.removedValue} since)`
        : `unrecognized feature gate: ${name} (introduced in 1.${spec.history[0].since}; Kubernetes 1.${minor} does not have it)`);
      continue;
    }
    if (at.step.locked && at.step.default !== value) {
      out.errors.push(`cannot set feature gate ${name} to ${value}, feature is locked to ${at.step.default}`);
      continue;
    }
    if (at.step.stage === 'GA' || at.step.stage === 'Deprecated') {
      out.warnings.push(`Setting ${at.step.stage === 'GA' ? 'GA' : 'deprecated'} feature gate ${name}=${value}. It will be removed in a future release.`);
    }
    out.gates[name] = value;
  }
  return out;
}

/** "A=true,B=false" as the components' --feature-gates flag reads it; throws on a malformed pair. */
export function parseGateList(spec: string): Record<string, boolean> {
  const gates: Record<string, boolean> = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9]+)=(.*)$/.exec(part);
    if (!m) throw new Error(`missing bool value for ${part}`);
    const v = m[2].trim();
    // strconv.ParseBool
    if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) gates[m[1]] = true;
    else if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) gates[m[1]] = false;
    else throw new Error(`invalid value of ${m[1]}=${m[2]}, err: strconv.ParseBool: parsing ${JSON.stringify(m[2])}: invalid syntax`);
  }
  return gates;
}

/** One row of docs/versions.md's table: each gate's default at each supported minor ("-" = absent). */
export function gateTable(): { gate: string; values: Record<string, string> }[] {
  const rows: { gate: string; values: Record<string, string> }[] = [];
  for (const spec of GATE_SPECS) {
    const values: Record<string, string> = {};
    for (let m = OLDEST_MINOR; m <= NEWEST_MINOR; m++) {
      const at = gateAt(spec, m);
      values[`1.${m}`] = 'step' in at ? `${at.step.default ? 'on' : 'off'}${at.step.locked ? ' (locked)' : ''}` : at.absent === 'removed' ? `removed (${spec.removedValue ? 'on' : 'off'})` : '-';
    }
    rows.push({ gate: spec.name, values });
  }
  return rows;
}
