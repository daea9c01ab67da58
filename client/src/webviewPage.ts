// The frame both webviews share: a strict Content-Security-Policy (nothing but this page's nonce and
// the given style hashes), VS Code's theme colours, a title bar with a Re-run button that posts
// `{type: 'rerun'}` to the extension, elements with `data-open="N"` that post `{type: 'open', index: N}`,
// and the view's own content and styles.


/** Text made safe for HTML content and attribute values. */
export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface PageInput {
  title: string;
  nonce: string;
  /** The title bar's label, already HTML. */
  label: string;
  /** The view's own CSS, after the shared rules. */
  css: string;
  content: string;
  /** Extra style-src sources (hashes of inline SVG styles). */
  styleHashes?: Iterable<string>;
}

const SHARED_CSS = `body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 12px; }
.bar { display: flex; gap: 8px; align-items: center; justify-content: space-between; border-bottom: 1px solid var(--vscode-panel-border); padding: 6px 0; }
.muted { color: var(--vscode-descriptionForeground); }
.error { color: var(--vscode-errorForeground); } .warn { color: var(--vscode-editorWarning-foreground); }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 3px 10px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }`;

export function webviewPage(p: PageInput): string {
  const styleSrc = [`'nonce-${p.nonce}'`, ...(p.styleHashes ?? [])].join(' ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${styleSrc}; script-src 'nonce-${p.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)}</title>
<style nonce="${p.nonce}">
${SHARED_CSS}
${p.css}
</style></head>
<body>
<div class="bar"><span>${p.label}</span><button id="rerun" type="button">Re-run</button></div>
${p.content}
<script nonce="${p.nonce}">
const vscode = acquireVsCodeApi();
document.getElementById('rerun').addEventListener('click', () => vscode.postMessage({ type: 'rerun' }));
// A link to something the extension opens (the Audit view's manifests): the page names it by index only.
document.addEventListener('click', (e) => {
  const a = e.target instanceof Element ? e.target.closest('[data-open]') : null;
  if (!a) return;
  e.preventDefault();
  vscode.postMessage({ type: 'open', index: Number(a.getAttribute('data-open')) });
});
</script>
</body></html>`;
}
