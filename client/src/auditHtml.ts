// Renders the audit of the fixture in use (docs/audit.md) as static HTML for the Audit Cluster webview:
// the summary and whether `kube-spread audit` would fail, the workloads worst first with one bar per
// domain (the domains over maxSkew and the global minimum marked), the Pending pods with the
// scheduler's reasons, and the descheduler dry run round by round (evictions, where the replacements
// land, converged or loop). A workload whose manifest the server found links to it (`data-open`, which
// the page frame posts as {type: 'open', index}). Pure (no vscode import); every name is escaped, and
// bars are <progress> elements, so the strict CSP needs no inline style.

import type { AuditConstraintResult, AuditDeschedulerResult, AuditResult, AuditWorkloadResult } from '../../server/src/protocol';
import { esc, webviewPage } from './webviewPage';

export interface AuditRenderInput {
  nonce: string;
  title: string;
  result?: AuditResult;
  error?: string;
  /** When the result was computed. */
  at?: string;
}

/** namespace/kind/name: the key of AuditResult.manifests (analysis/audit/workloads.ts workloadId). */
export function auditWorkloadId(w: { namespace: string; kind: string; name: string }): string {
  return `${w.namespace}/${w.kind}/${w.name}`;
}

/** Domains drawn per constraint; past this, the largest and smallest halves and a count of the rest. */
const MAX_DOMAINS = 12;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function status(c: AuditConstraintResult): string {
  if (!c.violated) return '<span class="ok">ok</span>';
  return c.whenUnsatisfiable === 'DoNotSchedule' ? '<span class="violated">VIOLATED</span>' : '<span class="soft">over (soft)</span>';
}

/** One bar per domain: over maxSkew above the global minimum is marked, so is the minimum. */
function bars(c: AuditConstraintResult): string {
  const entries = Object.entries(c.counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (entries.length === 0) return '<p class="muted">no eligible domain</p>';
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const min = c.globalMinimum;
  const even = entries.every(([, n]) => n === entries[0][1]);
  const shown = entries.length > MAX_DOMAINS ? [...entries.slice(0, MAX_DOMAINS / 2), ...entries.slice(-MAX_DOMAINS / 2)] : entries;
  const rows = shown.map(([domain, n], i) => {
    const over = min !== null && n - min > c.maxSkew;
    // Only worth a mark when the domains differ: on an even spread every row would say it.
    const isMin = min !== null && n === min && !even;
    const cls = over ? ' over' : isMin ? ' min' : '';
    const mark = over ? ` <span class="mark">+${n - min! - c.maxSkew} over maxSkew</span>` : isMin ? ' <span class="muted">minimum</span>' : '';
    const gap = entries.length > MAX_DOMAINS && i === MAX_DOMAINS / 2 ? `<div class="more muted">… ${entries.length - MAX_DOMAINS} more domains</div>` : '';
    return `${gap}<div class="domain${cls}" data-domain="${esc(domain)}"><span class="dname">${esc(domain)}</span><progress max="${max}" value="${n}"></progress><span class="count">${n}</span>${mark}</div>`;
  });
  return `<div class="bars">${rows.join('')}</div>`;
}

function constraintRow(c: AuditConstraintResult): string {
  const source = c.source === 'pod' ? '' : ` <span class="muted">(${esc(c.source)})</span>`;
  return `<div class="constraint${c.violated ? ` violated-${c.whenUnsatisfiable === 'DoNotSchedule' ? 'hard' : 'soft'}` : ''}">`
    + `<div class="chead">#${esc(c.index)} <code>${esc(c.topologyKey)}</code> ${esc(c.whenUnsatisfiable)}${source} · maxSkew ${esc(c.maxSkew)} · skew <b>${esc(c.skew)}</b> · ${status(c)}</div>`
    + `${bars(c)}</div>`;
}

function workloadBlock(w: AuditWorkloadResult, k: number, r: AuditResult): string {
  const id = auditWorkloadId(w);
  const linked = r.manifests[id] !== undefined;
  const name = `${esc(w.namespace)}/${esc(w.kind)}/<b>${esc(w.name)}</b>`;
  const title = linked
    ? `<a href="#" data-open="${k}" title="Open the manifest">${name}</a>`
    : `${name} <span class="muted">(no manifest in the workspace)</span>`;
  const worst = w.constraints.some((c) => c.violated && c.whenUnsatisfiable === 'DoNotSchedule') ? ' hard' : w.constraints.some((c) => c.violated) ? ' soft' : '';
  const out = [`<section class="workload${worst}" data-workload="${esc(id)}">`,
    `<h3>${title} <span class="muted">· ${esc(w.running)} running</span>${w.pending ? ` <span class="pending-count">${esc(w.pending)} pending</span>` : ''}</h3>`];
  if (w.constraints.length === 0) out.push('<p class="muted">no spread constraint enforced</p>');
  for (const c of w.constraints) out.push(constraintRow(c));
  if (w.pendingPods.length) {
    out.push(`<ul class="pending">${w.pendingPods.map((p) => `<li>Pending <b>${esc(p.name)}</b>: ${esc(p.reason)}${p.fits?.length ? ` (fits now on ${esc(p.fits.join(', '))})` : ''}</li>`).join('')}</ul>`);
  }
  for (const n of w.notes) out.push(`<p class="note">note: ${esc(n)}</p>`);
  out.push('</section>');
  return out.join('');
}

function deschedulerBlock(d: AuditDeschedulerResult): string {
  const evictions = d.rounds.reduce((n, r) => n + r.evictions.length, 0);
  const out = ['<h2>Descheduler dry run</h2>'];
  const head = `RemovePodsViolatingTopologySpreadConstraint, policy: ${esc(d.policy)}`;
  if (d.loop) {
    const span = d.loopRounds ? (d.loopRounds.from === d.loopRounds.to ? `round ${d.loopRounds.from} repeats` : `rounds ${d.loopRounds.from}–${d.loopRounds.to} repeat`) : 'it repeats';
    out.push(`<p class="loop"><b>LOOP</b>: ${span} forever (${head}). Evicted again and again: ${esc((d.loopPods ?? []).join(', '))}</p>`);
  } else if (d.converged) {
    out.push(`<p class="converged"><b>Converged</b> after ${plural(d.rounds.length, 'round')} (${plural(evictions, 'eviction')}; ${head})</p>`);
  } else out.push(`<p class="warn">Neither converged nor looped after ${plural(d.rounds.length, 'round')} (${head})</p>`);
  d.rounds.forEach((r, i) => {
    out.push(`<div class="round" data-round="${i + 1}"><div class="rhead">Round ${i + 1}: ${plural(r.evictions.length, 'eviction')}</div><ul>`);
    for (const e of r.evictions) out.push(`<li class="evict">evict <b>${esc(e.namespace)}/${esc(e.name)}</b> from ${esc(e.node)}, balancing ${esc(e.constraint)}: ${esc(e.reason)}</li>`);
    for (const p of r.placements) {
      const where = p.node === null
        ? `<span class="pending-count">Pending</span>${p.reasons?.length ? `: ${esc(p.reasons.join('; '))}` : ''}`
        : `→ ${esc(p.node)}${p.preempted?.length ? `, preempting ${esc(p.preempted.join(', '))}` : ''}`;
      out.push(`<li class="place">replacement <b>${esc(p.namespace)}/${esc(p.name)}</b>${p.replaces ? ` <span class="muted">(for ${esc(p.replaces)})</span>` : ''} ${where}</li>`);
    }
    for (const b of r.blocked ?? []) out.push(`<li class="blocked">not evicted <b>${esc(b.namespace)}/${esc(b.name)}</b> on ${esc(b.node)}: ${esc(b.reason)}</li>`);
    out.push('</ul></div>');
  });
  for (const n of d.notes) out.push(`<p class="note">note: ${esc(n)}</p>`);
  return out.join('');
}

function body(r: AuditResult): string {
  const s = r.summary;
  const cluster = r.cluster.embedded || r.cluster.source === 'embedded-sample' ? 'embedded sample cluster' : esc(r.cluster.source);
  const out: string[] = [];
  out.push(`<p class="summary">Audited <b>${plural(s.workloads, 'workload')}</b>, ${plural(s.constraints, 'spread constraint')}: `
    + `<span class="${s.violated.DoNotSchedule ? 'violated' : 'ok'}">${s.violated.DoNotSchedule} DoNotSchedule violated</span>, `
    + `${s.violated.ScheduleAnyway} ScheduleAnyway over maxSkew, ${plural(s.pending, 'pod')} Pending · ${cluster} (${esc(r.cluster.nodes)} nodes, ${esc(r.cluster.pods)} pods)</p>`);
  out.push(r.failed
    ? `<p class="verdict fail"><code>kube-spread audit</code> exits 1 (failOn ${esc(r.failOn)}): ${esc(r.failures.join('; '))}</p>`
    : `<p class="verdict pass"><code>kube-spread audit</code> passes (failOn ${esc(r.failOn)})</p>`);
  if (r.fixtureError) out.push(`<p class="warn">Configured fixture failed (${esc(r.fixtureError)}): showing the last good one.</p>`);
  if (r.workloads.length === 0) out.push('<p class="muted">The fixture holds no workload.</p>');
  r.workloads.forEach((w, k) => out.push(workloadBlock(w, k, r)));
  if (r.descheduler) out.push(deschedulerBlock(r.descheduler));
  for (const n of r.notes) out.push(`<p class="note">note: ${esc(n)}</p>`);
  return out.join('\n');
}

export function renderAudit(i: AuditRenderInput): string {
  const r = i.result;
  const content = i.error !== undefined ? `<p class="error">${esc(i.error)}</p>` : r ? body(r) : '<p class="muted">Auditing…</p>';
  return webviewPage({
    title: i.title,
    nonce: i.nonce,
    label: `<b>Audit</b> · ${esc(i.title)}${i.at ? ` <span class="muted">· ${esc(i.at)}</span>` : ''}`,
    content,
    css: `body { padding-bottom: 16px; }
h2 { font-size: 1.05em; margin: 1.2em 0 .4em; } h3 { font-size: 1em; margin: .2em 0; font-weight: normal; }
code { font-family: var(--vscode-editor-font-family); }
a { color: var(--vscode-textLink-foreground); text-decoration: none; } a:hover { text-decoration: underline; }
.note { color: var(--vscode-descriptionForeground); margin: 2px 0; }
.violated, .fail, .loop b, .mark { color: var(--vscode-errorForeground); font-weight: bold; }
.soft { color: var(--vscode-editorWarning-foreground); } .ok, .pass { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
section.workload { border-left: 3px solid var(--vscode-panel-border); padding: 4px 8px; margin: 10px 0; }
section.workload.hard { border-left-color: var(--vscode-errorForeground); } section.workload.soft { border-left-color: var(--vscode-editorWarning-foreground); }
.constraint { margin: 4px 0 8px; } .chead { margin-bottom: 2px; }
.domain { display: flex; gap: 8px; align-items: center; font-family: var(--vscode-editor-font-family); }
.dname { min-width: 14em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; } .count { min-width: 2em; text-align: right; }
progress { width: 200px; height: 10px; accent-color: var(--vscode-progressBar-background); }
.domain.over progress { accent-color: var(--vscode-errorForeground); } .domain.over .dname { color: var(--vscode-errorForeground); }
.mark { white-space: nowrap; }
.pending-count { background: var(--vscode-inputValidation-errorBackground, var(--vscode-errorForeground)); color: var(--vscode-foreground); border-radius: 8px; padding: 0 6px; }
ul.pending, .round ul { padding-left: 1em; margin: 4px 0; } .round li { list-style: none; margin: 2px 0; }
.round { margin: 6px 0; } .rhead { font-weight: bold; }`,
  });
}
