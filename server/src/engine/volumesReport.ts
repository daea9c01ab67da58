// Where a workload's claims ended up: for each claim its pods mount, the volume it is bound to and the
// topology that volume pins its pods to (simulate's `workload.volumes`, docs/cli.md).

import { LABEL_HOSTNAME, LABEL_ZONE, type NodeSelectorTerm, type Pod } from './api';
import type { Cluster } from './cluster';
import { claimNameOf, isClaimBound } from './volumes';
import { pvFitsNode } from './volumesHelpers';

export interface ClaimPlacement {
  claim: string;
  /** The PersistentVolume the claim is bound to; absent while unbound (its pod Pending). */
  volume?: string;
  /** The one zone the volume is accessible from (its node affinity or zone label). */
  zone?: string;
  /** The one node the volume is accessible from (a node-local volume). */
  node?: string;
  /** Created by the simulation (a StatefulSet claim template, an ephemeral volume) rather than found in the fixture. */
  created: boolean;
}

/** The claims the pods mount, in pod order, each once. */
export function claimPlacements(cluster: Cluster, pods: readonly Pod[]): ClaimPlacement[] {
  const out: ClaimPlacement[] = [];
  const seen = new Set<string>();
  const storage = cluster.storage;
  const created = new Set(storage.created);
  for (const pod of pods) {
    const ns = pod.metadata?.namespace || 'default';
    for (const v of pod.spec?.volumes ?? []) {
      const ref = v ? claimNameOf(pod, v) : undefined;
      if (!ref || seen.has(`${ns}/${ref.name}`)) continue;
      seen.add(`${ns}/${ref.name}`);
      const claim = storage.claim(ns, ref.name);
      const entry: ClaimPlacement = { claim: ref.name, created: created.has(`${ns}/${ref.name}`) };
      out.push(entry);
      if (!claim || !isClaimBound(claim)) continue;
      const pv = storage.pv(claim.spec?.volumeName ?? '');
      if (!pv) continue;
      entry.volume = pv.metadata.name;
      const pinned = pinnedBy(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []);
      const zoneLabel = pv.metadata.labels?.[LABEL_ZONE];
      if (pinned.node !== undefined) entry.node = pinned.node;
      else if (pinned.zone !== undefined) entry.zone = pinned.zone;
      else if (pv.spec?.nodeAffinity?.required) {
        // Some other affinity: the one node, or the one zone, of the nodes it admits.
        const fits = cluster.nodes.filter((n) => pvFitsNode(pv, n.labels));
        const zones = new Set(fits.map((n) => n.labels[LABEL_ZONE]));
        const [only] = [...zones];
        if (fits.length === 1) entry.node = fits[0].name;
        else if (zones.size === 1 && only !== undefined) entry.zone = only;
      } else if (zoneLabel !== undefined && !zoneLabel.includes('__')) entry.zone = zoneLabel;
    }
  }
  return out;
}

/** A single-term affinity `kubernetes.io/hostname In [x]` pins a node, `topology.kubernetes.io/zone In [z]` a zone. */
function pinnedBy(terms: readonly (NodeSelectorTerm | null)[]): { node?: string; zone?: string } {
  if (terms.length !== 1 || !terms[0]) return {};
  const out: { node?: string; zone?: string } = {};
  for (const e of terms[0].matchExpressions ?? []) {
    if (e.operator !== 'In' || e.values?.length !== 1) continue;
    if (e.key === LABEL_HOSTNAME) out.node = e.values[0];
    if (e.key === LABEL_ZONE) out.zone = e.values[0];
  }
  return out;
}
