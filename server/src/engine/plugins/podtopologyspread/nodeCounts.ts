// Matching pods per node of a cluster no pod has joined or left since it was built (an analysis
// context's snapshot), per (namespace, selector, version): countMatching(node.pods, ...) for every node,
// counted once. Lint's domain counts, PodTopologySpread's PreFilter state (calPreFilterState, counted
// on the snapshot and carried to its forks by sharedState.ts) and its hostname scoring tables (plugin.ts,
// for the snapshot's forks) all read the same numbers; on 5,000 nodes each of them counted the 150,000
// pods again for every workload of a file.

import type { Cluster, PodInfo } from '../../cluster';
import type { SchedulerEnv } from '../../framework';
import type { Selector } from '../../selectors';
import { countMatching, selectorCountsNothing } from './common';

/** Tables per snapshot, by key; distinct selectors kept per cluster before starting again (a file has a few hundred at most). */
const tables = new WeakMap<Cluster, Map<string, Int32Array>>();
const MAX_SELECTORS = 512;
/** Selectors counted by a plain scan before the snapshot's pods are indexed by namespace. */
const INDEX_AFTER = 3;

/** The table for a cluster whose pods never changed (empty changeLog); undefined for any other. Read-only. */
export function snapshotMatchCounts(cluster: Cluster, selector: Selector, namespace: string, env: SchedulerEnv): Int32Array | undefined {
  if (cluster.changeLog.length !== 0) return undefined;
  // A fork nothing has changed yet holds its parent's pods on the same node positions (Cluster.fork).
  const parent = cluster.unchangedParent();
  if (parent && parent.nodes.length === cluster.nodes.length) {
    const inherited = snapshotMatchCounts(parent, selector, namespace, env);
    if (inherited) return inherited;
  }
  let byKey = tables.get(cluster);
  if (!byKey) tables.set(cluster, (byKey = new Map()));
  // The requirements themselves, not Selector.toString: label values may hold the characters it joins with.
  const key = JSON.stringify([namespace, env.minor, selector.isNothing, selector.requirements]);
  let counts = byKey.get(key);
  if (!counts) {
    counts = new Int32Array(cluster.nodes.length);
    // countMatching (common.ts) per node: a selector that counts nothing, else only the namespace's pods (a
    // few thousand of 150,000) read against it, node by node the same sums.
    if (byKey.size < INDEX_AFTER) {
      // The first selectors of a snapshot (a single `simulate` or `explain` reads one or two): a plain scan,
      // cheaper than indexing 150,000 pods by namespace first.
      const nodes = cluster.nodes;
      for (let i = 0; i < nodes.length; i++) counts[i] = countMatching(nodes[i].pods, selector, namespace, env);
    } else if (!selectorCountsNothing(selector, env)) {
      const inNamespace = podsByNamespace(cluster).get(namespace);
      if (inNamespace) {
        const { pods, nodeAt } = inNamespace;
        for (let k = 0; k < pods.length; k++) if (!pods[k].terminating && selector.matches(pods[k].labels)) counts[nodeAt[k]]++;
      }
    }
    if (byKey.size >= MAX_SELECTORS) byKey.clear();
    byKey.set(key, counts);
  }
  return counts;
}

/** A snapshot's pods by namespace, with the position of the node each is on (built once per snapshot). */
const namespaces = new WeakMap<Cluster, Map<string, { pods: PodInfo[]; nodeAt: number[] }>>();

function podsByNamespace(cluster: Cluster): Map<string, { pods: PodInfo[]; nodeAt: number[] }> {
  let out = namespaces.get(cluster);
  if (!out) {
    out = new Map();
    const nodes = cluster.nodes;
    for (let i = 0; i < nodes.length; i++) {
      for (const p of nodes[i].pods) {
        let list = out.get(p.namespace);
        if (!list) out.set(p.namespace, (list = { pods: [], nodeAt: [] }));
        list.pods.push(p);
        list.nodeAt.push(i);
      }
    }
    namespaces.set(cluster, out);
  }
  return out;
}
