// `kube-spread check --format sarif` end to end (the built CLI): valid against the SARIF 2.1.0 schema
// (sarifSchema.ts) for standard input, file names that need percent-encoding, related locations;
// uris relative to the repository root (%SRCROOT%); fingerprints that survive moved lines; rule
// metadata for every rule. The renderer's details are in test/unit/sarif.test.ts.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SarifLog } from '../../server/src/analysis/render/sarif';
import { FINGERPRINT_NAME } from '../../server/src/analysis/render/sarif';
import { findRepositoryRoot } from '../../server/src/cli/repositoryRoot';
import { assertValidSarif } from './sarifSchema';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/kube-spread.js');
const MANIFESTS = join(ROOT, 'test/fixtures/manifests');
const SELECTOR_MISSING = readFileSync(join(MANIFESTS, 'selector-missing.yaml'), 'utf8');

interface JsonDiagnostic {
  file: string;
  code: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  related?: { message: string; range: JsonDiagnostic['range']; file?: string }[];
}

function check(args: string[], opts: { cwd?: string; input?: string; format?: string } = {}): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [BIN, 'check', ...args, '--format', opts.format ?? 'sarif'], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', input: opts.input ?? '' });
  assert.equal(r.stderr, '', r.stderr);
  return { status: r.status, stdout: r.stdout };
}

function sarif(args: string[], opts: { cwd?: string; input?: string } = {}): SarifLog {
  const log = JSON.parse(check(args, opts).stdout) as SarifLog;
  assertValidSarif(log);
  return log;
}

const LEVEL_ORDER = { error: 0, warning: 1, note: 2 };

describe('kube-spread check --format sarif (built CLI)', function () {
  this.timeout(120_000);
  let tmp: string;

  before(() => {
    const b = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    tmp = realpathSync(mkdtempSync(join(tmpdir(), 'kube-spread-sarif-')));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('standard input: uri "stdin" (no base), described as standard input', () => {
    const log = sarif(['-'], { input: SELECTOR_MISSING });
    const results = log.runs[0].results;
    assert.ok(results.length > 0);
    for (const r of results) {
      const loc = r.locations[0].physicalLocation.artifactLocation;
      assert.equal(loc.uri, 'stdin');
      assert.equal(loc.uriBaseId, undefined);
      assert.match(loc.description?.text ?? '', /^Standard input/);
      assert.deepEqual(loc.properties, { standardInput: true });
    }
  });

  it('file names with spaces, #, %, ? and non-ASCII: percent-encoded, relative to the repository root', () => {
    const repo = join(tmp, 'repo');
    const dir = join(repo, 'deploy dir');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(dir, { recursive: true });
    const names: [string, string][] = [
      ['my file.yaml', 'deploy%20dir/my%20file.yaml'],
      ['a#b.yaml', 'deploy%20dir/a%23b.yaml'],
      ['100%.yaml', 'deploy%20dir/100%25.yaml'],
      ['what?.yaml', 'deploy%20dir/what%3F.yaml'],
      ['zoné-日本.yaml', 'deploy%20dir/zon%C3%A9-%E6%97%A5%E6%9C%AC.yaml'],
    ];
    for (const [name] of names) writeFileSync(join(dir, name), SELECTOR_MISSING);
    // Run from the subdirectory: the root is still the directory holding .git.
    const log = sarif(names.map(([n]) => n), { cwd: dir });
    const run = log.runs[0];
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(repo).href}/`);
    const locations = new Set(run.results.map((r) => JSON.stringify(r.locations[0].physicalLocation.artifactLocation)));
    assert.deepEqual([...locations].sort(), names.map(([, uri]) => JSON.stringify({ uri, uriBaseId: '%SRCROOT%' })).sort());
    for (const [name, uri] of names) {
      // Decoding gives the file's path from the root back, as code scanning's upload does it.
      assert.equal(decodeURIComponent(uri), relative(repo, join(dir, name)));
      assert.ok(new URL(uri, run.originalUriBaseIds['%SRCROOT%'].uri).href.startsWith(pathToFileURL(repo).href));
    }
  });

  it('no .git above: the working directory is %SRCROOT%; a file outside it is an absolute file: URI', function () {
    const plain = join(tmp, 'plain');
    const outside = join(tmp, 'outside');
    mkdirSync(plain, { recursive: true });
    if (findRepositoryRoot(plain) !== plain) this.skip(); // the temporary directory is inside a repository
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(plain, 'in.yaml'), SELECTOR_MISSING);
    writeFileSync(join(outside, 'out #1.yaml'), SELECTOR_MISSING);
    const run = sarif(['in.yaml', '../outside/out #1.yaml'], { cwd: plain }).runs[0];
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(plain).href}/`);
    const locs = new Map(run.results.map((r) => [r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.artifactLocation]));
    assert.deepEqual(locs.get('in.yaml'), { uri: 'in.yaml', uriBaseId: '%SRCROOT%' });
    const out = `${pathToFileURL(outside).href}/out%20%231.yaml`;
    assert.deepEqual(locs.get(out), { uri: out });
  });

  it('related ranges are relatedLocations with their messages (same as the JSON related)', () => {
    const file = 'examples/pending-zone.yaml';
    const json = JSON.parse(check([file], { format: 'json' }).stdout) as { diagnostics: JsonDiagnostic[] };
    const log = sarif([file]);
    const withRelated = json.diagnostics.filter((d) => d.related?.length);
    assert.ok(withRelated.length > 0, 'pending-zone.yaml has a finding with related information');
    const results = log.runs[0].results;
    json.diagnostics.forEach((d, i) => {
      const got = results[i].relatedLocations ?? [];
      assert.deepEqual(got.map((l) => [l.id, l.message?.text, l.physicalLocation.artifactLocation.uri, l.physicalLocation.region]), (d.related ?? []).map((r, j) => [
        j + 1, r.message, file,
        { startLine: r.range.start.line + 1, startColumn: r.range.start.character + 1, endLine: r.range.end.line + 1, endColumn: r.range.end.character + 1 },
      ]));
    });
  });

  it('fingerprints stay the same when lines above move; every result has its own', () => {
    const repo = join(tmp, 'moves');
    mkdirSync(join(repo, '.git'), { recursive: true });
    const source = readFileSync(join(ROOT, 'examples/pending-zone.yaml'), 'utf8') + '---\n' + SELECTOR_MISSING;
    const run = (text: string) => {
      writeFileSync(join(repo, 'app.yaml'), text);
      return sarif(['app.yaml'], { cwd: repo }).runs[0].results.map((r) => ({ fp: r.partialFingerprints[FINGERPRINT_NAME], line: r.locations[0].physicalLocation.region.startLine, code: r.ruleId }));
    };
    const before = run(source);
    assert.ok(before.length >= 2);
    assert.equal(new Set(before.map((r) => r.fp)).size, before.length, 'fingerprints are unique in a run');
    // Three lines above everything, and a label added inside the first document (above its findings).
    const after = run(`# rendered by helm\n# chart web\n\n${source.replace('metadata:\n  name: checkout\n', 'metadata:\n  name: checkout\n  labels: {team: shop}\n')}`);
    assert.deepEqual(after.map((r) => [r.code, r.fp]), before.map((r) => [r.code, r.fp]));
    assert.ok(after.every((r, i) => r.line > before[i].line), 'the findings did move');
  });

  it('every rule: full description, help (text and markdown), default level, tags; no result above its rule\'s level', () => {
    // The manifests also against a real fixture, where spread/ findings are at their most severe.
    for (const args of [['test/fixtures/manifests'], ['examples'], ['test/fixtures/manifests', '--cluster', 'test/fixtures/manifests/clusters/lab.yaml']]) {
      const run = sarif(args).runs[0];
      assert.ok(run.tool.driver.rules.length > 0);
      for (const rule of run.tool.driver.rules) {
        assert.ok(rule.fullDescription.text && rule.fullDescription.markdown, rule.id);
        assert.ok(rule.help.text && rule.help.markdown, rule.id);
        assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
        assert.deepEqual(rule.properties.tags, ['kubernetes', rule.id.split('/')[0]]);
      }
      for (const r of run.results) {
        const rule = run.tool.driver.rules[r.ruleIndex];
        assert.ok(LEVEL_ORDER[r.level] >= LEVEL_ORDER[rule.defaultConfiguration.level], `${r.ruleId}: ${r.level} is above the rule's ${rule.defaultConfiguration.level}`);
      }
      assert.equal(run.columnKind, 'utf16CodeUnits');
      assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(ROOT).href}/`);
    }
  });
});
