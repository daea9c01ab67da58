// `npm run bench`: builds what is stale, generates the inputs (seeded) into a temp dir, runs each
// scenario group in its own process, writes bench/results.json and prints a Markdown table.
//   --only PREFIX[,PREFIX]   run only results whose name starts with a prefix (e.g. --only prefilter/,lsp/hover)
//   --quick                  fewer samples: a smoke run, not numbers to publish
// Scenario sources are bench/*.ts, bundled with esbuild (as dist/ is) into the temp dir.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const prefixes = only ? only.split(',') : undefined;
/** Whether a group whose results all start with `name` has anything to run. */
const wants = (...names) => !prefixes || names.some((n) => prefixes.some((p) => n.startsWith(p) || p.startsWith(n)));
const passThrough = [...(quick ? ['--quick'] : []), ...(only ? ['--only', only] : [])];

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

// 1. dist/ (the LSP scenarios run the built server) when missing or older than the sources.
const server = join(ROOT, 'dist/server.js');
if (!existsSync(server) || statSync(server).mtimeMs < newest(join(ROOT, 'server/src'))) {
  console.error('bench: building dist/ (stale)');
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

// 2. The scenario bundles and the generated data, in a temp dir removed at the end.
const work = mkdtempSync(join(tmpdir(), 'kube-spread-bench-'));
const { build } = await import('esbuild');
const entries = ['engine', 'fixture-load', 'lsp', 'gen-data', 'cli', 'release'];
await build({
  entryPoints: Object.fromEntries(entries.map((e) => [e, join(ROOT, 'bench', `${e}.ts`)])),
  outdir: join(work, 'js'), bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'linked', logLevel: 'warning',
});
const js = (e) => join(work, 'js', `${e}.js`);
const data = join(work, 'data');
execFileSync('mkdir', ['-p', data]);

const results = [];
function runChild(label, nodeArgs, script, scriptArgs) {
  console.error(`bench: ${label}`);
  const r = spawnSync(process.execPath, [...nodeArgs, js(script), ...scriptArgs], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    console.error(`bench: ${label} failed (exit ${r.status})\n${r.stderr}`);
    process.exitCode = 1;
  }
  const out = { results: [], samples: [] };
  for (const line of (r.stdout ?? '').split('\n')) {
    if (line.startsWith('RESULT ')) out.results.push(JSON.parse(line.slice(7)));
    if (line.startsWith('SAMPLE ')) out.samples.push(JSON.parse(line.slice(7)));
  }
  results.push(...out.results);
  return out;
}

const big = wants(
  'explain/5000', 'simulate/5000', 'fixture-load/5000', 'lsp/diagnostics/2000lines/5000nodes', 'lsp/rss/5000nodes', 'lsp/first-open/2000lines/5000nodes',
  'simulate/release/50workloads-2000pods/5000nodes', 'lsp/diagnostics/2000lines-release/5000nodes',
  'lsp/hover/during-fixture-load/5000nodes', 'lsp/completion/during-fixture-load/5000nodes',
);
const huge = wants('explain/15000', 'simulate/15000', 'fixture-load/15000', 'lsp/hover/during-fixture-load/15000nodes', 'lsp/completion/during-fixture-load/15000nodes');
const cli = wants('cli/', 'check/');
try {
  if (big || huge || cli) {
    console.error(`bench: generating${big ? ' the 5,000-node / 150,000-pod fixture (JSON, YAML)' : ''}${huge ? ' the 15,000-node / 450,000-pod fixture (JSON)' : ''}${cli ? ' 500 small manifests' : ''}`);
    const genArgs = [...(big ? [] : ['--no-5000']), ...(huge ? ['--big'] : []), ...(cli ? ['--check-files', '500'] : [])];
    execFileSync(process.execPath, ['--max-old-space-size=8192', js('gen-data'), data, ...genArgs], { stdio: 'inherit' });
  }
  if (wants('prefilter/', 'filter/', 'score/', 'filter-score/')) runChild('engine: upstream shapes', [], 'engine', ['--group', 'upstream', ...passThrough]);
  if (wants('explain/5000', 'simulate/5000')) runChild('engine: 5,000 nodes', ['--max-old-space-size=4096'], 'engine', ['--group', 'big', '--data', data, ...passThrough]);
  if (wants('explain/15000', 'simulate/15000')) runChild('engine: 15,000 nodes', ['--max-old-space-size=8192'], 'engine', ['--group', 'big', '--nodes', '15000', '--data', data, ...passThrough]);
  if (cli) runChild('cli: cold start, 500 files', [], 'cli', ['--root', ROOT, '--data', data, ...passThrough]);
  if (wants('simulate/release/')) runChild('releases: simulate', ['--max-old-space-size=4096'], 'release', ['--data', data, ...passThrough]);
  // Fixture load against a bare JSON.parse of the same file, alternated in fresh processes (pairwise ratio).
  const vsName = 'fixture-load/5000nodes-150000pods/json/vs-json-parse';
  if (wants(vsName)) {
    const ratios = [];
    const loads = [];
    const parses = [];
    for (let i = 0; i < (quick ? 2 : 5); i++) {
      const load = runChild(`${vsName} load #${i + 1}`, ['--max-old-space-size=4096'], 'fixture-load', ['--file', join(data, 'cluster-5000.json')]).samples.at(-1)?.ms;
      const parse = runChild(`${vsName} JSON.parse #${i + 1}`, ['--max-old-space-size=4096'], 'fixture-load', ['--file', join(data, 'cluster-5000.json'), '--json-parse']).samples.at(-1)?.ms;
      if (load === undefined || parse === undefined) continue;
      loads.push(load);
      parses.push(parse);
      ratios.push(load / parse);
    }
    results.push(stats(vsName, 'ratio', ratios, {
      target: 1.5, targetStat: 'median',
      note: `fixture load / (readFileSync + JSON.parse) of the same file, fresh processes alternated, ratio per pair; medians ${Math.round(median(loads))} / ${Math.round(median(parses))} ms`,
    }));
  }
  const huge15 = 'fixture-load/15000nodes-450000pods/json';
  if (wants(huge15)) {
    const samples = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) samples.push(...runChild(`${huge15} #${i + 1}`, ['--max-old-space-size=8192'], 'fixture-load', ['--file', join(data, 'cluster-15000.json')]).samples);
    results.push(stats(huge15, 'ms', samples.map((s) => s.ms), { target: 6000, targetStat: 'median', note: `fresh process per run; +snapshot (Cluster.build): median ${Math.round(median(samples.map((s) => s.withSnapshotMs)))} ms` }));
    results.push(stats(`${huge15}/peak-rss`, 'MB', samples.map((s) => s.peakMB), { target: 1536, targetStat: 'median', note: `peak RSS of the loading process (node alone: ${Math.round(median(samples.map((s) => s.baselineMB)))} MB), load + snapshot` }));
  }
  for (const fmt of ['json', 'yaml']) {
    const name = `fixture-load/5000nodes-150000pods/${fmt}`;
    if (!wants(name)) continue;
    const samples = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      samples.push(...runChild(`${name} #${i + 1}`, ['--max-old-space-size=4096'], 'fixture-load', ['--file', join(data, `cluster-5000.${fmt}`)]).samples);
      if ((samples.at(-1)?.ms ?? 0) > 30000) break; // a load this slow is not worth three samples
    }
    results.push(stats(name, 'ms', samples.map((s) => s.ms), { target: 3000, targetStat: 'median', note: `fresh process per run; +snapshot (Cluster.build): median ${Math.round(median(samples.map((s) => s.withSnapshotMs)))} ms` }));
    results.push(stats(`${name}/peak-rss`, 'MB', samples.map((s) => s.peakMB), { target: 500, targetStat: 'median', note: `peak RSS of the loading process (node alone: ${Math.round(median(samples.map((s) => s.baselineMB)))} MB), load + snapshot` }));
  }
  if (wants('lsp/', 'vs-yaml-language-server/')) runChild('language servers', ['--max-old-space-size=4096'], 'lsp', ['--root', ROOT, '--data', data, ...passThrough]);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
function stats(name, unit, xs, extra) {
  const s = [...xs].sort((a, b) => a - b);
  const r3 = (x) => Math.round(x * 1000) / 1000;
  const p95 = s[Math.min(s.length - 1, Math.max(0, Math.ceil(0.95 * s.length) - 1))];
  return { name, unit, median: s.length ? r3(median(s)) : null, p95: s.length ? r3(p95) : null, min: s.length ? r3(s[0]) : null, max: s.length ? r3(s.at(-1)) : null, runs: s.length, ...extra };
}

// 3. results.json and the table.
let commit = '';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
} catch {
  // not a git checkout
}
const machine = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGB: Math.round(totalmem() / 2 ** 30), platform: `${process.platform}-${process.arch}` };
const file = { ...machine, commit, date: new Date().toISOString(), quick, results };
writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(file, null, 2) + '\n');

const fmt = (x) => (x === null || x === undefined ? '—' : x >= 100 ? String(Math.round(x)) : String(Math.round(x * 100) / 100));
const status = (r) => {
  if (r.target === undefined) return '';
  const v = r[r.targetStat ?? 'median'];
  if (v === null || v === undefined) return 'not measured';
  const higher = r.better === 'higher';
  const met = higher ? v >= r.target : v <= r.target;
  return `${met ? 'met' : 'NOT met'} (${r.targetStat ?? 'median'} ${higher ? '≥' : '≤'} ${r.target} ${r.unit})`;
};
const lines = [
  `Node ${machine.node}, ${machine.cpu} (${machine.cores} cores, ${machine.memoryGB} GB), ${machine.platform}, commit ${commit || '?'}${quick ? ', --quick' : ''}`,
  '',
  '| result | unit | median | p95 | min | max | runs | target |',
  '|---|---|---:|---:|---:|---:|---:|---|',
  ...results.map((r) => `| \`${r.name}\` | ${r.unit} | ${fmt(r.median)} | ${fmt(r.p95)} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.runs} | ${status(r)} |`),
];
console.log(lines.join('\n'));
const notes = results.filter((r) => r.note).map((r) => `- \`${r.name}\`: ${r.note}`);
if (notes.length) console.log(`\n${notes.join('\n')}`);
