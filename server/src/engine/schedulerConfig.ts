// KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) as kube-scheduler reads it: strict
// decoding (unknown fields are errors), v1 defaulting (pkg/scheduler/apis/config/v1/defaults.go,
// default_plugins.go: mergePlugins / mergePluginSet), validation (validation.go,
// validation_pluginargs.go) and the framework's plugin expansion (runtime/framework.go:
// NewFramework, expandMultiPointPlugins, getScoreWeights), turned into the engine's Profiles.
//
// Every problem points at the line of the offending field. A configuration with errors is one
// kube-scheduler refuses to start with, so callers report it and stop (SchedulerConfigError).
// Messages are the scheduler's own field errors (`<path>: <type>: <value>: <detail>`).

import { parseSource, type SourceDoc } from '../fixture/source';
import { Problems } from '../fixture/problems';
import { formatFieldPath, goInt, goNamed, goString, makeIssue, supportedValues, type ApiIssue, type DocPath, type GoValue } from './fieldErrors';
import { isQualifiedName } from './names';
import type { Pod } from './api';
import { Cluster } from './cluster';
import type { SchedulerEnv } from './framework';
import { defaultProfile, PLUGIN_REGISTRY, type Profile, type ProfilePlugin } from './profile';

export const CONFIG_GROUP = 'kubescheduler.config.k8s.io';
export const CONFIG_API_VERSION = `${CONFIG_GROUP}/v1`;
export const CONFIG_KIND = 'KubeSchedulerConfiguration';
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** minFeasibleNodesToFind / minFeasibleNodesPercentageToFind (schedule_one.go). */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** A parsed document that knows where its fields are (a fixture SourceDoc, or a --scheduler-config file). */
export interface ConfigDoc {
  file: string;
  value: unknown;
  /** Position of the value at `path` (with `key`: of its key), relative to the document root. */
  locate: SourceDoc['locate'];
  /** Path of the configuration inside the document (e.g. objects[2] of a ClusterFixture). */
  base?: readonly (string | number)[];
}

export interface ConfigProblem {
  file: string;
  line: number;
  character: number;
  /** The scheduler's field path (`profiles[0].pluginConfig[1].args.defaultingType`). */
  path: string;
  message: string;
  severity: 'error' | 'warning' | 'information';
}

export class SchedulerConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.length ? formatConfigProblem(problems[0]) : 'invalid scheduler configuration');
    this.name = 'SchedulerConfigError';
  }
}

export function formatConfigProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line + 1}:${p.character + 1}: ${p.message}`;
}

/** What the engine needs from a scheduler configuration. */
export interface SchedulerSetup {
  /** The file the configuration came from, or "default" (the built-in default profile). */
  source: string;
  /** Profiles in configuration order. */
  profiles: Profile[];
  /** Global percentageOfNodesToScore (0 = adaptive). */
  percentageOfNodesToScore: number;
  /** Profile-level overrides by schedulerName. */
  profilePercentage: Record<string, number>;
  /** Warnings and notes (errors throw). */
  problems: ConfigProblem[];
}

export function defaultSchedulerSetup(env: SchedulerEnv): SchedulerSetup {
  void env;
  return { source: 'default', profiles: [defaultProfile()], percentageOfNodesToScore: 0, profilePercentage: {}, problems: [] };
}

/** The profile that schedules `pod` (spec.schedulerName, empty = default-scheduler), or undefined: no profile handles it. */
export function profileForPod(setup: Pick<SchedulerSetup, 'profiles'>, pod: Pod | undefined): Profile | undefined {
  const name = pod?.spec?.schedulerName || DEFAULT_SCHEDULER_NAME;
  return setup.profiles.find((p) => p.schedulerName === name);
}

/** numFeasibleNodesToFind (schedule_one.go): how many feasible nodes the scheduler looks for before scoring. */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let p = percentage;
  if (p === 0) {
    p = 50 - Math.trunc(numAllNodes / 125);
    if (p < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) p = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * p) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/** The percentage in force for a profile (profile level wins over the global value). */
export function percentageFor(setup: SchedulerSetup | undefined, schedulerName: string): number {
  if (!setup) return 0;
  return setup.profilePercentage[schedulerName] ?? setup.percentageOfNodesToScore;
}

/** A note when the scheduler would only filter/score a sample of the nodes, else undefined. */
export function samplingNote(setup: SchedulerSetup | undefined, schedulerName: string, numNodes: number): string | undefined {
  const pct = percentageFor(setup, schedulerName);
  const k = numFeasibleNodesToFind(pct, numNodes);
  if (k >= numNodes) return undefined;
  const how = pct === 0 ? `adaptive: max(5, 50 - ${numNodes}/125) = ${Math.max(5, 50 - Math.trunc(numNodes / 125))}%` : `${pct}%`;
  return `percentageOfNodesToScore (${how}): with ${numNodes} nodes the scheduler stops filtering after ${k} feasible nodes, from a start that rotates every cycle; `
    + 'scores, spread weights and ties only see those nodes, so its pick can differ from kube-spread, which evaluates every node. Filter verdicts and spread counts (all nodes) do not change.';
}

// ---------------------------------------------------------------------------------------------
// Plugins: what each in-tree plugin implements (for expansion and "does not extend" errors).

type Point = 'preEnqueue' | 'queueSort' | 'preFilter' | 'filter' | 'postFilter' | 'preScore' | 'score' | 'reserve' | 'permit' | 'preBind' | 'bind' | 'postBind';

/** Extension points in the order NewFramework's getExtensionPoints walks them. */
const POINTS: Point[] = ['preFilter', 'filter', 'postFilter', 'reserve', 'preScore', 'score', 'preBind', 'bind', 'postBind', 'permit', 'preEnqueue', 'queueSort'];

/** The framework's interface names, as its errors print them. */
const POINT_TYPE: Record<Point, string> = {
  preEnqueue: 'PreEnqueuePlugin', queueSort: 'QueueSortPlugin', preFilter: 'PreFilterPlugin', filter: 'FilterPlugin', postFilter: 'PostFilterPlugin',
  preScore: 'PreScorePlugin', score: 'ScorePlugin', reserve: 'ReservePlugin', permit: 'PermitPlugin', preBind: 'PreBindPlugin', bind: 'BindPlugin', postBind: 'PostBindPlugin',
};

const IN_TREE: Record<string, Point[]> = {
  SchedulingGates: ['preEnqueue'],
  PrioritySort: ['queueSort'],
  NodeUnschedulable: ['filter'],
  NodeName: ['filter'],
  TaintToleration: ['filter', 'preScore', 'score'],
  NodeAffinity: ['preFilter', 'filter', 'preScore', 'score'],
  NodePorts: ['preFilter', 'filter'],
  NodeResourcesFit: ['preFilter', 'filter', 'preScore', 'score'],
  VolumeRestrictions: ['preFilter', 'filter'],
  NodeVolumeLimits: ['preFilter', 'filter'],
  VolumeBinding: ['preFilter', 'filter', 'reserve', 'preBind', 'preScore', 'score'],
  VolumeZone: ['preFilter', 'filter'],
  PodTopologySpread: ['preFilter', 'filter', 'preScore', 'score'],
  InterPodAffinity: ['preFilter', 'filter', 'preScore', 'score'],
  DefaultPreemption: ['postFilter'],
  NodeResourcesBalancedAllocation: ['preScore', 'score'],
  ImageLocality: ['score'],
  DefaultBinder: ['bind'],
  DynamicResources: ['preEnqueue', 'preFilter', 'filter', 'postFilter', 'reserve', 'preBind', 'preScore', 'score'],
  NodeDeclaredFeatures: ['preFilter', 'filter'],
};

/** Removed plugins (validation.go invalidPluginsByVersion, v1). */
const INVALID_PLUGINS = ['AzureDiskLimits', 'CinderLimits', 'EBSLimits', 'GCEPDLimits'];

/** Plugins whose args type the v1 scheme registers (<Name>Args); others' args are left undecoded. */
const ARGS_FIELDS: Record<string, Record<string, FieldKind>> = {
  DefaultPreemption: { minCandidateNodesPercentage: 'int', minCandidateNodesAbsolute: 'int' },
  InterPodAffinity: { hardPodAffinityWeight: 'int', ignorePreferredTermsOfExistingPods: 'bool' },
  NodeAffinity: { addedAffinity: 'any' },
  NodeResourcesBalancedAllocation: { resources: 'list' },
  NodeResourcesFit: { ignoredResources: 'list', ignoredResourceGroups: 'list', scoringStrategy: 'object' },
  PodTopologySpread: { defaultConstraints: 'list', defaultingType: 'string' },
  VolumeBinding: { bindTimeoutSeconds: 'int', shape: 'list' },
  DynamicResources: { filterTimeout: 'string', bindingTimeout: 'string' },
};

interface PluginRef {
  name: string;
  weight?: number;
  /** Where it is written (for errors). */
  path: DocPath;
}

interface PluginSet {
  enabled: PluginRef[];
  disabled: PluginRef[];
}

type Plugins = Record<Point | 'multiPoint', PluginSet>;

/** getDefaultPlugins + applyFeatureGates at this version. */
function defaultMultiPoint(env: SchedulerEnv): PluginRef[] {
  const p = (name: string, weight?: number): PluginRef => ({ name, weight, path: [] });
  const list = [
    p('SchedulingGates'), p('PrioritySort'), p('NodeUnschedulable'), p('NodeName'), p('TaintToleration', 3), p('NodeAffinity', 2),
    p('NodePorts'), p('NodeResourcesFit', 1), p('VolumeRestrictions'), p('NodeVolumeLimits'), p('VolumeBinding'), p('VolumeZone'),
    p('PodTopologySpread', 2), p('InterPodAffinity', 2), p('DefaultPreemption'), p('NodeResourcesBalancedAllocation', 1),
    p('ImageLocality', 1), p('DefaultBinder'),
  ];
  // DynamicResourceAllocation (GA 1.34): DynamicResources goes right before DefaultPreemption.
  if (env.gates.DynamicResourceAllocation) list.splice(list.findIndex((x) => x.name === 'DefaultPreemption'), 0, p('DynamicResources'));
  // NodeDeclaredFeatures (beta-on 1.36): its filter joins the profile; exact position UNSURE
  // (semantics doc §9.5), placed after the other filters. Ordinary pods pass it.
  if (env.gates.NodeDeclaredFeatures) list.splice(list.findIndex((x) => x.name === 'PodTopologySpread'), 0, p('NodeDeclaredFeatures'));
  return list;
}

/** mergePluginSet: defaults minus disabled (or all with "*"), re-configured defaults in place, then the custom ones. */
function mergePluginSet(defaults: PluginRef[], custom: PluginSet): PluginSet {
  const disabled = new Set(custom.disabled.map((d) => d.name));
  const customByName = new Map<string, number>();
  custom.enabled.forEach((e, i) => customByName.set(e.name, i));
  const replaced = new Set<number>();
  const enabled: PluginRef[] = [];
  if (!disabled.has('*')) {
    for (const d of defaults) {
      if (disabled.has(d.name)) continue;
      const i = customByName.get(d.name);
      if (i !== undefined) {
        enabled.push(custom.enabled[i]);
        replaced.add(i);
      } else enabled.push(d);
    }
  }
  custom.enabled.forEach((e, i) => {
    if (!replaced.has(i)) enabled.push(e);
  });
  return { enabled, disabled: custom.disabled };
}

// ---------------------------------------------------------------------------------------------
// Strict decoding

type FieldKind = 'int' | 'bool' | 'string' | 'number' | 'object' | 'list' | 'any';

const LEADER_ELECTION: Record<string, FieldKind> = {
  leaderElect: 'bool', leaseDuration: 'string', renewDeadline: 'string', retryPeriod: 'string', resourceLock: 'string', resourceName: 'string', resourceNamespace: 'string',
};
const CLIENT_CONNECTION: Record<string, FieldKind> = { kubeconfig: 'string', acceptContentTypes: 'string', contentType: 'string', qps: 'number', burst: 'int' };
const EXTENDER: Record<string, FieldKind> = {
  urlPrefix: 'string', filterVerb: 'string', preemptVerb: 'string', prioritizeVerb: 'string', weight: 'int', bindVerb: 'string', enableHTTPS: 'bool',
  tlsConfig: 'object', httpTimeout: 'string', nodeCacheCapable: 'bool', managedResources: 'list', ignorable: 'bool',
};

interface Ctx {
  doc: ConfigDoc;
  env: SchedulerEnv;
  problems: ConfigProblem[];
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function report(c: Ctx, path: DocPath, message: string, severity: ConfigProblem['severity'] = 'error', key = false): void {
  const pos = c.doc.locate([...(c.doc.base ?? []), ...path], key);
  c.problems.push({ file: c.doc.file, line: pos.line, character: pos.character, path: formatFieldPath(path), message, severity });
}

function issue(c: Ctx, i: ApiIssue, at: 'key' | 'value' = 'value'): void {
  report(c, i.path, i.message, 'error', at === 'key');
}

const GO_TYPE: Record<FieldKind, string> = { int: 'int32', bool: 'bool', string: 'string', number: 'float32', object: 'object', list: 'array', any: 'any' };

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

/** Checks the fields of `obj` against `fields`: unknown ones and wrongly typed ones are errors. Returns false on any problem. */
function strict(c: Ctx, obj: Record<string, unknown>, path: DocPath, fields: Record<string, FieldKind>, prefix = '', relativeTo = 0): boolean {
  let ok = true;
  for (const [k, v] of Object.entries(obj)) {
    const kind = fields[k];
    const p = [...path, k];
    if (!kind) {
      report(c, p, `${prefix}strict decoding error: unknown field "${formatFieldPath(p.slice(relativeTo))}"`, 'error', true);
      ok = false;
      continue;
    }
    if (v === null || kind === 'any') continue;
    const bad = (kind === 'int' && !(typeof v === 'number' && Number.isInteger(v)))
      || (kind === 'number' && typeof v !== 'number')
      || (kind === 'bool' && typeof v !== 'boolean')
      || (kind === 'string' && typeof v !== 'string')
      || (kind === 'object' && !isObj(v))
      || (kind === 'list' && !Array.isArray(v));
    if (bad) {
      const got = typeof v === 'number' && kind === 'int' ? `number ${String(v)}` : jsonKind(v);
      report(c, p, `${prefix}json: cannot unmarshal ${got} into Go struct field ${formatFieldPath(p.slice(relativeTo))} of type ${GO_TYPE[kind]}`);
      ok = false;
    }
  }
  return ok;
}

function readPluginList(c: Ctx, v: unknown, path: DocPath): PluginRef[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    report(c, path, `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${formatFieldPath(path)} of type []v1.Plugin`);
    return [];
  }
  const out: PluginRef[] = [];
  v.forEach((item, i) => {
    const p = [...path, i];
    if (!isObj(item)) {
      report(c, p, `json: cannot unmarshal ${jsonKind(item)} into Go struct field ${formatFieldPath(p)} of type v1.Plugin`);
      return;
    }
    if (!strict(c, item, p, { name: 'string', weight: 'int' })) return;
    out.push({ name: typeof item.name === 'string' ? item.name : '', weight: typeof item.weight === 'number' ? item.weight : undefined, path: p });
  });
  return out;
}

function readPlugins(c: Ctx, v: unknown, path: DocPath): Plugins {
  const empty = (): PluginSet => ({ enabled: [], disabled: [] });
  const out = Object.fromEntries([...POINTS, 'multiPoint'].map((p) => [p, empty()])) as Plugins;
  if (v === undefined || v === null) return out;
  if (!isObj(v)) {
    report(c, path, `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${formatFieldPath(path)} of type v1.Plugins`);
    return out;
  }
  const fields: Record<string, FieldKind> = Object.fromEntries([...POINTS, 'multiPoint'].map((p) => [p, 'object' as FieldKind]));
  // Workload-scheduling extension points exist only in the 1.37 development line.
  if (c.env.minor >= 37) for (const p of ['placementGenerate', 'placementScore', 'placementFeasible', 'podGroupPostFilter']) fields[p] = 'object';
  strict(c, v, path, fields);
  for (const point of [...POINTS, 'multiPoint'] as const) {
    const set = v[point];
    if (!isObj(set)) continue;
    const p = [...path, point];
    strict(c, set, p, { enabled: 'list', disabled: 'list' });
    out[point] = { enabled: readPluginList(c, set.enabled, [...p, 'enabled']), disabled: readPluginList(c, set.disabled, [...p, 'disabled']) };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Plugin args validation (validation_pluginargs.go), with the scheduler's messages.

const err = (c: Ctx, code: string, type: ApiIssue['type'], api: DocPath, value: GoValue | undefined, detail = '') => issue(c, makeIssue({ code, type, api, value, detail }), type === 'Required' || type === 'Forbidden' || type === 'Duplicate' ? 'key' : 'value');

function validatePodTopologySpreadArgs(c: Ctx, args: Record<string, unknown>, p: DocPath): void {
  const type = args.defaultingType === undefined || args.defaultingType === null || args.defaultingType === '' ? 'System' : String(args.defaultingType);
  const list = Array.isArray(args.defaultConstraints) ? args.defaultConstraints : [];
  if (type !== 'System' && type !== 'List') err(c, 'config/defaultingType', 'NotSupported', [...p, 'defaultingType'], goNamed(type), supportedValues(['System', 'List']));
  else if (type === 'System' && list.length > 0) err(c, 'config/defaultingType', 'Invalid', [...p, 'defaultingType'], goNamed(type), 'when .defaultConstraints are not empty');
  const seen: { key: string; when: string }[] = [];
  list.forEach((raw, i) => {
    const cp = [...p, 'defaultConstraints', i];
    if (!isObj(raw)) {
      report(c, cp, `json: cannot unmarshal ${jsonKind(raw)} into Go struct field ${formatFieldPath(cp)} of type v1.TopologySpreadConstraint`);
      return;
    }
    strict(c, raw, cp, {
      maxSkew: 'int', topologyKey: 'string', whenUnsatisfiable: 'string', labelSelector: 'any', minDomains: 'int', nodeAffinityPolicy: 'string',
      nodeTaintsPolicy: 'string', matchLabelKeys: 'list',
    });
    const maxSkew = typeof raw.maxSkew === 'number' ? raw.maxSkew : 0;
    if (maxSkew <= 0) err(c, 'config/maxSkew', 'Invalid', [...cp, 'maxSkew'], goInt(maxSkew), 'not in valid range (0, inf)');
    const key = typeof raw.topologyKey === 'string' ? raw.topologyKey : '';
    if (key === '') err(c, 'config/topologyKey', 'Required', [...cp, 'topologyKey'], undefined, 'can not be empty');
    else for (const msg of isQualifiedName(key)) err(c, 'config/topologyKey', 'Invalid', [...cp, 'topologyKey'], goString(key), msg);
    const when = typeof raw.whenUnsatisfiable === 'string' ? raw.whenUnsatisfiable : '';
    if (when === '') err(c, 'config/whenUnsatisfiable', 'Required', [...cp, 'whenUnsatisfiable'], undefined, 'can not be empty');
    else if (when !== 'DoNotSchedule' && when !== 'ScheduleAnyway') {
      err(c, 'config/whenUnsatisfiable', 'NotSupported', [...cp, 'whenUnsatisfiable'], goNamed(when), supportedValues(['DoNotSchedule', 'ScheduleAnyway']));
    }
    if (raw.labelSelector !== undefined && raw.labelSelector !== null) {
      err(c, 'config/labelSelector', 'Forbidden', [...cp, 'labelSelector'], undefined, 'constraint must not define a selector, as they deduced for each pod');
    }
    if (seen.some((s) => s.key === key && s.when === when)) {
      issue(c, makeIssue({ code: 'config/duplicate', type: 'Duplicate', api: [...p, 'defaultConstraints', i], value: goString(`{${key}, ${when}}`) }), 'key');
    }
    seen.push({ key, when });
  });
}

function validateResources(c: Ctx, list: unknown[], p: DocPath, balanced: boolean): void {
  const seen = new Set<string>();
  list.forEach((r, i) => {
    const rp = [...p, i];
    if (!isObj(r)) {
      report(c, rp, `json: cannot unmarshal ${jsonKind(r)} into Go struct field ${formatFieldPath(rp)} of type v1.ResourceSpec`);
      return;
    }
    if (!strict(c, r, rp, { name: 'string', weight: 'int' })) return;
    const name = String(r.name ?? '');
    // Defaulting first: an unset or 0 weight becomes 1.
    const weight = typeof r.weight === 'number' && r.weight !== 0 ? r.weight : 1;
    if (balanced) {
      if (seen.has(name)) err(c, 'config/resources', 'Duplicate', [...rp, 'name'], goString(name));
      seen.add(name);
      if (weight !== 1) err(c, 'config/resources', 'Invalid', [...rp, 'weight'], goInt(weight), 'must be 1');
    } else if (weight <= 0 || weight > 100) {
      err(c, 'config/resources', 'Invalid', [...rp, 'weight'], goInt(weight), `resource weight of ${name} not in valid range (0, 100]`);
    }
  });
}

function validateShape(c: Ctx, shape: unknown[], p: DocPath): void {
  if (shape.length === 0) {
    err(c, 'config/shape', 'Required', p, undefined, 'at least one point must be specified');
    return;
  }
  const pts = shape.map((s) => (isObj(s) ? { u: Number(s.utilization ?? 0), s: Number(s.score ?? 0) } : { u: 0, s: 0 }));
  for (let i = 1; i < pts.length; i++) {
    if (pts[i - 1].u >= pts[i].u) {
      err(c, 'config/shape', 'Invalid', [...p, i, 'utilization'], goInt(pts[i].u), 'values must be sorted in increasing order');
      break;
    }
  }
  pts.forEach((pt, i) => {
    if (pt.u < 0 || pt.u > 100) err(c, 'config/shape', 'Invalid', [...p, i, 'utilization'], goInt(pt.u), 'not in valid range [0, 100]');
    if (pt.s < 0 || pt.s > 10) err(c, 'config/shape', 'Invalid', [...p, i, 'score'], goInt(pt.s), 'not in valid range [0, 10]');
  });
}

/** ValidateNodeResourcesFitArgs. Upstream runs it inside NewFit (validatePluginConfig's table keys it "NodeResourcesFitArgs"), with a nil path. */
function validateFitArgs(c: Ctx, args: Record<string, unknown>, p: DocPath): void {
  const before = c.problems.length;
  (Array.isArray(args.ignoredResources) ? args.ignoredResources : []).forEach((r, i) => {
    for (const msg of isQualifiedName(String(r))) err(c, 'config/ignoredResources', 'Invalid', [...p, 'ignoredResources', i], goString(String(r)), msg);
  });
  (Array.isArray(args.ignoredResourceGroups) ? args.ignoredResourceGroups : []).forEach((g, i) => {
    const s = String(g);
    if (s.includes('/')) err(c, 'config/ignoredResourceGroups', 'Invalid', [...p, 'ignoredResourceGroups', i], goString(s), "resource group name can't contain '/'");
    for (const msg of isQualifiedName(s)) err(c, 'config/ignoredResourceGroups', 'Invalid', [...p, 'ignoredResourceGroups', i], goString(s), msg);
  });
  const st = args.scoringStrategy;
  if (isObj(st)) {
    const sp = [...p, 'scoringStrategy'];
    strict(c, st, sp, { type: 'string', resources: 'list', requestedToCapacityRatio: 'object' });
    const type = st.type === undefined || st.type === null ? '' : String(st.type);
    const types = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'];
    if (!types.includes(type)) err(c, 'config/scoringStrategy', 'NotSupported', [...sp, 'type'], goNamed(type), supportedValues(types));
    validateResources(c, Array.isArray(st.resources) ? st.resources : [], [...sp, 'resources'], false);
    const rtc = st.requestedToCapacityRatio;
    if (type === 'RequestedToCapacityRatio') {
      if (!isObj(rtc)) err(c, 'config/scoringStrategy', 'Required', [...sp, 'requestedToCapacityRatio'], undefined, 'must be specified when type is RequestedToCapacityRatio');
      else {
        strict(c, rtc, [...sp, 'requestedToCapacityRatio'], { shape: 'list' });
        validateShape(c, Array.isArray(rtc.shape) ? rtc.shape : [], [...sp, 'requestedToCapacityRatio', 'shape']);
      }
    } else if (isObj(rtc)) {
      err(c, 'config/scoringStrategy', 'Forbidden', [...sp, 'requestedToCapacityRatio'], undefined, 'must be nil when type is not RequestedToCapacityRatio');
    }
  }
  // Upstream prints these paths relative to the args (nil base path) inside "initializing plugin".
  for (const pr of c.problems.slice(before)) {
    if (pr.severity !== 'error') continue;
    const rel = pr.message.startsWith(formatFieldPath(p)) ? pr.message.slice(formatFieldPath(p).length + 1) : pr.message;
    pr.message = `initializing plugin "NodeResourcesFit": ${rel}`;
  }
}

function validateArgs(c: Ctx, name: string, args: Record<string, unknown>, p: DocPath): void {
  switch (name) {
    case 'PodTopologySpread': return validatePodTopologySpreadArgs(c, args, p);
    case 'NodeResourcesFit': return validateFitArgs(c, args, p);
    case 'NodeResourcesBalancedAllocation': return validateResources(c, Array.isArray(args.resources) ? args.resources : [], [...p, 'resources'], true);
    case 'InterPodAffinity': {
      const w = typeof args.hardPodAffinityWeight === 'number' ? args.hardPodAffinityWeight : 1;
      if (w < 0 || w > 100) err(c, 'config/hardPodAffinityWeight', 'Invalid', [...p, 'hardPodAffinityWeight'], goInt(w), 'not in valid range [0, 100]');
      return;
    }
    case 'DefaultPreemption': {
      const pct = typeof args.minCandidateNodesPercentage === 'number' ? args.minCandidateNodesPercentage : 10;
      const abs = typeof args.minCandidateNodesAbsolute === 'number' ? args.minCandidateNodesAbsolute : 100;
      if (pct < 0 || pct > 100) err(c, 'config/preemption', 'Invalid', [...p, 'minCandidateNodesPercentage'], goInt(pct), 'not in valid range [0, 100]');
      if (abs < 0) err(c, 'config/preemption', 'Invalid', [...p, 'minCandidateNodesAbsolute'], goInt(abs), 'not in valid range [0, inf)');
      if (pct === 0 && abs === 0) {
        err(c, 'config/preemption', 'Invalid', [...p, 'minCandidateNodesPercentage'], goInt(pct), 'cannot be zero at the same time as minCandidateNodesAbsolute');
        err(c, 'config/preemption', 'Invalid', [...p, 'minCandidateNodesAbsolute'], goInt(abs), 'cannot be zero at the same time as minCandidateNodesPercentage');
      }
      return;
    }
    case 'VolumeBinding': {
      const t = typeof args.bindTimeoutSeconds === 'number' ? args.bindTimeoutSeconds : 600;
      if (t < 0) err(c, 'config/volumeBinding', 'Invalid', [...p, 'bindTimeoutSeconds'], goInt(t), 'invalid BindTimeoutSeconds, should not be a negative value');
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

// ---------------------------------------------------------------------------------------------
// The whole configuration

interface RawProfile {
  index: number;
  schedulerName: string;
  percentage?: number;
  plugins: Plugins;
  /** pluginConfig by name: args and where they are. */
  args: Map<string, { args: Record<string, unknown>; path: DocPath }>;
}

function int(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

function validatePercentage(c: Ctx, v: unknown, p: DocPath): number | undefined {
  const n = int(v);
  if (n === undefined) return undefined;
  if (n < 0 || n > 100) err(c, 'config/percentageOfNodesToScore', 'Invalid', p, goInt(n), 'not in valid range [0-100]');
  return n;
}

function readProfile(c: Ctx, raw: unknown, i: number, single: boolean): RawProfile | undefined {
  const p: DocPath = ['profiles', i];
  if (!isObj(raw)) {
    report(c, p, `json: cannot unmarshal ${jsonKind(raw)} into Go struct field ${formatFieldPath(p)} of type v1.KubeSchedulerProfile`);
    return undefined;
  }
  const fields: Record<string, FieldKind> = { schedulerName: 'string', percentageOfNodesToScore: 'int', plugins: 'object', pluginConfig: 'list' };
  if (c.env.minor >= 37) fields.percentageOfPlacementsToScore = 'int';
  strict(c, raw, p, fields);
  // SetDefaults: only a single profile gets "default-scheduler" when it names none.
  const schedulerName = typeof raw.schedulerName === 'string' ? raw.schedulerName : single && (raw.schedulerName === undefined || raw.schedulerName === null) ? DEFAULT_SCHEDULER_NAME : '';
  if (schedulerName === '') err(c, 'config/schedulerName', 'Required', [...p, 'schedulerName'], undefined, '');
  const percentage = validatePercentage(c, raw.percentageOfNodesToScore, [...p, 'percentageOfNodesToScore']);
  const plugins = readPlugins(c, raw.plugins, [...p, 'plugins']);
  // validatePluginConfig: removed plugins named anywhere.
  for (const point of POINTS) {
    for (const e of plugins[point].enabled) {
      if (INVALID_PLUGINS.includes(e.name)) {
        err(c, 'config/plugin-removed', 'Invalid', [...p, 'plugins', point, 'enabled', e.path[e.path.length - 1]], goString(e.name),
          `was invalid in version "${CONFIG_API_VERSION}" (KubeSchedulerConfiguration is version "${CONFIG_API_VERSION}")`);
      }
    }
  }
  const args = new Map<string, { args: Record<string, unknown>; path: DocPath }>();
  const list = Array.isArray(raw.pluginConfig) ? raw.pluginConfig : [];
  list.forEach((pc, j) => {
    const pp = [...p, 'pluginConfig', j];
    if (!isObj(pc)) {
      report(c, pp, `json: cannot unmarshal ${jsonKind(pc)} into Go struct field ${formatFieldPath(pp)} of type v1.PluginConfig`);
      return;
    }
    strict(c, pc, pp, { name: 'string', args: 'any' });
    const name = typeof pc.name === 'string' ? pc.name : '';
    if (args.has(name)) {
      issue(c, makeIssue({ code: 'config/pluginConfig', type: 'Duplicate', api: pp, value: goString(name) }), 'key');
      return;
    }
    if (INVALID_PLUGINS.includes(name)) {
      err(c, 'config/plugin-removed', 'Invalid', pp, goString(name), `was invalid in version "${CONFIG_API_VERSION}" (KubeSchedulerConfiguration is version "${CONFIG_API_VERSION}")`);
      return;
    }
    const a = pc.args === undefined || pc.args === null ? {} : pc.args;
    const ap = [...pp, 'args'];
    const fields = ARGS_FIELDS[name];
    if (!isObj(a)) {
      report(c, ap, `decoding .profiles[${i}].pluginConfig[${j}]: decoding args for plugin ${name}: json: cannot unmarshal ${jsonKind(a)} into Go value of type v1.${name}Args`);
      return;
    }
    if (fields) {
      // The args object may carry its own apiVersion/kind (optional in v1); anything else is strict.
      const { apiVersion, kind, ...rest } = a;
      if (kind !== undefined && kind !== `${name}Args`) {
        report(c, [...ap, 'kind'], `decoding .profiles[${i}].pluginConfig[${j}]: args for plugin ${name} were not of type ${name}Args.${CONFIG_GROUP}, got ${String(kind)}.${CONFIG_GROUP}`);
        return;
      }
      void apiVersion;
      if (!strict(c, rest, ap, fields, `decoding .profiles[${i}].pluginConfig[${j}]: decoding args for plugin ${name}: `, ap.length)) return;
      validateArgs(c, name, rest, ap);
      args.set(name, { args: rest, path: ap });
    } else {
      args.set(name, { args: a, path: ap });
    }
  });
  return { index: i, schedulerName, percentage, plugins, args };
}

/** NewFramework for one profile: expansion, the errors it can return, then our Profile. */
function buildProfile(c: Ctx, rp: RawProfile): Profile | undefined {
  const p: DocPath = ['profiles', rp.index];
  const plugins = { ...rp.plugins };
  // Defaulting: every extension point's set is merged with the (empty) default set; multiPoint with the defaults.
  plugins.multiPoint = mergePluginSet(defaultMultiPoint(c.env), rp.plugins.multiPoint);
  const exists = (name: string) => name in IN_TREE;
  const start = c.problems.length;
  const failed = () => c.problems.slice(start).some((x) => x.severity === 'error');
  const fail = (path: DocPath, msg: string) => report(c, path.length ? path : p, `initializing profiles: creating profile for scheduler name ${rp.schedulerName}: ${msg}`, 'error', true);

  // updatePluginList per extension point.
  for (const point of POINTS) {
    const seen = new Set<string>();
    for (const e of plugins[point].enabled) {
      if (!exists(e.name)) {
        fail(e.path, `${POINT_TYPE[point]} "${e.name}" does not exist`);
        continue;
      }
      if (!IN_TREE[e.name].includes(point)) fail(e.path, `plugin "${e.name}" does not extend ${POINT_TYPE[point]} plugin`);
      else if (seen.has(e.name)) fail(e.path, `plugin "${e.name}" already registered as "${POINT_TYPE[point]}"`);
      seen.add(e.name);
    }
  }
  // expandMultiPointPlugins: per extension point, in framework order.
  const expanded = {} as Record<Point, string[]>;
  for (const point of POINTS) {
    const set = plugins[point];
    const enabled = set.enabled.map((e) => e.name);
    const disabled = new Set(set.disabled.map((d) => d.name));
    if (disabled.has('*')) {
      expanded[point] = enabled;
      continue;
    }
    const override: string[] = [];
    const multi: string[] = [];
    for (const e of plugins.multiPoint.enabled) {
      if (!exists(e.name)) {
        fail(e.path, `${POINT_TYPE[point]} "${e.name}" does not exist`);
        break;
      }
      if (!IN_TREE[e.name].includes(point) || disabled.has(e.name)) continue;
      if (enabled.includes(e.name)) {
        if (!override.includes(e.name)) override.push(e.name);
        continue;
      }
      if (multi.includes(e.name)) {
        fail(e.path, `plugin "${e.name}" already registered as "${POINT_TYPE[point]}"`);
        break;
      }
      multi.push(e.name);
    }
    const firstPart = enabled.filter((n) => override.includes(n));
    expanded[point] = [...firstPart, ...multi, ...enabled.filter((n) => !override.includes(n))];
    if (failed()) break;
  }
  if (failed()) return undefined;
  if (expanded.queueSort.length !== 1) {
    fail([...p, 'plugins', 'queueSort'], `only one queue sort plugin required for profile with scheduler name "${rp.schedulerName}", but got ${expanded.queueSort.length}`);
  }
  if (expanded.bind.length === 0) fail([...p, 'plugins', 'bind'], `at least one bind plugin is needed for profile with scheduler name "${rp.schedulerName}"`);
  if (failed()) return undefined;

  // getScoreWeights(Score.Enabled ++ MultiPoint.Enabled): the first weight seen wins; 0 or unset -> 1.
  const weights = new Map<string, number>();
  for (const e of [...plugins.score.enabled, ...plugins.multiPoint.enabled]) {
    if (!IN_TREE[e.name]?.includes('score') || weights.has(e.name)) continue;
    weights.set(e.name, e.weight ? e.weight : 1);
  }

  const filters = expanded.filter;
  const scores = expanded.score;
  const out: ProfilePlugin[] = [];
  for (const name of filters) {
    if (!PLUGIN_REGISTRY[name]) continue; // volume / DRA / declared-features filters: not modelled
    out.push(scores.includes(name) ? { name, weight: weights.get(name) ?? 1 } : { name });
  }
  for (const name of scores) {
    if (!PLUGIN_REGISTRY[name] || filters.includes(name)) continue;
    const entry: ProfilePlugin = { name, weight: weights.get(name) ?? 1 };
    if (IN_TREE[name].includes('filter')) entry.filter = false;
    out.push(entry);
  }
  // Filter without its PreFilter (or Score without its PreScore): upstream the plugin then fails at
  // runtime reading state its PreFilter/PreScore never wrote; kube-spread runs the pair together.
  for (const name of Object.keys(PLUGIN_REGISTRY)) {
    const lonely = [
      IN_TREE[name].includes('preFilter') && filters.includes(name) && !expanded.preFilter.includes(name) && 'Filter without PreFilter',
      IN_TREE[name].includes('preScore') && scores.includes(name) && !expanded.preScore.includes(name) && 'Score without PreScore',
    ].filter(Boolean);
    for (const what of lonely) {
      report(c, [...p, 'plugins'], `profile "${rp.schedulerName}": ${name} is enabled at ${what}: kube-scheduler fails such a plugin at runtime (its state is missing); kube-spread runs both`, 'warning', true);
    }
  }

  const pluginArgs: Record<string, unknown> = {};
  for (const [name, a] of rp.args) if (PLUGIN_REGISTRY[name]) pluginArgs[name] = a.args;
  const profile: Profile = { schedulerName: rp.schedulerName, plugins: out, pluginArgs };

  // The plugin factories validate what the tables above do not (e.g. NodeAffinity's addedAffinity):
  // start each plugin once, as NewFramework does, and point a failure at its args.
  const handle = { cluster: Cluster.build({ nodes: [] }), env: c.env };
  for (const pp of out) {
    try {
      PLUGIN_REGISTRY[pp.name](handle, pluginArgs[pp.name]);
    } catch (e) {
      fail(rp.args.get(pp.name)?.path ?? [...p, 'pluginConfig'], `initializing plugin "${pp.name}": ${(e as Error).message}`);
    }
  }
  if (failed()) return undefined;
  for (const pp of out) {
    if ((pp.weight ?? 0) < 0) report(c, [...p, 'plugins'], `profile "${rp.schedulerName}": ${pp.name} has a negative score weight (${pp.weight}); kube-spread does not model negative weights and leaves the plugin out of scoring`, 'warning', true);
  }
  return profile;
}

/** Decodes, defaults and validates one KubeSchedulerConfiguration. Throws SchedulerConfigError. */
export function loadSchedulerConfig(doc: ConfigDoc, env: SchedulerEnv): SchedulerSetup {
  const c: Ctx = { doc, env, problems: [] };
  const v = doc.value;
  if (!isObj(v)) {
    report(c, [], `couldn't decode as ${CONFIG_KIND}: the document is ${jsonKind(v)}, not an object`);
    throw new SchedulerConfigError(c.problems);
  }
  const apiVersion = String(v.apiVersion ?? '');
  if (v.kind !== CONFIG_KIND) {
    report(c, ['kind'], `couldn't decode as ${CONFIG_KIND}, got kind "${String(v.kind ?? '')}"`, 'error');
    throw new SchedulerConfigError(c.problems);
  }
  if (apiVersion !== CONFIG_API_VERSION) {
    const hint = /^kubescheduler\.config\.k8s\.io\/v1beta[0-9]$/.test(apiVersion)
      ? ` (${apiVersion.split('/')[1]} is no longer served by kube-scheduler 1.${env.minor}; ${CONFIG_API_VERSION} is the only version since 1.29)` : '';
    report(c, ['apiVersion'], `no kind "${CONFIG_KIND}" is registered for version "${apiVersion}" in scheme "pkg/scheduler/apis/config/scheme/scheme.go:30"${hint}`);
    throw new SchedulerConfigError(c.problems);
  }
  const top: Record<string, FieldKind> = {
    apiVersion: 'string', kind: 'string', parallelism: 'int', leaderElection: 'object', clientConnection: 'object', enableProfiling: 'bool',
    enableContentionProfiling: 'bool', percentageOfNodesToScore: 'int', podInitialBackoffSeconds: 'int', podMaxBackoffSeconds: 'int',
    profiles: 'list', extenders: 'list', delayCacheUntilActive: 'bool',
  };
  if (env.minor >= 37) top.percentageOfPlacementsToScore = 'int';
  strict(c, v, [], top);
  if (isObj(v.leaderElection)) strict(c, v.leaderElection, ['leaderElection'], LEADER_ELECTION);
  if (isObj(v.clientConnection)) strict(c, v.clientConnection, ['clientConnection'], CLIENT_CONNECTION);

  // ValidateKubeSchedulerConfiguration, top level.
  const le = isObj(v.leaderElection) ? v.leaderElection : {};
  if (le.leaderElect !== false && le.resourceLock !== undefined && le.resourceLock !== 'leases') {
    err(c, 'config/leaderElection', 'Invalid', ['leaderElection', 'resourceLock'], goString(String(le.resourceLock)), 'resourceLock value must be "leases"');
  }
  const parallelism = int(v.parallelism) ?? 16;
  if (parallelism <= 0) err(c, 'config/parallelism', 'Invalid', ['parallelism'], goInt(parallelism), 'should be an integer value greater than zero');
  const percentage = validatePercentage(c, v.percentageOfNodesToScore, ['percentageOfNodesToScore']) ?? 0;
  const initial = int(v.podInitialBackoffSeconds) ?? 1;
  const max = int(v.podMaxBackoffSeconds) ?? 10;
  if (initial <= 0) err(c, 'config/backoff', 'Invalid', ['podInitialBackoffSeconds'], goInt(initial), 'must be greater than 0');
  if (max < initial) err(c, 'config/backoff', 'Invalid', ['podMaxBackoffSeconds'], goInt(max), 'must be greater than or equal to PodInitialBackoffSeconds');
  const extenders = Array.isArray(v.extenders) ? v.extenders : [];
  extenders.forEach((e, i) => {
    if (isObj(e)) strict(c, e, ['extenders', i], EXTENDER);
    if (isObj(e) && typeof e.prioritizeVerb === 'string' && e.prioritizeVerb !== '' && !((int(e.weight) ?? 0) > 0)) {
      err(c, 'config/extenders', 'Invalid', ['extenders', i, 'weight'], goInt(int(e.weight) ?? 0), 'must have a positive weight applied to it');
    }
  });

  const rawProfiles = Array.isArray(v.profiles) && v.profiles.length > 0 ? v.profiles : [{}];
  const profiles: RawProfile[] = [];
  const names = new Map<string, number>();
  rawProfiles.forEach((rp, i) => {
    const prof = readProfile(c, rp, i, rawProfiles.length === 1);
    if (!prof) return;
    const prev = names.get(prof.schedulerName);
    if (prev !== undefined && prof.schedulerName !== '') {
      // field.Duplicate with the earlier path as the value (upstream prints that *field.Path as a Go struct).
      issue(c, makeIssue({ code: 'config/schedulerName', type: 'Duplicate', api: ['profiles', i, 'schedulerName'], value: { text: `profiles[${prev}].schedulerName`, value: prev } }), 'value');
    }
    names.set(prof.schedulerName, i);
    profiles.push(prof);
  });
  // validateCommonQueueSort: every profile must use the same queue sort plugin set.
  const qs = (r: RawProfile) => JSON.stringify([r.plugins.queueSort.enabled.map((e) => [e.name, e.weight ?? null]), r.plugins.queueSort.disabled.map((e) => e.name)]);
  for (const r of profiles.slice(1)) {
    if (profiles[0] && qs(r) !== qs(profiles[0])) {
      report(c, ['profiles', r.index, 'plugins', 'queueSort'], `profiles[${r.index}].plugins.queueSort: Invalid value: ${qs(r)}: must be the same for all profiles`, 'error', true);
    }
  }
  if (c.problems.some((p) => p.severity === 'error')) throw new SchedulerConfigError(c.problems);

  const built: Profile[] = [];
  const profilePercentage: Record<string, number> = {};
  for (const r of profiles) {
    const prof = buildProfile(c, r);
    if (prof) built.push(prof);
    if (r.percentage !== undefined) profilePercentage[r.schedulerName] = r.percentage;
  }
  if (c.problems.some((p) => p.severity === 'error')) throw new SchedulerConfigError(c.problems);
  if (extenders.length) report(c, ['extenders'], `${extenders.length} scheduler extender(s) configured: kube-spread does not call extenders, so their filtering and scores are missing from every result`, 'warning', true);
  return { source: doc.file, profiles: built, percentageOfNodesToScore: percentage, profilePercentage, problems: c.problems };
}

/**
 * The KubeSchedulerConfiguration of a file given with --scheduler-config (YAML or JSON). The file
 * must hold exactly one such document (other documents are ignored with a warning).
 */
export function loadSchedulerConfigText(text: string, file: string, env: SchedulerEnv): SchedulerSetup {
  const problems = new Problems();
  const docs = parseSource(text, file, problems);
  if (problems.errors.length) throw new SchedulerConfigError(problems.errors.map((p) => ({ ...p, path: '' })));
  const found = docs.filter((d) => isObj(d.value) && d.value.kind === CONFIG_KIND);
  if (found.length === 0) {
    throw new SchedulerConfigError([{ file, line: 0, character: 0, path: '', message: `no ${CONFIG_KIND} document in ${file} (expected apiVersion: ${CONFIG_API_VERSION}, kind: ${CONFIG_KIND})`, severity: 'error' }]);
  }
  if (found.length > 1) {
    const pos = found[1].locate([], true);
    throw new SchedulerConfigError([{ file, ...pos, path: '', message: `more than one ${CONFIG_KIND} in ${file}; kube-scheduler reads one configuration`, severity: 'error' }]);
  }
  return loadSchedulerConfig({ file, value: found[0].value, locate: found[0].locate }, env);
}

// ---------------------------------------------------------------------------------------------
// "My cluster is 1.31 with these gates and this scheduler config": one place that combines the
// fixture's kubernetesVersion / featureGates / KubeSchedulerConfiguration with the CLI flags or
// editor settings (which win), validated as the components would.

export interface FixtureClusterSettings {
  kubernetes?: { version?: string; featureGates?: Record<string, boolean>; file: string; locate: (sub: readonly (string | number)[], key?: boolean) => { line: number; character: number } };
  schedulerConfig?: ConfigDoc;
}

export interface ClusterSettingsInput {
  fixture?: FixtureClusterSettings;
  /** --k8s-version / kubeSpread.kubernetesVersion ("1.31"); wins over the fixture. */
  version?: string;
  /** --feature-gates / kubeSpread.featureGates; applied after the fixture's gates. */
  featureGates?: Record<string, boolean>;
  /** --scheduler-config FILE / kubeSpread.schedulerConfig; wins over a configuration in the fixture. */
  schedulerConfig?: { file: string; text: string };
  /** Where version / featureGates came from, for messages ("--k8s-version", "kubeSpread.kubernetesVersion"). */
  origin?: { version: string; featureGates: string };
}

export interface ClusterSettings {
  env: SchedulerEnv;
  setup: SchedulerSetup;
  /** Where the version came from. */
  versionSource: 'option' | 'fixture' | 'default';
  /** Warnings (GA gates set, extenders, unmodelled splits). */
  warnings: ConfigProblem[];
}

export function resolveClusterSettings(input: ClusterSettingsInput, newestRelease: number, check: {
  versionProblem: (s: string) => string | undefined;
  parseVersion: (s: string) => number | undefined;
  checkGateOverrides: (minor: number, o: Record<string, boolean>) => { gates: Record<string, boolean>; errors: string[]; warnings: string[] };
  defaultEnv: (minor: number, gates: Record<string, boolean>) => SchedulerEnv;
}): ClusterSettings {
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const origin = input.origin ?? { version: '--k8s-version', featureGates: '--feature-gates' };
  const fk = input.fixture?.kubernetes;
  const at = (sub: (string | number)[], key = false) => (fk ? { file: fk.file, ...fk.locate(sub, key) } : { file: '<fixture>', line: 0, character: 0 });
  const flag = (message: string, severity: ConfigProblem['severity'] = 'error'): ConfigProblem => ({ file: '<command line>', line: 0, character: 0, path: '', message, severity });

  let minor = newestRelease;
  let versionSource: ClusterSettings['versionSource'] = 'default';
  if (input.version !== undefined && input.version !== '') {
    const why = check.versionProblem(input.version);
    if (why) errors.push(flag(`${origin.version}: ${why}`));
    else {
      minor = check.parseVersion(input.version)!;
      versionSource = 'option';
    }
  } else if (fk?.version !== undefined) {
    const why = check.versionProblem(String(fk.version));
    if (why) errors.push({ ...at(['kubernetesVersion']), path: 'kubernetesVersion', message: `kubernetesVersion: ${why}`, severity: 'error' });
    else {
      minor = check.parseVersion(String(fk.version))!;
      versionSource = 'fixture';
    }
  }

  const gates: Record<string, boolean> = {};
  if (fk?.featureGates) {
    for (const [name, value] of Object.entries(fk.featureGates)) {
      const r = check.checkGateOverrides(minor, { [name]: value });
      for (const e of r.errors) errors.push({ ...at(['featureGates', name], true), path: `featureGates.${name}`, message: `featureGates: ${e}`, severity: 'error' });
      for (const w of r.warnings) warnings.push({ ...at(['featureGates', name], true), path: `featureGates.${name}`, message: w, severity: 'warning' });
      Object.assign(gates, r.gates);
    }
  }
  if (input.featureGates) {
    const r = check.checkGateOverrides(minor, input.featureGates);
    for (const e of r.errors) errors.push(flag(`${origin.featureGates}: ${e}`));
    for (const w of r.warnings) warnings.push(flag(w, 'warning'));
    Object.assign(gates, r.gates);
  }
  if (errors.length) throw new SchedulerConfigError(errors);
  const env = check.defaultEnv(minor, gates);

  let setup: SchedulerSetup;
  if (input.schedulerConfig) setup = loadSchedulerConfigText(input.schedulerConfig.text, input.schedulerConfig.file, env);
  else if (input.fixture?.schedulerConfig) setup = loadSchedulerConfig(input.fixture.schedulerConfig, env);
  else setup = defaultSchedulerSetup(env);
  return { env, setup, versionSource, warnings: [...warnings, ...setup.problems] };
}
