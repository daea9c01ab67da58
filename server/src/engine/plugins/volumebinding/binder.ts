// The scheduler's volume binder (pkg/scheduler/framework/plugins/volumebinding/binder.go): a pod's
// claims sorted into bound / unbound-delayed / unbound-immediate (GetPodVolumeClaims), whether a node
// can satisfy them (FindPodVolumes: checkBoundClaims, findMatchingVolumes, checkVolumeProvisions,
// hasEnoughCapacity) and what Reserve + PreBind + the provisioner then do on the chosen node
// (assumePodVolumes: static bindings bound, claims to provision get a volume in the node's topology).
// Pure over StorageState; no Cluster import (cluster.ts calls assumePodVolumes when a pod is assumed).

import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from '../../api';
import { labelSelectorAsSelector } from '../../selectors';
import { claimNameOf, isClaimBound, matchesAllowedTopologies, provisionedTopology, type StorageState } from '../../volumes';
import {
  ANN_SELECTED_NODE, bytesOf, claimClass, findMatchingVolume, NOT_SUPPORTED_PROVISIONER, pvFitsNode, requestedBytes,
} from '../../volumesHelpers';

export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_NOT_ENOUGH_SPACE = 'node(s) did not have enough free storage';
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

export interface PodVolumeClaims {
  bound: PersistentVolumeClaim[];
  /** Unbound, WaitForFirstConsumer: the scheduler picks their volume. */
  delayed: PersistentVolumeClaim[];
  /** Unbound, Immediate (or pre-bound to a volume not yet bound): the PV controller should have bound them. */
  immediate: PersistentVolumeClaim[];
}

/**
 * podHasPVCs + GetPodVolumeClaims. `error`: the PreFilter's UnschedulableAndUnresolvable message
 * (a missing claim, a lost or deleting claim, an ephemeral claim the pod does not own);
 * undefined claims: the pod mounts no claim (the plugin skips).
 */
export function podVolumeClaims(storage: StorageState, pod: Pod): { error?: string; claims?: PodVolumeClaims } {
  const ns = pod.metadata?.namespace || 'default';
  const out: PodVolumeClaims = { bound: [], delayed: [], immediate: [] };
  let any = false;
  for (const v of pod.spec?.volumes ?? []) {
    const ref = v ? claimNameOf(pod, v) : undefined;
    if (!ref) continue;
    any = true;
    const claim = storage.claim(ns, ref.name);
    if (!claim) {
      return {
        error: ref.ephemeral
          ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${ref.name}"`
          : `persistentvolumeclaim "${ref.name}" not found`,
      };
    }
    if (claim.status?.phase === 'Lost') return { error: `persistentvolumeclaim "${ref.name}" bound to non-existent persistentvolume "${claim.spec?.volumeName ?? ''}"` };
    if (claim.metadata?.deletionTimestamp) return { error: `persistentvolumeclaim "${ref.name}" is being deleted` };
    if (ref.ephemeral) {
      const owner = (claim.metadata?.ownerReferences ?? []).find((o) => o?.controller);
      if (!owner || owner.uid !== pod.metadata?.uid) {
        return { error: `PVC ${ns}/${ref.name} was not created for pod ${ns}/${pod.metadata?.name ?? ''} (pod is not owner)` };
      }
    }
  }
  if (!any) return {};
  for (const v of pod.spec?.volumes ?? []) {
    const ref = v ? claimNameOf(pod, v) : undefined;
    if (!ref) continue;
    const claim = storage.claim(ns, ref.name)!;
    if (isClaimBound(claim)) out.bound.push(claim);
    else if (isDelayBinding(storage, claim) && !claim.spec?.volumeName) out.delayed.push(claim);
    else out.immediate.push(claim);
  }
  return { claims: out };
}

/** IsDelayBindingMode: the claim's class exists and binds WaitForFirstConsumer (no class, unknown class: Immediate). */
function isDelayBinding(storage: StorageState, claim: PersistentVolumeClaim): boolean {
  const name = claimClass(claim);
  if (!name) return false;
  return storage.classes.get(name)?.volumeBindingMode === 'WaitForFirstConsumer';
}

export interface PodVolumes {
  /** Conflict reasons, in FindPodVolumes' order; empty: the node fits. */
  reasons: string[];
  /** FindPodVolumes returned an error (a claim without a class, an unknown class): the Filter's Error status. */
  error?: string;
  staticBindings: { claim: PersistentVolumeClaim; pv: PersistentVolume }[];
  provisions: PersistentVolumeClaim[];
}

/** FindPodVolumes on one node. */
export function findPodVolumes(storage: StorageState, claims: PodVolumeClaims, node: Node): PodVolumes {
  const labels = node.metadata?.labels ?? {};
  const nodeName = node.metadata?.name ?? '';
  let boundSatisfied = true;
  let unboundSatisfied = true;
  let sufficientStorage = true;
  let boundPVsFound = true;
  const staticBindings: PodVolumes['staticBindings'] = [];
  let provisions: PersistentVolumeClaim[] = [];
  let error: string | undefined;
  const result = (): PodVolumes => {
    if (error !== undefined) return { reasons: [], error, staticBindings: [], provisions: [] };
    const reasons: string[] = [];
    if (!boundSatisfied) reasons.push(ERR_REASON_NODE_CONFLICT);
    if (!unboundSatisfied) reasons.push(ERR_REASON_BIND_CONFLICT);
    if (!sufficientStorage) reasons.push(ERR_REASON_NOT_ENOUGH_SPACE);
    if (!boundPVsFound) reasons.push(ERR_REASON_PV_NOT_EXIST);
    return { reasons, staticBindings, provisions };
  };

  // checkBoundClaims: the first claim whose PV is missing or does not fit decides.
  for (const claim of claims.bound) {
    const pv = storage.pv(claim.spec?.volumeName ?? '');
    if (!pv) {
      boundPVsFound = false;
      break;
    }
    if (!pvFitsNode(pv, labels)) {
      boundSatisfied = false;
      break;
    }
  }

  if (claims.delayed.length > 0) {
    const toMatch: PersistentVolumeClaim[] = [];
    const toProvision: PersistentVolumeClaim[] = [];
    for (const claim of claims.delayed) {
      const selected = claim.metadata?.annotations?.[ANN_SELECTED_NODE];
      if (selected !== undefined) {
        if (selected !== nodeName) {
          unboundSatisfied = false;
          return result();
        }
        toProvision.push(claim);
      } else {
        toMatch.push(claim);
      }
    }
    if (toMatch.length > 0) {
      // findMatchingVolumes: smallest requests first, each PV chosen at most once.
      const sorted = [...toMatch].sort((a, b) => requestedBytes(a) - requestedBytes(b));
      const chosen = new Set<string>();
      for (const claim of sorted) {
        const pv = findMatchingVolume(claim, storage.pvsOfClass(claimClass(claim)), labels, chosen);
        if (!pv) {
          toProvision.push(claim);
          unboundSatisfied = false;
          continue;
        }
        chosen.add(pv.metadata?.name ?? '');
        staticBindings.push({ claim, pv });
      }
    }
    if (toProvision.length > 0) {
      const p = checkVolumeProvisions(storage, toProvision, node);
      unboundSatisfied = p.satisfied;
      sufficientStorage = p.sufficient;
      provisions = p.provisions;
      error = p.error;
    }
  }
  return result();
}

/** checkVolumeProvisions: every claim left can be provisioned for this node (class, allowedTopologies, capacity). */
function checkVolumeProvisions(
  storage: StorageState, claims: PersistentVolumeClaim[], node: Node,
): { satisfied: boolean; sufficient: boolean; provisions: PersistentVolumeClaim[]; error?: string } {
  const provisions: PersistentVolumeClaim[] = [];
  for (const claim of claims) {
    const className = claimClass(claim);
    const key = `${claim.metadata?.namespace || 'default'}/${claim.metadata?.name ?? ''}`;
    if (!className) return { satisfied: false, sufficient: false, provisions: [], error: `no class for claim "${key}"` };
    const cls = storage.classes.get(className);
    if (!cls) return { satisfied: false, sufficient: false, provisions: [], error: `failed to find storage class "${className}"` };
    if (!cls.provisioner || cls.provisioner === NOT_SUPPORTED_PROVISIONER) return { satisfied: false, sufficient: true, provisions: [] };
    if (!matchesAllowedTopologies(cls, node.metadata?.labels ?? {})) return { satisfied: false, sufficient: true, provisions: [] };
    if (!hasEnoughCapacity(storage, claim, cls.metadata?.name ?? '', node)) return { satisfied: true, sufficient: false, provisions: [] };
    provisions.push(claim);
  }
  return { satisfied: true, sufficient: true, provisions };
}

/**
 * hasEnoughCapacity: a claim without a storage request always fits. Upstream checks capacity only for
 * a CSI driver whose CSIDriver object opts in (storageCapacity: true); fixtures carry no CSIDriver, so
 * kube-spread checks it whenever some CSIStorageCapacity names the class (docs/deviations.md). Then
 * one object of the class whose limit (maximumVolumeSize, else capacity) is at least the request and
 * whose nodeTopology selects the node must exist.
 */
function hasEnoughCapacity(storage: StorageState, claim: PersistentVolumeClaim, className: string, node: Node): boolean {
  const request = claim.spec?.resources?.requests?.storage;
  if (request === undefined || request === null) return true;
  const ofClass = storage.capacities.filter((c) => c.storageClassName === className);
  if (ofClass.length === 0) return true;
  const size = bytesOf(request);
  return ofClass.some((c) => {
    const limit = c.maximumVolumeSize ?? c.capacity;
    if (limit === undefined || limit === null || bytesOf(limit) < size) return false;
    if (!c.nodeTopology) return false;
    try {
      return labelSelectorAsSelector(c.nodeTopology).matches(node.metadata?.labels ?? {});
    } catch {
      return false;
    }
  });
}

/**
 * What happens to the pod's unbound WaitForFirstConsumer claims once the pod is bound to `node`
 * (Reserve's AssumePodVolumes, PreBind's BindPodVolumes, then the PV controller and the provisioner):
 * static matches are bound, the other claims get a provisioned volume in the node's topology.
 * Claims the node cannot satisfy stay as they are.
 */
export function assumePodVolumes(storage: StorageState, pod: Pod, node: Node): void {
  const { claims } = podVolumeClaims(storage, pod);
  if (!claims || claims.delayed.length === 0) return;
  const found = findPodVolumes(storage, claims, node);
  for (const { claim, pv } of found.staticBindings) storage.bind(claim, pv);
  for (const claim of found.provisions) {
    const cls = storage.classes.get(claimClass(claim));
    if (cls) storage.provision(claim, provisionedTopology(storage, cls, node));
  }
}
