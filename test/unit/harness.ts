// Runs one plugin's extension points the way the framework would, for ported upstream tables.
// A case states the cluster, the incoming pod and the expected per-node status or score.

import type { Namespace, Node, Pod, ReplicationController, SelectorOwner, Service } from '../../server/src/engine/api';
import { Cluster, makePodInfo } from '../../server/src/engine/cluster';
import { CycleState, type Code, type FeatureGates, type NodeScore, type PluginFactory, type Status } from '../../server/src/engine/framework';
import { defaultEnv } from '../../server/src/engine/versions';

export interface ClusterCase {
  /** The upstream test case name, verbatim. */
  name: string;
  /** Where the case comes from: file and test function. */
  source: string;
  pod: Pod;
  nodes: Node[];
  existingPods?: Pod[];
  services?: Service[];
  owners?: (SelectorOwner | ReplicationController)[];
  namespaces?: Namespace[];
  args?: unknown;
  /** Kubernetes minor version (default: the newest release) and gate overrides. */
  minor?: number;
  gates?: Partial<FeatureGates>;
}

export interface ExpectedStatus {
  code: Code;
  /** When given, the reasons must equal these exactly. */
  reasons?: string[];
}

export interface FilterCase extends ClusterCase {
  /** Expected PreFilter status when it is not Success (e.g. Skip, Error, Unschedulable). */
  wantPreFilter?: ExpectedStatus;
  /** Expected Filter status per node name; nodes not listed must be Success. */
  want: Record<string, ExpectedStatus>;
}

export interface ScoreCase extends ClusterCase {
  /** Nodes that passed filtering (default: every node). */
  feasible?: string[];
  /** Expected PreScore code when not Success (e.g. Skip). */
  wantPreScore?: Code;
  /** Expected normalized scores by node (omit when wantPreScore is Skip). */
  want?: Record<string, number>;
}

function setup(factory: PluginFactory, c: ClusterCase) {
  const cluster = Cluster.build({ nodes: c.nodes, pods: c.existingPods, services: c.services, owners: c.owners, namespaces: c.namespaces });
  const handle = { cluster, env: defaultEnv(c.minor, c.gates) };
  return { cluster, plugin: factory(handle, c.args), state: new CycleState(), pod: makePodInfo(c.pod) };
}

/** PreFilter, then Filter on every node (unless PreFilter skipped or failed). */
export function runFilter(factory: PluginFactory, c: ClusterCase): { preFilter: Status; perNode: Record<string, Status> } {
  const { cluster, plugin, state, pod } = setup(factory, c);
  const preFilter = plugin.preFilter ? plugin.preFilter(state, pod) : { code: 'Success' as Code, reasons: [] };
  const perNode: Record<string, Status> = {};
  for (const n of cluster.nodes) {
    if (preFilter.code === 'Skip') perNode[n.name] = { code: 'Success', reasons: [] };
    else if (preFilter.code !== 'Success') perNode[n.name] = preFilter;
    else perNode[n.name] = plugin.filter ? plugin.filter(state, pod, n) : { code: 'Success', reasons: [] };
  }
  return { preFilter, perNode };
}

/** PreScore over the feasible nodes, Score each, then NormalizeScore. */
export function runScore(factory: PluginFactory, c: ScoreCase): { preScore: Status; scores: Record<string, number> } {
  const { cluster, plugin, state, pod } = setup(factory, c);
  const feasibleNames = c.feasible ?? cluster.nodes.map((n) => n.name);
  const feasible = feasibleNames.map((n) => {
    const ni = cluster.nodeByName.get(n);
    if (!ni) throw new Error(`case ${c.name}: feasible node ${n} is not in nodes`);
    return ni;
  });
  // Some plugins (InterPodAffinity, PodTopologySpread) need PreFilter state for Score in upstream
  // tests only when the test ran PreFilter; their scoring tables call PreScore directly.
  const preScore = plugin.preScore ? plugin.preScore(state, pod, feasible) : { code: 'Success' as Code, reasons: [] };
  const scores: Record<string, number> = {};
  if (preScore.code !== 'Success') return { preScore, scores };
  const list: NodeScore[] = feasible.map((n) => ({ name: n.name, score: plugin.score ? plugin.score(state, pod, n) : 0 }));
  plugin.normalizeScore?.(state, pod, list);
  for (const s of list) scores[s.name] = s.score;
  return { preScore, scores };
}
