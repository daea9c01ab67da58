// The SARIF renderer (server/src/analysis/render/sarif*.ts) on synthetic findings: URI references
// for every kind of file name, related locations in other files, fingerprints, and rule metadata
// for every documented code. The built CLI's SARIF is tested in test/cli/sarif.test.ts.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding } from '../../server/src/base/finding';
import { codeDoc } from '../../server/src/analysis/render/codeDocs';
import { codeGroup, describeCode, highestSeverity, knownCodes } from '../../server/src/analysis/render/codes';
import { FINGERPRINT_NAME, toSarif } from '../../server/src/analysis/render/sarif';
import type { SarifRegion } from '../../server/src/analysis/render/sarifTypes';
import { sarifRule } from '../../server/src/analysis/render/sarifRules';
import { artifactLocation, encodeSegment, fileUri } from '../../server/src/analysis/render/sarifUri';
import { CODES_MD, CODE_DOCS_JSON, codeDocsJson } from '../../scripts/gen-code-docs';
import { assertValidSarif, sarifSchemaErrors } from '../cli/sarifSchema';

// POSIX paths, as on every machine the tests run on.
const ROOT = '/home/me/repo';
const BASE = { workingDirectory: `${ROOT}/deploy`, repositoryRoot: ROOT };

/** RFC 3986 path characters: unreserved, sub-delims, ':' '@', '/' and %XX escapes. */
const URI_PATH = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*$/;

function finding(over: Partial<Finding> = {}): Finding {
  return {
    code: 'lint/selector-missing', severity: 'error', message: 'labelSelector is missing',
    range: { start: { line: 4, character: 6 }, end: { line: 4, character: 20 } }, document: 0,
    path: 'spec.template.spec.topologySpreadConstraints[0]', ...over,
  };
}

describe('SARIF renderer', () => {
  describe('artifact locations', () => {
    const cases: [string, string][] = [
      ['web.yaml', 'deploy/web.yaml'],
      ['my file.yaml', 'deploy/my%20file.yaml'],
      ['a#b.yaml', 'deploy/a%23b.yaml'],
      ['100%.yaml', 'deploy/100%25.yaml'],
      ['q?.yaml', 'deploy/q%3F.yaml'],
      ['zoné/日本.yaml', 'deploy/zon%C3%A9/%E6%97%A5%E6%9C%AC.yaml'],
      ['[x] a+b:c@d.yaml', 'deploy/%5Bx%5D%20a%2Bb%3Ac%40d.yaml'],
      ['../charts/web.yaml', 'charts/web.yaml'],
      [`${ROOT}/abs.yaml`, 'abs.yaml'],
    ];
    for (const [name, uri] of cases) {
      it(`${JSON.stringify(name)} -> %SRCROOT% ${uri}`, () => {
        const loc = artifactLocation(name, BASE);
        assert.deepEqual(loc, { uri, uriBaseId: '%SRCROOT%' });
        assert.match(loc.uri, URI_PATH);
        assert.equal(loc.uri.split('/').map(decodeURIComponent).join('/'), resolve(BASE.workingDirectory, name).slice(ROOT.length + 1));
      });
    }

    it('a file outside the repository root: an absolute file: URI, no base', () => {
      assert.deepEqual(artifactLocation('../../other/x y.yaml', BASE), { uri: 'file:///home/me/other/x%20y.yaml' });
      assert.deepEqual(artifactLocation('/tmp/#1.yaml', BASE), { uri: 'file:///tmp/%231.yaml' });
      // A name that only starts with two dots is inside.
      assert.deepEqual(artifactLocation(`${ROOT}/..web.yaml`, BASE), { uri: '..web.yaml', uriBaseId: '%SRCROOT%' });
    });

    it('standard input: the relative reference "stdin", described, no base', () => {
      const loc = artifactLocation('<stdin>', BASE);
      assert.equal(loc.uri, 'stdin');
      assert.equal(loc.uriBaseId, undefined);
      assert.match(loc.description?.text ?? '', /^Standard input/);
      assert.deepEqual(loc.properties, { standardInput: true });
    });

    it('segments: lone surrogates become U+FFFD instead of throwing; file URIs of the root', () => {
      assert.equal(encodeSegment('a\uD800b'), 'a%EF%BF%BDb');
      assert.equal(fileUri('/'), 'file:///');
      assert.equal(fileUri('/a b/c'), 'file:///a%20b/c');
    });
  });

  describe('the log', () => {
    it('is valid SARIF with columnKind, %SRCROOT% and one rule per code used', () => {
      const log = toSarif([
        { file: 'web.yaml', findings: [finding(), finding({ code: 'yaml/syntax', severity: 'error', path: undefined })] },
        { file: 'my file #2.yaml', findings: [finding({ severity: 'warning', code: 'lint/topology-key-typo' })] },
        { file: '<stdin>', findings: [finding({ severity: 'hint', code: 'lint/selector-negative' })] },
      ], '9.9.9', BASE);
      assertValidSarif(log);
      const run = log.runs[0];
      assert.equal(run.columnKind, 'utf16CodeUnits');
      assert.deepEqual(run.originalUriBaseIds['%SRCROOT%'].uri, 'file:///home/me/repo/');
      assert.deepEqual(run.tool.driver.rules.map((r) => r.id), ['lint/selector-missing', 'lint/selector-negative', 'lint/topology-key-typo', 'yaml/syntax']);
      assert.deepEqual(run.results.map((r) => [r.ruleId, run.tool.driver.rules[r.ruleIndex].id, r.level]), [
        ['lint/selector-missing', 'lint/selector-missing', 'error'],
        ['yaml/syntax', 'yaml/syntax', 'error'],
        ['lint/topology-key-typo', 'lint/topology-key-typo', 'warning'],
        ['lint/selector-negative', 'lint/selector-negative', 'note'],
      ]);
      assert.deepEqual(run.results[0].locations[0].physicalLocation.region, { startLine: 5, startColumn: 7, endLine: 5, endColumn: 21 });
      assert.deepEqual(run.results[2].locations[0].physicalLocation.artifactLocation, { uri: 'deploy/my%20file%20%232.yaml', uriBaseId: '%SRCROOT%' });
      assert.equal(run.results[3].locations[0].physicalLocation.artifactLocation.uri, 'stdin');
    });

    it('related ranges become relatedLocations; one in another file keeps that file', () => {
      const f = finding({
        code: 'spread/pending', related: [
          { message: 'zone=a: 2 matching pod(s)', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } } },
          { message: 'node of the fixture', range: { start: { line: 9, character: 2 }, end: { line: 9, character: 8 } }, file: '../fixtures/prod cluster.yaml' },
          { message: 'fixture on stdin', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, file: '<stdin>' },
        ],
      });
      const log = toSarif([{ file: 'web.yaml', findings: [f] }], '1.0.0', BASE);
      assertValidSarif(log);
      assert.deepEqual(log.runs[0].results[0].relatedLocations, [
        { id: 1, message: { text: 'zone=a: 2 matching pod(s)' }, physicalLocation: { artifactLocation: { uri: 'deploy/web.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 6 } } },
        { id: 2, message: { text: 'node of the fixture' }, physicalLocation: { artifactLocation: { uri: 'fixtures/prod%20cluster.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 10, startColumn: 3, endLine: 10, endColumn: 9 } } },
        { id: 3, message: { text: 'fixture on stdin' }, physicalLocation: { artifactLocation: artifactLocation('<stdin>', BASE), region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } } },
      ]);
    });

    it('fingerprints: the same when the finding moves, different per code, file, document, path; numbered when equal', () => {
      const fp = (files: { file: string; findings: Finding[] }[]) => toSarif(files, '1', BASE).runs[0].results.map((r) => r.partialFingerprints[FINGERPRINT_NAME]);
      const moved = { start: { line: 40, character: 2 }, end: { line: 40, character: 9 } };
      const [a] = fp([{ file: 'web.yaml', findings: [finding()] }]);
      assert.match(a, /^[0-9a-f]{32}:1$/);
      assert.deepEqual(fp([{ file: 'web.yaml', findings: [finding({ range: moved, message: 'other words' })] }]), [a]);
      for (const other of [
        fp([{ file: 'web.yaml', findings: [finding({ code: 'lint/selector-empty' })] }]),
        fp([{ file: 'api.yaml', findings: [finding()] }]),
        fp([{ file: 'web.yaml', findings: [finding({ document: 1 })] }]),
        fp([{ file: 'web.yaml', findings: [finding({ path: 'spec.template.spec.topologySpreadConstraints[1]' })] }]),
      ]) assert.notEqual(other[0], a);
      const twice = fp([{ file: 'web.yaml', findings: [finding(), finding({ range: moved })] }]);
      assert.deepEqual(twice, [a, a.replace(/:1$/, ':2')]);
    });
  });

  describe('the schema helper (test/cli/sarifSchema.ts)', () => {
    const log = () => toSarif([{ file: 'web.yaml', findings: [finding()] }], '1', BASE);

    it('rejects what kube-spread used to write: the uri "<stdin>", unencoded names', () => {
      for (const uri of ['<stdin>', 'my file.yaml', 'a#b#c.yaml', '100%.yaml']) {
        const bad = log();
        bad.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = uri;
        assert.ok(sarifSchemaErrors(bad).some((e) => /must match format "uri-reference"/.test(e)), uri);
      }
    });

    it('checks the draft-04 edition\'s own rules (a region without startLine), with the same validator', () => {
      const bad = log();
      const region: Partial<SarifRegion> = bad.runs[0].results[0].locations[0].physicalLocation.region;
      delete region.startLine;
      assert.deepEqual([...new Set(sarifSchemaErrors(bad).map((e) => e.split(':')[0]))], ['sarif-schema-2.1.0.json']);
    });
  });

  describe('rules', () => {
    it('codeDocs.json is generated from docs/codes.md and up to date (npx tsx scripts/gen-code-docs.ts)', () => {
      assert.equal(readFileSync(CODE_DOCS_JSON, 'utf8'), codeDocsJson(readFileSync(CODES_MD, 'utf8')));
    });

    for (const code of knownCodes()) {
      it(`${code}: full description, help with the example, level, tags`, () => {
        const rule = sarifRule(code);
        const doc = codeDoc(code);
        assert.ok(doc, `${code} has a section in docs/codes.md`);
        assert.equal(rule.shortDescription.text, describeCode(code));
        assert.ok(rule.fullDescription.text.length >= rule.shortDescription.text.length);
        assert.equal(rule.fullDescription.markdown, doc.description);
        assert.ok(doc.example, `${code} has an example in docs/codes.md`);
        assert.ok(rule.help.markdown?.includes(`\`\`\`yaml\n${doc.example}\n\`\`\``), 'help markdown shows the example');
        assert.ok(rule.help.text.includes(doc.example.split('\n')[0]), 'help text shows the example');
        assert.ok(rule.help.text.includes(`docs/codes.md (section ${code})`));
        assert.doesNotMatch(rule.help.text, /`/, 'help text has no markdown code spans');
        assert.equal(rule.defaultConfiguration.level, { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[highestSeverity(code)]);
        assert.deepEqual(rule.properties.tags, ['kubernetes', codeGroup(code)]);
        assert.ok(['yaml', 'schema', 'api', 'lint', 'spread'].includes(codeGroup(code)));
      });
    }

    it('a code docs/codes.md does not document still gets every field', () => {
      const rule = sarifRule('lint/not-a-code-yet');
      assert.equal(rule.fullDescription.text, 'A likely mistake the API server accepts.');
      assert.match(rule.help.text, /docs\/codes\.md/);
      assert.equal(rule.defaultConfiguration.level, 'warning');
      assert.deepEqual(rule.properties.tags, ['kubernetes', 'lint']);
    });

    it('no informationUri or helpUri: kube-spread has no public documentation URL to point to', () => {
      const log = toSarif([{ file: 'web.yaml', findings: [finding()] }], '1', BASE);
      assert.equal(JSON.stringify(log).includes('informationUri'), false);
      assert.equal(JSON.stringify(log).includes('helpUri'), false);
    });
  });
});
