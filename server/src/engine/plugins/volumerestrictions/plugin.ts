// VolumeRestrictions (pkg/scheduler/framework/plugins/volumerestrictions/volume_restrictions.go):
// - a GCE PD, AWS EBS, iSCSI or Ceph RBD volume already mounted by a pod on the node conflicts
//   (isVolumeConflict: GCE PD and iSCSI unless both read-only, RBD when monitors overlap with the same
//   pool and image unless both read-only, EBS always) -> Unschedulable "node(s) had no available disk";
// - a ReadWriteOncePod claim already used by any scheduled pod -> Unschedulable (preemption may help).
// PreFilter looks up every PVC the pod mounts (a missing one: UnschedulableAndUnresolvable with the
// lister's message) and skips the plugin when there is nothing to check.

import type { Pod, Volume } from '../../api';
import type { NodeInfo, PodInfo } from '../../cluster';
import { type CycleState, type Handle, type Plugin, SKIP, type Status, SUCCESS, unresolvable, unschedulable } from '../../framework';

export const VOLUME_RESTRICTIONS = 'VolumeRestrictions';
export const ERR_REASON_DISK_CONFLICT = 'node(s) had no available disk';
export const ERR_REASON_RWOP_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';
const STATE_KEY = 'PreFilterVolumeRestrictions';

interface RestrictionsState {
  /** References to the pod's ReadWriteOncePod claims by scheduled pods. */
  conflictingRefCount: number;
}

/** needsRestrictionsCheck. */
const needsCheck = (v: Volume) => !!(v.gcePersistentDisk || v.awsElasticBlockStore || v.rbd || v.iscsi);

const overlap = (a: readonly string[], b: readonly string[]) => {
  const set = new Set(a);
  return b.some((x) => set.has(x));
};

/** isVolumeConflict: `v` (of the pod to schedule) against every volume of an existing pod. */
export function isVolumeConflict(v: Volume, existing: Pod): boolean {
  for (const ev of existing.spec?.volumes ?? []) {
    if (!ev) continue;
    if (v.gcePersistentDisk && ev.gcePersistentDisk) {
      if (v.gcePersistentDisk.pdName === ev.gcePersistentDisk.pdName && !(v.gcePersistentDisk.readOnly && ev.gcePersistentDisk.readOnly)) return true;
    }
    if (v.awsElasticBlockStore && ev.awsElasticBlockStore) {
      if (v.awsElasticBlockStore.volumeID === ev.awsElasticBlockStore.volumeID) return true;
    }
    if (v.iscsi && ev.iscsi) {
      if (v.iscsi.iqn === ev.iscsi.iqn && !(v.iscsi.readOnly && ev.iscsi.readOnly)) return true;
    }
    if (v.rbd && ev.rbd) {
      const a = v.rbd;
      const b = ev.rbd;
      if (overlap(a.monitors ?? [], b.monitors ?? []) && (a.pool ?? '') === (b.pool ?? '') && a.image === b.image && !(a.readOnly && b.readOnly)) return true;
    }
  }
  return false;
}

export function VolumeRestrictions(handle: Handle): Plugin {
  return {
    name: VOLUME_RESTRICTIONS,
    preFilter(state: CycleState, pod: PodInfo): Status {
      const volumes = pod.pod.spec?.volumes;
      if (!volumes?.length) return SKIP;
      const storage = handle.cluster.storage;
      let check = false;
      const rwop = new Set<string>();
      for (const v of volumes) {
        if (!v) continue;
        if (needsCheck(v)) check = true;
        if (!v.persistentVolumeClaim) continue;
        const name = v.persistentVolumeClaim.claimName ?? '';
        const claim = storage.claim(pod.namespace, name);
        if (!claim) return unresolvable(`persistentvolumeclaim "${name}" not found`);
        if ((claim.spec?.accessModes ?? []).includes('ReadWriteOncePod')) rwop.add(name);
      }
      // IsPVCUsedByPods: some scheduled pod of the namespace mounts the claim.
      let conflictingRefCount = 0;
      for (const name of rwop) if (claimInUse(handle, pod.namespace, name)) conflictingRefCount++;
      if (!check && conflictingRefCount === 0) return SKIP;
      state.write(STATE_KEY, { conflictingRefCount } satisfies RestrictionsState);
      return SUCCESS;
    },
    filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status {
      for (const v of pod.pod.spec?.volumes ?? []) {
        if (!v || !needsCheck(v)) continue;
        for (const ev of node.pods) if (isVolumeConflict(v, ev.pod)) return unschedulable(ERR_REASON_DISK_CONFLICT);
      }
      const s = state.read<RestrictionsState>(STATE_KEY);
      if (s && s.conflictingRefCount > 0) return unschedulable(ERR_REASON_RWOP_CONFLICT);
      return SUCCESS;
    },
  };
}

function claimInUse(handle: Handle, namespace: string, claim: string): boolean {
  for (const n of handle.cluster.nodes) {
    for (const p of n.pods) {
      if (p.namespace !== namespace) continue;
      for (const v of p.pod.spec?.volumes ?? []) if (v?.persistentVolumeClaim?.claimName === claim) return true;
    }
  }
  return false;
}
