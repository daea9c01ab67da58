// Losing a domain under a whole release (analysis/release/domainLoss.ts, docs/release.md): the release
// placed, the nodes of KEY=VALUE lost, every workload's lost pods replaced through one queue (with the
// replicas Pending before). Checked on the embedded sample: nothing lands on a lost node, every pod is
// accounted for, a release of one Deployment ends as the one-workload domain loss does, and a freed
// spread minimum lets a formerly Pending replica in.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { makeContext } from '../../../server/src/analysis/context';
import { releaseDomainLoss } from '../../../server/src/analysis/release/domainLoss';
import { releaseWorkloads } from '../../../server/src/analysis/release/members';
import { simulateRelease } from '../../../server/src/analysis/release/simulate';
import { targetOf } from '../../../server/src/analysis/whatIfRun';
import { simulateDomainLoss } from '../../../server/src/analysis/whatif/domainLoss';
import { WhatIfError } from '../../../server/src/analysis/whatif/types';
import { loadEmbeddedSample } from '../../../server/src/fixture';
import { parseManifestText } from '../../../server/src/k8s/manifest';
import { runs } from '../../fuzz/arbitraries';

const ctx = makeContext(loadEmbeddedSample());
const workloadsOf = (text: string) => releaseWorkloads([{ file: 'release.yaml', parsed: parseManifestText(text, { fileName: 'release.yaml' }) }]);

function deployment(name: string, replicas: number, o: { cpu?: string; zone?: 'DoNotSchedule' | 'ScheduleAnyway'; kind?: string; pool?: string } = {}): string {
  const kind = o.kind ?? 'Deployment';
  return [
    'apiVersion: apps/v1', `kind: ${kind}`, `metadata: {name: ${name}}`, 'spec:', `  replicas: ${replicas}`,
    ...(kind === 'StatefulSet' ? [`  serviceName: ${name}`, '  podManagementPolicy: Parallel'] : []),
    `  selector: {matchLabels: {app: ${name}}}`, '  template:', `    metadata: {labels: {app: ${name}}}`, '    spec:',
    ...(o.pool ? [`      nodeSelector: {node-pool: ${o.pool}}`] : []),
    ...(o.zone ? ['      topologySpreadConstraints:', `      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ${o.zone}, labelSelector: {matchLabels: {app: ${name}}}}`] : []),
    '      containers:', '      - name: c', '        image: app:1', ...(o.cpu ? [`        resources: {requests: {cpu: "${o.cpu}"}}`] : []),
  ].join('\n');
}
const file = (...docs: string[]) => `${docs.join('\n---\n')}\n`;
const ZONE_A = 'topology.kubernetes.io/zone=zone-a';

describe('releases: losing a domain re-places the whole release', () => {
  it('every pod is accounted for, and nothing lands on a lost node, whatever the release and the mode', () => {
    const arb = fc.record({
      replicas: fc.integer({ min: 0, max: 7 }), cpu: fc.constantFrom(undefined, '500m', '3'), zone: fc.constantFrom(undefined, 'DoNotSchedule' as const, 'ScheduleAnyway' as const),
      kind: fc.constantFrom('Deployment', 'StatefulSet'), pool: fc.constantFrom(undefined, 'general'),
    });
    fc.assert(fc.property(fc.array(arb, { minLength: 1, maxLength: 3 }), fc.constantFrom('remove' as const, 'drain' as const, 'outage' as const), fc.constantFrom('zone-a', 'zone-b'), (list, mode, zone) => {
      const ws = workloadsOf(file(...list.map((o, k) => deployment(`w${k}`, o.replicas, o))));
      const d = releaseDomainLoss(ctx, ws, `topology.kubernetes.io/zone=${zone}`, mode);
      assert.ok(d.nodes.length > 0);
      const run = simulateRelease(ctx, ws, 'document', { outcomeOnly: true });
      d.workloads.forEach((w, k) => {
        assert.equal(w.before, run.results[k].placements.length);
        assert.equal(w.pendingBefore, run.results[k].pending.length);
        assert.equal(w.recreated, w.evicted, 'Deployments and StatefulSets replace every lost pod');
        assert.equal(w.replaced + w.placedFromPending, w.placements.length);
        assert.equal(w.pendingAfter, w.recreated - w.replaced + w.pendingBefore - w.placedFromPending);
        for (const p of w.placements) assert.ok(!d.nodes.includes(p.node), `${p.pod} placed on lost node ${p.node}`);
        // Pods per zone afterwards: survivors and replacements, none in the lost zone when nodes are removed.
        const dist = w.distribution['topology.kubernetes.io/zone'];
        if (dist) {
          const total = Object.values(dist).reduce((a, b) => a + b, 0);
          // (edge-1 has no zone label: a pod there is in no zone)
          const pods = w.before - w.evicted + w.placements.length;
          if (list[k].pool === 'general') assert.equal(total, pods);
          else assert.ok(total <= pods);
          if (mode === 'remove') assert.equal(dist[zone], undefined);
        }
      });
      assert.equal(d.evicted, d.workloads.reduce((n, w) => n + w.evicted, 0));
    }), { numRuns: runs(25) });
  });

  it('a release of one Deployment ends as the one-workload domain loss does', () => {
    for (const text of [deployment('lonely', 6, { zone: 'DoNotSchedule' }), deployment('hungry', 6, { cpu: '3', pool: 'general' })]) {
      const ws = workloadsOf(text);
      const d = releaseDomainLoss(ctx, ws, ZONE_A, 'remove');
      const one = simulateDomainLoss(ctx, targetOf(ws[0].doc), { key: 'topology.kubernetes.io/zone', value: 'zone-a' }, 'remove');
      assert.equal(d.workloads[0].evicted, one.evicted);
      assert.equal(d.workloads[0].replaced, one.replaced);
      assert.equal(d.workloads[0].pendingAfter, one.pendingAfter);
      assert.deepEqual(d.workloads[0].distribution['topology.kubernetes.io/zone'], one.steps.at(-1)!.distribution['topology.kubernetes.io/zone']);
    }
  });

  it('replicas Pending before the loss are tried again: a zone gone lifts the spread minimum', () => {
    // 3 CPU on the general pool (two nodes per zone): 6 fit; the zone-spread constraint keeps the 7th
    // Pending... until zone-a is removed: the domains left are already level, and no node has room.
    const ws = workloadsOf(file(deployment('cache', 7, { cpu: '3', pool: 'general', zone: 'DoNotSchedule' })));
    const d = releaseDomainLoss(ctx, ws, ZONE_A, 'remove');
    const w = d.workloads[0];
    assert.equal(w.before, 6);
    assert.equal(w.pendingBefore, 1);
    assert.equal(w.evicted, 2);
    // Still Pending: the nodes left are full; the queue held the old Pending replica and the 2 replacements.
    assert.equal(w.pendingAfter, 3);
    assert.match(d.message, /2 of 2 replacement pod\(s\) stay Pending; 1 of the 1 replica\(s\) Pending before stay Pending after losing topology\.kubernetes\.io\/zone=zone-a/);
    // A small one (no pod of the fixture matches it): zone-a's pods go, and the replicas level over zone-b and zone-c.
    const small = releaseDomainLoss(ctx, workloadsOf(deployment('lonely', 7, { zone: 'DoNotSchedule' })), ZONE_A, 'remove').workloads[0];
    assert.equal(small.pendingAfter, 0);
    const dist = small.distribution['topology.kubernetes.io/zone'];
    assert.equal(Math.abs(dist['zone-b'] - dist['zone-c']) <= 1, true, JSON.stringify(dist));
    assert.equal(dist['zone-b'] + dist['zone-c'], 7);
  });

  it('a bare Pod is not recreated, and a domain no node has is refused with the values there are', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: solo, labels: {app: solo}}\nspec:\n  nodeName: general-zone-a-1\n  containers: [{name: c, image: app:1}]';
    const d = releaseDomainLoss(ctx, workloadsOf(file(pod, deployment('web', 2))), ZONE_A, 'remove');
    const solo = d.workloads[0];
    assert.equal(solo.evicted, 1);
    assert.equal(solo.recreated, 0);
    assert.match(solo.notReplaced ?? '', /bare Pod has no controller/);
    assert.throws(() => releaseDomainLoss(ctx, workloadsOf(deployment('web', 2)), 'topology.kubernetes.io/zone=nowhere'), (e: unknown) => e instanceof WhatIfError && /values in the fixture: zone-a, zone-b, zone-c/.test(e.message));
    assert.throws(() => releaseDomainLoss(ctx, workloadsOf(deployment('web', 2)), 'novalue'), WhatIfError);
  });
});
