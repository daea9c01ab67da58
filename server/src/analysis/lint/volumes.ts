// Volumes decide placement too, and kube-spread does not model them yet (no VolumeBinding,
// VolumeZone or volume-limit filters): a zonal PersistentVolume, as most cloud block storage is,
// pins the pod that uses it to the volume's zone. One note per workload that spreads and has such
// volumes, so the simulation is not read as the whole story.

import type { Finding } from '../../base/finding';
import { isObj } from '../../validation/api-input';
import { finding, type LintInput } from './input';

export function volumeRules(input: LintInput): Finding[] {
  const tsc = input.spec.topologySpreadConstraints;
  // DaemonSet pods are pinned to their node anyway (lint/daemonset-constraints).
  if (!Array.isArray(tsc) || tsc.length === 0 || input.w.kind === 'DaemonSet') return [];

  const claimTemplates = isObj(input.doc.value) && isObj(input.doc.value.spec) ? input.doc.value.spec.volumeClaimTemplates : undefined;
  if (input.w.kind === 'StatefulSet' && Array.isArray(claimTemplates) && claimTemplates.length > 0) {
    return [finding(input, 'lint/volumes-not-modelled', 'information',
      'Volumes are not modelled yet: the simulation ignores volumeClaimTemplates. Each replica keeps its own PersistentVolumeClaim, and a zonal volume ' +
      '(most cloud block storage) pins the replica to the volume\'s zone: from the start with an Immediate-binding StorageClass, otherwise from its first ' +
      'placement on, so a replica rescheduled later returns to its volume\'s zone whatever these constraints say',
      ['spec', 'volumeClaimTemplates'], 'key')];
  }

  const volumes = Array.isArray(input.spec.volumes) ? input.spec.volumes : [];
  const claim = volumes.findIndex((v) => isObj(v) && isObj(v.persistentVolumeClaim));
  if (claim < 0) return [];
  return [finding(input, 'lint/volumes-not-modelled', 'information',
    'Volumes are not modelled yet: the simulation ignores persistentVolumeClaim volumes. A zonal volume (most cloud block storage) pins every pod ' +
    'that mounts it to the volume\'s zone, whatever these constraints say',
    [...input.workload.podSpecPath, 'volumes', claim, 'persistentVolumeClaim'], 'key')];
}
