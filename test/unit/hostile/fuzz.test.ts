// Quick property runs over the parser-to-findings path (test/fuzz/properties.ts); `npm run fuzz`
// runs the same properties with FUZZ_RUNS inputs each.

import { PROPERTIES, runProperty } from '../../fuzz/properties';

describe('fuzz: checkText on generated input (quick run)', function () {
  this.timeout(120000);
  for (const p of PROPERTIES) it(`${p.name}: no exception, ranges inside the text, sorted, readable`, () => void runProperty(p));
});
