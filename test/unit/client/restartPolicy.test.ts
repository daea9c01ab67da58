import { strict as assert } from 'node:assert';
import { RestartPolicy } from '../../../client/src/restartPolicy';

describe('client: a dying server is restarted and the user hears about it once', () => {
  const min = 60_000;
  // [time of each crash in ms] -> decisions
  const table: [string, number[], string[]][] = [
    ['one crash: restart with one notice', [0], ['restart+restarted']],
    ['crashes within 3 minutes: silent restarts after the first notice', [0, 10, 20, 30], ['restart+restarted', 'restart', 'restart', 'restart']],
    ['a fifth crash within 3 minutes: stop, one error', [0, 10, 20, 30, 40], ['restart+restarted', 'restart', 'restart', 'restart', 'stop+gave-up']],
    ['crashes spread over time keep restarting, still one notice', [0, 2 * min, 4 * min, 6 * min, 8 * min, 10 * min], ['restart+restarted', 'restart', 'restart', 'restart', 'restart', 'restart']],
  ];
  for (const [name, times, want] of table) {
    it(name, () => {
      const p = new RestartPolicy();
      const got = times.map((t) => {
        const d = p.onClose(t);
        return `${d.restart ? 'restart' : 'stop'}${d.notify ? `+${d.notify}` : ''}`;
      });
      assert.deepEqual(got, want);
    });
  }
  it('a manual restart after giving up starts afresh', () => {
    const p = new RestartPolicy(1, 3 * min);
    assert.deepEqual([p.onClose(0), p.onClose(1)].map((d) => d.restart), [true, false]);
    p.reset();
    assert.deepEqual(p.onClose(2), { restart: true, notify: 'restarted' });
  });
});
