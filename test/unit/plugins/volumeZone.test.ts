// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/volumezone/volume_zone_test.go
// (TestSingleZone, TestMultiZone, TestWithBinding), case names as upstream. Statuses are PreFilter's
// then Filter's (absent: Success). Adapted / skipped, with the reason:
// - "unbound volume no storage class": upstream's fake lister says `storageclasses.storage.k8s.io`;
//   the real informer lister (the one kube-scheduler runs) says `storageclass.storage.k8s.io`: that is asserted.
// - "unbound volume immediate binding mode": a class without volumeBindingMode; the API server defaults it
//   to Immediate, and kube-spread reads an absent mode as that default, so the case cannot arise (skipped).

import assert from 'node:assert/strict';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../server/src/engine/api';
import { Cluster, makePodInfo } from '../../../server/src/engine/cluster';
import { CycleState, type Status } from '../../../server/src/engine/framework';
import { VolumeZone, ERR_REASON_VOLUME_ZONE_CONFLICT as CONFLICT } from '../../../server/src/engine/plugins/volumezone/plugin';
import { defaultEnv } from '../../../server/src/engine/versions';
import { makeNode, makePod } from '../builders';

const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';

const pv = (name: string, labels: Record<string, string>): PersistentVolume => ({ metadata: { name, labels } });
const pvc = (name: string, spec: PersistentVolumeClaim['spec']): PersistentVolumeClaim => ({ metadata: { name, namespace: 'default' }, spec });

const single = {
  pvs: [
    pv('Vol_1', { [BETA_ZONE]: 'us-west1-a' }), pv('Vol_2', { [BETA_REGION]: 'us-west1', uselessLabel: 'none' }), pv('Vol_3', { [BETA_REGION]: 'us-west1' }),
    pv('Vol_Stable_1', { [ZONE]: 'us-west1-a' }), pv('Vol_Stable_2', { [REGION]: 'us-west1', uselessLabel: 'none' }),
    pv('Vol_Stable_3', { [ZONE]: 'us-west1-a', [REGION]: 'us-west1-a' }),
  ],
  pvcs: ['1', '2', '3', 'Stable_1', 'Stable_2', 'Stable_3'].map((s) => pvc(`PVC_${s}`, { volumeName: `Vol_${s}` })).concat(pvc('PVC_4', { volumeName: 'Vol_not_exist' })),
};
const multi = {
  pvs: [
    pv('Vol_1', { [BETA_ZONE]: 'us-west1-a' }), pv('Vol_2', { [BETA_ZONE]: 'us-west1-b', uselessLabel: 'none' }), pv('Vol_3', { [BETA_ZONE]: 'us-west1-c__us-west1-a' }),
    pv('Vol_Stable_1', { [ZONE]: 'us-west1-a' }), pv('Vol_Stable_2', { [ZONE]: 'us-west1-c__us-west1-a' }),
  ],
  pvcs: ['1', '2', '3', 'Stable_1', 'Stable_2'].map((s) => pvc(`PVC_${s}`, { volumeName: `Vol_${s}` })).concat(pvc('PVC_4', { volumeName: 'Vol_not_exist' })),
};
const binding = {
  pvs: [pv('Vol_1', { [BETA_ZONE]: 'us-west1-a' })],
  pvcs: [
    pvc('PVC_1', { volumeName: 'Vol_1' }), pvc('PVC_NoSC', { storageClassName: 'Class_0' }), pvc('PVC_EmptySC', {}),
    pvc('PVC_WaitSC', { storageClassName: 'Class_Wait' }), pvc('PVC_ImmediateSC', { storageClassName: 'Class_Immediate' }),
  ],
  classes: [
    { metadata: { name: 'Class_Immediate' }, provisioner: 'x', volumeBindingMode: 'Immediate' },
    { metadata: { name: 'Class_Wait' }, provisioner: 'x', volumeBindingMode: 'WaitForFirstConsumer' },
  ],
};
const skip: Status = { code: 'Skip', reasons: [] };
const conflict: Status = { code: 'UnschedulableAndUnresolvable', reasons: [CONFLICT] };
const unres = (m: string): Status => ({ code: 'UnschedulableAndUnresolvable', reasons: [m] });
const testNode = { [BETA_ZONE]: 'us-west1-a', uselessLabel: 'none' };

interface Case { name: string; pvc?: string; node: Record<string, string>; preFilter?: Status; filter?: Status }
const tables: { name: string; world: { pvs: PersistentVolume[]; pvcs: PersistentVolumeClaim[]; classes?: typeof binding.classes }; cases: Case[] }[] = [
  { name: 'TestSingleZone', world: single, cases: [
    { name: 'pod without volume', node: { [BETA_ZONE]: 'us-west1-a' }, preFilter: skip },
    { name: 'node without labels', pvc: 'PVC_1', node: {} },
    { name: 'beta zone label matched', pvc: 'PVC_1', node: { [BETA_ZONE]: 'us-west1-a', uselessLabel: 'none' } },
    { name: 'beta region label matched', pvc: 'PVC_2', node: { [BETA_REGION]: 'us-west1', uselessLabel: 'none' } },
    { name: "beta region label doesn't match", pvc: 'PVC_2', node: { [BETA_REGION]: 'no_us-west1', uselessLabel: 'none' }, filter: conflict },
    { name: "beta zone label doesn't match", pvc: 'PVC_1', node: { [BETA_ZONE]: 'no_us-west1-a', uselessLabel: 'none' }, filter: conflict },
    { name: 'zone label matched', pvc: 'PVC_Stable_1', node: { [ZONE]: 'us-west1-a', uselessLabel: 'none' } },
    { name: 'region label matched', pvc: 'PVC_Stable_2', node: { [REGION]: 'us-west1', uselessLabel: 'none' } },
    { name: "region label doesn't match", pvc: 'PVC_Stable_2', node: { [REGION]: 'no_us-west1', uselessLabel: 'none' }, filter: conflict },
    { name: "zone label doesn't match", pvc: 'PVC_Stable_1', node: { [ZONE]: 'no_us-west1-a', uselessLabel: 'none' }, filter: conflict },
    { name: 'pv with zone and region, node with only zone', pvc: 'PVC_Stable_3', node: { [ZONE]: 'us-west1-a' }, filter: conflict },
    { name: 'pv with zone,node with beta zone', pvc: 'PVC_Stable_1', node: { [BETA_ZONE]: 'us-west1-a' }, filter: conflict },
    { name: 'pv with beta label,node with ga label, matched', pvc: 'PVC_1', node: { [ZONE]: 'us-west1-a' } },
    { name: "pv with beta label,node with ga label, don't match", pvc: 'PVC_1', node: { [ZONE]: 'us-west1-b' }, filter: conflict },
  ] },
  { name: 'TestMultiZone', world: multi, cases: [
    { name: 'node without labels', pvc: 'PVC_3', node: {} },
    { name: 'beta zone label matched', pvc: 'PVC_3', node: { [BETA_ZONE]: 'us-west1-a', uselessLabel: 'none' } },
    { name: "beta zone label doesn't match", pvc: 'PVC_1', node: { [BETA_ZONE]: 'us-west1-b', uselessLabel: 'none' }, filter: conflict },
    { name: 'zone label matched', pvc: 'PVC_Stable_2', node: { [ZONE]: 'us-west1-a', uselessLabel: 'none' } },
    { name: "zone label doesn't match", pvc: 'PVC_Stable_1', node: { [ZONE]: 'us-west1-b', uselessLabel: 'none' }, filter: conflict },
  ] },
  { name: 'TestWithBinding', world: binding, cases: [
    { name: 'label zone failure domain matched', pvc: 'PVC_1', node: testNode },
    { name: 'unbound volume empty storage class', pvc: 'PVC_EmptySC', node: testNode,
      preFilter: unres('PersistentVolumeClaim had no pv name and storageClass name'), filter: unres('PersistentVolumeClaim had no pv name and storageClass name') },
    { name: 'unbound volume no storage class', pvc: 'PVC_NoSC', node: testNode,
      preFilter: unres('storageclass.storage.k8s.io "Class_0" not found'), filter: unres('storageclass.storage.k8s.io "Class_0" not found') },
    { name: 'unbound volume wait binding mode', pvc: 'PVC_WaitSC', node: testNode, preFilter: skip },
  ] },
];

const ok: Status = { code: 'Success', reasons: [] };
const plain = (s: Status) => ({ code: s.code, reasons: [...s.reasons] });

for (const t of tables) {
  describe(`VolumeZone (upstream ${t.name})`, () => {
    for (const c of t.cases) {
      it(c.name, () => {
        const node = makeNode('host1').build();
        node.metadata.labels = { ...c.node };
        const cluster = Cluster.build({ nodes: [node], persistentVolumes: t.world.pvs, persistentVolumeClaims: t.world.pvcs, storageClasses: t.world.classes ?? [] });
        const plugin = VolumeZone({ cluster, env: defaultEnv() });
        const pod = makePod('pod_1').build();
        if (c.pvc) pod.spec.volumes = [{ name: 'v', persistentVolumeClaim: { claimName: c.pvc } }];
        const pi = makePodInfo(pod);
        const state = new CycleState();
        assert.deepEqual(plain(plugin.preFilter!(state, pi)), plain(c.preFilter ?? ok), 'PreFilter');
        assert.deepEqual(plain(plugin.filter!(state, pi, cluster.nodes[0])), plain(c.filter ?? ok), 'Filter');
      });
    }
  });
}
