// What a step reports besides its changes: the Pending pods, each constraint's counts and skew as the
// scheduler sees them for the workload's next pod, and the workload's pods per domain.

import {
  byteOrder, computePreFilterState, effectiveConstraints, type InternalConstraint, makePodInfo, type Pod, type PodTopologySpreadPlugin,
} from '../../engine';
import { scaleUpRow } from './autoscale';
import type { SkewViolation, StepConstraint, WhatIfStep } from './types';
import type { World } from './world';

/** Per-constraint counts and skew as the scheduler sees them for `pod` (the workload's next pod). */
function constraintView(world: World, pod: Pod): StepConstraint[] {
  const pts = world.scheduler.plugin('PodTopologySpread') as PodTopologySpreadPlugin | undefined;
  if (!pts) return [];
  const constraints = effectiveConstraints(pts, pod);
  if (constraints.length === 0) return [];
  const cluster = world.cluster;
  const pi = makePodInfo(pod);
  const usable = new Set(world.scheduler.schedule(pod).nodes
    .filter((ev) => ev.filters.every((f) => f.code !== 'UnschedulableAndUnresolvable')).map((ev) => ev.name));
  return constraints.map((c: InternalConstraint) => {
    const st = computePreFilterState([{ ...c, minDomains: 1 }], pi, cluster, world.ctx.env).constraints[0];
    let keys = [...st.domains.counts.keys()];
    if (c.whenUnsatisfiable === 'ScheduleAnyway') {
      const ok = new Set(cluster.nodes.filter((n) => usable.has(n.name) && c.topologyKey in n.labels).map((n) => n.labels[c.topologyKey]));
      keys = keys.filter((k) => ok.has(k));
    }
    const domains: Record<string, number> = {};
    for (const k of keys.sort(byteOrder)) domains[k] = st.domains.counts.get(k) ?? 0;
    const counts = Object.values(domains);
    const skew = counts.length ? Math.max(...counts) - Math.min(...counts) : 0;
    return {
      index: c.index, topologyKey: c.topologyKey, whenUnsatisfiable: c.whenUnsatisfiable, maxSkew: c.maxSkew,
      domains, skew, violated: c.whenUnsatisfiable === 'DoNotSchedule' && skew > c.maxSkew,
    };
  });
}

/** The workload's pods per domain of each key (all revisions; domains without a pod count 0). */
function distribution(world: World, keys: string[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const key of keys) {
    const dist: Record<string, number> = {};
    for (const n of world.cluster.nodes) if (key in n.labels) dist[n.labels[key]] ??= 0;
    for (const t of world.pods) {
      const v = t.pi?.nodeName ? world.cluster.nodeByName.get(t.pi.nodeName)?.labels[key] : undefined;
      if (v !== undefined) dist[v] = (dist[v] ?? 0) + 1;
    }
    out[key] = Object.fromEntries(Object.entries(dist).sort(([a], [b]) => byteOrder(a, b)));
  }
  return out;
}

/**
 * The step as it stands now: `step`'s changes plus Pending pods, constraints and distribution, seen for
 * `probe`, and the nodes the autoscaler added since the previous step (autoscaling fixtures).
 */
export function snapshot(world: World, probe: Pod, step: Omit<WhatIfStep, 'pending' | 'constraints' | 'distribution'>): WhatIfStep {
  const constraints = constraintView(world, probe);
  const grown = world.takeScaleUps();
  return {
    ...step, pending: world.pending(), constraints, distribution: distribution(world, [...new Set(constraints.map((c) => c.topologyKey))]),
    ...(grown.scaleUp.length ? { scaleUp: grown.scaleUp.map(scaleUpRow) } : {}),
    ...(grown.ties.length ? { scaleUpTies: [...new Set(grown.ties)] } : {}),
  };
}

/** The DoNotSchedule constraints above maxSkew after `step`: the scheduler never repairs them. */
export function violationsOf(step: WhatIfStep): SkewViolation[] {
  return step.constraints.filter((c) => c.violated).map((c) => ({ topologyKey: c.topologyKey, skew: c.skew, maxSkew: c.maxSkew }));
}

/** Exit-code rule of the CLI: any pod Pending in any step. */
export function anyPending(steps: WhatIfStep[]): boolean {
  return steps.some((s) => s.pending.length > 0);
}
