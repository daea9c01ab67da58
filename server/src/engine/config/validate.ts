// Validation of a decoded KubeSchedulerConfiguration with the scheduler's own messages
// (pkg/scheduler/apis/config/validation/validation.go: ValidateKubeSchedulerConfiguration,
// validateKubeSchedulerProfile, validatePluginConfig, validateCommonQueueSort; and
// validation_pluginargs.go: the per-plugin args rules). Each rule reads the v1-defaulted value,
// so messages show what kube-scheduler shows. decode.ts calls these as it reads each piece.

import { formatFieldPath, goInt, goNamed, goString, makeIssue, supportedValues, type DocPath } from '../fieldErrors';
import { isQualifiedName } from '../names';
import { ARGS_DEFAULTS, CONFIGURATION_DEFAULTS, defaultingTypeOf, numberOr, resourceWeightOf } from './defaults';
import { fieldError, report, reportApiIssue } from './issues';
import { POINTS } from './plugins';
import { cannotUnmarshal, int, isObj, strictFields } from './strict';
import { CONFIG_API_VERSION, type ConfigContext, type DecodedProfile, type Plugins } from './types';

/** Removed plugins (validation.go invalidPluginsByVersion, v1). */
const INVALID_PLUGINS = ['AzureDiskLimits', 'CinderLimits', 'EBSLimits', 'GCEPDLimits'];

const removedDetail = `was invalid in version "${CONFIG_API_VERSION}" (KubeSchedulerConfiguration is version "${CONFIG_API_VERSION}")`;

/** ValidateKubeSchedulerConfiguration's top-level rules. Returns the global percentageOfNodesToScore. */
export function validateTopLevel(c: ConfigContext, v: Record<string, unknown>): number {
  const le = isObj(v.leaderElection) ? v.leaderElection : {};
  if (le.leaderElect !== false && le.resourceLock !== undefined && le.resourceLock !== 'leases') {
    fieldError(c, 'config/leaderElection', 'Invalid', ['leaderElection', 'resourceLock'], goString(String(le.resourceLock)), 'resourceLock value must be "leases"');
  }
  const parallelism = int(v.parallelism) ?? CONFIGURATION_DEFAULTS.parallelism;
  if (parallelism <= 0) fieldError(c, 'config/parallelism', 'Invalid', ['parallelism'], goInt(parallelism), 'should be an integer value greater than zero');
  const percentage = validatePercentage(c, v.percentageOfNodesToScore, ['percentageOfNodesToScore']) ?? CONFIGURATION_DEFAULTS.percentageOfNodesToScore;
  const initial = int(v.podInitialBackoffSeconds) ?? CONFIGURATION_DEFAULTS.podInitialBackoffSeconds;
  const max = int(v.podMaxBackoffSeconds) ?? CONFIGURATION_DEFAULTS.podMaxBackoffSeconds;
  if (initial <= 0) fieldError(c, 'config/backoff', 'Invalid', ['podInitialBackoffSeconds'], goInt(initial), 'must be greater than 0');
  if (max < initial) fieldError(c, 'config/backoff', 'Invalid', ['podMaxBackoffSeconds'], goInt(max), 'must be greater than or equal to PodInitialBackoffSeconds');
  return percentage;
}

/** validateExtenders: an extender that prioritizes needs a positive weight. */
export function validateExtender(c: ConfigContext, e: Record<string, unknown>, i: number): void {
  if (typeof e.prioritizeVerb === 'string' && e.prioritizeVerb !== '' && !((int(e.weight) ?? 0) > 0)) {
    fieldError(c, 'config/extenders', 'Invalid', ['extenders', i, 'weight'], goInt(int(e.weight) ?? 0), 'must have a positive weight applied to it');
  }
}

/** percentageOfNodesToScore (global or per profile), when set to an integer. */
export function validatePercentage(c: ConfigContext, v: unknown, p: DocPath): number | undefined {
  const n = int(v);
  if (n === undefined) return undefined;
  if (n < 0 || n > 100) fieldError(c, 'config/percentageOfNodesToScore', 'Invalid', p, goInt(n), 'not in valid range [0-100]');
  return n;
}

export function validateSchedulerName(c: ConfigContext, name: string, p: DocPath): void {
  if (name === '') fieldError(c, 'config/schedulerName', 'Required', [...p, 'schedulerName'], undefined, '');
}

/** validatePluginConfig: removed plugins named at any extension point. */
export function validateRemovedPlugins(c: ConfigContext, plugins: Plugins, p: DocPath): void {
  for (const point of POINTS) {
    for (const e of plugins[point].enabled) {
      if (INVALID_PLUGINS.includes(e.name)) {
        fieldError(c, 'config/plugin-removed', 'Invalid', [...p, 'plugins', point, 'enabled', e.path[e.path.length - 1]], goString(e.name), removedDetail);
      }
    }
  }
}

/** A pluginConfig entry's name: not configured twice, not a removed plugin. Returns false when the entry is to be skipped. */
export function validatePluginConfigName(c: ConfigContext, name: string, pp: DocPath, configured: ReadonlyMap<string, unknown>): boolean {
  if (configured.has(name)) {
    reportApiIssue(c, makeIssue({ code: 'config/pluginConfig', type: 'Duplicate', api: pp, value: goString(name) }), 'key');
    return false;
  }
  if (INVALID_PLUGINS.includes(name)) {
    fieldError(c, 'config/plugin-removed', 'Invalid', pp, goString(name), removedDetail);
    return false;
  }
  return true;
}

/** validateKubeSchedulerProfile: schedulerNames are unique (an empty one is already Required). */
export function validateUniqueSchedulerName(c: ConfigContext, prof: DecodedProfile, names: Map<string, number>): void {
  const prev = names.get(prof.schedulerName);
  if (prev !== undefined && prof.schedulerName !== '') {
    // field.Duplicate with the earlier path as the value (upstream prints that *field.Path as a Go struct).
    reportApiIssue(c, makeIssue({ code: 'config/schedulerName', type: 'Duplicate', api: ['profiles', prof.index, 'schedulerName'], value: { text: `profiles[${prev}].schedulerName`, value: prev } }), 'value');
  }
  names.set(prof.schedulerName, prof.index);
}

/** validateCommonQueueSort: every profile must use the same queue sort plugin set. */
export function validateCommonQueueSort(c: ConfigContext, profiles: DecodedProfile[]): void {
  const qs = (r: DecodedProfile) => JSON.stringify([r.plugins.queueSort.enabled.map((e) => [e.name, e.weight ?? null]), r.plugins.queueSort.disabled.map((e) => e.name)]);
  for (const r of profiles.slice(1)) {
    if (profiles[0] && qs(r) !== qs(profiles[0])) {
      report(c, ['profiles', r.index, 'plugins', 'queueSort'], `profiles[${r.index}].plugins.queueSort: Invalid value: ${qs(r)}: must be the same for all profiles`, 'error', true);
    }
  }
}

/** The args of one plugin, decoded (strict) and defaulted: the rules of validation_pluginargs.go. */
export function validateArgs(c: ConfigContext, name: string, args: Record<string, unknown>, p: DocPath): void {
  switch (name) {
    case 'PodTopologySpread': return validatePodTopologySpreadArgs(c, args, p);
    case 'NodeResourcesFit': return validateFitArgs(c, args, p);
    case 'NodeResourcesBalancedAllocation': return validateResources(c, Array.isArray(args.resources) ? args.resources : [], [...p, 'resources'], true);
    case 'InterPodAffinity': {
      const w = numberOr(args.hardPodAffinityWeight, ARGS_DEFAULTS.hardPodAffinityWeight);
      if (w < 0 || w > 100) fieldError(c, 'config/hardPodAffinityWeight', 'Invalid', [...p, 'hardPodAffinityWeight'], goInt(w), 'not in valid range [0, 100]');
      return;
    }
    case 'DefaultPreemption': {
      const pct = numberOr(args.minCandidateNodesPercentage, ARGS_DEFAULTS.minCandidateNodesPercentage);
      const abs = numberOr(args.minCandidateNodesAbsolute, ARGS_DEFAULTS.minCandidateNodesAbsolute);
      if (pct < 0 || pct > 100) fieldError(c, 'config/preemption', 'Invalid', [...p, 'minCandidateNodesPercentage'], goInt(pct), 'not in valid range [0, 100]');
      if (abs < 0) fieldError(c, 'config/preemption', 'Invalid', [...p, 'minCandidateNodesAbsolute'], goInt(abs), 'not in valid range [0, inf)');
      if (pct === 0 && abs === 0) {
        fieldError(c, 'config/preemption', 'Invalid', [...p, 'minCandidateNodesPercentage'], goInt(pct), 'cannot be zero at the same time as minCandidateNodesAbsolute');
        fieldError(c, 'config/preemption', 'Invalid', [...p, 'minCandidateNodesAbsolute'], goInt(abs), 'cannot be zero at the same time as minCandidateNodesPercentage');
      }
      return;
    }
    case 'VolumeBinding': {
      const t = numberOr(args.bindTimeoutSeconds, ARGS_DEFAULTS.bindTimeoutSeconds);
      if (t < 0) fieldError(c, 'config/volumeBinding', 'Invalid', [...p, 'bindTimeoutSeconds'], goInt(t), 'invalid BindTimeoutSeconds, should not be a negative value');
      if (c.env.gates.StorageCapacityScoring) {
        if (Array.isArray(args.shape)) validateShape(c, args.shape, [...p, 'shape']);
      } else if (args.shape !== undefined && args.shape !== null) {
        report(c, [...p, 'shape'], `${formatFieldPath([...p, 'shape'])}: Invalid value: ${JSON.stringify(args.shape)}: unexpected field \`shape\`, remove it or turn on the feature gate StorageCapacityScoring`, 'error', true);
      }
      return;
    }
    default:
  }
}

function validatePodTopologySpreadArgs(c: ConfigContext, args: Record<string, unknown>, p: DocPath): void {
  const type = defaultingTypeOf(args.defaultingType);
  const list = Array.isArray(args.defaultConstraints) ? args.defaultConstraints : [];
  if (type !== 'System' && type !== 'List') fieldError(c, 'config/defaultingType', 'NotSupported', [...p, 'defaultingType'], goNamed(type), supportedValues(['System', 'List']));
  else if (type === 'System' && list.length > 0) fieldError(c, 'config/defaultingType', 'Invalid', [...p, 'defaultingType'], goNamed(type), 'when .defaultConstraints are not empty');
  const seen: { key: string; when: string }[] = [];
  list.forEach((raw, i) => {
    const cp = [...p, 'defaultConstraints', i];
    if (!isObj(raw)) {
      cannotUnmarshal(c, raw, cp, 'v1.TopologySpreadConstraint');
      return;
    }
    strictFields(c, raw, cp, {
      maxSkew: 'int', topologyKey: 'string', whenUnsatisfiable: 'string', labelSelector: 'any', minDomains: 'int', nodeAffinityPolicy: 'string',
      nodeTaintsPolicy: 'string', matchLabelKeys: 'list',
    });
    const maxSkew = typeof raw.maxSkew === 'number' ? raw.maxSkew : 0;
    if (maxSkew <= 0) fieldError(c, 'config/maxSkew', 'Invalid', [...cp, 'maxSkew'], goInt(maxSkew), 'not in valid range (0, inf)');
    const key = typeof raw.topologyKey === 'string' ? raw.topologyKey : '';
    if (key === '') fieldError(c, 'config/topologyKey', 'Required', [...cp, 'topologyKey'], undefined, 'can not be empty');
    else for (const msg of isQualifiedName(key)) fieldError(c, 'config/topologyKey', 'Invalid', [...cp, 'topologyKey'], goString(key), msg);
    const when = typeof raw.whenUnsatisfiable === 'string' ? raw.whenUnsatisfiable : '';
    if (when === '') fieldError(c, 'config/whenUnsatisfiable', 'Required', [...cp, 'whenUnsatisfiable'], undefined, 'can not be empty');
    else if (when !== 'DoNotSchedule' && when !== 'ScheduleAnyway') {
      fieldError(c, 'config/whenUnsatisfiable', 'NotSupported', [...cp, 'whenUnsatisfiable'], goNamed(when), supportedValues(['DoNotSchedule', 'ScheduleAnyway']));
    }
    if (raw.labelSelector !== undefined && raw.labelSelector !== null) {
      fieldError(c, 'config/labelSelector', 'Forbidden', [...cp, 'labelSelector'], undefined, 'constraint must not define a selector, as they deduced for each pod');
    }
    if (seen.some((s) => s.key === key && s.when === when)) {
      reportApiIssue(c, makeIssue({ code: 'config/duplicate', type: 'Duplicate', api: [...p, 'defaultConstraints', i], value: goString(`{${key}, ${when}}`) }), 'key');
    }
    seen.push({ key, when });
  });
}

/** Scoring resources: NodeResourcesFit's weights in (0, 100]; BalancedAllocation's unique, weight 1. */
function validateResources(c: ConfigContext, list: unknown[], p: DocPath, balanced: boolean): void {
  const seen = new Set<string>();
  list.forEach((r, i) => {
    const rp = [...p, i];
    if (!isObj(r)) {
      cannotUnmarshal(c, r, rp, 'v1.ResourceSpec');
      return;
    }
    if (!strictFields(c, r, rp, { name: 'string', weight: 'int' })) return;
    const name = String(r.name ?? '');
    // Defaulting first: an unset or 0 weight becomes 1.
    const weight = resourceWeightOf(r.weight);
    if (balanced) {
      if (seen.has(name)) fieldError(c, 'config/resources', 'Duplicate', [...rp, 'name'], goString(name));
      seen.add(name);
      if (weight !== 1) fieldError(c, 'config/resources', 'Invalid', [...rp, 'weight'], goInt(weight), 'must be 1');
    } else if (weight <= 0 || weight > 100) {
      fieldError(c, 'config/resources', 'Invalid', [...rp, 'weight'], goInt(weight), `resource weight of ${name} not in valid range (0, 100]`);
    }
  });
}

/** A utilization/score shape: at least one point, utilization increasing, in range. */
function validateShape(c: ConfigContext, shape: unknown[], p: DocPath): void {
  if (shape.length === 0) {
    fieldError(c, 'config/shape', 'Required', p, undefined, 'at least one point must be specified');
    return;
  }
  const pts = shape.map((s) => (isObj(s) ? { u: Number(s.utilization ?? 0), s: Number(s.score ?? 0) } : { u: 0, s: 0 }));
  for (let i = 1; i < pts.length; i++) {
    if (pts[i - 1].u >= pts[i].u) {
      fieldError(c, 'config/shape', 'Invalid', [...p, i, 'utilization'], goInt(pts[i].u), 'values must be sorted in increasing order');
      break;
    }
  }
  pts.forEach((pt, i) => {
    if (pt.u < 0 || pt.u > 100) fieldError(c, 'config/shape', 'Invalid', [...p, i, 'utilization'], goInt(pt.u), 'not in valid range [0, 100]');
    if (pt.s < 0 || pt.s > 10) fieldError(c, 'config/shape', 'Invalid', [...p, i, 'score'], goInt(pt.s), 'not in valid range [0, 10]');
  });
}

/** ValidateNodeResourcesFitArgs. Upstream runs it inside NewFit (validatePluginConfig's table keys it "NodeResourcesFitArgs"), with a nil path. */
function validateFitArgs(c: ConfigContext, args: Record<string, unknown>, p: DocPath): void {
  const before = c.issues.length;
  (Array.isArray(args.ignoredResources) ? args.ignoredResources : []).forEach((r, i) => {
    for (const msg of isQualifiedName(String(r))) fieldError(c, 'config/ignoredResources', 'Invalid', [...p, 'ignoredResources', i], goString(String(r)), msg);
  });
  (Array.isArray(args.ignoredResourceGroups) ? args.ignoredResourceGroups : []).forEach((g, i) => {
    const s = String(g);
    if (s.includes('/')) fieldError(c, 'config/ignoredResourceGroups', 'Invalid', [...p, 'ignoredResourceGroups', i], goString(s), "resource group name can't contain '/'");
    for (const msg of isQualifiedName(s)) fieldError(c, 'config/ignoredResourceGroups', 'Invalid', [...p, 'ignoredResourceGroups', i], goString(s), msg);
  });
  const st = args.scoringStrategy;
  if (isObj(st)) {
    const sp = [...p, 'scoringStrategy'];
    strictFields(c, st, sp, { type: 'string', resources: 'list', requestedToCapacityRatio: 'object' });
    const type = st.type === undefined || st.type === null ? '' : String(st.type);
    const types = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'];
    if (!types.includes(type)) fieldError(c, 'config/scoringStrategy', 'NotSupported', [...sp, 'type'], goNamed(type), supportedValues(types));
    validateResources(c, Array.isArray(st.resources) ? st.resources : [], [...sp, 'resources'], false);
    const rtc = st.requestedToCapacityRatio;
    if (type === 'RequestedToCapacityRatio') {
      if (!isObj(rtc)) fieldError(c, 'config/scoringStrategy', 'Required', [...sp, 'requestedToCapacityRatio'], undefined, 'must be specified when type is RequestedToCapacityRatio');
      else {
        strictFields(c, rtc, [...sp, 'requestedToCapacityRatio'], { shape: 'list' });
        validateShape(c, Array.isArray(rtc.shape) ? rtc.shape : [], [...sp, 'requestedToCapacityRatio', 'shape']);
      }
    } else if (isObj(rtc)) {
      fieldError(c, 'config/scoringStrategy', 'Forbidden', [...sp, 'requestedToCapacityRatio'], undefined, 'must be nil when type is not RequestedToCapacityRatio');
    }
  }
  // Upstream prints these paths relative to the args (nil base path) inside "initializing plugin".
  for (const pr of c.issues.slice(before)) {
    if (pr.severity !== 'error') continue;
    const rel = pr.message.startsWith(formatFieldPath(p)) ? pr.message.slice(formatFieldPath(p).length + 1) : pr.message;
    pr.message = `initializing plugin "NodeResourcesFit": ${rel}`;
  }
}
