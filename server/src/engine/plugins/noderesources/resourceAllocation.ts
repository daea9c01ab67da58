// Shared scoring machinery of NodeResourcesFit and NodeResourcesBalancedAllocation
// (pkg/scheduler/framework/plugins/noderesources: resource_allocation.go, least_allocated.go,
// most_allocated.go, requested_to_capacity_ratio.go, helper/shape_score.go).
// All arithmetic mirrors Go int64 semantics: integer division truncates toward zero.

import type { NodeInfo } from '../../cluster';
import { MAX_NODE_SCORE } from '../../framework';
import { isScalarResourceName, resourceByName, type Resources } from '../../resources';

export interface ResourceSpec {
  name: string;
  weight: number;
}

export interface UtilizationShapePoint {
  utilization: number;
  score: number;
}

/** config.MaxCustomPriorityScore: shape scores are 0..10 and get scaled to 0..MaxNodeScore. */
export const MAX_CUSTOM_PRIORITY_SCORE = 10;

/** v1 defaults.go defaultResourceSpec. */
export const DEFAULT_RESOURCES: readonly ResourceSpec[] = Object.freeze([
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
]);

const idiv = (a: number, b: number) => Math.trunc(a / b);

/** A scorer gets, per configured resource: node requested incl. the pod, node requested without it, allocatable. */
export type Scorer = (requested: number[], allocated: number[], allocatable: number[]) => number;

function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return idiv((capacity - requested) * MAX_NODE_SCORE, capacity);
}

function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  // requested can exceed capacity because pods without requests count the non-zero defaults.
  return idiv(Math.min(requested, capacity) * MAX_NODE_SCORE, capacity);
}

function weightedAverage(resources: readonly ResourceSpec[], perResource: (i: number) => number, allocatable: number[]): number {
  let nodeScore = 0;
  let weightSum = 0;
  for (let i = 0; i < resources.length; i++) {
    if (allocatable[i] === 0) continue;
    nodeScore += perResource(i) * resources[i].weight;
    weightSum += resources[i].weight;
  }
  return weightSum === 0 ? 0 : idiv(nodeScore, weightSum);
}

export function leastAllocatedScorer(resources: readonly ResourceSpec[]): Scorer {
  return (requested, _allocated, allocatable) => weightedAverage(resources, (i) => leastRequestedScore(requested[i], allocatable[i]), allocatable);
}

export function mostAllocatedScorer(resources: readonly ResourceSpec[]): Scorer {
  return (requested, _allocated, allocatable) => weightedAverage(resources, (i) => mostRequestedScore(requested[i], allocatable[i]), allocatable);
}

/** helper.BuildBrokenLinearFunction: piecewise linear through the points, flat outside them. */
export function brokenLinearFunction(shape: readonly UtilizationShapePoint[]): (p: number) => number {
  return (p) => {
    for (let i = 0; i < shape.length; i++) {
      if (p <= shape[i].utilization) {
        if (i === 0) return shape[0].score;
        const a = shape[i - 1];
        const b = shape[i];
        return a.score + idiv((b.score - a.score) * (p - a.utilization), b.utilization - a.utilization);
      }
    }
    return shape[shape.length - 1].score;
  };
}

export function requestedToCapacityRatioScorer(resources: readonly ResourceSpec[], shape: readonly UtilizationShapePoint[]): Scorer {
  const scaled = shape.map((p) => ({ utilization: p.utilization, score: p.score * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE) }));
  const raw = brokenLinearFunction(scaled);
  const maxUtilization = 100;
  const perResource = (requested: number, capacity: number) => {
    if (capacity === 0 || requested > capacity) return raw(maxUtilization);
    return raw(requested <= 0 ? 0 : idiv(requested * maxUtilization, capacity));
  };
  return (requested, _allocated, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < resources.length; i++) {
      if (allocatable[i] === 0) continue;
      const s = perResource(requested[i], allocatable[i]);
      // Resources scoring 0 do not dilute the average (their weight is left out too).
      if (s > 0) {
        nodeScore += s * resources[i].weight;
        weightSum += resources[i].weight;
      }
    }
    return weightSum === 0 ? 0 : Math.round(nodeScore / weightSum);
  };
}

/**
 * resourceAllocationScorer.score: per configured resource, (allocatable, node requested + pod request).
 * `useRequested` picks NodeInfo.Requested over NonZeroRequested for cpu and memory (BalancedAllocation);
 * ephemeral-storage and scalar resources always use Requested. A scalar resource the pod does not
 * request, or one the node lacks, is left out (allocatable 0).
 */
export function scoreNode(node: NodeInfo, podRequest: Resources, resources: readonly ResourceSpec[], useRequested: boolean, scorer: Scorer): number {
  const requested: number[] = [];
  const allocated: number[] = [];
  const allocatable: number[] = [];
  for (const { name } of resources) {
    const pod = resourceByName(podRequest, name);
    const [alloc, onNode] = allocatableAndRequested(node, name, pod, useRequested);
    allocatable.push(alloc);
    allocated.push(alloc === 0 ? 0 : onNode);
    requested.push(alloc === 0 ? 0 : onNode + pod);
  }
  return scorer(requested, allocated, allocatable);
}

function allocatableAndRequested(node: NodeInfo, name: string, podRequest: number, useRequested: boolean): [number, number] {
  if (podRequest === 0 && isScalarResourceName(name)) return [0, 0];
  switch (name) {
    case 'cpu':
      return [node.allocatable.milliCPU, useRequested ? node.requested.milliCPU : node.nonZeroRequested.milliCPU];
    case 'memory':
      return [node.allocatable.memory, useRequested ? node.requested.memory : node.nonZeroRequested.memory];
    case 'ephemeral-storage':
      return [node.allocatable.ephemeralStorage, node.requested.ephemeralStorage];
    default:
      if (name in node.allocatable.scalar) return [node.allocatable.scalar[name], node.requested.scalar[name] ?? 0];
      return [0, 0];
  }
}
