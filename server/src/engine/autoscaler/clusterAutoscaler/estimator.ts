// The binpacking estimator (estimator/binpacking_estimator.go, newest: with #8181's retry of other
// nodes for hostname spreading) with the DecreasingPodOrderer (decreasing_pod_orderer.go) and the
// threshold-based limiter (threshold_based_limiter.go + static, similar-node-group and cluster
// capacity thresholds). First-fit: each pod group first tries the nodes added so far, then the last
// added node, then a new template node, until the pods fit or the limiter refuses another node.
// Fast-path binpacking (--fastpath-binpacking, off by default) is not modelled.

import type { Node, Pod } from '../../api';
import { containerRequests, HOSTNAME, nodeResource } from './template';
import type { Snapshot } from './snapshot';
import { ERR_REASON_CONSTRAINTS_NOT_MATCH } from '../../plugins/podtopologyspread/common';

/** --max-nodes-per-scaleup default (static threshold). */
export const DEFAULT_MAX_NODES_PER_SCALEUP = 1000;

export interface EstimationLimits {
  /** Static threshold (--max-nodes-per-scaleup); 0 = none. */
  maxNodesPerScaleUp: number;
  /** sngCapacityThreshold: free room (max - target) of the group and its similar groups; undefined = no context. */
  groupsCapacity?: number;
  /** clusterCapacityThreshold: --max-nodes-total and the current node count (0 = none). */
  maxNodesTotal?: number;
  currentNodeCount?: number;
}

/** getMinLimit: a negative limit (no capacity at all) wins; 0 means no limit. */
function minLimit(base: number, target: number): number {
  if (base < 0 || target < 0) return -1;
  if ((base === 0 || base > target) && target > 0) return target;
  return base;
}

/** StartEstimation: the smallest node limit of the thresholds. */
export function nodeLimit(l: EstimationLimits): number {
  let max = minLimit(0, l.maxNodesPerScaleUp);
  if (l.groupsCapacity !== undefined) max = minLimit(max, l.groupsCapacity <= 0 ? -1 : l.groupsCapacity);
  if (l.maxNodesTotal) {
    const current = l.currentNodeCount ?? 0;
    max = minLimit(max, l.maxNodesTotal <= current ? -1 : l.maxNodesTotal - current);
  }
  return max;
}

/**
 * DecreasingPodOrderer: groups by cpu/allocatable + memory/allocatable of their exemplar, largest first.
 * Stable for equal scores (upstream's sort.Slice leaves their order unspecified: docs/deviations.md CA2).
 */
export function orderPodGroups<T extends { pods: Pod[] }>(groups: readonly T[], template: Node): T[] {
  const cpu = nodeResource(template, 'cpu', true);
  const mem = nodeResource(template, 'memory');
  const score = (g: T) => {
    const r = containerRequests(g.pods[0]);
    return (cpu > 0 ? r.milliCPU / cpu : 0) + (mem > 0 ? r.memory / mem : 0);
  };
  return groups.map((g, i) => ({ g, i, s: score(g) })).sort((a, b) => b.s - a.s || a.i - b.i).map((x) => x.g);
}

export interface Estimate {
  /** Nodes that got at least one pod (newNodesWithPods). */
  nodeCount: number;
  /** The pods the estimate fits, in the order it placed them. */
  pods: Pod[];
  /** Where each placed pod went (new node name, or an existing node for the hostname retry). */
  placements: { pod: Pod; node: string }[];
}

function usesHostnameSpread(pod: Pod): boolean {
  return (pod.spec?.topologySpreadConstraints ?? []).some((c) => c?.topologyKey === HOSTNAME);
}

/**
 * Estimate on `snap` (a fork the caller throws away): `makeNode(i)` is the i-th fresh template node.
 * The limiter's permission is asked right before each node is added, as upstream.
 */
export function estimate(snap: Snapshot, groups: readonly { pods: Pod[] }[], template: Node, makeNode: (i: number) => Node, limits: EstimationLimits): Estimate {
  const maxNodes = nodeLimit(limits);
  let permitted = 0;
  const permissionToAddNode = () => {
    if (maxNodes < 0 || (maxNodes > 0 && permitted >= maxNodes)) return false;
    permitted++;
    return true;
  };
  const newNodeNames = new Set<string>();
  const withPods = new Set<string>();
  const placements: { pod: Pod; node: string }[] = [];
  let lastNodeName = '';
  const track = (pod: Pod, node: string) => {
    withPods.add(node);
    placements.push({ pod, node });
  };
  const addNewNode = () => {
    const node = makeNode(newNodeNames.size);
    snap.addNode(node);
    lastNodeName = node.metadata.name!;
    newNodeNames.add(lastNodeName);
  };

  // tryToScheduleOnNewNodes; false when no further node may be added (the limiter said no).
  const onNewNodes = (pods: Pod[]): boolean => {
    for (const pod of pods) {
      let found = false;
      if (lastNodeName !== '') {
        const err = snap.schedulePod(pod, lastNodeName);
        if (!err) {
          found = true;
          track(pod, lastNodeName);
        } else if (usesHostnameSpread(pod) && err.reasons.includes(ERR_REASON_CONSTRAINTS_NOT_MATCH)) {
          // #8181: a new node raised the global minimum, so an earlier node (new or existing) may take it.
          const last = lastNodeName;
          const node = snap.schedulePodOnAnyNodeMatching(pod, (n) => n.name !== last);
          if (node !== undefined) {
            found = true;
            track(pod, node);
          }
        }
      }
      if (!found) {
        // The last node is empty and the pod did not fit it: another new node would not help.
        if (lastNodeName !== '' && !withPods.has(lastNodeName)) return true;
        if (!permissionToAddNode()) return false;
        addNewNode();
        // May still fail (zonal spreading): the node stays, the rest of the group is not helped.
        if (snap.schedulePod(pod, lastNodeName)) break;
        track(pod, lastNodeName);
      }
    }
    return true;
  };

  let newNodesAvailable = true;
  for (const group of orderPodGroups(groups, template)) {
    // tryToScheduleOnExistingNodes: the nodes added so far, in order, until one pod does not fit.
    let index = 0;
    for (; index < group.pods.length; index++) {
      const pod = group.pods[index];
      const node = snap.schedulePodOnAnyNodeMatching(pod, (n) => newNodeNames.has(n.name));
      if (node === undefined) break;
      track(pod, node);
    }
    if (newNodesAvailable) newNodesAvailable = onNewNodes(group.pods.slice(index));
  }
  return { nodeCount: withPods.size, pods: placements.map((p) => p.pod), placements };
}
