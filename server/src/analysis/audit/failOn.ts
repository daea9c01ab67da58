// When an audit fails (exit 1): the level is --fail-on, else the project file's audit.failOn, else
// DoNotSchedule. A descheduler loop fails the run under the same levels as a violated hard constraint:
// it is the answer to "may I turn it on?".

import type { AuditJson } from './types';

export const AUDIT_FAIL_ON = ['DoNotSchedule', 'any', 'never'] as const;
export type AuditFailOn = (typeof AUDIT_FAIL_ON)[number];

export function isAuditFailOn(v: string): v is AuditFailOn {
  return (AUDIT_FAIL_ON as readonly string[]).includes(v);
}

/** Why the audit fails at `level`, one line per reason; empty: it passes. */
export function auditFailures(audit: AuditJson, level: AuditFailOn): string[] {
  if (level === 'never') return [];
  const out: string[] = [];
  const { DoNotSchedule, ScheduleAnyway } = audit.summary.violated;
  if (DoNotSchedule > 0) out.push(`${DoNotSchedule} DoNotSchedule constraint${DoNotSchedule > 1 ? 's' : ''} violated`);
  if (level === 'any' && ScheduleAnyway > 0) out.push(`${ScheduleAnyway} ScheduleAnyway constraint${ScheduleAnyway > 1 ? 's' : ''} violated`);
  if (audit.descheduler?.loop) out.push('the descheduler dry run loops');
  return out;
}
