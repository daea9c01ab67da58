// The launcher's V8 code cache (bin/code-cache.js, used where Node has no module.enableCompileCache):
// the same output with and without it, written once per bundle build into the user's cache folder,
// a broken cache file ignored and replaced, a folder others can write to never used, at most 4 kept.

import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodeModule from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/kube-spread.js');
const FILE = 'examples/web.yaml';
const nodeHasCompileCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

function check(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', FILE], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const caches = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));

describe('CLI launcher: V8 code cache (Node 20)', function () {
  this.timeout(120_000);
  let home: string;
  let plain: ReturnType<typeof check>;

  before(function () {
    if (nodeHasCompileCache) {
      // Node >= 22.1 uses its own compile cache instead; nothing of ours to test.
      this.skip();
    }
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
    plain = check({ NODE_DISABLE_COMPILE_CACHE: '1' });
  });

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'kube-spread-cache-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('writes one cache on the first run, only for this user, and reads it on the next with the same output', () => {
    const first = check({ XDG_CACHE_HOME: home });
    const dir = join(home, 'kube-spread');
    assert.equal(caches(dir).length, 1);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    const file = join(dir, caches(dir)[0]);
    const written = statSync(file).mtimeMs;
    const second = check({ XDG_CACHE_HOME: home });
    assert.equal(statSync(file).mtimeMs, written, 'a cache that fits is not written again');
    for (const r of [first, second]) assert.deepEqual(r, plain);
  });

  it('ignores a broken cache file and replaces it', () => {
    check({ XDG_CACHE_HOME: home });
    const dir = join(home, 'kube-spread');
    const file = join(dir, caches(dir)[0]);
    writeFileSync(file, 'not a V8 code cache');
    assert.deepEqual(check({ XDG_CACHE_HOME: home }), plain);
    assert.ok(readFileSync(file).length > 10_000, 'rewritten with a real cache');
  });

  it('never reads or writes a cache folder that others can write to', () => {
    const dir = join(home, 'kube-spread');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    assert.deepEqual(check({ XDG_CACHE_HOME: home }), plain);
    assert.deepEqual(caches(dir), []);
  });

  it('keeps the newest 4 caches', () => {
    const dir = join(home, 'kube-spread');
    mkdirSync(dir, { mode: 0o700 });
    for (let i = 0; i < 6; i++) {
      const f = join(dir, `cli-00000000${i}.v8cache`);
      writeFileSync(f, 'old');
      utimesSync(f, 1000 + i, 1000 + i);
    }
    check({ XDG_CACHE_HOME: home });
    const kept = caches(dir);
    assert.equal(kept.length, 4);
    assert.ok(!kept.includes('cli-000000000.v8cache') && kept.includes('cli-000000005.v8cache'), kept.join(' '));
  });

  it('NODE_DISABLE_COMPILE_CACHE=1 writes nothing', () => {
    check({ XDG_CACHE_HOME: home, NODE_DISABLE_COMPILE_CACHE: '1' });
    assert.deepEqual(readdirSync(home), []);
  });
});
