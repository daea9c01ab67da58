// The RemovePodsViolatingTopologySpreadConstraint strategy's Balance, as
// pkg/framework/plugins/removepodsviolatingtopologyspreadconstraint/topologyspreadconstraint.go
// computes it at descheduler 7d2b28bf2b6a12810317936d909af0270ff38fa3 (v0.36.0 + 8). How it counts
// differs from the scheduler's PodTopologySpread, on purpose of upstream:
// - only the pods' OWN constraints whose whenUnsatisfiable is in args.constraints (default
//   [DoNotSchedule]); never the scheduler's default constraints;
// - only pods that pass the plugin's pod filter (namespaces, labelSelector AND the evictor's
//   Filter) are counted at all: a non-evictable pod (DaemonSet, bare, local storage, critical) is
//   invisible to the counts, unlike for the scheduler;
// - a domain is any node value of the key on the descheduler's nodes that passes the constraint's
//   node inclusion policies (nodeAffinityPolicy default Honor, nodeTaintsPolicy default Ignore);
//   nodes lacking the pod's other topology keys still count, and minDomains is ignored;
// - matchLabelKeys values are merged into the selector from the pod's labels (no feature gate);
// - identical constraints of one namespace are balanced once.
//
// Upstream is not deterministic where it iterates Go maps or sorts ties with sort.Slice; kube-spread
// fixes those orders (docs/descheduler.md "Determinism"): namespaces in byte order, pods in listing
// order (node order, then pod name), domains of equal size by value, selected pods in selection order.

import type { LabelSelector } from '../api';
import type { NodeInfo, PodInfo } from '../cluster';
import { byteOrder } from '../fitError';
import { labelSelectorAsSelector, RequiredNodeAffinity, type Requirement, type Selector } from '../selectors';
import { findUntoleratedTaint, isDoNotScheduleTaint } from '../tolerations';
import { podFitsAnyOtherNode } from './nodeFit';
import type { SpreadAction, TopologySpreadArgs } from './types';

/** The strategy's internal constraint (topologySpreadConstraint). */
export interface DeschedulerConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
  /** Set when nodeAffinityPolicy is Honor. */
  affinity?: RequiredNodeAffinity;
  tolerations?: PodInfo['pod']['spec']['tolerations'];
  /** Identity for hasIdenticalConstraints (reflect.DeepEqual of the fields above). */
  key: string;
  /** The first pod's whenUnsatisfiable (reporting only: upstream's struct drops it). */
  action: SpreadAction;
}

export interface Selected {
  pod: PodInfo;
  constraint: string;
  reason: string;
}

export interface BalanceInput {
  /** The descheduler's nodes (ready, policy nodeSelector), in order. */
  nodes: readonly NodeInfo[];
  args: TopologySpreadArgs;
  /** The evictor's Filter: undefined when evictable. */
  evictable: (pod: PodInfo) => boolean;
}

/** newTopologySpreadConstraint; undefined where upstream logs an error and skips the constraint. */
export function convertConstraint(c: { maxSkew: number; topologyKey: string; labelSelector?: LabelSelector | null; matchLabelKeys?: string[] | null;
  nodeAffinityPolicy?: string | null; nodeTaintsPolicy?: string | null; whenUnsatisfiable: string }, pod: PodInfo): DeschedulerConstraint | undefined {
  let selector: Selector;
  try {
    selector = labelSelectorAsSelector(c.labelSelector);
  } catch {
    return undefined;
  }
  const keys = c.matchLabelKeys ?? [];
  if (keys.length > 0 && pod.pod.metadata?.labels) {
    const extra: Requirement[] = [];
    for (const k of keys) if (Object.prototype.hasOwnProperty.call(pod.labels, k)) extra.push({ key: k, op: 'In', values: [pod.labels[k]] });
    selector = selector.and(extra);
  }
  const nodeAffinityPolicy = c.nodeAffinityPolicy ?? 'Honor';
  const nodeTaintsPolicy = c.nodeTaintsPolicy ?? 'Ignore';
  const spec = pod.pod.spec;
  const affinityKey = nodeAffinityPolicy === 'Honor' ? JSON.stringify([spec?.nodeSelector ?? null, spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null]) : '';
  const tolerations = nodeTaintsPolicy === 'Honor' ? spec?.tolerations : undefined;
  return {
    maxSkew: Number(c.maxSkew),
    topologyKey: String(c.topologyKey ?? ''),
    selector,
    nodeAffinityPolicy,
    nodeTaintsPolicy,
    affinity: nodeAffinityPolicy === 'Honor' ? new RequiredNodeAffinity(pod.pod) : undefined,
    tolerations,
    key: JSON.stringify([Number(c.maxSkew), c.topologyKey, selector.toString(), nodeAffinityPolicy, nodeTaintsPolicy, affinityKey, tolerations ?? null]),
    action: c.whenUnsatisfiable as SpreadAction,
  };
}

/** matchNodeInclusionPolicies. */
export function matchesInclusionPolicies(c: DeschedulerConstraint, node: NodeInfo): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && c.affinity && !c.affinity.matches(node.node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findUntoleratedTaint(node.taints, c.tolerations, isDoNotScheduleTaint)) return false;
  return true;
}

export function describeConstraint(c: DeschedulerConstraint): string {
  return `${c.topologyKey} (maxSkew ${c.maxSkew}, ${c.action})`;
}

interface Domain {
  value: string;
  pods: PodInfo[];
}

/** The pod filter the plugin builds in New: namespaces, labelSelector, then the evictor's Filter. */
export function podFilter(args: TopologySpreadArgs, evictable: (p: PodInfo) => boolean): (p: PodInfo) => boolean {
  const include = new Set(args.namespaces?.include ?? []);
  const exclude = new Set(args.namespaces?.exclude ?? []);
  let selector: Selector | undefined;
  if (args.labelSelector) {
    try {
      selector = labelSelectorAsSelector(args.labelSelector);
    } catch {
      return () => false; // New fails: the profile does not run
    }
  }
  return (p) => {
    if (include.size > 0 && !include.has(p.namespace)) return false;
    if (exclude.size > 0 && exclude.has(p.namespace)) return false;
    if (selector && !selector.matches(p.labels)) return false;
    return evictable(p);
  };
}

/** Balance: the pods the strategy hands to the evictor, in selection order (deduplicated). */
export function balanceTopologySpread(input: BalanceInput): Selected[] {
  const { nodes, args } = input;
  const filter = podFilter(args, input.evictable);
  const allowed = new Set<string>(args.constraints);
  const byNamespace = new Map<string, PodInfo[]>();
  for (const n of nodes) {
    // ListPodsOnNodes: node by node; kube-spread lists a node's pods by name (upstream's test harness order).
    for (const p of [...n.pods].sort((a, b) => byteOrder(a.name, b.name))) {
      if (!filter(p)) continue;
      let list = byNamespace.get(p.namespace);
      if (!list) byNamespace.set(p.namespace, (list = []));
      list.push(p);
    }
  }
  const selected = new Map<PodInfo, Selected>();
  const nodeByName = new Map(nodes.map((n) => [n.name, n]));
  for (const namespace of [...byNamespace.keys()].sort(byteOrder)) {
    const pods = byNamespace.get(namespace)!;
    const constraints: DeschedulerConstraint[] = [];
    for (const p of pods) {
      for (const c of p.pod.spec?.topologySpreadConstraints ?? []) {
        if (!c || !allowed.has(c.whenUnsatisfiable)) continue;
        const tsc = convertConstraint(c, p);
        if (tsc && !constraints.some((x) => x.key === tsc.key)) constraints.push(tsc);
      }
    }
    for (const tsc of constraints) {
      const domains = new Map<string, Domain>();
      for (const n of nodes) {
        if (!Object.prototype.hasOwnProperty.call(n.labels, tsc.topologyKey)) continue;
        const v = n.labels[tsc.topologyKey];
        if (matchesInclusionPolicies(tsc, n) && !domains.has(v)) domains.set(v, { value: v, pods: [] });
      }
      let sumPods = 0;
      for (const p of pods) {
        if (p.terminating || !tsc.selector.matches(p.labels)) continue;
        const node = p.nodeName ? nodeByName.get(p.nodeName) : undefined;
        if (!node || !Object.prototype.hasOwnProperty.call(node.labels, tsc.topologyKey)) continue;
        const v = node.labels[tsc.topologyKey];
        // Upstream appends to the map entry: a pod on a node the policies exclude still creates its domain.
        let d = domains.get(v);
        if (!d) domains.set(v, (d = { value: v, pods: [] }));
        d.pods.push(p);
        sumPods++;
      }
      if (isBalanced([...domains.values()], tsc.maxSkew)) continue;
      balanceDomains(input, tsc, [...domains.values()], sumPods, selected);
    }
  }
  return [...selected.values()];
}

/** topologyIsBalanced: max - min over the domains is within maxSkew. */
function isBalanced(domains: readonly Domain[], maxSkew: number): boolean {
  if (domains.length === 0) return true;
  const sizes = domains.map((d) => d.pods.length);
  return Math.max(...sizes) - Math.min(...sizes) <= maxSkew;
}

const hasSelectorOrAffinity = (p: PodInfo) => (p.pod.spec?.nodeSelector !== undefined && p.pod.spec?.nodeSelector !== null) || !!p.pod.spec?.affinity?.nodeAffinity;

/**
 * sortDomains: domains by size ascending (ties: by value), and each domain's pods so the evictor
 * takes from the back: non-evictable first, then pods with a nodeSelector or node affinity, then by
 * ascending priority (unset first). Upstream's comparator, made a strict order; ties keep listing order.
 */
export function sortDomains<D extends { value: string; pods: PodInfo[] }>(domains: D[], evictable: (p: PodInfo) => boolean, priority: (p: PodInfo) => number | undefined): D[] {
  for (const d of domains) {
    const keyed = d.pods.map((p, i) => ({ p, i, e: evictable(p) ? 1 : 0, s: hasSelectorOrAffinity(p) ? 0 : 1, pr: priority(p) }));
    keyed.sort((a, b) => {
      if (a.e !== b.e) return a.e - b.e;
      if (a.e === 0) return a.i - b.i;
      if (a.s !== b.s) return a.s - b.s;
      const pa = a.pr ?? -Infinity;
      const pb = b.pr ?? -Infinity;
      if (pa !== pb) return pa - pb;
      return a.i - b.i;
    });
    d.pods = keyed.map((k) => k.p);
  }
  return [...domains].sort((a, b) => a.pods.length - b.pods.length || byteOrder(a.value, b.value));
}

/** balanceDomains: moves pods from domains above the ideal average to those below, within maxSkew. */
function balanceDomains(input: BalanceInput, tsc: DeschedulerConstraint, domainList: Domain[], sumPods: number, selected: Map<PodInfo, Selected>): void {
  const idealAvg = sumPods / domainList.length;
  const sizesBefore = [...domainList].sort((a, b) => byteOrder(a.value, b.value)).map((d) => `${d.value}=${d.pods.length}`).join(', ');
  const sorted = sortDomains(domainList, input.evictable, (p) => (typeof p.pod.spec?.priority === 'number' ? p.pod.spec.priority : undefined));
  const nodeFit = input.args.topologyBalanceNodeFit;
  // filterEligibleNodes + filterNodesBelowIdealAvg (sizes before any move).
  const below = new Set(sorted.filter((d) => d.pods.length < idealAvg).map((d) => d.value));
  const nodesBelowIdealAvg = input.nodes.filter((n) => matchesInclusionPolicies(tsc, n)
    && Object.prototype.hasOwnProperty.call(n.labels, tsc.topologyKey) && below.has(n.labels[tsc.topologyKey]));
  const fitMemo = new Map<PodInfo, boolean>();
  const fits = (p: PodInfo) => {
    let f = fitMemo.get(p);
    if (f === undefined) fitMemo.set(p, (f = podFitsAnyOtherNode(p, nodesBelowIdealAvg)));
    return f;
  };
  const constraint = describeConstraint(tsc);
  let i = 0;
  let j = sorted.length - 1;
  while (i < j) {
    if (sorted[j].pods.length <= idealAvg) j--;
    const skew = sorted[j].pods.length - sorted[i].pods.length;
    if (skew <= tsc.maxSkew) {
      i++;
      continue;
    }
    const aboveAvg = Math.ceil(sorted[j].pods.length - idealAvg);
    const belowAvg = Math.ceil(idealAvg - sorted[i].pods.length);
    const halfSkew = Math.ceil((skew - tsc.maxSkew) / 2);
    const movePods = Math.min(aboveAvg, belowAvg, halfSkew);
    if (movePods <= 0) {
      i++;
      continue;
    }
    // Prefer (take from the back) the pods that fit a node below the average: a stable sort.
    const from = sorted[j];
    const order = from.pods.map((p, k) => ({ p, k, f: fits(p) ? 1 : 0 }));
    order.sort((a, b) => a.f - b.f || a.k - b.k);
    from.pods = order.map((o) => o.p);
    const take = from.pods.slice(from.pods.length - movePods);
    const reason = `domains ${sizesBefore} (ideal average ${formatAvg(idealAvg)}): ${movePods} of ${from.value}'s pods move toward ${sorted[i].value}`;
    for (const p of take) {
      // Skipped pods still count as moved, so the algorithm completes (upstream TODO).
      if (nodeFit && !fits(p)) continue;
      if (!selected.has(p)) selected.set(p, { pod: p, constraint, reason });
    }
    from.pods = from.pods.slice(0, from.pods.length - movePods);
    sorted[i].pods = [...sorted[i].pods, ...take];
  }
}

function formatAvg(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
