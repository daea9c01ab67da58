// spread/volume-pinned: replicas Pending because the volumes of their claims pin them to domains that
// their own hard spread constraint cannot take more pods in (docs/volumes.md). Typical: existing claims
// of a StatefulSet bound in one zone (the fixture holds them), or, after a zone outage, claims whose
// zonal disks stayed in the lost zone. The scheduler's reasons say so on each side: the volume filters
// reject the other domains' nodes, PodTopologySpread the pinned domain's.

import type { Finding, Severity } from '../base/finding';
import { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_CONFLICT, formatFieldPath as dotted } from '../engine';
import type { ManifestDocument } from '../k8s/manifest';
import type { Workload } from '../k8s/workloads';
import type { SimulateJson, VolumeJson } from './simulate';

/** volumezone's ErrReasonConflict (engine/plugins/volumezone/plugin.ts). */
const ERR_REASON_VOLUME_ZONE_CONFLICT = 'node(s) had no available volume zone';

/** The claims replica `i` mounts: a StatefulSet's `<template>-<set>-<ordinal>` (the controller's names) and the claims the pod template names. */
function claimsOf(workload: Workload, volumes: readonly VolumeJson[], i: number): VolumeJson[] {
  if (workload.kind !== 'StatefulSet') return [...volumes];
  const names = new Set((workload.claimTemplates ?? []).map((t) => `${t.metadata?.name}-${workload.name}-${i}`));
  for (const v of workload.template.spec?.volumes ?? []) if (v?.persistentVolumeClaim?.claimName) names.add(v.persistentVolumeClaim.claimName);
  return volumes.filter((v) => names.has(v.claim));
}

export function volumePinnedFinding(doc: ManifestDocument, workload: Workload, sim: SimulateJson, onSample: string): Finding | undefined {
  const volumes = sim.workload.volumes;
  if (!volumes?.length || sim.pending.length === 0) return undefined;
  const hard = sim.constraints.filter((c) => c.source === 'pod' && c.whenUnsatisfiable === 'DoNotSchedule');
  if (hard.length === 0) return undefined;
  const pinned = sim.pending.filter((p) => (p.reasons[ERR_REASON_NODE_CONFLICT] || p.reasons[ERR_REASON_VOLUME_ZONE_CONFLICT]) && p.reasons[ERR_REASON_CONSTRAINTS_NOT_MATCH]);
  if (pinned.length === 0) return undefined;
  const first = pinned[0];
  const claims = claimsOf(workload, volumes, first.replica).filter((v) => v.bound && (v.zone !== undefined || v.node !== undefined));
  if (claims.length === 0) return undefined;
  // The constraint whose domains the claims name: a zonal volume, the zone constraint; else the first hard one.
  const zonal = claims.some((v) => v.zone !== undefined);
  const c = hard.find((x) => (zonal ? x.topologyKey === 'topology.kubernetes.io/zone' : x.topologyKey === 'kubernetes.io/hostname')) ?? hard[0];
  const tscPath = [...workload.podSpecPath, 'topologySpreadConstraints', c.index];
  const range = doc.rangeOf(tscPath, 'key') ?? doc.rangeOf(workload.podSpecPath, 'key') ?? doc.range;
  const where = claims.map((v) => `${v.claim} in ${v.zone !== undefined ? `zone ${v.zone}` : `node ${v.node}`}`).join(', ');
  const counts = sim.counts[c.topologyKey] ?? {};
  const reasons = Object.entries(first.reasons).map(([r, n]) => `${n} ${r}`).join(', ');
  const severity: Severity = onSample ? 'warning' : 'error';
  const total = sim.workload.replicas;
  return {
    code: 'spread/volume-pinned', severity, range, document: doc.index, path: dotted(tscPath),
    message: `${pinned.length} of ${total} replica(s) stay Pending${onSample}: their volumes pin them where ${c.topologyKey} maxSkew ${c.maxSkew} (DoNotSchedule) ` +
      `allows no more pods; replica ${first.replica} mounts ${where}. The scheduler: ${reasons}`,
    related: Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([d, n]) => ({ message: `${c.topologyKey}=${d || '""'}: ${n} matching pod(s)`, range })),
    data: { pending: pinned.length, replicas: total, constraint: c.index, claims: claims.map((v) => v.claim) },
  };
}
