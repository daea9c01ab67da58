// The descheduler dry run of an audit (`kube-spread audit --descheduler [--descheduler-policy FILE]`):
// reading the user's DeschedulerPolicy file (YAML or JSON; problems at file:line:col), then the engine's
// model (engine/descheduler/: RemovePodsViolatingTopologySpreadConstraint, evictions, replacements
// re-scheduled with the scheduler model, rounds until it converges or loops) on the fixture, with the
// scheduler settings of the session (version, gates, profiles).

import { isMap, LineCounter, parseAllDocuments } from 'yaml';
import {
  defaultDeschedulerDryRunOptions, type DeschedulerDryRunOptions, parseDeschedulerPolicy, type PolicyProblem, runDeschedulerDryRun,
} from '../../engine';
import { locate, nodeSpan, offsetRange, type PathSegment } from '../../k8s/ranges';
import type { AnalysisContext } from '../context';
import type { DeschedulerJson } from './types';

export interface LoadedDeschedulerPolicy {
  file: string;
  options?: DeschedulerDryRunOptions;
  /** `file:line:col: message`, one per problem; any problem refuses the policy (the descheduler would not start). */
  errors: string[];
  /** What the descheduler accepts but ignores (unknown fields), located alike. */
  warnings: string[];
}

/** `profiles[0].pluginConfig[1].args` → ['profiles', 0, 'pluginConfig', 1, 'args']. */
export function policyPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/** Reads a DeschedulerPolicy (descheduler/v1alpha2) file's text; `file` names it in problems. */
export function readDeschedulerPolicy(text: string, file: string): LoadedDeschedulerPolicy {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, logLevel: 'error' });
  const list = Array.isArray(docs) ? docs : [];
  const at = (offset: number) => {
    const r = offsetRange(lc, offset, offset);
    return `${file}:${r.start.line + 1}:${r.start.character + 1}`;
  };
  const errors: string[] = [];
  for (const d of list) for (const e of d.errors) errors.push(`${at(e.pos[0])}: ${e.message.split('\n')[0]}`);
  if (list.length > 1) errors.push(`${at(list[1].range[0])}: a DeschedulerPolicy file is one YAML document (remove the ---)`);
  if (errors.length > 0) return { file, errors, warnings: [] };
  const doc = list[0];
  if (!doc || !isMap(doc.contents)) return { file, warnings: [], errors: [`${file}:1:1: a DeschedulerPolicy file is a mapping (apiVersion: descheduler/v1alpha2, kind: DeschedulerPolicy, profiles: …)`] };
  const { options, problems, warnings } = parseDeschedulerPolicy(doc.toJS({ maxAliasCount: 100 }));
  const located = (p: PolicyProblem) => {
    const loc = locate(doc, policyPath(p.path));
    const step = loc.steps[loc.matched];
    const span = nodeSpan(step.raw ?? step.node) ?? [0, 0];
    return `${at(span[0])}: ${p.message}`;
  };
  errors.push(...problems.map(located));
  const warned = (warnings ?? []).map(located);
  return errors.length > 0 ? { file, errors, warnings: warned } : { file, options, errors, warnings: warned };
}

function eviction(e: { namespace: string; name: string; node: string; constraint: string; reason: string }) {
  return { namespace: e.namespace, name: e.name, node: e.node, constraint: e.constraint, reason: e.reason };
}

/** The dry run on the session's fixture, with its scheduler (the replacements are placed by the same model). */
export function runDeschedulerAudit(ctx: AnalysisContext, policy?: LoadedDeschedulerPolicy): DeschedulerJson {
  const base = policy?.options ?? defaultDeschedulerDryRunOptions();
  const options: DeschedulerDryRunOptions = {
    ...base,
    env: base.env ?? ctx.env,
    schedulerProfiles: base.schedulerProfiles ?? (ctx.scheduler ? ctx.scheduler.profiles : [ctx.profile]),
  };
  const run = runDeschedulerDryRun(ctx.fixture.input, options);
  return {
    policy: policy?.file ?? 'default',
    rounds: run.rounds.map((r) => ({
      evictions: r.evictions.map(eviction),
      placements: r.placements.map((p) => ({
        namespace: p.namespace, name: p.name, node: p.node, ...(p.reasons ? { reasons: p.reasons } : {}), ...(p.replaces ? { replaces: p.replaces } : {}),
        ...(p.preempted ? { preempted: p.preempted } : {}),
      })),
      ...(r.blocked?.length ? { blocked: r.blocked.map(eviction) } : {}),
    })),
    converged: run.converged,
    loop: run.loop,
    ...(run.loopPods ? { loopPods: run.loopPods } : {}),
    ...(run.loopRounds ? { loopRounds: run.loopRounds } : {}),
    notes: run.notes,
  };
}
