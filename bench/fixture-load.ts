// Fixture loading of the 5,000-node / 150,000-pod cluster. One load per process (run.mjs starts a
// fresh process per sample), so peak RSS is that load's and no earlier run's garbage or JIT state
// helps the next. Prints two results: the load time (ms) and the process's peak RSS (MB).
// `--json-parse`: the reference instead, readFileSync + JSON.parse of the same file and nothing else
// (fixture-load/.../vs-json-parse is the ratio of the two, run.mjs alternates the processes).
// Usage: node fixture-load.js --file PATH [--json-parse]

import { readFileSync } from 'node:fs';
import { loadFixtureFromPaths } from '../server/src/fixture';
import { makeContext } from '../server/src/analysis/context';
import { argValue, MB } from './lib';
import { performance } from 'node:perf_hooks';

const file = argValue('--file')!;
if (process.argv.includes('--json-parse')) {
  const t0 = performance.now();
  const items = (JSON.parse(readFileSync(file, 'utf8')) as { items?: unknown[] }).items?.length ?? 0;
  const ms = performance.now() - t0;
  process.stdout.write(`SAMPLE ${JSON.stringify({ ms, items, peakMB: (process.resourceUsage().maxRSS * 1024) / MB })}\n`);
  process.exit(0);
}
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
