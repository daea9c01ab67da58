// Template nodes (simulator.SanitizedTemplateNodeInfoFromNodeGroup / SanitizedNodeInfo): how a new node
// of a group looks, with its own name and a hostname label of that name, so per-node topology sees
// each new node as its own domain. DaemonSet pods on the template are not modelled (docs/autoscalers.md).

import type { Node, Pod } from '../../api';
import type { Cluster } from '../../cluster';
import { quantityMilliValue, quantityValue } from '../../quantity';
import type { CANodeGroup } from '../types';

export const HOSTNAME = 'kubernetes.io/hostname';
export const ZONE = 'topology.kubernetes.io/zone';
export const INSTANCE_TYPE = 'node.kubernetes.io/instance-type';

/** A node of `group` named `name`: the template's labels, taints and allocatable (capacity = allocatable). */
export function templateNode(group: CANodeGroup, name: string): Node {
  const allocatable = { ...group.template.allocatable };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { ...group.template.labels, [HOSTNAME]: name } },
    spec: group.template.taints?.length ? { taints: group.template.taints.map((t) => ({ ...t })) } : {},
    status: { capacity: { ...allocatable }, allocatable },
  };
}

/** Prefix of the nodes the model adds to a group, so users see they are new (`<group>-new-<n>`). */
export const newNodePrefix = (group: string) => `${group}-new-`;

/**
 * The group's target size: its declared nodes plus the nodes this model added to it in earlier rounds
 * (recognised by their name; the caller passes the same configuration every round).
 */
export function targetSize(group: CANodeGroup, cluster: Cluster): number {
  const members = new Set(group.nodes);
  const prefix = newNodePrefix(group.name);
  for (const n of cluster.nodes) if (n.name.startsWith(prefix)) members.add(n.name);
  return members.size;
}

/** `count` fresh names `<group>-new-<n>`, numbered after every name already in the cluster. */
export function newNodeNames(group: string, count: number, taken: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (let n = 1; out.length < count; n++) {
    const name = `${newNodePrefix(group)}${n}`;
    if (!taken(name)) out.push(name);
  }
  return out;
}

function safe(f: () => number): number {
  try {
    return f();
  } catch {
    return 0;
  }
}

/**
 * CPU (millicores) and memory (bytes) the pod's containers request, summed as the expanders and the
 * decreasing pod orderer do (spec.containers only: no init containers, overhead or defaults).
 */
export function containerRequests(pod: Pod): { milliCPU: number; memory: number } {
  let milliCPU = 0;
  let memory = 0;
  for (const c of pod.spec?.containers ?? []) {
    const r = c?.resources?.requests ?? {};
    if (r.cpu !== undefined && r.cpu !== null) milliCPU += safe(() => quantityMilliValue(r.cpu as string | number));
    if (r.memory !== undefined && r.memory !== null) memory += safe(() => quantityValue(r.memory as string | number));
  }
  return { milliCPU, memory };
}

/** A resource of a node's allocatable (capacity here) in base units, or milli for cpu; 0 when absent. */
export function nodeResource(node: Node, name: string, milli = false): number {
  const q = node.status?.allocatable?.[name];
  if (q === undefined || q === null) return 0;
  return safe(() => (milli ? quantityMilliValue(q) : quantityValue(q)));
}
