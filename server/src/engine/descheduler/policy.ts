// DeschedulerPolicy descheduler/v1alpha2 (pkg/api/v1alpha2/types.go) as decoded JSON → dry-run
// options, with the checks the descheduler makes at start (pkg/descheduler/policyconfig.go
// validateDeschedulerConfiguration, pkg/framework/profile/profile.go NewProfile, each plugin's
// Validate…Args) as problems addressed by field path. YAML is decoded outside the engine.

import { parseLabelSelectorString } from './labelsParse';
import { join, Reader } from './policyFields';
import {
  DEFAULT_MAX_ROUNDS, DEFAULT_POD_PROTECTIONS, type DefaultEvictorArgs, type DeschedulerDryRunOptions, type DeschedulerProfileOptions,
  defaultTopologySpreadArgs, EXTRA_POD_PROTECTIONS, type PodProtection, type PolicyProblem, type SpreadAction, type TopologySpreadArgs,
} from './types';

const TSC = 'RemovePodsViolatingTopologySpreadConstraint';
const EVICTOR = 'DefaultEvictor';
/** pkg/descheduler/setupplugins.go RegisterDefaultPlugins, with the extension points each implements. */
const PLUGINS: Record<string, readonly string[]> = {
  DefaultEvictor: ['filter', 'preevictionfilter'],
  LowNodeUtilization: ['balance'],
  HighNodeUtilization: ['balance'],
  RemoveDuplicates: ['balance'],
  RemovePodsViolatingTopologySpreadConstraint: ['balance'],
  PodLifeTime: ['deschedule'],
  RemoveFailedPods: ['deschedule'],
  RemovePodsHavingTooManyRestarts: ['deschedule'],
  RemovePodsViolatingInterPodAntiAffinity: ['deschedule'],
  RemovePodsViolatingNodeAffinity: ['deschedule'],
  RemovePodsViolatingNodeTaints: ['deschedule'],
};
const EXTENSION_POINTS = ['presort', 'sort', 'deschedule', 'balance', 'filter', 'preevictionfilter'];
const UINT32 = 4294967295;

export interface ParsedDeschedulerPolicy {
  options: DeschedulerDryRunOptions;
  /** What the descheduler refuses (it would not start). */
  problems: PolicyProblem[];
  /** What it accepts but ignores (unknown fields). */
  warnings: PolicyProblem[];
}

export function parseDeschedulerPolicy(value: unknown): ParsedDeschedulerPolicy {
  const r = new Reader();
  const options: DeschedulerDryRunOptions = { profiles: [], maxRounds: DEFAULT_MAX_ROUNDS };
  const top = r.object(value, '');
  if (!top) {
    if (value === undefined || value === null) r.problem('', 'empty policy: expected a DeschedulerPolicy');
    return { options, problems: r.problems, warnings: r.warnings };
  }
  r.known(top, '', ['apiVersion', 'kind', 'profiles', 'nodeSelector', 'maxNoOfPodsToEvictPerNode', 'maxNoOfPodsToEvictPerNamespace',
    'maxNoOfPodsToEvictTotal', 'evictionFailureEventNotification', 'metricsCollector', 'metricsProviders', 'gracePeriodSeconds']);
  if (top.apiVersion !== 'descheduler/v1alpha2') r.problem('apiVersion', `must be "descheduler/v1alpha2" (got ${JSON.stringify(top.apiVersion ?? null)})`);
  if (top.kind !== 'DeschedulerPolicy') r.problem('kind', `must be "DeschedulerPolicy" (got ${JSON.stringify(top.kind ?? null)})`);
  const nodeSelector = r.string(top.nodeSelector, 'nodeSelector');
  if (nodeSelector !== undefined) {
    const parsed = parseLabelSelectorString(nodeSelector);
    if ('error' in parsed) r.problem('nodeSelector', parsed.error);
    else options.nodeSelector = nodeSelector;
  }
  for (const f of ['maxNoOfPodsToEvictPerNode', 'maxNoOfPodsToEvictPerNamespace', 'maxNoOfPodsToEvictTotal'] as const) {
    const n = r.integer(top[f], f, 0, UINT32);
    if (n !== undefined) options[f] = n;
  }
  r.bool(top.evictionFailureEventNotification, 'evictionFailureEventNotification');
  (r.list(top.profiles, 'profiles') ?? []).forEach((p, i) => {
    const profile = parseProfile(r, p, `profiles[${i}]`);
    if (profile) options.profiles.push(profile);
  });
  return { options, problems: r.problems, warnings: r.warnings };
}

function parseProfile(r: Reader, v: unknown, path: string): DeschedulerProfileOptions | undefined {
  const o = r.object(v, path);
  if (!o) return undefined;
  r.known(o, path, ['name', 'pluginConfig', 'plugins']);
  const name = r.string(o.name, join(path, 'name')) ?? '';
  const configs = new Map<string, { args: unknown; path: string }>();
  (r.list(o.pluginConfig, join(path, 'pluginConfig')) ?? []).forEach((c, j) => {
    const cp = `${join(path, 'pluginConfig')}[${j}]`;
    const co = r.object(c, cp);
    if (!co) return;
    r.known(co, cp, ['name', 'args']);
    const pname = r.string(co.name, join(cp, 'name')) ?? '';
    if (!PLUGINS[pname]) {
      r.problem(join(cp, 'name'), `in profile ${name}: plugin ${pname} in pluginConfig not registered`);
      return;
    }
    if (!configs.has(pname)) configs.set(pname, { args: co.args, path: join(cp, 'args') });
  });
  const enabled: Record<string, string[]> = {};
  const plugins = r.object(o.plugins, join(path, 'plugins'));
  if (plugins) {
    r.known(plugins, join(path, 'plugins'), EXTENSION_POINTS);
    for (const ep of EXTENSION_POINTS) {
      const ps = r.object(plugins[ep], join(join(path, 'plugins'), ep));
      if (!ps) continue;
      const epPath = join(join(path, 'plugins'), ep);
      r.known(ps, epPath, ['enabled', 'disabled']);
      r.strings(ps.disabled, join(epPath, 'disabled'));
      (r.strings(ps.enabled, join(epPath, 'enabled')) ?? []).forEach((pn, k) => {
        if (!PLUGINS[pn]?.includes(ep)) {
          r.problem(`${join(epPath, 'enabled')}[${k}]`, `profile "${name}" configures ${ep} extension point of non-existing plugins: [${pn}]`);
          return;
        }
        (enabled[ep] ??= []).push(pn);
      });
    }
  }
  const profile: DeschedulerProfileOptions = { name, evictor: {} };
  const other: string[] = [];
  for (const ep of ['deschedule', 'balance']) {
    for (const pn of enabled[ep] ?? []) {
      if (!configs.has(pn)) r.problem(join(path, 'pluginConfig'), `unable to find "${pn}" plugin config (profile "${name}" enables it at ${ep})`);
      if (pn === TSC) profile.topologySpread = parseTopologySpreadArgs(r, configs.get(pn)?.args, configs.get(pn)?.path ?? join(path, 'pluginConfig'));
      else if (!other.includes(pn)) other.push(pn);
    }
  }
  if (other.length) profile.otherPlugins = other;
  // setDefaultEvictor: DefaultEvictor is always a filter and preEvictionFilter, with default args unless configured.
  const ev = configs.get(EVICTOR);
  if (ev) profile.evictor = parseEvictorArgs(r, ev.args, ev.path);
  return profile;
}

function parseTopologySpreadArgs(r: Reader, v: unknown, path: string): TopologySpreadArgs {
  const args = defaultTopologySpreadArgs();
  const o = r.object(v, path);
  if (!o) return args;
  r.known(o, path, ['apiVersion', 'kind', 'namespaces', 'labelSelector', 'constraints', 'topologyBalanceNodeFit']);
  const ns = r.object(o.namespaces, join(path, 'namespaces'));
  if (ns) {
    r.known(ns, join(path, 'namespaces'), ['include', 'exclude']);
    const include = r.strings(ns.include, join(join(path, 'namespaces'), 'include')) ?? [];
    const exclude = r.strings(ns.exclude, join(join(path, 'namespaces'), 'exclude')) ?? [];
    if (include.length && exclude.length) r.problem(join(path, 'namespaces'), 'only one of Include/Exclude namespaces can be set');
    args.namespaces = { include, exclude };
  }
  const sel = r.labelSelector(o.labelSelector, join(path, 'labelSelector'));
  if (sel) args.labelSelector = sel;
  const constraints = r.strings(o.constraints, join(path, 'constraints'));
  if (constraints?.length) {
    const ok: SpreadAction[] = [];
    constraints.forEach((c, i) => {
      if (c === 'DoNotSchedule' || c === 'ScheduleAnyway') ok.push(c);
      else r.problem(`${join(path, 'constraints')}[${i}]`, `constraint ${c} is not one of [DoNotSchedule ScheduleAnyway]`);
    });
    if (ok.length) args.constraints = ok;
  }
  const fit = r.bool(o.topologyBalanceNodeFit, join(path, 'topologyBalanceNodeFit'));
  if (fit !== undefined) args.topologyBalanceNodeFit = fit;
  return args;
}

const DEPRECATED = ['evictLocalStoragePods', 'evictDaemonSetPods', 'evictSystemCriticalPods', 'ignorePvcPods', 'ignorePodsWithoutPDB', 'evictFailedBarePods'] as const;

function parseEvictorArgs(r: Reader, v: unknown, path: string): DefaultEvictorArgs {
  const args: DefaultEvictorArgs = {};
  const o = r.object(v, path);
  if (!o) return args;
  r.known(o, path, ['apiVersion', 'kind', 'nodeSelector', 'labelSelector', 'namespaceLabelSelector', 'priorityThreshold', 'nodeFit', 'minReplicas',
    'minPodAge', 'noEvictionPolicy', 'podProtections', ...DEPRECATED]);
  const nodeSelector = r.string(o.nodeSelector, join(path, 'nodeSelector'));
  if (nodeSelector !== undefined) {
    const parsed = parseLabelSelectorString(nodeSelector);
    if ('error' in parsed) r.problem(join(path, 'nodeSelector'), parsed.error);
    else args.nodeSelector = nodeSelector;
  }
  args.labelSelector = r.labelSelector(o.labelSelector, join(path, 'labelSelector'));
  args.namespaceLabelSelector = r.labelSelector(o.namespaceLabelSelector, join(path, 'namespaceLabelSelector'));
  const pt = r.object(o.priorityThreshold, join(path, 'priorityThreshold'));
  if (pt) {
    r.known(pt, join(path, 'priorityThreshold'), ['value', 'name']);
    const value = r.integer(pt.value, join(join(path, 'priorityThreshold'), 'value'), -2147483648, 2147483647);
    const name = r.string(pt.name, join(join(path, 'priorityThreshold'), 'name'));
    if (value !== undefined && name) r.problem(join(path, 'priorityThreshold'), 'priority threshold misconfigured, only one of priorityThreshold fields can be set');
    else if (value !== undefined && value > 2 * 1000000000) r.problem(join(join(path, 'priorityThreshold'), 'value'), `priority threshold can't be greater than ${2 * 1000000000}`);
    args.priorityThreshold = { value, name };
  }
  args.nodeFit = r.bool(o.nodeFit, join(path, 'nodeFit'));
  args.minReplicas = r.integer(o.minReplicas, join(path, 'minReplicas'), 0, UINT32);
  args.minPodAge = r.string(o.minPodAge, join(path, 'minPodAge'));
  const nep = r.string(o.noEvictionPolicy, join(path, 'noEvictionPolicy'));
  if (nep && nep !== 'Preferred' && nep !== 'Mandatory') r.problem(join(path, 'noEvictionPolicy'), 'noEvictionPolicy accepts only ["Preferred" "Mandatory"] values');
  args.noEvictionPolicy = nep;
  for (const f of DEPRECATED) args[f] = r.bool(o[f], join(path, f));
  const pp = r.object(o.podProtections, join(path, 'podProtections'));
  if (pp) args.podProtections = parsePodProtections(r, pp, join(path, 'podProtections'));
  const usesNew = (args.podProtections?.extraEnabled?.length ?? 0) > 0 || (args.podProtections?.defaultDisabled?.length ?? 0) > 0;
  if (usesNew && DEPRECATED.some((f) => args[f])) {
    r.problem(path, 'cannot use Deprecated fields alongside PodProtections.ExtraEnabled or PodProtections.DefaultDisabled');
  }
  return args;
}

function parsePodProtections(r: Reader, pp: Record<string, unknown>, path: string): DefaultEvictorArgs['podProtections'] {
  r.known(pp, path, ['extraEnabled', 'defaultDisabled', 'config']);
  const list = (field: 'extraEnabled' | 'defaultDisabled', allowed: readonly PodProtection[]): PodProtection[] => {
    const names = r.strings(pp[field], join(path, field)) ?? [];
    const out: PodProtection[] = [];
    names.forEach((n, i) => {
      if (!(allowed as readonly string[]).includes(n)) {
        const where = field === 'extraEnabled' ? 'ExtraEnabled' : 'DefaultDisabled';
        r.problem(`${join(path, field)}[${i}]`, `invalid pod protection policy in ${where}: "${n}". Valid options are: [${allowed.join(' ')}]`);
      } else if (out.includes(n as PodProtection)) {
        r.problem(join(path, field), `PodProtections.${field === 'extraEnabled' ? 'ExtraEnabled' : 'DefaultDisabled'} contains duplicate entries`);
      } else out.push(n as PodProtection);
    });
    return out;
  };
  const extraEnabled = list('extraEnabled', EXTRA_POD_PROTECTIONS);
  const defaultDisabled = list('defaultDisabled', DEFAULT_POD_PROTECTIONS);
  const out: DefaultEvictorArgs['podProtections'] = { extraEnabled, defaultDisabled };
  const cfg = r.object(pp.config, join(path, 'config'));
  const pvc = cfg ? r.object(cfg.PodsWithPVC, join(join(path, 'config'), 'PodsWithPVC')) : undefined;
  if (pvc) {
    const scPath = join(join(join(path, 'config'), 'PodsWithPVC'), 'protectedStorageClasses');
    out.protectedStorageClasses = [];
    (r.list(pvc.protectedStorageClasses, scPath) ?? []).forEach((sc, i) => {
      const name = r.string(r.object(sc, `${scPath}[${i}]`)?.name, `${scPath}[${i}].name`) ?? '';
      if (name === '' && extraEnabled.includes('PodsWithPVC')) r.problem(`${scPath}[${i}].name`, `PodProtections.Config.PodsWithPVC.ProtectedStorageClasses[${i}] name cannot be empty`);
      else if (name) out.protectedStorageClasses!.push(name);
    });
  }
  return out;
}
