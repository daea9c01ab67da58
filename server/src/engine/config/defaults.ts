// v1 defaulting of a KubeSchedulerConfiguration (pkg/scheduler/apis/config/v1/defaults.go:
// SetDefaults_KubeSchedulerConfiguration and SetDefaults_<Plugin>Args) and of its plugin sets
// (default_plugins.go: getDefaultPlugins, applyFeatureGates, mergePlugins / mergePluginSet).
// Validation reads the defaulted values, so its messages show a default where a field is unset.

import type { SchedulerEnv } from '../framework';
import { DEFAULT_SCHEDULER_NAME, type PluginRef, type Plugins, type PluginSet } from './types';

/** SetDefaults_KubeSchedulerConfiguration: what an unset scalar becomes (percentageOfNodesToScore 0 = adaptive). */
export const CONFIGURATION_DEFAULTS = { parallelism: 16, percentageOfNodesToScore: 0, podInitialBackoffSeconds: 1, podMaxBackoffSeconds: 10 } as const;

/** SetDefaults_<Plugin>Args: the scalar args an unset field becomes. */
export const ARGS_DEFAULTS = { hardPodAffinityWeight: 1, minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100, bindTimeoutSeconds: 600 } as const;

export function numberOr(v: unknown, fallback: number): number {
  return typeof v === 'number' ? v : fallback;
}

/** Only a single profile gets "default-scheduler" when it names none; otherwise an unset name stays empty (and is an error). */
export function defaultSchedulerName(value: unknown, single: boolean): string {
  if (typeof value === 'string') return value;
  return single && (value === undefined || value === null) ? DEFAULT_SCHEDULER_NAME : '';
}

/** PodTopologySpreadArgs.defaultingType: unset or empty is System. */
export function defaultingTypeOf(value: unknown): string {
  return value === undefined || value === null || value === '' ? 'System' : String(value);
}

/** A scoring resource's weight: unset or 0 becomes 1. */
export function resourceWeightOf(value: unknown): number {
  return typeof value === 'number' && value !== 0 ? value : 1;
}

/** getDefaultPlugins + applyFeatureGates at this version: the default multiPoint set, with score weights. */
export function defaultMultiPoint(env: SchedulerEnv): PluginRef[] {
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
export function mergePluginSet(defaults: PluginRef[], custom: PluginSet): PluginSet {
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

/** mergePlugins: every extension point's set is merged with its (empty) default set; multiPoint with the defaults. */
export function withDefaultPlugins(env: SchedulerEnv, plugins: Plugins): Plugins {
  return { ...plugins, multiPoint: mergePluginSet(defaultMultiPoint(env), plugins.multiPoint) };
}
