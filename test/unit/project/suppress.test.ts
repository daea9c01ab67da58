// Suppression (analysis/project/suppress.ts through AnalysisSession.check, as the CLI and the editor
// call it): ignore comments on a line, above a line and at the top of a document; the
// kube-spread.dev/ignore annotation; the project file's disabled codes and severity overrides;
// lint/unused-suppression for ignores that suppress nothing.

import { strict as assert } from 'node:assert';
import { loadEmbeddedSample, openSession, type CheckedFile, type CheckOptions, type Finding } from '../../../server/src/analysis';

const session = openSession(loadEmbeddedSample());

/** A Deployment with one constraint lacking labelSelector (lint/selector-missing on the `- maxSkew` line). */
function deployment(opts: { head?: string; annotation?: string; onConstraint?: string; above?: string; name?: string } = {}): string {
  return `${opts.head ?? ''}apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${opts.name ?? 'web'}
${opts.annotation ? `  annotations:\n    kube-spread.dev/ignore: "${opts.annotation}"\n` : ''}spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      topologySpreadConstraints:
${opts.above ? `        ${opts.above}\n` : ''}        - maxSkew: 1${opts.onConstraint ? `   ${opts.onConstraint}` : ''}
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
      containers:
        - name: web
          image: nginx
`;
}

/** No constraints at all: lint/no-constraints (information) on a 3-replica Deployment. */
const UNSPREAD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: nginx
`;

function check(text: string, opts: CheckOptions = {}): CheckedFile {
  return session.check(session.parse(text, 'm.yaml'), { fileName: 'm.yaml', ...opts });
}

const codes = (fs: readonly Finding[]) => fs.map((f) => f.code);
const by = (r: CheckedFile) => r.suppressed.map((f) => `${f.code} ${f.suppressedBy}`);

describe('suppression: ignore comments', () => {
  it('without any directive nothing is suppressed (the baseline the other cases change)', () => {
    const r = check(deployment());
    assert.deepEqual(codes(r.findings), ['lint/selector-missing']);
    assert.deepEqual(r.suppressed, []);
  });

  it('a trailing comment suppresses the findings on its line, which are kept as suppressed', () => {
    const r = check(deployment({ onConstraint: '# kube-spread-ignore lint/selector-missing' }));
    assert.deepEqual(codes(r.findings), []);
    assert.deepEqual(by(r), ['lint/selector-missing comment']);
    assert.equal(r.suppressed[0].range.start.line, 13);
  });

  it('an own-line comment suppresses the findings of the next line, also from a stack of comment lines', () => {
    assert.deepEqual(codes(check(deployment({ above: '# kube-spread-ignore lint/selector-missing -- reviewed: placement only' })).findings), []);
    const stacked = check(deployment({ above: '# kube-spread-ignore lint/selector-missing\n        # another comment' }));
    assert.deepEqual(codes(stacked.findings), []);
    assert.deepEqual(by(stacked), ['lint/selector-missing comment']);
  });

  it('a group wildcard and comma lists work; text after -- is the reason, not codes', () => {
    for (const c of ['# kube-spread-ignore lint/*', '# kube-spread-ignore spread/pending,lint/selector-missing', '#kube-spread-ignore  lint/selector-missing -- not ours']) {
      const r = check(deployment({ onConstraint: c }));
      assert.deepEqual(codes(r.findings).filter((x) => x !== 'lint/unused-suppression'), [], c);
      assert.deepEqual(by(r), ['lint/selector-missing comment'], c);
    }
  });

  it('a comment on another line, or naming another code, suppresses nothing', () => {
    const elsewhere = check(deployment({ above: '# kube-spread-ignore lint/selector-missing\n' }));
    assert.deepEqual(codes(elsewhere.findings).sort(), ['lint/selector-missing', 'lint/unused-suppression']);
    const other = check(deployment({ onConstraint: '# kube-spread-ignore lint/no-constraints' }));
    assert.deepEqual(codes(other.findings), ['lint/selector-missing', 'lint/unused-suppression']);
  });

  it('an own-line comment before the first key covers its whole document, and only it', () => {
    const text = `# kube-spread-ignore lint/selector-missing\n${deployment()}---\n${deployment({ name: 'two' })}`;
    const r = check(text);
    assert.deepEqual(r.findings.map((f) => `${f.code} ${f.document}`), ['lint/selector-missing 1']);
    assert.deepEqual(r.suppressed.map((f) => `${f.code} ${f.document}`), ['lint/selector-missing 0']);
    // The second document's head: after its ---, or after the first document's content.
    for (const head of ['---\n# kube-spread-ignore lint/*\n', '# kube-spread-ignore lint/*\n---\n']) {
      const second = check(`${deployment()}${head}${deployment({ name: 'two' })}`);
      assert.deepEqual(second.findings.map((f) => `${f.code} ${f.document}`), ['lint/selector-missing 0'], head);
    }
  });

  it('CRLF line ends change nothing', () => {
    const r = check(deployment({ above: '# kube-spread-ignore lint/selector-missing' }).replace(/\n/g, '\r\n'));
    assert.deepEqual(codes(r.findings), []);
    assert.deepEqual(by(r), ['lint/selector-missing comment']);
    const stale = check(deployment({ onConstraint: '# kube-spread-ignore lint/no-constraints' }).replace(/\n/g, '\r\n'));
    assert.deepEqual(stale.findings.filter((f) => f.code === 'lint/unused-suppression').map((f) => f.range), [
      { start: { line: 13, character: 44 }, end: { line: 13, character: 63 } },
    ]);
  });

  it('a directive inside a string or a block scalar is text, not a comment', () => {
    const text = UNSPREAD.replace('  name: api\n', '  name: api\n  annotations:\n    note: |\n      # kube-spread-ignore lint/no-constraints\n    other: "# kube-spread-ignore lint/no-constraints"\n');
    assert.deepEqual(codes(check(text).findings), ['lint/no-constraints']);
  });
});

describe('suppression: the kube-spread.dev/ignore annotation', () => {
  it("suppresses that object's findings, in a multi-document file only its own", () => {
    const r = check(`${deployment({ annotation: 'lint/selector-missing' })}---\n${deployment({ name: 'two' })}`);
    assert.deepEqual(r.findings.map((f) => `${f.code} ${f.document}`), ['lint/selector-missing 1']);
    assert.deepEqual(by(r), ['lint/selector-missing annotation']);
  });

  it('takes a list with group wildcards', () => {
    const r = check(deployment({ annotation: 'spread/*, lint/*' }));
    assert.deepEqual(by(r), ['lint/selector-missing annotation']);
    // spread/* matched nothing: said on that code of the annotation's value.
    assert.deepEqual(r.findings.map((f) => [f.code, f.range.start.line, f.range.start.character]), [['lint/unused-suppression', 5, 29]]);
  });
});

describe('suppression: lint/unused-suppression', () => {
  it('names an unknown code (with the nearest one) and a directive without codes', () => {
    const r = check(deployment({ onConstraint: '# kube-spread-ignore lint/selectr-missing', head: '# kube-spread-ignore\n' }));
    const hints = r.findings.filter((f) => f.code === 'lint/unused-suppression');
    assert.equal(hints.length, 2);
    assert.ok(hints.every((f) => f.severity === 'hint'));
    assert.match(hints[0].message, /names no finding code/);
    assert.match(hints[1].message, /did you mean lint\/selector-missing\?/);
    assert.deepEqual(hints[1].range, { start: { line: 14, character: 44 }, end: { line: 14, character: 64 } });
  });

  it('rejects a bare * (it would hide every error)', () => {
    const r = check(deployment({ onConstraint: '# kube-spread-ignore *' }));
    assert.deepEqual(codes(r.findings), ['lint/selector-missing', 'lint/unused-suppression']);
    assert.match(r.findings[1].message, /"\*" is not accepted/);
  });

  it('is not reported for a group the check did not run (the editor can turn groups off)', () => {
    const r = check(deployment({ onConstraint: '# kube-spread-ignore spread/pending' }), { groups: { spread: false } });
    assert.deepEqual(codes(r.findings), ['lint/selector-missing']);
  });
});

describe('suppression: the project file rules', () => {
  it('disabled codes (exact or group) are suppressed by "project"; comments are credited first', () => {
    assert.deepEqual(by(check(UNSPREAD, { project: { disable: ['lint/no-constraints'], severity: {} } })), ['lint/no-constraints project']);
    assert.deepEqual(by(check(UNSPREAD, { project: { disable: ['lint/*'], severity: {} } })), ['lint/no-constraints project']);
    const both = check(deployment({ onConstraint: '# kube-spread-ignore lint/selector-missing' }), { project: { disable: ['lint/*'], severity: {} } });
    assert.deepEqual(by(both), ['lint/selector-missing comment']);
    assert.deepEqual(codes(both.findings), []);
  });

  it('severity overrides: an exact code wins over its group; the shared findings are not modified', () => {
    const exact = check(UNSPREAD, { project: { disable: [], severity: { 'lint/*': 'hint', 'lint/no-constraints': 'error' } } });
    assert.deepEqual(exact.findings.map((f) => `${f.code} ${f.severity}`), ['lint/no-constraints error']);
    const group = check(UNSPREAD, { project: { disable: [], severity: { 'lint/*': 'warning' } } });
    assert.deepEqual(group.findings.map((f) => `${f.code} ${f.severity}`), ['lint/no-constraints warning']);
    // The check's memo hands out the same finding objects again: the override was a copy.
    assert.deepEqual(check(UNSPREAD).findings.map((f) => `${f.code} ${f.severity}`), ['lint/no-constraints information']);
  });

  it('suppressed findings carry the overridden severity; the unused hint obeys disable and severity', () => {
    const r = check(deployment({ onConstraint: '# kube-spread-ignore lint/selector-missing' }), { project: { disable: [], severity: { 'lint/selector-missing': 'warning' } } });
    assert.deepEqual(r.suppressed.map((f) => f.severity), ['warning']);
    const stale = deployment({ onConstraint: '# kube-spread-ignore lint/selector-missing', above: '# kube-spread-ignore lint/no-constraints\n' });
    assert.deepEqual(check(stale, { project: { disable: [], severity: { 'lint/unused-suppression': 'warning' } } }).findings.map((f) => f.severity), ['warning']);
    const quiet = check(stale, { project: { disable: ['lint/unused-suppression'], severity: {} } });
    assert.deepEqual(codes(quiet.findings), []);
    assert.deepEqual(by(quiet), ['lint/unused-suppression project', 'lint/selector-missing comment']);
  });
});
