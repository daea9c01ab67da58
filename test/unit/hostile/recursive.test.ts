// Aliases that point into their own ancestors make cyclic values; an unresolved alias is not a bomb;
// a failure inside one document's checks costs that document only.

import assert from 'node:assert/strict';
import { checkParsed, checkText } from '../../../server/src/analysis/check';
import { makeContext } from '../../../server/src/analysis/context';
import { FixtureError, loadEmbeddedSample, loadFixtureFromText } from '../../../server/src/fixture';
import { parseManifestText } from '../../../server/src/k8s/manifest';
import { isRecursive } from '../../../server/src/base/yamlRecursive';

const ctx = makeContext(loadEmbeddedSample());
const codes = (text: string) => checkText(text, ctx).findings.map((f) => f.code);

describe('recursive aliases and document-level failures', () => {
  it('isRecursive: cycles yes, shared (DAG) values no', () => {
    const a: unknown[] = [];
    a.push({ x: a });
    const shared = { k: 1 };
    assert.equal(isRecursive(a), true);
    assert.equal(isRecursive({ a: shared, b: [shared, shared] }), false);
    assert.equal(isRecursive('x'), false);
    assert.equal(isRecursive(null), false);
  });

  for (const [name, text] of [
    ['metadata contains itself', 'apiVersion: v1\nkind: Pod\nmetadata: &m {name: a, labels: {x: *m}}\nspec: {containers: [{name: c, image: i}]}\n'],
    ['a constraint list holding its pod spec', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: &s {containers: [{name: c, image: i}], topologySpreadConstraints: [*s]}\n'],
    ['the whole document inside itself', '&r\napiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: c, image: i, env: *r}]\n'],
  ]) {
    it(`${name}: one yaml/invalid finding, no stack overflow (was: RangeError thrown out of checkText)`, () => {
      const f = checkText(text, ctx).findings;
      assert.deepEqual(f.map((x) => x.code), ['yaml/invalid']);
      assert.match(f[0].message, /recursive structure/);
    });
  }

  it('the other documents of the file are still checked', () => {
    const c = codes('a: &a [*a]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i}], topologySpreadConstraints: [{maxSkew: 0, topologyKey: k, whenUnsatisfiable: DoNotSchedule}]}\n');
    assert.ok(c.includes('yaml/invalid') && c.includes('api/maxSkew-positive'), c.join());
  });

  it('an unresolved alias is named as such, not as an alias bomb', () => {
    const f = checkText('apiVersion: v1\nkind: Pod\nmetadata: {name: *nope}\n', ctx).findings;
    assert.deepEqual(f.map((x) => x.code), ['yaml/invalid']);
    assert.match(f[0].message, /Unresolved alias .*nope/);
  });

  it('a recursive fixture is a fixture error with a message, not a crash', () => {
    assert.throws(() => loadFixtureFromText('&r\nkind: List\napiVersion: v1\nitems: [*r]\n', 'c.yaml'), (e: unknown) => e instanceof FixtureError && /recursive structure/.test(e.message));
  });

  it('a layer that throws costs only its document: yaml/internal-error there, the next document checked', () => {
    const parsed = parseManifestText('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: i}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec: {containers: [{name: c, image: i}], topologySpreadConstraints: [{maxSkew: 0, topologyKey: k, whenUnsatisfiable: DoNotSchedule}]}\n');
    const first = parsed.documents[0];
    // Simulate a bug in a layer: the document's value turns hostile after parsing.
    first.value = Object.defineProperty({ ...(first.value as object) }, 'spec', { get() { throw new Error('boom'); } });
    const r = checkParsed(parsed, ctx);
    const internal = r.findings.filter((f) => f.code === 'yaml/internal-error');
    assert.equal(internal.length, 1);
    assert.equal(internal[0].document, 0);
    assert.match(internal[0].message, /boom/);
    assert.ok(r.findings.some((f) => f.code === 'api/maxSkew-positive' && f.document === 1));
  });
});
