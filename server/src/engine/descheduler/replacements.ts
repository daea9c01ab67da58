// What the controllers do after an eviction, and the placement fingerprint loops are detected on.
//
// An evicted pod with an owner reference is re-created by its controller from the same template
// (ReplicaSet, ReplicationController, Job, StatefulSet, any custom controller; a DaemonSet's pod keeps
// the node affinity that pins it to its node). A bare pod is gone for good. Names (docs/descheduler.md):
// a StatefulSet re-creates the SAME name (its ordinal); every other controller gets a new random
// suffix from the API server, which kube-spread replaces by a deterministic one:
// `<generateName or owner name + "-">r<round>-<n>`, n counting that owner's replacements in the round.

import type { OwnerReference, Pod } from '../api';
import type { Cluster } from '../cluster';

/** The controller reference (controller: true), else the first owner. */
export function controllerOf(pod: Pod): OwnerReference | undefined {
  const owners = (pod.metadata?.ownerReferences ?? []).filter((o): o is OwnerReference => !!o);
  return owners.find((o) => o.controller) ?? owners[0];
}

/** namespace/Kind/name of the pod's controller, or namespace/Pod/name for a bare pod. */
export function ownerKey(pod: Pod): string {
  const ns = pod.metadata?.namespace || 'default';
  const o = controllerOf(pod);
  return o ? `${ns}/${o.kind ?? ''}/${o.name ?? ''}` : `${ns}/Pod/${pod.metadata?.name ?? ''}`;
}

export class ReplacementNamer {
  private readonly counts = new Map<string, number>();
  constructor(private readonly round: number) {}

  /** The pod the controller creates for `evicted`, unbound; undefined for a bare pod. */
  replacementFor(evicted: Pod): Pod | undefined {
    const owner = controllerOf(evicted);
    if (!owner) return undefined;
    let name = evicted.metadata?.name ?? '';
    if (owner.kind !== 'StatefulSet') {
      const key = ownerKey(evicted);
      const n = (this.counts.get(key) ?? 0) + 1;
      this.counts.set(key, n);
      const prefix = evicted.metadata?.generateName || `${owner.name ?? 'pod'}-`;
      name = `${prefix}r${this.round}-${n}`;
    }
    return {
      ...evicted,
      metadata: { ...evicted.metadata, name, uid: undefined, deletionTimestamp: undefined, creationTimestamp: undefined },
      spec: { ...evicted.spec, nodeName: undefined },
      status: { phase: 'Pending' },
    };
  }
}

/**
 * The placement the loop check compares: for every pod the scheduler holds (terminating ones
 * excluded) its owner and node, plus the Pending replacements by owner, as a sorted multiset.
 * Pod names are left out: a replacement is interchangeable with the pod it replaces.
 */
export function placementFingerprint(cluster: Cluster, pending: readonly Pod[]): string {
  const entries: string[] = [];
  for (const n of cluster.nodes) {
    for (const p of n.pods) if (!p.terminating) entries.push(`${ownerKey(p.pod)}@${n.name}`);
  }
  for (const p of pending) entries.push(`${ownerKey(p)}@<pending>`);
  entries.sort();
  return entries.join('\n');
}
