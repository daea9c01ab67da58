// What happens after the first placement (docs/whatif.md): a rolling update, a scale-down, the loss
// of a zone or node. Each what-if drives the engine's scheduler with the controller models of
// engine/controllers (Deployment rollout arithmetic, ReplicaSet victim ranking, StatefulSet ordinals)
// step by step, and reports per step the pods created, deleted and Pending and the skew per constraint.
//
// Modelling assumptions (all documented in docs/whatif.md):
// - A pod the scheduler places is Running and Ready at once (minReadySeconds 0, no probes); a pod no
//   node fits stays Pending and unavailable. Deleted pods vanish at once (no terminating period).
// - The workload's existing pods come from the fixture (same namespace, matching the workload's
//   selector); when there are none, the simulation first places spec.replicas of them.
// - A fixture pod without status conditions counts as Running and Ready.
// - Time: "now" is one minute after the newest timestamp in the fixture (fixed when it has none);
//   each controller sync happens 10 s after the previous one. Only ordering between pods depends on it.
//
// The folder, one job per file: types.ts (the JSON shapes), world.ts (the forked cluster and the
// workload's pods), steps.ts (what a step reports), clock.ts and podStatus.ts (the time and pod-status
// assumptions above), rollingUpdate.ts, scale.ts, domainLoss.ts (the what-ifs), rawManifest.ts
// (reading and toggling the raw manifest), autoscale.ts (autoscaling fixtures: the autoscaler after each
// step, a lost domain's node groups unavailable), run.ts (running what a caller asked for, text and SVG
// included). This file is the folder's public API: callers import from here, not from its files.

export { simulateRollout } from './rollingUpdate';
export { simulateScale } from './scale';
export { parseDomain, simulateDomainLoss } from './domainLoss';
export { anyPending } from './steps';
export {
  type DomainLossJson, type DomainLossMode, type RolloutJson, type RolloutRun, type ScaleJson, type SkewViolation, type StepConstraint,
  type WhatIfStep, type WhatIfTarget, WhatIfError,
} from './types';
