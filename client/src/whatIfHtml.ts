// Renders a what-if (rolling update, scale, domain loss) as static HTML for the webview: the
// outcome, one step-by-step picture per simulation and the text summary. Pure (no vscode import).
//
// The pictures are the server's SVG markup, inlined so they pick up the theme's colours. The CSP
// stays strict: scripts only with this render's nonce (the Re-run button), styles only with the nonce
// or the exact hash of each picture's own <style> element. On top of that a picture is inlined only
// if every tag is a known drawing element and no attribute is an event handler or a link: anything
// else is shown as a note, never as markup.

import { createHash } from 'node:crypto';
import { esc, webviewPage } from './webviewPage';
import type { WhatIfResult } from '../../server/src/protocol';

export interface WhatIfRenderInput {
  nonce: string;
  title: string;
  /** What was asked, e.g. "Rolling update" or "Losing topology.kubernetes.io/zone=zone-a (drain)". */
  heading: string;
  result?: WhatIfResult;
  error?: string;
  at?: string;
}

const SVG_TAGS = new Set(['svg', 'g', 'style', 'title', 'desc', 'text', 'tspan', 'rect', 'line', 'path', 'circle', 'ellipse', 'polyline', 'polygon']);
const ATTR = /\s([^\s=/>]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g;

/** The picture's markup and the hashes its <style> elements need, or undefined if it is not plain drawing markup. */
export function safeSvg(svg: string): { markup: string; styleHashes: string[] } | undefined {
  const markup = svg.trim();
  if (!markup.startsWith('<svg')) return undefined;
  for (const tag of markup.match(/<[^>]*>?/g) ?? []) {
    if (tag.startsWith('<!--') || tag.startsWith('<!') || tag.startsWith('<?')) return undefined;
    const m = /^<\/?([A-Za-z][\w:-]*)/.exec(tag);
    if (!m || !SVG_TAGS.has(m[1].toLowerCase()) || !tag.endsWith('>')) return undefined;
    for (const a of tag.slice(m[0].length).matchAll(ATTR)) {
      const name = a[1].toLowerCase();
      if (name.startsWith('on') || name.endsWith('href') || name === 'style' || name === 'nonce') return undefined;
    }
  }
  const styleHashes: string[] = [];
  for (const s of markup.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
    // In an inline SVG the HTML parser decodes entities inside <style>: hash only text it leaves as is.
    if (/[<&]/.test(s[1]) || /url\s*\(|@import/i.test(s[1])) return undefined;
    styleHashes.push(`'sha256-${createHash('sha256').update(s[1], 'utf8').digest('base64')}'`);
  }
  return { markup, styleHashes };
}

function outcome(r: WhatIfResult): string {
  const out: string[] = [];
  const line = (label: string, message: string, pendingSteps: number) => out.push(`<p class="outcome${pendingSteps ? ' bad' : ''}"><b>${esc(label)}:</b> ${esc(message)}</p>`);
  const pendingIn = (steps: { pending: unknown[] }[]) => steps.filter((s) => s.pending.length).length;
  if (r.rollout) {
    // A rollout that leaves skew above maxSkew behind is a problem too: nothing repairs it.
    line('Rolling update', r.rollout.message, pendingIn(r.rollout.steps) + (r.rollout.violatedAfter?.length ?? 0));
    const c = r.rollout.comparison;
    if (c) line(`${c.matchLabelKeys === 'with' ? 'With' : 'Without'} matchLabelKeys: [pod-template-hash]`, c.message, pendingIn(c.steps) + (c.violatedAfter?.length ?? 0));
  }
  if (r.scale) line(`Scale ${r.scale.from} → ${r.scale.to}`, r.scale.message, pendingIn(r.scale.steps));
  if (r.domainLoss) line(`Losing ${r.domainLoss.domain.key}=${r.domainLoss.domain.value} (${r.domainLoss.mode})`, r.domainLoss.message, pendingIn(r.domainLoss.steps));
  return out.join('\n');
}

export function renderWhatIf(i: WhatIfRenderInput): string {
  const hashes = new Set<string>();
  let content: string;
  if (i.error !== undefined) content = `<p class="error">${esc(i.error)}</p>`;
  else if (!i.result) content = '<p class="muted">Simulating…</p>';
  else {
    const r = i.result;
    const cluster = r.cluster.embedded || r.cluster.source === 'embedded-sample' ? 'the embedded sample cluster' : esc(r.cluster.source);
    const figures = r.svg.map((p) => {
      const safe = safeSvg(p.svg);
      if (!safe) return `<figure><figcaption>${esc(p.title)}</figcaption><p class="warn">This picture contains markup the view does not show; see the text below.</p></figure>`;
      for (const h of safe.styleHashes) hashes.add(h);
      return `<figure><figcaption>${esc(p.title)}</figcaption><div class="picture">${safe.markup}</div></figure>`;
    });
    content = [
      `<p class="summary">${r.pending ? '<span class="pending-badge">Pending pods in some step</span> ' : '<span class="ok-badge">No Pending pod</span> '}`
        + `on ${cluster} (${esc(r.cluster.nodes)} nodes, ${esc(r.cluster.pods)} pods)</p>`,
      outcome(r),
      ...figures,
      `<details class="text" open><summary>Step by step (text)</summary><pre>${esc(r.text.replace(/^\n+/, ''))}</pre></details>`,
    ].join('\n');
  }
  return webviewPage({
    title: i.title,
    nonce: i.nonce,
    styleHashes: hashes,
    label: `<b>${esc(i.heading)}</b> · ${esc(i.title)}${i.at ? ` <span class="muted">· ${esc(i.at)}</span>` : ''}`,
    content,
    css: `body { padding-bottom: 16px; }
.outcome { margin: .3em 0; } .outcome.bad b { color: var(--vscode-editorWarning-foreground); }
.pending-badge, .ok-badge { border-radius: 8px; padding: 0 6px; }
.pending-badge { background: var(--vscode-inputValidation-errorBackground, var(--vscode-errorForeground)); color: var(--vscode-foreground); }
.ok-badge { background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
figure { margin: 14px 0; } figcaption { font-weight: bold; margin-bottom: 4px; }
.picture { overflow-x: auto; }
details.text pre { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); background: var(--vscode-textCodeBlock-background); padding: 8px; overflow-x: auto; }`,
  });
}
