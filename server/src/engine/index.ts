// The engine's façade: everything outside engine/ imports the scheduler model from here, never
// from a file inside it, so the engine can be reorganised without touching other layers.
// What is exported here is the engine's public surface; plugin internals that analysis needs to
// explain a verdict (PodTopologySpread's counting and filter state) are exported by name.

export * from './api';
export * from './cluster';
export * from './framework';
export * from './names';
export * from './quantity';
export * from './resources';
export * from './selectors';
export * from './tolerations';
export * from './versions';
export * from './profile';
export * from './scheduler';
export * from './simulate';
export * from './queue';
export * from './release';
export * from './priority';
// Preemption (the DefaultPreemption PostFilter) and how a simulation applies it.
export * from './preemption/evaluator';
export * from './preemption/simulation';
export { budgetsOf, computeDisruptionsAllowed, filterPodsWithPDBViolation, type Budget } from './plugins/defaultpreemption/pdb';
export { NOT_ELIGIBLE_NEVER, NO_VICTIMS } from './plugins/defaultpreemption/defaultPreemption';
export * from './volumes';
export * from './volumesReport';
export { ERR_REASON_NODE_CONFLICT, ERR_REASON_BIND_CONFLICT } from './plugins/volumebinding/binder';
export * from './fieldErrors';
export * from './config';
export * from './controllers/daemonset';
export * from './controllers/ranking';
export * from './controllers/rollout';
export * from './controllers/scaledown';
export * from './descheduler';
export * from './autoscaler/types';
export { clusterAutoscalerScaleUp } from './autoscaler/clusterAutoscaler';
export { karpenterProvision } from './autoscaler/karpenter';

// PodTopologySpread internals used to explain its verdicts (analysis/explain.ts, spread.ts, whatif/).
export {
  countMatching, type InternalConstraint, ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH, SYSTEM_DEFAULT_CONSTRAINTS,
} from './plugins/podtopologyspread/common';
export { computePreFilterState, firstFailingConstraint, globalMinimum, type PreFilterState } from './plugins/podtopologyspread/filtering';
export { snapshotMatchCounts } from './plugins/podtopologyspread/nodeCounts';
// The audit of running workloads (analysis/audit/) recounts every domain with the scheduler's own rules.
export { hasAllKeys, passesInclusionPolicies } from './plugins/podtopologyspread/common';
export {
  type PodTopologySpreadPlugin, readPreFilterState, readPreScoreState, summarizeFilterState, summarizeScoreState,
  type FilterConstraintSummary, type ScoreConstraintSummary,
} from './plugins/podtopologyspread/plugin';
export { scoreNode } from './plugins/podtopologyspread/scoring';
