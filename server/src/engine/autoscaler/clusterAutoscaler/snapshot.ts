// cluster-autoscaler's ClusterSnapshot + SchedulerPluginRunner on the engine's own cluster and plugins
// (simulator/clustersnapshot/predicate/plugin_runner.go). The same filters as kube-scheduler, run the
// way cluster-autoscaler runs them: PreFilter once per check, then Filter on one node
// (RunFiltersOnNode) or on node after node from where the last search stopped (RunFiltersUntilPassingNode).
// A snapshot is a fork: adding nodes or pods never touches the cluster it was made from.

import type { Node, Pod } from '../../api';
import { type Cluster, makePodInfo, type NodeInfo, type PodInfo } from '../../cluster';
import { CycleState, type Plugin, type SchedulerEnv } from '../../framework';
import type { Profile } from '../../profile';
import { Scheduler } from '../../scheduler';

/** A failing predicate: the plugin and its reasons, as clustersnapshot.SchedulingError carries them. */
export interface PredicateError {
  plugin: string;
  reasons: string[];
}

interface PreFiltered {
  state: CycleState;
  active: Plugin[];
  /** PreFilterResult: only these nodes are worth filtering (undefined: all). */
  candidates?: Set<string>;
  narrowedBy: string[];
}

export class Snapshot {
  cluster: Cluster;
  scheduler: Scheduler;
  /** RunFiltersUntilPassingNode starts after the node it found last time (plugin_runner.go lastIndex). */
  private lastIndex = 0;

  constructor(base: Cluster, private readonly env: SchedulerEnv, private readonly profile: Profile) {
    this.cluster = base.fork();
    this.scheduler = new Scheduler({ cluster: this.cluster, env }, profile);
  }

  /** AddNodeInfo: a new snapshot node (a fork with the node; plugins are rebuilt on it). */
  addNode(node: Node): void {
    this.cluster = this.cluster.withNodes([node]);
    this.scheduler = new Scheduler({ cluster: this.cluster, env: this.env }, this.profile);
  }

  /** AddPod: the pod is bound to the node and counts from now on. */
  addPod(pod: Pod, nodeName: string): void {
    this.cluster.assume(pod, nodeName);
  }

  private preFilter(pod: PodInfo): PreFiltered | PredicateError {
    const state = new CycleState();
    const active: Plugin[] = [];
    let candidates: Set<string> | undefined;
    const narrowedBy: string[] = [];
    for (const { plugin, filters } of this.scheduler.instances) {
      if (!plugin.filter || !filters) continue;
      const s = plugin.preFilter ? plugin.preFilter(state, pod) : undefined;
      if (s?.code === 'Skip') continue;
      if (s && s.code !== 'Success') return { plugin: plugin.name, reasons: [...s.reasons] };
      active.push(plugin);
      if (s?.nodeNames) {
        narrowedBy.push(plugin.name);
        candidates = candidates ? new Set([...candidates].filter((n) => s.nodeNames!.has(n))) : new Set(s.nodeNames);
      }
    }
    return { state, active, candidates, narrowedBy };
  }

  private filter(pf: PreFiltered, pod: PodInfo, node: NodeInfo): PredicateError | null {
    for (const plugin of pf.active) {
      const s = plugin.filter!(pf.state, pod, node);
      if (s.code !== 'Success') return { plugin: plugin.name, reasons: [...s.reasons] };
    }
    return null;
  }

  /** CheckPredicates / RunFiltersOnNode: null when the pod fits the node. */
  checkPredicates(pod: Pod, nodeName: string): PredicateError | null {
    const node = this.cluster.nodeByName.get(nodeName);
    if (!node) return { plugin: '', reasons: [`unknown node ${nodeName}`] };
    const info = makePodInfo(pod);
    const pf = this.preFilter(info);
    if (!('state' in pf)) return pf;
    // "PreFilter filtered the Node out": no reasons, the narrowing plugins named.
    if (pf.candidates && !pf.candidates.has(nodeName)) return { plugin: pf.narrowedBy.join(', '), reasons: [] };
    return this.filter(pf, info, node);
  }

  /** SchedulePod: CheckPredicates, then AddPod when they pass. */
  schedulePod(pod: Pod, nodeName: string): PredicateError | null {
    const err = this.checkPredicates(pod, nodeName);
    if (!err) this.addPod(pod, nodeName);
    return err;
  }

  /**
   * SchedulePodOnAnyNodeMatching / RunFiltersUntilPassingNode: the first node (from the one after the
   * last found, wrapping around) that `matches` and passes the filters; the pod is added to it.
   * Unschedulable nodes are skipped before filtering, as upstream does.
   */
  schedulePodOnAnyNodeMatching(pod: Pod, matches: (n: NodeInfo) => boolean): string | undefined {
    const nodes = this.cluster.nodes;
    if (nodes.length === 0) return undefined;
    const info = makePodInfo(pod);
    const pf = this.preFilter(info);
    if (!('state' in pf)) return undefined;
    for (let i = 0; i < nodes.length; i++) {
      const at = (this.lastIndex + i) % nodes.length;
      const n = nodes[at];
      if (pf.candidates && !pf.candidates.has(n.name)) continue;
      if (n.unschedulable || !matches(n)) continue;
      if (this.filter(pf, info, n)) continue;
      this.lastIndex = (at + 1) % nodes.length;
      this.addPod(pod, n.name);
      return n.name;
    }
    return undefined;
  }
}
