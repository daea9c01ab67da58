// A KubeSchedulerConfiguration value (already parsed, plain JS) into a SchedulerSetup, in the order
// kube-scheduler goes: decode the v1 object (decode.ts) with its defaults (defaults.ts) and
// validation (validate.ts; pkg/scheduler/apis/config/validation ValidateKubeSchedulerConfiguration),
// then build every profile's framework (expand.ts; runtime/framework.go NewFramework). A
// configuration with errors is one kube-scheduler refuses to start with: no setup, only its issues.

import type { SchedulerEnv } from '../framework';
import type { Profile } from '../profile';
import { decodeExtender, decodeTopLevel, readProfile } from './decode';
import { expandProfile } from './expand';
import { hasErrorsSince, report } from './issues';
import { isObj, jsonKind } from './strict';
import { CONFIG_API_VERSION, CONFIG_KIND, type ConfigContext, type DecodedProfile, type SchedulerConfigResult } from './types';
import { validateCommonQueueSort, validateExtender, validateTopLevel, validateUniqueSchedulerName } from './validate';

/**
 * Decodes, defaults, validates and expands one KubeSchedulerConfiguration for this release.
 * `source` names where it came from (SchedulerSetup.source). Issues are addressed by field path.
 */
export function buildSchedulerSetup(v: unknown, env: SchedulerEnv, source: string): SchedulerConfigResult {
  const c: ConfigContext = { env, issues: [] };
  const refused = (): SchedulerConfigResult => ({ ok: false, issues: c.issues });
  if (!isObj(v)) {
    report(c, [], `couldn't decode as ${CONFIG_KIND}: the document is ${jsonKind(v)}, not an object`);
    return refused();
  }
  const apiVersion = String(v.apiVersion ?? '');
  if (v.kind !== CONFIG_KIND) {
    report(c, ['kind'], `couldn't decode as ${CONFIG_KIND}, got kind "${String(v.kind ?? '')}"`, 'error');
    return refused();
  }
  if (apiVersion !== CONFIG_API_VERSION) {
    const hint = /^kubescheduler\.config\.k8s\.io\/v1beta[0-9]$/.test(apiVersion)
      ? ` (${apiVersion.split('/')[1]} is no longer served by kube-scheduler 1.${env.minor}; ${CONFIG_API_VERSION} is the only version since 1.29)` : '';
    report(c, ['apiVersion'], `no kind "${CONFIG_KIND}" is registered for version "${apiVersion}" in scheme "pkg/scheduler/apis/config/scheme/scheme.go:30"${hint}`);
    return refused();
  }
  decodeTopLevel(c, v);
  const percentage = validateTopLevel(c, v);
  const extenders = Array.isArray(v.extenders) ? v.extenders : [];
  extenders.forEach((e, i) => {
    if (!isObj(e)) return;
    decodeExtender(c, e, i);
    validateExtender(c, e, i);
  });

  const rawProfiles = Array.isArray(v.profiles) && v.profiles.length > 0 ? v.profiles : [{}];
  const profiles: DecodedProfile[] = [];
  const names = new Map<string, number>();
  rawProfiles.forEach((rp, i) => {
    const prof = readProfile(c, rp, i, rawProfiles.length === 1);
    if (!prof) return;
    validateUniqueSchedulerName(c, prof, names);
    profiles.push(prof);
  });
  validateCommonQueueSort(c, profiles);
  if (hasErrorsSince(c)) return refused();

  const built: Profile[] = [];
  const profilePercentage: Record<string, number> = {};
  for (const r of profiles) {
    const prof = expandProfile(c, r);
    if (prof) built.push(prof);
    if (r.percentage !== undefined) profilePercentage[r.schedulerName] = r.percentage;
  }
  if (hasErrorsSince(c)) return refused();
  if (extenders.length) report(c, ['extenders'], `${extenders.length} scheduler extender(s) configured: kube-spread does not call extenders, so their filtering and scores are missing from every result`, 'warning', true);
  return { ok: true, setup: { source, profiles: built, percentageOfNodesToScore: percentage, profilePercentage, problems: c.issues } };
}
