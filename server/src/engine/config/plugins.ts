// What each in-tree plugin implements, for expanding a profile and for the framework's "does not
// exist" / "does not extend" errors: the extension points of pkg/scheduler/framework/interface.go
// in the order runtime/framework.go NewFramework walks them (getExtensionPoints), their interface
// names as its errors print them, and the plugins registered in framework/plugins/registry.go.

import type { Point } from './types';

/** Extension points in the order NewFramework's getExtensionPoints walks them. */
export const POINTS: Point[] = ['preFilter', 'filter', 'postFilter', 'reserve', 'preScore', 'score', 'preBind', 'bind', 'postBind', 'permit', 'preEnqueue', 'queueSort'];

/** The framework's interface names, as its errors print them. */
export const POINT_TYPE: Record<Point, string> = {
  preEnqueue: 'PreEnqueuePlugin', queueSort: 'QueueSortPlugin', preFilter: 'PreFilterPlugin', filter: 'FilterPlugin', postFilter: 'PostFilterPlugin',
  preScore: 'PreScorePlugin', score: 'ScorePlugin', reserve: 'ReservePlugin', permit: 'PermitPlugin', preBind: 'PreBindPlugin', bind: 'BindPlugin', postBind: 'PostBindPlugin',
};

/** In-tree plugins and the extension points each implements. */
export const IN_TREE: Record<string, Point[]> = {
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
