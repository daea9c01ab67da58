// The what-if webview page: the server's pictures are inlined only when they are plain drawing
// markup, their <style> is admitted by its exact hash, and nothing else loosens the CSP.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { renderWhatIf, safeSvg } from '../../../client/src/whatIfHtml';
import type { WhatIfResult } from '../../../server/src/protocol';
import { renderStepsSvg } from '../../../server/src/analysis/render/whatif';

const STYLE = '.t{fill:var(--vscode-foreground,#222)}';
const picture = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><style>${STYLE}</style><rect class="t" x="0" y="0" width="1" height="1"><title>zone-a: 1 pod(s)</title></rect><text class="t" x="1" y="2">a &lt;b&gt;</text></svg>`;

function result(svg: string): WhatIfResult {
  return {
    scale: { from: 3, to: 1, message: 'scaled down; skew 0', steps: [{ step: 0, action: 'initial', description: 'x', pending: [] }] },
    cluster: { source: 'embedded-sample', embedded: true, nodes: 9, pods: 15 }, document: 0, pending: false, text: '\nScale <3> → 1\n', svg: [{ title: 'Scale web to 1', svg }],
  };
}

describe('what-if webview page', () => {
  it('inlines a drawing and admits its <style> by hash only', () => {
    const s = safeSvg(picture);
    const hash = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;
    assert.deepEqual(s?.styleHashes, [hash]);
    const html = renderWhatIf({ nonce: 'N0NCE', title: 'web.yaml', heading: 'Scale to 1', result: result(picture) });
    const csp = /content="([^"]+)"/.exec(html)![1];
    assert.equal(csp, `default-src 'none'; style-src 'nonce-N0NCE' ${hash}; script-src 'nonce-N0NCE';`);
    assert.ok(html.includes(picture));
    assert.ok(html.includes('Scale &#60;3&#62; → 1'), 'the text summary is escaped');
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });

  it('accepts what the server draws', () => {
    const svg = renderStepsSvg([{
      step: 0, action: 'initial', description: 'three "old" pods <here>', replicaSets: [], created: [], deleted: [], pending: [],
      constraints: [{ index: 0, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', maxSkew: 1, domains: { 'zone-a': 1 }, skew: 0, violated: false }],
      distribution: { 'topology.kubernetes.io/zone': { 'zone-a': 1 } },
    }] as unknown as Parameters<typeof renderStepsSvg>[0], { title: 'Rolling update of Deployment default/web' });
    assert.ok(safeSvg(svg));
  });

  for (const [what, svg] of [
    ['a script element', picture.replace('<rect', '<script>alert(1)</script><rect')],
    ['an event handler', picture.replace('<rect class="t"', '<rect onload="alert(1)" class="t"')],
    ['an unquoted event handler', picture.replace('<rect class="t"', '<rect class=t onclick=alert(1)')],
    ['a link', picture.replace('<rect', '<a href="https://example.com"><rect').replace('</svg>', '</a></svg>')],
    ['foreignObject', picture.replace('<rect', '<foreignObject><div/></foreignObject><rect')],
    ['a style attribute', picture.replace('<rect class="t"', '<rect style="fill:red"')],
    ['a remote style', picture.replace(STYLE, '@import url(https://example.com/x.css);')],
    ['a comment', picture.replace('<rect', '<!-- x --><rect')],
    ['no svg root', '<div>hi</div>'],
  ] as const) {
    it(`withholds a picture with ${what}`, () => {
      assert.equal(safeSvg(svg), undefined);
      const html = renderWhatIf({ nonce: 'N', title: 't', heading: 'h', result: result(svg) });
      assert.ok(!html.includes(svg));
      assert.match(html, /contains markup the view does not show/);
      assert.match(html, /style-src 'nonce-N';/);
    });
  }

  it('shows an error escaped', () => {
    const html = renderWhatIf({ nonce: 'N', title: 't', heading: 'h', error: 'no <workload>' });
    assert.match(html, /<p class="error">no &#60;workload&#62;<\/p>/);
  });
});
