// Karpenter's topology_test.go spread cases (./karpenterTopology-cases.ts) run through the model's
// entry point, karpenterProvision: each case's pods are provisioned on a cluster of full nodes from
// the earlier steps, and the pods per domain of Karpenter's own placement (`intended`) are compared
// with upstream's ExpectSkew.

import { strict as assert } from 'node:assert';
import type { Node, Pod } from '../../../server/src/engine/api';
import { karpenterProvision } from '../../../server/src/engine/autoscaler/karpenter';
import type { KarpenterConfig, KarpenterInstanceType } from '../../../server/src/engine/autoscaler/types';
import { Cluster } from '../../../server/src/engine/cluster';
import { defaultProfile } from '../../../server/src/engine/profile';
import { safeLabelSelectorAsSelector } from '../../../server/src/engine/selectors';
import { defaultEnv } from '../../../server/src/engine/versions';
import { CAPACITY_TYPE, CASES, HOSTNAME, type KarpenterTopologyCase, ZONE } from './karpenterTopology-cases';

const TEST_ZONES = ['test-zone-1', 'test-zone-2', 'test-zone-3'];

/** The fake cloud provider's shape: every type in every test zone, spot cheaper than on-demand. */
function instanceType(name: string, cpu: string, price: number, arch = 'amd64'): KarpenterInstanceType {
  return {
    name, capacity: { cpu, memory: '16Gi', pods: '110' }, labels: { 'kubernetes.io/arch': arch },
    offerings: TEST_ZONES.flatMap((zone) => [
      { zone, capacityType: 'spot', price: price * 0.7, available: true },
      { zone, capacityType: 'on-demand', price, available: true },
    ]),
  };
}
const INSTANCE_TYPES = [instanceType('small-instance-type', '2', 0.1), instanceType('default-instance-type', '4', 0.2), instanceType('arm-instance-type', '16', 0.8, 'arm64')];

function config(c: KarpenterTopologyCase): KarpenterConfig {
  return {
    nodePools: [{ name: 'default', weight: 0, requirements: c.requirements ?? [{ key: CAPACITY_TYPE, operator: 'Exists' }], labels: {}, taints: [], startupTaints: [] }],
    instanceTypes: INSTANCE_TYPES,
  };
}

function pod(name: string, o: { cpu?: string; labels?: Record<string, string>; node?: string } & Partial<Pod['spec']>): Pod {
  const { cpu, labels, node, ...spec } = o;
  return {
    metadata: { name, namespace: 'default', labels: labels ?? {} },
    spec: { ...spec, ...(node ? { nodeName: node } : {}), containers: [{ name: 'c', ...(cpu ? { resources: { requests: { cpu } } } : {}) }] },
  };
}

/** Nodes the earlier steps created: small, and full with their 1.1-CPU pods. */
function existing(c: KarpenterTopologyCase): { nodes: Node[]; pods: Pod[] } {
  const nodes: Node[] = [];
  const pods: Pod[] = [];
  (c.existing ?? []).forEach((e, i) => {
    const name = `existing-${i}`;
    const r = { cpu: '1100m', memory: '16Gi', pods: '110' };
    nodes.push({ metadata: { name, labels: { [HOSTNAME]: name, [ZONE]: e.zone, [CAPACITY_TYPE]: 'on-demand', 'karpenter.sh/nodepool': 'default' } }, spec: {}, status: { capacity: r, allocatable: r } });
    for (let k = 0; k < e.pods; k++) pods.push(pod(`${name}-pod-${k}`, { cpu: '1.1', labels: e.labels ?? { test: 'test' }, node: name }));
  });
  return { nodes, pods };
}

function run(c: KarpenterTopologyCase) {
  const { nodes, pods: running } = existing(c);
  const cluster = Cluster.build({ nodes, pods: running });
  const pending: Pod[] = [];
  c.pods.forEach((g, gi) => {
    for (let k = 0; k < g.count; k++) {
      pending.push(pod(`p-${gi}-${k}`, { cpu: g.cpu, labels: g.labels, ...(g.spread ? { topologySpreadConstraints: g.spread } : {}), ...(g.nodeSelector ? { nodeSelector: g.nodeSelector } : {}) }));
    }
  });
  const result = karpenterProvision(cluster, pending, config(c), defaultEnv(), defaultProfile());
  return { result, pending, running, nodes };
}

describe('Karpenter topology (topology_test.go spread cases)', () => {
  for (const c of CASES) {
    if (c.skip) {
      it.skip(`${c.name} (${c.skip})`);
      continue;
    }
    it(c.name, () => {
      const { result, pending, running, nodes } = run(c);
      if (c.scheduled) assert.deepEqual(pending.map((p) => result.intended!.has(p.metadata.name!)), c.scheduled);
      if (!c.skew) return;
      const labelsOf = new Map([...nodes, ...result.newNodes].map((n) => [n.metadata.name!, n.metadata.labels ?? {}]));
      const constraint = c.pods.find((g) => g.spread)?.spread?.[0];
      const selector = c.skew.selector === 'nil' ? undefined : safeLabelSelectorAsSelector(constraint?.labelSelector);
      const counts = new Map<string, number>();
      const count = (p: Pod, node: string | undefined) => {
        if (node === undefined || (selector && !selector.matches(p.metadata.labels))) return;
        const d = labelsOf.get(node)?.[c.skew!.key];
        if (d !== undefined) counts.set(d, (counts.get(d) ?? 0) + 1);
      };
      for (const p of running) count(p, p.spec.nodeName);
      for (const p of pending) count(p, result.intended!.get(p.metadata.name!));
      assert.deepEqual([...counts.values()].sort((a, b) => a - b), c.skew.counts, JSON.stringify(Object.fromEntries(counts)));
    });
  }
});
