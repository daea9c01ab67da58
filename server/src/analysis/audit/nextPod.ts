// The pod a workload's controller would create next: the one whose spread constraints (and node
// affinity, tolerations, namespace, labels) the audit counts with, exactly as the scheduler would for
// that pod. Its newest running or pending pod when it has one (it carries what the API server stored:
// matchLabelKeys already merged into the selector, the controller's labels), else its controller's
// template (the newest ReplicaSet's for a Deployment, which has the pod-template-hash label).

import type { NodeSelectorTerm, OwnerReference, Pod, WorkloadObject } from '../../engine';
import { type AuditWorkload, sortNewestFirst } from './workloads';

export interface NextPod {
  pod: Pod;
  /** Where its spec comes from, in words (for the report). */
  from: string;
}

/**
 * The DaemonSet controller pins each pod to its node with a required node affinity term on the field
 * metadata.name (pkg/controller/daemon/util ReplaceDaemonSetPodNodeNameNodeAffinity). That pin is about
 * the pod, not the workload: without it the audit counts every node the DaemonSet could cover.
 */
function withoutDaemonPin(pod: Pod): Pod {
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required?.nodeSelectorTerms ?? [];
  const pinned = (t: NodeSelectorTerm | null | undefined): boolean =>
    !!t && (t.matchExpressions ?? []).length === 0 && (t.matchFields ?? []).length > 0 &&
    (t.matchFields ?? []).every((f) => f?.key === 'metadata.name');
  if (terms.length === 0 || !terms.every(pinned)) return pod;
  const nodeAffinity = { ...pod.spec.affinity!.nodeAffinity };
  delete nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  return { ...pod, spec: { ...pod.spec, affinity: { ...pod.spec.affinity, nodeAffinity } } };
}

/** A new, unbound pod from a live one: what the scheduler is asked to place. */
function asNew(p: Pod): Pod {
  const metadata = { ...p.metadata };
  delete metadata.deletionTimestamp;
  const spec = { ...p.spec };
  delete spec.nodeName;
  return { ...p, metadata, spec, status: { phase: 'Pending' } };
}

function fromTemplate(w: AuditWorkload, o: WorkloadObject, owner: OwnerReference): Pod | undefined {
  const t = o.spec?.template;
  if (!t || !t.spec) return undefined;
  return {
    metadata: {
      name: `${w.name}-<next>`,
      namespace: w.namespace,
      labels: { ...(t.metadata?.labels ?? {}) },
      ownerReferences: [owner],
    },
    spec: { ...t.spec },
    status: { phase: 'Pending' },
  };
}

function ownerRef(o: WorkloadObject): OwnerReference {
  const apiVersion = o.kind === 'Job' ? 'batch/v1' : 'apps/v1';
  return { apiVersion, kind: o.kind, name: o.metadata.name, ...(o.metadata.uid ? { uid: o.metadata.uid } : {}), controller: true };
}

export function nextPodOf(w: AuditWorkload): NextPod | undefined {
  const live = sortNewestFirst(w.pods.filter((p) => !p.metadata?.deletionTimestamp));
  const pick = live[0] ?? sortNewestFirst(w.pods)[0];
  let next: NextPod | undefined;
  if (pick) next = { pod: asNew(pick), from: `pod ${pick.metadata?.name ?? ''}` };
  else {
    const source = (w.kind === 'Deployment' ? w.replicaSets[0] : undefined) ?? w.object;
    const pod = source && fromTemplate(w, source, ownerRef(source));
    if (pod && source) next = { pod, from: `template of ${source.kind} ${source.metadata.name}` };
  }
  if (next && w.kind === 'DaemonSet') next = { ...next, pod: withoutDaemonPin(next.pod) };
  return next;
}
