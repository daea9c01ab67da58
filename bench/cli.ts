// The CLI as CI and pre-commit hooks run it: whole processes, wall-clock time.
//   cli/cold-start/check-one-file   `kube-spread check --format json FILE` of one small manifest (sample cluster):
//                                   spawn -> exit; `node -e 0` is timed in alternation for the note
//   check/500files/sample           `kube-spread check --format json DIR` over 500 small manifests
//                                   (bench/gen.ts checkFile), one process; unit files/s
// Usage: node cli.js --root REPO --data DIR [--only PREFIX] [--quick]

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { argValue, emit, QUICK, summarize, wanted } from './lib';

const ROOT = argValue('--root') ?? process.cwd();
const DATA = argValue('--data') ?? '';
const BIN = join(ROOT, 'bin/kube-spread.js');
const FILES = join(DATA, 'check-files');

/** Wall-clock ms of one process; throws when it did not run (exit codes 0 and 1 are results). */
function timed(args: string[]): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return { ms, stdout: r.stdout };
}

function filesChecked(stdout: string): number {
  return (JSON.parse(stdout) as { files?: number }).files ?? 0;
}

function coldStart(): void {
  const name = 'cli/cold-start/check-one-file';
  if (!wanted(name)) return;
  const file = join(FILES, 'app-000.yaml');
  const cli: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 2; i++) timed([BIN, 'check', '--format', 'json', file]); // warm the page cache
  for (let i = 0; i < (QUICK ? 5 : 20); i++) {
    const r = timed([BIN, 'check', '--format', 'json', file]);
    if (filesChecked(r.stdout) !== 1) throw new Error('check did not check the file');
    cli.push(r.ms);
    bare.push(timed(['-e', '0']).ms);
  }
  const nodeAlone = summarize('node', 'ms', bare).median;
  emit(summarize(name, 'ms', cli, { target: 150, targetStat: 'median', note: `whole process, spawn -> exit, one small manifest, sample cluster; \`node -e 0\` alone: median ${nodeAlone} ms (alternated)` }));
}

function throughput(): void {
  const name = 'check/500files/sample';
  if (!wanted(name)) return;
  const rates: number[] = [];
  const walls: number[] = [];
  timed([BIN, 'check', '--format', 'json', FILES]); // warm-up
  for (let i = 0; i < (QUICK ? 2 : 5); i++) {
    const r = timed([BIN, 'check', '--format', 'json', FILES]);
    const files = filesChecked(r.stdout);
    if (files !== 500) throw new Error(`check saw ${files} files`);
    rates.push(files / (r.ms / 1000));
    walls.push(r.ms);
  }
  emit(summarize(name, 'files/s', rates, {
    target: 500, targetStat: 'median', better: 'higher',
    note: `one \`check --format json DIR\` process over 500 small manifests (start-up included); wall median ${Math.round(summarize('w', 'ms', walls).median ?? 0)} ms`,
  }));
}

coldStart();
throughput();
