// Nothing talks to the network or runs code from input, except the one explicit cluster capture:
// a static check over the sources, so a new import of http/net/child_process or an eval shows up here.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
/** The only files allowed to reach the network (the two cluster clients of `kube-spread fixture capture` / Capture Cluster Fixture, started by the user). */
const ALLOWED = new Set(['server/src/fixture/capture/clientNode.ts', 'server/src/fixture/capture/builtinClient.ts']);
/**
 * `kube-spread check --jobs N` starts worker threads, and only there: each runs the CLI's own bundle
 * (the file that starts it), never a path or code from input.
 */
const THREADS = 'server/src/cli/checkThreads.ts';
const FORBIDDEN = /from '(node:)?(http|https|http2|net|tls|dgram|child_process|worker_threads|vm)'|require\('(node:)?(http|https|http2|net|tls|child_process|vm)'\)|@kubernetes\/client-node|\bfetch\(|\beval\(|new Function\(|\bXMLHttpRequest\b|\bWebSocket\b/;

/**
 * The language server's one use of node:vm: V8's `gc` function, named by a fixed string, for one full
 * collection after a big fixture is loaded (checked below: nothing else runs there).
 */
const GC = 'server/src/lsp/state/heapGrowth.ts';

/** checkThreads.ts's one import of node:worker_threads and heapGrowth.ts's of node:vm (what each does with it is checked below). */
function withoutThreadsImport(file: string, text: string): string {
  if (file === GC) return text.replace("from 'node:vm'", '');
  return file === THREADS ? text.replace("from 'node:worker_threads'", '') : text;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('no network, nothing executed', () => {
  it('server and client sources: no network, process or eval imports outside the cluster capture', () => {
    const offenders = [...files(join(ROOT, 'server/src')), ...files(join(ROOT, 'client/src'))]
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => !ALLOWED.has(f) && FORBIDDEN.test(withoutThreadsImport(f, readFileSync(join(ROOT, f), 'utf8'))));
    assert.deepEqual(offenders, []);
  });

  it('worker threads only in check --jobs, running the bundle that starts them', () => {
    const users = [...files(join(ROOT, 'server/src')), ...files(join(ROOT, 'client/src'))]
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => /worker_threads/.test(readFileSync(join(ROOT, f), 'utf8')));
    assert.deepEqual(users, [THREADS]);
    const text = readFileSync(join(ROOT, THREADS), 'utf8');
    assert.equal(text.match(/new Worker\(/g)?.length, 1);
    assert.match(text, /new Worker\(script, \{ workerData: input, /);
    assert.match(text, /, script = __filename\)/);
    assert.doesNotMatch(text, /eval: true/);
  });

  it('node:vm only in heapGrowth.ts, and only to read V8\'s gc function by its fixed name', () => {
    const users = [...files(join(ROOT, 'server/src')), ...files(join(ROOT, 'client/src'))]
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => /node:vm|from 'vm'/.test(readFileSync(join(ROOT, f), 'utf8')));
    assert.deepEqual(users, [GC]);
    const text = readFileSync(join(ROOT, GC), 'utf8');
    assert.deepEqual(text.match(/runInNewContext\([^)]*\)/g), ["runInNewContext('gc')"]);
    assert.deepEqual(text.match(/\bvm\b|runIn\w+|Script\b|compileFunction/g)?.filter((w) => w !== 'runInNewContext' && w !== 'vm'), []);
  });

  it('every webview page has a strict Content-Security-Policy (default-src \'none\', nonce scripts)', () => {
    const pages = files(join(ROOT, 'client/src')).filter((f) => /<html|<!DOCTYPE/i.test(readFileSync(f, 'utf8')));
    assert.ok(pages.length > 0);
    for (const p of pages) {
      const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(p, 'utf8'))?.[1] ?? '';
      assert.match(csp, /default-src 'none'/, p);
      assert.match(csp, /script-src 'nonce-\$\{[^}]+\}'/, p);
      assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline|\*|https?:/, p);
    }
  });
});
