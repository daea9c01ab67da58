// check --jobs: the scheduling of files over threads (server/src/cli/checkThreads.ts) with stand-in
// workers from test/fixtures/threads/. The real workers are compared with a one-thread run in
// test/cli/checkJobs.test.ts.

import { strict as assert } from 'node:assert';
import { join, resolve } from 'node:path';
import type { Finding } from '../../../server/src/analysis';
import { checkOnThreads, type FileOutcome, MIN_FILES_PER_THREAD, threadCount } from '../../../server/src/cli/checkThreads';

const THREADS = resolve(__dirname, '../../fixtures/threads');
const files = Array.from({ length: 40 }, (_, i) => `f${i}.yaml`);
const outcome = (message: string): FileOutcome => ({ findings: [{ message } as Finding], suppressed: [], documents: 1, empty: false });
const messages = (os: FileOutcome[]): string[] => os.map((o) => o.findings[0].message);

describe('check --jobs: files over threads', () => {
  it('reports in input order, whichever thread checked a file', async () => {
    // The main thread takes 25 ms a file, so the stand-in workers (instant) claim most files.
    const slow = (i: number): FileOutcome => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25); return outcome(`main:${files[i]}`); };
    const got = messages(await checkOnThreads([], files, 3, slow, join(THREADS, 'answers-wrong-order.js')));
    assert.deepEqual(got.map((m) => m.replace(/^(main|worker):/, '')), files);
    assert.ok(got.some((m) => m.startsWith('worker:')) && got.some((m) => m.startsWith('main:')), got.join(' '));
  });

  it('checks again on the main thread a file whose worker died before answering', async () => {
    let mainChecked = 0;
    const got = await checkOnThreads([], files, 2, (i) => { mainChecked++; return outcome(files[i]); }, join(THREADS, 'dies-after-claim.js'));
    assert.deepEqual(messages(got), files);
    assert.equal(mainChecked, files.length, 'the claimed file was checked by the main thread after all');
  });

  it('rejects with the error of the first file, in input order, that cannot be checked', async () => {
    const broken = new Set([7, 30]);
    await assert.rejects(
      checkOnThreads([], files, 2, (i) => { if (broken.has(i)) throw new Error(`cannot read ${files[i]}`); return outcome(files[i]); }, join(THREADS, 'dies-after-claim.js')),
      /cannot read f7\.yaml/,
    );
  });

  it('uses one thread by default, and never more than one per MIN_FILES_PER_THREAD files', () => {
    // From the TypeScript sources (this test) workers cannot run the bundle: always one thread.
    assert.equal(threadCount(undefined, 1000), 1);
    assert.equal(threadCount(4, 1000), 1);
    assert.ok(MIN_FILES_PER_THREAD > 1);
  });
});
