// Text and SVG for the what-if simulations (analysis/whatif/). JSON is the contract; this may change.
// The SVG is self-contained (no script, no external resource), one row per step: a column per domain
// of the first constraint's key with a bar per domain, the step's description, and Pending pods in red.

import type { DomainLossJson, RolloutJson, RolloutRun, ScaleJson, WhatIfStep } from '../whatif/types';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function domainsLine(s: WhatIfStep): string {
  return s.constraints
    .map((c) => `${c.topologyKey}: ${Object.entries(c.domains).map(([d, n]) => `${d}=${n}`).join(' ')} skew ${c.skew}${c.violated ? ` > maxSkew ${c.maxSkew}` : ''}`)
    .join('; ');
}

export function renderSteps(steps: WhatIfStep[], indent = '  '): string[] {
  const out: string[] = [];
  for (const s of steps) {
    out.push(`${indent}[${s.step}] ${s.description}`);
    if (s.replicaSets) out.push(`${indent}    replica sets: ${s.replicaSets.map((r) => `${r.name} ${r.available}/${r.replicas}`).join(', ')}`);
    const placed = s.created.filter((c) => c.node);
    if (placed.length) out.push(`${indent}    created: ${placed.map((c) => `${c.pod} → ${c.node}${c.ties ? ` (tie: ${c.ties.join('|')})` : ''}`).join(', ')}`);
    if (s.deleted.length) out.push(`${indent}    deleted: ${s.deleted.map((d) => `${d.pod}${d.node ? ` on ${d.node}` : ''}`).join(', ')}`);
    const dl = domainsLine(s);
    if (dl) out.push(`${indent}    ${dl}`);
    if (s.pending.length) {
      const groups = new Map<string, string[]>();
      for (const p of s.pending) groups.set(p.message, [...(groups.get(p.message) ?? []), p.pod]);
      for (const [msg, pods] of groups) out.push(`${indent}    PENDING ${pods.length}: ${msg}`);
    }
  }
  return out;
}

function runSummary(label: string, r: RolloutRun): string[] {
  return [
    `${label} (matchLabelKeys pod-template-hash: ${r.matchLabelKeys}): ${r.outcome}, ${r.steps.length - 1} step(s), at most ${r.maxPending} Pending, largest skew ${Object.entries(r.maxSkew).map(([k, v]) => `${v} on ${k}`).join(', ') || 'n/a'}`,
    `  ${r.message}`,
  ];
}

export function renderRollout(r: RolloutJson): string {
  const out: string[] = ['', `Rolling update: ${r.replicas} replica(s), ${r.strategy.type}` +
    (r.strategy.type === 'RollingUpdate' ? ` maxSurge ${r.strategy.maxSurge} → ${r.strategy.resolvedMaxSurge}, maxUnavailable ${r.strategy.maxUnavailable} → ${r.strategy.resolvedMaxUnavailable}` : '') +
    `; old: ${r.oldReplicaSets.map((o) => `${o.name} (${o.replicas}, ${o.source})`).join(', ')}`];
  out.push(...renderSteps(r.steps));
  out.push('', ...runSummary('As written', r));
  if (r.comparison) out.push(...runSummary(r.comparison.matchLabelKeys === 'with' ? 'With matchLabelKeys: [pod-template-hash]' : 'Without matchLabelKeys: [pod-template-hash]', r.comparison));
  return out.join('\n') + '\n';
}

export function renderScale(s: ScaleJson): string {
  const out: string[] = ['', `Scale ${s.from} → ${s.to} (${s.controller} controller; pods ${s.source === 'fixture' ? 'from the fixture' : 'placed by the simulation'})`, `  rule: ${s.rule}`];
  if (s.ranking) {
    out.push('  deletion order:');
    for (const r of s.ranking) {
      const keys = [r.coLocated !== undefined ? `co-located ${r.coLocated}` : '', r.ordinal !== undefined ? `ordinal ${r.ordinal}` : '', r.deletionCost ? `cost ${r.deletionCost}` : '', r.ready ? '' : 'not ready'].filter(Boolean).join(', ');
      out.push(`    ${r.deleted ? '✗' : '·'} ${r.pod}${r.node ? ` on ${r.node}` : ''}${keys ? ` (${keys})` : ''}`);
    }
    if (s.tiedAtCut) out.push(`  tie: ${s.tiedAtCut.join(', ')} rank equally; the controller's sort may delete any of them`);
  }
  out.push(...renderSteps(s.steps), `  ${s.message}`);
  return out.join('\n') + '\n';
}

export function renderDomainLoss(d: DomainLossJson): string {
  const out: string[] = ['', `Losing ${d.domain.key}=${d.domain.value} (${d.mode}; nodes ${d.nodes.join(', ')})`];
  out.push(...renderSteps(d.steps));
  if (d.otherPodsEvicted) out.push(`  ${d.otherPodsEvicted} pod(s) of other workloads went with the domain; their controllers' replacements are not modelled`);
  out.push(`  ${d.message}`);
  return out.join('\n') + '\n';
}

export interface StepsSvgOptions {
  title: string;
  subtitle?: string;
}

/** One SVG with a row per step: bars per domain of the first constraint's key, and Pending pods. */
export function renderStepsSvg(steps: WhatIfStep[], opts: StepsSvgOptions): string {
  const key = steps.find((s) => s.constraints.length)?.constraints[0].topologyKey;
  const domains = [...new Set(steps.flatMap((s) => Object.keys(key ? (s.distribution[key] ?? {}) : {})))];
  const maxCount = Math.max(1, ...steps.flatMap((s) => Object.values(key ? (s.distribution[key] ?? {}) : {})));
  const colW = 120;
  const rowH = 74;
  const left = 10;
  const top = 60;
  const width = Math.max(520, left + 220 + domains.length * (colW + 8));
  const height = top + steps.length * rowH + 10;
  const p: string[] = [];
  p.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img" aria-label="${esc(opts.title)}">`);
  p.push('<style>.t{fill:var(--vscode-foreground,#222)}.m{fill:var(--vscode-descriptionForeground,#666)}.bar{fill:var(--vscode-charts-blue,#3178c6)}.pend{fill:var(--vscode-charts-red,#d33)}.bad{fill:var(--vscode-charts-orange,#d80)}.box{fill:var(--vscode-editorWidget-background,#f4f4f4);stroke:var(--vscode-panel-border,#ccc)}</style>');
  p.push(`<text class="t" x="${left}" y="20" font-size="14" font-weight="bold">${esc(opts.title)}</text>`);
  if (opts.subtitle) p.push(`<text class="m" x="${left}" y="38">${esc(opts.subtitle)}</text>`);
  domains.forEach((d, i) => p.push(`<text class="m" x="${left + 220 + i * (colW + 8)}" y="${top - 6}">${esc(d || '""')}</text>`));
  steps.forEach((s, r) => {
    const y = top + r * rowH;
    p.push(`<rect class="box" x="${left}" y="${y}" width="${width - 2 * left}" height="${rowH - 6}" rx="4"/>`);
    const desc = s.description.length > 34 ? `${s.description.slice(0, 33)}…` : s.description;
    p.push(`<text class="t" x="${left + 6}" y="${y + 16}" font-weight="bold">${esc(`${s.step}. ${s.action}`)}<title>${esc(s.description)}</title></text>`);
    p.push(`<text class="m" x="${left + 6}" y="${y + 32}">${esc(desc)}<title>${esc(s.description)}</title></text>`);
    const c = s.constraints[0];
    if (c) p.push(`<text class="${c.violated ? 'bad' : 'm'}" x="${left + 6}" y="${y + 48}">${esc(`skew ${c.skew} (maxSkew ${c.maxSkew})`)}</text>`);
    if (s.pending.length) p.push(`<text class="pend" x="${left + 6}" y="${y + 64}" font-weight="bold">${s.pending.length} Pending<title>${esc(s.pending[0].message)}</title></text>`);
    domains.forEach((d, i) => {
      const n = key ? (s.distribution[key]?.[d] ?? 0) : 0;
      const x = left + 220 + i * (colW + 8);
      const w = Math.round(((colW - 30) * n) / maxCount);
      p.push(`<rect class="bar" x="${x}" y="${y + 20}" width="${Math.max(n ? 2 : 0, w)}" height="22"><title>${esc(`${d}: ${n} pod(s)`)}</title></rect>`);
      p.push(`<text class="t" x="${x + Math.max(n ? 2 : 0, w) + 4}" y="${y + 36}">${n}</text>`);
    });
  });
  p.push('</svg>');
  return p.join('\n') + '\n';
}
