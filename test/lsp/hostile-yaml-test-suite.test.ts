// The official YAML test suite through the real language server: all 402 cases open at once in one
// server, each answered with diagnostics inside its text, a yaml/ error exactly on the cases the
// suite calls invalid (same known deviations as test/unit/yaml-test-suite.test.ts), and a clean exit.

import assert from 'node:assert/strict';
import { rangeProblem } from '../unit/hostile/ranges';
import { yamlTestSuiteCases } from '../unit/hostile/yamlSuite';
import { hasYamlError, KNOWN_MISSED, KNOWN_SPURIOUS } from '../unit/hostile/yamlSuiteExpect';
import { buildServer, LspClient } from './client';

describe('language server: yaml-test-suite (stdio)', function () {
  this.timeout(120000);

  before(() => {
    buildServer();
  });

  it('every case answered, ranges inside, yaml/ errors where the suite says invalid', async () => {
    const c = await LspClient.start({});
    try {
      const cases = yamlTestSuiteCases();
      const uri = (id: string) => `untitled:yaml-test-suite/${id.replace('/', '-')}.yaml`;
      for (const t of cases) await c.open(uri(t.id), t.yaml, 1);
      const missed: string[] = [];
      const spurious: string[] = [];
      for (const t of cases) {
        const d = await c.diagnosticsFor(uri(t.id), 1, 30000);
        assert.equal(rangeProblem(d.diagnostics, t.yaml), undefined, `${t.id} (${t.name})`);
        const err = hasYamlError(d.diagnostics);
        if (t.fail && !err) missed.push(t.id);
        if (!t.fail && err) spurious.push(t.id);
      }
      assert.deepEqual(missed.sort(), Object.keys(KNOWN_MISSED).sort(), 'invalid cases without a yaml/ error');
      assert.deepEqual(spurious.sort(), Object.keys(KNOWN_SPURIOUS).sort(), 'valid cases with a yaml/ error');
      assert.equal(await c.stop(), 0);
    } finally {
      if (c.proc.exitCode === null) c.proc.kill();
    }
  });
});
