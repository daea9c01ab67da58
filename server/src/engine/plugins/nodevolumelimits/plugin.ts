// NodeVolumeLimits (pkg/scheduler/framework/plugins/nodevolumelimits/csi.go, CSILimits): the CSI
// volumes a node would have attached, per driver, must stay within the driver's attach limit
// (CSINode spec.drivers[].allocatable.count, or the node's `attachable-volumes-*` allocatable).
// Volumes are counted once per unique `<driver>/<volumeHandle>`, whoever mounts them: a bound claim by
// its PV's CSI source, an unbound claim by its class's provisioner and a handle unique to the claim.
// Not modelled (docs/deviations.md): in-tree volumes migrated to CSI (inline or as PVs), counted
// upstream only where the node's CSINode says the migration is on.

import type { Pod } from '../../api';
import type { NodeInfo, PodInfo } from '../../cluster';
import { type CycleState, errorStatus, type Handle, type Plugin, SKIP, type Status, SUCCESS, unresolvable, unschedulable } from '../../framework';
import { claimNameOf, type StorageState } from '../../volumes';
import { claimClass } from '../../volumesHelpers';

export const NODE_VOLUME_LIMITS = 'NodeVolumeLimits';
export const ERR_REASON_MAX_VOLUME_COUNT = 'node(s) exceed max volume count';
const ATTACH_PREFIX = 'attachable-volumes-';

/** GetCSIAttachLimitKey (without the hashing of names longer than 63 characters). */
const limitKey = (driver: string) => `${ATTACH_PREFIX}csi-${driver}`;

/** What filterAttachableVolumes returned: a missing claim (NotFound: UnschedulableAndUnresolvable) or another error (Error). */
interface AttachError {
  notFound: boolean;
  message: string;
}

/**
 * filterAttachableVolumes: unique volume name -> limit key for the pod's claims. A new pod with a
 * missing claim is an error (the real lister's NotFound); an existing pod's missing claims are not
 * counted. A generic ephemeral volume's claim must be owned by the pod (ephemeral.VolumeIsForPod),
 * for new and existing pods alike.
 */
function attachable(storage: StorageState, pod: Pod, newPod: boolean, out: Map<string, string>): AttachError | undefined {
  const ns = pod.metadata?.namespace || 'default';
  for (const v of pod.spec?.volumes ?? []) {
    const ref = v ? claimNameOf(pod, v) : undefined;
    if (!ref) continue; // inline volumes: only migrated in-tree ones count (not modelled)
    if (ref.name === '') return { notFound: false, message: 'PersistentVolumeClaim had no name' };
    const claim = storage.claim(ns, ref.name);
    if (!claim) {
      if (newPod) return { notFound: true, message: `looking up PVC ${ns}/${ref.name}: persistentvolumeclaim "${ref.name}" not found` };
      continue;
    }
    if (ref.ephemeral) {
      const owner = (claim.metadata?.ownerReferences ?? []).find((o) => o?.controller);
      if (!owner || owner.uid !== pod.metadata?.uid) {
        return { notFound: false, message: `PVC ${ns}/${ref.name} was not created for pod ${ns}/${pod.metadata?.name ?? ''} (pod is not owner)` };
      }
    }
    let driver = '';
    let handle = '';
    const pv = claim.spec?.volumeName ? storage.pv(claim.spec.volumeName) : undefined;
    if (pv) {
      driver = pv.spec?.csi?.driver ?? '';
      handle = pv.spec?.csi?.volumeHandle ?? '';
    } else {
      // getCSIDriverInfoFromSC: the provisioner, and a handle no other claim shares.
      const provisioner = storage.classes.get(claimClass(claim))?.provisioner ?? '';
      if (claimClass(claim) !== '' && provisioner && !provisioner.startsWith('kubernetes.io/')) {
        driver = provisioner;
        handle = `~unbound-${ns}/${ref.name}`;
      }
    }
    if (!driver || !handle) continue;
    out.set(`${driver}/${handle}`, limitKey(driver));
  }
  return undefined;
}

/** getVolumeLimits: the node's attachable-volumes-* allocatable, overridden per driver by its CSINode. */
function volumeLimits(storage: StorageState, node: NodeInfo): Map<string, number> {
  const limits = new Map<string, number>();
  for (const [k, v] of Object.entries(node.node.status?.allocatable ?? {})) {
    if (!k.startsWith(ATTACH_PREFIX)) continue;
    const n = typeof v === 'number' ? v : Number.parseInt(String(v), 10);
    if (Number.isFinite(n)) limits.set(k, n);
  }
  for (const d of storage.csiNodes.get(node.name)?.spec?.drivers ?? []) {
    const count = d?.allocatable?.count;
    if (d && count !== undefined && count !== null) limits.set(limitKey(d.name), count);
  }
  return limits;
}

export function NodeVolumeLimits(handle: Handle): Plugin {
  return {
    name: NODE_VOLUME_LIMITS,
    preFilter(_state: CycleState, pod: PodInfo): Status {
      return nodeVolumeLimitsApplies(pod.pod) ? SUCCESS : SKIP;
    },
    filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status {
      if (!pod.pod.spec?.volumes?.length) return SUCCESS;
      const storage = handle.cluster.storage;
      const newVolumes = new Map<string, string>();
      const err = attachable(storage, pod.pod, true, newVolumes);
      if (err !== undefined) return err.notFound ? unresolvable(err.message) : errorStatus(err.message);
      if (newVolumes.size === 0) return SUCCESS;
      const limits = volumeLimits(storage, node);
      if (limits.size === 0) return SUCCESS;
      const attached = new Map<string, string>();
      for (const p of node.pods) {
        const e = attachable(storage, p.pod, false, attached);
        if (e !== undefined) return errorStatus(e.message);
      }
      const attachedCount = new Map<string, number>();
      for (const [unique, key] of attached) {
        newVolumes.delete(unique); // a volume already attached is not attached twice
        attachedCount.set(key, (attachedCount.get(key) ?? 0) + 1);
      }
      const newCount = new Map<string, number>();
      for (const key of newVolumes.values()) newCount.set(key, (newCount.get(key) ?? 0) + 1);
      for (const [key, count] of newCount) {
        const max = limits.get(key);
        if (max !== undefined && (attachedCount.get(key) ?? 0) + count > max) return unschedulable(ERR_REASON_MAX_VOLUME_COUNT);
      }
      return SUCCESS;
    },
  };
}

/** PreFilter: Skip unless the pod mounts a claim or an inline volume that may be migrated to CSI. */
export function nodeVolumeLimitsApplies(pod: Pod): boolean {
  for (const v of pod.spec?.volumes ?? []) if (v && (v.persistentVolumeClaim || v.ephemeral || v.gcePersistentDisk || v.awsElasticBlockStore)) return true;
  return false;
}
