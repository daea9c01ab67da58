// Fixture loading of the 5,000-node / 150,000-pod cluster. One load per process (run.mjs starts a
// fresh process per sample), so peak RSS is that load's and no earlier run's garbage or JIT state
// helps the next. Prints two results: the load time (ms) and the process's peak RSS (MB).
// Usage: node fixture-load.js --file PATH --name fixture-load/...

import { loadFixtureFromPaths } from '../server/src/fixture';
import { makeContext } from '../server/src/analysis/context';
import { argValue, MB } from './lib';
import { performance } from 'node:perf_hooks';

const file = argValue('--file')!;
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const fixture = loadFixtureFromPaths([file]);
const loadMs = performance.now() - t0;
// What a CLI run or the language server does right after loading: build the scheduler's snapshot.
const ctx = makeContext(fixture);
const totalMs = performance.now() - t0;
const peak = process.resourceUsage().maxRSS * 1024; // maxRSS is in KiB
process.stdout.write(`SAMPLE ${JSON.stringify({
  ms: loadMs, withSnapshotMs: totalMs, peakMB: peak / MB, baselineMB: rssBefore / MB,
  nodes: ctx.cluster.nodes.length, pods: ctx.cluster.podCount,
})}\n`);
