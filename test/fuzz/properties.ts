// The promise, as properties over the parser-to-findings path: for any text, checkText returns
// (no exception), every finding has a code, a one-line-ish message and a range inside the text, and
// findings come sorted. Used by the quick run in `npm test` and by `npm run fuzz`.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkText } from '../../server/src/analysis/check';
import { makeContext } from '../../server/src/analysis/context';
import { loadEmbeddedSample } from '../../server/src/fixture';
import { rangeProblem } from '../unit/hostile/ranges';
import { anyText, crlf, editedManifest, runs, seed as defaultSeed, yamlSoup } from './arbitraries';

const ctx = makeContext(loadEmbeddedSample());

export function checkHolds(text: string): void {
  const r = checkText(text, ctx, { fileName: 'fuzz.yaml' });
  const problem = rangeProblem(r.findings, text);
  if (problem) throw new Error(problem);
  for (const f of r.findings) {
    assert.match(f.code, /^[a-z]+\/[A-Za-z-]+$/, f.code);
    assert.ok(f.message.length > 0, `${f.code}: empty message`);
    assert.doesNotMatch(f.message, /\n\s+at .+:\d+:\d+/, `${f.code}: a stack trace in the message`);
    assert.doesNotMatch(f.message, /\bundefined\b|\[object Object\]/, `${f.code}: ${f.message}`);
  }
  for (let i = 1; i < r.findings.length; i++) {
    const a = r.findings[i - 1].range.start;
    const b = r.findings[i].range.start;
    assert.ok(a.line < b.line || (a.line === b.line && a.character <= b.character), 'findings are sorted');
  }
}

export const PROPERTIES: { name: string; arb: fc.Arbitrary<string>; quickRuns: number }[] = [
  { name: 'arbitrary Unicode text', arb: anyText, quickRuns: 150 },
  { name: 'YAML token soup', arb: yamlSoup, quickRuns: 150 },
  { name: 'real manifests after random edits', arb: editedManifest, quickRuns: 100 },
  { name: 'CRLF line endings', arb: crlf, quickRuns: 100 },
];

/** Runs one property; returns the number of inputs tried. */
export function runProperty(p: (typeof PROPERTIES)[number], seed = defaultSeed()): number {
  const numRuns = runs(p.quickRuns);
  fc.assert(fc.property(p.arb, (text) => checkHolds(text)), { numRuns, seed, endOnFailure: false });
  return numRuns;
}
