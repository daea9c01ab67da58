// Engine scenarios.
//   prefilter/1000nodes/<case>      PodTopologySpread PreFilter (fresh plugin: constraints, state) — upstream BenchmarkFilter's PreFilter
//   filter/1000nodes/<case>         PreFilter + Filter on all 1,000 nodes — upstream BenchmarkFilter
//   score/1000nodes/<case>          PreScore on the 500 filtered nodes + Score + NormalizeScore — upstream BenchmarkTestPodTopologySpreadScore
//   filter-score/1000nodes/single-constraint-zone   the two above back to back (hard zone pod, then soft zone pod)
//   explain/5000nodes-150000pods    `explain` of one Deployment (fixture loaded and context built beforehand)
//   simulate/5000nodes/1000replicas `simulate --replicas 1000` of that Deployment
//   explain/15000nodes-450000pods, simulate/15000nodes/1000replicas   the same on 15,000 nodes / 450,000 pods
//                                   (`--nodes 15000`: GKE's documented standard-cluster limit)
// Usage: node engine.js [--data DIR] [--nodes 5000|15000] [--only PREFIX] [--quick]

import { join } from 'node:path';
import { makeContext, type AnalysisContext } from '../server/src/analysis/context';
import { explainWorkload } from '../server/src/analysis/explain';
import { workloadSpecOf } from '../server/src/analysis/manifest';
import { simulateWorkload } from '../server/src/analysis/simulate';
import { Cluster, makePodInfo } from '../server/src/engine/cluster';
import { CycleState, type Handle, type NodeScore } from '../server/src/engine/framework';
import { PodTopologySpreadPlugin } from '../server/src/engine/plugins/podtopologyspread/plugin';
import { defaultEnv } from '../server/src/engine/versions';
import { loadFixtureFromPaths } from '../server/src/fixture';
import { parseManifestText } from '../server/src/k8s/manifest';
import { UPSTREAM_CASES, upstreamPod, upstreamShape } from './gen';
import { argValue, emit, QUICK, summarize, time, wanted } from './lib';

const env = defaultEnv();
const LIST_DEFAULTING = { defaultingType: 'List' as const, defaultConstraints: [] };

async function upstream(): Promise<void> {
  for (const tc of UPSTREAM_CASES) {
    const shape = upstreamShape(tc.labels);
    const handle: Handle = { cluster: Cluster.build({ nodes: shape.nodes, pods: shape.pods }), env };
    const hard = makePodInfo(upstreamPod(tc.labels, tc.constraints, 'DoNotSchedule'));
    const soft = makePodInfo(upstreamPod(tc.labels, tc.constraints, 'ScheduleAnyway'));
    const nodes = handle.cluster.nodes;
    const filtered = shape.filtered.map((n) => handle.cluster.nodeByName.get(n.metadata.name!)!);
    const opts = { warmup: 20, runs: QUICK ? 30 : 200, minTimeMs: QUICK ? 200 : 1500 };

    // A fresh plugin per iteration: the plugin keeps the last state for the next replica of a
    // simulation, which would turn every iteration after the first into a cache hit.
    const preFilter = () => {
      const p = new PodTopologySpreadPlugin(handle, LIST_DEFAULTING);
      const state = new CycleState();
      if (p.preFilter(state, hard).code !== 'Success') throw new Error('PreFilter failed');
      return { p, state };
    };
    const filterAll = () => {
      const { p, state } = preFilter();
      let ok = 0;
      for (const n of nodes) if (p.filter(state, hard, n).code === 'Success') ok++;
      return ok;
    };
    const scoreFiltered = () => {
      const p = new PodTopologySpreadPlugin(handle, LIST_DEFAULTING);
      const state = new CycleState();
      if (p.preScore(state, soft, filtered).code !== 'Success') throw new Error('PreScore failed');
      const list: NodeScore[] = filtered.map((n) => ({ name: n.name, score: p.score(state, soft, n) }));
      p.normalizeScore(state, soft, list);
      return list;
    };

    const base = `1000nodes/${tc.id}`;
    if (wanted(`prefilter/${base}`)) emit(summarize(`prefilter/${base}`, 'ms', await time(preFilter, opts), {
      target: ({ 'single-constraint-zone': 1.0, 'single-constraint-node': 1.2, 'two-constraints-zone-node': 2.0 } as Record<string, number>)[tc.id], targetStat: 'median',
    }));
    if (wanted(`filter/${base}`)) emit(summarize(`filter/${base}`, 'ms', await time(filterAll, opts)));
    if (wanted(`score/${base}`)) emit(summarize(`score/${base}`, 'ms', await time(scoreFiltered, opts)));
    if (tc.id === 'single-constraint-zone' && wanted(`filter-score/${base}`)) {
      emit(summarize(`filter-score/${base}`, 'ms', await time(() => [filterAll(), scoreFiltered()], opts), {
        note: 'PreFilter + Filter on 1,000 nodes (DoNotSchedule), then PreScore + Score + NormalizeScore on 500 (ScheduleAnyway)',
      }));
    }
  }
}

/** The workload explained and simulated on the big cluster: an existing app, zone hard + hostname soft. */
export const BIG_WORKLOAD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-0042
  namespace: team-02
spec:
  replicas: 3
  selector:
    matchLabels: {app: app-0042}
  template:
    metadata:
      labels: {app: app-0042}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: app-0042}}}
      - {maxSkew: 2, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: app-0042}}}
      containers:
      - name: app
        image: app-0042
        resources:
          requests: {cpu: 250m, memory: 256Mi}
`;

/** The targets per cluster size (explain, simulate 1,000 replicas), in ms. */
const BIG_TARGETS: Record<number, { explain: number; simulate: number }> = { 5000: { explain: 100, simulate: 250 }, 15000: { explain: 300, simulate: 1000 } };

async function big(dir: string, nodes: number): Promise<void> {
  const pods = nodes * 30;
  const explainName = `explain/${nodes}nodes-${pods}pods`;
  const simulateName = `simulate/${nodes}nodes/1000replicas`;
  const wantExplain = wanted(explainName);
  const wantSim = wanted(simulateName);
  if (!wantExplain && !wantSim) return;
  const targets = BIG_TARGETS[nodes];
  const ctx: AnalysisContext = makeContext(loadFixtureFromPaths([join(dir, `cluster-${nodes}.json`)]));
  const doc = parseManifestText(BIG_WORKLOAD).documents[0];
  const spec = workloadSpecOf(doc)!.spec;
  if (wantExplain) {
    let seen = 0;
    const samples = await time(() => (seen = explainWorkload(ctx, spec).nodes.length), { warmup: 2, runs: QUICK ? 5 : 15 });
    if (seen !== nodes) throw new Error(`explain saw ${seen} nodes`);
    emit(summarize(explainName, 'ms', samples, { target: targets?.explain, targetStat: 'median', note: 'after the fixture is loaded and the context built' }));
  }
  if (wantSim) {
    let placed = 0;
    // Seconds per run: no warm-up beyond the explain runs above, three samples.
    const samples = await time(() => (placed = simulateWorkload(ctx, spec, 1000).placements.length), { warmup: 0, runs: QUICK ? 1 : 3 });
    emit(summarize(simulateName, 'ms', samples, { target: targets?.simulate, targetStat: 'median', note: `${placed} of 1000 replicas placed` }));
  }
}

async function main(): Promise<void> {
  const group = argValue('--group') ?? 'all';
  if (group === 'all' || group === 'upstream') await upstream();
  const dir = argValue('--data');
  if ((group === 'all' || group === 'big') && dir) await big(dir, Number(argValue('--nodes') ?? 5000));
}

if (require.main === module) main().catch((e) => {
  console.error(e);
  process.exit(1);
});
