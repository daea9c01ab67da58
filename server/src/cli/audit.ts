// kube-spread audit: the spread of every workload running in a cluster fixture, counted as the scheduler
// counts, the Pending pods explained, and (with --descheduler) what the descheduler would do about it.
// Contract: docs/audit.md and docs/cli.md.

import {
  auditCluster, auditFailures, type AuditFailOn, type DeschedulerJson, isAuditFailOn, readDeschedulerPolicy,
  renderAuditMarkdown, renderAuditText, runDeschedulerAudit,
} from '../analysis';
import type { ParsedArgs } from './args';
import { readInput, stdinOnce } from './inputs';
import { common, out, warn } from './options';
import { UsageError } from './usage';

function failLevel(args: ParsedArgs, fromProject: AuditFailOn | undefined): AuditFailOn {
  const flag = args.one('fail-on');
  if (flag === undefined) return fromProject ?? 'DoNotSchedule';
  if (!isAuditFailOn(flag)) throw new UsageError(`--fail-on must be DoNotSchedule, any or never (got "${flag}")`);
  return flag;
}

export function cmdAudit(args: ParsedArgs): number {
  const [extra] = args.positionals;
  if (extra !== undefined) throw new UsageError(`audit takes no FILE ("${extra}"); use --cluster FIXTURE`);
  const policyFile = args.one('descheduler-policy');
  stdinOnce([
    { what: '--cluster', values: args.all('cluster') },
    { what: '--scheduler-config', values: args.all('scheduler-config') },
    { what: '--descheduler-policy', values: policyFile === undefined ? [] : [policyFile] },
  ]);
  const c = common(args);
  const level = failLevel(args, c.project?.audit?.failOn);
  let descheduler: DeschedulerJson | null = null;
  if (args.has('descheduler') || policyFile !== undefined) {
    const policy = policyFile === undefined ? undefined : readDeschedulerPolicy(readInput(policyFile), policyFile === '-' ? '<stdin>' : policyFile);
    for (const w of policy?.warnings ?? []) warn(w);
    if (policy && policy.errors.length > 0) {
      // The descheduler would refuse to start: every problem on its own line, the last one as the error.
      for (const e of policy.errors.slice(0, -1)) process.stderr.write(`kube-spread: ${e}\n`);
      throw new UsageError(policy.errors[policy.errors.length - 1]);
    }
    descheduler = runDeschedulerAudit(c.session.context, policy);
  }
  const audit = auditCluster(c.session.context, { descheduler });
  if (audit.workloads.length === 0 && !args.has('allow-empty')) {
    throw new UsageError(`${audit.cluster.embedded ? 'the embedded sample' : audit.cluster.source} holds no workload (no pod and no workload controller): nothing to audit (--allow-empty to accept)`);
  }
  const failures = auditFailures(audit, level);
  if (c.format === 'json') out(`${JSON.stringify({ ...audit, failOn: level, failed: failures.length > 0 }, null, 2)}\n`);
  else if (c.format === 'markdown') out(renderAuditMarkdown(audit));
  else out(renderAuditText(audit));
  return failures.length > 0 ? 1 : 0;
}
