// From a parsed manifest document to the engine's view of a workload (analysis/workload.ts).

import type { Pod } from '../engine';
import { type ManifestDocument } from '../k8s/manifest';
import { claimsForReplica, ownerOf, podForReplica, type Workload, workloadOf } from '../k8s/workloads';
import type { WorkloadSpec } from './workload';

export function workloadSpecOf(doc: ManifestDocument, defaultReplicas = 1): { spec: WorkloadSpec; workload: Workload } | undefined {
  const w = workloadOf(doc);
  if (!w) return undefined;
  const owner = ownerOf(w);
  return {
    workload: w,
    spec: {
      kind: w.kind,
      name: w.name,
      namespace: w.namespace,
      replicas: w.kind === 'Pod' ? defaultReplicas : w.replicas,
      labels: w.template.metadata.labels ?? {},
      podFor: (i) => podForReplica(w, i),
      ...(w.claimTemplates ? { claimsFor: (i: number) => claimsForReplica(w, i) } : {}),
      owners: owner ? [owner] : [],
      orderedReady: w.kind === 'StatefulSet' && (w.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady',
      document: doc.index,
    },
  };
}

/**
 * workloadSpecOf per document value (a document's frozen JS value is shared by every parse of the same
 * text: k8s/documentCache.ts, while the ManifestDocument around it is new on every parse), with each
 * replica's pod built once: the release asks every member for its pods, its profile (podFor(0)) and its
 * labels in every creation order on every keystroke, and building a pod (template copy, controller
 * hash) was a tenth of an edit's analysis of a 100-workload release. What else workloadSpecOf reads of
 * the document (its index, kind, skip reason) is part of the key. The result is shared: callers copy
 * before they change it; the pods are never changed (as engine/simulate.ts identicalPods assumes).
 */
const cachedSpecs = new WeakMap<object, Map<string, ReturnType<typeof workloadSpecOf>>>();

export function cachedWorkloadSpecOf(doc: ManifestDocument, podReplicas: number | undefined): ReturnType<typeof workloadSpecOf> {
  const value = doc.value;
  if (typeof value !== 'object' || value === null) return workloadSpecOf(doc, podReplicas);
  const key = `${doc.index}\u0000${doc.kind ?? ''}\u0000${doc.skip ?? ''}\u0000${podReplicas ?? ''}`;
  let byKey = cachedSpecs.get(value);
  if (!byKey) cachedSpecs.set(value, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key);
  const built = workloadSpecOf(doc, podReplicas);
  let ws = built;
  if (built) {
    const pods: Pod[] = [];
    const podFor = built.spec.podFor;
    ws = { ...built, spec: { ...built.spec, podFor: (i) => (pods[i] ??= podFor(i)) } };
  }
  // A value appears at a few indices at most (a document moved by edits above it).
  if (byKey.size >= 8) byKey.clear();
  byKey.set(key, ws);
  return ws;
}
