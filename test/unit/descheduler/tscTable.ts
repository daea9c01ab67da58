// kubernetes-sigs/descheduler pkg/framework/plugins/removepodsviolatingtopologyspreadconstraint/
// topologyspreadconstraint_test.go TestTopologySpreadConstraint @ 7d2b28bf2b6a12810317936d909af0270ff38fa3,
// ported as data with the upstream case names. Every upstream case is here (none skipped). Upstream
// runs one Balance on the nodes with DefaultEvictorArgs{NodeFit: nodeFit} and counts the evictions;
// pods are listed sorted by name, which fixes expectedEvictedPods.

import type { Node, Pod } from '../../../server/src/engine';
import type { TopologySpreadArgs } from '../../../server/src/engine';
import { createTestPods, defaultConstraints, node, nodeConstraints, templateHashConstraints, zoned } from './builders';

export interface TscCase {
  name: string;
  nodes: Node[];
  pods: Pod[];
  expectedEvictedCount: number;
  expectedEvictedPods?: string[];
  args: Partial<TopologySpreadArgs>;
  nodeFit?: boolean;
}

const fooBar = { foo: 'bar' };
const sel = (key: string, values: string[], operator: string) => ({ matchExpressions: [{ key, operator, values }] });
const two = () => [node(zoned('n1', 'zoneA')), node(zoned('n2', 'zoneB'))];
const os = (name: string, nodeLabel: string, osName: string) => node({ name, milliCPU: 2000, memory: 3000, pods: 10, labels: { node: nodeLabel, os: osName } });
const sixOs = () => [os('n1', 'linNodeA', 'linux'), os('n2', 'linNodeB', 'linux'), os('n3', 'linNodeC', 'linux'),
  os('n4', 'winNodeA', 'windows'), os('n5', 'winNodeB', 'windows'), os('n6', 'winNodeC', 'windows')];
const win = { os: 'windows' };
const taintTest = (effect: string) => [{ key: 'taint-test', value: 'test', effect }];
const whoami = [
  { labelSelector: { matchLabels: { app: 'whoami' } }, maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' },
  { labelSelector: { matchLabels: { app: 'whoami' } }, maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' },
];
const hostZone = (name: string, zone: string) => node({ name, milliCPU: 2000, memory: 3000, pods: 10, labels: { 'topology.kubernetes.io/zone': zone, 'kubernetes.io/hostname': name } });
const appServiceAffinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'app_service', operator: 'Exists' }] }] } } };
const serviceHostname = [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'service' } } }];
const ignoreAffinity = () => defaultConstraints(1, { nodeAffinityPolicy: 'Ignore' });

export const tscCases: TscCase[] = [
  {
    name: '2 domains, sizes [2,1], maxSkew=1, move 0 pods',
    nodes: two(),
    pods: createTestPods([
      { count: 1, node: 'n1', labels: fooBar, constraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: fooBar } }] },
      { count: 1, node: 'n1', labels: fooBar },
      { count: 1, node: 'n2', labels: fooBar },
    ]),
    expectedEvictedCount: 0, args: {},
  },
  {
    name: '2 domains, sizes [3,1], maxSkew=1, move 1 pod to achieve [2,2]',
    nodes: two(),
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 2, node: 'n1', labels: fooBar }, { count: 1, node: 'n2', labels: fooBar }]),
    expectedEvictedCount: 1, args: {},
  },
  {
    name: '2 domains, sizes [3,1], maxSkew=1, move 1 pod to achieve [2,2] (both constraints)',
    nodes: two(),
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1, { whenUnsatisfiable: 'ScheduleAnyway' }) },
      { count: 2, node: 'n1', labels: fooBar }, { count: 1, node: 'n2', labels: fooBar }]),
    expectedEvictedCount: 1, args: { constraints: ['DoNotSchedule', 'ScheduleAnyway'] },
  },
  {
    name: '2 domains, sizes [3,1], maxSkew=1, move 1 pod to achieve [2,2] (soft constraints)',
    nodes: two(),
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1, { whenUnsatisfiable: 'ScheduleAnyway' }) },
      { count: 2, node: 'n1', labels: fooBar }, { count: 1, node: 'n2', labels: fooBar }]),
    expectedEvictedCount: 1, args: { constraints: ['DoNotSchedule', 'ScheduleAnyway'] },
  },
  {
    name: '2 domains, sizes [3,1], maxSkew=1, no pods eligible, move 0 pods',
    nodes: two(),
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1), noOwners: true },
      { count: 2, node: 'n1', labels: fooBar, noOwners: true }, { count: 1, node: 'n2', labels: fooBar, noOwners: true }]),
    expectedEvictedCount: 0, args: {},
  },
  {
    name: '2 domains, sizes [3,1], maxSkew=1, move 1 pod to achieve [2,2], exclude kube-system namespace',
    nodes: two(),
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 2, node: 'n1', labels: fooBar }, { count: 1, node: 'n2', labels: fooBar }]),
    expectedEvictedCount: 1, args: { namespaces: { exclude: ['kube-system'] } }, nodeFit: true,
  },
  {
    name: '2 domains, sizes [5,2], maxSkew=1, move 1 pod to achieve [4,3]',
    nodes: two(),
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 4, node: 'n1', labels: fooBar }, { count: 2, node: 'n2', labels: fooBar }]),
    expectedEvictedCount: 1, args: {},
  },
  {
    name: '2 domains, sizes [4,0], maxSkew=1, move 2 pods to achieve [2,2]',
    nodes: two(),
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 3, node: 'n1', labels: fooBar }]),
    expectedEvictedCount: 2, args: {},
  },
  {
    name: "2 domains, sizes [4,0], maxSkew=1, only move 1 pod since pods with nodeSelector and nodeAffinity aren't evicted",
    nodes: two(),
    pods: createTestPods([
      { count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1), nodeSelector: { zone: 'zoneA' } },
      { count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1), nodeSelector: { zone: 'zoneA' } },
      { count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1),
        nodeAffinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', values: ['bar'], operator: 'In' }] }] } } } },
      { count: 1, node: 'n1', constraints: defaultConstraints(1), labels: fooBar },
    ]),
    expectedEvictedCount: 1, args: {}, nodeFit: true,
  },
  {
    name: '6 domains, sizes [0,0,0,3,3,2], maxSkew=1, No pod is evicted since topology is balanced',
    nodes: sixOs(),
    pods: createTestPods([{ count: 3, node: 'n4', labels: fooBar, constraints: nodeConstraints(1), nodeSelector: win },
      { count: 3, node: 'n5', labels: fooBar, constraints: nodeConstraints(1), nodeSelector: win },
      { count: 2, node: 'n6', labels: fooBar, constraints: nodeConstraints(1), nodeSelector: win }]),
    expectedEvictedCount: 0, args: {}, nodeFit: false,
  },
  {
    name: '7 domains, sizes [0,0,0,3,3,2], maxSkew=1, two pods are evicted and moved to new node added',
    nodes: [...sixOs(), os('n7', 'winNodeD', 'windows')],
    pods: createTestPods([{ count: 3, node: 'n4', labels: fooBar, constraints: nodeConstraints(1), nodeSelector: win },
      { count: 3, node: 'n5', labels: fooBar, constraints: nodeConstraints(1), nodeSelector: win },
      { count: 2, node: 'n6', labels: fooBar, constraints: nodeConstraints(1), nodeSelector: win }]),
    expectedEvictedCount: 2, args: {}, nodeFit: false,
  },
  {
    name: '6 domains, sizes [0,0,0,4,3,1], maxSkew=1, 1 pod is evicted from node 4',
    nodes: sixOs(),
    pods: createTestPods([{ count: 4, node: 'n4', labels: fooBar, constraints: nodeConstraints(1), nodeSelector: win },
      { count: 3, node: 'n5', labels: fooBar, constraints: nodeConstraints(1), nodeSelector: win },
      { count: 1, node: 'n6', labels: fooBar, constraints: nodeConstraints(1), nodeSelector: win }]),
    expectedEvictedCount: 1, args: {}, nodeFit: false,
  },
  {
    name: '6 domains, sizes [0,0,0,4,3,1], maxSkew=1, 0 pod is evicted as pods of node:winNodeA can only be scheduled on this node and nodeFit is true ',
    nodes: sixOs(),
    pods: createTestPods([{ count: 4, node: 'n4', labels: fooBar, constraints: nodeConstraints(1), nodeSelector: { node: 'winNodeA' } },
      { count: 3, node: 'n5', labels: fooBar, constraints: nodeConstraints(1), nodeSelector: win },
      { count: 1, node: 'n6', labels: fooBar, constraints: nodeConstraints(1), nodeSelector: win }]),
    expectedEvictedCount: 0, args: {}, nodeFit: true,
  },
  {
    name: '2 domains, sizes [4,0], maxSkew=1, move 2 pods since selector matches multiple nodes',
    nodes: [node(zoned('n1', 'zoneA', 2000, 3000, 10, { region: 'boston' })), node(zoned('n2', 'zoneB', 2000, 3000, 10, { region: 'boston' }))],
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1), nodeSelector: { region: 'boston' } },
      { count: 1, node: 'n1', labels: fooBar, nodeSelector: { region: 'boston' } }, { count: 1, node: 'n1', labels: fooBar, nodeSelector: { region: 'boston' } },
      { count: 1, node: 'n1', labels: fooBar, nodeSelector: { region: 'boston' } }]),
    expectedEvictedCount: 2, args: {},
  },
  {
    name: '3 domains, sizes [0, 1, 100], maxSkew=1, move 66 pods to get [34, 33, 34]',
    nodes: [node(zoned('n1', 'zoneA')), node(zoned('n2', 'zoneB')), node(zoned('n3', 'zoneC'))],
    pods: createTestPods([{ count: 1, node: 'n2', labels: fooBar, constraints: defaultConstraints(1) }, { count: 100, node: 'n3', labels: fooBar }]),
    expectedEvictedCount: 66, args: {},
  },
  {
    name: '4 domains, sizes [0, 1, 3, 5], should move 3 to get [2, 2, 3, 2]',
    nodes: [node(zoned('n1', 'zoneA')), node(zoned('n2', 'zoneB')), node(zoned('n3', 'zoneC')), node(zoned('n4', 'zoneD'))],
    pods: createTestPods([{ count: 1, node: 'n2', labels: fooBar, constraints: defaultConstraints(1) }, { count: 3, node: 'n3', labels: fooBar }, { count: 5, node: 'n4', labels: fooBar }]),
    expectedEvictedCount: 3, args: {},
  },
  {
    name: '2 domains size [2 6], maxSkew=2, should move 1 to get [3 5]',
    nodes: two(),
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(2) }, { count: 1, node: 'n1', labels: fooBar }, { count: 6, node: 'n2', labels: fooBar }]),
    expectedEvictedCount: 1, args: {},
  },
  {
    name: "2 domains size [2 6], maxSkew=2, can't move any because of node taints",
    nodes: [node(zoned('n1', 'zoneA', 2000, 3000, 10, {}, [{ key: 'hardware', value: 'gpu', effect: 'NoSchedule' }])), node(zoned('n2', 'zoneB'))],
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(2) }, { count: 1, node: 'n1', labels: fooBar }, { count: 6, node: 'n2', labels: fooBar }]),
    expectedEvictedCount: 0, args: {}, nodeFit: true,
  },
  {
    name: "2 domains size [2 6], maxSkew=2, can't move any because node1 does not have enough CPU",
    nodes: [node(zoned('n1', 'zoneA', 200)), node(zoned('n2', 'zoneB'))],
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(2) }, { count: 1, node: 'n1', labels: fooBar }, { count: 6, node: 'n2', labels: fooBar }]),
    expectedEvictedCount: 0, args: {}, nodeFit: true,
  },
  {
    name: 'Multiple constraints (6 nodes/2 zones, 4 pods)',
    nodes: [hostZone('n1', 'zoneA'), hostZone('n2', 'zoneA'), hostZone('n3', 'zoneA'), hostZone('n4', 'zoneB'), hostZone('n5', 'zoneB'), hostZone('n6', 'zoneB')],
    pods: createTestPods(['n1', 'n2', 'n3', 'n4'].map((n) => ({ count: 1, node: n, labels: { app: 'whoami' }, constraints: whoami }))),
    expectedEvictedCount: 1, args: { constraints: ['DoNotSchedule', 'ScheduleAnyway'] },
  },
  {
    name: '3 domains size [8 7 0], maxSkew=1, should move 5 to get [5 5 5]',
    nodes: [node(zoned('n1', 'zoneA')), node(zoned('n2', 'zoneB')), node(zoned('n3', 'zoneC'))],
    pods: createTestPods([{ count: 8, node: 'n1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 7, node: 'n2', labels: fooBar, constraints: defaultConstraints(1) }]),
    expectedEvictedCount: 5, expectedEvictedPods: ['pod-5', 'pod-6', 'pod-7', 'pod-8', 'pod-9'], args: {},
  },
  {
    name: '3 domains size [5 5 5], maxSkew=1, should move 0 to retain [5 5 5]',
    nodes: [node(zoned('n1', 'zoneA')), node(zoned('n2', 'zoneB')), node(zoned('n3', 'zoneC'))],
    pods: createTestPods(['n1', 'n2', 'n3'].map((n) => ({ count: 5, node: n, labels: fooBar, constraints: defaultConstraints(1) }))),
    expectedEvictedCount: 0, args: {},
  },
  {
    name: '2 domains, sizes [2,0], maxSkew=1, move 1 pod since pod tolerates the node with taint',
    nodes: [node(zoned('n1', 'zoneA')), node(zoned('n2', 'zoneB', 2000, 3000, 10, {}, taintTest('NoSchedule')))],
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1), tolerations: [{ key: 'taint-test', value: 'test', operator: 'Equal', effect: 'NoSchedule' }] },
      { count: 1, node: 'n1', labels: fooBar, nodeSelector: { zone: 'zoneA' } }]),
    expectedEvictedCount: 1, expectedEvictedPods: ['pod-0'], args: {},
  },
  {
    name: '2 domains, sizes [2,0], maxSkew=1, move 0 pods since pod does not tolerate the tainted node',
    nodes: [node(zoned('n1', 'zoneA')), node(zoned('n2', 'zoneB', 2000, 3000, 10, {}, taintTest('NoSchedule')))],
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 1, node: 'n1', labels: fooBar, nodeSelector: { zone: 'zoneA' } }]),
    expectedEvictedCount: 0, args: {},
  },
  {
    name: '2 domains, sizes [2,0], maxSkew=1, move 0 pods since pod does not tolerate the tainted node, and NodeFit is enabled',
    nodes: [node(zoned('n1', 'zoneA')), node(zoned('n2', 'zoneB', 2000, 3000, 10, {}, taintTest('NoSchedule')))],
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 1, node: 'n1', labels: fooBar, nodeSelector: { zone: 'zoneA' } }]),
    expectedEvictedCount: 0, args: {}, nodeFit: true,
  },
  {
    name: '2 domains, sizes [2,0], maxSkew=1, move 1 pod for node with PreferNoSchedule Taint',
    nodes: [node(zoned('n1', 'zoneA')), node(zoned('n2', 'zoneB', 2000, 3000, 10, {}, taintTest('PreferNoSchedule')))],
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 1, node: 'n1', labels: fooBar, nodeSelector: { zone: 'zoneA' } }]),
    expectedEvictedCount: 1, expectedEvictedPods: ['pod-0'], args: {},
  },
  {
    name: '2 domains, sizes [2,0], maxSkew=1, move 0 pod for node with unmatched label filtering',
    nodes: two(),
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 1, node: 'n1', labels: fooBar }]),
    expectedEvictedCount: 0, args: { labelSelector: sel('foo', ['baz'], 'In') },
  },
  {
    name: '2 domains, sizes [2,0], maxSkew=1, move 1 pod for node with matched label filtering',
    nodes: two(),
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 1, node: 'n1', labels: fooBar }]),
    expectedEvictedCount: 1, expectedEvictedPods: ['pod-1'], args: { labelSelector: sel('foo', ['bar'], 'In') },
  },
  {
    name: '2 domains, sizes [2,0], maxSkew=1, move 1 pod for node with matched label filtering (NotIn op)',
    nodes: two(),
    pods: createTestPods([{ count: 1, node: 'n1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 1, node: 'n1', labels: fooBar }]),
    expectedEvictedCount: 1, expectedEvictedPods: ['pod-1'], args: { labelSelector: sel('foo', ['baz'], 'NotIn') },
  },
  {
    name: '2 domains, sizes [2,0], maxSkew=1, move 1 pods given matchLabelKeys on same replicaset',
    nodes: two(),
    pods: createTestPods([{ count: 1, node: 'n1', labels: { foo: 'bar', 'pod-template-hash': 'foo' }, constraints: templateHashConstraints(1) },
      { count: 1, node: 'n1', labels: { foo: 'bar', 'pod-template-hash': 'foo' }, constraints: templateHashConstraints(1) }]),
    expectedEvictedCount: 1, expectedEvictedPods: ['pod-1'], args: { labelSelector: sel('foo', ['baz'], 'NotIn') },
  },
  {
    name: '2 domains, sizes [2,0], maxSkew=1, move 0 pods given matchLabelKeys on two different replicasets',
    nodes: two(),
    pods: createTestPods([{ count: 1, node: 'n1', labels: { foo: 'bar', 'pod-template-hash': 'foo' }, constraints: templateHashConstraints(1) },
      { count: 1, node: 'n1', labels: { foo: 'bar', 'pod-template-hash': 'bar' }, constraints: templateHashConstraints(1) }]),
    expectedEvictedCount: 0, args: { labelSelector: sel('foo', ['baz'], 'NotIn') },
  },
  {
    name: '2 domains, sizes [4,2], maxSkew=1, 2 pods in termination; nothing should be moved',
    nodes: two(),
    pods: createTestPods([{ count: 2, node: 'n1', labels: fooBar, constraints: defaultConstraints(1) },
      { count: 2, node: 'n1', labels: fooBar, constraints: defaultConstraints(1), deletionTimestamp: '0001-01-01T00:00:00Z' },
      { count: 2, node: 'n2', labels: fooBar, constraints: defaultConstraints(1) }]),
    expectedEvictedCount: 0, args: { labelSelector: sel('foo', ['bar'], 'In') },
  },
  {
    name: '3 domains, sizes [2,3,4], maxSkew=1, NodeFit is enabled, and not enough cpu on zoneA; nothing should be moved',
    nodes: [node(zoned('n1', 'zoneA', 250, 2000, 9)), node(zoned('n2', 'zoneB', 1000, 2000, 9)), node(zoned('n3', 'zoneC', 1000, 2000, 9))],
    pods: createTestPods([{ count: 2, node: 'n1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 3, node: 'n2', labels: fooBar, constraints: defaultConstraints(1) },
      { count: 4, node: 'n3', labels: fooBar, constraints: defaultConstraints(1) }]),
    expectedEvictedCount: 0, args: {}, nodeFit: true,
  },
  {
    name: '3 domains, sizes [2,3,4], maxSkew=1, args.NodeFit is false, and not enough cpu on zoneA; 1 should be moved to force scale-up',
    nodes: [node(zoned('n1', 'zoneA', 250, 2000, 9)), node(zoned('n2', 'zoneB', 1000, 2000, 9)), node(zoned('n3', 'zoneC', 1000, 2000, 9))],
    pods: createTestPods([{ count: 2, node: 'n1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 3, node: 'n2', labels: fooBar, constraints: defaultConstraints(1) },
      { count: 4, node: 'n3', labels: fooBar, constraints: defaultConstraints(1) }]),
    expectedEvictedCount: 1, args: { topologyBalanceNodeFit: false }, nodeFit: true,
  },
  {
    name: '3 domains, sizes [[1,0], [1,1], [2,1]], maxSkew=1, NodeFit is enabled, and not enough cpu on ZoneA; nothing should be moved',
    nodes: [node(zoned('A1', 'zoneA', 150, 2000, 9)), node(zoned('B1', 'zoneB', 1000, 2000, 9)), node(zoned('C1', 'zoneC', 1000, 2000, 9)),
      node(zoned('A2', 'zoneA', 50, 2000, 9)), node(zoned('B2', 'zoneB', 1000, 2000, 9)), node(zoned('C2', 'zoneC', 1000, 2000, 9))],
    pods: createTestPods([{ count: 1, node: 'A1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 1, node: 'B1', labels: fooBar, constraints: defaultConstraints(1) },
      { count: 1, node: 'B2', labels: fooBar, constraints: defaultConstraints(1) }, { count: 2, node: 'C1', labels: fooBar, constraints: defaultConstraints(1) },
      { count: 1, node: 'C2', labels: fooBar, constraints: defaultConstraints(1) }]),
    expectedEvictedCount: 0, args: {}, nodeFit: true,
  },
  {
    name: '2 domains, sizes [[1,4], [2,1]], maxSkew=1, NodeFit is enabled; should move 1',
    nodes: [node(zoned('A1', 'zoneA', 1000, 2000, 9)), node(zoned('A2', 'zoneA', 1000, 2000, 9)), node(zoned('B1', 'zoneB', 1000, 2000, 9)), node(zoned('B2', 'zoneB', 1000, 2000, 9))],
    pods: createTestPods([{ count: 1, node: 'A1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 4, node: 'A2', labels: fooBar, constraints: defaultConstraints(1) },
      { count: 2, node: 'B1', labels: fooBar, constraints: defaultConstraints(1) }, { count: 1, node: 'B2', labels: fooBar, constraints: defaultConstraints(1) }]),
    expectedEvictedCount: 1, expectedEvictedPods: ['pod-4'], args: {}, nodeFit: true,
  },
  {
    name: '2 domains, sizes [3, 1], maxSkew=1, Tainted nodes; nothing should be moved',
    nodes: [
      node({ name: 'controlplane1', milliCPU: 2000, memory: 3000, pods: 10, labels: { zone: 'zoneA', 'kubernetes.io/hostname': 'cp-1' },
        taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/controlplane', value: 'true' }, { effect: 'NoSchedule', key: 'node-role.kubernetes.io/etcd', value: 'true' }] }),
      node({ name: 'infraservices1', milliCPU: 2000, memory: 3000, pods: 10, labels: { zone: 'zoneA', infra_service: 'true', 'kubernetes.io/hostname': 'infra-1' },
        taints: [{ effect: 'NoSchedule', key: 'infra_service' }] }),
      node({ name: 'app1', milliCPU: 2000, memory: 3000, pods: 10, labels: { zone: 'zoneA', app_service: 'true', 'kubernetes.io/hostname': 'app-1' } }),
      node({ name: 'app2', milliCPU: 2000, memory: 3000, pods: 10, labels: { zone: 'zoneB', app_service: 'true', 'kubernetes.io/hostname': 'app-2' } }),
    ],
    pods: createTestPods([{ count: 2, node: 'app1', labels: { 'app.kubernetes.io/name': 'service' }, constraints: serviceHostname, nodeAffinity: appServiceAffinity },
      { count: 2, node: 'app2', labels: { 'app.kubernetes.io/name': 'service' }, constraints: serviceHostname, nodeAffinity: appServiceAffinity }]),
    expectedEvictedCount: 0, args: {}, nodeFit: true,
  },
  {
    name: '3 domains, sizes [2, 1, 0] with selectors, maxSkew=1, nodeTaintsPolicy=Ignore, should move 1 for [1, 1, 1]',
    nodes: ['A1', 'B1', 'C1'].map((n) => node(zoned(n, `zone${n[0]}`, 1000, 2000, 9, { 'kubernetes.io/arch': 'arm64' }))),
    pods: createTestPods([{ count: 1, node: 'A1', labels: fooBar, constraints: ignoreAffinity(), nodeSelector: { 'kubernetes.io/arch': 'arm64' } },
      { count: 1, node: 'A1', labels: fooBar, constraints: ignoreAffinity(), nodeSelector: { zone: 'zoneA', 'kubernetes.io/arch': 'arm64' } },
      { count: 1, node: 'B1', labels: fooBar, constraints: ignoreAffinity(), nodeSelector: { 'kubernetes.io/arch': 'arm64' } }]),
    expectedEvictedCount: 1, expectedEvictedPods: ['pod-0'], args: {},
  },
];
