// `kube-spread audit` for people: one row per spread constraint, workloads worst first, then the
// Pending pods with the scheduler's reasons, the descheduler dry run, and the notes.

import type { AuditConstraintJson, AuditJson, AuditWorkloadJson } from '../../audit/types';
import { renderDeschedulerText } from './auditDescheduler';
import { clusterLine } from './cluster';
import { pad } from './format';

/** Domains listed one by one up to this many; past it the smallest and largest. */
const LIST_DOMAINS = 6;

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "zone-a=3 zone-b=0 zone-c=1", or past LIST_DOMAINS "40 domains: min 0 (node-7, …), max 3 (node-1, …)". */
export function countsText(counts: Record<string, number>, sep = ' ', eq = '='): string {
  const entries = Object.entries(counts);
  if (entries.length === 0) return '(no eligible domain)';
  if (entries.length <= LIST_DOMAINS) return entries.map(([d, n]) => `${d}${eq}${n}`).join(sep);
  const values = entries.map(([, n]) => n);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const at = (v: number) => {
    const names = entries.filter(([, n]) => n === v).map(([d]) => d);
    return names.length <= 2 ? names.join(', ') : `${names.slice(0, 2).join(', ')}, … ${names.length} in all`;
  };
  return `${entries.length} domains: min ${lo} (${at(lo)}), max ${hi} (${at(hi)})`;
}

export function constraintLabel(c: AuditConstraintJson): string {
  const source = c.source === 'pod' ? '' : ` (${c.source})`;
  return `#${c.index} ${c.topologyKey} ${c.whenUnsatisfiable}${source}`;
}

export function statusText(c: AuditConstraintJson): string {
  if (!c.violated) return 'ok';
  return c.whenUnsatisfiable === 'DoNotSchedule' ? 'VIOLATED' : 'over (soft)';
}

export function workloadName(w: { namespace: string; kind: string; name: string }): string {
  return `${w.namespace}/${w.kind}/${w.name}`;
}

export function summaryLine(a: AuditJson): string {
  const s = a.summary;
  return `Audited ${plural(s.workloads, 'workload')}, ${plural(s.constraints, 'spread constraint')}: ` +
    `${s.violated.DoNotSchedule} DoNotSchedule violated, ${s.violated.ScheduleAnyway} ScheduleAnyway over maxSkew, ${plural(s.pending, 'pod')} Pending.`;
}

function rows(workloads: AuditWorkloadJson[]): string[][] {
  const out: string[][] = [];
  for (const w of workloads) {
    const name = workloadName(w);
    if (w.constraints.length === 0) {
      out.push([name, '(no spread constraint)', '', '', '', w.pending ? String(w.pending) : '', '']);
      continue;
    }
    w.constraints.forEach((c, i) => {
      out.push([i === 0 ? name : '', constraintLabel(c), String(c.maxSkew), String(c.skew), statusText(c), i === 0 && w.pending ? String(w.pending) : '', countsText(c.counts)]);
    });
  }
  return out;
}

function table(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => (i === r.length - 1 ? cell : pad(cell, widths[i]))).join('  ').trimEnd();
  return [line(header), ...body.map(line)];
}

export function renderAuditText(a: AuditJson): string {
  const out = [clusterLine(a.cluster), summaryLine(a)];
  if (a.workloads.length > 0) {
    out.push('', ...table(['WORKLOAD', 'CONSTRAINT', 'MAXSKEW', 'SKEW', 'STATUS', 'PENDING', 'COUNTS'], rows(a.workloads)));
  }
  const pending = a.workloads.filter((w) => w.pendingPods.length > 0);
  if (pending.length > 0) {
    out.push('', 'Pending pods:');
    for (const w of pending) {
      for (const p of w.pendingPods) out.push(`  ${w.namespace}/${p.name} (${w.kind} ${w.name}): ${p.reason}${p.fits ? ` (fits on ${p.fits.join(', ')})` : ''}`);
    }
  }
  if (a.descheduler) out.push('', ...renderDeschedulerText(a.descheduler));
  const notes = [...a.workloads.flatMap((w) => w.notes.map((n) => `${workloadName(w)}: ${n}`)), ...a.notes];
  if (notes.length > 0) out.push('', 'Notes:', ...notes.map((n) => `  - ${n}`));
  return `${out.join('\n')}\n`;
}
