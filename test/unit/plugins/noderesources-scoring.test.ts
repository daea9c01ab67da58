// NodeResourcesFit scoring strategies, ported from pkg/scheduler/framework/plugins/noderesources/
// {fit_test.go TestFitScore, least_allocated_test.go, most_allocated_test.go, requested_to_capacity_ratio_test.go}.
// Note: "cpu": "4000" in these tables is 4000 cores (st.MakeNode().Capacity parses plain quantities).

import { strict as assert } from 'node:assert';
import type { Node } from '../../../server/src/engine/api';
import { Cluster, makePodInfo } from '../../../server/src/engine/cluster';
import { CycleState } from '../../../server/src/engine/framework';
import { NodeResourcesFit } from '../../../server/src/engine/plugins/noderesources/fit';
import { brokenLinearFunction } from '../../../server/src/engine/plugins/noderesources/resourceAllocation';
import { defaultEnv } from '../../../server/src/engine/versions';
import { makeNode, makePod, type PodBuilder } from '../builders';
import type { ScoreCase } from '../harness';
import { assertScore } from './pluginAsserts';

const DIR = 'pkg/scheduler/framework/plugins/noderesources';
type Res = Record<string, string | number>;
const node = (name: string, cap: Res = {}) => makeNode(name).capacity(cap).build();
const pod = (...reqs: Res[]) => {
  const b = makePod('p');
  for (const r of reqs) b.req(r);
  return b;
};
const on = (nodeName: string, b: PodBuilder) => b.node(nodeName).build();
const cm = (cpu: string, memory: string): Res => ({ cpu, memory });

const defaultResources = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];
const extendedRes = 'abc.com/xyz';
const extendedResourceSet = [...defaultResources, { name: extendedRes, weight: 1 }];
const strategy = (type: string, resources: { name: string; weight: number }[], shape?: { utilization: number; score: number }[]) =>
  ({ scoringStrategy: { type, resources, ...(shape ? { requestedToCapacityRatio: { shape } } : {}) } });

function sc(source: string, name: string, p: PodBuilder, nodes: Node[], existing: ReturnType<typeof on>[], want: Record<string, number>, args: unknown): ScoreCase {
  return { name, source, pod: p.build(), nodes, existingPods: existing, want, args };
}

// ---- fit_test.go TestFitScore ----
const FIT = `${DIR}/fit_test.go TestFitScore`;
const twoNodes46 = () => [node('node1', cm('4000', '10000')), node('node2', cm('6000', '10000'))];
const exist46 = () => [on('node1', pod(cm('2000', '4000'))), on('node2', pod(cm('1000', '2000')))];
const rtcr1 = strategy('RequestedToCapacityRatio', defaultResources, [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }]);
const rtcr2 = strategy('RequestedToCapacityRatio', defaultResources, [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }]);
const withSidecar = () => [on('node1', pod(cm('1000', '2000')).initReq(cm('1000', '2000'), 'Always')), on('node2', pod(cm('1000', '2000')))];
const fitScore: ScoreCase[] = [
  sc(FIT, 'test case for ScoringStrategy RequestedToCapacityRatio case1', pod(cm('3000', '5000')), twoNodes46(), exist46(), { node1: 10, node2: 32 }, rtcr1),
  sc(FIT, 'test case for ScoringStrategy RequestedToCapacityRatio case2', pod(cm('3000', '5000')), twoNodes46(), exist46(), { node1: 95, node2: 68 }, rtcr2),
  sc(FIT, 'test case for ScoringStrategy MostAllocated', pod(cm('1000', '2000')), twoNodes46(), exist46(), { node1: 67, node2: 36 }, strategy('MostAllocated', defaultResources)),
  sc(FIT, 'test case for ScoringStrategy LeastAllocated', pod(cm('1000', '2000')), twoNodes46(), exist46(), { node1: 32, node2: 63 }, strategy('LeastAllocated', defaultResources)),
  sc(FIT, 'test case for ScoringStrategy MostAllocated with sidecar container', pod(cm('1000', '2000')), [node('node1', cm('4000', '10000')), node('node2', cm('4000', '10000'))], withSidecar(), { node1: 67, node2: 45 }, strategy('MostAllocated', defaultResources)),
  sc(FIT, 'test case for ScoringStrategy LeastAllocated with sidecar container', pod(cm('1000', '2000')), [node('node1', cm('4000', '10000')), node('node2', cm('4000', '10000'))], withSidecar(), { node1: 32, node2: 55 }, strategy('LeastAllocated', defaultResources)),
];
// Same tables with Score called without PreScore: Score must recompute the request itself.
const fitScoreNoPreScore: ScoreCase[] = [
  sc(FIT, 'test case for ScoringStrategy RequestedToCapacityRatio case1 if PreScore is not called', pod(cm('3000', '5000')), twoNodes46(), exist46(), { node1: 10, node2: 32 }, rtcr1),
  sc(FIT, 'test case for ScoringStrategy MostAllocated if PreScore is not called', pod(cm('1000', '2000')), twoNodes46(), exist46(), { node1: 67, node2: 36 }, strategy('MostAllocated', defaultResources)),
  sc(FIT, 'test case for ScoringStrategy LeastAllocated if PreScore is not called', pod(cm('1000', '2000')), twoNodes46(), exist46(), { node1: 32, node2: 63 }, strategy('LeastAllocated', defaultResources)),
];

// ---- least_allocated_test.go / most_allocated_test.go ----
const LEAST = `${DIR}/least_allocated_test.go TestLeastAllocatedScoringStrategy`;
const MOST = `${DIR}/most_allocated_test.go TestMostAllocatedScoringStrategy`;
const req2 = () => pod(cm('1000', '2000'), cm('2000', '3000'));
const n = (a: string, am: string, b: string, bm: string) => [node('node1', cm(a, am)), node('node2', cm(b, bm))];
const cpuMemPods = (a: [string, string][], b: [string, string][]) => [...a.map(([c, m]) => on('node1', pod(cm(c, m)))), ...b.map(([c, m]) => on('node2', pod(cm(c, m))))];
const extNode = (name: string, c: string, m: string, ext?: string) => node(name, { cpu: c, memory: m, ...(ext ? { [extendedRes]: ext } : {}) });

const least: ScoreCase[] = [
  sc(LEAST, 'nothing scheduled, nothing requested', pod(), n('4000', '10000', '4000', '10000'), [], { node1: 100, node2: 100 }, strategy('LeastAllocated', defaultResources)),
  sc(LEAST, 'nothing scheduled, resources requested, differently sized nodes', req2(), n('4000', '10000', '6000', '10000'), [], { node1: 37, node2: 50 }, strategy('LeastAllocated', defaultResources)),
  sc(LEAST, 'no resources requested, pods scheduled', pod(), n('4000', '10000', '4000', '10000'), [on('node1', pod()), on('node1', pod()), on('node2', pod()), on('node2', pod())], { node1: 100, node2: 100 }, strategy('LeastAllocated', defaultResources)),
  sc(LEAST, 'no resources requested, pods scheduled with resources', pod(), n('10000', '20000', '10000', '20000'), cpuMemPods([['3000', '0'], ['3000', '0']], [['3000', '0'], ['3000', '5000']]), { node1: 70, node2: 57 }, strategy('LeastAllocated', defaultResources)),
  sc(LEAST, 'resources requested, pods scheduled with resources', req2(), n('10000', '20000', '10000', '20000'), cpuMemPods([['3000', '0']], [['3000', '5000']]), { node1: 57, node2: 45 }, strategy('LeastAllocated', defaultResources)),
  sc(LEAST, 'resources requested, pods scheduled with resources, differently sized nodes', req2(), n('10000', '20000', '10000', '50000'), cpuMemPods([['3000', '0']], [['3000', '5000']]), { node1: 57, node2: 60 }, strategy('LeastAllocated', defaultResources)),
  sc(LEAST, 'requested resources exceed node capacity', pod(cm('3000', '0')), n('4000', '10000', '4000', '10000'), cpuMemPods([['3000', '0']], [['3000', '5000']]), { node1: 50, node2: 25 }, strategy('LeastAllocated', defaultResources)),
  sc(LEAST, 'zero node resources, pods scheduled with resources', pod(), [node('node1'), node('node2')], cpuMemPods([['3000', '0']], [['3000', '5000']]), { node1: 0, node2: 0 }, strategy('LeastAllocated', defaultResources)),
  sc(LEAST, 'nothing scheduled, resources requested with different weight on CPU and memory, differently sized nodes', req2(), n('4000', '10000', '6000', '10000'), [], { node1: 41, node2: 50 }, strategy('LeastAllocated', [{ name: 'memory', weight: 2 }, { name: 'cpu', weight: 1 }])),
  sc(LEAST, 'bypass extended resource if the pod does not request', req2(), [extNode('node1', '6000', '10000'), extNode('node2', '6000', '10000', '4')], [], { node1: 50, node2: 50 }, strategy('LeastAllocated', extendedResourceSet)),
  sc(LEAST, 'honor extended resource if the pod requests', pod({ cpu: '3000', memory: '5000', [extendedRes]: '2' }), [extNode('node1', '6000', '10000', '4'), extNode('node2', '6000', '10000', '10')], [], { node1: 50, node2: 60 }, strategy('LeastAllocated', extendedResourceSet)),
  sc(LEAST, "if the node doesn't have a resource", pod(cm('3000', '4000')), [extNode('node1', '6000', '10000'), extNode('node2', '6000', '10000', '4')], [], { node1: 55, node2: 55 }, strategy('LeastAllocated', [{ name: extendedRes, weight: 2 }, { name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }])),
];

const most: ScoreCase[] = [
  sc(MOST, 'nothing scheduled, nothing requested', pod(), n('4000', '10000', '4000', '10000'), [], { node1: 0, node2: 0 }, strategy('MostAllocated', defaultResources)),
  sc(MOST, 'nothing scheduled, resources requested, differently sized nodes', req2(), n('4000', '10000', '6000', '10000'), [], { node1: 62, node2: 50 }, strategy('MostAllocated', defaultResources)),
  sc(MOST, 'no resources requested, pods scheduled with resources', pod(), n('10000', '20000', '10000', '20000'), cpuMemPods([['3000', '0'], ['3000', '0']], [['3000', '0'], ['3000', '5000']]), { node1: 30, node2: 42 }, strategy('MostAllocated', defaultResources)),
  sc(MOST, 'resources requested, pods scheduled with resources', req2(), n('10000', '20000', '10000', '20000'), cpuMemPods([['3000', '0']], [['3000', '5000']]), { node1: 42, node2: 55 }, strategy('MostAllocated', defaultResources)),
  sc(MOST, 'resources requested equal node capacity', pod(cm('2000', '4000'), cm('3000', '5000')), n('5000', '10000', '10000', '9000'), [], { node1: 95, node2: 75 }, strategy('MostAllocated', defaultResources)),
  // Upstream reuses the name of the second case for this weighted variant.
  sc(MOST, 'nothing scheduled, resources requested, differently sized nodes', req2(), n('4000', '10000', '6000', '10000'), [], { node1: 58, node2: 50 }, strategy('MostAllocated', [{ name: 'memory', weight: 2 }, { name: 'cpu', weight: 1 }])),
  sc(MOST, 'no resources requested, pods scheduled, nonzero request for resource', makePod('p').container({ name: 'container' }), n('250m', '1000Mi', '250m', '1000Mi'),
    [on('node1', makePod('e1').container({ name: 'container' })), on('node1', makePod('e2').container({ name: 'container' }))], { node1: 80, node2: 30 }, strategy('MostAllocated', defaultResources)),
  sc(MOST, 'bypass extended resource if the pod does not request', req2(), [extNode('node1', '6000', '10000'), extNode('node2', '6000', '10000', '4')], [], { node1: 50, node2: 50 }, strategy('MostAllocated', extendedResourceSet)),
  sc(MOST, 'honor extended resource if the pod request', pod({ cpu: '3000', memory: '5000', [extendedRes]: '2' }), [extNode('node1', '6000', '10000', '4'), extNode('node2', '6000', '10000', '10')], [], { node1: 50, node2: 40 }, strategy('MostAllocated', extendedResourceSet)),
  sc(MOST, "if the node doesn't have a resource", pod(cm('3000', '4000')), [extNode('node1', '6000', '10000'), extNode('node2', '6000', '10000', '4')], [], { node1: 45, node2: 45 }, strategy('MostAllocated', [{ name: extendedRes, weight: 2 }, { name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }])),
];

// Validation cases: NewFit returns an error, so the factory throws.
const invalidWeights: { name: string; source: string; resources: { name: string; weight: number }[] }[] = [
  { name: 'resource with negative weight', source: LEAST, resources: [{ name: 'memory', weight: -1 }, { name: 'cpu', weight: 1 }] },
  { name: 'resource weight larger than MaxNodeScore', source: LEAST, resources: [{ name: 'memory', weight: 1 }, { name: 'cpu', weight: 101 }] },
  { name: 'resource with negative weight', source: MOST, resources: [{ name: 'memory', weight: -1 }, { name: 'cpu', weight: 1 }] },
  { name: 'resource weight larger than MaxNodeScore', source: MOST, resources: [{ name: 'memory', weight: 101 }] },
];

// ---- requested_to_capacity_ratio_test.go ----
const RTCR = `${DIR}/requested_to_capacity_ratio_test.go`;
const shape = [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }];
const rtcr: ScoreCase[] = [
  sc(`${RTCR} TestRequestedToCapacityRatioScoringStrategy`, 'nothing scheduled, nothing requested (default - least requested nodes have priority)', pod(), n('4000', '10000', '4000', '10000'), [on('node1', pod()), on('node1', pod())], { node1: 100, node2: 100 }, strategy('RequestedToCapacityRatio', defaultResources, shape)),
  sc(`${RTCR} TestRequestedToCapacityRatioScoringStrategy`, 'nothing scheduled, resources requested, differently sized nodes (default - least requested nodes have priority)', req2(), n('4000', '10000', '6000', '10000'), [on('node1', pod()), on('node1', pod())], { node1: 38, node2: 50 }, strategy('RequestedToCapacityRatio', defaultResources, shape)),
  sc(`${RTCR} TestRequestedToCapacityRatioScoringStrategy`, 'no resources requested, pods scheduled with resources (default - least requested nodes have priority)', pod(), n('4000', '10000', '6000', '10000'), cpuMemPods([['3000', '5000']], [['3000', '5000']]), { node1: 38, node2: 50 }, strategy('RequestedToCapacityRatio', defaultResources, shape)),
];

// makeNode(name, milliCPU, memory, extended) from the upstream test utilities.
const binNode = (name: string, ext: Record<string, number>) => makeNode(name).capacity({ cpu: '4000m', memory: 10000 * 1024 * 1024, ...ext }).build();
const single = strategy('RequestedToCapacityRatio', [{ name: 'intel.com/foo', weight: 1 }], [{ utilization: 0, score: 0 }, { utilization: 100, score: 1 }]);
const singleNodes = () => [binNode('node1', { 'intel.com/foo': 8 }), binNode('node2', { 'intel.com/foo': 4 })];
const SINGLE = `${RTCR} TestResourceBinPackingSingleExtended`;
const binSingle: ScoreCase[] = [
  sc(SINGLE, 'nothing scheduled, nothing requested', pod(), singleNodes(), [], { node1: 0, node2: 0 }, single),
  sc(SINGLE, 'resources requested, pods scheduled with less resources', pod({ 'intel.com/foo': '2' }), singleNodes(), [], { node1: 2, node2: 5 }, single),
  sc(SINGLE, 'resources requested, pods scheduled with resources, on node with existing pod running ', pod({ 'intel.com/foo': '2' }), singleNodes(), [on('node2', pod({ 'intel.com/foo': '2' }))], { node1: 2, node2: 10 }, single),
  sc(SINGLE, 'resources requested, pods scheduled with more resources', pod({ 'intel.com/foo': '4' }), singleNodes(), [], { node1: 5, node2: 10 }, single),
];
const multi = strategy('RequestedToCapacityRatio', [{ name: 'intel.com/foo', weight: 3 }, { name: 'intel.com/bar', weight: 5 }], [{ utilization: 0, score: 0 }, { utilization: 100, score: 1 }]);
const multiNodes = () => [binNode('node1', { 'intel.com/foo': 8, 'intel.com/bar': 4 }), binNode('node2', { 'intel.com/foo': 4, 'intel.com/bar': 8 })];
const MULTI = `${RTCR} TestResourceBinPackingMultipleExtended`;
const binMulti: ScoreCase[] = [
  sc(MULTI, 'nothing scheduled, nothing requested', pod(), multiNodes(), [], { node1: 0, node2: 0 }, multi),
  sc(MULTI, 'resources requested, pods scheduled with less resources', pod({ 'intel.com/foo': '2', 'intel.com/bar': '2' }), multiNodes(), [], { node1: 4, node2: 3 }, multi),
  sc(MULTI, 'resources requested, pods scheduled with resources, on node with existing pod running ', pod({ 'intel.com/foo': '2', 'intel.com/bar': '2' }), multiNodes(), [on('node2', pod({ 'intel.com/foo': '4', 'intel.com/bar': '2' }))], { node1: 4, node2: 7 }, multi),
  sc(MULTI, 'resources requested, pods scheduled with more resources', pod({ 'intel.com/foo': '4', 'intel.com/bar': '2' }), multiNodes(), [], { node1: 5, node2: 5 }, multi),
];

// TestBrokenLinearFunction (helper.BuildBrokenLinearFunction).
const brokenLinear: { points: { utilization: number; score: number }[]; assertions: [number, number][] }[] = [
  { points: [{ utilization: 10, score: 1 }, { utilization: 90, score: 9 }], assertions: [[-10, 1], [0, 1], [9, 1], [10, 1], [15, 1], [19, 1], [20, 2], [89, 8], [90, 9], [99, 9], [100, 9], [110, 9]] },
  { points: [{ utilization: 0, score: 2 }, { utilization: 40, score: 10 }, { utilization: 100, score: 0 }], assertions: [[-10, 2], [0, 2], [20, 6], [30, 8], [40, 10], [70, 5], [100, 0], [110, 0]] },
  { points: [{ utilization: 0, score: 2 }, { utilization: 40, score: 2 }, { utilization: 100, score: 2 }], assertions: [[-10, 2], [0, 2], [20, 2], [30, 2], [40, 2], [70, 2], [100, 2], [110, 2]] },
];

function scoreWithoutPreScore(c: ScoreCase): Record<string, number> {
  const cluster = Cluster.build({ nodes: c.nodes, pods: c.existingPods });
  const plugin = NodeResourcesFit({ cluster, env: defaultEnv() }, c.args);
  const p = makePodInfo(c.pod);
  const out: Record<string, number> = {};
  for (const ni of cluster.nodes) out[ni.name] = plugin.score?.(new CycleState(), p, ni) ?? NaN;
  return out;
}

describe('NodeResourcesFit scoring (upstream tables)', () => {
  for (const [table, cases] of [
    ['TestFitScore', fitScore],
    ['TestLeastAllocatedScoringStrategy', least],
    ['TestMostAllocatedScoringStrategy', most],
    ['TestRequestedToCapacityRatioScoringStrategy', rtcr],
    ['TestResourceBinPackingSingleExtended', binSingle],
    ['TestResourceBinPackingMultipleExtended', binMulti],
  ] as const) {
    describe(table, () => {
      for (const c of cases) it(c.name, () => assertScore(NodeResourcesFit, c));
    });
  }
  describe('TestFitScore without PreScore', () => {
    for (const c of fitScoreNoPreScore) it(c.name, () => assert.deepEqual(scoreWithoutPreScore(c), c.want));
  });
  describe('invalid weights are rejected', () => {
    for (const c of invalidWeights) {
      it(`${c.name} (${c.source.split(' ').pop()})`, () => {
        const cluster = Cluster.build({ nodes: [] });
        assert.throws(() => NodeResourcesFit({ cluster, env: defaultEnv() }, strategy(c.source === LEAST ? 'LeastAllocated' : 'MostAllocated', c.resources)), /weight/);
      });
    }
  });
  describe('TestBrokenLinearFunction', () => {
    brokenLinear.forEach((t, i) => {
      it(`case_${i}`, () => {
        const f = brokenLinearFunction(t.points);
        for (const [p, want] of t.assertions) assert.equal(f(p), want, `p=${p}`);
      });
    });
  });
});
