// Computations written as steps (server/src/base/steps.ts) run two ways with one result: drained at
// once (the CLI) or a slice at a time with pauses between (the language server's fixture loads).

import { strict as assert } from 'node:assert';
import { drain, runInSlices, type SliceStats, type Steps } from '../../../server/src/base/steps';

/** Sums 1..n, yielding after each number; `log` records the steps and the pauses in order. */
function* sum(n: number, log: string[]): Steps<number> {
  let total = 0;
  for (let i = 1; i <= n; i++) {
    total += i;
    log.push(`step ${i}`);
    yield;
  }
  return total;
}

describe('base/steps: drain and runInSlices', () => {
  it('drain runs every step at once and returns the result', () => {
    const log: string[] = [];
    assert.equal(drain(sum(4, log)), 10);
    assert.deepEqual(log, ['step 1', 'step 2', 'step 3', 'step 4']);
  });

  it('runInSlices pauses once a slice has used its time, and returns what drain returns', async () => {
    const log: string[] = [];
    let clock = 0;
    const now = () => clock;
    // Each step takes 1 ms on this clock; slices of 2 ms.
    const steps = (function* () {
      const inner = sum(5, log);
      for (;;) {
        clock += 1;
        const r = inner.next();
        if (r.done) return r.value;
        yield;
      }
    })();
    const stats: SliceStats = { slices: 0, longestMs: 0 };
    const total = await runInSlices(steps, async () => void log.push('pause'), 2, stats, now);
    assert.equal(total, 15);
    assert.deepEqual(log, ['step 1', 'step 2', 'pause', 'step 3', 'step 4', 'pause', 'step 5']);
    assert.deepEqual(stats, { slices: 3, longestMs: 2 });
  });

  it('a computation that never yields runs in one slice; an error inside reaches the caller', async () => {
    // eslint-disable-next-line require-yield
    const once = (function* (): Steps<string> {
      return 'done';
    })();
    assert.equal(await runInSlices(once, async () => assert.fail('no pause'), 0), 'done');
    const failing = (function* (): Steps<void> {
      yield;
      throw new Error('bad fixture');
    })();
    await assert.rejects(runInSlices(failing, async () => undefined, 0), /bad fixture/);
  });
});
