// cursorContext: where the cursor is in YAML that may be half-typed, read from indentation alone.
// Each case is written with the cursor as ‸; every case also runs with CRLF line breaks and must
// give the same answer (same path, same token, same replaced text).

import assert from 'node:assert/strict';
import { cursorContext, type CursorContext } from '../../../server/src/editor/cursorContext';
import { crlf, marked } from './marked';

const TSC = 'spec:\n  topologySpreadConstraints:\n';

interface Want {
  path: string[];
  at: 'key' | 'value';
  key?: string;
  flowItem?: boolean;
  partial: string;
  /** The text the completion would replace: text.slice(...replace). */
  replaced: string;
  column?: number;
  dash?: number;
}

interface Case {
  name: string;
  input: string;
  /** undefined: the cursor is somewhere nothing can be completed (a comment, a flow collection being typed). */
  want: Want | undefined;
}

const cases: Case[] = [
  // Values.
  {
    name: 'value of a key in a constraint item',
    input: `${TSC}  - maxSkew: 1\n    topologyKey: to‸`,
    want: { path: ['spec', 'topologySpreadConstraints', '[]'], at: 'value', key: 'topologyKey', partial: 'to', replaced: 'to', column: 4 },
  },
  {
    name: 'the whole value token is replaced, not the comment after it',
    input: `${TSC}  - maxSkew: 1\n    topologyKey: to‸pology.kubernetes.io/zone # why\n`,
    want: { path: ['spec', 'topologySpreadConstraints', '[]'], at: 'value', key: 'topologyKey', partial: 'to', replaced: 'topology.kubernetes.io/zone', column: 4 },
  },
  {
    name: 'value on the line that starts the item',
    input: `${TSC}  - topologyKey: ‸`,
    want: { path: ['spec', 'topologySpreadConstraints', '[]'], at: 'value', key: 'topologyKey', partial: '', replaced: '', column: 4, dash: 2 },
  },
  {
    name: 'cursor right after the colon',
    input: 'spec:\n  whenUnsatisfiable:‸',
    want: { path: ['spec'], at: 'value', key: 'whenUnsatisfiable', partial: '', replaced: '' },
  },
  {
    name: 'cursor before an existing value replaces that value',
    input: 'a:\n  maxSkew: ‸1\n',
    want: { path: ['a'], at: 'value', key: 'maxSkew', partial: '', replaced: '1' },
  },
  {
    name: 'value followed by a comment',
    input: 'a:\n  b: 1‸  # note\n',
    want: { path: ['a'], at: 'value', key: 'b', partial: '1', replaced: '1' },
  },
  {
    name: 'a # inside a value is not a comment',
    input: 'a:\n  image: foo#ba‸',
    want: { path: ['a'], at: 'value', key: 'image', partial: 'foo#ba', replaced: 'foo#ba' },
  },
  {
    name: 'a URL value: only the first colon ends the key',
    input: 'a:\n  image: http://x/y‸\n',
    want: { path: ['a'], at: 'value', key: 'image', partial: 'http://x/y', replaced: 'http://x/y' },
  },
  {
    name: 'flow sequence item in the middle',
    input: 'a:\n  matchLabelKeys: [x, y‸, z]\n',
    want: { path: ['a'], at: 'value', key: 'matchLabelKeys', flowItem: true, partial: 'y', replaced: 'y' },
  },
  {
    name: 'flow sequence: new empty item',
    input: 'a:\n  matchLabelKeys: [pod-template-hash, ‸]\n',
    want: { path: ['a'], at: 'value', key: 'matchLabelKeys', flowItem: true, partial: '', replaced: '' },
  },
  {
    name: 'keys with dots and slashes',
    input: 'matchLabels:\n  app.kubernetes.io/name: we‸',
    want: { path: ['matchLabels'], at: 'value', key: 'app.kubernetes.io/name', partial: 'we', replaced: 'we' },
  },
  {
    name: 'double-quoted parent key is unquoted; value token ends at whitespace',
    input: '"quoted key":\n  inner: va‸l ue\n',
    want: { path: ['quoted key'], at: 'value', key: 'inner', partial: 'va', replaced: 'val' },
  },
  {
    name: "single-quoted key with '' is unquoted",
    input: "'it''s':\n  x: ‸\n",
    want: { path: ["it's"], at: 'value', key: 'x', partial: '', replaced: '' },
  },
  {
    name: 'spaces before the colon',
    input: 'a:\n  foo  : ba‸r\n',
    want: { path: ['a'], at: 'value', key: 'foo', partial: 'ba', replaced: 'bar' },
  },

  // Keys.
  {
    name: 'half-typed key under a sequence item',
    input: `${TSC}  - maxSkew: 1\n    topo‸`,
    want: { path: ['spec', 'topologySpreadConstraints', '[]'], at: 'key', partial: 'topo', replaced: 'topo', column: 4 },
  },
  {
    name: 'cursor inside an existing key replaces the whole key',
    input: `${TSC}  - maxSkew: 1\n    topo‸logyKey: zone\n`,
    want: { path: ['spec', 'topologySpreadConstraints', '[]'], at: 'key', partial: 'topo', replaced: 'topologyKey', column: 4 },
  },
  {
    name: 'cursor on the colon is still the key',
    input: 'a:\n  key‸: v\n',
    want: { path: ['a'], at: 'key', partial: 'key', replaced: 'key', column: 2 },
  },
  {
    name: 'quoted key being typed',
    input: 'a:\n  "topo‸logyKey": x\n',
    want: { path: ['a'], at: 'key', partial: '"topo', replaced: '"topologyKey"', column: 2 },
  },
  {
    name: 'new bare item after a dash',
    input: `${TSC}  - ‸`,
    want: { path: ['spec', 'topologySpreadConstraints', '[]'], at: 'key', partial: '', replaced: '', column: 4, dash: 2 },
  },
  {
    name: 'scalar item being typed',
    input: 'spec:\n  args:\n  - --fo‸',
    want: { path: ['spec', 'args', '[]'], at: 'key', partial: '--fo', replaced: '--fo', column: 4, dash: 2 },
  },
  {
    name: 'blank line inside an item of an indented sequence',
    input: 'spec:\n  topologySpreadConstraints:\n    - maxSkew: 1\n      ‸',
    want: { path: ['spec', 'topologySpreadConstraints', '[]'], at: 'key', partial: '', replaced: '', column: 6 },
  },
  {
    name: "blank line at the sequence key's column is a sibling of that key",
    input: `${TSC}  - maxSkew: 1\n  ‸`,
    want: { path: ['spec'], at: 'key', partial: '', replaced: '', column: 2 },
  },
  {
    name: 'dedented blank line belongs to the outer map',
    input: 'a:\n  b:\n    c: 1\n  ‸',
    want: { path: ['a'], at: 'key', partial: '', replaced: '', column: 2 },
  },
  {
    name: 'column 0 is the document root',
    input: 'a:\n  b:\n    c: 1\n‸',
    want: { path: [], at: 'key', partial: '', replaced: '', column: 0 },
  },
  {
    name: 'blank line between two keys (text after the cursor)',
    input: 'spec:\n  x: 1\n  ‸\n  y: 2\n',
    want: { path: ['spec'], at: 'key', partial: '', replaced: '', column: 2 },
  },
  {
    name: 'comment lines above are skipped',
    input: '# top\nspec:\n  # note\n\n  repl‸',
    want: { path: ['spec'], at: 'key', partial: 'repl', replaced: 'repl', column: 2 },
  },
  {
    name: 'maps inside sequences inside maps inside sequences',
    input: 'spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n      proto‸',
    want: { path: ['spec', 'containers', '[]', 'ports', '[]'], at: 'key', partial: 'proto', replaced: 'proto', column: 6 },
  },
  {
    name: 'a pod spec deep in a Deployment',
    input: 'spec:\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      nodeSel‸\n',
    want: { path: ['spec', 'template', 'spec'], at: 'key', partial: 'nodeSel', replaced: 'nodeSel', column: 6 },
  },
  {
    name: 'a zero-indented sequence below a nested key',
    input: 'spec:\n  items:\n  - kind: Pod\n    spe‸',
    want: { path: ['spec', 'items', '[]'], at: 'key', partial: 'spe', replaced: 'spe', column: 4 },
  },
  {
    name: "a root key's zero-indented sequence keeps the key in the path",
    input: 'items:\n- kind: Pod\n  spe‸',
    want: { path: ['items', '[]'], at: 'key', partial: 'spe', replaced: 'spe', column: 2 },
  },
  {
    name: 'a new item of a zero-indented sequence under a root key',
    input: 'a: 1\nitems:\n- kind: Pod\n- ‸',
    want: { path: ['items', '[]'], at: 'key', partial: '', replaced: '', column: 2, dash: 0 },
  },
  {
    name: 'an item of a root sequence has no parent key',
    input: '- a: 1\n  b: 2\n- ‸',
    want: { path: ['[]'], at: 'key', partial: '', replaced: '', column: 2, dash: 0 },
  },
  {
    name: 'nested sequence items on one line give one [] per dash',
    input: 'spec:\n  x:\n  - - ‸',
    want: { path: ['spec', 'x', '[]', '[]'], at: 'key', partial: '', replaced: '', column: 6, dash: 4 },
  },
  {
    name: 'a value on a line with nested dashes',
    input: 'spec:\n  x:\n  - - key: v‸',
    want: { path: ['spec', 'x', '[]', '[]'], at: 'value', key: 'key', partial: 'v', replaced: 'v', column: 6, dash: 4 },
  },
  {
    name: 'a key under a line with nested dashes',
    input: 'x:\n- - a: 1\n    b‸',
    want: { path: ['x', '[]', '[]'], at: 'key', partial: 'b', replaced: 'b', column: 4 },
  },
  {
    name: 'the next item of an inner sequence opened by `- - ` above',
    input: 'x:\n- - a\n  - ‸',
    want: { path: ['x', '[]', '[]'], at: 'key', partial: '', replaced: '', column: 4, dash: 2 },
  },
  {
    name: 'a document separator ends the search for parents',
    input: 'a:\n  deep:\n---\n    ‸',
    want: { path: [], at: 'key', partial: '', replaced: '', column: 4 },
  },
  {
    name: 'a separator with a comment after it also ends the search',
    input: 'a: 1\n--- # doc two\nb:\n  ‸',
    want: { path: ['b'], at: 'key', partial: '', replaced: '', column: 2 },
  },
  {
    name: 'empty text',
    input: '‸',
    want: { path: [], at: 'key', partial: '', replaced: '', column: 0 },
  },
  {
    name: 'start of an indented line',
    input: '‸  foo: 1\n',
    want: { path: [], at: 'key', partial: '', replaced: '', column: 0 },
  },

  // Nothing to complete.
  { name: 'inside a comment after a value', input: 'a: 1 # com‸ment\n', want: undefined },
  { name: 'inside a whole-line comment', input: 'a:\n  # a no‸te\n', want: undefined },
  { name: 'typing a flow map where a key goes', input: 'a:\n  {x‸', want: undefined },
];

/** The fields a case states, from what cursorContext returned. */
function observed(text: string, got: CursorContext, want: Want): Want {
  const o: Want = { path: got.path, at: got.at, partial: got.partial, replaced: text.slice(got.replace[0], got.replace[1]) };
  if (got.key !== undefined || want.key !== undefined) o.key = got.key;
  if (got.flowItem !== undefined || want.flowItem !== undefined) o.flowItem = got.flowItem;
  if (want.column !== undefined) o.column = got.column;
  if (got.dash !== undefined || want.dash !== undefined) o.dash = got.dash;
  return o;
}

function check(input: string, want: Want | undefined): void {
  const { text, offset } = marked(input);
  const got = cursorContext(text, offset);
  if (want === undefined) {
    assert.equal(got, undefined);
    return;
  }
  assert.ok(got, 'expected a context');
  assert.deepEqual(observed(text, got, want), want);
  // lineStart is the start of the cursor's line, and the replaced range contains the cursor.
  assert.ok(got.lineStart === 0 || text[got.lineStart - 1] === '\n', `lineStart ${got.lineStart} is not a line start`);
  assert.ok(!text.slice(got.lineStart, offset).includes('\n'), 'lineStart is on an earlier line');
  assert.ok(got.replace[0] <= offset && offset <= got.replace[1], `replace ${got.replace} does not contain the cursor ${offset}`);
  assert.ok(!text.slice(got.replace[0], got.replace[1]).includes('\r'), 'a CR is never part of the replaced token');
}

describe('editor/cursorContext', () => {
  for (const c of cases) {
    it(c.name, () => check(c.input, c.want));
    it(`${c.name} (CRLF)`, () => check(crlf(c.input), c.want));
  }
});
