// The issue's headline example: a StatefulSet whose claims are provisioned in their pods' zones
// (WaitForFirstConsumer, a zonal CSI driver) loses zone-a. Its zone-a pods' volumes stay in zone-a,
// so the replacements stay Pending with VolumeBinding's reason; and every other path (simulate,
// scale) sees the claims the StatefulSet controller creates.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node, PersistentVolumeClaim, StorageClass } from '../../../server/src/engine/api';
import type { ClusterInput } from '../../../server/src/engine/cluster';
import { makeContext } from '../../../server/src/analysis/context';
import { simulateWorkload, type VolumeJson } from '../../../server/src/analysis/simulate';
import { simulateDomainLoss, simulateScale } from '../../../server/src/analysis/whatif';
import { targetOf } from '../../../server/src/analysis/whatIfRun';
import type { LoadedFixture } from '../../../server/src/fixture';
import { summarize } from '../../../server/src/fixture/summary';
import { parseManifestText } from '../../../server/src/k8s/manifest';
import { makeNode } from '../builders';

const ZONE = 'topology.kubernetes.io/zone';
const CONFLICT = 'node(s) had volume node affinity conflict';

function nodes(): Node[] {
  const out: Node[] = [];
  for (const z of ['a', 'b', 'c']) {
    for (const i of [1, 2]) {
      const name = `n-${z}${i}`;
      out.push(makeNode(name).label('kubernetes.io/hostname', name).label(ZONE, `zone-${z}`).capacity({ cpu: '8', memory: '16Gi' }).build());
    }
  }
  return out;
}

const zonal = (mode: string): StorageClass => ({
  metadata: { name: 'zonal-ssd', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'pd.csi.storage.gke.io', volumeBindingMode: mode,
});

function ctxOf(extra: Partial<ClusterInput> = {}) {
  const input: ClusterInput = { nodes: nodes(), storageClasses: [zonal('WaitForFirstConsumer')], ...extra };
  const fixture: LoadedFixture = { source: 'test', embedded: false, files: [], input, problems: [], summary: summarize(input, 0) };
  return makeContext(fixture);
}

const example = readFileSync(join(__dirname, '../../../examples/statefulset-zonal-volumes.yaml'), 'utf8');
const target = (text = example) => targetOf(parseManifestText(text).documents.find((d) => d.kind === 'StatefulSet')!);

describe('volumes: a StatefulSet with zonal claims (examples/statefulset-zonal-volumes.yaml)', () => {
  it('simulate creates one claim per ordinal, provisioned in the zone of its pod', () => {
    const out = simulateWorkload(ctxOf(), target().spec);
    assert.equal(out.pending.length, 0);
    assert.equal(out.placements.length, 6);
    const zoneOfNode = (n: string) => `zone-${n[2]}`;
    assert.deepEqual(out.workload.volumes?.map((v) => v.claim), [0, 1, 2, 3, 4, 5].map((i) => `data-db-${i}`));
    for (const p of out.placements) {
      const v: VolumeJson = out.workload.volumes![p.replica]!;
      assert.equal(v.zone, zoneOfNode(p.node), `data-db-${p.replica} follows its pod`);
      assert.equal(v.bound, true);
      assert.equal(v.created, true);
    }
  });

  it('losing zone-a keeps the zone-a pods Pending with "node(s) had volume node affinity conflict"', () => {
    const r = simulateDomainLoss(ctxOf(), target(), { key: ZONE, value: 'zone-a' });
    assert.equal(r.evicted, 2);
    assert.equal(r.pendingAfter, 2);
    const last = r.steps[r.steps.length - 1];
    for (const p of last.pending) {
      assert.deepEqual(p.reasons, { [CONFLICT]: 4 }, p.pod);
      assert.equal(p.message, `0/4 nodes are available: 4 ${CONFLICT}.`);
    }
  });

  it('without claims the same StatefulSet re-places its zone-a pods (the volumes alone decide)', () => {
    const noClaims = example.replace(/ {2}volumeClaimTemplates:[\s\S]*$/, '');
    const r = simulateDomainLoss(ctxOf(), target(noClaims), { key: ZONE, value: 'zone-a' });
    assert.equal(r.pendingAfter, 0);
  });

  it('an existing claim in the fixture is used as it is: bound to a zone-c volume, its pod goes to zone-c', () => {
    const claim: PersistentVolumeClaim = {
      metadata: { name: 'data-db-0', namespace: 'default', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'zonal-ssd', volumeName: 'pv-old', resources: { requests: { storage: '10Gi' } } },
      status: { phase: 'Bound' },
    };
    const pv = {
      metadata: { name: 'pv-old' },
      spec: {
        capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'zonal-ssd',
        claimRef: { namespace: 'default', name: 'data-db-0' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'In', values: ['zone-c'] }] }] } },
      },
      status: { phase: 'Bound' },
    };
    const out = simulateWorkload(ctxOf({ persistentVolumeClaims: [claim], persistentVolumes: [pv] }), target().spec);
    assert.match(out.placements[0].node, /^n-c/);
    assert.deepEqual(out.workload.volumes?.[0], { claim: 'data-db-0', zone: 'zone-c', volume: 'pv-old', bound: true, created: false });
  });

  it('an Immediate class provisions at creation in the first allowed zone: every replica then needs zone-a', () => {
    const out = simulateWorkload(ctxOf({ storageClasses: [zonal('Immediate')] }), target().spec);
    // All six volumes in zone-a; after one pod there, the spread (maxSkew 1, zones b and c at 0) refuses zone-a.
    assert.equal(out.placements.length, 1);
    assert.match(out.placements[0].node, /^n-a/);
    assert.ok(out.workload.volumes!.every((v) => v.zone === 'zone-a'));
    assert.equal(out.pending.length, 5);
  });

  it('scale up reuses the claims a scale down kept: the returning ordinals are pinned to their old zone', () => {
    const kept = [3, 4].map((i): { claim: PersistentVolumeClaim; pv: NonNullable<ClusterInput['persistentVolumes']>[number] } => ({
      claim: {
        metadata: { name: `data-db-${i}`, namespace: 'default', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'zonal-ssd', volumeName: `pv-${i}`, resources: { requests: { storage: '10Gi' } } },
      },
      pv: {
        metadata: { name: `pv-${i}` },
        spec: {
          capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'zonal-ssd', claimRef: { namespace: 'default', name: `data-db-${i}` },
          nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'In', values: ['zone-b'] }] }] } },
        },
        status: { phase: 'Bound' },
      },
    }));
    const ctx = ctxOf({ persistentVolumeClaims: kept.map((k) => k.claim), persistentVolumes: kept.map((k) => k.pv) });
    const t = target();
    const r = simulateScale(ctx, { ...t, spec: { ...t.spec, replicas: 3 } }, 6);
    const step = r.steps[r.steps.length - 1];
    assert.deepEqual(step.created.map((c) => c.pod), ['db-3', 'db-4', 'db-5']);
    // db-3 joins its volume in zone-b (a/b/c = 1/2/1); db-4's volume is in zone-b too, where the spread
    // now refuses it (3 vs 1), and the other zones have no access to its volume: Pending.
    assert.match(step.created[0].node ?? '', /^n-b/);
    assert.equal(step.created[1].node, null);
    const pending = step.pending.find((p) => p.pod === 'db-4')!;
    assert.deepEqual(pending.reasons, { [CONFLICT]: 4, "node(s) didn't match pod topology spread constraints": 2 });
  });
});
