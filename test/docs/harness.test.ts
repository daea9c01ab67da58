// The doc-test harness's own rules (no build, no commands run): block parsing, the shell subset,
// and the comparison with its `…` placeholder and normalisation.

import { strict as assert } from 'node:assert';
import { parseConsoleBlocks } from './consoleBlocks';
import { matches, normalise, REPO_PLACEHOLDER } from './outputMatch';
import { checkCommand } from './shellSubset';

const fence = '```';

describe('docs harness: console blocks', () => {
  it('splits a block into commands, continuation lines and the output of each', () => {
    const md = ['# t', `${fence}console`, '$ kube-spread check a \\', '    --cluster b', 'out 1', '', '$ kube-spread fixture', 'out 2', fence, ''].join('\n');
    assert.deepEqual(parseConsoleBlocks(md), {
      problems: [],
      blocks: [
        {
          line: 2,
          commands: [
            { command: 'kube-spread check a \\\n    --cluster b', line: 3, expected: ['out 1', ''] },
            { command: 'kube-spread fixture', line: 7, expected: ['out 2'] },
          ],
        },
      ],
    });
  });

  it('reads `console no-run REASON` and requires the reason', () => {
    const ok = parseConsoleBlocks(`${fence}console no-run needs helm\n$ kube-spread check -\n${fence}\n`);
    assert.equal(ok.blocks[0].noRun, 'needs helm');
    const bad = parseConsoleBlocks(`${fence}console no-run\n$ kube-spread check -\n${fence}\n`);
    assert.deepEqual(bad.problems, ['line 1: `console no-run` needs a reason']);
  });

  it('leaves other fences alone but reports one that hides a kube-spread example', () => {
    const md = `${fence}sh\nnpm ci\n${fence}\n${fence}\n$ kube-spread check x\n${fence}\n`;
    const parsed = parseConsoleBlocks(md);
    assert.deepEqual(parsed.blocks, []);
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0], /^line 4: .*fence it as `console`/);
  });

  it('reports output before the first command and unknown attributes', () => {
    assert.match(parseConsoleBlocks(`${fence}console\nhello\n$ kube-spread x\n${fence}\n`).problems[0], /output before the first/);
    assert.match(parseConsoleBlocks(`${fence}console norun x\n$ kube-spread x\n${fence}\n`).problems[0], /unknown console attribute "norun"/);
  });
});

describe('docs harness: shell subset', () => {
  const allowed = [
    'kube-spread check examples/',
    'kube-spread simulate a.yaml --format json | head -n 5',
    'kube-spread check x 2>&1 | grep -v note | tail -n 2',
    "kube-spread check 'a b.yaml' \\\n  --cluster c",
  ];
  for (const c of allowed) it(`allows: ${c.replace(/\s*\n\s*/g, ' ')}`, () => assert.deepEqual(checkCommand(c), { showsExitStatus: false }));

  it('allows `; echo "exit $?"` at the end, and says so', () => {
    assert.deepEqual(checkCommand('kube-spread check examples/; echo "exit $?"'), { showsExitStatus: true });
    assert.deepEqual(checkCommand('kube-spread check x | head -n 3; echo "exit $?"'), { showsExitStatus: true });
  });

  const refused: Array<[string, RegExp]> = [
    ['rm -rf x', /not kube-spread \(rm\)/],
    ['kube-spread check x > out.txt', /`>`/],
    ['kube-spread check x && rm y', /`&`/],
    ['kube-spread check x || true', /`\|\|`/],
    ['kube-spread check $(cat list)', /`\(`/],
    ['kube-spread check $HOME', /`\$` in/],
    ['kube-spread check `ls`', /`/],
    ['kube-spread check x | sh', /`\| sh`/],
    ['kube-spread check x; rm y', /after `;` only/],
    ['kube-spread check x | head 2>&1', /redirection in a filter/],
    ['kube-spread check "unterminated', /unterminated quote/],
    ['kube-spread check ~/x', /`~`/],
    ['kube-spread check x # comment', /`#`/],
    ['kube-spread check x & ', /`&`/],
  ];
  for (const [c, why] of refused) it(`refuses: ${c}`, () => assert.throws(() => checkCommand(c), why));
});

describe('docs harness: output comparison', () => {
  it('is exact without placeholders', () => {
    assert.ok(matches(['a', 'b'], ['a', 'b']));
    assert.ok(!matches(['a', 'b'], ['a', 'b', 'c']));
    assert.ok(!matches(['a'], ['A']));
  });

  it('lets `…` stand for any number of lines, none included', () => {
    assert.ok(matches(['a', '…', 'z'], ['a', 'z']));
    assert.ok(matches(['a', '…', 'z'], ['a', 'b', 'c', 'z']));
    assert.ok(matches(['…', 'c', '…'], ['a', 'b', 'c', 'd']));
    assert.ok(matches(['a', '…', 'c', '…', 'e'], ['a', 'b', 'c', 'd', 'e']));
    assert.ok(!matches(['a', '…', 'c', '…', 'b'], ['a', 'b', 'c', 'd']));
    assert.ok(!matches(['a', '…', 'a'], ['a']));
  });

  it('ignores trailing whitespace and trailing blank lines, and hides the repository path', () => {
    assert.deepEqual(normalise('x  \ny\t\n\n\n', '/r'), ['x', 'y']);
    assert.deepEqual(normalise('/home/u/ks/a.yaml file:///home/u/ks/b.yaml\n', '/home/u/ks'), [
      `${REPO_PLACEHOLDER}/a.yaml file://${REPO_PLACEHOLDER}/b.yaml`,
    ]);
  });
});
