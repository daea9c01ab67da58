// yamlPositionAt: which document of a multi-document file the cursor is in, and the field path to
// the node under it (keys and sequence indexes). Every case also runs with CRLF line breaks.

import assert from 'node:assert/strict';
import { yamlPositionAt, type YamlPosition } from '../../../server/src/editor/yamlPosition';
import { crlf, marked } from './marked';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: zone
      - maxSkew: 2
        whenUnsatisfiable: ScheduleAnyway # soft
`;

function at(needle: string, text = DEPLOYMENT): string {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return `${text.slice(0, i)}‸${text.slice(i)}`;
}

const cases: { name: string; input: string; want: YamlPosition | undefined }[] = [
  { name: 'a top-level key', input: at('ind:'), want: { document: 0, path: ['kind'] } },
  { name: 'a top-level value', input: at('Deployment'), want: { document: 0, path: ['kind'] } },
  { name: 'a key inside the first constraint', input: at('topologyKey'), want: { document: 0, path: ['spec', 'template', 'spec', 'topologySpreadConstraints', 0, 'topologyKey'] } },
  { name: 'inside a value of the second constraint', input: at('Anyway'), want: { document: 0, path: ['spec', 'template', 'spec', 'topologySpreadConstraints', 1, 'whenUnsatisfiable'] } },
  { name: 'on the key of a sequence', input: at('ologySpreadConstraints'), want: { document: 0, path: ['spec', 'template', 'spec', 'topologySpreadConstraints'] } },
  { name: 'at the end of a value (offset == its end)', input: 'a:\n  b: zone‸\n', want: { document: 0, path: ['a', 'b'] } },
  { name: 'flow sequence item', input: 'a:\n  - x\n  - [p, q‸]\n', want: { document: 0, path: ['a', 1, 1] } },
  { name: 'flow map value', input: 'b: {c: d‸}\n', want: { document: 0, path: ['b', 'c'] } },
  { name: 'an alias is not followed', input: 'a: &x {k: v}\nb: *x‸\n', want: { document: 0, path: ['b'] } },
  { name: 'a complex key shows as ?', input: '? [complex]\n: val‸ue\n', want: { document: 0, path: ['?'] } },
  { name: 'between a key and its value: the enclosing map', input: 'a: ‸ 1\n', want: { document: 0, path: [] } },
  { name: 'duplicate keys: the pair under the cursor', input: 'a: 1\na: 2‸\n', want: { document: 0, path: ['a'] } },
  // A node's end: the rest of its line (a comment after the value included) is on it, the next line is not.
  { name: 'a comment after a value is on the value', input: 'a: 1 # no‸te\nb: 2\n', want: { document: 0, path: ['a'] } },
  { name: 'the first column of a line belongs to that line, not to the value above', input: 'apiVersion: v1\n‸kind: Pod\n', want: { document: 0, path: ['kind'] } },
  {
    name: 'the first column after a constraint is the next root key, not the constraint',
    input: 'spec:\n  topologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: zone\n‸status: {}\n',
    want: { document: 0, path: ['status'] },
  },
  { name: 'the first column after a block sequence', input: 'a:\n- x\n- y\n‸c: 2\n', want: { document: 0, path: ['c'] } },
  { name: 'the first column of a blank line after a value: the enclosing map', input: 'a:\n  b: 1\n‸\nc: 2\n', want: { document: 0, path: [] } },
  { name: 'the end of the file right after the last value', input: 'apiVersion: v1\nkind: Pod‸', want: { document: 0, path: ['kind'] } },
  { name: 'the end of the file after the last value and a comment', input: 'a:\n  b: 1 # c‸', want: { document: 0, path: ['a', 'b'] } },
  { name: 'the end of the file after the last line break', input: 'a:\n  b: 1\n‸', want: { document: 0, path: [] } },
  // Multi-document files.
  { name: 'the first document when the file starts with ---', input: '---\na: 1‸\n---\nb: 2\n', want: { document: 0, path: ['a'] } },
  { name: 'the second document', input: 'a: 1\n---\nb:\n  c: [x, y‸]\n', want: { document: 1, path: ['b', 'c', 1] } },
  { name: 'the start of a --- line belongs to the next document', input: 'a: 1\n‸---\nb: 2\n', want: { document: 1, path: [] } },
  { name: 'after --- on its line', input: 'a: 1\n---‸\nb: 2\n', want: { document: 1, path: [] } },
  { name: 'documents after an empty one keep their index', input: 'a: 1\n---\n---\nc: ‸3\n', want: { document: 2, path: ['c'] } },
  { name: 'inside an empty last document', input: 'x: 1\n---\n---\n‸', want: { document: 2, path: [] } },
  { name: 'separators with comments', input: '--- # first\na: 1\n--- # second\nb: {c: d‸}\n', want: { document: 1, path: ['b', 'c'] } },
  { name: 'a comment before the first separator', input: '# c\n---\nk: v‸\n', want: { document: 0, path: ['k'] } },
  { name: 'a half-typed document still gives the path that parsed', input: 'kind: Pod\nspec:\n  topo‸', want: { document: 0, path: ['spec'] } },
  // Nothing there.
  { name: 'empty text', input: '‸', want: undefined },
  { name: 'only a comment', input: '# only a comment‸\n', want: undefined },
];

describe('editor/yamlPosition', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { text, offset } = marked(c.input);
      assert.deepEqual(yamlPositionAt(text, offset), c.want);
    });
    it(`${c.name} (CRLF)`, () => {
      const { text, offset } = marked(crlf(c.input));
      assert.deepEqual(yamlPositionAt(text, offset), c.want);
    });
  }

  it('the cursor at every offset of a 3-document file reports the document it is in', () => {
    const docs = ['a: 1\n', 'b:\n  c: 2\n', 'd: [3]\n'];
    const text = docs.join('---\n');
    for (let offset = 0; offset <= text.length; offset++) {
      // Document i starts at its `---` line (the first at offset 0).
      let expected = 0;
      for (let i = 1, start = docs[0].length; i < docs.length; start += 4 + docs[i].length, i++) if (offset >= start) expected = i;
      assert.equal(yamlPositionAt(text, offset)?.document, expected, `offset ${offset}`);
    }
  });

  // The analysis's guards apply: a hover must not parse what the analysis refuses.
  it('refuses text nested deeper than the analysis limit', () => {
    assert.equal(yamlPositionAt(`${'['.repeat(300)}${']'.repeat(300)}`, 5), undefined);
  });
  it('refuses text longer than the analysis limit', () => {
    assert.equal(yamlPositionAt(`a: ${'x'.repeat(5_000_001)}`, 1), undefined);
  });
  it('accepts nesting just inside the limit', () => {
    assert.deepEqual(yamlPositionAt(`a: ${'['.repeat(150)}${']'.repeat(150)}`, 0), { document: 0, path: ['a'] });
  });
});
