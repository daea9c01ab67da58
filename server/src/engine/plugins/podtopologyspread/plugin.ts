// The PodTopologySpread plugin: wires filtering.ts and scoring.ts into the framework's extension
// points, decides which constraints apply (the pod's own, or the cluster defaults) and keeps the
// filter state incremental across the replicas of a simulation. Upstream: podtopologyspread/plugin.go.

import type { TopologySpreadConstraint } from '../../api';
import type { Cluster, LabelColumn, NodeInfo, PodInfo } from '../../cluster';
import {
  type CycleState, errorStatus, type Handle, type NodeScore, type Plugin, type PluginFactory, type SchedulerEnv, SKIP, type Status, SUCCESS,
} from '../../framework';
import { type Action, convertConstraints, countMatching, type InternalConstraint } from './common';
import type { Selector } from '../../selectors';
import { defaultSelector, type PodTopologySpreadArgs, resolveArgs, type ResolvedArgs } from './defaults';
import { domainFilter, filterNode, globalMinimum, nodeFilterAt, type PreFilterState } from './filtering';
import { snapshotMatchCounts } from './nodeCounts';
import { liveFilterState } from './sharedState';
import { computePreScoreState, type NodeCountTable, nodeScorerAt, normalizeScores, normalizeScoreValues, type PreScoreState, scoreNode } from './scoring';

export const NAME = 'PodTopologySpread';
const PRE_FILTER_KEY = 'PreFilterPodTopologySpread';
const PRE_SCORE_KEY = 'PreScorePodTopologySpread';

/** Per-node match counts of one (selector, namespace): by node position, and a map for nodes of no position. */
interface CountTable extends NodeCountTable {
  others: Map<NodeInfo, number>;
}

/**
 * Per-node match counts shared by the forks of a cluster, by (cluster, env), valid at the cluster's
 * changeLog length `generation`: every keystroke simulates its workload on a new fork of the
 * snapshot, and hostname scoring counted the matching pods of every node (150,000 pods on 5,000
 * nodes) again on each one. A fork's table starts as a copy of its parent's, less the nodes the fork
 * has changed, and each count it makes on a node it has not changed is the parent's count too.
 */
const sharedCounts = new WeakMap<Cluster, WeakMap<SchedulerEnv, { generation: number; byKey: Map<string, Int32Array> }>>();

/** The shared counts of `key` on the cluster `cluster` was forked from, while that one has not changed since. */
function inheritedCounts(cluster: Cluster, env: SchedulerEnv, key: string, selector: Selector, namespace: string): Int32Array | undefined {
  const parent = cluster.unchangedParent();
  if (!parent || parent.nodes.length > cluster.nodes.length) return undefined;
  let byEnv = sharedCounts.get(parent);
  if (!byEnv) sharedCounts.set(parent, (byEnv = new WeakMap()));
  let entry = byEnv.get(env);
  if (!entry || entry.generation !== parent.changeLog.length) byEnv.set(env, (entry = { generation: parent.changeLog.length, byKey: new Map() }));
  let counts = entry.byKey.get(key);
  if (!counts) {
    // A snapshot's counts are known once lint or PreFilter has read them (nodeCounts.ts): start from them.
    const known = snapshotMatchCounts(parent, selector, namespace, env);
    entry.byKey.set(key, (counts = known ? known.slice() : new Int32Array(parent.nodes.length).fill(-1)));
  }
  return counts;
}

/** Converted own constraints by env and pod object (PodTopologySpreadPlugin.ownConstraints). */
const converted = new WeakMap<SchedulerEnv, WeakMap<object, Partial<Record<Action, InternalConstraint[]>>>>();

export class PodTopologySpreadPlugin implements Plugin {
  readonly name = NAME;
  private readonly defaults: ResolvedArgs;
  /**
   * Matching pods per node for each (selector, namespace) scoring has counted, with the changeLog
   * position they reflect: a node's count is dropped when a pod joins or leaves it and recounted on
   * demand, so hostname scoring does not rescan every pod of the cluster each cycle.
   */
  private matchCache?: {
    cluster: Cluster; generation: number; bySelector: Map<string, CountTable>;
    /** Node positions a pod joined or left since the cluster was forked (their counts are the cluster's own). */
    changed: Uint8Array;
    /** The table used last (scoring asks for the same selector on every node in a row). */
    last?: { selector: Selector; namespace: string; table: CountTable };
  };

  /**
   * Filter / Score bound to the last cycle's state (bindFilter, bindScore): the full cycle calls
   * filter and score on every node in a row with the same state.
   */
  private filterMemo?: { state: CycleState; pod: PodInfo; cluster: Cluster; st: PreFilterState; fn: (at: number) => Status };
  private scoreMemo?: { state: CycleState; cluster: Cluster; generation: number; st: PreScoreState; fn: (at: number, node: NodeInfo) => number };

  constructor(private readonly handle: Handle, args?: PodTopologySpreadArgs) {
    this.defaults = resolveArgs(args);
  }

  /** The per-node match counts of (selector, namespace) on the current cluster, with every changed node reset. */
  private countTable(selector: Selector, namespace: string): CountTable {
    const cluster = this.handle.cluster;
    let mc = this.matchCache;
    if (!mc || mc.cluster !== cluster || mc.generation > cluster.changeLog.length) {
      mc = this.matchCache = { cluster, generation: 0, bySelector: new Map(), changed: new Uint8Array(cluster.nodes.length) };
    }
    if (mc.generation < cluster.changeLog.length) {
      for (let i = mc.generation; i < cluster.changeLog.length; i++) {
        const changed = cluster.changeLog[i].node;
        const at = cluster.indexOf(changed);
        if (at >= 0) mc.changed[at] = 1;
        for (const t of mc.bySelector.values()) {
          if (at >= 0) t.counts[at] = -1;
          else t.others.delete(changed);
        }
      }
      mc.generation = cluster.changeLog.length;
    }
    if (mc.last && mc.last.selector === selector && mc.last.namespace === namespace) return mc.last.table;
    const key = `${namespace}\u0000${selectorKey(selector)}`;
    let table = mc.bySelector.get(key);
    if (!table) {
      const shared = inheritedCounts(cluster, this.handle.env, key, selector, namespace);
      const counts = new Int32Array(cluster.nodes.length).fill(-1);
      if (shared) {
        counts.set(shared);
        for (let at = 0; at < shared.length; at++) if (mc.changed[at]) counts[at] = -1;
      }
      mc.bySelector.set(key, (table = { counts, others: new Map(), shared, changed: mc.changed }));
    }
    mc.last = { selector, namespace, table };
    return table;
  }

  /** countMatching(node.pods, c.selector, namespace), memoized per node until a pod joins or leaves it. */
  private readonly countOnNode = (node: NodeInfo, c: InternalConstraint, namespace: string): number => {
    const table = this.countTable(c.selector, namespace);
    const at = this.handle.cluster.indexOf(node);
    let n = at >= 0 ? table.counts[at] : table.others.get(node) ?? -1;
    if (n < 0) {
      n = countMatching(node.pods, c.selector, namespace, this.handle.env);
      if (at >= 0) {
        table.counts[at] = n;
        if (table.shared && !table.changed![at]) table.shared[at] = n;
      } else table.others.set(node, n);
    }
    return n;
  };

  /** getConstraints: the pod's own entries for `action`, else the cluster defaults. Throws SelectorError. */
  constraintsFor(pod: PodInfo, action: Action): InternalConstraint[] {
    const own = pod.pod.spec?.topologySpreadConstraints ?? [];
    if (own.length > 0) return this.ownConstraints(pod, own, action);
    const source = this.defaults.systemDefaulted ? 'system-default' : 'list-default';
    const constraints = convertConstraints(this.defaults.constraints, pod.labels, action, this.handle.env, source);
    if (constraints.length === 0) return [];
    const selector = defaultSelector(pod.pod, this.handle.cluster);
    if (selector.isEmpty) return [];
    return constraints.map((c) => ({ ...c, selector }));
  }

  /**
   * The pod's own constraints, converted once per pod object and action: they depend on the pod (its
   * constraints and labels) and the env only, and every cycle of a simulation asks for them (the same
   * array each time also keeps the shared state's key memo in sharedState.ts hitting). Read-only.
   * A conversion that throws (SelectorError) is not kept: it throws again on the next call. Shared by
   * every instance (a release makes new schedulers for every creation order on every edit).
   */
  private ownConstraints(pod: PodInfo, own: readonly TopologySpreadConstraint[], action: Action): InternalConstraint[] {
    let byPod = converted.get(this.handle.env);
    if (!byPod) converted.set(this.handle.env, (byPod = new WeakMap()));
    let byAction = byPod.get(pod.pod);
    if (!byAction) byPod.set(pod.pod, (byAction = {}));
    return (byAction[action] ??= convertConstraints(own, pod.labels, action, this.handle.env, 'pod'));
  }

  /**
   * Filter state for the pod: the one every plugin instance on this cluster shares for the same
   * constraints and eligibility (sharedState.ts liveFilterState), brought up to date with the pods
   * added and removed since it was last used.
   */
  filterState(pod: PodInfo, constraints: InternalConstraint[]): PreFilterState {
    // The state returned may be one an earlier cycle's Filter memo has read, updated in place.
    this.filterMemo = undefined;
    return liveFilterState(constraints, pod, this.handle.cluster, this.handle.env);
  }

  preFilter(state: CycleState, pod: PodInfo): Status {
    let constraints: InternalConstraint[];
    try {
      constraints = this.constraintsFor(pod, 'DoNotSchedule');
    } catch (e) {
      return errorStatus(`obtaining pod's hard topology spread constraints: ${(e as Error).message}`);
    }
    if (constraints.length === 0) return SKIP;
    state.write(PRE_FILTER_KEY, this.filterState(pod, constraints));
    return SUCCESS;
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status {
    const cluster = this.handle.cluster;
    let m = this.filterMemo;
    if (!m || m.state !== state || m.pod !== pod || m.cluster !== cluster) {
      const st = state.read<PreFilterState>(PRE_FILTER_KEY);
      // Filter without PreFilter is a framework bug upstream, reported as an Error (TestPreFilterDisabled).
      if (!st) return errorStatus(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
      m = this.filterMemo = { state, pod, cluster, st, fn: nodeFilterAt(st, pod, cluster) };
    }
    const at = cluster.indexOf(node);
    return at < 0 ? filterNode(m.st, pod, node) : m.fn(at);
  }

  bindFilter(state: CycleState, pod: PodInfo): ((at: number) => Status) | undefined {
    const st = state.read<PreFilterState>(PRE_FILTER_KEY);
    return st ? nodeFilterAt(st, pod, this.handle.cluster) : undefined;
  }

  bindDomainFilter(state: CycleState, pod: PodInfo): { column: LabelColumn; verdictOf: (id: number) => Status } | undefined {
    const st = state.read<PreFilterState>(PRE_FILTER_KEY);
    return st ? domainFilter(st, pod, this.handle.cluster) : undefined;
  }

  preScore(state: CycleState, pod: PodInfo, feasible: NodeInfo[], positions?: Int32Array): Status {
    if (this.handle.cluster.nodes.length === 0) return SKIP;
    const hasOwn = (pod.pod.spec?.topologySpreadConstraints ?? []).length > 0;
    // Nodes missing a key are only tolerated for the system defaults (zone-less clusters still get hostname spreading).
    const requireAllTopologies = hasOwn || !this.defaults.systemDefaulted;
    let constraints: InternalConstraint[];
    try {
      constraints = this.constraintsFor(pod, 'ScheduleAnyway');
    } catch (e) {
      return errorStatus(`calculating preScoreState: obtaining pod's soft topology spread constraints: ${(e as Error).message}`);
    }
    if (constraints.length === 0) return SKIP;
    this.scoreMemo = undefined;
    state.write(PRE_SCORE_KEY, computePreScoreState(constraints, requireAllTopologies, pod, feasible, this.handle.cluster, this.handle.env, this.countOnNode, positions));
    return SUCCESS;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const cluster = this.handle.cluster;
    let m = this.scoreMemo;
    if (!m || m.state !== state || m.cluster !== cluster || m.generation !== cluster.changeLog.length) {
      const st = state.read<PreScoreState>(PRE_SCORE_KEY);
      if (!st) return 0;
      // The count tables are brought up to date when bound: the memo is dropped when the cluster changes.
      m = this.scoreMemo = { state, cluster, generation: cluster.changeLog.length, st, fn: this.bindScore(state, pod)! };
    }
    const at = cluster.indexOf(node);
    return at < 0 ? scoreNode(m.st, node, this.handle.env, this.countOnNode) : m.fn(at, node);
  }

  bindScore(state: CycleState, _pod: PodInfo): ((at: number, node: NodeInfo) => number) | undefined {
    const st = state.read<PreScoreState>(PRE_SCORE_KEY);
    return st ? nodeScorerAt(st, this.handle.cluster, this.handle.env, (c) => this.countTable(c.selector, st.namespace)) : undefined;
  }

  normalizeScore(state: CycleState, _pod: PodInfo, scores: NodeScore[]): void {
    const st = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (st) normalizeScores(st, scores);
  }

  bindNormalizeScore(state: CycleState, _pod: PodInfo): ((scores: Float64Array, count: number) => void) | undefined {
    const st = state.read<PreScoreState>(PRE_SCORE_KEY);
    // Ignored nodes are known by name: those cycles normalize a list.
    return st && st.ignoredNodes.size === 0 ? normalizeScoreValues : undefined;
  }
}

const selectorKeys = new WeakMap<Selector, string>();
/** An exact identity of a selector's semantics (toString() can collide on values with commas). */
function selectorKey(sel: Selector): string {
  let k = selectorKeys.get(sel);
  if (k === undefined) selectorKeys.set(sel, (k = JSON.stringify([sel.isNothing, sel.requirements])));
  return k;
}

export const PodTopologySpread: PluginFactory = (handle, args) => new PodTopologySpreadPlugin(handle, args as PodTopologySpreadArgs | undefined);

export function readPreFilterState(state: CycleState): PreFilterState | undefined {
  return state.read<PreFilterState>(PRE_FILTER_KEY);
}

export function readPreScoreState(state: CycleState): PreScoreState | undefined {
  return state.read<PreScoreState>(PRE_SCORE_KEY);
}

// ---- Plain summaries of the state, for explain output and for the ported state tables ----------

export interface FilterConstraintSummary {
  index: number;
  source: InternalConstraint['source'];
  topologyKey: string;
  maxSkew: number;
  minDomains: number;
  whenUnsatisfiable: 'DoNotSchedule';
  selector: string;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
  domains: Record<string, number>;
  eligibleDomains: number;
  globalMinimum: number;
  /** The smallest domain count before the minDomains rule (null without domains). */
  rawMinimum: number | null;
}

export function summarizeFilterState(st: PreFilterState): FilterConstraintSummary[] {
  return st.constraints.map((cs) => {
    const c = cs.constraint;
    const domains: Record<string, number> = {};
    for (const k of [...cs.domains.counts.keys()].sort()) domains[k] = cs.domains.counts.get(k)!;
    return {
      index: c.index,
      source: c.source,
      topologyKey: c.topologyKey,
      maxSkew: c.maxSkew,
      minDomains: c.minDomains,
      whenUnsatisfiable: 'DoNotSchedule',
      selector: c.selector.toString(),
      nodeAffinityPolicy: c.nodeAffinityPolicy,
      nodeTaintsPolicy: c.nodeTaintsPolicy,
      domains,
      eligibleDomains: cs.domains.domains,
      globalMinimum: globalMinimum(cs),
      rawMinimum: cs.domains.domains > 0 ? cs.domains.minimum : null,
    };
  });
}

export interface ScoreConstraintSummary {
  index: number;
  source: InternalConstraint['source'];
  topologyKey: string;
  maxSkew: number;
  whenUnsatisfiable: 'ScheduleAnyway';
  selector: string;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
  weight: number;
  /** Tracked values and their counts (non-hostname keys). */
  counts: Record<string, number>;
}

export function summarizeScoreState(st: PreScoreState): { ignoredNodes: string[]; constraints: ScoreConstraintSummary[] } {
  return {
    ignoredNodes: [...st.ignoredNodes].sort(),
    constraints: st.constraints.map((c, i) => {
      const counts: Record<string, number> = {};
      for (const k of [...st.counts[i].keys()].sort()) counts[k] = st.counts[i].get(k)!;
      return {
        index: c.index,
        source: c.source,
        topologyKey: c.topologyKey,
        maxSkew: c.maxSkew,
        whenUnsatisfiable: 'ScheduleAnyway',
        selector: c.selector.toString(),
        nodeAffinityPolicy: c.nodeAffinityPolicy,
        nodeTaintsPolicy: c.nodeTaintsPolicy,
        weight: st.weights[i],
        counts,
      };
    }),
  };
}
