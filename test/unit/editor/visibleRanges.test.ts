// The server's record of what the editors show (lsp/state/visibleRanges.ts): what a client sends is
// untrusted, so anything malformed is dropped and nothing throws; an empty list or a close forgets it.

import { strict as assert } from 'node:assert';
import { VisibleRanges } from '../../../server/src/lsp/state/visibleRanges';

describe('VisibleRanges', () => {
  it('keeps the last spans per document, with start and end in order', () => {
    const v = new VisibleRanges();
    v.update({ uri: 'file:///a.yaml', ranges: [{ start: 10, end: 40 }] });
    v.update({ uri: 'file:///a.yaml', ranges: [{ start: 90, end: 50 }, { start: 200, end: 230 }] });
    assert.deepEqual(v.of('file:///a.yaml'), [{ start: 50, end: 90 }, { start: 200, end: 230 }]);
    assert.deepEqual(v.of('file:///b.yaml'), []);
  });

  it('an empty list (no editor shows it) and a close forget the document', () => {
    const v = new VisibleRanges();
    v.update({ uri: 'u', ranges: [{ start: 0, end: 5 }] });
    v.update({ uri: 'u', ranges: [] });
    assert.deepEqual(v.of('u'), []);
    v.update({ uri: 'u', ranges: [{ start: 0, end: 5 }] });
    v.forget('u');
    assert.deepEqual(v.of('u'), []);
  });

  it('malformed input is dropped without a throw', () => {
    const v = new VisibleRanges();
    for (const bad of [undefined, null, 42, 'x', {}, { uri: 3, ranges: [] }, { uri: 'u' }, { uri: 'u', ranges: 'no' }]) v.update(bad);
    v.update({ uri: 'u', ranges: [null, { start: 'a', end: 2 }, { start: 1.5, end: 3 }, { start: -5, end: 3 }, { start: 2 ** 60, end: 1 }] });
    assert.deepEqual(v.of('u'), [{ start: 0, end: 3 }]);
    v.update({ uri: 'w', ranges: Array.from({ length: 100 }, (_, i) => ({ start: i, end: i })) });
    assert.equal(v.of('w').length, 16);
  });
});
