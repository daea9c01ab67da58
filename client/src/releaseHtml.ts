// Renders a release (every workload of a file placed together, docs/release.md) as static HTML for
// the Simulate Release webview: a summary, the creation order and the order-sensitivity warning, one
// row per workload in its colour (placed, pending, who blocks it), the attribution of the Pending
// replicas in words, and the server's picture of all workloads (the CLI's SVG, inlined only when it
// is plain drawing markup: whatIfHtml.ts safeSvg). Pure (no vscode import); every name is escaped.

import type { ReleaseBlocker, SimulateReleaseResult } from '../../server/src/protocol';
import { esc, webviewPage } from './webviewPage';
import { safeSvg } from './whatIfHtml';

export interface ReleaseRenderInput {
  nonce: string;
  title: string;
  result?: SimulateReleaseResult;
  error?: string;
  /** When the result was computed, shown so a user sees it follow their edits. */
  at?: string;
}

/** A colour the page may put in its stylesheet: "#rrggbb" only (it comes from the server, but CSS is no place for surprises). */
const COLOR = /^#[0-9a-f]{6}$/i;
const FALLBACK = '#888888';

function blockerText(b: ReleaseBlocker, file: string): string {
  return `${b.name || '(unnamed)'} (${b.file === file ? '' : `${b.file}, `}doc ${b.document})`;
}

function swatch(k: number): string {
  return `<span class="swatch w${k}" aria-hidden="true"></span>`;
}

function body(r: SimulateReleaseResult): string {
  const ws = r.release.workloads;
  const placed = ws.reduce((n, w) => n + w.placed, 0);
  const replicas = ws.reduce((n, w) => n + w.replicas, 0);
  const pending = ws.reduce((n, w) => n + w.pending, 0);
  const files = [...new Set(ws.map((w) => w.file))];
  const cluster = r.cluster.embedded || r.cluster.source === 'embedded-sample' ? 'embedded sample cluster' : esc(r.cluster.source);
  const out: string[] = [];
  out.push(`<p class="summary">Release: <b>${ws.length} workload${ws.length === 1 ? '' : 's'}</b> of ${files.map((f) => `<code>${esc(f)}</code>`).join(', ')} · `
    + `<span class="placed">${placed}/${replicas} placed</span>${pending ? ` · <span class="pending-count">${pending} pending</span>` : ''}`
    + ` · ${cluster} (${esc(r.cluster.nodes)} nodes, ${esc(r.cluster.pods)} pods)</p>`);
  if (r.fixtureError) out.push(`<p class="warn">Configured fixture failed (${esc(r.fixtureError)}): showing the last good one.</p>`);
  out.push(`<p class="order">Created in <b>${esc(r.orderText)}</b>: each workload's pods together, the scheduling queue ordering them by priority.`
    + `${r.comparedText.length && !r.release.orderSensitive ? ` The same outcome in ${esc(r.comparedText.join(', '))}.` : ''}</p>`);
  if (r.release.orderSensitive) {
    out.push(`<div class="warn order-sensitive"><b>Order sensitive:</b> the outcome depends on the creation order (also simulated: ${esc(r.comparedText.join(', '))}). The release is a race.<ul>`
      + r.orderChangesText.map((c) => `<li>${swatch(c.workload)}<b>${esc(ws[c.workload]?.name ?? '')}</b>: ${esc(c.text)}</li>`).join('')
      + '</ul></div>');
  }
  out.push('<table class="workloads"><thead><tr><th></th><th>Workload</th><th>Doc</th><th>Placed</th><th>Pending</th><th>Blocked by</th></tr></thead><tbody>');
  ws.forEach((w, k) => {
    const blocked = w.blockedBy?.length ? `${w.blockedBy.map((b) => esc(blockerText(b, w.file))).join(', ')}${w.blockedByMore ? ', …' : ''}` : '-';
    out.push(`<tr data-workload="${esc(w.name)}"${w.pending ? ' class="has-pending"' : ''}><td>${swatch(k)}</td><td>${esc(w.kind)} ${esc(w.namespace)}/<b>${esc(w.name)}</b></td>`
      + `<td>${files.length > 1 ? `${esc(w.file)}:` : ''}${esc(w.document)}</td><td>${esc(w.placed)}/${esc(w.replicas)}</td>`
      + `<td class="pending-cell">${w.pending ? `<span class="pending-count">${esc(w.pending)}</span>` : '0'}</td><td>${blocked}</td></tr>`);
  });
  out.push('</tbody></table>');
  const attributions = ws.flatMap((w, k) => {
    if (!w.pending) return [];
    if (w.blockedBy?.length) {
      return w.blockedBy.map((b) => `<li>${swatch(k)}Pending: <b>${esc(w.name)}</b> blocked by <b>${esc(blockerText(b, w.file))}</b>`
        + `${b.nodes !== undefined ? `: it takes ${esc(b.nodes)} node(s) ${esc(w.name)} could use otherwise` : ''}`
        + `${b.reasons ? ` (${esc(Object.entries(b.reasons).sort((x, y) => y[1] - x[1]).map(([why, n]) => `${n} ${why}`).join(', '))})` : ''}</li>`);
    }
    const first = w.pendingReplicas[0];
    return [`<li>${swatch(k)}Pending: <b>${esc(w.name)}</b>: ${esc(w.pending)} replica(s)${first ? `: ${esc(first.message)}` : ''}</li>`];
  });
  if (attributions.length) out.push(`<h2>Pending</h2><ul class="attribution">${attributions.join('')}</ul>`);
  out.push('<h2>Nodes</h2>');
  const safe = safeSvg(r.svg);
  out.push(safe ? `<div class="picture">${safe.markup}</div>` : '<p class="warn">The picture contains markup the view does not show; the table above has the numbers.</p>');
  for (const n of r.notes) out.push(`<p class="note">note: ${esc(n)}</p>`);
  return out.join('\n');
}

export function renderRelease(i: ReleaseRenderInput): string {
  const r = i.result;
  const content = i.error !== undefined ? `<p class="error">${esc(i.error)}</p>` : r ? body(r) : '<p class="muted">Simulating…</p>';
  const colors = r ? r.release.workloads.map((_, k) => (COLOR.test(r.colors[k] ?? '') ? r.colors[k] : FALLBACK)) : [];
  const safe = r && i.error === undefined ? safeSvg(r.svg) : undefined;
  return webviewPage({
    title: i.title,
    nonce: i.nonce,
    styleHashes: safe?.styleHashes,
    label: `<b>Release</b> · ${esc(i.title)}${i.at ? ` <span class="muted">· ${esc(i.at)}</span>` : ''}`,
    content,
    css: `body { padding-bottom: 16px; }
h2 { font-size: 1.05em; margin: 1em 0 .4em; }
code { font-family: var(--vscode-editor-font-family); }
.note { color: var(--vscode-descriptionForeground); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 6px; vertical-align: middle; }
${colors.map((c, k) => `.w${k} { background: ${c}; }`).join('\n')}
.pending-count { background: var(--vscode-inputValidation-errorBackground, var(--vscode-errorForeground)); color: var(--vscode-foreground); border-radius: 8px; padding: 0 6px; }
.order-sensitive { border: 1px solid var(--vscode-editorWarning-foreground); border-radius: 4px; padding: 6px 8px; margin: 8px 0; }
.order-sensitive ul, ul.attribution { padding-left: 1em; margin: 4px 0; } .order-sensitive li, ul.attribution li { list-style: none; margin: 3px 0; }
table.workloads { border-collapse: collapse; margin: 8px 0; }
table.workloads th, table.workloads td { text-align: left; padding: 2px 10px 2px 0; border-bottom: 1px solid var(--vscode-panel-border); }
.picture { overflow-x: auto; }`,
  });
}
