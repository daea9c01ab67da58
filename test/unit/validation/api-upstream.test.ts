// Port of upstream TestValidateTopologySpreadConstraints (pkg/apis/core/validation/validation_test.go),
// every case, names verbatim. Upstream calls validateTopologySpreadConstraints with the path `field`;
// here each case is a Pod, so `field` becomes `spec.topologySpreadConstraints`. Upstream's
// PodValidationOptions map onto kube-spread's inputs:
//   AllowMatchLabelKeysInPodTopologySpread[SelectorMerge] -> opts.gates
//   OldPodViolates*/AllowInvalidTopologySpreadConstraintLabelSelector -> opts.old (an old object that
//   violates the corresponding rule, which is how the API server derives those options).
// The Pods carry no labels, so the create-time merge adds nothing, as in the upstream unit test.
//
// Sources: the current table (matchers by type/field/origin) from a 2026 fork copy of
// kubernetes/kubernetes (AIAgentSandox/kubernetes@64149d1201ab96736d5aa902df411d40a3f6f714); the
// exact detail strings from kubernetes/kubernetes@000f26050b9be6fb3d79fae95e06b47fc96128cd, whose
// table compared whole field.Errors.

import { strict as assert } from 'node:assert';
import { validateWorkloadApi, type ApiValidationOptions } from '../../../server/src/validation/api';

const SOURCE = 'kubernetes/kubernetes pkg/apis/core/validation/validation_test.go TestValidateTopologySpreadConstraints';
const F = 'spec.topologySpreadConstraints';
const POSITIVE = 'must be greater than zero';
const ACTIONS = 'supported values: "DoNotSchedule", "ScheduleAnyway"';
const POLICIES = 'supported values: "Honor", "Ignore"';
const BOTH = 'exists in both matchLabelKeys and labelSelector';
const NO_SELECTOR = 'must not be specified when labelSelector is not set';
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

type C = Record<string, unknown>;
interface Want {
  type: string;
  field: string;
  detail: string;
  message?: string;
}
interface Case {
  name: string;
  constraints: C[];
  gates?: Record<string, boolean>;
  /** The old object violates the rule under test (update). */
  oldSameAsNew?: boolean;
  want: Want[];
}

const zone = (c: C = {}): C => ({ maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule', ...c });
const ON = { MatchLabelKeysInPodTopologySpread: true, MatchLabelKeysInPodTopologySpreadSelectorMerge: true };
const MERGE_OFF = { MatchLabelKeysInPodTopologySpread: true, MatchLabelKeysInPodTopologySpreadSelectorMerge: false };
const twoFooExprs = {
  matchExpressions: [
    { key: 'foo', operator: 'NotIn', values: ['value1'] },
    { key: 'foo', operator: 'NotIn', values: ['value2', 'value3'] },
  ],
};
const oneFooExpr = { matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['value1'] }] };

const cases: Case[] = [
  { name: 'all required fields ok', constraints: [zone({ minDomains: 3 })], want: [] },
  {
    name: 'missing MaxSkew',
    constraints: [{ topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule' }],
    want: [{ type: 'Invalid', field: `${F}[0].maxSkew`, detail: POSITIVE, message: `${F}[0].maxSkew: Invalid value: 0: must be greater than zero` }],
  },
  {
    name: 'negative MaxSkew',
    constraints: [zone({ maxSkew: -1 })],
    want: [{ type: 'Invalid', field: `${F}[0].maxSkew`, detail: POSITIVE, message: `${F}[0].maxSkew: Invalid value: -1: must be greater than zero` }],
  },
  { name: 'can use MinDomains with ScheduleAnyway, when MinDomains = nil', constraints: [zone({ whenUnsatisfiable: 'ScheduleAnyway', minDomains: null })], want: [] },
  {
    name: 'negative minDomains is invalid',
    constraints: [zone({ minDomains: -1 })],
    want: [{ type: 'Invalid', field: `${F}[0].minDomains`, detail: POSITIVE, message: `${F}[0].minDomains: Invalid value: -1: must be greater than zero` }],
  },
  {
    name: 'cannot use non-nil MinDomains with ScheduleAnyway',
    constraints: [zone({ whenUnsatisfiable: 'ScheduleAnyway', minDomains: 10 })],
    want: [{
      type: 'Invalid', field: `${F}[0].minDomains`, detail: 'can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway',
      message: `${F}[0].minDomains: Invalid value: 10: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway`,
    }],
  },
  {
    name: 'use negative MinDomains with ScheduleAnyway(invalid)',
    constraints: [zone({ whenUnsatisfiable: 'ScheduleAnyway', minDomains: -1 })],
    want: [
      { type: 'Invalid', field: `${F}[0].minDomains`, detail: POSITIVE },
      { type: 'Invalid', field: `${F}[0].minDomains`, detail: 'can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway' },
    ],
  },
  {
    name: 'missing TopologyKey',
    constraints: [{ maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }],
    want: [{ type: 'Required', field: `${F}[0].topologyKey`, detail: 'can not be empty', message: `${F}[0].topologyKey: Required value: can not be empty` }],
  },
  {
    name: 'missing scheduling mode',
    constraints: [{ maxSkew: 1, topologyKey: 'k8s.io/zone' }],
    want: [{ type: 'NotSupported', field: `${F}[0].whenUnsatisfiable`, detail: ACTIONS, message: `${F}[0].whenUnsatisfiable: Unsupported value: "": ${ACTIONS}` }],
  },
  {
    name: 'unsupported scheduling mode',
    constraints: [zone({ whenUnsatisfiable: 'N/A' })],
    want: [{ type: 'NotSupported', field: `${F}[0].whenUnsatisfiable`, detail: ACTIONS, message: `${F}[0].whenUnsatisfiable: Unsupported value: "N/A": ${ACTIONS}` }],
  },
  {
    name: 'multiple constraints ok with all required fields',
    constraints: [zone(), { maxSkew: 2, topologyKey: 'k8s.io/node', whenUnsatisfiable: 'ScheduleAnyway' }],
    want: [],
  },
  {
    name: 'multiple constraints missing TopologyKey on partial ones',
    constraints: [{ maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' }, zone({ maxSkew: 2 })],
    want: [{ type: 'Required', field: `${F}[0].topologyKey`, detail: 'can not be empty' }],
  },
  {
    name: 'duplicate constraints',
    constraints: [zone(), zone({ maxSkew: 2 })],
    want: [{
      type: 'Duplicate', field: `${F}[0].{topologyKey, whenUnsatisfiable}`, detail: '',
      message: `${F}[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{k8s.io/zone, DoNotSchedule}"`,
    }],
  },
  { name: 'supported policy name set on NodeAffinityPolicy and NodeTaintsPolicy', constraints: [zone({ nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore' })], want: [] },
  {
    name: 'unsupported policy name set on NodeAffinityPolicy',
    constraints: [zone({ nodeAffinityPolicy: 'Unknown', nodeTaintsPolicy: 'Ignore' })],
    want: [{ type: 'NotSupported', field: `${F}[0].nodeAffinityPolicy`, detail: POLICIES, message: `${F}[0].nodeAffinityPolicy: Unsupported value: "Unknown": ${POLICIES}` }],
  },
  {
    name: 'unsupported policy name set on NodeTaintsPolicy',
    constraints: [zone({ nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Unknown' })],
    want: [{ type: 'NotSupported', field: `${F}[0].nodeTaintsPolicy`, detail: POLICIES }],
  },
  {
    name: "key in MatchLabelKeys isn't correctly defined",
    constraints: [zone({ labelSelector: {}, matchLabelKeys: ['/simple'] })],
    gates: ON,
    want: [{ type: 'Invalid', field: `${F}[0].matchLabelKeys[0]`, detail: 'prefix part must be non-empty', message: `${F}[0].matchLabelKeys[0]: Invalid value: "/simple": prefix part must be non-empty` }],
  },
  {
    name: "key in MatchLabelKeys isn't correctly defined when AllowMatchLabelKeysInPodTopologySpreadSelectorMerge is false",
    constraints: [zone({ labelSelector: {}, matchLabelKeys: ['/simple'] })],
    gates: MERGE_OFF,
    want: [{ type: 'Invalid', field: `${F}[0].matchLabelKeys[0]`, detail: 'prefix part must be non-empty' }],
  },
  {
    name: 'key exists in both MatchLabelKeys and LabelSelector',
    constraints: [zone({ matchLabelKeys: ['foo'], labelSelector: twoFooExprs })],
    gates: ON,
    // Upstream's own TODO (#129900): the path lacks `.matchLabelKeys`. Kept verbatim.
    want: [{ type: 'Invalid', field: `${F}[0][0]`, detail: BOTH, message: `${F}[0][0]: Invalid value: "foo": ${BOTH}` }],
  },
  {
    name: 'key exists in both MatchLabelKeys and LabelSelector when AllowMatchLabelKeysInPodTopologySpreadSelectorMerge is false',
    constraints: [zone({ matchLabelKeys: ['foo'], labelSelector: { matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['value1', 'value2'] }] } })],
    gates: MERGE_OFF,
    want: [{ type: 'Invalid', field: `${F}[0].matchLabelKeys[0]`, detail: BOTH, message: `${F}[0].matchLabelKeys[0]: Invalid value: "foo": ${BOTH}` }],
  },
  {
    name: 'key in MatchLabelKeys is forbidden to be specified when LabelSelector is not set',
    constraints: [zone({ matchLabelKeys: ['foo'] })],
    gates: ON,
    want: [{ type: 'Forbidden', field: `${F}[0].matchLabelKeys`, detail: NO_SELECTOR, message: `${F}[0].matchLabelKeys: Forbidden: ${NO_SELECTOR}` }],
  },
  {
    name: 'key in MatchLabelKeys is forbidden to be specified when LabelSelector is not set and AllowMatchLabelKeysInPodTopologySpreadSelectorMerge is false',
    constraints: [zone({ matchLabelKeys: ['foo'] })],
    gates: MERGE_OFF,
    want: [{ type: 'Forbidden', field: `${F}[0].matchLabelKeys`, detail: NO_SELECTOR }],
  },
  {
    name: 'invalid MatchLabels set on LabelSelector when AllowInvalidTopologySpreadConstraintLabelSelector is false',
    constraints: [zone({ minDomains: null, labelSelector: { matchLabels: { 'NoUppercaseOrSpecialCharsLike=Equals': 'foo' } } })],
    gates: ON,
    want: [{
      type: 'Invalid', field: `${F}[0].labelSelector.matchLabels`, detail: NAME_PART,
      message: `${F}[0].labelSelector.matchLabels: Invalid value: "NoUppercaseOrSpecialCharsLike=Equals": ${NAME_PART}`,
    }],
  },
  {
    name: 'invalid MatchLabels set on LabelSelector when AllowInvalidTopologySpreadConstraintLabelSelector is true',
    constraints: [zone({ minDomains: null, labelSelector: { matchLabels: { 'NoUppercaseOrSpecialCharsLike=Equals': 'foo' } } })],
    gates: ON,
    oldSameAsNew: true,
    want: [],
  },
  {
    name: 'valid MatchLabels set on LabelSelector when AllowInvalidTopologySpreadConstraintLabelSelector is false',
    constraints: [zone({ minDomains: null, labelSelector: { matchLabels: { foo: 'foo' } } })],
    gates: ON,
    want: [],
  },
  {
    name: 'invalid MatchLabelKeys when OldPodViolatesMatchLabelKeysValidation is false',
    constraints: [zone({ matchLabelKeys: ['foo'], labelSelector: twoFooExprs })],
    gates: ON,
    want: [{ type: 'Invalid', field: `${F}[0][0]`, detail: BOTH }],
  },
  {
    name: 'invalid MatchLabelKeys when OldPodViolatesMatchLabelKeysValidation is true',
    constraints: [zone({ matchLabelKeys: ['foo'], labelSelector: twoFooExprs })],
    gates: ON,
    oldSameAsNew: true,
    want: [{ type: 'Invalid', field: `${F}[0].matchLabelKeys[0]`, detail: BOTH }],
  },
  {
    name: 'valid MatchLabelKeys when OldPodViolatesMatchLabelKeysValidation is false',
    constraints: [zone({ matchLabelKeys: ['foo'], labelSelector: oneFooExpr })],
    gates: ON,
    want: [],
  },
  {
    name: 'invalid MatchLabelKeys when AllowMatchLabelKeysInPodTopologySpreadSelectorMerge is false and OldPodViolatesLegacyMatchLabelKeysValidation is false',
    constraints: [zone({ matchLabelKeys: ['foo'], labelSelector: oneFooExpr })],
    gates: MERGE_OFF,
    want: [{ type: 'Invalid', field: `${F}[0].matchLabelKeys[0]`, detail: BOTH }],
  },
  {
    name: 'invalid MatchLabelKeys when AllowMatchLabelKeysInPodTopologySpreadSelectorMerge is false and OldPodViolatesLegacyMatchLabelKeysValidation is true',
    constraints: [zone({ matchLabelKeys: ['foo'], labelSelector: oneFooExpr })],
    gates: MERGE_OFF,
    oldSameAsNew: true,
    want: [],
  },
  {
    name: 'valid MatchLabelKeys when AllowMatchLabelKeysInPodTopologySpreadSelectorMerge is false and OldPodViolatesLegacyMatchLabelKeysValidation is false',
    constraints: [zone({ matchLabelKeys: ['foo'], labelSelector: { matchExpressions: [] } })],
    gates: MERGE_OFF,
    want: [],
  },
  {
    name: 'invalid MatchLabelKeys when AllowMatchLabelKeysInPodTopologySpread is false and AllowMatchLabelKeysInPodTopologySpreadSelectorMerge is true',
    constraints: [zone({ matchLabelKeys: ['foo'], labelSelector: twoFooExprs })],
    gates: { MatchLabelKeysInPodTopologySpread: false, MatchLabelKeysInPodTopologySpreadSelectorMerge: true },
    // With the gate off the API server would drop matchLabelKeys unless the old object used it: the
    // upstream case validates the field, so it is an update of an object that already had it.
    oldSameAsNew: true,
    want: [{ type: 'Invalid', field: `${F}[0].matchLabelKeys[0]`, detail: BOTH }],
  },
];

const pod = (constraints: C[]) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { topologySpreadConstraints: constraints } });

describe(`api validation: upstream ${SOURCE}`, () => {
  it('ports every upstream case (32)', () => assert.equal(cases.length, 32));
  for (const tc of cases) {
    it(tc.name, () => {
      const opts: ApiValidationOptions = { minor: 36, gates: tc.gates ?? {} };
      if (tc.oldSameAsNew) opts.old = pod(tc.constraints);
      const got = validateWorkloadApi(pod(tc.constraints), opts);
      assert.deepEqual(
        got.map((g) => ({ type: g.type, field: g.fieldPath, detail: g.detail })),
        tc.want.map((w) => ({ type: w.type, field: w.field, detail: w.detail })),
      );
      tc.want.forEach((w, i) => {
        if (w.message) assert.equal(got[i].message, w.message);
      });
    });
  }
});
