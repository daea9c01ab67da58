// ImageLocality (pkg/scheduler/framework/plugins/imagelocality): favours nodes whose
// status.images already hold the pod's images. Each present image contributes its size scaled by
// the fraction of all nodes that have it (to avoid piling pods onto the one node holding a big
// image); the sum is clamped to [23 MiB, 1000 MiB x number of containers] and mapped to 0..100.
// No NormalizeScore: the score is already in range. Nodes without status.images score 0.
//
// Not modelled: image volumes (spec.volumes[].image), which newer releases also count; the
// engine's Pod type has no volumes.

import type { Pod } from '../api';
import type { Cluster } from '../cluster';
import { MAX_NODE_SCORE, type PluginFactory } from '../framework';

const MB = 1024 * 1024;
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** The CRI form of an image reference: ":latest" is implied when no tag follows the last '/'. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

interface ImageState {
  size: number;
  numNodes: number;
}

/** Per node: image name -> size and the number of nodes listing that name (the scheduler cache's ImageStateSummary). */
function imageStates(cluster: Cluster): Map<string, Map<string, ImageState>> {
  const nodesWith = new Map<string, Set<string>>();
  for (const ni of cluster.nodes) {
    for (const img of ni.node.status?.images ?? []) {
      for (const name of img?.names ?? []) {
        let s = nodesWith.get(name);
        if (!s) nodesWith.set(name, (s = new Set()));
        s.add(ni.name);
      }
    }
  }
  const out = new Map<string, Map<string, ImageState>>();
  for (const ni of cluster.nodes) {
    const states = new Map<string, ImageState>();
    for (const img of ni.node.status?.images ?? []) {
      for (const name of img?.names ?? []) {
        states.set(name, { size: img.sizeBytes ?? 0, numNodes: nodesWith.get(name)?.size ?? 0 });
      }
    }
    out.set(ni.name, states);
  }
  return out;
}

/** calculatePriority: clamp the summed scores, then scale linearly with int64 division. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  let s = sumScores;
  if (s < MIN_THRESHOLD) s = MIN_THRESHOLD;
  else if (s > maxThreshold) s = maxThreshold;
  return Math.trunc((MAX_NODE_SCORE * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

function podImages(pod: Pod): string[] {
  const out: string[] = [];
  // Init containers count too (they are pulled before the pod starts).
  for (const c of pod.spec?.initContainers ?? []) out.push(c?.image ?? '');
  for (const c of pod.spec?.containers ?? []) out.push(c?.image ?? '');
  return out;
}

/**
 * Image states per cluster, shared by every plugin instance on it (a release has one per workload):
 * they come from the nodes' status only, and a Cluster's node list never changes (assuming or removing
 * pods does not touch it). A fork has its parent's nodes (Cluster.forkedFrom; withNodes has not), so
 * it shares its parent's states.
 */
const sharedStates = new WeakMap<Cluster, Map<string, Map<string, ImageState>>>();

function statesOf(cluster: Cluster): Map<string, Map<string, ImageState>> {
  let states = sharedStates.get(cluster);
  if (!states) {
    const parent = cluster.forkedFrom?.cluster.deref();
    states = parent ? statesOf(parent) : imageStates(cluster);
    sharedStates.set(cluster, states);
  }
  return states;
}

export const ImageLocality: PluginFactory = (handle) => {
  let cache: { cluster: Cluster; states: Map<string, Map<string, ImageState>> } | undefined;
  const statesFor = (nodeName: string) => {
    const cluster = handle.cluster;
    if (!cache || cache.cluster !== cluster) {
      cache = { cluster, states: statesOf(cluster) };
    }
    return cache.states.get(nodeName);
  };

  return {
    name: 'ImageLocality',
    score(_state, pod, node) {
      const images = podImages(pod.pod);
      if (images.length === 0) return 0; // what the formula gives too (0 / -MIN_THRESHOLD)
      const total = handle.cluster.nodes.length;
      const states = statesFor(node.name);
      let sum = 0;
      for (const image of images) {
        const st = states?.get(normalizedImageName(image));
        if (!st) continue;
        // Go: int64(float64(size) * (float64(numNodes) / float64(total))), spread computed first.
        const spread = st.numNodes / total;
        sum += Math.trunc(st.size * spread);
      }
      return calculatePriority(sum, images.length);
    },
  };
};
