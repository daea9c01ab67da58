// The hostile table (cases.ts) through checkText: never a throw, the expected findings, every range
// inside the text, nothing executed or polluted. Timings are recorded by `npm run fuzz`
// (test/fuzz/bench-hostile.ts), not asserted here.

import assert from 'node:assert/strict';
import { checkText } from '../../../server/src/analysis/check';
import { makeContext } from '../../../server/src/analysis/context';
import { loadEmbeddedSample } from '../../../server/src/fixture';
import { HOSTILE } from './cases';
import { rangeProblem } from './ranges';

const ctx = makeContext(loadEmbeddedSample());

describe('hostile input through checkText', function () {
  this.timeout(30000);
  for (const c of HOSTILE) {
    it(c.name, () => {
      const raw = c.input();
      const text = typeof raw === 'string' ? raw : raw.toString('utf8');
      const r = checkText(text, ctx, { fileName: 'hostile.yaml' });
      const codes = new Set(r.findings.map((f) => f.code));
      for (const want of c.codes) assert.ok(codes.has(want), `missing ${want}; got ${[...codes].join(', ') || 'nothing'}`);
      for (const not of c.notCodes ?? []) assert.ok(!codes.has(not), `unexpected ${not}: ${r.findings.find((f) => f.code === not)?.message}`);
      assert.equal(r.findings.some((f) => f.severity === 'error') ? 1 : 0, c.exit, `errors: ${r.findings.filter((f) => f.severity === 'error').map((f) => f.code).join(', ')}`);
      assert.equal(rangeProblem(r.findings, text), undefined);
      for (const f of r.findings) assert.ok(f.message.length > 0 && !/\n\s+at /.test(f.message), `${f.code}: a message, not a stack: ${f.message}`);
      c.check?.(r.findings, text);
      assert.equal((globalThis as Record<string, unknown>).kubeSpreadPwned, undefined);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }
});
