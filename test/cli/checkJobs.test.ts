// `kube-spread check --jobs N` (the built CLI): files checked on several threads give the one-thread
// output byte for byte, in every format, with the same exit code. The scheduling itself (order, a
// worker that dies) is tested in test/unit/cli/checkThreads.test.ts.

import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/kube-spread.js');

function run(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', input: '' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('kube-spread check --jobs (built CLI)', function () {
  this.timeout(180_000);
  let dir: string;

  before(() => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
    // Every rule manifest and every example, three times over in sub-folders: ~150 files with
    // findings of every layer, clean files and clusters.
    dir = mkdtempSync(join(tmpdir(), 'kube-spread-jobs-'));
    const sources = [join(ROOT, 'test/fixtures/manifests'), join(ROOT, 'examples')]
      .flatMap((d) => readdirSync(d).map((f) => join(d, f)))
      .filter((f) => statSync(f).isFile() && /\.ya?ml$/.test(f));
    for (const copy of ['a', 'b', 'c']) {
      mkdirSync(join(dir, copy));
      sources.forEach((f, i) => copyFileSync(f, join(dir, copy, `${String(i).padStart(3, '0')}-${f.split('/').pop()}`)));
    }
    writeFileSync(join(dir, 'a', 'empty.yaml'), '');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const format of ['text', 'json', 'sarif']) {
    it(`--format ${format}: three threads give the one-thread output and exit code`, () => {
      const one = run(dir, 'check', '--format', format, '.');
      const three = run(dir, 'check', '--format', format, '--jobs', '3', '.');
      assert.ok(one.stdout.length > 1000, one.stderr);
      assert.equal(three.stdout, one.stdout);
      assert.equal(three.stderr, one.stderr, 'warnings are printed once, by the main thread');
      assert.equal(three.status, one.status);
      assert.equal(one.status, 1, 'the rule manifests have errors');
    });
  }

  it('--fail-on and --at-max reach the workers', () => {
    const args = ['check', '--format', 'json', '--fail-on', 'hint', '--at-max', '.'];
    const one = run(dir, ...args);
    const two = run(dir, ...args, '--jobs', '2');
    assert.equal(two.stdout, one.stdout);
    assert.equal(two.status, one.status);
  });

  it('--jobs must be a whole number of at least 1', () => {
    const r = run(dir, 'check', '--jobs', '0', '.');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--jobs must be an integer >= 1/);
  });
});
