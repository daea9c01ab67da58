// Hand-worked what-if examples, written out as tables. Each row states the cluster, the workload and
// what the controllers + scheduler do step by step, worked out by hand from the rules in
// docs/whatif.md (the derivation is in each row's `why`); the engine must agree.
//
// Cluster shape used by most rows: one node per zone, n-a (zone-a), n-b (zone-b), n-c (zone-c),
// 4 CPU / 8 GiB / 32 pods each unless a row says otherwise. Pods of the workload carry app=web.
// Ties among equally scored nodes go to the smallest node name (the documented deterministic rule).

import assert from 'node:assert/strict';
import type { Node, Pod } from '../../../server/src/engine/api';
import { makeContext } from '../../../server/src/analysis/context';
import { simulateDomainLoss, simulateRollout, simulateScale, WhatIfError, type WhatIfStep } from '../../../server/src/analysis/whatif';
import { targetOf } from '../../../server/src/analysis/whatIfRun';
import { renderStepsSvg } from '../../../server/src/analysis/render/whatif';
import type { LoadedFixture } from '../../../server/src/fixture';
import { summarize } from '../../../server/src/fixture/summary';
import { parseManifestText } from '../../../server/src/k8s/manifest';
import { makeNode } from '../builders';

const ZONE = 'topology.kubernetes.io/zone';

function nodes(spec: Record<string, { zone: string; pods?: number; taint?: boolean }>): Node[] {
  return Object.entries(spec).map(([name, s]) => {
    const b = makeNode(name).label('kubernetes.io/hostname', name).label(ZONE, s.zone).capacity({ cpu: '4', memory: '8Gi', pods: String(s.pods ?? 32) });
    if (s.taint) b.taints([{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }]);
    return b.build();
  });
}
const threeZones = (o: Partial<Record<'n-a' | 'n-b' | 'n-c', { pods?: number }>> = {}) =>
  nodes({ 'n-a': { zone: 'zone-a', ...o['n-a'] }, 'n-b': { zone: 'zone-b', ...o['n-b'] }, 'n-c': { zone: 'zone-c', ...o['n-c'] } });

interface FixturePod { name: string; node: string; hash?: string; cost?: number; ready?: boolean; created?: string; ordinal?: number; owner?: string }

function pods(list: FixturePod[]): Pod[] {
  return list.map((p) => ({
    metadata: {
      name: p.name, namespace: 'default', uid: `uid-${p.name}`,
      labels: { app: 'web', ...(p.hash ? { 'pod-template-hash': p.hash } : {}), ...(p.ordinal !== undefined ? { 'apps.kubernetes.io/pod-index': String(p.ordinal) } : {}) },
      creationTimestamp: p.created ?? '2026-05-01T00:00:00Z',
      ...(p.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': String(p.cost) } } : {}),
      ...(p.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: p.owner, uid: `uid-${p.owner}`, controller: true }] } : {}),
    },
    spec: { nodeName: p.node, containers: [{ name: 'web' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: p.ready === false ? 'False' : 'True', lastTransitionTime: p.created ?? '2026-05-01T00:00:00Z' }] } as Pod['status'],
  }));
}

function ctxOf(n: Node[], p: Pod[] = []) {
  const input = { nodes: n, pods: p };
  const fixture: LoadedFixture = { source: 'test', embedded: false, files: [], input, problems: [], summary: summarize(input, p.length) };
  return makeContext(fixture);
}

interface WorkloadOpts {
  kind?: string;
  replicas: number;
  mlk?: boolean;
  maxSkew?: number;
  when?: 'DoNotSchedule' | 'ScheduleAnyway';
  taintsPolicy?: 'Honor';
  strategy?: string;
}

function workload(o: WorkloadOpts) {
  const kind = o.kind ?? 'Deployment';
  const yaml = `apiVersion: apps/v1
kind: ${kind}
metadata: {name: web, namespace: default}
spec:
  replicas: ${o.replicas}
  selector: {matchLabels: {app: web}}
${o.strategy ? `  strategy: ${o.strategy}\n` : ''}${kind === 'StatefulSet' ? '  serviceName: web\n' : ''}  template:
    metadata: {labels: {app: web}}
    spec:
      topologySpreadConstraints:
      - maxSkew: ${o.maxSkew ?? 1}
        topologyKey: ${ZONE}
        whenUnsatisfiable: ${o.when ?? 'DoNotSchedule'}
        labelSelector: {matchLabels: {app: web}}
${o.mlk ? '        matchLabelKeys: [pod-template-hash]\n' : ''}${o.taintsPolicy ? `        nodeTaintsPolicy: ${o.taintsPolicy}\n` : ''}      containers: [{name: web, image: nginx}]
`;
  const doc = parseManifestText(yaml).documents[0];
  return targetOf(doc);
}

/** Pods per zone for the workload in a step (all revisions), as "a/b/c". */
const zones = (s: WhatIfStep) => ['zone-a', 'zone-b', 'zone-c'].map((z) => s.distribution[ZONE]?.[z] ?? '-').join('/');
const last = <T>(a: T[]) => a[a.length - 1];

describe('what-if: rolling update (hand-worked)', () => {
  const table: {
    name: string; why: string; cluster: Node[]; fixture?: FixturePod[]; w: WorkloadOpts;
    /** (old replicas, new replicas) of the ReplicaSets after each step, initial first. */
    sizes?: [number, number][];
    actions?: string[];
    final: string; outcome: 'complete' | 'stalled'; maxPending: number; finalSkew: number;
    comparison?: { final: string; outcome: 'complete' | 'stalled'; maxPending: number; finalSkew: number };
  }[] = [
    {
      name: 'R1 without matchLabelKeys, 3 replicas over 3 zones: ends 2/1/0, skew 2 (goes wrong)',
      why: 'defaults: maxSurge ceil(25% of 3)=1, maxUnavailable floor(0.75)=0. Old pods (placed first) a/b/c. '
        + 'new-1 counts all app=web pods 1/1/1 → tie → n-a; old-a is doubled up (2 Deployment pods on n-a) → deleted. '
        + 'new-2: 1/1/1 again → tie → n-a; old-b and old-c rank equal → old-b (order). new-3: counts a2 b0 c1, min 0: only b passes. '
        + 'old-c deleted. New pods end a2 b1 c0: skew 2 > maxSkew 1, never repaired. With matchLabelKeys only new pods count: a, b, c.',
      cluster: threeZones(), w: { replicas: 3 },
      sizes: [[3, 0], [3, 1], [2, 1], [2, 2], [1, 2], [1, 3], [0, 3]],
      actions: ['initial', 'scale-up', 'scale-down', 'scale-up', 'scale-down', 'scale-up', 'scale-down'],
      final: '2/1/0', outcome: 'complete', maxPending: 0, finalSkew: 2,
      comparison: { final: '1/1/1', outcome: 'complete', maxPending: 0, finalSkew: 0 },
    },
    {
      name: 'R2 with matchLabelKeys, zone-c full (1 pod slot): the third new pod stays Pending, the rollout stalls',
      why: 'n-c allows 1 pod, held by old-c. new-1: new counts 0/0/0, n-c full → n-a (tie a/b). old-a deleted (doubled up). '
        + 'new-2: new counts 1/0/0 → n-b only (a would be 2−0). old-b deleted (doubled up). new-3: new counts 1/1/0 → a, b fail '
        + 'the skew; n-c fails Too many pods → Pending. maxUnavailable 0 and one new pod unavailable: maxScaledDown = 4−3−1 = 0, '
        + 'old-c is never deleted: stalled. Without matchLabelKeys old-c counts, so new-3 goes to b and old-c is then deleted.',
      cluster: threeZones({ 'n-c': { pods: 1 } }), w: { replicas: 3, mlk: true },
      sizes: [[3, 0], [3, 1], [2, 1], [2, 2], [1, 2], [1, 3]],
      // All revisions: new a, new b, old-c = 1/1/1; the constraint counts new pods only (1/1/0): skew 1.
      final: '1/1/1', outcome: 'stalled', maxPending: 1, finalSkew: 1,
      comparison: { final: '2/1/0', outcome: 'complete', maxPending: 0, finalSkew: 2 },
    },
    {
      name: 'R3 same as R2 with maxSurge 0, maxUnavailable 1: old pods go first, so zone-c frees its slot',
      why: 'ResolveFenceposts(0, 1, 3) = (0, 1): scale old first. All old pods rank 1 → old-a (order). new-1: 0/0/0, n-a empty '
        + 'scores best → n-a. Delete 1 old: old-b (tie with old-c, order). new-2: new counts 1/0/0 → n-b. Delete old-c. '
        + 'new-3: 1/1/0 → n-c (now empty). Complete 1/1/1.',
      cluster: threeZones({ 'n-c': { pods: 1 } }), w: { replicas: 3, mlk: true, strategy: '{rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}' },
      sizes: [[3, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 3]],
      actions: ['initial', 'scale-down', 'scale-up', 'scale-down', 'scale-up', 'scale-down', 'scale-up'],
      final: '1/1/1', outcome: 'complete', maxPending: 0, finalSkew: 0,
    },
    {
      name: 'R4 Recreate: every old pod goes, then all new pods are created',
      why: 'rolloutRecreate: old 3 → 0 in one step, then new 0 → 3; new pods spread 1/1/1 (each zone in turn).',
      cluster: threeZones(), w: { replicas: 3, mlk: true, strategy: '{type: Recreate}' },
      sizes: [[3, 0], [0, 0], [0, 3]], actions: ['initial', 'scale-down', 'scale-up'],
      final: '1/1/1', outcome: 'complete', maxPending: 0, finalSkew: 0,
    },
    {
      name: 'R5 4 replicas, defaults 25%/25% → surge 1, unavailable 1: RS sizes follow the controller arithmetic',
      why: 'maxSurge ceil(1.0)=1, maxUnavailable floor(1.0)=1. new 0→1 (total 5 = 4+1); old: maxScaledDown 5−3−0=2, '
        + 'available 5−3=2 → old 4→2; new: total 3 < 5 → +min(2, 3)=2 → 3; old 2→0; new 3→4 (4−3=1).',
      cluster: threeZones(), w: { replicas: 4, mlk: true },
      sizes: [[4, 0], [4, 1], [2, 1], [2, 3], [0, 3], [0, 4]],
      final: '2/1/1', outcome: 'complete', maxPending: 0, finalSkew: 1,
    },
    {
      name: 'R6 old pods from the fixture (two revisions), pod-template-hash groups them into old ReplicaSets',
      why: 'fixture: web-h1 on a and b (older RS), web-h2 on c. 3 old pods, replicas 3, surge 1, unavailable 0. '
        + 'With matchLabelKeys the new pods only count each other: they land a, b, c (each zone in turn by skew, ties to a). '
        + 'Old RSs shrink oldest first (h1 created earlier).',
      cluster: threeZones(),
      fixture: [
        { name: 'web-h1-a', node: 'n-a', hash: 'h1', created: '2026-04-01T00:00:00Z' },
        { name: 'web-h1-b', node: 'n-b', hash: 'h1', created: '2026-04-01T00:00:00Z' },
        { name: 'web-h2-c', node: 'n-c', hash: 'h2', created: '2026-04-15T00:00:00Z' },
      ],
      w: { replicas: 3, mlk: true },
      final: '1/1/1', outcome: 'complete', maxPending: 0, finalSkew: 0,
    },
  ];

  for (const t of table) {
    it(t.name, () => {
      const r = simulateRollout(ctxOf(t.cluster, pods(t.fixture ?? [])), workload(t.w));
      const main = r.steps.filter((s) => s.action !== 'stalled');
      if (t.sizes) {
        assert.deepEqual(main.map((s) => [
          s.replicaSets!.filter((x) => x.revision === 'old').reduce((n, x) => n + x.replicas, 0),
          s.replicaSets!.find((x) => x.revision === 'new')!.replicas,
        ]), t.sizes);
      }
      if (t.actions) assert.deepEqual(main.map((s) => s.action), t.actions);
      assert.equal(zones(last(main)), t.final);
      assert.equal(r.outcome, t.outcome);
      assert.equal(r.maxPending, t.maxPending);
      assert.equal(last(main).constraints[0].skew, t.finalSkew);
      if (t.comparison) {
        const c = r.comparison!;
        assert.equal(c.matchLabelKeys, t.w.mlk ? 'without' : 'with');
        const cm = c.steps.filter((s) => s.action !== 'stalled');
        assert.equal(zones(last(cm)), t.comparison.final);
        assert.equal(c.outcome, t.comparison.outcome);
        assert.equal(c.maxPending, t.comparison.maxPending);
        assert.equal(last(cm).constraints[0].skew, t.comparison.finalSkew);
      }
    });
  }

  it('R1 in detail: which old pod each scale-down removes, and why', () => {
    const r = simulateRollout(ctxOf(threeZones()), workload({ replicas: 3 }));
    const downs = r.steps.filter((s) => s.action === 'scale-down');
    assert.deepEqual(downs.map((s) => s.deleted.map((d) => d.node)), [['n-a'], ['n-b'], ['n-c']]);
    assert.match(downs[0].deleted[0].reason, /2 Deployment pods on its node/);
    assert.ok(last(r.steps).constraints[0].violated);
    assert.deepEqual(r.violatedAfter, [{ topologyKey: ZONE, skew: 2, maxSkew: 1 }]);
    assert.match(r.message, /leaves skew 2 on topology.kubernetes.io\/zone \(maxSkew 1\), which the scheduler never repairs/);
    assert.deepEqual(r.comparison!.violatedAfter, []);
  });

  it('an invalid maxSurge is reported as the API would reject it', () => {
    assert.throws(() => simulateRollout(ctxOf(threeZones()), workload({ replicas: 3, strategy: '{rollingUpdate: {maxSurge: oops}}' })), WhatIfError);
  });

  it('--rollout needs a Deployment', () => {
    assert.throws(() => simulateRollout(ctxOf(threeZones()), workload({ replicas: 3, kind: 'StatefulSet' })), /needs a Deployment/);
  });
});

describe('what-if: scale down (hand-worked)', () => {
  const table: {
    name: string; why: string; cluster: Node[]; fixture?: FixturePod[]; w: WorkloadOpts; to: number;
    deleted: string[]; tied?: string[]; after: string; skew: number; violated: boolean;
  }[] = [
    {
      name: 'S1 co-located replicas go first; the two on n-a are a tie',
      why: 'ranks (active Deployment pods on the node): n-a 2, n-b 1, n-c 1. Rule 5 puts the doubled-up pods first; both n-a pods are equal in every other key.',
      cluster: threeZones(), w: { replicas: 4 },
      fixture: [{ name: 'p1', node: 'n-a' }, { name: 'p2', node: 'n-a' }, { name: 'p3', node: 'n-b' }, { name: 'p4', node: 'n-c' }],
      to: 3, deleted: ['p1'], tied: ['p1', 'p2'], after: '1/1/1', skew: 0, violated: false,
    },
    {
      name: 'S2 pod-deletion-cost beats co-location, and leaves skew 2 behind',
      why: 'rule 4 (cost) comes before rule 5 (rank): p3 (cost −10) is deleted although n-a has two pods. Zones end 2/0/1: skew 2 > 1.',
      cluster: threeZones(), w: { replicas: 4 },
      fixture: [{ name: 'p1', node: 'n-a' }, { name: 'p2', node: 'n-a' }, { name: 'p3', node: 'n-b', cost: -10 }, { name: 'p4', node: 'n-c' }],
      to: 3, deleted: ['p3'], after: '2/0/1', skew: 2, violated: true,
    },
    {
      name: 'S3 a not-ready pod goes before any ready one',
      why: 'rule 3 (not ready < ready) comes before co-location: p4 on n-c. Zones 2/1/0.',
      cluster: threeZones(), w: { replicas: 4 },
      fixture: [{ name: 'p1', node: 'n-a' }, { name: 'p2', node: 'n-a' }, { name: 'p3', node: 'n-b' }, { name: 'p4', node: 'n-c', ready: false }],
      to: 3, deleted: ['p4'], after: '2/1/0', skew: 2, violated: true,
    },
    {
      name: 'S4 StatefulSet: highest ordinals go, wherever they run',
      why: 'ordinals 3 and 2 are condemned: web-3 (zone-a), web-2 (zone-c). Zones 1/1/0.',
      cluster: threeZones(), w: { replicas: 4, kind: 'StatefulSet' },
      fixture: [{ name: 'web-0', node: 'n-a', ordinal: 0 }, { name: 'web-1', node: 'n-b', ordinal: 1 }, { name: 'web-2', node: 'n-c', ordinal: 2 }, { name: 'web-3', node: 'n-a', ordinal: 3 }],
      to: 2, deleted: ['web-3', 'web-2'], after: '1/1/0', skew: 1, violated: false,
    },
    {
      name: 'S5 no pods in the fixture: 6 placed first (2/2/2), then 6 → 3; all rank equal, any 3 could go',
      why: 'placement alternates a, b, c, a, b, c. Every pod shares its node with one other (rank 2), same times: a six-way tie; '
        + 'kube-spread keeps creation order and deletes the first three (one per zone): 1/1/1.',
      cluster: threeZones(), w: { replicas: 6 },
      to: 3, deleted: [], tied: [], after: '1/1/1', skew: 0, violated: false,
    },
    {
      name: 'S6 a ReplicaSet without an owner ranks nothing by co-location: the newest pod goes',
      why: 'getReplicaSetsWithSameController returns nothing for an ownerless ReplicaSet, so every rank is 0; rule 8 then '
        + 'deletes the newest pod (p4 on n-c), not one of the doubled-up pods on n-a. Zones 2/1/0.',
      cluster: threeZones(), w: { replicas: 4, kind: 'ReplicaSet' },
      fixture: [
        { name: 'p1', node: 'n-a', created: '2026-04-01T00:00:00Z' }, { name: 'p2', node: 'n-a', created: '2026-04-01T00:00:00Z' },
        { name: 'p3', node: 'n-b', created: '2026-04-01T00:00:00Z' }, { name: 'p4', node: 'n-c', created: '2026-04-30T00:00:00Z' },
      ],
      to: 3, deleted: ['p4'], after: '2/1/0', skew: 2, violated: true,
    },
  ];
  for (const t of table) {
    it(t.name, () => {
      const r = simulateScale(ctxOf(t.cluster, pods(t.fixture ?? [])), workload(t.w), t.to);
      const step = last(r.steps);
      if (t.fixture) assert.deepEqual(step.deleted.map((d) => d.pod), t.deleted);
      else assert.equal(step.deleted.length, 3);
      if (t.tied && t.fixture) assert.deepEqual(r.tiedAtCut, t.tied);
      if (t.tied && !t.fixture) assert.equal(r.tiedAtCut?.length, 6);
      assert.equal(zones(step), t.after);
      assert.equal(step.constraints[0].skew, t.skew);
      assert.equal(r.violatedAfter.length > 0, t.violated);
      if (t.violated) assert.match(r.message, /never moves running pods/);
    });
  }
});

describe('what-if: losing a domain (hand-worked)', () => {
  const six: FixturePod[] = [
    { name: 'p1', node: 'n-a' }, { name: 'p2', node: 'n-a' }, { name: 'p3', node: 'n-b' },
    { name: 'p4', node: 'n-b' }, { name: 'p5', node: 'n-c' }, { name: 'p6', node: 'n-c' },
  ];
  const table: { name: string; why: string; w: WorkloadOpts; mode: 'remove' | 'drain' | 'outage'; after: string; pending: number; evicted: number }[] = [
    {
      name: 'D1 zone-c deleted: 2 replacements fit in a and b (3/3)',
      why: 'the zone is gone as a domain: counts a2 b2, replacement 1 → a (tie), replacement 2 → b.',
      w: { replicas: 6 }, mode: 'remove', after: '3/3/-', pending: 0, evicted: 2,
    },
    {
      name: 'D2 zone-c unreachable (tainted): it still counts as a domain with 0, both replacements stay Pending',
      why: 'nodeTaintsPolicy defaults to Ignore: zone-c is still eligible with 0 pods, so the global minimum is 0 and a/b '
        + 'already hold 2 (2+1−0 > 1); n-c itself fails the taint filter.',
      w: { replicas: 6 }, mode: 'outage', after: '2/2/0', pending: 2, evicted: 2,
    },
    {
      name: 'D3 the same outage with nodeTaintsPolicy: Honor: zone-c stops counting, replacements are placed',
      why: 'Honor excludes the tainted nodes from the domains: min over a, b = 2, so a and b can each take one more.',
      w: { replicas: 6, taintsPolicy: 'Honor' }, mode: 'outage', after: '3/3/0', pending: 0, evicted: 2,
    },
    {
      name: 'D4 zone-c drained (cordoned): cordoned nodes still count, 2 Pending',
      why: 'spec.unschedulable does not remove a node from spreading: same as D2, n-c fails NodeUnschedulable.',
      w: { replicas: 6 }, mode: 'drain', after: '2/2/0', pending: 2, evicted: 2,
    },
    {
      name: 'D5 ScheduleAnyway: the outage only skews scoring, replacements land in a and b',
      why: 'soft constraints never block: replacements go to the least loaded zones a, then b (tie to a first).',
      w: { replicas: 6, when: 'ScheduleAnyway' }, mode: 'outage', after: '3/3/0', pending: 0, evicted: 2,
    },
  ];
  for (const t of table) {
    it(t.name, () => {
      const r = simulateDomainLoss(ctxOf(threeZones(), pods(six)), workload(t.w), { key: ZONE, value: 'zone-c' }, t.mode);
      assert.equal(r.evicted, t.evicted);
      assert.deepEqual(r.nodes, ['n-c']);
      assert.equal(r.pendingAfter, t.pending);
      assert.equal(zones(last(r.steps)), t.after);
      assert.equal(r.steps[1].action, 'lose-domain');
      assert.equal(r.steps.length, 2 + t.evicted);
    });
  }

  it('D6 an unknown value lists the values there are', () => {
    assert.throws(() => simulateDomainLoss(ctxOf(threeZones(), pods(six)), workload({ replicas: 6 }), { key: ZONE, value: 'zone-x' }),
      /no node has topology.kubernetes.io\/zone=zone-x \(values in the fixture: zone-a, zone-b, zone-c\)/);
  });

  it('steps render as one self-contained SVG (no script, no external resource)', () => {
    const r = simulateDomainLoss(ctxOf(threeZones(), pods(six)), workload({ replicas: 6 }), { key: ZONE, value: 'zone-c' }, 'outage');
    const svg = renderStepsSvg(r.steps, { title: 'zone loss', subtitle: r.message });
    assert.match(svg, /^<svg /);
    assert.doesNotMatch(svg, /<script|href=/);
    assert.match(svg, /2 Pending/);
  });
});
