// NodeResourcesBalancedAllocation, ported from
// pkg/scheduler/framework/plugins/noderesources/balanced_allocation_test.go TestNodeResourcesBalancedAllocation:
// - the v1.36+ table (balance change, kubernetes/kubernetes#135573) runs at minor 36;
// - the earlier fwk table (balance after placement) runs at minor 35.
// DRA-backed extended resource cases are left out (kube-spread models no DeviceClasses/ResourceSlices).

import { strict as assert } from 'node:assert';
import type { Node } from '../../../server/src/engine/api';
import { Cluster, makePodInfo } from '../../../server/src/engine/cluster';
import { CycleState } from '../../../server/src/engine/framework';
import { NodeResourcesBalancedAllocation } from '../../../server/src/engine/plugins/noderesources/balancedAllocation';
import { defaultEnv } from '../../../server/src/engine/versions';
import { makeNode, makePod, type PodBuilder } from '../builders';
import type { ScoreCase } from '../harness';
import { assertScore } from './pluginAsserts';

const SOURCE = 'pkg/scheduler/framework/plugins/noderesources/balanced_allocation_test.go TestNodeResourcesBalancedAllocation';
type Res = Record<string, string | number>;
const GPU = 'nvidia.com/gpu';
// makeNode(name, milliCPU, memory, extended) from the upstream test utilities.
const node = (name: string, milliCPU: number, memory: number, ext: Res = {}): Node => makeNode(name).capacity({ cpu: `${milliCPU}m`, memory, ...ext }).build();
const cpuOnly = (cpu: string): Res => ({ cpu, memory: '0' });
const cpuAndMemory = (cpu: string, memory: string): Res => ({ cpu, memory });
const cpuAndMemoryAndGpu = (cpu: string, memory: string, gpu: string): Res => ({ cpu, memory, [GPU]: gpu });
const pod = (...reqs: Res[]): PodBuilder => {
  const b = makePod('p');
  for (const r of reqs) b.req(r);
  return b;
};
const cpuAndMemoryPod = () => pod(cpuAndMemory('1000m', '2000'), cpuAndMemory('2000m', '3000'));
const cpuOnlyPod = () => pod(cpuOnly('1000m'), cpuOnly('2000m'));
const defaultSet = { resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] };
const withGpu = { resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: GPU, weight: 1 }] };

function bc(minor: number, name: string, p: PodBuilder, nodes: Node[], existing: PodBuilder[][], want: Record<string, number> | 'Skip', args: unknown): ScoreCase {
  const existingPods = existing.flatMap((ps, i) => ps.map((b) => b.node(nodes[i].metadata.name ?? '').build()));
  const base = { name, source: SOURCE, minor, pod: p.build(), nodes, existingPods, args };
  return want === 'Skip' ? { ...base, wantPreScore: 'Skip' } : { ...base, want };
}

// v1.36+ (balance with vs without the pod).
const v136: ScoreCase[] = [
  bc(36, 'nothing scheduled, nothing requested, skip in PreScore', pod(), [node('node1', 4000, 10000), node('node2', 4000, 10000)], [], 'Skip', defaultSet),
  bc(36, 'nothing scheduled, resources requested, differently sized nodes', cpuAndMemoryPod(), [node('node1', 4000, 10000), node('node2', 6000, 10000)], [], { node1: 68, node2: 75 }, defaultSet),
  bc(36, 'resources requested, pods scheduled with resources', cpuAndMemoryPod(), [node('node1', 10000, 20000), node('node2', 10000, 20000)], [[cpuOnlyPod()], [cpuAndMemoryPod()]], { node1: 73, node2: 74 }, defaultSet),
  bc(36, 'resources requested, pods scheduled with resources, differently sized nodes', cpuAndMemoryPod(), [node('node1', 10000, 20000), node('node2', 10000, 50000)], [[cpuOnlyPod()], [cpuAndMemoryPod()]], { node1: 73, node2: 70 }, defaultSet),
  bc(36, 'resources requested, pods scheduled with resources, nodes to reach min/max score', pod({ memory: '2000' }, { memory: '3000' }), [node('node1', 3000, 5000), node('node2', 3000, 5000)], [[cpuOnlyPod()], []], { node1: 100, node2: 50 }, defaultSet),
  bc(36, 'requested resources at node capacity', cpuOnlyPod(), [node('node1', 6000, 10000), node('node2', 6000, 10000)], [[cpuOnlyPod()], [cpuAndMemoryPod()]], { node1: 62, node2: 62 }, defaultSet),
  bc(36, 'scalar resource is included in the score computation if pod requests the scalar resource', pod(cpuAndMemoryAndGpu('0', '0', '1')),
    [node('node1', 3500, 40000, { [GPU]: 8 }), node('node2', 3500, 40000, { [GPU]: 8 })],
    [[pod(cpuAndMemory('1000m', '2000'), cpuAndMemoryAndGpu('2000m', '3000', '3'))], [cpuAndMemoryPod()]], { node1: 75, node2: 76 }, withGpu),
  bc(36, "scalar resource is not included in the score computation if pod doesn't request the scalar resource", cpuAndMemoryPod(),
    [node('node1', 3500, 40000, { [GPU]: 8 }), node('node2', 3500, 40000)], [], { node1: 56, node2: 56 }, withGpu),
];

// Up to v1.35 (balance after placement only).
const v135: ScoreCase[] = [
  bc(35, 'nothing scheduled, nothing requested, skip in PreScore', pod(), [node('node1', 4000, 10000), node('node2', 4000, 10000)], [], 'Skip', defaultSet),
  bc(35, 'nothing scheduled, resources requested, differently sized nodes', cpuAndMemoryPod(), [node('node1', 4000, 10000), node('node2', 6000, 10000)], [], { node1: 87, node2: 100 }, defaultSet),
  bc(35, 'resources requested, pods scheduled with resources', cpuAndMemoryPod(), [node('node1', 10000, 20000), node('node2', 10000, 20000)], [[cpuOnlyPod()], [cpuAndMemoryPod()]], { node1: 82, node2: 95 }, defaultSet),
  bc(35, 'resources requested, pods scheduled with resources, differently sized nodes', cpuAndMemoryPod(), [node('node1', 10000, 20000), node('node2', 10000, 50000)], [[cpuOnlyPod()], [cpuAndMemoryPod()]], { node1: 82, node2: 80 }, defaultSet),
  bc(35, 'requested resources at node capacity', cpuOnlyPod(), [node('node1', 6000, 10000), node('node2', 6000, 10000)], [[cpuOnlyPod()], [cpuAndMemoryPod()]], { node1: 50, node2: 75 }, defaultSet),
  bc(35, 'include scalar resource on a node for balanced resource allocation', pod({ memory: '0', [GPU]: '1' }),
    [node('node1', 3500, 40000, { [GPU]: 8 }), node('node2', 3500, 40000, { [GPU]: 8 })],
    [[pod(cpuAndMemory('1000m', '2000'), cpuAndMemoryAndGpu('2000m', '3000', '3'))], [cpuAndMemoryPod()]], { node1: 70, node2: 65 }, withGpu),
  bc(35, 'node without the scalar resource should skip the scalar resource', cpuAndMemoryPod(), [node('node1', 3500, 40000, { [GPU]: 8 }), node('node2', 3500, 40000)], [], { node1: 63, node2: 63 }, withGpu),
];

// "... if PreScore not called": Score recomputes the request (same result in both tables).
const noPreScore: ScoreCase[] = [
  bc(36, 'resources requested, pods scheduled with resources if PreScore not called', cpuAndMemoryPod(), [node('node1', 10000, 20000), node('node2', 10000, 20000)], [[cpuOnlyPod()], [cpuAndMemoryPod()]], { node1: 73, node2: 74 }, defaultSet),
  bc(35, 'resources requested, pods scheduled with resources if PreScore not called', cpuAndMemoryPod(), [node('node1', 10000, 20000), node('node2', 10000, 20000)], [[cpuOnlyPod()], [cpuAndMemoryPod()]], { node1: 82, node2: 95 }, defaultSet),
];

function scoreWithoutPreScore(c: ScoreCase): Record<string, number> {
  const cluster = Cluster.build({ nodes: c.nodes, pods: c.existingPods });
  const plugin = NodeResourcesBalancedAllocation({ cluster, env: defaultEnv(c.minor) }, c.args);
  const p = makePodInfo(c.pod);
  const out: Record<string, number> = {};
  for (const ni of cluster.nodes) out[ni.name] = plugin.score?.(new CycleState(), p, ni) ?? NaN;
  return out;
}

describe('NodeResourcesBalancedAllocation (upstream balanced_allocation_test.go)', () => {
  describe('v1.36+ table (minor 36)', () => {
    for (const c of v136) it(c.name, () => assertScore(NodeResourcesBalancedAllocation, c));
  });
  describe('pre-1.36 table (minor 35)', () => {
    for (const c of v135) it(c.name, () => assertScore(NodeResourcesBalancedAllocation, c));
  });
  describe('without PreScore', () => {
    for (const c of noPreScore) it(`${c.name} (minor ${c.minor})`, () => assert.deepEqual(scoreWithoutPreScore(c), c.want));
  });
  it('rejects weights other than 1 (validation_pluginargs.go)', () => {
    const cluster = Cluster.build({ nodes: [] });
    assert.throws(() => NodeResourcesBalancedAllocation({ cluster, env: defaultEnv() }, { resources: [{ name: 'cpu', weight: 2 }] }), /must be 1/);
  });
});
