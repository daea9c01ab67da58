// The hostile table (cases.ts) through the built CLI, `kube-spread check FILE`: every case ends with
// exit code 0 or 1 as the table says, JSON on stdout, no stack trace. Plus hostile invocations: a
// directory of them, standard input, broken / huge / missing / directory fixtures (exit 2, one line).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { assertValidSarif } from '../../cli/sarifSchema';
import { FULL, HOSTILE, type HostileCase } from './cases';

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'bin/kube-spread.js');

interface Run { code: number | null; stdout: string; stderr: string; ms: number }

function run(args: string[], input?: string | Buffer): Promise<Run> {
  const t0 = Date.now();
  return new Promise((res) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024, timeout: 300000 }, (err, stdout, stderr) => {
      res({ code: child.exitCode ?? (err ? -1 : 0), stdout, stderr, ms: Date.now() - t0 });
    });
    if (input !== undefined) child.stdin!.end(input);
    else child.stdin!.end();
  });
}

/** No JavaScript stack and no "internal error" in what the user sees. */
function assertNoCrash(r: Run, what: string): void {
  assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+\)?/, `${what}: stack trace on stderr:\n${r.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(r.stderr, /internal error|Error:/, `${what}: ${r.stderr.slice(0, 500)}`);
  assert.ok(r.code === 0 || r.code === 1 || r.code === 2, `${what}: exit code ${r.code}`);
}

describe('hostile input through `kube-spread check` (built CLI)', function () {
  this.timeout(600000);
  let dir: string;
  const files = new Map<string, string>();

  before(() => {
    // dist/cli.js as scripts/build.mjs makes it, built alone so a half-edited server.ts elsewhere cannot stop it.
    buildSync({ entryPoints: [join(ROOT, 'server/src/cli/main.ts')], outfile: join(ROOT, 'dist/cli.js'), bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'linked', logLevel: 'warning' });
    dir = mkdtempSync(join(tmpdir(), 'kube-spread-hostile-'));
    HOSTILE.forEach((c, i) => {
      const f = join(dir, 'cases', `case-${String(i).padStart(2, '0')}.yaml`);
      mkdirSync(join(dir, 'cases'), { recursive: true });
      writeFileSync(f, c.input());
      files.set(c.name, f);
    });
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('the table in one run: per file, errors exactly where the table expects them, the expected codes', async () => {
    const cases = HOSTILE.filter((c) => FULL || !c.slow);
    const r = await run(['check', ...cases.map((c) => files.get(c.name)!), '--format', 'json']);
    assertNoCrash(r, 'check');
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { files: number; diagnostics: { file: string; code: string; severity: string }[] };
    assert.equal(out.files, cases.length);
    for (const c of cases) {
      const mine = out.diagnostics.filter((d) => resolve(ROOT, d.file) === files.get(c.name));
      const codes = new Set(mine.map((d) => d.code));
      for (const want of c.codes) assert.ok(codes.has(want), `${c.name}: missing ${want}`);
      assert.equal(mine.some((d) => d.severity === 'error') ? 1 : 0, c.exit, `${c.name}: ${[...codes].join(', ')}`);
    }
  });

  (FULL ? it : it.skip)('every case in its own process: the table\'s exit code, no stack trace (npm run fuzz)', async () => {
    const results: { c: HostileCase; r: Run }[] = [];
    const queue = [...HOSTILE];
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) results.push({ c, r: await run(['check', files.get(c.name)!, '--format', 'json']) });
    };
    await Promise.all([worker(), worker()]);
    for (const { c, r } of results) {
      assertNoCrash(r, c.name);
      assert.equal(r.code, c.exit, `${c.name}: exit ${r.code}, stderr: ${r.stderr.slice(0, 300)}`);
    }
  });

  (FULL ? it : it.skip)('the whole table as one directory, in text and SARIF (npm run fuzz)', async () => {
    for (const format of ['text', 'sarif']) {
      const r = await run(['check', join(dir, 'cases'), '--format', format]);
      assertNoCrash(r, format);
      assert.equal(r.code, 1, r.stderr);
      if (format === 'sarif') assertValidSarif(JSON.parse(r.stdout));
    }
  });

  it('standard input: binary bytes, and nothing at all', async () => {
    const bin = HOSTILE.find((c) => c.name.startsWith('binary'))!.input();
    for (const input of [bin, '']) {
      const r = await run(['check', '-'], input);
      assertNoCrash(r, 'stdin');
      // Nothing at all is a usage error (exit 2, one line) unless --allow-empty: CI must not pass on nothing.
      assert.equal(r.code, input === '' ? 2 : 0, r.stderr);
    }
  });

  for (const [name, args, slow] of [
    ['a missing file', () => ['check', join(dir, 'nope.yaml')]],
    ['a fixture that is a directory of hostile files', () => ['check', files.get('duplicate keys')!, '--cluster', join(dir, 'cases')], true],
    ['a fixture that is an alias bomb', () => ['check', files.get('duplicate keys')!, '--cluster', files.get('alias bomb (billion laughs, 10 levels of 10)')!]],
    ['a fixture that is 20 MB of YAML', () => ['check', files.get('duplicate keys')!, '--cluster', files.get('20 MB file')!], true],
    ['a fixture that is binary', () => ['check', files.get('duplicate keys')!, '--cluster', files.get('binary data (100 KB of bytes)')!]],
    ['a fixture nested 10,000 levels deep', () => ['check', files.get('duplicate keys')!, '--cluster', files.get('nesting: 10,000 flow sequences')!]],
    ['a missing fixture', () => ['check', files.get('duplicate keys')!, '--cluster', join(dir, 'missing.yaml')]],
    ['explain on a file with no workload', () => ['explain', files.get('binary data (100 KB of bytes)')!]],
    ['simulate with --replicas 1000000000', () => ['simulate', files.get('replicas: 100000000')!, '--replicas', '1000000000', '--format', 'json']],
  ] as [string, () => string[], boolean?][]) {
    (slow && !FULL ? it.skip : it)(`${name}: a one-line message or a result, never a crash`, async () => {
      const r = await run(args());
      assertNoCrash(r, name);
      if (r.code === 2) assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    });
  }
});
