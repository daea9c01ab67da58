// The descheduler's node-fit check: pkg/descheduler/node/node.go NodeFit / PodFitsAnyOtherNode.
// It is NOT the scheduler: a subset of its filters, in this order, first failure wins:
//   1. node.spec.unschedulable,
//   2. nodeSelector + required node affinity (nodeaffinity.GetRequiredNodeAffinity),
//   3. NoSchedule / NoExecute taints the pod does not tolerate,
//   4. the pod's OWN required anti-affinity terms against the pods ON THAT NODE only (not the
//      term's topology domain; other pods' anti-affinity against this pod is not checked),
//   5. requests (no non-zero defaults) against allocatable minus the requests of every
//      non-terminal pod on the node, and at least one free pod slot (skipped on the pod's own node).
// Spread constraints, pod affinity, host ports and volumes are never checked: a pod may "fit" a
// node the scheduler then rejects, which is one way the strategy loops (docs/descheduler.md).

import type { Pod } from '../api';
import type { NodeInfo, PodInfo } from '../cluster';
import { safeLabelSelectorAsSelector, RequiredNodeAffinity } from '../selectors';
import { findUntoleratedTaint, isDoNotScheduleTaint } from '../tolerations';

/** Why `pod` does not fit `node`, or undefined when it fits (node.go NodeFit's error text). */
export function nodeFitError(pod: PodInfo, node: NodeInfo): string | undefined {
  if (node.unschedulable) return 'node is not schedulable';
  if (!new RequiredNodeAffinity(pod.pod).matches(node.node)) return 'pod node selector does not match the node label';
  if (findUntoleratedTaint(node.taints, pod.pod.spec?.tolerations, isDoNotScheduleTaint)) return 'pod does not tolerate taints on the node';
  if (matchesOwnAntiAffinity(pod.pod, pod.namespace, node)) return 'pod matches inter-pod anti-affinity rule of other pod on node';
  if (!pod.nodeName || pod.nodeName !== node.name) return fitsRequestError(pod, node);
  return undefined;
}

/** podMatchesInterPodAntiAffinity: the pod's required anti-affinity terms against the pods on this node. */
function matchesOwnAntiAffinity(pod: Pod, namespace: string, node: NodeInfo): boolean {
  const terms = pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  for (const term of terms) {
    if (!term) continue;
    const namespaces = new Set(term.namespaces?.length ? term.namespaces : [namespace]);
    const selector = safeLabelSelectorAsSelector(term.labelSelector);
    for (const other of node.pods) {
      if (other.name === (pod.metadata?.name ?? '') || !namespaces.has(other.namespace) || !selector.matches(other.labels)) continue;
      if (Object.prototype.hasOwnProperty.call(node.labels, term.topologyKey)) return true;
    }
  }
  return false;
}

/** fitsRequest + nodeAvailableResources: every requested resource, then a free pod slot. */
function fitsRequestError(pod: PodInfo, node: NodeInfo): string | undefined {
  const want = pod.requests;
  const alloc = node.allocatable;
  const used = node.requested;
  // Only the resources the pod requests are compared (a 0 request is treated as absent).
  if (want.milliCPU > 0 && want.milliCPU > alloc.milliCPU - used.milliCPU) return 'insufficient cpu';
  if (want.memory > 0 && want.memory > alloc.memory - used.memory) return 'insufficient memory';
  if (want.ephemeralStorage > 0 && want.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) return 'insufficient ephemeral-storage';
  for (const [name, v] of Object.entries(want.scalar)) {
    if (v > 0 && v > (alloc.scalar[name] ?? 0) - (used.scalar[name] ?? 0)) return `insufficient ${name}`;
  }
  if (node.allowedPods - node.pods.length <= 0) return 'insufficient pods';
  return undefined;
}

/** PodFitsAnyOtherNode: some node other than the pod's own passes NodeFit. */
export function podFitsAnyOtherNode(pod: PodInfo, nodes: readonly NodeInfo[]): boolean {
  for (const n of nodes) {
    if (n.name === pod.nodeName) continue;
    if (nodeFitError(pod, n) === undefined) return true;
  }
  return false;
}
