// Docs that are true by construction: every ```console block of README.md and docs/*.md is run,
// and what each command prints must be what the block shows (test/docs/consoleBlocks.ts for the
// block format, shellSubset.ts for the commands allowed, outputMatch.ts for the comparison and its
// `…` placeholder). `kube-spread` is the freshly built CLI (`node dist/cli.js`, built once here),
// run from the repository root with an empty standard input; standard error is shown interleaved
// with standard output, as in a terminal. A command that exits non-zero must show its status
// (`; echo "exit $?"`), so an example can not hide a failure. A block that cannot run is fenced
// `console no-run REASON` and is reported as pending with its reason.
//
// Writing one (the fence is ```console; a line of its own `…` skips any number of lines):
//
//   $ kube-spread simulate examples/pending-zone.yaml; echo "exit $?"
//   …
//   Pending (2):
//   …
//   exit 1
//
// Commands: `kube-spread ARGS [2>&1] [| head|tail|grep|wc ARGS]... [; echo "exit $?"]`, nothing else.
// Trailing spaces, trailing blank lines and the repository's absolute path (shown as
// /path/to/kube-spread) are the only things normalised. When a block fails, the message holds the
// whole actual output, ready to paste if the change is intended.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { type ConsoleCommand, parseConsoleBlocks } from './consoleBlocks';
import { matches, normalise, SKIP } from './outputMatch';
import { checkCommand } from './shellSubset';

const ROOT = resolve(__dirname, '../..');
const DOC_FILES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const COMMAND_TIMEOUT_MS = 60_000;

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

describe('docs: every console example prints what it shows', function () {
  let shimDir = '';

  before(function () {
    this.timeout(180_000);
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, `npm run build failed:\n${build.stdout}${build.stderr}`);
    // `kube-spread` on the PATH of the commands: the build just made, as `node dist/cli.js`.
    shimDir = mkdtempSync(join(tmpdir(), 'kube-spread-docs-'));
    const shim = `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(join(ROOT, 'dist/cli.js'))} "$@"\n`;
    writeFileSync(join(shimDir, 'kube-spread'), shim, { mode: 0o755 });
  });

  after(() => {
    if (shimDir) rmSync(shimDir, { recursive: true, force: true });
  });

  for (const file of DOC_FILES) {
    const parsed = parseConsoleBlocks(readFileSync(join(ROOT, file), 'utf8'));
    if (parsed.problems.length > 0) {
      it(`${file}: console blocks are well-formed`, () => assert.fail(parsed.problems.join('\n')));
    }
    for (const block of parsed.blocks) {
      const name = `${file}:${block.line}`;
      if (block.noRun !== undefined) {
        it.skip(`${name} (no-run: ${block.noRun})`);
        continue;
      }
      it(name, function () {
        this.timeout(COMMAND_TIMEOUT_MS * block.commands.length);
        for (const command of block.commands) runAndCompare(file, command, shimDir);
      });
    }
  }
});

function runAndCompare(file: string, c: ConsoleCommand, shimDir: string): void {
  const where = `${file}:${c.line}: $ ${c.command}`;
  const { showsExitStatus } = checkCommand(c.command);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${shimDir}${delimiter}${process.env.PATH ?? ''}` };
  delete env.NODE_OPTIONS; // the test runner's loaders are not the reader's
  const r = spawnSync('sh', ['-c', `exec 2>&1\n${c.command}`], { cwd: ROOT, env, encoding: 'utf8', input: '', timeout: COMMAND_TIMEOUT_MS });
  if (r.error) throw new Error(`${where}: ${r.error.message}`);
  const actual = normalise(r.stdout, ROOT);
  if (!showsExitStatus) {
    assert.equal(r.status, 0, `${where}\nexits ${r.status}: show it with \`; echo "exit $?"\`. Output:\n${actual.join('\n')}`);
  }
  const expected = normalise(c.expected.join('\n'), ROOT);
  if (matches(expected, actual)) return;
  if (!expected.some((l) => l.trim() === SKIP)) assert.equal(actual.join('\n'), expected.join('\n'), `${where}: output differs`);
  assert.fail(`${where}: output does not match (\`${SKIP}\` lines skip any lines). It printed:\n${actual.join('\n')}`);
}
