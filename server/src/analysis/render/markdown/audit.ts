// `kube-spread audit --format markdown`: the audit as a report for a pull-request comment or an issue
// (GitHub-flavoured Markdown: one table, worst first; Pending pods and the descheduler dry run in lists).
// Every user-controlled string is escaped, so a label value cannot break the table or inject markup.

import type { AuditJson, DeschedulerJson } from '../../audit/types';
import { deschedulerVerdict } from '../text/auditDescheduler';
import { constraintLabel, countsText, summaryLine, workloadName } from '../text/audit';

/** Text inside a table cell or a list item: Markdown and HTML specials escaped, no line breaks. */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_[\]|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** Inline code; a backtick inside is rare (names cannot hold one) but must not end the span. */
function code(s: string): string {
  return s.includes('`') ? mdEscape(s) : `\`${s.replace(/\|/g, '\\|')}\``;
}

function status(violated: boolean, hard: boolean): string {
  if (!violated) return 'ok';
  return hard ? '**violated**' : 'over maxSkew (soft)';
}

function deschedulerSection(d: DeschedulerJson): string[] {
  const out = ['', '### Descheduler dry run', '', `RemovePodsViolatingTopologySpreadConstraint, policy ${code(d.policy)}: **${mdEscape(deschedulerVerdict(d))}**`];
  d.rounds.forEach((r, i) => {
    out.push('', `Round ${i + 1}: ${r.evictions.length} eviction${r.evictions.length === 1 ? '' : 's'}`);
    for (const e of r.evictions) out.push(`- evict ${code(`${e.namespace}/${e.name}`)} from ${code(e.node)}, balancing ${mdEscape(e.constraint)}: ${mdEscape(e.reason)}`);
    for (const b of r.blocked ?? []) out.push(`- not evicted ${code(`${b.namespace}/${b.name}`)} on ${code(b.node)}, balancing ${mdEscape(b.constraint)}: ${mdEscape(b.reason)}`);
    for (const p of r.placements) {
      out.push(p.node === null
        ? `- replacement ${code(`${p.namespace}/${p.name}`)} stays Pending${p.reasons?.length ? `: ${mdEscape(p.reasons.join('; '))}` : ''}`
        : `- replacement ${code(`${p.namespace}/${p.name}`)} → ${code(p.node)}${p.preempted?.length ? `, preempting ${p.preempted.map(code).join(', ')}` : ''}`);
    }
  });
  if (d.notes.length > 0) out.push('', ...d.notes.map((n) => `- ${mdEscape(n)}`));
  return out;
}

export function renderAuditMarkdown(a: AuditJson): string {
  const c = a.cluster;
  const out = [
    `## kube-spread audit: ${c.embedded ? 'embedded sample cluster' : code(c.source)}`,
    '',
    `${mdEscape(summaryLine(a))} Cluster: ${c.nodes} nodes, ${c.pods} pods, Kubernetes ${a.kubernetes.version}.`,
  ];
  if (a.workloads.length > 0) {
    out.push('', '| Workload | Constraint | maxSkew | Skew | Status | Pending | Counts |', '|---|---|--:|--:|---|--:|---|');
    for (const w of a.workloads) {
      const name = code(workloadName(w));
      if (w.constraints.length === 0) out.push(`| ${name} | (no spread constraint) | | | | ${w.pending || ''} | |`);
      w.constraints.forEach((k, i) => {
        out.push(`| ${i === 0 ? name : ''} | ${mdEscape(constraintLabel(k))} | ${k.maxSkew} | ${k.skew} | ${status(k.violated, k.whenUnsatisfiable === 'DoNotSchedule')} | ${i === 0 && w.pending ? w.pending : ''} | ${mdEscape(countsText(k.counts, ', ', ': '))} |`);
      });
    }
  }
  const pending = a.workloads.filter((w) => w.pendingPods.length > 0);
  if (pending.length > 0) {
    out.push('', '### Pending pods', '');
    for (const w of pending) for (const p of w.pendingPods) out.push(`- ${code(`${w.namespace}/${p.name}`)} (${mdEscape(`${w.kind} ${w.name}`)}): ${mdEscape(p.reason)}`);
  }
  if (a.descheduler) out.push(...deschedulerSection(a.descheduler));
  const notes = [...a.workloads.flatMap((w) => w.notes.map((n) => `${code(workloadName(w))}: ${mdEscape(n)}`)), ...a.notes.map(mdEscape)];
  if (notes.length > 0) out.push('', '### Notes', '', ...notes.map((n) => `- ${n}`));
  return `${out.join('\n')}\n`;
}
