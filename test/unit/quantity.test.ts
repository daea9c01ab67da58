import { strict as assert } from 'node:assert';
import { parseQuantity, quantityMilliValue, quantityValue } from '../../server/src/engine/quantity';

describe('quantity', () => {
  const cases: [string | number, 'milli' | 'value', number][] = [
    ['100m', 'milli', 100],
    ['1', 'milli', 1000],
    ['1.5', 'milli', 1500],
    ['0.1', 'milli', 100],
    ['2Gi', 'value', 2 * 2 ** 30],
    ['200Mi', 'value', 209715200],
    ['1e3', 'value', 1000],
    ['1k', 'value', 1000],
    ['1M', 'value', 1000000],
    ['1500m', 'value', 2], // Value() rounds up
    ['110', 'value', 110],
    [3, 'milli', 3000],
    ['1n', 'milli', 1], // MilliValue rounds up
    ['0.5n', 'value', 1], // Value rounds up even far below 1
    ['1Ki', 'value', 1024],
    ['1.5Gi', 'value', 1.5 * 2 ** 30],
    ['1E', 'value', 1e18], // "E" alone is exa
    ['1E3', 'value', 1000], // "E3" is an exponent
    ['12e-1', 'value', 2],
    ['.5', 'milli', 500],
    ['+2', 'value', 2],
    ['2.', 'value', 2],
    ['100u', 'milli', 1],
    ['250m', 'milli', 250],
    [0.1, 'milli', 100],
    ['0.1G', 'value', 100000000],
    ['-1.5', 'value', -2], // away from zero, like inf.RoundUp
  ];
  for (const [q, kind, want] of cases) {
    it(`${kind}(${q}) = ${want}`, () => {
      assert.equal(kind === 'milli' ? quantityMilliValue(q) : quantityValue(q), want);
    });
  }
  it('rejects malformed quantities', () => {
    for (const bad of ['', 'abc', '1Gb', '1..2', '--1', '1K', '1e', 'Mi', '1 Mi', '1ki', '1.5e3m']) assert.throws(() => parseQuantity(bad), Error, bad);
  });
});
