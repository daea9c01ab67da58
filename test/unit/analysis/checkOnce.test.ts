// A one-shot check (`kube-spread check`: AnalysisSession.parseOnce, check's `once`) gives the
// editor's findings and simulations, and keeps nothing for a later check of the same text: a memoized
// check hands back the very objects of the first one, a one-shot check builds them again.

import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadEmbeddedSample, openSession } from '../../../server/src/analysis';

const EXAMPLES = join(__dirname, '../../../examples');
const session = openSession(loadEmbeddedSample());

const TWO_DOCUMENTS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
      containers: [{name: web, image: nginx}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
`;

/** What the outputs show of a check: findings and each document's simulation. */
function view(r: ReturnType<typeof session.check>): unknown {
  return JSON.parse(JSON.stringify({ findings: r.findings, suppressed: r.suppressed, documents: r.documents }));
}

describe('check once (kube-spread check)', () => {
  it('parseOnce and check once give what parse and check give, on every example', () => {
    const files = readdirSync(EXAMPLES).filter((f) => /\.ya?ml$/.test(f));
    assert.ok(files.length > 10, 'the examples folder holds the manifests');
    for (const f of files) {
      const text = readFileSync(join(EXAMPLES, f), 'utf8');
      const once = session.check(session.parseOnce(text, f), { fileName: f, once: true });
      const memoized = session.check(session.parse(text, f), { fileName: f });
      assert.deepEqual(view(once), view(memoized), f);
    }
  });

  it('a memoized check of the same text hands back the first simulation; a check once builds a new one', () => {
    const fileName = 'once-memo.yaml';
    const first = session.check(session.parse(TWO_DOCUMENTS, fileName), { fileName });
    const again = session.check(session.parse(TWO_DOCUMENTS, fileName), { fileName });
    assert.ok(first.documents[0].simulation, 'the Deployment is simulated');
    assert.equal(again.documents[0].simulation, first.documents[0].simulation);

    const once1 = session.check(session.parseOnce(TWO_DOCUMENTS, 'once-only.yaml'), { fileName: 'once-only.yaml', once: true });
    const once2 = session.check(session.parseOnce(TWO_DOCUMENTS, 'once-only.yaml'), { fileName: 'once-only.yaml', once: true });
    assert.ok(once1.documents[0].simulation);
    assert.notEqual(once2.documents[0].simulation, once1.documents[0].simulation);
    assert.deepEqual(view(once2), view(once1));
    // Nothing a check once did was kept: the next ordinary check of that file computes it afresh.
    const after = session.check(session.parse(TWO_DOCUMENTS, 'once-only.yaml'), { fileName: 'once-only.yaml' });
    assert.notEqual(after.documents[0].simulation, once2.documents[0].simulation);
  });

  it('parseOnce goes past the document cache: its documents are its own, not the cached ones', () => {
    const cached1 = session.parse(TWO_DOCUMENTS, 'cache-a.yaml');
    const cached2 = session.parse(TWO_DOCUMENTS, 'cache-b.yaml'); // another file name: not the last-parse memo
    assert.notEqual(cached2, cached1);
    assert.equal(cached2.documents[1].yaml, cached1.documents[1].yaml, 'split parsing reuses the cached documents');
    const once = session.parseOnce(TWO_DOCUMENTS, 'cache-a.yaml');
    assert.notEqual(once.documents[0].yaml, cached1.documents[0].yaml);
    assert.notEqual(once.documents[1].yaml, cached1.documents[1].yaml);
    assert.deepEqual(once.documents.map((d) => d.value), cached1.documents.map((d) => d.value));
  });
});
