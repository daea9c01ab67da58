// check's `spreadFor` (the editor's first analysis on a big cluster, published part by part): the
// documents in the set get exactly the findings of a full check, the others exactly those of a check with
// the spread group off, and a full check after the parts (answered from their memos) equals a full check
// of a session that never saw them. On a file whose workloads form a release, too.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CheckedFile, loadEmbeddedSample, openSession } from '../../../server/src/analysis';

const EXAMPLES = join(__dirname, '../../../examples');

/** Four workloads, one of them left Pending by its hard zone constraint (minDomains 4 on 3 zones), each with a schema mistake. */
const FOUR = [0, 1, 2, 3].map((i) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}}
spec:
  replicas: ${3 + i}
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, ${i === 2 ? 'minDomains: 4, ' : ''}topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: app-${i}}}}
      containers: [{name: c, image: nginx, imagePullPolicy: Sometimes}]
`).join('---\n');

/** A document's findings as the outputs show them. */
function findingsOf(r: CheckedFile, doc: number): string[] {
  return r.findings.filter((f) => f.document === doc).map((f) => JSON.stringify(f));
}

function simulated(r: CheckedFile): number[] {
  return r.documents.filter((d) => d.simulation).map((d) => d.document);
}

for (const [label, text] of [['four workloads, each on its own', FOUR], ['a release (examples/release-cache-api.yaml)', readFileSync(join(EXAMPLES, 'release-cache-api.yaml'), 'utf8')]] as const) {
  describe(`check spreadFor: ${label}`, () => {
    const fileName = `spread-for-${label.length}.yaml`;
    const docs = text.split(/^---$/m).length;

    it('documents in the set get the full check\'s findings, the others the findings without spread/', () => {
      // Sessions of their own (a fresh fixture object each): no memo of the other checks answers.
      const reference = openSession(loadEmbeddedSample());
      const full = reference.check(reference.parse(text, fileName), { fileName });
      const noSpread = reference.check(reference.parse(text, fileName), { fileName, groups: { spread: false } });
      assert.ok(simulated(full).length >= 2, 'the full check simulates the workloads');
      for (let k = 0; k < docs; k++) {
        const session = openSession(loadEmbeddedSample());
        const part = session.check(session.parse(text, fileName), { fileName, spreadFor: new Set([k]) });
        assert.deepEqual(simulated(part), simulated(full).filter((d) => d === k), `simulated with spreadFor {${k}}`);
        for (let d = 0; d < docs; d++) {
          assert.deepEqual(findingsOf(part, d), findingsOf(d === k ? full : noSpread, d), `document ${d} with spreadFor {${k}}`);
        }
      }
    });

    it('after the parts, a full check equals one of a session that saw none of them', () => {
      const session = openSession(loadEmbeddedSample());
      session.check(session.parse(text, fileName), { fileName, groups: { spread: false } });
      const parts = [...Array(docs).keys()].reverse(); // the last document first
      for (let i = 1; i <= parts.length; i++) session.check(session.parse(text, fileName), { fileName, spreadFor: new Set(parts.slice(0, i)) });
      const after = session.check(session.parse(text, fileName), { fileName });
      const fresh = openSession(loadEmbeddedSample());
      const reference = fresh.check(fresh.parse(text, fileName), { fileName });
      assert.deepEqual(after.findings.map((f) => JSON.stringify(f)), reference.findings.map((f) => JSON.stringify(f)));
      assert.deepEqual(JSON.parse(JSON.stringify(after.documents)), JSON.parse(JSON.stringify(reference.documents)));
    });
  });
}

describe('check spreadFor: memo', () => {
  it('documents left out reuse what the check without spread/ memoized (the same finding objects)', () => {
    const session = openSession(loadEmbeddedSample());
    const noSpread = session.check(session.parse(FOUR, 'spread-for-memo.yaml'), { fileName: 'spread-for-memo.yaml', groups: { spread: false } });
    const part = session.check(session.parse(FOUR, 'spread-for-memo.yaml'), { fileName: 'spread-for-memo.yaml', spreadFor: new Set([0]) });
    let others = 0;
    for (const f of part.findings.filter((x) => x.document !== 0 && x.document !== undefined)) {
      assert.ok(noSpread.findings.includes(f), `document ${f.document}: ${f.code} was computed again`);
      others++;
    }
    assert.ok(others > 0, 'the other documents have findings');
  });
});

describe('check spreadFor: ignore comments', () => {
  // Document 2's replicas are Pending (minDomains 4 on 3 zones); a comment heading it suppresses that.
  const heading = (name: string) => FOUR.replace(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}`, `# kube-spread-ignore spread/pending\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}`);
  const text = heading('app-2');
  const unused = (r: CheckedFile) => r.findings.filter((f) => f.code === 'lint/unused-suppression');

  it('a spread/ directive in a document spread/ did not run for is not reported unused', () => {
    const session = openSession(loadEmbeddedSample());
    const part = session.check(session.parse(text, 'ignore.yaml'), { fileName: 'ignore.yaml', spreadFor: new Set([0]) });
    assert.deepEqual(unused(part), []);
    const full = session.check(session.parse(text, 'ignore.yaml'), { fileName: 'ignore.yaml' });
    assert.deepEqual(unused(full), []);
    assert.ok(full.suppressed.some((f) => f.code === 'spread/pending' && f.document === 2), 'the full check suppresses the pending replicas');
  });

  it('in a document spread/ ran for, an unused spread/ directive is reported', () => {
    const session = openSession(loadEmbeddedSample());
    const stale = heading('app-0'); // app-0 fits: nothing to suppress
    const part = session.check(session.parse(stale, 'stale.yaml'), { fileName: 'stale.yaml', spreadFor: new Set([0]) });
    assert.equal(unused(part).length, 1);
    assert.equal(unused(part)[0].document, 0);
  });
});
