// Parsing document by document with the cache (k8s/documentCache.ts) must give exactly what parsing
// the file in one piece gives: the same findings, values and ranges of every node, also after edits
// that move cached documents to new offsets.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isNode, visit } from 'yaml';
import { documentStarts } from '../../../server/src/k8s/documentCache';
import { parseManifestText, type ParsedFile } from '../../../server/src/k8s/manifest';
import { MANIFESTS, applyEdit, crlf, edit, yamlSoup } from '../../fuzz/arbitraries';

/** yaml makes a new Symbol for each `<<` it reads as a value: compare them by name. */
function plain(v: unknown): unknown {
  if (typeof v === 'symbol') return String(v);
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** Everything a consumer can see of a parse, as plain data. */
function view(p: ParsedFile): unknown {
  return {
    findings: p.findings,
    documents: p.documents.map((d) => {
      const ranges: unknown[] = [d.yaml.range, d.yaml.errors.map((e) => [e.code, e.pos, e.message]), d.yaml.warnings.map((e) => [e.code, e.pos])];
      visit(d.yaml, (key, node) => void ranges.push([String(key), isNode(node) ? node.range : null]));
      return { index: d.index, value: plain(d.value), kind: d.kind, name: d.name, namespace: d.namespace, range: d.range, skip: d.skip, ranges, spec: d.rangeOf(['spec'], 'node') };
    }),
  };
}

function assertSame(text: string): void {
  assert.deepEqual(view(parseManifestText(text)), view(parseManifestText(text, { splitDocuments: false })), JSON.stringify(text.slice(0, 300)));
}

const multi = fc.array(fc.constantFrom(...MANIFESTS), { minLength: 2, maxLength: 5 }).map((ms) => ms.join('---\n'));

describe('k8s/documentCache: document-by-document parsing', function () {
  this.timeout(60000);
  const cases: { name: string; text: string; starts: number[] | undefined }[] = [
    { name: 'one document', text: 'a: 1\n', starts: undefined },
    { name: 'two documents', text: 'a: 1\n---\nb: 2\n', starts: [0, 5] },
    { name: 'leading marker', text: '---\na: 1\n---\nb: 2\n', starts: [0, 9] },
    { name: 'comments before the first marker stay with the first document', text: '# c\n\n---\na: 1\n---\nb: 2\n', starts: [0, 14] },
    { name: 'content before the first marker is a document', text: 'x: 1\n---\na: 1\n', starts: [0, 5] },
    { name: '--- inside a line is not a marker', text: 'a: "---"\nb: x---\n', starts: undefined },
    { name: '---x is not a marker', text: 'a: 1\n---x: 2\n', starts: undefined },
    { name: 'marker with content on its line', text: 'a: 1\n--- |\n  text\n', starts: [0, 5] },
    { name: 'CRLF', text: 'a: 1\r\n---\r\nb: 2\r\n', starts: [0, 6] },
    { name: 'a directive: parsed whole', text: '%YAML 1.1\n---\na: 1\n---\nb: 2\n', starts: undefined },
    { name: 'a document end marker: parsed whole', text: 'a: 1\n...\n---\nb: 2\n', starts: undefined },
  ];
  for (const c of cases) {
    it(`splits where documents start: ${c.name}`, () => {
      assert.deepEqual(documentStarts(c.text), c.starts);
      assertSame(c.text);
    });
  }

  it('edge cases parse the same either way', () => {
    for (const text of [
      '', '---', '---\n', '---\n---\n---\n', '\uFEFF---\na: 1\n---\nb: 2\n', 'a: &x 1\n---\nb: *x\n', 'a: [1,\n---\n2]\n',
      'a: "x\n---\ny"\n', 'a: |\n  t\n---\n  u\n', 'a: 1\n---\na: 1\na: 2\n', 'k: v\n--- # c\nb: 2\n', '---\n- a\n---\n- b\n...\n',
    ]) assertSame(text);
  });

  it('property: multi-document manifests, token soup and CRLF parse the same either way', () => {
    fc.assert(fc.property(fc.oneof(multi, yamlSoup, crlf), (text) => assertSame(text)), { numRuns: 300 });
  });

  it('property: after each of a sequence of edits (cached documents moved), the same as a fresh whole parse', () => {
    fc.assert(fc.property(multi, fc.array(edit, { minLength: 1, maxLength: 12 }), (base, edits) => {
      let text = base;
      assertSame(text);
      for (const e of edits) {
        text = applyEdit(text, e).text;
        assertSame(text);
      }
    }), { numRuns: 150 });
  });

  it('reuses a document that did not move, parses a moved one again, and shares values that cannot be changed', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n';
    const a = parseManifestText(text);
    const edited = parseManifestText(`${text}# edit after both\n`);
    assert.equal(edited.documents[0].yaml, a.documents[0].yaml);
    const moved = parseManifestText(`# edit\n${text}`);
    assert.notEqual(moved.documents[1].yaml, a.documents[1].yaml);
    assert.equal(a.documents[1].rangeOf(['metadata', 'name'], 'value')?.start.line, 6);
    assert.equal(moved.documents[1].rangeOf(['metadata', 'name'], 'value')?.start.line, 7);
    assert.equal(moved.documents[1].value, a.documents[1].value);
    assert.throws(() => { (moved.documents[1].value as { kind: string }).kind = 'x'; }, TypeError);
  });
});
