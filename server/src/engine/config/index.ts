// The scheduler configuration API of the engine: KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1)
// read from a plain value into a SchedulerSetup (decoded, defaulted, validated and expanded as
// kube-scheduler does: pkg/scheduler/apis/config/v1, .../validation, framework/runtime/framework.go),
// and what a setup means at run time. Reading files and pointing issues at lines is the fixture
// layer's job (fixture/schedulerConfigFile.ts).

export {
  CONFIG_API_VERSION, CONFIG_GROUP, CONFIG_KIND, DEFAULT_SCHEDULER_NAME, type ConfigIssue, type SchedulerConfigResult, type SchedulerSetup,
} from './types';
export { buildSchedulerSetup } from './load';
export {
  defaultSchedulerSetup, MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, MIN_FEASIBLE_NODES_TO_FIND, numFeasibleNodesToFind, percentageFor, profileForPod, samplingNote,
} from './runtime';
