// Storage helpers the volume plugins and the claim state share, as k8s.io/component-helpers/storage/volume
// (pv_helpers.go, helpers.go) defines them: the class of a claim or volume, a PV's node affinity
// against a node's labels, access modes, and FindMatchingVolume (the smallest available PV a claim
// may bind to). Quantities are compared as resource.Quantity values (bytes).

import type { Labels, Node, PersistentVolume, PersistentVolumeClaim } from './api';
import { quantityValue } from './quantity';
import { NodeSelectorMatcher } from './selectors';

export const ANN_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_DEFAULT_CLASS_BETA = 'storageclass.beta.kubernetes.io/is-default-class';
/** volume.NotSupportedProvisioner: a class for static PVs only (no dynamic provisioning). */
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';

/** GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName; '' = no class. */
export function claimClass(claim: PersistentVolumeClaim): string {
  const ann = claim.metadata?.annotations?.[ANN_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return claim.spec?.storageClassName ?? '';
}

/** GetPersistentVolumeClass. */
export function volumeClass(pv: PersistentVolume): string {
  const ann = pv.metadata?.annotations?.[ANN_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return pv.spec?.storageClassName ?? '';
}

/** Bytes of a quantity; 0 when absent or unparsable (the API server rejects those before anyone schedules). */
export function bytesOf(q: string | number | null | undefined): number {
  if (q === undefined || q === null) return 0;
  try {
    return quantityValue(q);
  } catch {
    return 0;
  }
}

export const requestedBytes = (claim: PersistentVolumeClaim): number => bytesOf(claim.spec?.resources?.requests?.storage);
export const capacityBytes = (pv: PersistentVolume): number => bytesOf(pv.spec?.capacity?.storage);

/**
 * CheckNodeAffinity: a PV without node affinity fits every node; otherwise its required terms must
 * match a node that has only these labels (no name: a matchFields term never matches here).
 */
export function pvFitsNode(pv: PersistentVolume, nodeLabels: Labels): boolean {
  const required = pv.spec?.nodeAffinity?.required;
  if (!pv.spec?.nodeAffinity || !required) return true;
  const node: Node = { metadata: { labels: nodeLabels } };
  return new NodeSelectorMatcher(required).matches(node);
}

/** CheckAccessModes: every mode the claim asks for is one the volume offers. */
export function accessModesFit(claim: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  const offered = new Set(pv.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((m) => offered.has(m));
}

/** CheckVolumeModeMismatches: unset means Filesystem on both sides. */
export function volumeModeMismatch(claim: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  return (claim.spec?.volumeMode || 'Filesystem') !== (pv.spec?.volumeMode || 'Filesystem');
}

/** IsVolumeBoundToClaim: the PV's claimRef names this claim (and its UID when the ref has one). */
export function isVolumeBoundToClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata?.name || (ref.namespace ?? '') !== (claim.metadata?.namespace || 'default')) return false;
  return !ref.uid || ref.uid === claim.metadata?.uid;
}

/**
 * FindMatchingVolume (pv_helpers.go): a PV pre-bound to the claim (if its node affinity fits the node)
 * or else the smallest Available PV of the claim's class that is big enough, of the same volume mode,
 * offers the claim's access modes and fits the node. `node` undefined: the PV controller's path
 * (Immediate binding), where node affinity is not checked. `excluded`: PVs already chosen this cycle.
 */
export function findMatchingVolume(
  claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], nodeLabels: Labels | undefined, excluded: ReadonlySet<string>,
): PersistentVolume | undefined {
  const requested = requestedBytes(claim);
  const wantedClass = claimClass(claim);
  let smallest: PersistentVolume | undefined;
  let smallestBytes = 0;
  for (const pv of volumes) {
    const name = pv.metadata?.name ?? '';
    if (excluded.has(name)) continue;
    if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, claim)) continue;
    const size = capacityBytes(pv);
    if (size < requested) continue;
    if (volumeModeMismatch(claim, pv)) continue;
    if (pv.metadata?.deletionTimestamp) continue;
    const fits = nodeLabels === undefined || pvFitsNode(pv, nodeLabels);
    if (isVolumeBoundToClaim(pv, claim)) return fits ? pv : undefined;
    // Phase: a fixture PV without a status is taken as Available (docs/deviations.md).
    const phase = pv.status?.phase ?? 'Available';
    if (phase !== 'Available') continue;
    if (volumeClass(pv) !== wantedClass) continue;
    if (!fits) continue;
    if (!accessModesFit(claim, pv)) continue;
    if (!smallest || smallestBytes > size) {
      smallest = pv;
      smallestBytes = size;
    }
  }
  return smallest;
}
