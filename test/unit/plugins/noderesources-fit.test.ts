// NodeResourcesFit Filter, ported from pkg/scheduler/framework/plugins/noderesources/fit_test.go
// (current fwk copy: Unresolvable statuses, pod-level resources, DRA cases).
// Upstream builds NodeInfo directly; here the same pods sit on node "node".

import { strict as assert } from 'node:assert';
import type { Pod } from '../../../server/src/engine/api';
import { Cluster, makePodInfo } from '../../../server/src/engine/cluster';
import { CycleState } from '../../../server/src/engine/framework';
import { defaultEnv } from '../../../server/src/engine/versions';
import { NodeResourcesFit } from '../../../server/src/engine/plugins/noderesources/fit';
import { makeNode, makePod, type PodBuilder } from '../builders';
import type { ExpectedStatus, FilterCase } from '../harness';
import { assertFilter } from './pluginAsserts';

const FILE = 'pkg/scheduler/framework/plugins/noderesources/fit_test.go';
const extA = 'example.com/aaa';
const extB = 'example.com/bbb';
const k8sIoA = 'kubernetes.io/something';
const k8sIoB = 'subdomain.kubernetes.io/something';
const hugeA = 'hugepages-2Mi';
const draRes = 'extended.resource.dra.io/something';

interface Usage {
  cpu?: number; // millicores
  mem?: number;
  eph?: number;
  scalar?: Record<string, number>;
}

// newResourcePod: one container per usage, requesting cpu (milli), memory, pods, ephemeral-storage and scalars.
const requests = (u: Usage) => ({ cpu: `${u.cpu ?? 0}m`, memory: u.mem ?? 0, pods: 0, 'ephemeral-storage': u.eph ?? 0, ...(u.scalar ?? {}) });
function resourcePod(name: string, ...usage: Usage[]): PodBuilder {
  const b = makePod(name);
  for (const u of usage) b.req(requests(u));
  return b;
}
function withInit(b: PodBuilder, ...usage: Usage[]): PodBuilder {
  for (const u of usage) b.initReq(requests(u));
  return b;
}
function podLevel(b: PodBuilder, req: Record<string, string | number>): PodBuilder {
  b.obj.spec.resources = { requests: req };
  return b;
}
const existing = (...usage: Usage[]): Pod[] => [resourcePod('existing', ...usage).node('node').build()];

// makeResources(10, 20, 32, 5, 20, 5)
const bigNode = () => makeNode('node').capacity({ cpu: '10m', memory: 20, pods: 32, [extA]: 5, 'ephemeral-storage': 20, [hugeA]: 5 }).build();

type Want = ExpectedStatus | undefined;
const unsched = (...reasons: string[]): ExpectedStatus => ({ code: 'Unschedulable', reasons });
const unres = (...reasons: string[]): ExpectedStatus => ({ code: 'UnschedulableAndUnresolvable', reasons });
const ins = (r: string) => `Insufficient ${r}`;

function enough(name: string, pod: PodBuilder, nodePods: Pod[], want: Want, args?: unknown): FilterCase {
  return { name, source: `${FILE} TestEnoughRequests`, pod: pod.build(), nodes: [bigNode()], existingPods: nodePods, args, want: want ? { node: want } : {} };
}

const enoughRequests: FilterCase[] = [
  enough('no resources requested always fits', makePod('p'), existing({ cpu: 10, mem: 20 }), undefined),
  enough('too many resources fails', resourcePod('p', { cpu: 1, mem: 1 }), existing({ cpu: 10, mem: 20 }), unsched(ins('cpu'), ins('memory'))),
  enough('too many resources fails due to init container cpu', withInit(resourcePod('p', { cpu: 1, mem: 1 }), { cpu: 3, mem: 1 }), existing({ cpu: 8, mem: 19 }), unsched(ins('cpu'))),
  enough('too many resources fails due to highest init container cpu', withInit(resourcePod('p', { cpu: 1, mem: 1 }), { cpu: 3, mem: 1 }, { cpu: 2, mem: 1 }), existing({ cpu: 8, mem: 19 }), unsched(ins('cpu'))),
  enough('too many resources fails due to init container memory', withInit(resourcePod('p', { cpu: 1, mem: 1 }), { cpu: 1, mem: 3 }), existing({ cpu: 9, mem: 19 }), unsched(ins('memory'))),
  enough('too many resources fails due to highest init container memory', withInit(resourcePod('p', { cpu: 1, mem: 1 }), { cpu: 1, mem: 3 }, { cpu: 1, mem: 2 }), existing({ cpu: 9, mem: 19 }), unsched(ins('memory'))),
  enough("init container fits because it's the max, not sum, of containers and init containers", withInit(resourcePod('p', { cpu: 1, mem: 1 }), { cpu: 1, mem: 1 }), existing({ cpu: 9, mem: 19 }), undefined),
  enough("multiple init containers fit because it's the max, not sum, of containers and init containers", withInit(resourcePod('p', { cpu: 1, mem: 1 }), { cpu: 1, mem: 1 }, { cpu: 1, mem: 1 }), existing({ cpu: 9, mem: 19 }), undefined),
  enough('both resources fit', resourcePod('p', { cpu: 1, mem: 1 }), existing({ cpu: 5, mem: 5 }), undefined),
  enough('one resource memory fits', resourcePod('p', { cpu: 2, mem: 1 }), existing({ cpu: 9, mem: 5 }), unsched(ins('cpu'))),
  enough('one resource cpu fits', resourcePod('p', { cpu: 1, mem: 2 }), existing({ cpu: 5, mem: 19 }), unsched(ins('memory'))),
  enough('equal edge case', resourcePod('p', { cpu: 5, mem: 1 }), existing({ cpu: 5, mem: 19 }), undefined),
  enough('equal edge case for init container', withInit(resourcePod('p', { cpu: 4, mem: 1 }), { cpu: 5, mem: 1 }), existing({ cpu: 5, mem: 19 }), undefined),
  enough('extended resource fits', resourcePod('p', { scalar: { [extA]: 1 } }), existing({}), undefined),
  enough('extended resource fits for init container', withInit(resourcePod('p', {}), { scalar: { [extA]: 1 } }), existing({}), undefined),
  enough('extended resource capacity enforced', resourcePod('p', { cpu: 1, mem: 1, scalar: { [extA]: 10 } }), existing({ scalar: { [extA]: 0 } }), unres(ins(extA))),
  enough('extended resource capacity enforced for init container', withInit(resourcePod('p', {}), { cpu: 1, mem: 1, scalar: { [extA]: 10 } }), existing({ scalar: { [extA]: 0 } }), unres(ins(extA))),
  enough('extended resource allocatable enforced', resourcePod('p', { cpu: 1, mem: 1, scalar: { [extA]: 1 } }), existing({ scalar: { [extA]: 5 } }), unsched(ins(extA))),
  enough('extended resource allocatable enforced for init container', withInit(resourcePod('p', {}), { cpu: 1, mem: 1, scalar: { [extA]: 1 } }), existing({ scalar: { [extA]: 5 } }), unsched(ins(extA))),
  enough('extended resource allocatable enforced for multiple containers', resourcePod('p', { cpu: 1, mem: 1, scalar: { [extA]: 3 } }, { cpu: 1, mem: 1, scalar: { [extA]: 3 } }), existing({ scalar: { [extA]: 2 } }), unres(ins(extA))),
  enough('extended resource allocatable admits multiple init containers', withInit(resourcePod('p', {}), { cpu: 1, mem: 1, scalar: { [extA]: 3 } }, { cpu: 1, mem: 1, scalar: { [extA]: 3 } }), existing({ scalar: { [extA]: 2 } }), undefined),
  enough('extended resource allocatable enforced for multiple init containers', withInit(resourcePod('p', {}), { cpu: 1, mem: 1, scalar: { [extA]: 6 } }, { cpu: 1, mem: 1, scalar: { [extA]: 3 } }), existing({ scalar: { [extA]: 2 } }), unres(ins(extA))),
  enough('extended resource allocatable enforced for unknown resource', resourcePod('p', { cpu: 1, mem: 1, scalar: { [extB]: 1 } }), existing({}), unres(ins(extB))),
  enough('extended resource allocatable enforced for unknown resource for init container', withInit(resourcePod('p', {}), { cpu: 1, mem: 1, scalar: { [extB]: 1 } }), existing({}), unres(ins(extB))),
  enough('kubernetes.io resource capacity enforced', resourcePod('p', { cpu: 1, mem: 1, scalar: { [k8sIoA]: 10 } }), existing({}), unres(ins(k8sIoA))),
  enough('kubernetes.io resource capacity enforced for init container', withInit(resourcePod('p', {}), { cpu: 1, mem: 1, scalar: { [k8sIoB]: 10 } }), existing({}), unres(ins(k8sIoB))),
  enough('hugepages resource capacity enforced', resourcePod('p', { cpu: 1, mem: 1, scalar: { [hugeA]: 10 } }), existing({ scalar: { [hugeA]: 0 } }), unres(ins(hugeA))),
  enough('hugepages resource capacity enforced for init container', withInit(resourcePod('p', {}), { cpu: 1, mem: 1, scalar: { [hugeA]: 10 } }), existing({ scalar: { [hugeA]: 0 } }), unres(ins(hugeA))),
  enough('hugepages resource allocatable enforced for multiple containers', resourcePod('p', { cpu: 1, mem: 1, scalar: { [hugeA]: 3 } }, { cpu: 1, mem: 1, scalar: { [hugeA]: 3 } }), existing({ scalar: { [hugeA]: 2 } }), unres(ins(hugeA))),
  enough('skip checking ignored extended resource', resourcePod('p', { cpu: 1, mem: 1, scalar: { [extB]: 1 } }), existing({}), undefined, { ignoredResources: [extB] }),
  enough('resources + pod overhead fits', resourcePod('p', { cpu: 1, mem: 1 }).overhead({ cpu: '3m', memory: '13' }), existing({ cpu: 5, mem: 5 }), undefined),
  enough('requests + overhead does not fit for memory', resourcePod('p', { cpu: 1, mem: 1 }).overhead({ cpu: '1m', memory: '15' }), existing({ cpu: 5, mem: 5 }), unsched(ins('memory'))),
  enough('skip checking ignored extended resource via resource groups', resourcePod('p', { cpu: 1, mem: 1, scalar: { [extB]: 1, [k8sIoA]: 1 } }), existing({}), unres(ins(k8sIoA)), { ignoredResourceGroups: ['example.com'] }),
  enough('skip checking extended resource request with quantity zero via resource groups', resourcePod('p', { cpu: 1, mem: 1, scalar: { [extA]: 0 } }), existing({ scalar: { [extA]: 6 } }), undefined),
  enough('skip checking resource request with quantity zero', resourcePod('p', { scalar: { [extA]: 1 } }), existing({ cpu: 20, mem: 30, scalar: { [extA]: 1 } }), undefined),
  enough('both pod-level and container-level resources fit', podLevel(resourcePod('p', { cpu: 1, mem: 1 }), { cpu: '1m', memory: '2' }), existing({ cpu: 5, mem: 5 }), undefined),
  enough('pod-level cpu resource not fit', podLevel(resourcePod('p', { cpu: 1, mem: 1 }), { cpu: '7m', memory: '2' }), existing({ cpu: 5, mem: 5 }), unsched(ins('cpu'))),
  enough('pod-level memory resource not fit', podLevel(resourcePod('p', { cpu: 1, mem: 1 }), { cpu: '3m', memory: '2' }), existing({ cpu: 5, mem: 19 }), unsched(ins('memory'))),
  enough('pod-level hugepages resource fit', podLevel(makePod('p'), { cpu: '3m', memory: '2', [hugeA]: 5 }), [], undefined),
  enough('both pod-level and container-level hugepages resource fit', podLevel(resourcePod('p', { cpu: 1, mem: 1, scalar: { [hugeA]: 3 } }), { cpu: '3m', memory: '2', [hugeA]: 5 }), [], undefined),
  enough('pod-level hugepages resource not fit', podLevel(makePod('p'), { cpu: '3m', memory: '2', [hugeA]: 10 }), [], unres(ins(hugeA))),
  enough('one pod-level cpu resource fits and all init and non-init containers resources fit', withInit(podLevel(resourcePod('p', { cpu: 1, mem: 1 }), { cpu: '3m', memory: '2' }), { cpu: 1, mem: 1 }), existing({ cpu: 5, mem: 19 }), unsched(ins('memory'))),
  // DRA-related cases whose outcome does not depend on DeviceClasses (kube-spread models none).
  enough('extended resource backed by device plugin', resourcePod('p', { scalar: { [extA]: 1 } }), existing({}), undefined),
  enough('extended resource backed by DRA not enabled', resourcePod('p', { cpu: 1, mem: 1, scalar: { [draRes]: 1 } }), existing({}), unres(ins(draRes))),
  enough('extended resource NOT backed by DRA', resourcePod('p', { cpu: 1, mem: 1, scalar: { [extB]: 1 } }), existing({}), unres(ins(extB))),
];

// makeAllocatableResources(10, 20, 1, 0, 0, 0): room for one pod only.
const onePodNode = () => makeNode('node').capacity({ cpu: '10m', memory: 20, pods: 1, [extA]: 0, 'ephemeral-storage': 0, [hugeA]: 0 }).build();
function notEnough(name: string, pod: PodBuilder, nodePods: Pod[]): FilterCase {
  return { name, source: `${FILE} TestNotEnoughRequests`, pod: pod.build(), nodes: [onePodNode()], existingPods: nodePods, want: { node: unsched('Too many pods') } };
}
const notEnoughRequests: FilterCase[] = [
  notEnough("even without specified resources, predicate fails when there's no space for additional pod", makePod('p'), existing({ cpu: 10, mem: 20 })),
  notEnough("even if both resources fit, predicate fails when there's no space for additional pod", resourcePod('p', { cpu: 1, mem: 1 }), existing({ cpu: 5, mem: 5 })),
  notEnough("even for equal edge case, predicate fails when there's no space for additional pod", resourcePod('p', { cpu: 5, mem: 1 }), existing({ cpu: 5, mem: 19 })),
  notEnough("even for equal edge case, predicate fails when there's no space for additional pod due to init container", withInit(resourcePod('p', { cpu: 5, mem: 1 }), { cpu: 5, mem: 1 }), existing({ cpu: 5, mem: 19 })),
];

function storage(name: string, pod: PodBuilder, nodePods: Pod[], want: Want): FilterCase {
  return { name, source: `${FILE} TestStorageRequests`, pod: pod.build(), nodes: [bigNode()], existingPods: nodePods, want: want ? { node: want } : {} };
}
const storageRequests: FilterCase[] = [
  storage('empty storage requested, and pod fits', resourcePod('p', { cpu: 1, mem: 1 }), existing({ cpu: 2, mem: 10 }), undefined),
  storage('storage ephemeral local storage request exceeds allocatable', resourcePod('p', { eph: 25 }), existing({ cpu: 2, mem: 2 }), unres(ins('ephemeral-storage'))),
  storage('ephemeral local storage is sufficient', resourcePod('p', { eph: 5 }), existing({ cpu: 2, mem: 2, eph: 10 }), undefined),
  storage('pod fits', resourcePod('p', { eph: 10 }), existing({ cpu: 2, mem: 2 }), undefined),
];

// TestRestartableInitContainers: makeAllocatableResources(2, 0, 1, 0, 0, 0).
const tinyNode = () => makeNode('node').capacity({ cpu: '2m', memory: 0, pods: 1, [extA]: 0, 'ephemeral-storage': 0, [hugeA]: 0 }).build();
const regularPod = () => makePod('p').container({ name: 'regular' });
function sidecarPod(cpu?: string, sidecarCpu?: string): PodBuilder {
  const b = makePod('p').container({ name: 'regular', ...(cpu ? { resources: { requests: { cpu } } } : {}) });
  b.obj.spec.initContainers = [{ name: 'restartable-init', restartPolicy: 'Always', ...(sidecarCpu ? { resources: { requests: { cpu: sidecarCpu } } } : {}) }];
  return b;
}
function restartable(name: string, pod: PodBuilder, sidecarsOn: boolean, wantPreFilter?: ExpectedStatus, wantFilter?: ExpectedStatus): FilterCase {
  const want = wantPreFilter ?? wantFilter;
  return {
    name, source: `${FILE} TestRestartableInitContainers`, pod: pod.build(), nodes: [tinyNode()],
    gates: { SidecarContainers: sidecarsOn }, wantPreFilter, want: want ? { node: want } : {},
  };
}
const restartableInit: FilterCase[] = [
  restartable('allow pod without restartable init containers if sidecar containers is disabled', regularPod(), false),
  restartable('not allow pod with restartable init containers if sidecar containers is disabled', sidecarPod(), false,
    unres('Pod has a restartable init container and the SidecarContainers feature is disabled')),
  restartable('allow pod without restartable init containers if sidecar containers is enabled', regularPod(), true),
  restartable('allow pod with restartable init containers if sidecar containers is enabled', sidecarPod(), true),
  restartable("allow pod if the total requested resources do not exceed the node's allocatable resources", sidecarPod('1m', '1m'), true),
  restartable("not allow pod if the total requested resources do exceed the node's allocatable resources", sidecarPod('1m', '2m'), true, undefined, unres(ins('cpu'))),
];

describe('NodeResourcesFit filter (upstream fit_test.go)', () => {
  for (const [table, cases] of [
    ['TestEnoughRequests', enoughRequests],
    ['TestNotEnoughRequests', notEnoughRequests],
    ['TestStorageRequests', storageRequests],
    ['TestRestartableInitContainers', restartableInit],
  ] as const) {
    describe(table, () => {
      for (const c of cases) it(c.name, () => assertFilter(NodeResourcesFit, c));
    });
  }

  it('Filter without PreFilter is an Error (TestPreFilterDisabled)', () => {
    const cluster = Cluster.build({ nodes: [makeNode('node').build()] });
    const plugin = NodeResourcesFit({ cluster, env: defaultEnv() });
    const st = plugin.filter?.(new CycleState(), makePodInfo(makePod('p').build()), cluster.nodes[0]);
    assert.equal(st?.code, 'Error');
  });
});
