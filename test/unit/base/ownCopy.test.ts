// ownCopy: the same string, holding none of the text it was sliced from (the editor's caches keep
// short strings of many versions of a file: bench lsp/rss/soak-10000-edits).

import { strict as assert } from 'node:assert';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import fc from 'fast-check';
import { ownCopy } from '../../../server/src/base/ownCopy';

describe('ownCopy', () => {
  it('returns an equal string for any string, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => assert.equal(ownCopy(s), s)));
    assert.equal(ownCopy('a\uD800b'.repeat(10)), 'a\uD800b'.repeat(10));
  });

  it('keeps none of the text a slice came from alive', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const retained = (keep: (s: string) => string): number => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const kept: string[] = [];
      // 40 versions of a 1 MB file, a 50-character piece of each kept.
      for (let i = 0; i < 40; i++) kept.push(keep((`version ${i} `.padEnd(100, '.')).repeat(10_000).slice(10, 60)));
      gc();
      const grown = process.memoryUsage().heapUsed - before;
      assert.equal(kept.length, 40);
      return grown;
    };
    // A plain slice keeps its 1 MB parent (the baseline shows the measurement sees it); the copy does not.
    assert.ok(retained((s) => s) > 20e6, 'the baseline slices should retain their parents');
    assert.ok(retained(ownCopy) < 5e6, 'ownCopy should keep only its own characters');
  });
});
