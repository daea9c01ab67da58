// DaemonSets in simulate and explain. The DaemonSet controller creates one pod per node it selects and
// pins each pod to its node (required nodeAffinity matchFields metadata.name In [node];
// engine/controllers/daemonset.ts), so the scheduler only decides whether that pod may run on that
// node. Reporting such a pod as if it were scheduled freely (one pod's counts, "Selected: <node>")
// says nothing true about the DaemonSet: these helpers describe the DaemonSet as a whole.

import { type Cluster, daemonSetPods, type Pod, type Scheduler, type SchedulerEnv } from '../engine';

/** Said once in the JSON (`daemonSet.pinning`) and in the text of simulate and explain. */
export const DAEMONSET_PINNING = 'the DaemonSet controller creates one pod per node it selects and pins it to that node '
  + '(required nodeAffinity matchFields metadata.name In [node]): the scheduler only decides whether that pod may run there, '
  + 'so spread constraints cannot move it';

export interface DaemonSetPlan {
  pods: Pod[];
  /** The node each pod is pinned to (same index as `pods`), in the fixture's node order. */
  nodes: string[];
  /** Nodes where the controller creates no pod, and why. */
  skipped: Record<string, string>;
}

export function planDaemonSet(cluster: Cluster, template: Pod, env: SchedulerEnv): DaemonSetPlan {
  const ds = daemonSetPods(cluster, template, env);
  // daemonSetPods pins its i-th pod to the i-th node it does not skip.
  const nodes = cluster.nodes.map((n) => n.name).filter((name) => !Object.hasOwn(ds.skipped, name));
  return { pods: ds.pods, nodes, skipped: ds.skipped };
}

/** `simulate --format json` `daemonSet` (docs/cli.md Additions). */
export interface DaemonSetJson {
  /** Nodes the controller creates a pod for: one pod each. */
  nodes: number;
  pinning: string;
  /** Per topology key of the constraints, per domain: nodes that get a daemon pod, and how many of those pods were placed. */
  domains: Record<string, Record<string, { nodes: number; placed: number }>>;
  /** Per topology key: nodes that get a daemon pod but lack the key (their pods are in no domain). Present only then. */
  withoutKey?: Record<string, { nodes: number; placed: number }>;
}

/** The DaemonSet's spread: one pod per node it covers, per domain of each constraint's key. */
export function daemonSetSpread(cluster: Cluster, plan: DaemonSetPlan, placedNodes: ReadonlySet<string>, keys: readonly string[]): DaemonSetJson {
  const out: DaemonSetJson = { nodes: plan.nodes.length, pinning: DAEMONSET_PINNING, domains: {} };
  for (const key of keys) {
    const byDomain = new Map<string, { nodes: number; placed: number }>();
    const without = { nodes: 0, placed: 0 };
    for (const name of plan.nodes) {
      const value = cluster.nodeByName.get(name)?.labels[key];
      const cell = value === undefined ? without : byDomain.get(value) ?? { nodes: 0, placed: 0 };
      if (value !== undefined) byDomain.set(value, cell);
      cell.nodes++;
      if (placedNodes.has(name)) cell.placed++;
    }
    out.domains[key] = Object.fromEntries([...byDomain.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    if (without.nodes) (out.withoutKey ??= {})[key] = without;
  }
  return out;
}

/**
 * Nodes whose own daemon pod can never run there, with the first filter that says so
 * (UnschedulableAndUnresolvable). One full cycle of the daemon pod without its pin answers for every
 * node at once: the pin only adds the node-name term (the controller already checked the DaemonSet's
 * own node affinity), and these verdicts (taints, a missing topology label, a cordon, a request
 * larger than the node) do not depend on where the other daemon pods are. Run it before the
 * simulation places anything.
 */
export function daemonUnusableNodes(sched: Scheduler, plan: DaemonSetPlan, template: Pod): Record<string, string> {
  const out: Record<string, string> = {};
  const first = plan.pods[0];
  if (!first) return out;
  const affinity = template.spec.affinity;
  const spec = { ...first.spec };
  if (affinity) spec.affinity = affinity;
  else delete spec.affinity;
  const cycle = sched.schedule({ ...first, spec });
  const covered = new Set(plan.nodes);
  for (const ev of cycle.nodes) {
    if (!covered.has(ev.name)) continue;
    const bad = ev.filters.find((f) => f.code === 'UnschedulableAndUnresolvable');
    if (bad) out[ev.name] = `${bad.plugin}: ${bad.reason ?? bad.code}`;
  }
  return out;
}
