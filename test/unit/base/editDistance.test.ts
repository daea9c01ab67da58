import assert from 'node:assert/strict';
import { editDistance } from '../../../server/src/base/editDistance';

describe('base/editDistance', () => {
  const cases: [string, string, number][] = [
    ['', '', 0], ['', 'abc', 3], ['abc', '', 3], ['kitten', 'sitting', 3], ['flaw', 'lawn', 2],
    ['topology.kubernetes.io/zone', 'topology.kubernetes.io/zone', 0], ['--replica', '--replicas', 1], ['zoen', 'zone', 2],
  ];
  for (const [a, b, want] of cases) {
    it(`${JSON.stringify(a)} ~ ${JSON.stringify(b)} = ${want}`, () => {
      assert.equal(editDistance(a, b), want);
      assert.equal(editDistance(b, a), want, 'symmetric');
    });
  }
  it('a cap reports anything beyond it as cap + 1 without comparing very different lengths', () => {
    assert.equal(editDistance('a', 'abcdefgh', 2), 3);
    assert.equal(editDistance('kitten', 'sitting', 5), 3);
  });
});
