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
  ];
  for (const [q, kind, want] of cases) {
    it(`${kind}(${q}) = ${want}`, () => {
      assert.equal(kind === 'milli' ? quantityMilliValue(q) : quantityValue(q), want);
    });
  }
  it('rejects malformed quantities', () => {
    for (const bad of ['', 'abc', '1Gb', '1..2', '--1']) assert.throws(() => parseQuantity(bad), Error, bad);
  });
});
