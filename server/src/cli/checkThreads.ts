// `kube-spread check` over many files on several threads (--jobs; docs/cli.md). Each file whose
// findings depend on no other file is checked by whichever thread claims it next: the main thread
// and the workers share one atomic counter, so a slow file never leaves a thread idle. A worker is
// the same bundle (dist/cli.js) started with workerData: it opens its own session from the same
// command line and posts each file's findings back; the main thread reports in input order, so the
// output is the one-thread output byte for byte.
//
// A file a worker could not finish (unreadable, a crash, a worker that died) is checked again by the
// main thread, in input order, so an error is the one a one-thread run stops at.

import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { Finding, ReleaseMembership, SuppressedFinding } from '../analysis';

/** What check keeps of one file: all of it can cross a thread boundary (structured clone). */
export interface FileOutcome {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  documents: number;
  /** No document with content: every document of the file is empty. */
  empty: boolean;
  release?: ReleaseMembership;
}

export interface CheckWorkerInput {
  tag: typeof TAG;
  /** check's arguments after `check`, as given. */
  argv: string[];
  files: string[];
  /** Int32Array over a SharedArrayBuffer: [0] the next file index to claim. */
  next: Int32Array;
}

type WorkerMessage = { i: number; outcome: FileOutcome } | { i: number; failed: true };

const TAG = 'kube-spread/check-worker';

/** Below this many files per thread a worker's start-up (bundle, fixture, schemas) costs more than it saves. */
export const MIN_FILES_PER_THREAD = 24;

/** Workers run the bundle; from the TypeScript sources (tests under tsx) check stays on one thread. */
const BUNDLED = /\.c?js$/.test(__filename);

/**
 * Threads to use, the main one included: --jobs (default 1), never more than the files warrant.
 * One by default because on the 2-core machine the benchmarks run on, two threads were slower
 * (500 small files: 1.43 s against 1.23 s): V8's concurrent compiler and GC already keep part of the
 * second core busy, and every worker compiles the bundle and warms its JIT again (bench/README.md).
 */
export function threadCount(jobs: number | undefined, files: number): number {
  if (!BUNDLED) return 1;
  return Math.max(1, Math.min(jobs ?? 1, Math.floor(files / MIN_FILES_PER_THREAD)));
}

/** The data of this thread when it is a check worker. */
export function checkWorkerInput(): CheckWorkerInput | undefined {
  const d = workerData as Partial<CheckWorkerInput> | null;
  return d?.tag === TAG ? (d as CheckWorkerInput) : undefined;
}

/**
 * Checks `files` on `threads` threads; `checkOne(i)` checks file i on this thread and throws on a file
 * that cannot be checked. Resolves with every outcome in input order, or rejects with the error of the
 * first file (in input order) that could not be checked. `script`: the workers' (tests pass others).
 */
export async function checkOnThreads(argv: string[], files: string[], threads: number, checkOne: (i: number) => FileOutcome, script = __filename): Promise<FileOutcome[]> {
  const n = files.length;
  const next = new Int32Array(new SharedArrayBuffer(4));
  const outcomes: (FileOutcome | undefined)[] = new Array<FileOutcome | undefined>(n);
  let settled = 0;
  let onSettled: () => void = () => undefined;
  const settle = (i: number, outcome: FileOutcome | undefined): void => {
    outcomes[i] = outcome;
    settled++;
    if (settled === n) onSettled();
  };
  const input: CheckWorkerInput = { tag: TAG, argv, files, next };
  const workers = Array.from({ length: threads - 1 }, () => new Worker(script, { workerData: input, stdout: false, stderr: false }));
  const exited = workers.map((w) => new Promise<void>((resolve) => {
    w.on('message', (m: WorkerMessage) => settle(m.i, 'outcome' in m ? m.outcome : undefined));
    w.on('error', () => undefined); // its unfinished files are checked again below
    w.on('exit', () => resolve());
  }));
  for (let i = Atomics.add(next, 0, 1); i < n; i = Atomics.add(next, 0, 1)) {
    let outcome: FileOutcome | undefined;
    try {
      outcome = checkOne(i);
    } catch {
      outcome = undefined; // checked again below, where the error is reported in input order
    }
    settle(i, outcome);
  }
  // Every file is claimed; wait for the workers' last files (or their exit, if one died mid-file).
  await Promise.race([new Promise<void>((resolve) => { onSettled = resolve; if (settled === n) resolve(); }), Promise.all(exited)]);
  await Promise.all(workers.map((w) => w.terminate()));
  return outcomes.map((o, i) => o ?? checkOne(i));
}

/**
 * The worker's side: claim files until none is left, posting each outcome (or that it failed) to the
 * main thread (`post`: tests pass their own).
 */
export function runCheckWorker(input: CheckWorkerInput, checkOne: (i: number) => FileOutcome, post: (m: WorkerMessage) => void = (m) => parentPort?.postMessage(m)): void {
  for (let i = Atomics.add(input.next, 0, 1); i < input.files.length; i = Atomics.add(input.next, 0, 1)) {
    try {
      post({ i, outcome: checkOne(i) });
    } catch {
      post({ i, failed: true });
    }
  }
}
