// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/volumerestrictions/volume_restrictions_test.go
// @ bace36f (TestGCEDiskConflicts, TestAWSDiskConflicts, TestRBDDiskConflicts, TestISCSIDiskConflicts,
// TestAccessModeConflicts), case names as upstream. Statuses are PreFilter's then Filter's (absent:
// Success); Filter runs only when PreFilter succeeds, as upstream. Upstream hands Filter a bare NodeInfo
// holding the existing pods; here they are bound to node-1 of a one-node cluster (the ReadWriteOncePod
// check reads the whole cluster, as IsPVCUsedByPods reads the snapshot).
// Skipped: none (every case of these tables runs).

import assert from 'node:assert/strict';
import type { PersistentVolumeClaim, Pod, Volume } from '../../../server/src/engine/api';
import { Cluster, makePodInfo } from '../../../server/src/engine/cluster';
import { CycleState, type Status } from '../../../server/src/engine/framework';
import {
  ERR_REASON_DISK_CONFLICT, ERR_REASON_RWOP_CONFLICT, VolumeRestrictions,
} from '../../../server/src/engine/plugins/volumerestrictions/plugin';
import { defaultEnv } from '../../../server/src/engine/versions';
import { makeNode, makePod } from '../builders';

const podWith = (name: string, volumes: Volume[], node?: string): Pod => {
  const b = makePod(name);
  if (node) b.node(node);
  const p = b.build();
  p.spec.volumes = volumes;
  return p;
};
const pvcVol = (claim: string): Volume => ({ name: claim, persistentVolumeClaim: { claimName: claim } });

const skip: Status = { code: 'Skip', reasons: [] };
const diskConflict: Status = { code: 'Unschedulable', reasons: [ERR_REASON_DISK_CONFLICT] };

interface Case {
  name: string;
  pod: Pod;
  /** Pods on node-1 (upstream's nodeInfo). */
  existing: Pod[];
  pvcs?: PersistentVolumeClaim[];
  preFilter?: Status;
  filter?: Status;
}

/** The four disk tables share one shape: two volumes of a kind, the first already mounted on the node. */
function diskTable(volState: Volume, volState2: Volume, withNoRestriction: boolean): Case[] {
  const cases: Case[] = [
    { name: 'nothing', pod: podWith('p', []), existing: [], preFilter: skip },
    { name: 'one state', pod: podWith('p', []), existing: [podWith('e', [volState], 'node-1')], preFilter: skip },
    { name: 'same state', pod: podWith('p', [volState]), existing: [podWith('e', [volState], 'node-1')], filter: diskConflict },
    { name: 'different state', pod: podWith('p', [volState2]), existing: [podWith('e', [volState], 'node-1')] },
  ];
  if (withNoRestriction) {
    cases.push({ name: "pod with a volume that doesn't have restrictions", pod: podWith('p', [{ name: 'volume with no restriction' }]), existing: [], preFilter: skip });
  }
  return cases;
}

const claim = (name: string, mode: string): PersistentVolumeClaim => ({ metadata: { name, namespace: 'default' }, spec: { accessModes: [mode] } });
const rwop1 = claim('claim-with-rwop-1', 'ReadWriteOncePod');
const rwop2 = claim('claim-with-rwop-2', 'ReadWriteOncePod');
const rwx = claim('claim-with-rwx', 'ReadWriteMany');
const podWithOnePVC = () => podWith('pod-with-one-pvc', [pvcVol('claim-with-rwop-1')], 'node-1');
const podWithTwoPVCs = () => podWith('pod-with-two-pvcs', [pvcVol('claim-with-rwop-1'), pvcVol('claim-with-rwop-2')], 'node-1');
const podWithRWX = () => podWith('pod-with-rwx', [pvcVol('claim-with-rwx')], 'node-1');
const unbound = (p: Pod): Pod => ({ ...p, spec: { ...p.spec, nodeName: undefined } });

const tables: { name: string; cases: Case[] }[] = [
  { name: 'TestGCEDiskConflicts', cases: diskTable({ name: 'a', gcePersistentDisk: { pdName: 'foo' } }, { name: 'b', gcePersistentDisk: { pdName: 'bar' } }, true) },
  { name: 'TestAWSDiskConflicts', cases: diskTable({ name: 'a', awsElasticBlockStore: { volumeID: 'foo' } }, { name: 'b', awsElasticBlockStore: { volumeID: 'bar' } }, false) },
  { name: 'TestRBDDiskConflicts', cases: diskTable(
    { name: 'a', rbd: { monitors: ['a', 'b'], pool: 'foo', image: 'bar' } },
    { name: 'b', rbd: { monitors: ['c', 'd'], pool: 'foo', image: 'bar' } }, false) },
  { name: 'TestISCSIDiskConflicts', cases: diskTable(
    { name: 'a', iscsi: { targetPortal: '127.0.0.1:3260', iqn: 'iqn.2016-12.server:storage.target01', lun: 0 } },
    { name: 'b', iscsi: { targetPortal: '127.0.0.1:3260', iqn: 'iqn.2017-12.server:storage.target01', lun: 0 } }, false) },
  { name: 'TestAccessModeConflicts', cases: [
    { name: 'nothing', pod: podWith('p', []), existing: [], preFilter: skip },
    { name: 'failed to get PVC', pod: unbound(podWithOnePVC()), existing: [],
      preFilter: { code: 'UnschedulableAndUnresolvable', reasons: ['persistentvolumeclaim "claim-with-rwop-1" not found'] } },
    { name: 'no access mode conflict', pod: unbound(podWithOnePVC()), existing: [podWithRWX()], pvcs: [rwop1, rwx], preFilter: skip },
    { name: 'access mode conflict, unschedulable', pod: podWith('pod-with-one-conflict', [pvcVol('claim-with-rwop-1')]),
      existing: [podWithOnePVC(), podWithRWX()], pvcs: [rwop1, rwx], filter: { code: 'Unschedulable', reasons: [ERR_REASON_RWOP_CONFLICT] } },
    { name: 'two conflicts, unschedulable', pod: podWith('pod-with-two-conflicts', [pvcVol('claim-with-rwop-1'), pvcVol('claim-with-rwop-2')]),
      existing: [podWithTwoPVCs(), podWithRWX()], pvcs: [rwop1, rwop2, rwx], filter: { code: 'Unschedulable', reasons: [ERR_REASON_RWOP_CONFLICT] } },
  ] },
];

const ok: Status = { code: 'Success', reasons: [] };
const plain = (s: Status) => ({ code: s.code, reasons: [...s.reasons] });

for (const t of tables) {
  describe(`VolumeRestrictions (upstream ${t.name})`, () => {
    for (const c of t.cases) {
      it(c.name, () => {
        const cluster = Cluster.build({ nodes: [makeNode('node-1').build()], pods: c.existing, persistentVolumeClaims: c.pvcs ?? [] });
        const plugin = VolumeRestrictions({ cluster, env: defaultEnv() });
        const pi = makePodInfo(c.pod);
        const state = new CycleState();
        const pre = plugin.preFilter!(state, pi);
        assert.deepEqual(plain(pre), plain(c.preFilter ?? ok), 'PreFilter');
        if (pre.code === 'Success') assert.deepEqual(plain(plugin.filter!(state, pi, cluster.nodes[0])), plain(c.filter ?? ok), 'Filter');
      });
    }
  });
}
