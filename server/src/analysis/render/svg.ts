// A self-contained SVG picture of a simulation: one column per domain of the first spread key,
// the nodes inside it, a dot per replica placed, and the pending replicas with their reasons.
// No external resources, no script: safe to show in a webview with a strict CSP.

import type { SimulateJson } from '../simulate';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface SvgOptions {
  /** Every node -> its value for the grouping key, or undefined when it lacks the label. */
  nodeDomains?: Record<string, string | undefined>;
}

const NO_LABEL = '(no label)';

/** Splits text into lines of at most `width` characters at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(' ')) {
    if (cur && cur.length + 1 + word.length > width) {
      lines.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(cur);
  return lines;
}

/** A short label for why a node cannot take the pod. */
function shortReason(r: string): string {
  if (r.includes('untolerated taint')) return 'tainted';
  if (r.includes('were unschedulable')) return 'cordoned';
  if (r.includes('missing required label')) return 'lacks topology key';
  if (r.includes('affinity/selector') || r.includes('satisfy plugin')) return 'node affinity';
  if (r.startsWith('NodeResourcesFit')) return 'too small';
  return r.split(':')[0];
}

export function renderSimulationSvg(s: SimulateJson, opts: SvgOptions = {}): string {
  const key = Object.keys(s.distribution)[0];
  const domainOf = (node: string) => (key ? (s.placements.find((p) => p.node === node)?.domains[key] ?? opts.nodeDomains?.[node] ?? NO_LABEL) : 'cluster');
  const columns = new Map<string, Map<string, number>>();
  if (key) for (const d of Object.keys(s.distribution[key])) columns.set(d, new Map());
  for (const [node, value] of Object.entries(opts.nodeDomains ?? {})) {
    const d = key ? (value ?? NO_LABEL) : 'cluster';
    if (!columns.has(d)) columns.set(d, new Map());
    columns.get(d)!.set(node, 0);
  }
  for (const p of s.placements) {
    const d = domainOf(p.node);
    if (!columns.has(d)) columns.set(d, new Map());
    const col = columns.get(d)!;
    col.set(p.node, (col.get(p.node) ?? 0) + 1);
  }
  const colW = 190;
  const rowH = 34;
  const maxRows = Math.max(1, ...[...columns.values()].map((c) => c.size));
  const pendingLines = groupPending(s).flatMap((l) => wrap(l, 110));
  let width = Math.max(420, 20 + columns.size * (colW + 10));
  const top = 56;
  const pendingTop = top + 40 + maxRows * rowH + 20;
  const height = pendingTop + (pendingLines.length ? 24 + pendingLines.length * 18 : 0) + 16;
  // Keep the pending text inside the picture.
  const minWidth = Math.max(0, ...pendingLines.map((l) => 20 + l.length * 6.6));
  const parts: string[] = [];
  width = Math.max(width, Math.ceil(minWidth));
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img" aria-label="placement of ${esc(s.workload.name)}">`);
  parts.push(`<style>.t{fill:var(--vscode-foreground,#222)}.m{fill:var(--vscode-descriptionForeground,#666)}.box{fill:var(--vscode-editorWidget-background,#f4f4f4);stroke:var(--vscode-panel-border,#ccc)}.dot{fill:var(--vscode-charts-blue,#3178c6)}.pend{fill:var(--vscode-charts-red,#d33)}</style>`);
  const title = `${s.workload.kind} ${s.workload.namespace}/${s.workload.name}: ${s.placements.length}/${s.workload.replicas} placed`;
  parts.push(`<text class="t" x="10" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`);
  const sub = `${s.cluster.embedded ? 'embedded sample cluster (not your cluster)' : s.cluster.source} · ${key ? `${key}, skew ${s.skew[key]}` : 'no spread constraint'}`;
  parts.push(`<text class="m" x="10" y="38">${esc(sub)}</text>`);
  let x = 10;
  for (const [domain, nodes] of columns) {
    const total = [...nodes.values()].reduce((a, b) => a + b, 0);
    parts.push(`<rect class="box" x="${x}" y="${top}" width="${colW}" height="${30 + maxRows * rowH}" rx="6"/>`);
    parts.push(`<text class="t" x="${x + 8}" y="${top + 18}" font-weight="bold">${esc(domain || '""')} · ${total}</text>`);
    let y = top + 30;
    for (const [node, n] of [...nodes.entries()].sort()) {
      const why = s.unusableNodes?.[node];
      const label = node.length > 22 ? `${node.slice(0, 21)}…` : node;
      parts.push(`<text class="m" x="${x + 8}" y="${y + 14}"${why ? ' text-decoration="line-through"' : ''}>${esc(label)}<title>${esc(why ?? node)}</title></text>`);
      if (why) parts.push(`<text class="pend" x="${x + 12}" y="${y + 27}" font-size="10">${esc(shortReason(why))}</text>`);
      for (let i = 0; i < n; i++) {
        const cx = x + 12 + (i % 16) * 11;
        const cy = y + 24 + Math.floor(i / 16) * 10;
        parts.push(`<circle class="dot" cx="${cx}" cy="${cy}" r="4"><title>${esc(`replica on ${node}`)}</title></circle>`);
      }
      y += rowH;
    }
    x += colW + 10;
  }
  if (pendingLines.length) {
    parts.push(`<text class="pend" x="10" y="${pendingTop + 12}" font-weight="bold">${s.pending.length} pending</text>`);
    pendingLines.forEach((l, i) => parts.push(`<text class="t" x="10" y="${pendingTop + 32 + i * 18}">${esc(l)}</text>`));
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function groupPending(s: SimulateJson): string[] {
  const groups = new Map<string, number[]>();
  for (const p of s.pending) groups.set(p.message, [...(groups.get(p.message) ?? []), p.replica]);
  return [...groups].map(([msg, reps]) => `replica ${reps.join(', ')}: ${msg}`);
}
