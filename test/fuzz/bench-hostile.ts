// Times each hostile input (test/unit/hostile/cases.ts) through checkText, best of three: the bound
// docs/safety.md records. Run by `npm run fuzz`; timings are reported, never asserted.

import { checkText } from '../../server/src/analysis/check';
import { makeContext } from '../../server/src/analysis/context';
import { loadEmbeddedSample } from '../../server/src/fixture';
import { HOSTILE } from '../unit/hostile/cases';

const ctx = makeContext(loadEmbeddedSample());
checkText('apiVersion: v1\nkind: Pod\nmetadata: {name: warm}\nspec: {containers: [{name: c, image: i}]}\n', ctx); // compile schemas first
const rows: string[] = ['| input | size | findings | ms (best of 3) |', '|---|---:|---:|---:|'];
for (const c of HOSTILE) {
  const raw = c.input();
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  let best = Infinity;
  let n = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    n = checkText(text, ctx).findings.length;
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const size = text.length >= 1e6 ? `${(text.length / 1e6).toFixed(1)} M chars` : `${text.length} chars`;
  rows.push(`| ${c.name} | ${size} | ${n} | ${best.toFixed(0)} |`);
}
process.stdout.write(`${rows.join('\n')}\n`);
