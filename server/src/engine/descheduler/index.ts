// The descheduler dry run (docs/descheduler.md): kubernetes-sigs/descheduler's
// RemovePodsViolatingTopologySpreadConstraint, its DefaultEvictor and PodEvictor, replayed round by
// round with kube-spread's scheduler placing the replacements. Pure: imports engine files only.

export { runDeschedulerDryRun } from './dryRun';
export { parseDeschedulerPolicy, type ParsedDeschedulerPolicy } from './policy';
export {
  type DeschedulerDryRun, type DeschedulerDryRunOptions, type DeschedulerProfileOptions, type DefaultEvictorArgs, type TopologySpreadArgs,
  type DryRunRound, type DryRunEviction, type DryRunPlacement, type DryRunBlocked, type PolicyProblem, type PodProtection, type SpreadAction,
  defaultDeschedulerDryRunOptions, defaultTopologySpreadArgs, DEFAULT_MAX_ROUNDS,
} from './types';
