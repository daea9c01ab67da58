// Version-dependent rules: each case runs the same manifest under two versions (or gate settings)
// and asserts the different outcomes (../shared/docs/spread-semantics.md §0.2, §1.5, §2.3, §5.4, §5.6).

import { strict as assert } from 'node:assert';
import type { Node, Pod } from '../../../server/src/engine/api';
import { Cluster } from '../../../server/src/engine/cluster';
import { Scheduler, type CycleResult } from '../../../server/src/engine/scheduler';
import { defaultEnv } from '../../../server/src/engine/versions';
import { validateWorkloadApi } from '../../../server/src/validation/api';
import { makeContext } from '../../../server/src/analysis/context';
import { checkText } from '../../../server/src/analysis/check';
import { versionNotes } from '../../../server/src/analysis/lint/version';
import { loadFixtureFromText } from '../../../server/src/fixture';
import { makeNode, makePod, matchLabels } from '../builders';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

function node(name: string, zone: string, cap: Record<string, string> = { cpu: '4', memory: '16Gi', pods: '110' }): Node {
  return makeNode(name).label(HOST, name).label(ZONE, zone).capacity(cap).build();
}

function run(minor: number, gates: Record<string, boolean>, nodes: Node[], pods: Pod[], pod: Pod): CycleResult {
  return new Scheduler({ cluster: Cluster.build({ nodes, pods }), env: defaultEnv(minor, gates) }).schedule(pod);
}

interface Rule {
  name: string;
  /** Release / upstream change the engine branch cites. */
  cites: string;
  a: { minor: number; gates?: Record<string, boolean> };
  b: { minor: number; gates?: Record<string, boolean> };
  nodes: Node[];
  pods: Pod[];
  pod: Pod;
  /** What each side must show. */
  check: (r: CycleResult, side: 'a' | 'b') => void;
}

const rules: Rule[] = [
  {
    name: 'labelSelector: {} counts nothing up to 1.36, every pod of the namespace from 1.37',
    cites: 'kubernetes/kubernetes#141339 / PR #141340',
    a: { minor: 36 }, b: { minor: 37 },
    nodes: [node('a', 'a'), node('b', 'b')],
    pods: [makePod('o1').label('app', 'other').node('a').build(), makePod('o2').label('app', 'other').node('a').build()],
    pod: makePod('p').label('app', 'web').spreadConstraint(1, ZONE, 'DoNotSchedule', {}).build(),
    check: (r, side) => assert.deepEqual(r.feasible, side === 'a' ? ['a', 'b'] : ['b']),
  },
  {
    name: 'NodeResourcesBalancedAllocation: balance after placement (1.35) vs the change in balance (1.36)',
    cites: 'kubernetes/kubernetes#135573',
    a: { minor: 35 }, b: { minor: 36 },
    nodes: [node('a', 'a'), node('b', 'b')],
    pods: [makePod('busy').node('a').req({ cpu: '2', memory: '1Gi' }).build()],
    pod: makePod('p').req({ cpu: '100m', memory: '4Gi' }).build(),
    // a: fractions with the pod 0.525 / 0.3125 -> 89; 1.36: without the pod 78 -> 50 + (50 + 89 - 78) / 2 = 80.
    check: (r, side) => assert.equal(r.nodes.find((n) => n.name === 'a')!.scores!.NodeResourcesBalancedAllocation, side === 'a' ? 89 : 80),
  },
  {
    name: 'TaintToleration reason names the taint before 1.34, generic from 1.34',
    cites: 'kubernetes/kubernetes#134740 (v1.35, in 1.34 patch releases)',
    a: { minor: 33 }, b: { minor: 34 },
    nodes: [makeNode('t').label(HOST, 't').capacity({ cpu: '4', memory: '16Gi', pods: '110' }).taints([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]).build()],
    pods: [],
    pod: makePod('p').build(),
    check: (r, side) => assert.equal(r.fitError, `0/1 nodes are available: 1 ${side === 'a' ? 'node(s) had untolerated taint {dedicated: db}' : 'node(s) had untolerated taint(s)'}.`),
  },
  {
    name: 'MatchLabelKeysInPodTopologySpread: matchLabelKeys narrows the selector only with the gate on',
    cites: 'KEP-3243, beta-on 1.27',
    a: { minor: 36 }, b: { minor: 36, gates: { MatchLabelKeysInPodTopologySpread: false } },
    nodes: [node('a', 'a'), node('b', 'b')],
    pods: [makePod('v1-0').labels({ app: 'web', version: 'v1' }).node('a').build(), makePod('v1-1').labels({ app: 'web', version: 'v1' }).node('a').build()],
    pod: makePod('p').labels({ app: 'web', version: 'v2' }).spreadConstraint(1, ZONE, 'DoNotSchedule', matchLabels({ app: 'web' }), { matchLabelKeys: ['version'] }).build(),
    check: (r, side) => assert.deepEqual(r.feasible, side === 'a' ? ['a', 'b'] : ['b']),
  },
  {
    name: 'NodeInclusionPolicyInPodTopologySpread: nodeTaintsPolicy: Honor ignored with the gate off (1.32), honoured in 1.33 (GA)',
    cites: 'KEP-3094, GA 1.33',
    a: { minor: 32, gates: { NodeInclusionPolicyInPodTopologySpread: false } }, b: { minor: 33 },
    nodes: [node('a', 'a'), node('b', 'b'), makeNode('t').label(HOST, 't').label(ZONE, 'c').capacity({ cpu: '4', memory: '16Gi', pods: '110' }).taints([{ key: 'gpu', value: 'x', effect: 'NoSchedule' }]).build()],
    pods: [makePod('w0').label('app', 'web').node('a').build(), makePod('w1').label('app', 'web').node('b').build()],
    pod: makePod('p').label('app', 'web').spreadConstraint(1, ZONE, 'DoNotSchedule', matchLabels({ app: 'web' }), { nodeTaintsPolicy: 'Honor' }).build(),
    check: (r, side) => assert.deepEqual(r.feasible, side === 'a' ? [] : ['a', 'b']),
  },
  {
    name: 'PodLevelResources: spec.resources ignored with the gate off (1.33), used from 1.34',
    cites: 'KEP-2837, beta-on 1.34',
    a: { minor: 33 }, b: { minor: 34 },
    nodes: [node('small', 'a', { cpu: '1', memory: '4Gi', pods: '110' })],
    pods: [],
    pod: (() => {
      const p = makePod('p').req({ cpu: '2' }).build();
      (p.spec as Record<string, unknown>).resources = { requests: { cpu: '500m' } };
      return p;
    })(),
    check: (r, side) => assert.deepEqual(r.feasible, side === 'a' ? [] : ['small']),
  },
  {
    name: 'TaintTolerationComparisonOperators: an Lt toleration never matches with the gate off, matches with it on (1.35)',
    cites: 'KEP-5471, alpha 1.35',
    a: { minor: 35 }, b: { minor: 35, gates: { TaintTolerationComparisonOperators: true } },
    nodes: [makeNode('n').label(HOST, 'n').capacity({ cpu: '4', memory: '16Gi', pods: '110' }).taints([{ key: 'tier', value: '3', effect: 'NoSchedule' }]).build()],
    pods: [],
    pod: makePod('p').toleration({ key: 'tier', operator: 'Lt', value: '5', effect: 'NoSchedule' }).build(),
    check: (r, side) => assert.deepEqual(r.feasible, side === 'a' ? [] : ['n']),
  },
];

describe('version-dependent scheduler rules: same manifest, two versions, different outcomes', () => {
  for (const rule of rules) {
    it(`${rule.name} (${rule.cites})`, () => {
      const ra = run(rule.a.minor, rule.a.gates ?? {}, rule.nodes, rule.pods, rule.pod);
      const rb = run(rule.b.minor, rule.b.gates ?? {}, rule.nodes, rule.pods, rule.pod);
      rule.check(ra, 'a');
      rule.check(rb, 'b');
    });
  }
});

describe('version-dependent API rules and lints', () => {
  const deployment = (tsc: unknown, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }], topologySpreadConstraints: [tsc], ...extra } } },
  });

  it('matchLabelKeys key also in labelSelector: rejected at apply up to 1.33, only the Pods are rejected from 1.34 (selector merge)', () => {
    const obj = deployment({ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['app'] });
    const at33 = validateWorkloadApi(obj, { minor: 33, gates: {} }).filter((i) => i.severity === 'error');
    const at34 = validateWorkloadApi(obj, { minor: 34, gates: {} }).filter((i) => i.severity === 'error');
    assert.ok(at33.length > 0 && at34.length > 0);
    assert.notDeepEqual(at33.map((i) => i.code), at34.map((i) => i.code));
    assert.match(at33[0].message, /exists in both matchLabelKeys and labelSelector/);
  });

  const ctxAt = (minor: number, gates: Record<string, boolean> = {}) => makeContext(loadFixtureFromText('apiVersion: v1\nkind: Node\nmetadata:\n  name: n\n  labels: {kubernetes.io/hostname: n}\nstatus:\n  allocatable: {cpu: "4", memory: 16Gi, pods: "110"}\n', 'f.yaml'), defaultEnv(minor, gates));
  const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: default\nspec:\n  containers:\n    - name: c\n      image: nginx\n${spec}`;
  const codes = (text: string, minor: number, gates: Record<string, boolean> = {}) => checkText(text, ctxAt(minor, gates)).findings.filter((f) => f.code.startsWith('lint/version') || f.code === 'lint/scheduler-name-unknown');

  it('toleration operator Lt: rejected in 1.34, accepted in 1.35 with TaintTolerationComparisonOperators', () => {
    const text = pod('  tolerations:\n    - key: tier\n      operator: Lt\n      value: "5"\n');
    const at34 = codes(text, 34);
    assert.equal(at34.length, 1);
    assert.equal(at34[0].code, 'lint/version-toleration-operator');
    assert.equal(at34[0].range.start.line, 11);
    assert.match(at34[0].message, /^spec\.tolerations\[0\]\.operator: Unsupported value: "Lt": supported values: "Equal", "Exists" — Kubernetes 1.34 has no numeric toleration operators/);
    assert.deepEqual(codes(text, 35, { TaintTolerationComparisonOperators: true }), []);
  });

  it('pod-level resources: dropped in 1.33 (gate off), kept in 1.34', () => {
    const text = pod('  resources:\n    requests:\n      cpu: 500m\n');
    assert.deepEqual(codes(text, 33).map((f) => [f.code, f.range.start.line]), [['lint/version-field-ignored', 9]]);
    assert.deepEqual(codes(text, 34), []);
  });

  it('spec.schedulerName that no profile handles', () => {
    const f = codes(pod('  schedulerName: gpu-scheduler\n'), 36);
    assert.deepEqual(f.map((x) => [x.code, x.range.start.line]), [['lint/scheduler-name-unknown', 9]]);
    assert.match(f[0].message, /stays Pending unless a scheduler named "gpu-scheduler" runs/);
  });

  it('notes: tie-breaking by reservoir sampling up to 1.34, feasible-list order from 1.35; the schema version used', () => {
    const n34 = versionNotes(ctxAt(34), ctxAt(34).cluster);
    const n35 = versionNotes(ctxAt(35), ctxAt(35).cluster);
    assert.ok(n34.some((n) => /reservoir sampling/.test(n)));
    assert.ok(n35.some((n) => /from 1\.35 \(kubernetes\/kubernetes#135231\)/.test(n)));
    assert.ok(n34.some((n) => /No OpenAPI schemas bundled for Kubernetes 1\.34: .* nearest bundled schema \(1\.35\)/.test(n)));
    assert.equal(n35.some((n) => /No OpenAPI schemas/.test(n)), false);
  });
});
