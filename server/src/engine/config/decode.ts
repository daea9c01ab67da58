// Strict decoding of a kubescheduler.config.k8s.io/v1 KubeSchedulerConfiguration into the shapes
// the framework expands (pkg/scheduler/apis/config/v1/types.go in k8s.io/kube-scheduler; the
// plugin args types the v1 scheme registers, and their decoding in pkg/scheduler/apis/config/v1's
// conversion of PluginConfig args). kube-scheduler stops at its first decoding error; kube-spread
// reports every problem in one pass instead, so each piece is validated (validate.ts) right after
// it is decoded, and the issues come out in the order the file is read.

import type { DocPath } from '../fieldErrors';
import { defaultSchedulerName } from './defaults';
import { report } from './issues';
import { POINTS } from './plugins';
import { cannotUnmarshal, isObj, jsonKind, strictFields, type FieldKind } from './strict';
import { CONFIG_GROUP, type ConfigContext, type DecodedProfile, type PluginRef, type Plugins, type PluginSet } from './types';
import { validateArgs, validatePercentage, validatePluginConfigName, validateRemovedPlugins, validateSchedulerName } from './validate';

const LEADER_ELECTION: Record<string, FieldKind> = {
  leaderElect: 'bool', leaseDuration: 'string', renewDeadline: 'string', retryPeriod: 'string', resourceLock: 'string', resourceName: 'string', resourceNamespace: 'string',
};
const CLIENT_CONNECTION: Record<string, FieldKind> = { kubeconfig: 'string', acceptContentTypes: 'string', contentType: 'string', qps: 'number', burst: 'int' };
const EXTENDER: Record<string, FieldKind> = {
  urlPrefix: 'string', filterVerb: 'string', preemptVerb: 'string', prioritizeVerb: 'string', weight: 'int', bindVerb: 'string', enableHTTPS: 'bool',
  tlsConfig: 'object', httpTimeout: 'string', nodeCacheCapable: 'bool', managedResources: 'list', ignorable: 'bool',
};

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

/** The top-level fields of the configuration and its leaderElection / clientConnection. */
export function decodeTopLevel(c: ConfigContext, v: Record<string, unknown>): void {
  const top: Record<string, FieldKind> = {
    apiVersion: 'string', kind: 'string', parallelism: 'int', leaderElection: 'object', clientConnection: 'object', enableProfiling: 'bool',
    enableContentionProfiling: 'bool', percentageOfNodesToScore: 'int', podInitialBackoffSeconds: 'int', podMaxBackoffSeconds: 'int',
    profiles: 'list', extenders: 'list', delayCacheUntilActive: 'bool',
  };
  if (c.env.minor >= 37) top.percentageOfPlacementsToScore = 'int';
  strictFields(c, v, [], top);
  if (isObj(v.leaderElection)) strictFields(c, v.leaderElection, ['leaderElection'], LEADER_ELECTION);
  if (isObj(v.clientConnection)) strictFields(c, v.clientConnection, ['clientConnection'], CLIENT_CONNECTION);
}

export function decodeExtender(c: ConfigContext, e: Record<string, unknown>, i: number): void {
  strictFields(c, e, ['extenders', i], EXTENDER);
}

function readPluginList(c: ConfigContext, v: unknown, path: DocPath): PluginRef[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    cannotUnmarshal(c, v, path, '[]v1.Plugin');
    return [];
  }
  const out: PluginRef[] = [];
  v.forEach((item, i) => {
    const p = [...path, i];
    if (!isObj(item)) {
      cannotUnmarshal(c, item, p, 'v1.Plugin');
      return;
    }
    if (!strictFields(c, item, p, { name: 'string', weight: 'int' })) return;
    out.push({ name: typeof item.name === 'string' ? item.name : '', weight: typeof item.weight === 'number' ? item.weight : undefined, path: p });
  });
  return out;
}

function readPlugins(c: ConfigContext, v: unknown, path: DocPath): Plugins {
  const empty = (): PluginSet => ({ enabled: [], disabled: [] });
  const out = Object.fromEntries([...POINTS, 'multiPoint'].map((p) => [p, empty()])) as Plugins;
  if (v === undefined || v === null) return out;
  if (!isObj(v)) {
    cannotUnmarshal(c, v, path, 'v1.Plugins');
    return out;
  }
  const fields: Record<string, FieldKind> = Object.fromEntries([...POINTS, 'multiPoint'].map((p) => [p, 'object' as FieldKind]));
  // Workload-scheduling extension points exist only in the 1.37 development line.
  if (c.env.minor >= 37) for (const p of ['placementGenerate', 'placementScore', 'placementFeasible', 'podGroupPostFilter']) fields[p] = 'object';
  strictFields(c, v, path, fields);
  for (const point of [...POINTS, 'multiPoint'] as const) {
    const set = v[point];
    if (!isObj(set)) continue;
    const p = [...path, point];
    strictFields(c, set, p, { enabled: 'list', disabled: 'list' });
    out[point] = { enabled: readPluginList(c, set.enabled, [...p, 'enabled']), disabled: readPluginList(c, set.disabled, [...p, 'disabled']) };
  }
  return out;
}

/** One pluginConfig entry of profile i: its args decoded strictly when the v1 scheme knows their type, then validated. */
function readPluginConfig(c: ConfigContext, pc: unknown, i: number, j: number, args: DecodedProfile['args']): void {
  const pp: DocPath = ['profiles', i, 'pluginConfig', j];
  if (!isObj(pc)) {
    cannotUnmarshal(c, pc, pp, 'v1.PluginConfig');
    return;
  }
  strictFields(c, pc, pp, { name: 'string', args: 'any' });
  const name = typeof pc.name === 'string' ? pc.name : '';
  if (!validatePluginConfigName(c, name, pp, args)) return;
  const a = pc.args === undefined || pc.args === null ? {} : pc.args;
  const ap = [...pp, 'args'];
  const fields = ARGS_FIELDS[name];
  if (!isObj(a)) {
    report(c, ap, `decoding .profiles[${i}].pluginConfig[${j}]: decoding args for plugin ${name}: json: cannot unmarshal ${jsonKind(a)} into Go value of type v1.${name}Args`);
    return;
  }
  if (!fields) {
    args.set(name, { args: a, path: ap });
    return;
  }
  // The args object may carry its own apiVersion/kind (optional in v1); anything else is strict.
  const { apiVersion, kind, ...rest } = a;
  if (kind !== undefined && kind !== `${name}Args`) {
    report(c, [...ap, 'kind'], `decoding .profiles[${i}].pluginConfig[${j}]: args for plugin ${name} were not of type ${name}Args.${CONFIG_GROUP}, got ${String(kind)}.${CONFIG_GROUP}`);
    return;
  }
  void apiVersion;
  if (!strictFields(c, rest, ap, fields, `decoding .profiles[${i}].pluginConfig[${j}]: decoding args for plugin ${name}: `, ap.length)) return;
  validateArgs(c, name, rest, ap);
  args.set(name, { args: rest, path: ap });
}

/** profiles[i]: decoded, defaulted (schedulerName) and validated; undefined when it is not an object. */
export function readProfile(c: ConfigContext, raw: unknown, i: number, single: boolean): DecodedProfile | undefined {
  const p: DocPath = ['profiles', i];
  if (!isObj(raw)) {
    cannotUnmarshal(c, raw, p, 'v1.KubeSchedulerProfile');
    return undefined;
  }
  const fields: Record<string, FieldKind> = { schedulerName: 'string', percentageOfNodesToScore: 'int', plugins: 'object', pluginConfig: 'list' };
  if (c.env.minor >= 37) fields.percentageOfPlacementsToScore = 'int';
  strictFields(c, raw, p, fields);
  const schedulerName = defaultSchedulerName(raw.schedulerName, single);
  validateSchedulerName(c, schedulerName, p);
  const percentage = validatePercentage(c, raw.percentageOfNodesToScore, [...p, 'percentageOfNodesToScore']);
  const plugins = readPlugins(c, raw.plugins, [...p, 'plugins']);
  validateRemovedPlugins(c, plugins, p);
  const args: DecodedProfile['args'] = new Map();
  const list = Array.isArray(raw.pluginConfig) ? raw.pluginConfig : [];
  list.forEach((pc, j) => readPluginConfig(c, pc, i, j, args));
  return { index: i, schedulerName, percentage, plugins, args };
}
