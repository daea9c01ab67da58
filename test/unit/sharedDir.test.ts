// test/sharedDir.ts: the shared folder is found relative to the repository root (CI clones the
// repository elsewhere, with shared/ beside it), KUBE_SPREAD_SHARED overrides it, and a suite that
// needs a missing folder is skipped with one pending line that says why. The last part runs mocha
// on a small spec in a child process, once with the folder present and once without.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { hasShared, SHARED_ENV, sharedDir, sharedSkipMessage } from '../sharedDir';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Runs `fn` with KUBE_SPREAD_SHARED set to `value` (or unset), restoring it after. */
function withEnv<T>(value: string | undefined, fn: () => T): T {
  const before = process.env[SHARED_ENV];
  if (value === undefined) delete process.env[SHARED_ENV];
  else process.env[SHARED_ENV] = value;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env[SHARED_ENV];
    else process.env[SHARED_ENV] = before;
  }
}

describe('test/sharedDir', () => {
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'kube-spread-shared-'));
    mkdirSync(path.join(tmp, 'present', 'corpus', 'clusters'), { recursive: true });
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('defaults to ../shared beside the repository root, wherever the clone is', () => {
    withEnv(undefined, () => {
      assert.equal(sharedDir(), path.join(path.dirname(REPO_ROOT), 'shared'));
      assert.equal(sharedDir('corpus/real-world'), path.join(path.dirname(REPO_ROOT), 'shared', 'corpus', 'real-world'));
      assert.equal(sharedSkipMessage('corpus/real-world'), 'skipped: ../shared/corpus/real-world not found (see README)');
    });
  });

  it(`${SHARED_ENV} overrides it`, () => {
    const present = path.join(tmp, 'present');
    withEnv(present, () => {
      assert.equal(sharedDir(), present);
      assert.equal(sharedDir('corpus/clusters'), path.join(present, 'corpus', 'clusters'));
      assert.equal(hasShared('corpus/clusters'), true);
      assert.equal(hasShared('corpus/real-world'), false);
    });
    const missing = path.join(tmp, 'missing');
    withEnv(missing, () => {
      assert.equal(hasShared(), false);
      assert.equal(sharedSkipMessage('docs'), `skipped: ${missing}/docs (${SHARED_ENV}) not found (see README)`);
    });
  });

  describe('sharedSuite, in a real mocha run', function () {
    this.timeout(60_000);
    let spec: string;
    before(() => {
      spec = path.join(tmp, 'probe.test.ts');
      writeFileSync(spec, [
        `import { accessSync } from 'node:fs';`,
        `import { sharedSuite } from ${JSON.stringify(path.join(REPO_ROOT, 'test', 'sharedDir'))};`,
        `describe('needs ../shared/corpus/clusters', () => {`,
        `  const dir = sharedSuite('corpus/clusters');`,
        `  it('reads it', () => accessSync(dir ?? 'no such folder'));`,
        `  for (const name of dir ? ['listed from it'] : []) it(name, () => undefined);`,
        `});`,
        '',
      ].join('\n'));
    });

    function mocha(shared: string): { status: number | null; out: string } {
      const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--no-color', '-r', 'tsx/cjs', '--extension', 'ts', '--reporter', 'spec', spec], {
        cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, [SHARED_ENV]: shared },
      });
      return { status: r.status, out: `${r.stdout}${r.stderr}` };
    }

    it('present: every test runs', () => {
      const { status, out } = mocha(path.join(tmp, 'present'));
      assert.equal(status, 0, out);
      assert.match(out, /^ {2}2 passing/m, out);
      assert.doesNotMatch(out, /pending|skipped:/, out);
    });

    it('missing: one pending line says why, nothing runs, and the run passes', () => {
      const missing = path.join(tmp, 'missing');
      const { status, out } = mocha(missing);
      assert.equal(status, 0, out);
      assert.ok(out.includes(`- skipped: ${missing}/corpus/clusters (${SHARED_ENV}) not found (see README)`), out);
      assert.match(out, /^ {2}0 passing/m, out);
      assert.match(out, /^ {2}2 pending/m, out);
      assert.doesNotMatch(out, /failing|listed from it/, out);
    });
  });
});
