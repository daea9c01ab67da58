// NodeResourcesFitArgs / NodeResourcesBalancedAllocationArgs as a user writes them in a
// KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1), with the v1 defaulting
// (pkg/scheduler/apis/config/v1/defaults.go) and validation (validation_pluginargs.go) applied.
// Invalid args throw, as NewFit / NewBalancedAllocation return an error and the scheduler refuses to start.

import { DEFAULT_RESOURCES, MAX_CUSTOM_PRIORITY_SCORE, type ResourceSpec, type UtilizationShapePoint } from './resourceAllocation';

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';

export interface NodeResourcesFitArgs {
  ignoredResources?: string[];
  ignoredResourceGroups?: string[];
  scoringStrategy?: {
    type?: string;
    resources?: Partial<ResourceSpec>[];
    requestedToCapacityRatio?: { shape?: Partial<UtilizationShapePoint>[] };
  };
}

export interface NodeResourcesBalancedAllocationArgs {
  resources?: Partial<ResourceSpec>[];
}

export interface ResolvedFitArgs {
  ignoredResources: Set<string>;
  ignoredResourceGroups: Set<string>;
  type: ScoringStrategyType;
  resources: ResourceSpec[];
  shape: UtilizationShapePoint[];
}

export class PluginArgsError extends Error {}

const STRATEGIES: readonly string[] = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'];

// v1 defaulting: missing resources -> cpu/memory; weight 0 (or unset) -> 1.
function defaultResources(list: Partial<ResourceSpec>[] | undefined): ResourceSpec[] {
  if (!list || list.length === 0) return DEFAULT_RESOURCES.map((r) => ({ ...r }));
  return list.map((r) => ({ name: String(r.name ?? ''), weight: r.weight ? Number(r.weight) : 1 }));
}

export function resolveFitArgs(raw: unknown): ResolvedFitArgs {
  const args = (raw ?? {}) as NodeResourcesFitArgs;
  const strategy = args.scoringStrategy ?? { type: 'LeastAllocated' };
  const type = String(strategy.type ?? '');
  const errs: string[] = [];
  if (!STRATEGIES.includes(type)) errs.push(`scoringStrategy.type: Unsupported value: "${type}"`);
  const resources = defaultResources(strategy.resources);
  resources.forEach((r, i) => {
    if (!(r.weight >= 1 && r.weight <= 100)) errs.push(`scoringStrategy.resources[${i}].weight: Invalid value: ${r.weight}: resource weight of ${r.name} should be in range [1, 100]`);
  });
  const shape = (strategy.requestedToCapacityRatio?.shape ?? []).map((p) => ({ utilization: Number(p.utilization ?? 0), score: Number(p.score ?? 0) }));
  if (type === 'RequestedToCapacityRatio') errs.push(...validateShape(shape));
  if (errs.length) throw new PluginArgsError(`NodeResourcesFit args: ${errs.join('; ')}`);
  return {
    ignoredResources: new Set(args.ignoredResources ?? []),
    ignoredResourceGroups: new Set(args.ignoredResourceGroups ?? []),
    type: type as ScoringStrategyType,
    resources,
    shape,
  };
}

function validateShape(shape: UtilizationShapePoint[]): string[] {
  const path = 'scoringStrategy.requestedToCapacityRatio.shape';
  if (shape.length === 0) return [`${path}: Required value: at least one point must be specified`];
  const errs: string[] = [];
  shape.forEach((p, i) => {
    if (!Number.isInteger(p.utilization) || p.utilization < 0 || p.utilization > 100) errs.push(`${path}[${i}].utilization: Invalid value: ${p.utilization}: not in valid range [0, 100]`);
    else if (i > 0 && p.utilization <= shape[i - 1].utilization) errs.push(`${path}[${i}].utilization: Invalid value: ${p.utilization}: utilization values must be sorted in increasing order`);
    if (!Number.isInteger(p.score) || p.score < 0 || p.score > MAX_CUSTOM_PRIORITY_SCORE) errs.push(`${path}[${i}].score: Invalid value: ${p.score}: not in valid range [0, ${MAX_CUSTOM_PRIORITY_SCORE}]`);
  });
  return errs;
}

/** BalancedAllocation: weights are not used by the formula, and validation insists they are 1. */
export function resolveBalancedArgs(raw: unknown): ResourceSpec[] {
  const args = (raw ?? {}) as NodeResourcesBalancedAllocationArgs;
  const resources = defaultResources(args.resources);
  const errs: string[] = [];
  const seen = new Set<string>();
  resources.forEach((r, i) => {
    if (seen.has(r.name)) errs.push(`resources[${i}].name: Duplicate value: "${r.name}"`);
    seen.add(r.name);
    if (r.weight !== 1) errs.push(`resources[${i}].weight: Invalid value: ${r.weight}: must be 1`);
  });
  if (errs.length) throw new PluginArgsError(`NodeResourcesBalancedAllocation args: ${errs.join('; ')}`);
  return resources;
}
