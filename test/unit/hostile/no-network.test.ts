// Nothing talks to the network or runs code from input, except the one explicit cluster capture:
// a static check over the sources, so a new import of http/net/child_process or an eval shows up here.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
/** The only files allowed to reach the network (the two cluster clients of `kube-spread fixture capture` / Capture Cluster Fixture, started by the user). */
const ALLOWED = new Set(['server/src/fixture/capture/clientNode.ts', 'server/src/fixture/capture/builtinClient.ts']);
const FORBIDDEN = /from '(node:)?(http|https|http2|net|tls|dgram|child_process|worker_threads|vm)'|require\('(node:)?(http|https|http2|net|tls|child_process|vm)'\)|@kubernetes\/client-node|\bfetch\(|\beval\(|new Function\(|\bXMLHttpRequest\b|\bWebSocket\b/;

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
      .filter((f) => !ALLOWED.has(f) && FORBIDDEN.test(readFileSync(join(ROOT, f), 'utf8')));
    assert.deepEqual(offenders, []);
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
