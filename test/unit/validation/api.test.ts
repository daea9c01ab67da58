// validateWorkloadApi beyond the upstream TSC table: path prefixes per kind, the apps/v1 selector
// rules, both matchLabelKeys gate states (and the 1.34+ Pod-create merge), label syntax, dropped
// fields, and garbage input never throwing.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { apiIssueToFinding, validateWorkloadApi, type ApiIssue, type ApiValidationOptions } from '../../../server/src/validation/api';

const V36: ApiValidationOptions = { minor: 36, gates: {} };
const bad = { maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' };
const okTsc = (extra: Record<string, unknown> = {}) => ({ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...extra });

function withTemplate(kind: string, tsc: unknown[], labels: Record<string, string> = { app: 'web' }, selector: unknown = { matchLabels: { app: 'web' } }) {
  const template = { metadata: { labels }, spec: { topologySpreadConstraints: tsc } };
  if (kind === 'CronJob') return { kind, spec: { jobTemplate: { spec: { template } } } };
  if (kind === 'Job') return { kind, spec: { template } };
  if (kind === 'ReplicationController') return { kind, spec: { selector: { app: 'web' }, template } };
  return { kind, spec: { selector, template } };
}

const codes = (is: ApiIssue[]) => is.map((i) => i.code);
const one = (is: ApiIssue[], code: string) => {
  const found = is.filter((i) => i.code === code);
  assert.equal(found.length, 1, `expected one ${code} in ${JSON.stringify(codes(is))}`);
  return found[0];
};

describe('api validation: path prefix per kind', () => {
  const prefixes: [string, string, (string | number)[]][] = [
    ['Deployment', 'spec.template.spec', ['spec', 'template', 'spec']],
    ['ReplicaSet', 'spec.template.spec', ['spec', 'template', 'spec']],
    ['StatefulSet', 'spec.template.spec', ['spec', 'template', 'spec']],
    ['DaemonSet', 'spec.template.spec', ['spec', 'template', 'spec']],
    ['ReplicationController', 'spec.template.spec', ['spec', 'template', 'spec']],
    ['Job', 'spec.template.spec', ['spec', 'template', 'spec']],
    ['CronJob', 'spec.jobTemplate.spec.template.spec', ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
  ];
  for (const [kind, prefix, path] of prefixes) {
    it(`${kind}: ${prefix}.topologySpreadConstraints[0].maxSkew`, () => {
      const i = one(validateWorkloadApi(withTemplate(kind, [bad]), V36), 'api/maxSkew-positive');
      assert.equal(i.fieldPath, `${prefix}.topologySpreadConstraints[0].maxSkew`);
      assert.deepEqual(i.path, [...path, 'topologySpreadConstraints', 0, 'maxSkew']);
      assert.equal(i.message, `${prefix}.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero`);
      assert.equal(i.type, 'Invalid');
      assert.equal(i.badValue, 0);
    });
  }
  it('Pod: spec.topologySpreadConstraints', () => {
    const i = one(validateWorkloadApi({ kind: 'Pod', spec: { topologySpreadConstraints: [bad] } }, V36), 'api/maxSkew-positive');
    assert.equal(i.fieldPath, 'spec.topologySpreadConstraints[0].maxSkew');
  });
  it('unknown kinds and kinds without pods give nothing', () => {
    assert.deepEqual(validateWorkloadApi({ kind: 'Service', spec: { topologySpreadConstraints: [bad] } }, V36), []);
    assert.deepEqual(validateWorkloadApi({ spec: { topologySpreadConstraints: [bad] } }, V36), []);
  });
  it('keeps the index of an entry that is not an object', () => {
    const i = one(validateWorkloadApi({ kind: 'Pod', spec: { topologySpreadConstraints: ['x', bad] } }, V36), 'api/maxSkew-positive');
    assert.equal(i.fieldPath, 'spec.topologySpreadConstraints[1].maxSkew');
  });
});

describe('api validation: constraint rules in detail', () => {
  const v = (tsc: unknown[], opts = V36) => validateWorkloadApi({ kind: 'Pod', spec: { topologySpreadConstraints: tsc } }, opts);
  it('the same key with both actions is not a duplicate; the earlier entry carries the error', () => {
    assert.deepEqual(v([okTsc(), okTsc({ whenUnsatisfiable: 'ScheduleAnyway' })]), []);
    const is = v([okTsc(), okTsc({ maxSkew: 2 }), okTsc({ maxSkew: 3 })]);
    assert.deepEqual(is.map((i) => i.fieldPath), ['spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}', 'spec.topologySpreadConstraints[1].{topologyKey, whenUnsatisfiable}']);
    assert.deepEqual(is[0].path, ['spec', 'topologySpreadConstraints', 0]);
  });
  it('wrong case is not supported', () => {
    const i = one(v([okTsc({ whenUnsatisfiable: 'doNotSchedule' })]), 'api/whenUnsatisfiable-supported');
    assert.equal(i.type, 'NotSupported');
  });
  it('selector expression rules V13-V17', () => {
    const sel = {
      matchExpressions: [
        { key: 'a', operator: 'In' },
        { key: 'b', operator: 'Exists', values: ['x'] },
        { key: 'c', operator: 'Gt', values: ['1'] },
        { key: 'bad key', operator: 'In', values: ['-x-'] },
      ],
    };
    const is = v([okTsc({ labelSelector: sel })]);
    const p = 'spec.topologySpreadConstraints[0].labelSelector.matchExpressions';
    assert.deepEqual(is.map((i) => [i.code, i.type, i.fieldPath]), [
      ['api/labelSelector-values-required', 'Required', `${p}[0].values`],
      ['api/labelSelector-values-forbidden', 'Forbidden', `${p}[1].values`],
      ['api/labelSelector-operator', 'Invalid', `${p}[2].operator`],
      ['api/labelSelector-key', 'Invalid', `${p}[3].key`],
      ['api/labelSelector-value', 'Invalid', `${p}[3].values[0]`],
    ]);
    assert.equal(is[0].message, `${p}[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`);
    assert.equal(is[2].message, `${p}[2].operator: Invalid value: "Gt": not a valid selector operator`);
  });
  it('matchLabels value errors are reported at the map, pointed at the key', () => {
    const i = one(v([okTsc({ labelSelector: { matchLabels: { app: 'a'.repeat(64) } } })]), 'api/labelSelector-matchLabels-value');
    assert.equal(i.fieldPath, 'spec.topologySpreadConstraints[0].labelSelector.matchLabels');
    assert.deepEqual(i.path, ['spec', 'topologySpreadConstraints', 0, 'labelSelector', 'matchLabels', 'app']);
    assert.equal(i.detail, 'must be no more than 63 characters');
  });
  it('a missing topologyKey is not a syntax check: any non-empty key passes', () => {
    assert.deepEqual(v([okTsc({ topologyKey: 'Not a Label Key!' })]), []);
  });
});

describe('api validation: template labels', () => {
  it('reports at spec.template.labels (the API path), pointing at the key', () => {
    const obj = withTemplate('Deployment', [], { app: 'web', 'bad key': 'x' }, { matchLabels: { app: 'web' } });
    const i = one(validateWorkloadApi(obj, V36), 'api/labels-key');
    assert.equal(i.fieldPath, 'spec.template.labels');
    assert.deepEqual(i.path, ['spec', 'template', 'metadata', 'labels', 'bad key']);
    assert.match(i.message, /^spec\.template\.labels: Invalid value: "bad key": name part must consist of/);
  });
  it('CronJob: spec.jobTemplate.spec.template.labels; Pod: metadata.labels', () => {
    const cj = one(validateWorkloadApi(withTemplate('CronJob', [], { app: 'x'.repeat(64) }), V36), 'api/labels-value');
    assert.equal(cj.message, `spec.jobTemplate.spec.template.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`);
    const p = one(validateWorkloadApi({ kind: 'Pod', metadata: { labels: { '-a': 'b' } }, spec: {} }, V36), 'api/labels-key');
    assert.equal(p.fieldPath, 'metadata.labels');
  });
  it('StatefulSet validates its template labels twice upstream; reported once', () => {
    const obj = withTemplate('StatefulSet', [], { app: 'web', '-a': 'b' });
    assert.equal(validateWorkloadApi(obj, V36).filter((i) => i.code === 'api/labels-key').length, 1);
  });
});

describe('api validation: workload selectors', () => {
  it('selector does not match template labels', () => {
    const i = one(validateWorkloadApi(withTemplate('Deployment', [], { app: 'api' }), V36), 'api/selector-mismatch');
    assert.equal(i.message, 'spec.template.metadata.labels: Invalid value: {"app":"api"}: `selector` does not match template `labels`');
    assert.deepEqual(i.badValue, { app: 'api' });
  });
  it('a template selector must cover every selector requirement (expressions too)', () => {
    const sel = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] };
    one(validateWorkloadApi(withTemplate('ReplicaSet', [], { app: 'web' }, sel), V36), 'api/selector-mismatch');
    assert.deepEqual(codes(validateWorkloadApi(withTemplate('ReplicaSet', [], { app: 'web', tier: 'a' }, sel), V36)), []);
  });
  it('missing selector: Required (and a nil selector matches nothing), not for DaemonSet', () => {
    for (const kind of ['Deployment', 'ReplicaSet', 'StatefulSet']) {
      const is = validateWorkloadApi(withTemplate(kind, [], { app: 'web' }, null), V36);
      assert.deepEqual(codes(is), ['api/selector-required', 'api/selector-mismatch'], kind);
      assert.equal(is[0].message, 'spec.selector: Required value');
    }
    assert.deepEqual(codes(validateWorkloadApi(withTemplate('DaemonSet', [], { app: 'web' }, null), V36)), ['api/selector-mismatch']);
  });
  it('empty selector: one message per kind (ReplicaSet says "deployment", as upstream)', () => {
    const want: Record<string, string> = { Deployment: 'deployment', ReplicaSet: 'deployment', StatefulSet: 'statefulset', DaemonSet: 'daemonset' };
    for (const [kind, noun] of Object.entries(want)) {
      const i = one(validateWorkloadApi(withTemplate(kind, [], { app: 'web' }, {}), V36), 'api/selector-empty');
      assert.equal(i.message, `spec.selector: Invalid value: {}: empty selector is invalid for ${noun}`);
    }
  });
  it('an invalid selector stops Deployment/StatefulSet template validation (as the API server does)', () => {
    const sel = { matchLabels: { 'bad key': 'web' } };
    const dep = validateWorkloadApi(withTemplate('Deployment', [bad], { app: 'web' }, sel), V36);
    assert.deepEqual(codes(dep), ['api/labelSelector-matchLabels-key', 'api/selector-invalid']);
    assert.equal(dep[1].message, 'spec.selector: Invalid value: {"matchLabels":{"bad key":"web"}}: invalid label selector');
    const sts = validateWorkloadApi(withTemplate('StatefulSet', [bad], { app: 'web' }, sel), V36);
    assert.equal(one(sts, 'api/selector-invalid').message, 'spec.selector: Invalid value: {"matchLabels":{"bad key":"web"}}');
    const ds = validateWorkloadApi(withTemplate('DaemonSet', [bad], { app: 'web' }, sel), V36);
    assert.deepEqual(codes(ds), ['api/labelSelector-matchLabels-key', 'api/maxSkew-positive']);
  });
  it('ReplicationController: map selector, defaulted from template labels', () => {
    const rc = { kind: 'ReplicationController', spec: { selector: { app: 'x' }, template: { metadata: { labels: { app: 'web' } }, spec: {} } } };
    one(validateWorkloadApi(rc, V36), 'api/selector-mismatch');
    const defaulted = { kind: 'ReplicationController', spec: { template: { metadata: { labels: { app: 'web' } }, spec: {} } } };
    assert.deepEqual(validateWorkloadApi(defaulted, V36), []);
  });
});

describe('api validation: matchLabelKeys and the 1.34+ selector merge', () => {
  const dep = (mlk: string[], selector: unknown = { matchLabels: { app: 'web' } }) => withTemplate('Deployment', [okTsc({ labelSelector: selector, matchLabelKeys: mlk })]);
  const OFF = { minor: 36, gates: { MatchLabelKeysInPodTopologySpreadSelectorMerge: false } };

  it('gate off (legacy rule): a key also in matchLabels is rejected at apply time', () => {
    const i = one(validateWorkloadApi(dep(['app']), OFF), 'api/matchLabelKeys-overlap');
    assert.equal(i.message, 'spec.template.spec.topologySpreadConstraints[0].matchLabelKeys[0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector');
    assert.ok(!codes(validateWorkloadApi(dep(['app']), OFF)).includes('api/matchLabelKeys-overlap-on-pod-create'));
  });
  it('before 1.34 the legacy rule applies whatever the gate map says', () => {
    one(validateWorkloadApi(dep(['app']), { minor: 33, gates: { MatchLabelKeysInPodTopologySpreadSelectorMerge: true } }), 'api/matchLabelKeys-overlap');
  });
  it('gate on (default 1.34+): the template is accepted, its Pods are rejected at creation', () => {
    const is = validateWorkloadApi(dep(['app']), V36);
    assert.deepEqual(codes(is), ['api/matchLabelKeys-overlap-on-pod-create']);
    assert.equal(is[0].message, 'spec.topologySpreadConstraints[0][0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector');
    assert.deepEqual(is[0].path, ['spec', 'template', 'spec', 'topologySpreadConstraints', 0, 'matchLabelKeys', 0]);
    assert.ok(is[0].explanation);
  });
  it('gate on: controller-added labels count (pod-template-hash), keys the Pods lack do not', () => {
    const sel = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'pod-template-hash', operator: 'Exists' }] };
    one(validateWorkloadApi(dep(['pod-template-hash'], sel), V36), 'api/matchLabelKeys-overlap-on-pod-create');
    assert.deepEqual(validateWorkloadApi(dep(['pod-template-hash']), V36), []);
    const notCarried = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] };
    assert.deepEqual(validateWorkloadApi(dep(['tier'], notCarried), V36), []);
  });
  it('gate on: a key repeated inside the selector is rejected on the template already', () => {
    const sel = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] };
    const is = validateWorkloadApi(dep(['app'], sel), V36);
    assert.deepEqual(codes(is), ['api/matchLabelKeys-overlap']);
    assert.equal(is[0].fieldPath, 'spec.template.spec.topologySpreadConstraints[0][0]');
  });
  it('Pod create with the gate on: merged with its own labels, then rejected', () => {
    const p = { kind: 'Pod', metadata: { labels: { app: 'web' } }, spec: { topologySpreadConstraints: [okTsc({ matchLabelKeys: ['app'] })] } };
    const i = one(validateWorkloadApi(p, V36), 'api/matchLabelKeys-overlap');
    assert.equal(i.fieldPath, 'spec.topologySpreadConstraints[0][0]');
    // ...but an update does not merge, and a Pod without the label is not merged either.
    assert.deepEqual(validateWorkloadApi(p, { ...V36, old: p }), []);
    assert.deepEqual(validateWorkloadApi({ ...p, metadata: {} }, V36), []);
  });
  it('matchLabelKeys without labelSelector is Forbidden in both states', () => {
    for (const opts of [V36, OFF]) {
      const i = one(validateWorkloadApi(withTemplate('Deployment', [{ ...okTsc({ matchLabelKeys: ['pod-template-hash'] }), labelSelector: undefined }]), opts), 'api/matchLabelKeys-without-selector');
      assert.equal(i.message, 'spec.template.spec.topologySpreadConstraints[0].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set');
    }
  });
  it('MatchLabelKeysInPodTopologySpread off: the field is dropped (warning), not validated', () => {
    const is = validateWorkloadApi(dep(['app']), { minor: 36, gates: { MatchLabelKeysInPodTopologySpread: false } });
    assert.deepEqual(codes(is), ['api/matchLabelKeys-dropped']);
    assert.equal(is[0].severity, 'warning');
    // What users read names the field, the gate and the version, not only "the field is silently removed".
    assert.match(is[0].explanation ?? '', /matchLabelKeys: the API server drops this field without an error because feature gate MatchLabelKeysInPodTopologySpread is disabled in 1\.36\. Not an API error/);
  });
  it('before 1.27 matchLabelKeys and before 1.26 node inclusion policies are dropped by default', () => {
    const obj = withTemplate('Deployment', [okTsc({ matchLabelKeys: ['pod-template-hash'], nodeTaintsPolicy: 'Bogus', minDomains: 2 })]);
    assert.deepEqual(codes(validateWorkloadApi(obj, { minor: 25, gates: {} })), ['api/matchLabelKeys-dropped', 'api/minDomains-dropped', 'api/nodeInclusionPolicy-dropped']);
    assert.deepEqual(codes(validateWorkloadApi(obj, V36)), ['api/nodeTaintsPolicy-supported']);
  });
});

describe('api validation: garbage input never throws', () => {
  const garbage: unknown[] = [
    null, undefined, 'Pod', 42, [], [{ kind: 'Pod' }], { kind: 'Pod' }, { kind: 'Pod', spec: null }, { kind: 'Pod', spec: 'x' },
    { kind: 'Pod', spec: { topologySpreadConstraints: 'x' } }, { kind: 'Pod', spec: { topologySpreadConstraints: [null, 1, 'a', []] } },
    { kind: 'Deployment', spec: { selector: 'x', template: [] } }, { kind: 'Deployment', spec: { selector: { matchLabels: [] }, template: { metadata: { labels: 'x' } } } },
    { kind: 'Pod', metadata: { labels: [1] }, spec: { topologySpreadConstraints: [{ maxSkew: '1', topologyKey: 1, whenUnsatisfiable: {}, minDomains: 1.5, matchLabelKeys: 'app', labelSelector: [] }] } },
    { kind: 'Pod', spec: { topologySpreadConstraints: [{ labelSelector: { matchLabels: { a: 1 }, matchExpressions: [null, { key: 1 }, { key: 'a', operator: 'In', values: 'x' }] }, matchLabelKeys: [1, null, 'a'] }] } },
    { kind: 'CronJob', spec: { jobTemplate: 'x' } },
  ];
  for (const g of garbage) {
    it(`survives ${JSON.stringify(g)}`, () => {
      assert.ok(Array.isArray(validateWorkloadApi(g, V36)));
      assert.ok(Array.isArray(validateWorkloadApi(g, { minor: 30, gates: { MatchLabelKeysInPodTopologySpreadSelectorMerge: false } })));
    });
  }
  it('wrong-typed fields are left to the schema layer', () => {
    const p = { kind: 'Pod', spec: { topologySpreadConstraints: [{ maxSkew: '1', topologyKey: 1, whenUnsatisfiable: 'DoNotSchedule', minDomains: 1.5 }] } };
    assert.deepEqual(validateWorkloadApi(p, V36), []);
  });

  it('property: arbitrary JSON-ish objects never throw and every issue is well-formed', () => {
    const kinds = fc.constantFrom('Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'PodTemplate');
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.constantFrom('DoNotSchedule', 'ScheduleAnyway', 'In', 'Exists', 'app', 'Honor'));
    const tsc = fc.record({
      maxSkew: fc.oneof(fc.integer({ min: -3, max: 3 }), leaf), topologyKey: leaf, whenUnsatisfiable: leaf, minDomains: fc.oneof(fc.integer({ min: -2, max: 3 }), leaf),
      nodeAffinityPolicy: leaf, nodeTaintsPolicy: leaf, matchLabelKeys: fc.oneof(fc.array(leaf, { maxLength: 3 }), leaf),
      labelSelector: fc.oneof(leaf, fc.record({ matchLabels: fc.oneof(fc.dictionary(fc.string(), leaf, { maxKeys: 3 }), leaf), matchExpressions: fc.oneof(fc.array(fc.record({ key: leaf, operator: leaf, values: fc.oneof(fc.array(leaf, { maxLength: 2 }), leaf) }, { requiredKeys: [] }), { maxLength: 3 }), leaf) }, { requiredKeys: [] })),
    }, { requiredKeys: [] });
    const obj = fc.record({ kind: kinds, metadata: fc.record({ labels: fc.oneof(fc.dictionary(fc.string(), leaf, { maxKeys: 3 }), leaf) }), spec: fc.oneof(leaf, fc.record({ selector: fc.oneof(leaf, fc.record({ matchLabels: fc.dictionary(fc.string(), leaf, { maxKeys: 2 }) })), topologySpreadConstraints: fc.oneof(fc.array(fc.oneof(tsc, leaf), { maxLength: 4 }), leaf), template: fc.anything() }, { requiredKeys: [] })) }, { requiredKeys: [] });
    fc.assert(
      fc.property(obj, fc.integer({ min: 20, max: 40 }), fc.boolean(), (o, minor, merge) => {
        const is = validateWorkloadApi(o, { minor, gates: { MatchLabelKeysInPodTopologySpreadSelectorMerge: merge } });
        for (const i of is) {
          assert.ok(i.code.startsWith('api/'));
          assert.ok(i.message.startsWith(`${i.fieldPath}: `));
          assert.ok(Array.isArray(i.path));
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('api validation: apiIssueToFinding', () => {
  it('keeps the API text and leads with the explanation when there is one', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const [i] = validateWorkloadApi(withTemplate('Deployment', [okTsc({ matchLabelKeys: ['app'] })]), V36);
    const f = apiIssueToFinding(i, range, 2);
    assert.equal(f.code, 'api/matchLabelKeys-overlap-on-pod-create');
    assert.ok(f.message.endsWith(`API server: ${i.message}`));
    assert.equal((f.data as { apiMessage: string }).apiMessage, i.message);
    assert.equal(f.document, 2);
  });
});
