// Groups a fixture's pods into the workloads that own them, as their controllers do: a pod belongs to
// the object named by its controller ownerReference (metadata.ownerReferences[controller=true]); a
// ReplicaSet's pods belong to its Deployment when the ReplicaSet names one as its controller. When the
// ReplicaSet itself is not in the fixture (a `kubectl get pods` dump), the Deployment is recognised by
// the deployment controller's naming rule: the ReplicaSet is called `<deployment>-<pod-template-hash>`
// (pkg/controller/deployment/sync.go getNewReplicaSet). Controller objects without any pod are kept:
// their spread is still counted (other pods may match the selector).

import type { OwnerReference, Pod, WorkloadObject } from '../../engine';

export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'Pod' | string;

/** How the workload was recognised. */
export type ControllerEvidence =
  /** The controller object is in the fixture. */
  | 'object'
  /** Only its pods' ownerReferences name it. */
  | 'owner-reference'
  /** A Deployment named by its ReplicaSet's name and the pods' pod-template-hash (no ReplicaSet object). */
  | 'pod-template-hash'
  /** A pod without a controller. */
  | 'none';

export interface AuditWorkload {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  evidence: ControllerEvidence;
  /** The controller object when the fixture has it (for a Deployment: the Deployment). */
  object?: WorkloadObject;
  /** The Deployment's ReplicaSets in the fixture (newest first). */
  replicaSets: WorkloadObject[];
  /** Every pod of the workload that is not terminal (Succeeded/Failed), bound or not. */
  pods: Pod[];
  /** Succeeded/Failed pods: the scheduler's cache does not hold them (Cluster.build). */
  terminal: number;
}

/** namespace/kind/name: how workloads are named in the output and matched with manifests. */
export function workloadId(w: { namespace: string; kind: string; name: string }): string {
  return `${w.namespace}/${w.kind}/${w.name}`;
}

function ns(o: { metadata?: { namespace?: string | null } | null }): string {
  return o.metadata?.namespace || 'default';
}

function controllerOf(refs: readonly (OwnerReference | null | undefined)[] | null | undefined): OwnerReference | undefined {
  return (refs ?? []).find((r): r is OwnerReference => !!r && r.controller === true && !!r.kind && !!r.name);
}

export function isTerminal(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Newest first: creationTimestamp (RFC 3339 sorts as text), then name, so the order is deterministic. */
function newestFirst<T extends { metadata?: { creationTimestamp?: string | null; name?: string } | null }>(a: T, b: T): number {
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? 1 : -1;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

export function sortNewestFirst<T extends { metadata?: { creationTimestamp?: string | null; name?: string } | null }>(xs: T[]): T[] {
  return [...xs].sort(newestFirst);
}

/** Every workload of the fixture, in namespace/kind/name order. */
export function collectWorkloads(pods: readonly Pod[], objects: readonly WorkloadObject[]): AuditWorkload[] {
  const byId = new Map<string, AuditWorkload>();
  const objectById = new Map<string, WorkloadObject>();
  for (const o of objects) objectById.set(workloadId({ namespace: ns(o), kind: o.kind, name: o.metadata.name ?? '' }), o);

  const get = (kind: string, namespace: string, name: string, evidence: ControllerEvidence): AuditWorkload => {
    const id = workloadId({ namespace, kind, name });
    let w = byId.get(id);
    if (!w) {
      const object = objectById.get(id);
      w = { kind, namespace, name, evidence: object ? 'object' : evidence, replicaSets: [], pods: [], terminal: 0, ...(object ? { object } : {}) };
      byId.set(id, w);
    }
    return w;
  };

  // The owner of a ReplicaSet's pods: its Deployment (object or name rule), else the ReplicaSet itself.
  const ownerOfReplicaSet = (namespace: string, rsName: string, pod?: Pod): AuditWorkload => {
    const rs = objectById.get(workloadId({ namespace, kind: 'ReplicaSet', name: rsName }));
    if (rs) {
      const dep = controllerOf(rs.metadata.ownerReferences);
      if (dep && dep.kind === 'Deployment') {
        const w = get('Deployment', namespace, dep.name!, 'owner-reference');
        if (!w.replicaSets.includes(rs)) w.replicaSets.push(rs);
        return w;
      }
      return get('ReplicaSet', namespace, rsName, 'object');
    }
    const hash = pod?.metadata?.labels?.['pod-template-hash'];
    if (hash && rsName.endsWith(`-${hash}`) && rsName.length > hash.length + 1) {
      return get('Deployment', namespace, rsName.slice(0, -hash.length - 1), 'pod-template-hash');
    }
    return get('ReplicaSet', namespace, rsName, 'owner-reference');
  };

  // Controllers first, so that a workload without pods is still audited.
  for (const o of objects) {
    const namespace = ns(o);
    const name = o.metadata.name ?? '';
    if (o.kind === 'ReplicaSet') ownerOfReplicaSet(namespace, name);
    else get(o.kind, namespace, name, 'object');
  }

  for (const p of pods) {
    const namespace = ns(p);
    const owner = controllerOf(p.metadata?.ownerReferences);
    let w: AuditWorkload;
    if (!owner) w = get('Pod', namespace, p.metadata?.name ?? p.metadata?.generateName ?? '', 'none');
    else if (owner.kind === 'ReplicaSet') w = ownerOfReplicaSet(namespace, owner.name!, p);
    else w = get(owner.kind!, namespace, owner.name!, 'owner-reference');
    if (isTerminal(p)) w.terminal++;
    else w.pods.push(p);
  }

  const out = [...byId.values()];
  for (const w of out) w.replicaSets = sortNewestFirst(w.replicaSets);
  return out.sort((a, b) => (workloadId(a) < workloadId(b) ? -1 : workloadId(a) > workloadId(b) ? 1 : 0));
}
