// yamlEdits: minimal text edits on YAML source. Each case states the whole file after the edit, so
// a test fails when a comment, an indentation or a neighbouring line changes. Every case also runs
// on the same file with CRLF line breaks: the result must be the same text up to line endings, every
// line break CRLF (added lines use the file's own), and must parse without errors.

import assert from 'node:assert/strict';
import type { Document } from 'yaml';
import {
  addKey, appendItem, columnOf, lineStartOf, removeAt, renameKeyAt, replaceValue, sequenceIndent, setScalarAt, type OffsetEdit,
} from '../../../server/src/editor/yamlEdits';
import { parseManifestText, type PathSegment } from '../../../server/src/k8s/manifest';
import { applyEdit, crlf } from './marked';

interface Case {
  name: string;
  text: string;
  /** The edit under test, on `text` and its parsed document. */
  edit: (text: string, doc: Document) => OffsetEdit | undefined;
  /** The whole file after the edit (LF line breaks); undefined: the function declines. */
  want: string | undefined;
  /** Which document of the file the edit is on (default 0). */
  document?: number;
}

const TSC = `spec:
  topologySpreadConstraints:
  - maxSkew: 1 # keep me
    topologyKey: zone
    whenUnsatisfiable: DoNotSchedule
  # between
  - maxSkew: 2
    topologyKey: host
`;
const tsc = (...rest: PathSegment[]): PathSegment[] => ['spec', 'topologySpreadConstraints', ...rest];

const remove = (path: PathSegment[]) => (t: string, d: Document) => removeAt(t, d, path);
const set = (path: PathSegment[], value: string) => (t: string, d: Document) => setScalarAt(t, d, path, value);
const add = (path: PathSegment[], key: string, value: { inline: string; block?: string[] }) => (t: string, d: Document) => addKey(t, d, path, key, value);
const append = (path: PathSegment[], item: string) => (t: string, d: Document) => appendItem(t, d, path, item);
const replace = (path: PathSegment[], value: { flow: string; block: string[] }) => (t: string, d: Document) => replaceValue(t, d, path, value);
const SELECTOR = { flow: '{matchLabels: {app: web}}', block: ['matchLabels:', '  app: web'] };

const removeCases: Case[] = [
  {
    name: 'a field in the middle of an item; comments around it stay',
    text: TSC, edit: remove(tsc(0, 'topologyKey')),
    want: 'spec:\n  topologySpreadConstraints:\n  - maxSkew: 1 # keep me\n    whenUnsatisfiable: DoNotSchedule\n  # between\n  - maxSkew: 2\n    topologyKey: host\n',
  },
  {
    name: "the first key of an item: the next key moves up onto the dash line (with the removed line's comment gone)",
    text: TSC, edit: remove(tsc(0, 'maxSkew')),
    want: 'spec:\n  topologySpreadConstraints:\n  - topologyKey: zone\n    whenUnsatisfiable: DoNotSchedule\n  # between\n  - maxSkew: 2\n    topologyKey: host\n',
  },
  {
    name: 'a whole item; the comment before the next item stays',
    text: TSC, edit: remove(tsc(0)),
    want: 'spec:\n  topologySpreadConstraints:\n  # between\n  - maxSkew: 2\n    topologyKey: host\n',
  },
  {
    name: 'the last item',
    text: TSC, edit: remove(tsc(1)),
    want: 'spec:\n  topologySpreadConstraints:\n  - maxSkew: 1 # keep me\n    topologyKey: zone\n    whenUnsatisfiable: DoNotSchedule\n  # between\n',
  },
  {
    name: "the only item of a sequence removes the sequence's key",
    text: 'spec:\n  replicas: 2\n  topologySpreadConstraints:\n  - maxSkew: 1\n',
    edit: remove(tsc(0)),
    want: 'spec:\n  replicas: 2\n',
  },
  {
    name: 'the only key of an item removes the item',
    text: 'tsc:\n- a:\n    x: 1\n  b: 2\n- c: 3\n', edit: remove(['tsc', 1, 'c']),
    want: 'tsc:\n- a:\n    x: 1\n  b: 2\n',
  },
  {
    name: 'the first key of an item when its value is a block map',
    text: 'tsc:\n- a:\n    x: 1\n  b: 2\n- c: 3\n', edit: remove(['tsc', 0, 'a']),
    want: 'tsc:\n- b: 2\n- c: 3\n',
  },
  {
    name: 'a key with a block map value; a comment on the next key stays',
    text: 'spec:\n  selector:\n    matchLabels:\n      app: web\n  # the replicas\n  replicas: 3\n',
    edit: remove(['spec', 'selector']),
    want: 'spec:\n  # the replicas\n  replicas: 3\n',
  },
  {
    name: 'a scalar item with its comment',
    text: 'k:\n  - a # first\n  - b\n', edit: remove(['k', 0]),
    want: 'k:\n  - b\n',
  },
  {
    name: 'an item of a nested sequence',
    text: 'k:\n- - a\n  - b\n- c\n', edit: remove(['k', 0, 1]),
    want: 'k:\n- - a\n- c\n',
  },
  { name: 'a root key', text: 'a: 1\nb: 2 # two\n', edit: remove(['a']), want: 'b: 2 # two\n' },
  { name: 'a root sequence item', text: '- a\n- b\n', edit: remove([0]), want: '- b\n' },
  { name: 'the last line without a line break', text: 'a:\n  b: 1\n  c: 2', edit: remove(['a', 'c']), want: 'a:\n  b: 1\n' },
  { name: 'flow map entry in the middle takes the comma after it', text: 'a: {x: 1, q: 2, z: 3}\n', edit: remove(['a', 'q']), want: 'a: {x: 1, z: 3}\n' },
  { name: 'flow map last entry takes the comma before it', text: 'a: {x: 1, q: 2, z: 3}\n', edit: remove(['a', 'z']), want: 'a: {x: 1, q: 2}\n' },
  { name: 'flow map only entry', text: 'a: {x: 1}\n', edit: remove(['a', 'x']), want: 'a: {}\n' },
  { name: 'flow sequence first item', text: 'b: [p, q, r] # c\n', edit: remove(['b', 0]), want: 'b: [q, r] # c\n' },
  { name: 'flow sequence last item', text: 'b: [p, q, r]\n', edit: remove(['b', 2]), want: 'b: [p, q]\n' },
  { name: 'flow sequence over several lines', text: 'a: [\n  p,\n  q\n]\n', edit: remove(['a', 1]), want: 'a: [\n  p\n]\n' },
  {
    name: 'in the second document',
    text: 'a: 1\n---\nkind: Pod\nspec:\n  x: 1 # c\n  y: 2\n', document: 1, edit: remove(['spec', 'x']),
    want: 'a: 1\n---\nkind: Pod\nspec:\n  y: 2\n',
  },
  // Through an alias or a merge the text is the anchored node's: declined (see yamlEdits.ts).
  { name: 'a field reached through an alias is declined', text: 'a: &x {k: v, j: w}\nb: *x\n', edit: remove(['b', 'k']), want: undefined },
  { name: 'a field merged in with << is declined', text: 'a: &x {k: v, j: w}\nb:\n  <<: *x\n  m: 1\n', edit: remove(['b', 'k']), want: undefined },
  { name: "a map's own field next to a merge", text: 'a: &x {k: v}\nb:\n  <<: *x\n  m: 1\n  n: 2\n', edit: remove(['b', 'm']), want: 'a: &x {k: v}\nb:\n  <<: *x\n  n: 2\n' },
  { name: 'the alias itself can go', text: 'a: &x {k: v}\nb: *x\nc: 1\n', edit: remove(['b']), want: 'a: &x {k: v}\nc: 1\n' },
  { name: 'a path that does not exist', text: 'a: 1\n', edit: remove(['b']), want: undefined },
  { name: 'an index past the end', text: 'a: [1]\n', edit: remove(['a', 1]), want: undefined },
  { name: 'the empty path (the whole document)', text: 'a: 1\n', edit: remove([]), want: undefined },
];

const setCases: Case[] = [
  { name: 'double quotes are kept and the value escaped', text: 'a: "dq"\nb: 1\n', edit: set(['a'], 'he said "hi"'), want: 'a: "he said \\"hi\\""\nb: 1\n' },
  { name: "single quotes are kept and ' doubled", text: "b: 'sq' # c\n", edit: set(['b'], "it's"), want: "b: 'it''s' # c\n" },
  { name: 'a plain scalar stays plain; its comment stays', text: 'c: plain # c\n', edit: set(['c'], 'v2'), want: 'c: v2 # c\n' },
  { name: 'a plain scalar YAML 1.1 would read as a boolean is quoted', text: 'c: x\n', edit: set(['c'], 'yes'), want: 'c: "yes"\n' },
  { name: 'the value is a string: digits are quoted', text: 'e: 5\n', edit: set(['e'], '7'), want: 'e: "7"\n' },
  { name: 'an empty value gets one', text: 'd:\ne: 5\n', edit: set(['d'], 'DoNotSchedule'), want: 'd: DoNotSchedule\ne: 5\n' },
  { name: 'an empty value before a comment', text: 'd: # c\ne: 1\n', edit: set(['d'], 'x'), want: 'd: x # c\ne: 1\n' },
  { name: 'a flow sequence item', text: 'k: [a, b]\n', edit: set(['k', 1], 'c'), want: 'k: [a, c]\n' },
  { name: 'a value in a constraint', text: TSC, edit: set(tsc(1, 'topologyKey'), 'kubernetes.io/hostname'), want: TSC.replace('topologyKey: host', 'topologyKey: kubernetes.io/hostname') },
  { name: 'an anchored scalar keeps its anchor', text: 'a: &x v\nb: *x\n', edit: set(['a'], 'w'), want: 'a: &x w\nb: *x\n' },
  { name: 'an alias is not written through', text: 'a: &x v\nb: *x\n', edit: set(['b'], 'w'), want: undefined },
  { name: 'a scalar inside an aliased map is not written through', text: 'a: &x {k: v}\nb: *x\n', edit: set(['b', 'k'], 'w'), want: undefined },
  { name: 'a map is not a scalar', text: 'k: {a: b}\n', edit: set(['k'], 'c'), want: undefined },
  { name: 'a missing key', text: 'k: 1\n', edit: set(['x'], 'c'), want: undefined },
];

const addCases: Case[] = [
  {
    name: 'after the last key of a block map, before a comment at the outer level',
    text: 'spec:\n  selector:\n    matchLabels:\n      app: web # the app\n  # trailing comment\nstatus: {}\n',
    edit: add(['spec'], 'replicas', { inline: '3' }),
    want: 'spec:\n  selector:\n    matchLabels:\n      app: web # the app\n  replicas: 3\n  # trailing comment\nstatus: {}\n',
  },
  {
    name: 'at the column of the map it goes in',
    text: 'spec:\n  selector:\n    matchLabels:\n      app: web # the app\nstatus: {}\n',
    edit: add(['spec', 'selector', 'matchLabels'], 'tier', { inline: 'fe' }),
    want: 'spec:\n  selector:\n    matchLabels:\n      app: web # the app\n      tier: fe\nstatus: {}\n',
  },
  {
    name: "block lines are indented from the new key's column",
    text: 'spec:\n  replicas: 1\nstatus: {}\n',
    edit: add(['spec'], 'labelSelector', { inline: '{}', block: ['  matchLabels:', '    app: web'] }),
    want: 'spec:\n  replicas: 1\n  labelSelector:\n    matchLabels:\n      app: web\nstatus: {}\n',
  },
  {
    name: 'to a constraint item (the map of a sequence item)',
    text: TSC, edit: add(tsc(1), 'whenUnsatisfiable', { inline: 'ScheduleAnyway' }),
    want: `${TSC}    whenUnsatisfiable: ScheduleAnyway\n`,
  },
  {
    name: 'after a zero-indented sequence value',
    text: 'c:\n  a: 1\n  keys:\n  - x\n  - y\nnext: 1\n',
    edit: add(['c'], 'z', { inline: '3' }),
    want: 'c:\n  a: 1\n  keys:\n  - x\n  - y\n  z: 3\nnext: 1\n',
  },
  {
    name: 'after a block scalar',
    text: 'c:\n  s: |\n    line1\n    line2\n\nnext: 1\n',
    edit: add(['c'], 'z', { inline: '3' }),
    want: 'c:\n  s: |\n    line1\n    line2\n  z: 3\n\nnext: 1\n',
  },
  { name: 'after a value with a comment', text: 'a:\n  b: 1 # note\nc: 2\n', edit: add(['a'], 'k', { inline: 'v' }), want: 'a:\n  b: 1 # note\n  k: v\nc: 2\n' },
  { name: 'to the root map', text: 'a: 1\n', edit: add([], 'k', { inline: 'v' }), want: 'a: 1\nk: v\n' },
  { name: 'block lines to the root map', text: 'a: 1\n', edit: add([], 'k', { inline: '{}', block: ['  x: 1', '  y: 2'] }), want: 'a: 1\nk:\n  x: 1\n  y: 2\n' },
  { name: 'no line break at the end', text: 'a:\n  b: 1', edit: add(['a'], 'c', { inline: '2' }), want: 'a:\n  b: 1\n  c: 2' },
  { name: 'a flow map gets the inline form', text: 'a: {x: 1, z: 3}\n', edit: add(['a'], 'w', { inline: '4', block: ['never'] }), want: 'a: {x: 1, z: 3, w: 4}\n' },
  {
    name: 'in the second document',
    text: 'a: 1\n---\nkind: Pod\nspec:\n  x: 1 # c\n  y: 2\n', document: 1, edit: add(['spec'], 'z', { inline: '3' }),
    want: 'a: 1\n---\nkind: Pod\nspec:\n  x: 1 # c\n  y: 2\n  z: 3\n',
  },
  { name: 'an aliased map is declined', text: 'a: &x\n  k: v\nb: *x\n', edit: add(['b'], 'w', { inline: '4' }), want: undefined },
  { name: 'a map inside an aliased map is declined', text: 'a: &x\n  m:\n    k: v\nb: *x\n', edit: add(['b', 'm'], 'w', { inline: '4' }), want: undefined },
  { name: 'the anchored map itself gets the key', text: 'a: &x\n  k: v\nb: *x\n', edit: add(['a'], 'w', { inline: '4' }), want: 'a: &x\n  k: v\n  w: 4\nb: *x\n' },
  { name: 'an empty flow map is declined', text: 'a: {}\n', edit: add(['a'], 'w', { inline: '4' }), want: undefined },
  { name: 'a scalar is not a map', text: 'a: 1\n', edit: add(['a'], 'k', { inline: '1' }), want: undefined },
  { name: 'a missing map', text: 'a: 1\n', edit: add(['nope'], 'k', { inline: '1' }), want: undefined },
];

const appendCases: Case[] = [
  {
    name: 'a block sequence: same dash column, after the last comment',
    text: 'spec:\n  matchLabelKeys:\n    - pod-template-hash # why\n  other: 1\n',
    edit: append(['spec', 'matchLabelKeys'], 'app'),
    want: 'spec:\n  matchLabelKeys:\n    - pod-template-hash # why\n    - app\n  other: 1\n',
  },
  {
    name: 'after a last item that spans lines',
    text: 'tsc:\n- maxSkew: 1\n  topologyKey: z # c\nother: 1\n',
    edit: append(['tsc'], 'x'),
    want: 'tsc:\n- maxSkew: 1\n  topologyKey: z # c\n- x\nother: 1\n',
  },
  { name: 'a flow sequence', text: 'b: [p, q, r]\n', edit: append(['b'], 's'), want: 'b: [p, q, r, s]\n' },
  { name: 'an empty flow sequence', text: 'b: []\n', edit: append(['b'], 's'), want: 'b: [s]\n' },
  { name: 'a flow sequence with a comment after it', text: 'a: [p] # c\n', edit: append(['a'], 'q'), want: 'a: [p, q] # c\n' },
  { name: 'an aliased sequence is declined', text: 'a: &x [p]\nb: *x\n', edit: append(['b'], 'q'), want: undefined },
  { name: 'a scalar is not a sequence', text: 'a: 1\n', edit: append(['a'], 'q'), want: undefined },
  { name: 'a missing sequence', text: 'a: 1\n', edit: append(['b'], 'q'), want: undefined },
];

const replaceCases: Case[] = [
  { name: 'a flow value gets the flow text', text: 'c:\n  labelSelector: {} # c\n  x: 1\n', edit: replace(['c', 'labelSelector'], SELECTOR), want: 'c:\n  labelSelector: {matchLabels: {app: web}} # c\n  x: 1\n' },
  { name: 'a scalar value gets the flow text', text: 'c:\n  labelSelector: web\n', edit: replace(['c', 'labelSelector'], SELECTOR), want: 'c:\n  labelSelector: {matchLabels: {app: web}}\n' },
  {
    name: 'a block map is replaced by the block lines at its own column',
    text: 'c:\n  labelSelector:\n    matchExpressions:\n    - {key: a, operator: Exists}\n    x: 1\n  tail: 1\n',
    edit: replace(['c', 'labelSelector'], SELECTOR),
    want: 'c:\n  labelSelector:\n    matchLabels:\n      app: web\n  tail: 1\n',
  },
  {
    name: 'an empty value gets the block lines under the key',
    text: 'c:\n  labelSelector:\n  tail: 1\n',
    edit: replace(['c', 'labelSelector'], SELECTOR),
    want: 'c:\n  labelSelector:\n    matchLabels:\n      app: web\n  tail: 1\n',
  },
  {
    name: 'a block sequence is replaced as a whole (new lines under the key)',
    text: 'a:\n  b: # c\n  - x\n  - y: 1\n    z: 2\n  c: 1\n',
    edit: replace(['a', 'b'], SELECTOR),
    want: 'a:\n  b: # c\n    matchLabels:\n      app: web\n  c: 1\n',
  },
  {
    name: 'an indented block sequence: the new lines at its dashes',
    text: 'a:\n  b:\n      - x\n  c: 1\n',
    edit: replace(['a', 'b'], SELECTOR),
    want: 'a:\n  b:\n      matchLabels:\n        app: web\n  c: 1\n',
  },
  {
    name: 'a block sequence at the end of the file',
    text: 'b:\n- x\n- y',
    edit: replace(['b'], { flow: '[k]', block: ['- k'] }),
    want: 'b:\n  - k',
  },
  { name: 'an alias value is replaced, the anchored value stays', text: 'a: &x {k: v}\nb: *x # c\n', edit: replace(['b'], SELECTOR), want: 'a: &x {k: v}\nb: {matchLabels: {app: web}} # c\n' },
  { name: 'a value inside an aliased map is declined', text: 'a: &x {k: v}\nb: *x\n', edit: replace(['b', 'k'], SELECTOR), want: undefined },
  { name: 'a sequence item has no key to keep', text: 'a: [1]\n', edit: replace(['a', 0], SELECTOR), want: undefined },
  { name: 'a missing key', text: 'a: 1\n', edit: replace(['b'], SELECTOR), want: undefined },
];

function editOf(c: Case, text: string): OffsetEdit | undefined {
  const doc = parseManifestText(text).documents[c.document ?? 0];
  assert.ok(doc, `document ${c.document ?? 0} parsed`);
  return c.edit(text, doc.yaml);
}

function assertParses(text: string): void {
  const errors = parseManifestText(text).findings.filter((f) => f.severity === 'error');
  assert.deepEqual(errors.map((f) => `${f.code}: ${f.message}`), [], `the edited text does not parse:\n${text}`);
}

function run(c: Case): void {
  const e = editOf(c, c.text);
  if (c.want === undefined) {
    assert.equal(e, undefined);
    return;
  }
  assert.ok(e, 'expected an edit');
  assert.ok(e.start >= 0 && e.start <= e.end && e.end <= c.text.length, `edit range ${e.start}..${e.end}`);
  const got = applyEdit(c.text, e);
  assert.equal(got, c.want);
  assertParses(got);
}

function runCrlf(c: Case): void {
  const text = crlf(c.text);
  const e = editOf(c, text);
  if (c.want === undefined) {
    assert.equal(e, undefined);
    return;
  }
  assert.ok(e, 'expected an edit');
  const got = applyEdit(text, e);
  assert.ok(!/\r(?!\n)/.test(got), `a CR was separated from its LF: ${JSON.stringify(got)}`);
  assert.ok(!/(?<!\r)\n/.test(got), `an LF without a CR in a CRLF file: ${JSON.stringify(got)}`);
  assert.equal(got.replace(/\r\n/g, '\n'), c.want);
  assertParses(got);
}

describe('editor/yamlEdits', () => {
  for (const [group, cases] of [['removeAt', removeCases], ['setScalarAt', setCases], ['addKey', addCases], ['appendItem', appendCases], ['replaceValue', replaceCases]] as const) {
    describe(group, () => {
      for (const c of cases) {
        it(c.name, () => run(c));
        it(`${c.name} (CRLF)`, () => runCrlf(c));
      }
    });
  }

  describe('renameKeyAt', () => {
    const cases: { text: string; to: string; want: string }[] = [
      { text: 'topologyKy: zone', to: 'topologyKey', want: 'topologyKey: zone' },
      { text: '"topologyKy": zone', to: 'topologyKey', want: '"topologyKey": zone' },
      { text: "'topologyKy': zone", to: 'topologyKey', want: "'topologyKey': zone" },
      { text: '"a": 1', to: 'say "x"', want: '"say \\"x\\"": 1' },
      { text: "'a': 1", to: "it's", want: "'it''s': 1" },
      { text: 'a: 1', to: 'on', want: '"on": 1' }, // a plain key YAML 1.1 would read as a boolean is quoted
      { text: 'a: 1', to: 'key: x', want: '"key: x": 1' },
    ];
    for (const c of cases) {
      it(`${c.text} -> ${c.to}`, () => {
        const end = c.text.indexOf(':');
        assert.equal(applyEdit(c.text, renameKeyAt(c.text, 0, end, c.to)), c.want);
      });
    }
  });

  // Every CRLF run above checks that the result has no bare LF; these state the decision directly.
  describe("added lines end with the file's line break", () => {
    it('CRLF', () => {
      const text = 'a: 1\r\nb: 2\r\n';
      const e = addKey(text, parseManifestText(text).documents[0].yaml, [], 'c', { inline: '3' });
      assert.ok(e);
      assert.equal(applyEdit(text, e), 'a: 1\r\nb: 2\r\nc: 3\r\n');
    });
    it('LF', () => {
      const text = 'a:\n- x\n';
      const e = appendItem(text, parseManifestText(text).documents[0].yaml, ['a'], 'y');
      assert.ok(e);
      assert.equal(applyEdit(text, e), 'a:\n- x\n- y\n');
    });
  });

  describe('sequenceIndent', () => {
    const cases: { name: string; text: string; want: number }[] = [
      { name: 'dashes under the key', text: TSC, want: 0 },
      { name: 'dashes two right of the key', text: 'spec:\n  matchLabelKeys:\n    - a\n', want: 2 },
      { name: 'dashes four right of the key', text: 'b:\n    - y\n', want: 4 },
      { name: 'flow sequences do not count', text: 'a: [x]\nb:\n    - y\n', want: 4 },
      { name: 'the first block sequence decides', text: 'a:\n- x\nb:\n  - y\n', want: 0 },
      { name: 'no block sequence: the default', text: 'a: 1\nb: [x]\n', want: 2 },
      { name: 'a root sequence has no parent key', text: '- a\n- b\n', want: 2 },
    ];
    for (const c of cases) {
      it(c.name, () => {
        assert.equal(sequenceIndent(c.text, parseManifestText(c.text).documents[0].yaml), c.want);
        const t = crlf(c.text);
        assert.equal(sequenceIndent(t, parseManifestText(t).documents[0].yaml), c.want, 'CRLF');
      });
    }
  });

  describe('lineStartOf / columnOf', () => {
    const cases: { text: string; offset: number; lineStart: number; column: number }[] = [
      { text: '', offset: 0, lineStart: 0, column: 0 },
      { text: 'ab\ncd', offset: 1, lineStart: 0, column: 1 },
      { text: 'ab\ncd', offset: 3, lineStart: 3, column: 0 },
      { text: 'ab\ncd', offset: 4, lineStart: 3, column: 1 },
      { text: 'ab\r\ncd', offset: 5, lineStart: 4, column: 1 },
      { text: 'ab\n', offset: 3, lineStart: 3, column: 0 },
    ];
    for (const c of cases) {
      it(`${JSON.stringify(c.text)} at ${c.offset}`, () => {
        assert.equal(lineStartOf(c.text, c.offset), c.lineStart);
        assert.equal(columnOf(c.text, c.offset), c.column);
      });
    }
  });
});
