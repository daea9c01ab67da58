// Pod request computation. Upstream cases come from k8s.io/component-helpers resource/helpers_test.go
// (commit 1961876b9c57, 2026-07-24); the non-zero cases check pkg/scheduler/framework/types.go
// (PodInfo.calculateResource / getNonMissingContainerRequests) and noderesources
// resource_allocation.go (calculatePodResourceRequest) behaviour and are marked "derived".

import { strict as assert } from 'node:assert';
import type { Container, Pod, ResourceList } from '../../server/src/engine/api';
import {
  isExtendedResourceName, isScalarResourceName, podNonZeroRequests, podRequests, podScoringRequests, resourceListToResources,
} from '../../server/src/engine/resources';

const HELPERS = 'k8s.io/component-helpers resource/helpers_test.go';
const c = (requests: ResourceList, restartPolicy?: string): Container => ({ resources: { requests }, ...(restartPolicy ? { restartPolicy } : {}) });
const sidecar = (requests: ResourceList) => c(requests, 'Always');
function podOf(spec: { containers?: Container[]; initContainers?: Container[]; overhead?: ResourceList; podLevel?: ResourceList }): Pod {
  return {
    metadata: { name: 'p' },
    spec: {
      containers: spec.containers ?? [],
      initContainers: spec.initContainers,
      overhead: spec.overhead,
      ...(spec.podLevel ? { resources: { requests: spec.podLevel } } : {}),
    },
  };
}

interface ReqCase {
  name: string;
  source: string;
  pod: Pod;
  skipPodLevel?: boolean;
  want: { milliCPU?: number; memory?: number; scalar?: Record<string, number> };
}

const Mi = 1024 * 1024;
const reqCases: ReqCase[] = [
  { name: 'nil options, larger init container', source: `${HELPERS} TestPodResourceRequests`, pod: podOf({ initContainers: [c({ cpu: '4' })], containers: [c({ cpu: '1' })] }), want: { milliCPU: 4000 } },
  { name: 'nil options, larger containers', source: `${HELPERS} TestPodResourceRequests`, pod: podOf({ initContainers: [c({ cpu: '2' })], containers: [c({ cpu: '2' }), c({ cpu: '3' })] }), want: { milliCPU: 5000 } },
  { name: 'pod overhead included', source: `${HELPERS} TestPodResourceRequests`, pod: podOf({ overhead: { cpu: '1', memory: '1Gi' }, initContainers: [c({ cpu: '2' })], containers: [c({ cpu: '2' }), c({ cpu: '3' })] }), want: { milliCPU: 6000, memory: 1024 * Mi } },
  { name: 'restartable init container', source: `${HELPERS} TestPodResourceRequests`, pod: podOf({ initContainers: [sidecar({ cpu: '1' })], containers: [c({ cpu: '1' })] }), want: { milliCPU: 2000 } },
  { name: 'multiple restartable init containers', source: `${HELPERS} TestPodResourceRequests`, pod: podOf({ initContainers: [c({ cpu: '5' }), sidecar({ cpu: '1' }), sidecar({ cpu: '2' }), sidecar({ cpu: '3' })], containers: [c({ cpu: '1' })] }), want: { milliCPU: 7000 } },
  { name: 'multiple restartable and regular init containers', source: `${HELPERS} TestPodResourceRequests`, pod: podOf({ initContainers: [c({ cpu: '5' }), sidecar({ cpu: '1' }), sidecar({ cpu: '2' }), c({ cpu: '5' }), sidecar({ cpu: '3' })], containers: [c({ cpu: '1' })] }), want: { milliCPU: 8000 } },
  { name: 'restartable-init, init and regular', source: `${HELPERS} TestPodResourceRequests`, pod: podOf({ initContainers: [sidecar({ cpu: '10' }), c({ cpu: '200' })], containers: [c({ cpu: '100' })] }), want: { milliCPU: 210000 } },
  { name: 'nil', source: `${HELPERS} TestPodLevelResourceRequests`, pod: podOf({}), want: {} },
  { name: 'pod level memory resource with SkipPodLevelResources true', source: `${HELPERS} TestPodLevelResourceRequests`, pod: podOf({ podLevel: { memory: '2Mi' } }), skipPodLevel: true, want: {} },
  { name: 'pod level memory resource with SkipPodLevelResources false', source: `${HELPERS} TestPodLevelResourceRequests`, pod: podOf({ podLevel: { memory: '2Mi' } }), want: { memory: 2 * Mi } },
  { name: 'pod level memory and container level cpu resources with SkipPodLevelResources false', source: `${HELPERS} TestPodLevelResourceRequests`, pod: podOf({ podLevel: { memory: '2Mi' }, containers: [c({ cpu: '2m' })] }), want: { memory: 2 * Mi, milliCPU: 2 } },
  { name: 'pod level unsupported resources set at pod-level with SkipPodLevelResources false', source: `${HELPERS} TestPodLevelResourceRequests`, pod: podOf({ podLevel: { storage: '2Mi' }, containers: [c({ memory: '3Mi' })] }), want: { memory: 3 * Mi } },
  { name: 'both container-level and pod-level resources set with SkipPodLevelResources false', source: `${HELPERS} TestPodLevelResourceRequests`, pod: podOf({ podLevel: { memory: '6Mi', cpu: '8m' }, containers: [c({ memory: '3Mi', cpu: '2m' })] }), want: { memory: 6 * Mi, milliCPU: 8 } },
  { name: 'container-level resources and sidecar container set with SkipPodLevelResources false', source: `${HELPERS} TestPodLevelResourceRequests`, pod: podOf({ containers: [c({ memory: '3Mi', cpu: '2m' })], initContainers: [sidecar({ memory: '5Mi', cpu: '4m' })] }), want: { memory: 8 * Mi, milliCPU: 6 } },
  { name: 'container-level resources, init and sidecar container set with SkipPodLevelResources false', source: `${HELPERS} TestPodLevelResourceRequests`, pod: podOf({ containers: [c({ memory: '3Mi', cpu: '2m' })], initContainers: [sidecar({ memory: '5Mi', cpu: '4m' }), c({ memory: '6Mi', cpu: '8m' })] }), want: { memory: 11 * Mi, milliCPU: 12 } },
  { name: 'pod-level resources, container-level resources, init and sidecar container set with SkipPodLevelResources false', source: `${HELPERS} TestPodLevelResourceRequests`, pod: podOf({ podLevel: { memory: '15Mi', cpu: '18m' }, containers: [c({ memory: '3Mi', cpu: '2m' })], initContainers: [sidecar({ memory: '5Mi', cpu: '4m' }), c({ memory: '6Mi', cpu: '8m' })] }), want: { memory: 15 * Mi, milliCPU: 18 } },
  { name: 'pod-level resources, hugepage request/limit single page size', source: `${HELPERS} TestPodLevelResourceRequests`, pod: podOf({ podLevel: { memory: '10Mi', 'hugepages-2Mi': '2Mi' } }), want: { memory: 10 * Mi, scalar: { 'hugepages-2Mi': 2 * Mi } } },
  { name: 'pod-level resources, container-level resources, hugepage request/limit single page size', source: `${HELPERS} TestPodLevelResourceRequests`, pod: podOf({ podLevel: { cpu: '1', 'hugepages-2Mi': '10Mi' }, containers: [c({ 'hugepages-2Mi': '6Mi' })] }), want: { milliCPU: 1000, scalar: { 'hugepages-2Mi': 10 * Mi } } },
  // Derived: quantities are summed before rounding up (Quantity arithmetic, then MilliValue()).
  { name: 'sub-millicore requests are summed before rounding', source: 'derived: framework.Resource.SetMaxResource(PodRequests(...))', pod: podOf({ containers: [c({ cpu: '0.5m' }), c({ cpu: '0.5m' })] }), want: { milliCPU: 1 } },
  { name: 'names that are not scalar resources are dropped', source: 'derived: schedutil.IsScalarResourceName', pod: podOf({ containers: [c({ cpu: '1', storage: '1Gi', foo: '3', 'example.com/gpu': '2' })] }), want: { milliCPU: 1000, scalar: { 'example.com/gpu': 2 } } },
];

describe('resources', () => {
  describe('podRequests (resourcehelper.PodRequests)', () => {
    for (const t of reqCases) {
      it(t.name, () => {
        const got = podRequests(t.pod, { podLevelResources: !t.skipPodLevel });
        assert.deepEqual(got, { milliCPU: t.want.milliCPU ?? 0, memory: t.want.memory ?? 0, ephemeralStorage: 0, scalar: t.want.scalar ?? {} });
      });
    }
  });

  describe('podNonZeroRequests (NodeInfo.NonZeroRequested)', () => {
    const D = { milliCPU: 100, memory: 200 * Mi };
    const cases: { name: string; pod: Pod; podLevel?: boolean; want: { milliCPU: number; memory: number } }[] = [
      { name: 'a container without requests counts 100m / 200Mi', pod: podOf({ containers: [{ name: 'c' }] }), want: D },
      { name: 'an explicit zero stays zero', pod: podOf({ containers: [c({ cpu: '0', memory: '0' })] }), want: { milliCPU: 0, memory: 0 } },
      { name: 'defaults apply per container, init containers included', pod: podOf({ containers: [c({ cpu: '1' }), { name: 'x' }], initContainers: [{ name: 'i' }] }), want: { milliCPU: 1100, memory: 400 * Mi } },
      { name: 'overhead is added after defaults', pod: podOf({ containers: [{ name: 'c' }], overhead: { cpu: '50m', memory: '1Mi' } }), want: { milliCPU: 150, memory: 201 * Mi } },
      { name: 'pod-level cpu set: cpu from pod level, memory defaults per container', pod: podOf({ podLevel: { cpu: '2' }, containers: [{ name: 'a' }, { name: 'b' }] }), want: { milliCPU: 2000, memory: 400 * Mi } },
      { name: 'pod-level set and a container names cpu: no cpu default for the others', pod: podOf({ podLevel: { memory: '1Gi' }, containers: [c({ cpu: '1' }), { name: 'b' }] }), want: { milliCPU: 1000, memory: 1024 * Mi } },
      { name: 'PodLevelResources gate off: pod-level ignored, defaults as usual', pod: podOf({ podLevel: { cpu: '2' }, containers: [{ name: 'a' }] }), podLevel: false, want: D },
    ];
    for (const t of cases) {
      it(`${t.name} (derived: types.go getNonMissingContainerRequests)`, () => {
        assert.deepEqual(podNonZeroRequests(t.pod, { podLevelResources: t.podLevel ?? true }), t.want);
      });
    }
  });

  describe('podScoringRequests (resource_allocation.go calculatePodResourceRequest)', () => {
    it('non-zero defaults apply per container even with pod-level requests set (derived)', () => {
      const pod = podOf({ podLevel: { memory: '1Gi' }, containers: [c({ cpu: '1' }), { name: 'b' }] });
      const got = podScoringRequests(pod, true);
      assert.equal(got.milliCPU, 1100);
      assert.equal(got.memory, 1024 * Mi);
    });
    it('actual requests without defaults when useRequested (BalancedAllocation) (derived)', () => {
      const got = podScoringRequests(podOf({ containers: [{ name: 'c' }] }), false);
      assert.equal(got.milliCPU, 0);
      assert.equal(got.memory, 0);
    });
  });

  describe('resource names', () => {
    it('classifies scalar resource names like v1helper / schedutil', () => {
      for (const n of ['example.com/aaa', 'nvidia.com/gpu', 'hugepages-2Mi', 'kubernetes.io/something', 'subdomain.kubernetes.io/something', 'attachable-volumes-aws-ebs']) {
        assert.ok(isScalarResourceName(n), n);
      }
      for (const n of ['cpu', 'memory', 'pods', 'storage', 'foo', 'requests.example.com/x']) assert.ok(!isScalarResourceName(n), n);
      assert.ok(isExtendedResourceName('example.com/aaa'));
      assert.ok(!isExtendedResourceName('kubernetes.io/something'));
      assert.ok(!isExtendedResourceName('hugepages-2Mi'));
    });
    it('allocatable keeps cpu/memory/ephemeral-storage and scalar names only', () => {
      assert.deepEqual(resourceListToResources({ cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '10Gi', 'nvidia.com/gpu': 2, bogus: 1 }), {
        milliCPU: 4000, memory: 8 * 1024 * Mi, ephemeralStorage: 10 * 1024 * Mi, scalar: { 'nvidia.com/gpu': 2 },
      });
    });
  });
});
