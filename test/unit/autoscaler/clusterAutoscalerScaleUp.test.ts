// cluster-autoscaler's scale-up orchestrator (core/scaleup/orchestrator/orchestrator_test.go, kubernetes/
// autoscaler master): a subset ported as data with the upstream test names (the mocked expander choice
// becomes the priority expander), then the expanders, balancing, the NotTriggerScaleUp reasons, and the
// spreading behaviours the issue pins: kubernetes/autoscaler#5489 (no scale-up for minDomains) and
// #8161 (over-provisioning from the binpacking estimate).

import { strict as assert } from 'node:assert';
import type { Node, Pod, TopologySpreadConstraint } from '../../../server/src/engine/api';
import { Cluster } from '../../../server/src/engine/cluster';
import { defaultProfile } from '../../../server/src/engine/profile';
import { defaultEnv } from '../../../server/src/engine/versions';
import { Scheduler } from '../../../server/src/engine/scheduler';
import { simulateReplicas } from '../../../server/src/engine/simulate';
import { clusterAutoscalerScaleUp } from '../../../server/src/engine/autoscaler/clusterAutoscaler';
import type { CAExpander, CANodeGroup, ClusterAutoscalerConfig, NodeTemplate } from '../../../server/src/engine/autoscaler/types';

const MiB = 1024 * 1024;

function resources(milliCPU: number, memBytes: number, pods = 110) {
  return { cpu: `${milliCPU}m`, memory: `${memBytes}`, pods: `${pods}` };
}

function node(name: string, milliCPU: number, memBytes: number, labels: Record<string, string> = {}): Node {
  const r = resources(milliCPU, memBytes);
  return { metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } }, spec: {}, status: { capacity: { ...r }, allocatable: { ...r } } };
}

function pod(name: string, milliCPU: number, memBytes = 0, o: { node?: string; labels?: Record<string, string>; spread?: TopologySpreadConstraint[]; owner?: string } = {}): Pod {
  return {
    metadata: {
      name, namespace: 'default', labels: o.labels ?? {},
      ...(o.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: o.owner, uid: o.owner, controller: true }] } : {}),
    },
    spec: {
      ...(o.node ? { nodeName: o.node } : {}),
      containers: [{ name: 'c', resources: { requests: { cpu: `${milliCPU}m`, ...(memBytes ? { memory: `${memBytes}` } : {}) } } }],
      ...(o.spread ? { topologySpreadConstraints: o.spread } : {}),
    },
  };
}

/** A group whose template looks like `like` (its labels minus the hostname, its allocatable). */
function group(name: string, min: number, max: number, members: Node[], like: Node, extra: Partial<CANodeGroup> = {}): CANodeGroup {
  const labels = { ...like.metadata.labels };
  delete labels['kubernetes.io/hostname'];
  const template: NodeTemplate = { labels, allocatable: { ...like.status!.allocatable! } };
  return { name, min, max, nodes: members.map((n) => n.metadata.name!), template, ...extra };
}

function config(groups: CANodeGroup[], o: { expanders?: CAExpander[]; balance?: boolean; maxNodesTotal?: number } = {}): ClusterAutoscalerConfig {
  return { nodeGroups: groups, expanders: o.expanders ?? ['random'], balanceSimilarNodeGroups: o.balance ?? false, maxNodesTotal: o.maxNodesTotal ?? 0 };
}

function scaleUp(nodes: Node[], pods: Pod[], pending: Pod[], cfg: ClusterAutoscalerConfig) {
  const cluster = Cluster.build({ nodes, pods });
  const result = clusterAutoscalerScaleUp(cluster, pending, cfg, defaultEnv(), defaultProfile());
  return { cluster, result, sizes: Object.fromEntries(result.scaleUps.map((u) => [u.nodePool, u.nodes])) };
}

describe('cluster-autoscaler scale-up (orchestrator_test.go)', () => {
  it('TestScaleUpOK', () => {
    const n1 = node('n1', 100, 100 * MiB);
    const n2 = node('n2', 1000, 1000 * MiB);
    const { sizes, result } = scaleUp([n1, n2], [pod('p1', 80, 0, { node: 'n1' }), pod('p2', 800, 0, { node: 'n2' })], [pod('p-new', 500)],
      config([group('ng1', 1, 10, [n1], n1, { priority: 1 }), group('ng2', 1, 10, [n2], n2, { priority: 10 })], { expanders: ['priority'] }));
    assert.deepEqual(sizes, { ng2: 1 });
    assert.deepEqual(result.notTriggered, []);
    assert.deepEqual(result.newNodes.map((n) => n.metadata.name), ['ng2-new-1']);
  });

  it('TestScaleUpCapToMaxTotalNodesLimit', () => {
    const n1 = node('n1', 2000, 100 * MiB);
    const n2 = node('n2', 4000, 1000 * MiB);
    const { sizes } = scaleUp([n1, n2], [pod('p1', 1000, 0, { node: 'n1' }), pod('p2', 3000, 0, { node: 'n2' })],
      [1, 2, 3].map((i) => pod(`p-new-${i}`, 4000, 100 * MiB)),
      config([group('ng1', 1, 10, [n1], n1), group('ng2', 1, 10, [n2], n2)], { maxNodesTotal: 3 }));
    assert.deepEqual(sizes, { ng2: 1 });
  });

  it('TestScaleUpBalanceGroups', () => {
    const cfg: Record<string, { min: number; max: number; size: number }> = {
      ng1: { min: 1, max: 1, size: 1 }, ng2: { min: 1, max: 2, size: 1 }, ng3: { min: 1, max: 5, size: 1 }, ng4: { min: 1, max: 5, size: 3 },
    };
    const nodes: Node[] = [];
    const pods: Pod[] = [];
    const groups: CANodeGroup[] = [];
    for (const [gid, g] of Object.entries(cfg)) {
      const members = Array.from({ length: g.size }, (_, i) => node(`${gid}-node-${i}`, 100, 1000));
      members.forEach((n, i) => pods.push(pod(`${gid}-pod-${i}`, 80, 0, { node: n.metadata.name })));
      nodes.push(...members);
      groups.push(group(gid, g.min, g.max, members, members[0]));
    }
    const { sizes } = scaleUp(nodes, pods, [0, 1].map((i) => pod(`test-pod-${i}`, 80)), config(groups, { balance: true }));
    assert.deepEqual(sizes, { ng2: 1, ng3: 1 });
  });

  it('TestScaleUpNoHelp', () => {
    const n1 = node('n1', 100, 100 * MiB);
    const { result } = scaleUp([n1], [pod('p1', 80, 0, { node: 'n1' })], [pod('p-new', 500)], config([group('ng1', 1, 2, [n1], n1)]));
    assert.deepEqual(result.scaleUps, []);
    assert.deepEqual(result.notTriggered.map((n) => n.reason), ["pod didn't trigger scale-up: 1 Insufficient cpu"]);
  });
});

// More of orchestrator_test.go (kubernetes/autoscaler @ 053327d3). The mocked expander's choice
// (ExpansionOptionToChoose) becomes the priority expander; where upstream asserts the list of expansion
// options, each option is checked by giving it the highest priority in turn (an option that does not
// exist cannot be chosen). Memory is in bytes, as BuildTestNode/BuildTestPod take it.
const GPU = 'nvidia.com/gpu';

/** buildTestNode with Gpu > 0: AddGpusToNode (the GPU taint, capacity and label). */
function gpuNode(name: string, milliCPU: number, memBytes: number, gpus: number): Node {
  const n = node(name, milliCPU, memBytes, { 'TestGPULabel/accelerator': 'nvidia-tesla-k80' });
  n.spec = { taints: [{ key: GPU, value: 'present', effect: 'NoSchedule' }] };
  n.status!.capacity![GPU] = `${gpus}`;
  n.status!.allocatable![GPU] = `${gpus}`;
  return n;
}

/** buildTestPod with RequestGpuForPod / TolerateGpuForPod. */
function gpuPod(name: string, milliCPU: number, memBytes: number, gpus: number, tolerates: boolean, on?: string): Pod {
  const p = pod(name, milliCPU, memBytes, { node: on });
  const c = p.spec.containers![0];
  if (gpus) c.resources = { requests: { ...c.resources!.requests, [GPU]: `${gpus}` }, limits: { [GPU]: `${gpus}` } };
  if (tolerates) p.spec.tolerations = [{ key: GPU, operator: 'Exists', effect: 'NoSchedule' }];
  return p;
}

/** The group the cloud provider builds from a node (as the test provider does: the node is its template). */
function groupOf(name: string, members: Node[], extra: Partial<CANodeGroup> = {}): CANodeGroup {
  const g = group(name, 1, 10, members, members[0], extra);
  if (members[0].spec?.taints?.length) g.template.taints = members[0].spec.taints.map((t) => ({ ...t }));
  return g;
}

/** Which group grows, and by how much, when `chosen` is the expander's pick. */
function choose(nodes: Node[], pods: Pod[], pending: Pod[], groups: (priority: (g: string) => number) => CANodeGroup[], chosen: string) {
  return scaleUp(nodes, pods, pending, config(groups((g) => (g === chosen ? 100 : 1)), { expanders: ['priority'] })).sizes;
}

describe('cluster-autoscaler scale-up (orchestrator_test.go, more cases)', () => {
  it('TestMixedScaleUp', () => {
    const n1 = node('n1', 100, 1000);
    const n2 = node('n2', 1000, 100);
    const { result, sizes } = scaleUp([n1, n2], [pod('p1', 80, 0, { node: 'n1' }), pod('p2', 800, 0, { node: 'n2' })],
      [pod('triggering', 900), pod('remaining', 2000), pod('awaiting', 0, 200)],
      config([group('ng1', 1, 10, [n1], n1, { priority: 1 }), group('ng2', 1, 10, [n2], n2, { priority: 10 })], { expanders: ['priority'] }));
    assert.deepEqual(sizes, { ng2: 1 });
    // PodsRemainUnschedulable: only "remaining" (no template fits it), with the event's reason;
    // "awaiting" fits ng1, so it awaits the next loop and gets no NotTriggerScaleUp.
    assert.deepEqual(result.notTriggered.map((n) => [n.pod.metadata.name, n.reason]), [['remaining', "pod didn't trigger scale-up: 2 Insufficient cpu"]]);
  });

  it('TestScaleUpTwoGroups: synchronous scale up', () => {
    const a = node('ng1-n1', 1500, 1000 * MiB);
    const b = node('ng2-n1', 1500, 1000 * MiB);
    const { sizes, result } = scaleUp([a, b], [pod('p1', 1400, 0, { node: 'ng1-n1' }), pod('p2', 1400, 0, { node: 'ng2-n1' })],
      [pod('p3', 1400), pod('p4', 1400)], config([group('ng1', 1, 10, [a], a), group('ng2', 1, 10, [b], b)], { balance: true }));
    // GroupTargetSizes ng1: 2, ng2: 2 (one new node each); both pods triggered the scale-up.
    assert.deepEqual(sizes, { ng1: 1, ng2: 1 });
    assert.deepEqual(result.notTriggered, []);
  });
  it.skip('TestScaleUpTwoGroups: parallel scale up (--parallel-scale-up only changes how the cloud provider is called; same sizes)');

  it('TestScaleUpCapToMaxTotalNodesLimitWithNotAutoscaledGroup', () => {
    const n1 = node('n1', 2000, 100 * MiB);
    const n2 = node('n2', 4000, 1000 * MiB);
    const { sizes } = scaleUp([n1, n2], [pod('p1', 1000, 0, { node: 'n1' }), pod('p2', 3000, 0, { node: 'n2' })],
      [1, 2, 3].map((i) => pod(`p-new-${i}`, 4000, 100 * MiB)), config([group('ng2', 1, 10, [n2], n2)], { maxNodesTotal: 3 }));
    // n1 belongs to no group but counts toward --max-nodes-total.
    assert.deepEqual(sizes, { ng2: 1 });
  });

  describe('GPU pools', () => {
    const gpu1 = gpuNode('gpu-node-1', 2000, 1000 * MiB, 1);
    const std1 = node('std-node-1', 2000, 1000 * MiB);
    const running = [gpuPod('gpu-pod-1', 2000, 1000 * MiB, 1, true, 'gpu-node-1'), gpuPod('std-pod-1', 2000, 1000 * MiB, 0, false, 'std-node-1')];
    const pools = (priority: (g: string) => number) => [groupOf('gpu-pool', [gpu1], { priority: priority('gpu-pool') }), groupOf('std-pool', [std1], { priority: priority('std-pool') })];

    it('TestWillConsiderGpuAndStandardPoolForPodWhichDoesNotRequireGpu', () => {
      const extra = [gpuPod('extra-std-pod', 2000, 1000 * MiB, 0, true)];
      // ExpansionOptions: std-pool 1 and gpu-pool 1 (the pod tolerates the GPU taint); std-pool chosen.
      assert.deepEqual(choose([gpu1, std1], running, extra, pools, 'std-pool'), { 'std-pool': 1 });
      assert.deepEqual(choose([gpu1, std1], running, extra, pools, 'gpu-pool'), { 'gpu-pool': 1 });
    });

    it('TestWillConsiderOnlyGpuPoolForPodWhichDoesRequiresGpu', () => {
      const extra = [gpuPod('extra-gpu-pod', 2000, 1000 * MiB, 1, true)];
      // ExpansionOptions: gpu-pool 1 only; preferring std-pool cannot choose it.
      assert.deepEqual(choose([gpu1, std1], running, extra, pools, 'gpu-pool'), { 'gpu-pool': 1 });
      assert.deepEqual(choose([gpu1, std1], running, extra, pools, 'std-pool'), { 'gpu-pool': 1 });
    });

    it('TestWillConsiderAllPoolsWhichFitTwoPodsRequiringGpus', () => {
      const nodes = [gpuNode('gpu-1-node-1', 2000, 1000 * MiB, 1), gpuNode('gpu-2-node-1', 2000, 1000 * MiB, 2), gpuNode('gpu-4-node-1', 2000, 1000 * MiB, 4), node('std-node-1', 2000, 1000 * MiB)];
      const pods = [
        gpuPod('gpu-pod-1', 2000, 1000 * MiB, 1, true, 'gpu-1-node-1'), gpuPod('gpu-pod-2', 2000, 1000 * MiB, 2, true, 'gpu-2-node-1'),
        gpuPod('gpu-pod-3', 2000, 1000 * MiB, 4, true, 'gpu-4-node-1'), gpuPod('std-pod-1', 2000, 1000 * MiB, 0, false, 'std-node-1'),
      ];
      const extra = [1, 2, 3].map((i) => gpuPod(`extra-gpu-pod-${i}`, 1, 1 * MiB, 1, true));
      const groups = (priority: (g: string) => number) => ['gpu-1-pool', 'gpu-2-pool', 'gpu-4-pool', 'std-pool'].map((g, i) => groupOf(g, [nodes[i]], { priority: priority(g) }));
      // ExpansionOptions: gpu-1-pool 3, gpu-2-pool 2, gpu-4-pool 1.
      assert.deepEqual(choose(nodes, pods, extra, groups, 'gpu-1-pool'), { 'gpu-1-pool': 3 });
      assert.deepEqual(choose(nodes, pods, extra, groups, 'gpu-2-pool'), { 'gpu-2-pool': 2 });
      assert.deepEqual(choose(nodes, pods, extra, groups, 'gpu-4-pool'), { 'gpu-4-pool': 1 });
    });
  });

  // Not expressible in the model (docs/autoscalers.md "Not modelled"):
  it.skip('TestZeroOrMaxNodeScaling (ZeroOrMaxNodeScaling is not modelled)');
  it.skip('TestScaleUpMaxCoresLimitHit, TestScaleUpMaxCoresLimitHitWithNotAutoscaledGroup, TestNoScaleUpMaxCoresLimitHit (--cores-total / --memory-total are not modelled)');
  it.skip('TestScaleUpMaxMemoryLimitHit, TestScaleUpMaxMemoryLimitHitWithNotAutoscaledGroup (--memory-total is not modelled)');
  it.skip('TestScaleUpWithMultipleQuotas (resource quotas are not modelled)');
  it.skip('TestCloudProviderFailingToScaleUpGroups (cloud provider errors are not modelled: every scale-up succeeds)');
  it.skip('TestNoCreateNodeGroupMaxCoresLimitHit (node auto-provisioning is not modelled)');
  it.skip('TestAllOrNothing (ProvisioningRequests / all-or-nothing scale-up are not modelled)');
  it.skip('TestScaleUpUnhealthy (node group health and backoff are not modelled)');
});

describe('cluster-autoscaler expanders', () => {
  // Two groups that can both take the pods: a big template (more waste) and a small one.
  const small = node('small-0', 2000, 4096 * MiB);
  const big = node('big-0', 8000, 16384 * MiB);
  const pending = [1, 2].map((i) => pod(`p${i}`, 900, 1024 * MiB, { owner: 'rs' }));
  const groups = (extra: Record<string, Partial<CANodeGroup>> = {}) => [group('big', 0, 5, [], big, extra.big), group('small', 0, 5, [], small, extra.small)];
  const run = (expanders: CAExpander[], extra?: Record<string, Partial<CANodeGroup>>) => scaleUp([], [], pending, config(groups(extra), { expanders }));

  it('least-waste picks the template the pods fill best', () => {
    assert.deepEqual(run(['least-waste']).sizes, { small: 1 });
  });
  it('random: equal options are reported as a tie, the first by name is taken', () => {
    const { sizes, result } = run(['random']);
    assert.deepEqual(sizes, { big: 1 });
    assert.equal(result.ties?.length, 1);
    assert.match(result.ties![0], /big, small equally possible/);
  });
  it('most-pods: both fit both pods, random decides between them', () => {
    const { result } = run(['most-pods']);
    assert.match(result.ties?.[0] ?? '', /big, small/);
  });
  it('least-nodes then least-waste: a chain filters in order', () => {
    // Only the big template takes both pods on one node; least-nodes keeps it alone.
    const pending3 = [1, 2, 3].map((i) => pod(`q${i}`, 1500, 1024 * MiB, { owner: 'rs2' }));
    const { sizes } = scaleUp([], [], pending3, config(groups(), { expanders: ['least-nodes', 'least-waste'] }));
    assert.deepEqual(sizes, { big: 1 });
  });
  it('priority: the highest priority wins; groups without one are not used', () => {
    assert.deepEqual(run(['priority'], { big: { priority: 20 }, small: { priority: 10 } }).sizes, { big: 1 });
    assert.deepEqual(run(['priority'], { small: { priority: 1 } }).sizes, { small: 1 });
  });
  it('priority without any priority falls through to the next expander', () => {
    assert.deepEqual(run(['priority', 'least-waste']).sizes, { small: 1 });
  });
});

const zones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const spread = (key: string, minDomains?: number): TopologySpreadConstraint[] => [{
  maxSkew: 1, topologyKey: key, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...(minDomains ? { minDomains } : {}),
}];

/** One group per zone with one node each; `placed` web pods per zone already running. */
function zonal(placed: number, maxPerGroup = 4) {
  const nodes = zones.map((z) => node(`general-${z}-1`, 4000, 16384 * MiB, { 'topology.kubernetes.io/zone': z, 'node-pool': 'general' }));
  const pods = nodes.flatMap((n, zi) => Array.from({ length: placed }, (_, i) => pod(`web-${zi}-${i}`, 1500, 1024 * MiB, { node: n.metadata.name, labels: { app: 'web' }, spread: spread('topology.kubernetes.io/zone'), owner: 'web' })));
  const groups = nodes.map((n, i) => group(`general-${zones[i]}`, 1, maxPerGroup, [n], n));
  return { nodes, pods, groups };
}

describe('cluster-autoscaler with topology spreading', () => {
  it('zone spreading: one node per loop, in the first zone group by name; the others are a tie (kubernetes/autoscaler#9150)', () => {
    const { nodes, pods, groups } = zonal(2);
    const pending = [0, 1, 2].map((i) => pod(`web-p${i}`, 1500, 1024 * MiB, { labels: { app: 'web' }, spread: spread('topology.kubernetes.io/zone'), owner: 'web' }));
    const { result } = scaleUp(nodes, pods, pending, config(groups, { expanders: ['least-waste'], balance: true }));
    assert.deepEqual(result.scaleUps.map((u) => [u.nodePool, u.zone, u.nodes, u.nodeNames]), [['general-eu-west-1a', 'eu-west-1a', 1, ['general-eu-west-1a-new-1']]]);
    assert.match(result.ties?.[0] ?? '', /general-eu-west-1a, general-eu-west-1b, general-eu-west-1c/);
    assert.equal(result.newNodes[0].metadata.labels!['topology.kubernetes.io/zone'], 'eu-west-1a');
    assert.equal(result.newNodes[0].metadata.labels!['kubernetes.io/hostname'], 'general-eu-west-1a-new-1');
    assert.deepEqual(result.notTriggered, []);
  });

  it('a group at its max size is skipped: "max node group size reached"', () => {
    const { nodes, pods, groups } = zonal(2, 1);
    const pending = [pod('web-p0', 1500, 1024 * MiB, { labels: { app: 'web' }, spread: spread('topology.kubernetes.io/zone'), owner: 'web' })];
    const { result } = scaleUp(nodes, pods, pending, config(groups));
    assert.deepEqual(result.scaleUps, []);
    assert.deepEqual(result.notTriggered.map((n) => n.reason), ["pod didn't trigger scale-up: 3 max node group size reached"]);
  });

  it('--max-nodes-total reached: "max total nodes in cluster reached"', () => {
    const { nodes, pods, groups } = zonal(2);
    const { result } = scaleUp(nodes, pods, [pod('web-p0', 1500, 0, { labels: { app: 'web' } })], config(groups, { maxNodesTotal: 3 }));
    assert.deepEqual(result.notTriggered.map((n) => n.reason), ["pod didn't trigger scale-up: max total nodes in cluster reached"]);
  });

  it('kubernetes/autoscaler#5489: minDomains above the zones, every zone group rejects the pod and nothing is added', () => {
    // 3 zones < minDomains 4: the global minimum is 0, each zone holds maxSkew pods; a template node in
    // any zone adds no domain, so the pod fails PodTopologySpread on every template.
    const nodes = zones.map((z) => node(`general-${z}-1`, 4000, 16384 * MiB, { 'topology.kubernetes.io/zone': z }));
    const web = (name: string, on?: string) => pod(name, 500, 512 * MiB, { node: on, labels: { app: 'web' }, spread: spread('topology.kubernetes.io/zone', 4), owner: 'web' });
    const pods = nodes.map((n, i) => web(`web-${i}`, n.metadata.name));
    const pending = [3, 4, 5].map((i) => web(`web-${i}`));
    const { result } = scaleUp(nodes, pods, pending, config(nodes.map((n, i) => group(`general-${zones[i]}`, 1, 4, [n], n)), { balance: true }));
    assert.deepEqual(result.scaleUps, []);
    assert.deepEqual(result.notTriggered.map((n) => n.reason), Array(3).fill("pod didn't trigger scale-up: 3 node(s) didn't match pod topology spread constraints"));
  });

  it('kubernetes/autoscaler#5489 as reported: one multi-zone group whose template sits in the only existing zone', () => {
    // The group spans zones but cluster-autoscaler's template carries one zone (the existing node's):
    // still 1 domain < minDomains 2, so the second replica fails on the template too.
    const n = node('ng-1', 4000, 16384 * MiB, { 'topology.kubernetes.io/zone': 'eu-central-1a' });
    const web = (name: string, on?: string) => pod(name, 100, 0, { node: on, labels: { app: 'web' }, spread: spread('topology.kubernetes.io/zone', 2), owner: 'web' });
    const cluster = Cluster.build({ nodes: [n], pods: [web('web-0', 'ng-1')] });
    // kube-scheduler leaves the second replica Pending on the existing node ...
    const sched = new Scheduler({ cluster, env: defaultEnv() }, defaultProfile());
    assert.deepEqual(sched.schedule(web('web-1')).feasible, []);
    // ... and cluster-autoscaler does not scale up for it.
    const result = clusterAutoscalerScaleUp(cluster, [web('web-1')], config([group('eks-managed-ng', 1, 10, [n], n)]), defaultEnv(), defaultProfile());
    assert.deepEqual(result.newNodes, []);
    assert.deepEqual(result.notTriggered.map((x) => x.reason), ["pod didn't trigger scale-up: 1 node(s) didn't match pod topology spread constraints"]);
  });

  it('kubernetes/autoscaler#8161: the estimate counts an existing node the hostname retry used, one node too many', () => {
    // Hostname spreading with minDomains 3 on one existing node: kube-scheduler places one replica and
    // leaves 5 Pending. Binpacking 5 pods: e-0 and e-1 take two each, the fifth goes back to the existing
    // node once the new nodes raised the global minimum (#8181's retry), and that node is counted too.
    const n0 = node('ng-0', 4000, 16384 * MiB);
    const web = (name: string, on?: string) => pod(name, 100, 0, { node: on, labels: { app: 'web' }, spread: spread('kubernetes.io/hostname', 3), owner: 'web' });
    const pending = [1, 2, 3, 4, 5].map((i) => web(`web-${i}`));
    const { cluster, result } = scaleUp([n0], [web('web-0', 'ng-0')], pending, config([group('ng', 1, 10, [n0], n0)]));
    assert.deepEqual(result.scaleUps.map((u) => [u.nodePool, u.nodes]), [['ng', 3]]);
    // kube-scheduler with only two of the three new nodes already places every replica.
    const two = cluster.withNodes(result.newNodes.slice(0, 2));
    const r = simulateReplicas(new Scheduler({ cluster: two, env: defaultEnv() }, defaultProfile()), { replicas: 5, podFor: (i) => pending[i] });
    assert.equal(r.pending.length, 0, JSON.stringify(r.pending));
    // ... and with one new node it could not: two is the least that works, three were added.
    const one = cluster.withNodes(result.newNodes.slice(0, 1));
    const r1 = simulateReplicas(new Scheduler({ cluster: one, env: defaultEnv() }, defaultProfile()), { replicas: 5, podFor: (i) => pending[i] });
    assert.ok(r1.pending.length > 0);
  });

  it('the cluster it is given is never changed', () => {
    const { nodes, pods, groups } = zonal(2);
    const pending = [pod('web-p0', 1500, 1024 * MiB, { labels: { app: 'web' }, spread: spread('topology.kubernetes.io/zone'), owner: 'web' })];
    const { cluster } = scaleUp(nodes, pods, pending, config(groups));
    assert.equal(cluster.nodes.length, 3);
    assert.equal(cluster.podCount, 6);
  });

  it('new nodes of a later round are numbered after those of earlier rounds, which count toward the group size', () => {
    const { nodes, pods, groups } = zonal(2, 2);
    const pending = [pod('web-p0', 1500, 1024 * MiB, { labels: { app: 'web' }, spread: spread('topology.kubernetes.io/zone'), owner: 'web' })];
    const first = scaleUp(nodes, pods, pending, config(groups));
    const grown = first.cluster.withNodes(first.result.newNodes);
    const again = clusterAutoscalerScaleUp(grown, pending, config(groups), defaultEnv(), defaultProfile());
    // general-eu-west-1a is at max (1 + 1 new = 2): it is skipped, another zone is chosen.
    assert.ok(again.scaleUps.every((u) => u.nodePool !== 'general-eu-west-1a'));
    assert.ok(again.newNodes.every((n) => !grown.nodeByName.has(n.metadata.name!)));
  });
});
