// Builders mirroring descheduler's test helpers (test/test_utils.go BuildTestNode / BuildTestPod,
// topologyspreadconstraint_test.go createTestPods), so the ported tables read like upstream's.

import type { Affinity, Node, Pod, Taint, Toleration, TopologySpreadConstraint } from '../../../server/src/engine';

export interface TestNode {
  name: string;
  milliCPU: number;
  memory: number;
  pods: number;
  labels?: Record<string, string>;
  taints?: Taint[];
}

/** BuildTestNode: capacity = allocatable, Ready. */
export function node(n: TestNode): Node {
  const alloc = { cpu: `${n.milliCPU}m`, memory: String(n.memory), pods: String(n.pods) };
  return {
    metadata: { name: n.name, labels: { ...(n.labels ?? {}) } },
    spec: n.taints ? { taints: n.taints } : {},
    status: { allocatable: alloc, capacity: alloc, conditions: [{ type: 'Ready', status: 'True' }] } as Node['status'],
  };
}

export interface TestPodList {
  count: number;
  node: string;
  labels?: Record<string, string>;
  constraints?: TopologySpreadConstraint[];
  nodeSelector?: Record<string, string>;
  nodeAffinity?: Affinity;
  noOwners?: boolean;
  tolerations?: Toleration[];
  deletionTimestamp?: string;
  /** Not upstream's: the pods' owner name (default "replicaset-1", GetReplicaSetOwnerRefList). */
  owner?: string;
  cpu?: string;
  priority?: number;
}

/** createTestPods: pod-0, pod-1, … in namespace ns1, 100m cpu, owned by replicaset-1 unless noOwners. */
export function createTestPods(lists: TestPodList[], namespace = 'ns1'): Pod[] {
  const pods: Pod[] = [];
  let num = 0;
  for (const tp of lists) {
    for (let i = 0; i < tp.count; i++) {
      pods.push({
        metadata: {
          name: `pod-${num}`,
          namespace,
          uid: `uid-${num}`,
          labels: tp.labels ? { ...tp.labels } : undefined,
          ownerReferences: tp.noOwners ? undefined : [{ kind: 'ReplicaSet', apiVersion: 'v1', name: tp.owner ?? 'replicaset-1' }],
          deletionTimestamp: tp.deletionTimestamp,
        },
        spec: {
          nodeName: tp.node,
          containers: [{ resources: { requests: { cpu: tp.cpu ?? '100m', memory: '0' } } }],
          topologySpreadConstraints: tp.constraints,
          nodeSelector: tp.nodeSelector,
          affinity: tp.nodeAffinity,
          tolerations: tp.tolerations,
          ...(tp.priority !== undefined ? { priority: tp.priority } : {}),
        },
        status: { phase: 'Running' },
      });
      num++;
    }
  }
  return pods;
}

const fooBar = { matchLabels: { foo: 'bar' } };

/** getDefaultTopologyConstraints(maxSkew, edits…): zone, DoNotSchedule, foo=bar. */
export function defaultConstraints(maxSkew: number, edit: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint[] {
  return [{ maxSkew, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: fooBar, ...edit }];
}

export const nodeConstraints = (maxSkew: number) => defaultConstraints(maxSkew, { topologyKey: 'node' });
export const templateHashConstraints = (maxSkew: number) => defaultConstraints(maxSkew, { matchLabelKeys: ['pod-template-hash'] });

export const zoned = (name: string, zone: string, milliCPU = 2000, memory = 3000, pods = 10, extra: Record<string, string> = {}, taints?: Taint[]): TestNode =>
  ({ name, milliCPU, memory, pods, labels: { zone, ...extra }, taints });
