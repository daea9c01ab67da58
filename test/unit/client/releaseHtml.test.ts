// The Simulate Release webview page (client/src/releaseHtml.ts): one row per workload in its colour
// (the server's colours, admitted to the stylesheet only as #rrggbb), pending per workload, the
// attribution in words, the creation order and the order-sensitivity warning, the server's picture
// inlined under the strict CSP, and every name escaped.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRelease } from '../../../client/src/releaseHtml';
import type { SimulateReleaseResult } from '../../../server/src/protocol';
import { loadEmbeddedSample, openSession, releaseColors, renderReleaseSvg } from '../../../server/src/analysis';

const EXAMPLE = readFileSync(join(__dirname, '../../../examples/release-cache-api.yaml'), 'utf8');

/** What the server's simulateRelease command answers for the text (lsp/features/release.ts builds the same). */
function result(text: string): SimulateReleaseResult {
  const session = openSession(loadEmbeddedSample());
  const s = session.simulateRelease([{ file: 'release.yaml', parsed: session.parse(text, 'release.yaml') }], { podReplicas: 1 });
  const r = s.release;
  return {
    cluster: s.cluster, release: r, orderText: 'document order', comparedText: ['reverse document order', 'interleaved order'],
    orderChangesText: [...new Set(r.orderChanges.map((c) => c.workload))].map((k) => ({ workload: k, text: `changes of ${r.workloads[k].name}` })),
    colors: releaseColors(r.workloads.length), svg: renderReleaseSvg(s, { nodes: session.nodes() }), notes: [],
  };
}

const page = (r: SimulateReleaseResult) => renderRelease({ nonce: 'N0NCE', title: 'Release: release.yaml', result: r });

describe('Simulate Release webview page', () => {
  it('cache/api: a row per workload in its colour, api pending and blocked by cache, the order and the warning', () => {
    const r = result(EXAMPLE);
    const html = page(r);
    const [cache, api] = r.colors;
    assert.ok(html.includes(`.w0 { background: ${cache}; }`));
    assert.ok(html.includes(`.w1 { background: ${api}; }`));
    const rows = [...html.matchAll(/<tr data-workload="([^"]*)"([^>]*)>([\s\S]*?)<\/tr>/g)];
    assert.deepEqual(rows.map((m) => m[1]), ['cache', 'api']);
    assert.match(rows[0][3], /swatch w0[\s\S]*<td>6\/6<\/td><td class="pending-cell">0<\/td><td>-<\/td>/);
    assert.match(rows[1][2], /has-pending/);
    assert.match(rows[1][3], /swatch w1[\s\S]*<td>0\/6<\/td><td class="pending-cell"><span class="pending-count">6<\/span><\/td><td>cache \(doc 0\)<\/td>/);
    assert.match(html, /Pending: <b>api<\/b> blocked by <b>cache \(doc 0\)<\/b>: it takes 6 node\(s\) api could use otherwise \(5 node\(s\) didn&#39;t match pod anti-affinity rules, 1 Insufficient cpu\)/);
    assert.match(html, /Created in <b>document order<\/b>/);
    assert.match(html, /<div class="warn order-sensitive"><b>Order sensitive:<\/b>[\s\S]*changes of api/);
    assert.match(html, /6\/12 placed<\/span> · <span class="pending-count">6 pending<\/span>/);
    // The picture is inlined, its stylesheet admitted by hash; still one script, ours.
    assert.ok(html.includes(r.svg.trim()));
    assert.match(/content="([^"]+)"/.exec(html)![1], /^default-src 'none'; style-src 'nonce-N0NCE' 'sha256-[^']+'; script-src 'nonce-N0NCE';$/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });

  it('a release that fits: no pending, no warning, the same outcome in the other orders', () => {
    const html = page(result(EXAMPLE.replace('replicas: 6', 'replicas: 1')));
    assert.doesNotMatch(html, /Pending:/);
    assert.doesNotMatch(html, /class="warn order-sensitive"/);
    assert.match(html, /The same outcome in reverse document order, interleaved order\./);
  });

  it('escapes names and refuses colours that are not #rrggbb', () => {
    const r = result(EXAMPLE);
    const evil = '<img src=x onerror=alert(1)>"\'';
    r.release.workloads[1] = { ...r.release.workloads[1], name: evil, namespace: evil, kind: evil };
    r.release.workloads[1].blockedBy = [{ ...r.release.workloads[1].blockedBy![0], name: evil }];
    r.colors = ['red; } body { display: none', r.colors[1]];
    r.notes = [evil];
    r.svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const html = page(r);
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62;&#34;&#39;'));
    assert.ok(html.includes('.w0 { background: #888888; }'));
    assert.ok(!html.includes('display: none'));
    assert.ok(!html.includes('alert(1)</script>'));
    assert.match(html, /markup the view does not show/);
  });

  it('shows the error, or that it is simulating', () => {
    assert.match(renderRelease({ nonce: 'n', title: 't', error: 'no <Pod> or workload' }), /<p class="error">no &#60;Pod&#62; or workload<\/p>/);
    assert.match(renderRelease({ nonce: 'n', title: 't' }), /Simulating…/);
  });
});
