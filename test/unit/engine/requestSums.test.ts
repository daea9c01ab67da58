// A snapshot shares one frozen request-sums object among its pods that ask for the same amounts
// (cluster.ts RequestSums). Sharing must not change any value: every pod's sums equal what
// makePodInfo computes for it alone, and every node's totals are the sums of its pods.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Container, Pod } from '../../../server/src/engine/api';
import { Cluster, makePodInfo } from '../../../server/src/engine/cluster';
import { addResources, emptyResources } from '../../../server/src/engine/resources';

// Few values, so that pods often agree on some amounts and differ in others (the sharing's key).
const containerArb: fc.Arbitrary<Container> = fc.record({
  cpu: fc.constantFrom(undefined, '100m', '0.1', '1', '0'), memory: fc.constantFrom(undefined, '128Mi', '1Gi', '0'), gpu: fc.constantFrom(undefined, '1', '2'), storage: fc.constantFrom(undefined, '1Gi'),
  sidecar: fc.boolean(),
}).map(({ cpu, memory, gpu, storage, sidecar }) => {
  const requests: Record<string, string> = {};
  if (cpu) requests.cpu = cpu;
  if (memory) requests.memory = memory;
  if (gpu) requests['nvidia.com/gpu'] = gpu;
  if (storage) requests['ephemeral-storage'] = storage;
  return { name: 'c', image: 'i', resources: { requests }, ...(sidecar ? { restartPolicy: 'Always' } : {}) };
});

const podArb = fc.record({
  node: fc.constantFrom('n1', 'n2', 'n3'),
  containers: fc.array(containerArb, { minLength: 1, maxLength: 2 }),
  initContainers: fc.array(containerArb, { maxLength: 1 }),
  podLevel: fc.constantFrom<Record<string, string> | undefined>(undefined, { cpu: '2' }, { memory: '1Gi' }),
  overhead: fc.constantFrom<Record<string, string> | undefined>(undefined, { cpu: '10m' }),
});

type PodShape = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

function podsOf(specs: PodShape[]): Pod[] {
  return specs.map((s, i) => ({
    metadata: { name: `p${i}`, namespace: 'default' },
    spec: {
      nodeName: s.node, containers: s.containers, initContainers: s.initContainers.map((c) => ({ ...c })),
      ...(s.podLevel ? { resources: { requests: s.podLevel } } : {}), ...(s.overhead ? { overhead: s.overhead } : {}),
    },
  }));
}

const nodes = ['n1', 'n2', 'n3'].map((name) => ({ metadata: { name }, status: { allocatable: { cpu: '64', memory: '256Gi', pods: '110' } } }));

describe('snapshot request sums (RequestSums)', () => {
  it('give every pod the sums it has alone, and every node the sum of its pods', () => {
    fc.assert(fc.property(fc.array(podArb, { maxLength: 20 }), (specs) => {
      const pods = podsOf(specs);
      const cluster = Cluster.build({ nodes, pods });
      for (const ni of cluster.nodes) {
        const total = emptyResources();
        let cpu = 0;
        let memory = 0;
        for (const pi of ni.pods) {
          const alone = makePodInfo(pi.pod);
          assert.deepEqual({ ...pi.requests, scalar: { ...pi.requests.scalar } }, alone.requests);
          assert.deepEqual({ ...pi.nonZero }, alone.nonZero);
          addResources(total, alone.requests);
          cpu += alone.nonZero.milliCPU;
          memory += alone.nonZero.memory;
        }
        assert.deepEqual(ni.requested, total);
        assert.deepEqual(ni.nonZeroRequested, { milliCPU: cpu, memory });
      }
    }), { numRuns: 200 });
  });

  it('are one frozen object for pods asking the same, and a node adding them keeps its own totals', () => {
    const same = (name: string, node: string): Pod => ({ metadata: { name }, spec: { nodeName: node, containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '250m', memory: '1Gi' } } }] } });
    const gpu: Pod = { metadata: { name: 'g' }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '250m', memory: '1Gi', 'nvidia.com/gpu': '1' } } }] } };
    const cluster = Cluster.build({ nodes, pods: [same('a', 'n1'), same('b', 'n2'), gpu] });
    const [a, g] = cluster.nodes[0].pods;
    const [b] = cluster.nodes[1].pods;
    assert.equal(a.requests, b.requests);
    assert.equal(a.nonZero, b.nonZero);
    assert.notEqual(a.requests, g.requests);
    assert.ok(Object.isFrozen(a.requests) && Object.isFrozen(a.requests.scalar) && Object.isFrozen(a.nonZero));
    assert.throws(() => { (a.requests as { milliCPU: number }).milliCPU = 1; }, TypeError);
    // Node totals are the node's own objects: assuming a pod onto n1 changes n1 only.
    const fork = cluster.fork();
    fork.assume(same('c', 'n1'), 'n1');
    assert.equal(fork.nodeByName.get('n1')!.requested.milliCPU, 750);
    assert.equal(cluster.nodeByName.get('n1')!.requested.milliCPU, 500);
    assert.equal(a.requests.milliCPU, 250);
  });
});
