// Releases (analysis/release/, docs/release.md): the workloads of a file placed together on the
// embedded sample cluster. The example (cache fills the general nodes, api's anti-affinity
// then finds none), the creation order (document order, priority first, OrderedReady one ordinal at
// a time), attribution, order sensitivity, check's findings and their memo; and properties: a
// release of one workload is exactly `simulate` of it, and no placement breaks a filter.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkText } from '../../../server/src/analysis/check';
import { makeContext } from '../../../server/src/analysis/context';
import { analyzeRelease } from '../../../server/src/analysis/release/analyze';
import { fileRelease } from '../../../server/src/analysis/release/fileRelease';
import { releaseSimulateJson, workloadSimulateJson } from '../../../server/src/analysis/release/json';
import { releaseWorkloads } from '../../../server/src/analysis/release/members';
import { creationOrder } from '../../../server/src/analysis/release/order';
import { simulateRelease } from '../../../server/src/analysis/release/simulate';
import { simulateWorkload } from '../../../server/src/analysis/simulate';
import { Scheduler } from '../../../server/src/engine';
import { loadEmbeddedSample } from '../../../server/src/fixture';
import { parseManifestText } from '../../../server/src/k8s/manifest';
import { runs } from '../../fuzz/arbitraries';

const ROOT = join(__dirname, '..', '..', '..');
const EXAMPLE = readFileSync(join(ROOT, 'examples', 'release-cache-api.yaml'), 'utf8');
const ctx = makeContext(loadEmbeddedSample());

const parse = (text: string) => parseManifestText(text, { fileName: 'release.yaml' });
const workloadsOf = (text: string) => releaseWorkloads([{ file: 'release.yaml', parsed: parse(text) }]);

/** A Deployment (or another kind) as YAML, with what the tests vary. */
function manifest(o: {
  kind?: string; name: string; replicas?: number; cpu?: string; pool?: string; zoneSpread?: string; antiAffinityTo?: string; affinityTo?: string;
  priorityClassName?: string; policy?: string; selectorApp?: string;
}): string {
  const kind = o.kind ?? 'Deployment';
  const lines = [
    `apiVersion: ${kind === 'Job' ? 'batch/v1' : kind === 'Pod' ? 'v1' : 'apps/v1'}`, `kind: ${kind}`, 'metadata:', `  name: ${o.name}`,
  ];
  const pod = [
    ...(o.pool ? [`nodeSelector: {node-pool: ${o.pool}}`] : []),
    ...(o.priorityClassName ? [`priorityClassName: ${o.priorityClassName}`] : []),
    ...(o.zoneSpread ? [
      'topologySpreadConstraints:', '  - maxSkew: 1', '    topologyKey: topology.kubernetes.io/zone', `    whenUnsatisfiable: ${o.zoneSpread}`,
      `    labelSelector: {matchLabels: {app: ${o.selectorApp ?? o.name}}}`,
    ] : []),
    ...(o.antiAffinityTo || o.affinityTo ? ['affinity:'] : []),
    ...(o.antiAffinityTo ? [
      '  podAntiAffinity:', '    requiredDuringSchedulingIgnoredDuringExecution:', `      - labelSelector: {matchLabels: {app: ${o.antiAffinityTo}}}`,
      '        topologyKey: kubernetes.io/hostname',
    ] : []),
    ...(o.affinityTo ? [
      '  podAffinity:', '    requiredDuringSchedulingIgnoredDuringExecution:', `      - labelSelector: {matchLabels: {app: ${o.affinityTo}}}`,
      '        topologyKey: topology.kubernetes.io/zone',
    ] : []),
    'containers:', '  - name: c', '    image: app:1', ...(o.cpu ? [`    resources: {requests: {cpu: "${o.cpu}"}}`] : []),
  ];
  if (kind === 'Pod') return [...lines, `  labels: {app: ${o.name}}`, 'spec:', ...pod.map((l) => `  ${l}`)].join('\n');
  return [
    ...lines, 'spec:',
    ...(kind === 'DaemonSet' ? [] : kind === 'Job' ? [`  parallelism: ${o.replicas ?? 1}`] : [`  replicas: ${o.replicas ?? 1}`]),
    ...(kind === 'StatefulSet' ? [`  serviceName: ${o.name}`, ...(o.policy ? [`  podManagementPolicy: ${o.policy}`] : [])] : []),
    ...(kind === 'Job' ? [] : [`  selector: {matchLabels: {app: ${o.name}}}`]),
    '  template:', `    metadata: {labels: {app: ${o.name}}}`, '    spec:',
    ...(kind === 'Job' ? ['      restartPolicy: Never'] : []),
    ...pod.map((l) => `      ${l}`),
  ].join('\n');
}
const file = (...docs: string[]) => `${docs.join('\n---\n')}\n`;

describe('releases: workloads of a file placed together', () => {
  describe("the issue's example: cache takes the six general nodes, api's anti-affinity finds none", () => {
    const a = analyzeRelease(ctx, workloadsOf(EXAMPLE));

    it('cache: 6 of 6 placed, one per general node; api: 0 of 6, every replica Pending', () => {
      const [cache, api] = a.run.results;
      assert.deepEqual(cache.placements.map((p) => p.node).sort(), ['general-zone-a-1', 'general-zone-a-2', 'general-zone-b-1', 'general-zone-b-2', 'general-zone-c-1', 'general-zone-c-2']);
      assert.equal(api.placements.length, 0);
      assert.deepEqual(api.pending.map((p) => p.replica), [0, 1, 2, 3, 4, 5]);
    });

    it('every api replica is blocked by cache (document 0), through anti-affinity', () => {
      const blocked = a.attribution.get(1)!;
      assert.deepEqual([...blocked.keys()], [0, 1, 2, 3, 4, 5]);
      for (const { blockers, more } of blocked.values()) {
        assert.equal(more, false);
        assert.deepEqual(blockers.map((b) => b.workload), [0]);
        assert.equal(blockers[0].nodes, 6);
        assert.equal(blockers[0].reasons["node(s) didn't match pod anti-affinity rules"], 5);
      }
      assert.equal(a.attribution.get(0), undefined, 'cache is not blocked');
    });

    it('alone, api fits: the release is the cause', () => {
      const api = workloadsOf(EXAMPLE)[1];
      assert.equal(simulateWorkload(ctx, api.spec).pending.length, 0);
    });

    it('is order sensitive: created the other way round, api takes the nodes and cache waits', () => {
      assert.equal(a.sensitivity.sensitive, true);
      assert.deepEqual(a.sensitivity.compared, ['reversed', 'interleaved']);
      const reversed = a.alternatives.find((r) => r.order === 'reversed')!;
      assert.equal(reversed.results[1].pending.length, 0);
      assert.ok(reversed.results[0].pending.length > 0);
      const apiChanges = a.sensitivity.changes.filter((c) => c.workload === 1 && c.order === 'reversed')[0].changes;
      assert.ok(apiChanges.includes('0 Pending instead of 6'), apiChanges.join('; '));
    });

    it('JSON: release.workloads, focus, blockedBy on the pending replicas (docs/cli.md)', () => {
      const j = releaseSimulateJson(a, 1);
      assert.equal(j.workload.name, 'api');
      assert.equal(j.release.focus, 1);
      assert.deepEqual(j.release.workloads.map((w) => [w.name, w.document, w.placed, w.pending]), [['cache', 0, 6, 0], ['api', 1, 0, 6]]);
      assert.equal(j.release.order, 'document');
      assert.equal(j.release.orderSensitive, true);
      for (const p of j.pending) {
        assert.equal(p.workload, 1);
        assert.deepEqual(p.blockedBy?.map(({ file: f, document, kind, name }) => ({ file: f, document, kind, name })), [{ file: 'release.yaml', document: 0, kind: 'Deployment', name: 'cache' }]);
      }
    });
  });

  describe('creation order', () => {
    it('document order keeps each workload together; reversed flips the workloads; interleaved takes turns', () => {
      assert.deepEqual(creationOrder('document', [2, 3]), [0, 0, 1, 1, 1]);
      assert.deepEqual(creationOrder('reversed', [2, 3]), [1, 1, 1, 0, 0]);
      assert.deepEqual(creationOrder('interleaved', [2, 3, 1]), [0, 1, 2, 0, 1, 1]);
      assert.deepEqual(creationOrder('interleaved', [0, 0]), []);
    });

    it('a higher priority goes first whatever the document order (PrioritySort)', () => {
      // Both want the six general nodes, one replica each; only the first to be scheduled gets them.
      const text = file(
        manifest({ name: 'low', replicas: 6, cpu: '3', pool: 'general', antiAffinityTo: 'high' }),
        manifest({ name: 'high', replicas: 6, cpu: '3', pool: 'general', antiAffinityTo: 'low', priorityClassName: 'important' }),
        'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: important\nvalue: 1000',
      );
      const ws = workloadsOf(text);
      assert.deepEqual(ws.map((w) => [w.spec.name, w.priority]), [['low', 0], ['high', 1000]]);
      for (const order of ['document', 'reversed', 'interleaved'] as const) {
        const run = simulateRelease(ctx, ws, order);
        assert.equal(run.results[1].placements.length, 6, order);
        assert.equal(run.results[0].placements.length, 0, order);
      }
    });

    it('an unknown priorityClassName counts as 0 and the release says so', () => {
      const ws = workloadsOf(file(manifest({ name: 'a', priorityClassName: 'gold' }), manifest({ name: 'b' })));
      assert.equal(ws[0].priority, 0);
      const j = releaseSimulateJson(analyzeRelease(ctx, ws), 0);
      assert.ok(j.release.notes.some((n) => n.includes('priorityClassName gold')));
    });

    it('OrderedReady: a StatefulSet creates its next pod once the previous one is placed, behind the pods already queued', () => {
      const ws = workloadsOf(file(manifest({ kind: 'StatefulSet', name: 'db', replicas: 3 }), manifest({ name: 'web', replicas: 3 })));
      const run = simulateRelease(ctx, ws, 'document');
      assert.deepEqual(run.sequence.map((p) => `${run.workloads[p.member].spec.name}-${p.replica}`), ['db-0', 'web-0', 'web-1', 'web-2', 'db-1', 'db-2']);
      const parallel = simulateRelease(ctx, workloadsOf(file(manifest({ kind: 'StatefulSet', name: 'db', replicas: 3, policy: 'Parallel' }), manifest({ name: 'web', replicas: 3 }))), 'document');
      assert.deepEqual(parallel.sequence.map((p) => `${parallel.workloads[p.member].spec.name}-${p.replica}`), ['db-0', 'db-1', 'db-2', 'web-0', 'web-1', 'web-2']);
    });

    it('OrderedReady: an ordinal that cannot be placed leaves the later ones uncreated', () => {
      const ws = workloadsOf(file(manifest({ name: 'hog', replicas: 6, cpu: '3', pool: 'general' }), manifest({ kind: 'StatefulSet', name: 'db', replicas: 3, cpu: '2', pool: 'general' })));
      const r = simulateRelease(ctx, ws, 'document').results[1];
      assert.equal(r.placements.length, 0);
      assert.match(r.pending[0].message, /Insufficient cpu/);
      assert.match(r.pending[1].message, /^not created: podManagementPolicy OrderedReady waits for db-0/);
    });
  });

  describe('attribution', () => {
    it('spread counting another workload: a selector that matches its pods makes it the blocker', () => {
      // `b` may only run in zone-a, and spreads over every zone (nodeAffinityPolicy Ignore) counting
      // app=a pods: `a` put two in zone-a, so zone-a is 2 above zone-b and zone-c.
      const zoneA = '      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n'
        + '              - matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [zone-a]}]\n';
      const deployment = (name: string, replicas: number, extra = '') => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n`
        + `  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n${zoneA}${extra}      containers: [{name: c, image: app:1}]`;
      const spread = '      topologySpreadConstraints:\n        - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, nodeAffinityPolicy: Ignore, labelSelector: {matchLabels: {app: a}}}\n';
      const a = analyzeRelease(ctx, workloadsOf(file(deployment('a', 2), deployment('b', 1, spread))));
      assert.equal(a.run.results[1].pending.length, 1);
      const { blockers } = a.attribution.get(1)!.get(0)!;
      assert.deepEqual(blockers.map((b) => b.workload), [0]);
      assert.deepEqual(blockers[0].reasons, { "node(s) didn't match pod topology spread constraints": 2 });
    });

    it('resources: a workload that fills the nodes is named; a workload Pending on its own is not attributed', () => {
      const text = file(
        manifest({ name: 'hog', replicas: 6, cpu: '3', pool: 'general' }),
        manifest({ name: 'small', replicas: 2, cpu: '2', pool: 'general' }),
        manifest({ name: 'huge', replicas: 1, cpu: '64' }),
      );
      const a = analyzeRelease(ctx, workloadsOf(text));
      const small = a.attribution.get(1);
      assert.ok(small && [...small.values()].every(({ blockers: b }) => b.length === 1 && b[0].workload === 0 && b[0].reasons['Insufficient cpu'] > 0));
      assert.equal(a.attribution.get(2), undefined, 'no node has 64 CPU: not the release');
      assert.equal(a.run.results[2].pending.length, 1);
    });

    it('a full cluster: at most five blockers are named, and `more` says others may block too', () => {
      const text = file(...Array.from({ length: 8 }, (_, i) => manifest({ name: `fill${i}`, replicas: 1, cpu: '3', pool: 'general' })));
      const a = analyzeRelease(ctx, workloadsOf(text));
      const pending = a.run.results.findIndex((r) => r.pending.length > 0);
      assert.equal(pending, 6, 'six general nodes: the seventh workload is the first that does not fit');
      const blocked = a.attribution.get(6)!.get(0)!;
      assert.deepEqual(blocked.blockers.map((b) => b.workload), [0, 1, 2, 3, 4]);
      assert.equal(blocked.more, true);
      const j = releaseSimulateJson(a, 6);
      assert.equal(j.pending[0].blockedByMore, true);
      assert.equal(j.release.workloads[6].blockedByMore, true);
    });
  });

  describe('check: each workload reflects its release', () => {
    it("api gets spread/blocked-by-release naming cache, with a related location on cache's name; no spread/pending", () => {
      const r = checkText(EXAMPLE, ctx, { fileName: 'release.yaml' });
      const blocked = r.findings.filter((f) => f.code === 'spread/blocked-by-release');
      assert.equal(blocked.length, 1);
      const f = blocked[0];
      assert.equal(f.document, 1);
      assert.equal(f.severity, 'warning', 'at most a warning on the embedded sample');
      assert.equal(f.path, 'spec.template.spec.affinity.podAntiAffinity');
      assert.match(f.message, /^6 of 6 replicas stay Pending \(computed on the embedded sample cluster\) because of other workloads of this file, applied together: Deployment cache \(document 0\)/);
      const cacheName = EXAMPLE.split('\n').findIndex((l) => l === '  name: cache');
      assert.equal(f.related?.[0].range.start.line, cacheName);
      assert.deepEqual(f.data, { pending: 6, replicas: 6, blockedBy: [{ document: 0, kind: 'Deployment', name: 'cache' }] });
      assert.equal(r.findings.filter((x) => x.code === 'spread/pending' || x.code === 'spread/unschedulable').length, 0);
      assert.equal(r.documents[1].simulation?.pending.length, 6);
    });

    it('an order-sensitive release gets spread/release-order-sensitive on the workloads concerned', () => {
      const r = checkText(EXAMPLE, ctx, { fileName: 'release.yaml' });
      const race = r.findings.filter((f) => f.code === 'spread/release-order-sensitive');
      assert.deepEqual(race.map((f) => f.document), [0, 1]);
      assert.match(race[1].message, /created in reverse document order: 0 Pending instead of 6/);
    });

    it('the memo follows the release: changing cache changes what api reports, and back', () => {
      const before = checkText(EXAMPLE, ctx, { fileName: 'memo.yaml' });
      const edited = EXAMPLE.replace('replicas: 6\n  selector:\n    matchLabels: {app: cache}', 'replicas: 0\n  selector:\n    matchLabels: {app: cache}');
      assert.notEqual(edited, EXAMPLE);
      const after = checkText(edited, ctx, { fileName: 'memo.yaml' });
      assert.ok(before.findings.some((f) => f.code === 'spread/blocked-by-release'));
      assert.ok(!after.findings.some((f) => f.code === 'spread/blocked-by-release'), 'api is no longer blocked');
      assert.equal(after.documents[1].simulation?.pending.length, 0);
      const again = checkText(EXAMPLE, ctx, { fileName: 'memo.yaml' });
      assert.deepEqual(again.findings, before.findings);
    });

    it('past the check limits the workloads are checked one by one, and spread/release-not-simulated says so', () => {
      const many = file(...Array.from({ length: 31 }, (_, i) => manifest({ name: `w${i}`, replicas: 1 })));
      const r = checkText(many, ctx, { fileName: 'many.yaml' });
      const notice = r.findings.filter((f) => f.code === 'spread/release-not-simulated');
      assert.equal(notice.length, 1);
      assert.equal(notice[0].document, 0);
      assert.match(notice[0].message, /^This file's 31 workloads \(31 pods, on 9 nodes\) are checked one by one/);
      assert.ok(!r.findings.some((f) => f.code === 'spread/blocked-by-release' || f.code === 'spread/release-order-sensitive'));
      assert.deepEqual(r.documents[5].simulation, simulateWorkload(ctx, workloadsOf(many)[5].spec));
    });

    it('past the order limit the release is simulated in document order only, and spread/release-order-not-checked says so', () => {
      // 3 x 1,000 pods on 9 nodes: 27,000 pods x nodes, past ORDER_POD_NODES (25,000), within the raised release limit.
      const limits = { releasePodNodes: 100_000 };
      const big = file(...['a', 'b', 'c'].map((name) => manifest({ name, replicas: 1000, pool: 'gpu' })));
      const r = checkText(big, ctx, { fileName: 'big.yaml', limits });
      // With the default limits (25,000 pods x nodes) it is not simulated together at all.
      assert.ok(checkText(big, ctx, { fileName: 'big.yaml' }).findings.some((f) => f.code === 'spread/release-not-simulated'));
      const notice = r.findings.filter((f) => f.code === 'spread/release-order-not-checked');
      assert.equal(notice.length, 1);
      assert.match(notice[0].message, /^The 3 workloads \(3000 pods, on 9 nodes\) are simulated together in document order only/);
      assert.equal(r.release?.simulated, true);
      assert.ok(!r.findings.some((f) => f.code === 'spread/release-order-sensitive' || f.code === 'spread/release-not-simulated'));
      // 2,777 pods (24,993 pods x nodes): every order is tried, no notice.
      const small = file(manifest({ name: 'a', replicas: 1000, pool: 'gpu' }), manifest({ name: 'b', replicas: 1000, pool: 'gpu' }), manifest({ name: 'c', replicas: 777, pool: 'gpu' }));
      assert.ok(!checkText(small, ctx, { fileName: 'big.yaml', limits }).findings.some((f) => f.code === 'spread/release-order-not-checked'));
    });

    it('a file with one workload is no release: nothing changes for it', () => {
      for (const name of ['web.yaml', 'pending-zone.yaml', 'rollout-skew.yaml', 'tainted-nodes.yaml', 'broken-selector.yaml']) {
        const text = readFileSync(join(ROOT, 'examples', name), 'utf8');
        assert.equal(fileRelease(ctx, parse(text), { maxReplicas: 1000 }), undefined, name);
      }
      const withConfigMap = file('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata: {a: b}', manifest({ name: 'solo', replicas: 3 }));
      assert.equal(fileRelease(ctx, parse(withConfigMap), { maxReplicas: 1000 }), undefined);
    });
  });

  describe('properties', () => {
    const workloadArb = fc.record({
      kind: fc.constantFrom('Deployment', 'StatefulSet', 'Job', 'Pod', 'DaemonSet', 'ReplicaSet'),
      replicas: fc.integer({ min: 0, max: 8 }),
      cpu: fc.constantFrom(undefined, '250m', '1500m', '3'),
      pool: fc.constantFrom(undefined, 'general', 'db'),
      zoneSpread: fc.constantFrom(undefined, 'DoNotSchedule', 'ScheduleAnyway'),
      antiAffinityTo: fc.constantFrom(undefined, 'w0', 'w1', 'w2'),
      affinityTo: fc.constantFrom(undefined, undefined, 'w0', 'w1'),
      selectorApp: fc.constantFrom(undefined, 'w0', 'w1'),
      policy: fc.constantFrom(undefined, 'Parallel'),
      priorityClassName: fc.constantFrom(undefined, undefined, 'system-cluster-critical'),
    });
    type Generated = typeof workloadArb extends fc.Arbitrary<infer T> ? T : never;
    const textOf = (ws: Generated[]) =>
      file(...ws.map((w, k) => manifest({ ...w, name: `w${k}` })));

    it('a release of one workload is exactly `simulate` of it', () => {
      fc.assert(
        fc.property(workloadArb, (w) => {
          const [one] = workloadsOf(textOf([w]));
          const alone = simulateWorkload(ctx, one.spec);
          const a = analyzeRelease(ctx, [one]);
          assert.deepEqual(workloadSimulateJson(a, 0), alone);
          assert.equal(a.sensitivity.sensitive, false);
          assert.equal(a.attribution.size, 0);
        }),
        { numRuns: runs(60) },
      );
    });

    it('no placement breaks a filter when it is made (replayed through full cycles), whatever the order', () => {
      fc.assert(
        fc.property(fc.array(workloadArb, { minLength: 2, maxLength: 3 }), fc.constantFrom('document', 'reversed', 'interleaved' as const), (list, order) => {
          const ws = workloadsOf(textOf(list));
          const run = simulateRelease(ctx, ws, order);
          const replay = ctx.cluster.fork(ws.flatMap((w) => w.spec.owners));
          const schedulers = ws.map((_, k) => new Scheduler({ cluster: replay, env: ctx.env }, run.contexts[k].profile));
          for (const p of run.sequence) {
            const pod = run.podFor[p.member](p.replica);
            const cycle = schedulers[p.member].schedule(pod);
            const ev = cycle.nodes.find((n) => n.name === p.node)!;
            assert.ok(ev.feasible, `${pod.metadata.name} on ${p.node}: ${JSON.stringify(ev.status)}`);
            replay.assume(pod, p.node);
          }
        }),
        { numRuns: runs(40) },
      );
    });
  });
});
