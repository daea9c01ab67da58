// Shared helpers for the benchmark scenarios: a seeded PRNG (every input is built deterministically),
// timing with warm-up and summary statistics, and the result line protocol the runner (run.mjs) reads:
// each scenario process prints `RESULT {json}` lines on stdout, one per measured metric.

import { performance } from 'node:perf_hooks';

/** mulberry32: tiny, fast, deterministic; good enough to pick labels and sizes. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Result {
  name: string;
  unit: 'ms' | 'MB' | 'ratio' | 'files/s';
  median: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
  runs: number;
  /** What the number is compared against (same unit), when the issue sets a target. */
  target?: number;
  /** Which statistic the target applies to. */
  targetStat?: 'median' | 'p95';
  /** `higher` when the target is a floor (throughput): met when the statistic is at least the target. */
  better?: 'lower' | 'higher';
  note?: string;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function summarize(name: string, unit: Result['unit'], samples: number[], extra: Partial<Result> = {}): Result {
  if (samples.length === 0) return { name, unit, median: null, p95: null, min: null, max: null, runs: 0, ...extra };
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { name, unit, median: round(mid), p95: round(percentile(s, 95)), min: round(s[0]), max: round(s[s.length - 1]), runs: s.length, ...extra };
}

export interface TimeOptions {
  /** Untimed calls first (JIT warm-up). */
  warmup?: number;
  /** Timed calls, at least. */
  runs?: number;
  /** Keep sampling until this much time was spent (and `runs` reached), capped at maxRuns. */
  minTimeMs?: number;
  maxRuns?: number;
}

/** Times `fn` (sync or async) and returns the samples in ms. */
export async function time(fn: () => unknown, o: TimeOptions = {}): Promise<number[]> {
  const warmup = o.warmup ?? 3;
  const runs = o.runs ?? 20;
  const maxRuns = o.maxRuns ?? Math.max(runs, 1000);
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < runs || (o.minTimeMs && performance.now() - started < o.minTimeMs && samples.length < maxRuns)) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

export function emit(r: Result): void {
  process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);
}

/** `--quick` halves (or more) the sampling: for a smoke run, not for the published numbers. */
export const QUICK = process.argv.includes('--quick');

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Accepts a result name when it matches every `--only` prefix given to the runner (passed through). */
export function wanted(name: string): boolean {
  const only = argValue('--only');
  return !only || only.split(',').some((p) => name.startsWith(p) || p.startsWith(name));
}

export const MB = 1024 * 1024;
