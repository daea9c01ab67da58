// Inputs and results shared by the autoscaler models (cluster-autoscaler and Karpenter).
// Pure data: the fixture layer fills AutoscalingInput from the compact form, cluster-autoscaler's
// node-group file or Karpenter's NodePool objects; the models return ScaleUp rows and new nodes,
// and analysis re-runs kube-scheduler's placement on the grown cluster.

import type { Labels, Node, NodeSelectorRequirement, Pod, ResourceList, Taint } from '../api';
import type { Cluster } from '../cluster';
import type { SchedulerEnv } from '../framework';
import type { Profile } from '../profile';

/** How a node of a group looks when it is created (cluster-autoscaler's "template node"). */
export interface NodeTemplate {
  labels: Labels;
  taints?: Taint[];
  /** Allocatable resources of a new node, as on Node.status.allocatable. */
  allocatable: ResourceList;
}

/** One cluster-autoscaler node group (a cloud provider's ASG/MIG/VMSS, or a compact pool's zone). */
export interface CANodeGroup {
  name: string;
  /** Bounds from --nodes=min:max:name or the group's own settings. */
  min: number;
  max: number;
  /** Existing nodes of the group: their names (their count is the group's target size). */
  nodes: string[];
  template: NodeTemplate;
  /** For the priority expander: higher wins (cluster-autoscaler-priority-expander ConfigMap). */
  priority?: number;
  /** Price per node-hour, for the price expander (not modelled unless given). */
  price?: number;
}

export type CAExpander = 'random' | 'least-waste' | 'most-pods' | 'priority' | 'price' | 'least-nodes';

export interface ClusterAutoscalerConfig {
  /** cluster-autoscaler version the model follows (documented in docs/autoscalers.md). */
  nodeGroups: CANodeGroup[];
  /** --expander: a chain, applied in order as filters (upstream accepts a comma-separated list). */
  expanders: CAExpander[];
  /** --balance-similar-node-groups */
  balanceSimilarNodeGroups: boolean;
  /** --max-nodes-total (0 = unlimited) */
  maxNodesTotal: number;
}

/** karpenter.sh/v1 NodePool, the fields the provisioner reads. */
export interface KarpenterNodePool {
  name: string;
  /** spec.weight: higher is tried first (0 when absent). */
  weight: number;
  /** spec.template.spec.requirements (operator In/NotIn/Exists/DoesNotExist/Gt/Lt, minValues ignored). */
  requirements: NodeSelectorRequirement[];
  /** spec.template.metadata.labels */
  labels: Labels;
  /** spec.template.spec.taints */
  taints: Taint[];
  /** spec.template.spec.startupTaints (tolerated for scheduling simulation, removed on ready). */
  startupTaints: Taint[];
  /** spec.limits: the pool's total resources cap (cpu, memory, nodes...). */
  limits?: ResourceList;
}

/** One instance type the user declares (Karpenter's cloud provider normally supplies these). */
export interface KarpenterInstanceType {
  name: string;
  /** Allocatable capacity of a node of this type (after overhead). */
  capacity: ResourceList;
  /** Offerings: zone × capacity type with a price; `available: false` means no capacity now. */
  offerings: { zone: string; capacityType: string; price: number; available: boolean }[];
  /** Extra well-known labels of the type (arch, os, instance family...). */
  labels?: Labels;
}

export interface KarpenterConfig {
  nodePools: KarpenterNodePool[];
  instanceTypes: KarpenterInstanceType[];
}

export interface AutoscalingInput {
  clusterAutoscaler?: ClusterAutoscalerConfig;
  karpenter?: KarpenterConfig;
}

/** One row of simulate JSON `scaleUp[]`. */
export interface ScaleUp {
  by: 'cluster-autoscaler' | 'karpenter';
  nodePool: string;
  zone?: string;
  instanceType?: string;
  nodes: number;
  /** Names given to the new nodes (prefixed so users see they are new). */
  nodeNames: string[];
}

/** What one autoscaler does with the pending pods of a simulation. */
export interface ProvisionResult {
  /** New nodes, ready to join the cluster (labels include the zone and hostname). */
  newNodes: Node[];
  scaleUps: ScaleUp[];
  /** Pods the autoscaler would not provision for, with its reason in its own words. */
  notTriggered: { pod: Pod; reason: string }[];
  /** Where the autoscaler itself intends each pod to land (Karpenter's in-memory scheduling), by pod name. */
  intended?: Map<string, string>;
  /** Choices that were equally possible (random expander, equal-price offerings). */
  ties?: string[];
}

/**
 * The two models' entry points (implemented in ./clusterAutoscaler and ./karpenter). `cluster` is the
 * cluster after kube-scheduler placed what it could; `pending` are the pods it left Pending, in queue
 * order; `profile` is the scheduler profile in force (the models run its filters on template nodes).
 */
export type ClusterAutoscalerScaleUp = (
  cluster: Cluster, pending: readonly Pod[], cfg: ClusterAutoscalerConfig,
  env: SchedulerEnv, profile: Profile) => ProvisionResult;
export type KarpenterProvision = (
  cluster: Cluster, pending: readonly Pod[], cfg: KarpenterConfig,
  env: SchedulerEnv, profile: Profile) => ProvisionResult;
