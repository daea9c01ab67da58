// From a parsed manifest document to the engine's view of a workload (analysis/workload.ts).

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
