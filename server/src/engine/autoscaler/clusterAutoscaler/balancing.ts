// --balance-similar-node-groups (processors/nodegroupset): which groups are similar to the chosen one
// (compare_nodegroups.go IsCloudProviderNodeInfoSimilar on the template nodes) and how a scale-up is
// split between them (balancing_processor.go BalanceScaleUpBetweenGroups: one node at a time to the
// smallest group, never past a group's max size).

import type { Node } from '../../api';
import { quantityMilliValue } from '../../quantity';
import type { CANodeGroup } from '../types';

/** BasicIgnoredLabels: labels that may differ between similar groups. */
export const BASIC_IGNORED_LABELS: ReadonlySet<string> = new Set([
  'kubernetes.io/hostname',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'beta.kubernetes.io/fluentd-ds-ready',
  'kops.k8s.io/instancegroup',
  'topology.ebs.csi.aws.com/zone',
  'topology.gke.io/zone',
  'topology.disk.csi.azure.com/zone',
]);

/** config.NodeGroupDifferenceRatios defaults. */
const MAX_CAPACITY_MEMORY_DIFFERENCE_RATIO = 0.015;
const MAX_ALLOCATABLE_DIFFERENCE_RATIO = 0.05;
const MAX_FREE_DIFFERENCE_RATIO = 0.05;

function milli(q: unknown): number | undefined {
  try {
    return quantityMilliValue(q as string | number);
  } catch {
    return undefined;
  }
}

function withinTolerance(a: number, b: number, ratio: number): boolean {
  const larger = Math.max(a, b);
  return larger - Math.min(a, b) <= larger * ratio;
}

/**
 * IsCloudProviderNodeInfoSimilar on two template nodes: the same capacity (memory within 1.5%), allocatable
 * and free resources within 5% (free = allocatable: the templates hold no pods here) and the same labels
 * apart from the ignored ones. Taints are not compared, as upstream.
 */
export function similarTemplates(n1: Node, n2: Node): boolean {
  const cap1 = n1.status?.capacity ?? {};
  const cap2 = n2.status?.capacity ?? {};
  for (const k of new Set([...Object.keys(cap1), ...Object.keys(cap2)])) {
    if (!(k in cap1) || !(k in cap2)) return false;
    const a = milli(cap1[k]);
    const b = milli(cap2[k]);
    if (a === undefined || b === undefined) return false;
    if (k === 'memory' ? !withinTolerance(a, b, MAX_CAPACITY_MEMORY_DIFFERENCE_RATIO) : a !== b) return false;
  }
  const al1 = n1.status?.allocatable ?? {};
  const al2 = n2.status?.allocatable ?? {};
  for (const k of new Set([...Object.keys(al1), ...Object.keys(al2)])) {
    const a = milli(al1[k]);
    const b = milli(al2[k]);
    if (a === undefined || b === undefined) return false;
    if (!withinTolerance(a, b, MAX_ALLOCATABLE_DIFFERENCE_RATIO) || !withinTolerance(a, b, MAX_FREE_DIFFERENCE_RATIO)) return false;
  }
  const l1 = n1.metadata.labels ?? {};
  const l2 = n2.metadata.labels ?? {};
  for (const k of new Set([...Object.keys(l1), ...Object.keys(l2)])) {
    if (BASIC_IGNORED_LABELS.has(k)) continue;
    if (!(k in l1) || !(k in l2) || l1[k] !== l2[k]) return false;
  }
  return true;
}

export interface ScaleUpInfo {
  group: CANodeGroup;
  currentSize: number;
  newSize: number;
  maxSize: number;
}

/**
 * BalanceScaleUpBetweenGroups: `groups` in upstream's order (the chosen group first, then the similar
 * ones); sorted by current size, stably (upstream's sort.Slice is stable for up to 12 groups).
 */
export function balanceScaleUp(groups: { group: CANodeGroup; currentSize: number }[], newNodes: number): ScaleUpInfo[] {
  const infos: ScaleUpInfo[] = [];
  let capacity = 0;
  for (const { group, currentSize } of groups) {
    if (currentSize >= group.max) continue;
    infos.push({ group, currentSize, newSize: currentSize, maxSize: group.max });
    capacity += group.max - currentSize;
  }
  if (infos.length === 0) return [];
  let left = Math.min(newNodes, capacity);
  infos.sort((a, b) => a.currentSize - b.currentSize);
  let start = 0;
  let current = 0;
  while (left > 0) {
    const info = infos[current];
    if (info.newSize < info.maxSize) {
      info.newSize++;
      left--;
    } else {
      [infos[start], infos[current]] = [infos[current], infos[start]];
      start++;
    }
    // Upstream compares the slot at currentIndex (after a swap it holds another group).
    if (current < infos.length - 1 && infos[current].newSize > infos[current + 1].newSize) current++;
    else current = start;
  }
  return infos.filter((i) => i.newSize !== i.currentSize);
}
