// NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go, current fwk copy).
// PreFilter: the pod's effective request. Filter: pod count and per-resource fit, every failing
// resource listed; UnschedulableAndUnresolvable when a request exceeds the node's allocatable
// outright (preemption cannot help), Unschedulable otherwise. PreScore/Score: the configured
// scoring strategy (LeastAllocated by default).

import type { NodeInfo, PodInfo } from '../../cluster';
import {
  CycleState, errorStatus, SUCCESS, unresolvable, type Code, type Handle, type Plugin, type PluginFactory, type SchedulerEnv, type Status,
} from '../../framework';
import { podRequestsOnce } from './requestMemo';
import { hasRestartableInitContainer, isExtendedResourceName, podRequests, podScoringRequests, type Resources } from '../../resources';
import { resolveFitArgs, type ResolvedFitArgs } from './fitArgs';
import { leastAllocatedScorer, mostAllocatedScorer, requestedToCapacityRatioScorer, scoreNode, type Scorer } from './resourceAllocation';

const NAME = 'NodeResourcesFit';
const PRE_FILTER_KEY = `PreFilter${NAME}`;
const PRE_SCORE_KEY = `PreScore${NAME}`;

/** PodLevelResources: alpha 1.32, beta (on) 1.34. A gate override in env wins. */
export function podLevelResourcesEnabled(env: SchedulerEnv): boolean {
  return env.gates.PodLevelResources ?? env.minor >= 34;
}

/** SidecarContainers: beta (on) 1.29, GA 1.33. */
function sidecarContainersEnabled(env: SchedulerEnv): boolean {
  return env.gates.SidecarContainers ?? env.minor >= 29;
}

interface Insufficient {
  reason: string;
  unresolvable: boolean;
}

/**
 * fitsRequest. Order: pods, cpu, memory, ephemeral-storage, then scalar resources. Upstream walks the
 * scalar resources in Go map order (random); they are sorted by name here so output is stable.
 */
export function fitsRequest(req: Resources, node: NodeInfo, args: Pick<ResolvedFitArgs, 'ignoredResources' | 'ignoredResourceGroups'>): Insufficient[] {
  const out: Insufficient[] = [];
  if (node.pods.length + 1 > node.allowedPods) out.push({ reason: 'Too many pods', unresolvable: false });
  const scalarNames = sortedScalarNames(req);
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && scalarNames.length === 0) return out;
  check(out, 'cpu', req.milliCPU, node.allocatable.milliCPU, node.requested.milliCPU);
  check(out, 'memory', req.memory, node.allocatable.memory, node.requested.memory);
  check(out, 'ephemeral-storage', req.ephemeralStorage, node.allocatable.ephemeralStorage, node.requested.ephemeralStorage);
  for (const name of scalarNames) {
    if (isExtendedResourceName(name) && (args.ignoredResources.has(name) || args.ignoredResourceGroups.has(name.split('/')[0]))) continue;
    check(out, name, req.scalar[name], node.allocatable.scalar[name] ?? 0, node.requested.scalar[name] ?? 0);
  }
  return out;
}

function check(out: Insufficient[], name: string, want: number, alloc: number, used: number): void {
  if (want > 0 && want > alloc - used) out.push({ reason: `Insufficient ${name}`, unresolvable: want > alloc });
}

/**
 * The request's scalar resource names in order, once per request object (a pod's requests are
 * computed once and read by Filter on every node: sorting them there allocated per node and cycle).
 */
const scalarNamesOf = new WeakMap<Resources, readonly string[]>();
function sortedScalarNames(req: Resources): readonly string[] {
  let names = scalarNamesOf.get(req);
  if (!names) scalarNamesOf.set(req, (names = Object.keys(req.scalar).sort()));
  return names;
}

function strategyScorer(args: ResolvedFitArgs): Scorer {
  switch (args.type) {
    case 'MostAllocated':
      return mostAllocatedScorer(args.resources);
    case 'RequestedToCapacityRatio':
      return requestedToCapacityRatioScorer(args.resources, args.shape);
    default:
      return leastAllocatedScorer(args.resources);
  }
}

export const NodeResourcesFit: PluginFactory = (handle: Handle, rawArgs?: unknown): Plugin => {
  const args = resolveFitArgs(rawArgs);
  const scorer = strategyScorer(args);
  const podLevel = podLevelResourcesEnabled(handle.env);
  // Scoring uses the non-zero defaults for cpu/memory (useRequested = false for all three strategies).
  const scoringRequest = (pod: PodInfo) => podRequestsOnce(pod.pod, `fit-score ${podLevel}`, () => podScoringRequests(pod.pod, true, { podLevelResources: podLevel }));

  return {
    name: NAME,
    preFilter(state: CycleState, pod: PodInfo): Status {
      if (!sidecarContainersEnabled(handle.env) && hasRestartableInitContainer(pod.pod)) {
        return unresolvable('Pod has a restartable init container and the SidecarContainers feature is disabled');
      }
      state.write(PRE_FILTER_KEY, podRequestsOnce(pod.pod, `fit ${podLevel}`, () => podRequests(pod.pod, { podLevelResources: podLevel })));
      return SUCCESS;
    },
    filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status {
      const req = state.read<Resources>(PRE_FILTER_KEY);
      if (!req) return errorStatus(`error reading "${PRE_FILTER_KEY}" from cycleState: not found`);
      const insufficient = fitsRequest(req, node, args);
      if (insufficient.length === 0) return SUCCESS;
      const code: Code = insufficient.some((i) => i.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
      return { code, reasons: insufficient.map((i) => i.reason) };
    },
    preScore(state: CycleState, pod: PodInfo): Status {
      state.write(PRE_SCORE_KEY, scoringRequest(pod));
      return SUCCESS;
    },
    score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
      // Like upstream, Score recomputes the request when PreScore did not run.
      const req = state.read<Resources>(PRE_SCORE_KEY) ?? scoringRequest(pod);
      return scoreNode(node, req, args.resources, false, scorer);
    },
  };
};
