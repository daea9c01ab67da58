// Release benchmarks (docs/release.md, issue 15):
//   simulate/release/50workloads-2000pods/5000nodes   `kube-spread simulate` of a release of 50 Deployments
//       x 40 replicas (bench/genRelease.ts) on the 5,000-node / 150,000-pod fixture: the document order,
//       the two other orders (order sensitivity) and the attribution, as the CLI runs it (a fresh analysis:
//       nothing reused from an earlier run).
// The keystroke entries (lsp/diagnostics/2000lines-release/...) are in lsp.ts.
// Usage: node release.js --data DIR [--only PREFIX] [--quick]

import { join } from 'node:path';
import { makeContext } from '../server/src/analysis/context';
import { analyzeRelease } from '../server/src/analysis/release/analyze';
import { releaseWorkloads } from '../server/src/analysis/release/members';
import { loadFixtureFromPaths } from '../server/src/fixture';
import { parseManifestText } from '../server/src/k8s/manifest';
import { releaseWorkloads as releaseText } from './genRelease';
import { argValue, emit, QUICK, summarize, wanted } from './lib';

async function main(): Promise<void> {
  const name = 'simulate/release/50workloads-2000pods/5000nodes';
  const dir = argValue('--data');
  if (!wanted(name) || !dir) return;
  const fixture = loadFixtureFromPaths([join(dir, 'cluster-5000.json')]);
  const parsed = parseManifestText(releaseText(50, 40), { fileName: 'release.yaml' });
  let placed = 0;
  let pods = 0;
  // A fresh context per run (its snapshot built outside the timing, as simulate/5000nodes/1000replicas
  // builds it beforehand; fixture-load/... measures it): nothing is reused from an earlier run, no
  // replay, no filter state or node-local cache of an earlier cluster.
  const snapshot: number[] = [];
  const samples: number[] = [];
  for (let i = 0; i < (QUICK ? 1 : 3); i++) {
    const s0 = performance.now();
    const ctx = makeContext(fixture);
    const t0 = performance.now();
    snapshot.push(t0 - s0);
    const workloads = releaseWorkloads([{ file: 'release.yaml', parsed }]);
    const a = analyzeRelease(ctx, workloads);
    samples.push(performance.now() - t0);
    placed = a.run.results.reduce((n, r) => n + r.placements.length, 0);
    pods = a.run.replicas.reduce((n, r) => n + r, 0);
  }
  const snap = Math.round(summarize('snapshot', 'ms', snapshot).median ?? 0);
  emit(summarize(name, 'ms', samples, { target: 1500, targetStat: 'median', note: `${placed} of ${pods} pods placed; three creation orders and the attribution; a fresh context per run, its snapshot (median ${snap} ms) built before the timing starts` }));
}

if (require.main === module) main().catch((e) => {
  console.error(e);
  process.exit(1);
});
