// The World: a fork of the fixture cluster plus a scheduler, and the workload's pods in creation
// order with the ReplicaSet (or workload) each belongs to. A what-if creates and deletes pods here as
// the controllers would; every new pod goes through a full scheduling cycle, and a pod no node fits
// stays Pending and unavailable. Deleted pods vanish at once (no terminating period).
// On an autoscaling fixture `settle` also runs the autoscaler(s) for what stays Pending after a step
// (autoscale.ts): their new nodes join a fork of the cluster and the Pending pods are retried.

import {
  type AutoscalingInput, byteOrder, type Cluster, type CycleResult, type PersistentVolumeClaim, type Pod, type PodInfo, pickNode, safeLabelSelectorAsSelector,
  type ScaleUp, Scheduler, timeOf,
} from '../../engine';
import type { Workload } from '../../k8s/workloads';
import { MODELS } from '../autoscale/models';
import { MAX_AUTOSCALE_ROUNDS, provision } from '../autoscale/rounds';
import { type AnalysisContext, clusterFor } from '../context';
import { markRunning } from './podStatus';
import type { WhatIfStep, WhatIfTarget } from './types';

export const nameOf = (p: Pod) => p.metadata.name ?? '';

/** Where a new pod went (node null: Pending), and the nodes it tied with. */
type Placement = WhatIfStep['created'][number];

/** A pod of the workload, bound (`pi`) or Pending. */
export interface Tracked {
  pod: Pod;
  /** ReplicaSet (or workload) name it belongs to. */
  owner: string;
  pi?: PodInfo;
  /** Last failed scheduling attempt, while Pending. */
  cycle?: CycleResult;
}

/** A cluster plus a scheduler, and the workload's pods in creation order. */
export class World {
  /** Replaced (by a fork with the new nodes) when the autoscaler adds nodes; the pods' PodInfos stay valid. */
  cluster: Cluster;
  scheduler: Scheduler;
  readonly pods: Tracked[] = [];
  /** The node groups that may grow (the fixture's; a lost domain's removed). Undefined: no autoscaling. */
  autoscaling: AutoscalingInput | undefined;
  /** Per Pending pod name: why the autoscaler(s) add no node for it (the last loop's words). */
  private notTriggered = new Map<string, { by: string; reason: string }[]>();
  /** Scale-ups (and ties) since the last step was reported (steps.ts `snapshot` takes them). */
  private unreported: { scaleUp: ScaleUp[]; ties: string[] } = { scaleUp: [], ties: [] };

  constructor(readonly ctx: AnalysisContext, cluster: Cluster) {
    this.cluster = cluster;
    this.scheduler = new Scheduler({ cluster, env: ctx.env }, ctx.profile);
    this.autoscaling = ctx.fixture.autoscaling;
  }

  /**
   * Schedules a new pod of the workload; it is assumed onto the chosen node or stays Pending. `claims`:
   * what the controller creates with it (a StatefulSet ordinal's claims; existing ones are kept as they are).
   */
  create(pod: Pod, owner: string, claims?: PersistentVolumeClaim[]): Placement {
    if (claims?.length || pod.spec?.volumes?.length) this.cluster.storage.createPodClaims(pod, claims, this.cluster.nodes.map((n) => n.node));
    const t: Tracked = { pod, owner };
    this.pods.push(t);
    return this.attempt(t);
  }

  private attempt(t: Tracked): Placement {
    const cycle = this.scheduler.schedule(t.pod);
    if (cycle.selected.length === 0) {
      t.cycle = cycle;
      return { pod: nameOf(t.pod), node: null };
    }
    const node = pickNode(cycle.selected);
    t.pi = this.cluster.assume(t.pod, node);
    t.cycle = undefined;
    const ties = [...cycle.selected].sort(byteOrder);
    return { pod: nameOf(t.pod), node, ...(ties.length > 1 ? { ties } : {}) };
  }

  /** Adopts a pod that is already bound in the cluster (from the fixture). */
  adopt(pi: PodInfo, owner: string): void {
    this.pods.push({ pod: pi.pod, owner, pi });
  }

  delete(t: Tracked): { pod: string; node: string | null } {
    if (t.pi) this.cluster.remove(t.pi);
    const i = this.pods.indexOf(t);
    if (i >= 0) this.pods.splice(i, 1);
    return { pod: nameOf(t.pod), node: t.pi?.nodeName ?? null };
  }

  /** The scheduler re-queues Pending pods when pods come or go: retry in creation order until nothing moves. */
  retryPending(): Placement[] {
    const placed: Placement[] = [];
    for (let guard = 0; guard < 10_000; guard++) {
      const next = this.pods.filter((t) => !t.pi).find((t) => this.scheduler.schedule(t.pod).selected.length > 0);
      if (!next) break;
      placed.push(this.attempt(next));
    }
    for (const t of this.pods) if (!t.pi) t.cycle = this.scheduler.schedule(t.pod);
    return placed;
  }

  /** The scheduler's last word on each Pending pod, without placing any (after the cluster was rebuilt). */
  refreshPending(): void {
    for (const t of this.pods) if (!t.pi) t.cycle = this.scheduler.schedule(t.pod);
  }

  /** The end of a controller step: Pending pods retried, then (autoscaling fixtures) the autoscaler's rounds. */
  settle(): Placement[] {
    return [...this.retryPending(), ...this.autoscale()];
  }

  /**
   * The autoscaler(s) for every Pending pod, as simulate's rounds do (analysis/autoscale/rounds.ts): new
   * nodes join a fork, the Pending pods are retried; again while a round adds a node and places a pod,
   * at most MAX_AUTOSCALE_ROUNDS times. The scale-up happens at once, before the next controller step.
   */
  autoscale(): Placement[] {
    const a = this.autoscaling;
    if (!a) return [];
    const placed: Placement[] = [];
    for (let round = 0; round < MAX_AUTOSCALE_ROUNDS; round++) {
      const waiting = this.pods.filter((t) => !t.pi);
      this.notTriggered = new Map();
      if (waiting.length === 0) break;
      const results = provision(MODELS, this.ctx, a, this.cluster, waiting.map((t) => t.pod));
      for (const { by, result } of results) {
        for (const n of result.notTriggered) {
          const name = nameOf(n.pod);
          this.notTriggered.set(name, [...(this.notTriggered.get(name) ?? []), { by, reason: n.reason }]);
        }
      }
      const added = results.flatMap((r) => r.result.newNodes).filter((n) => !this.cluster.nodeByName.has(n.metadata?.name ?? ''));
      if (added.length === 0) break;
      for (const { result } of results) {
        this.unreported.scaleUp.push(...result.scaleUps);
        this.unreported.ties.push(...(result.ties ?? []));
      }
      this.cluster = this.cluster.withNodes(added);
      this.scheduler = new Scheduler({ cluster: this.cluster, env: this.ctx.env }, this.scheduler.profile);
      const now = this.retryPending();
      placed.push(...now);
      if (now.length === 0) break; // nodes added, nothing placed: the next round would add the same
    }
    return placed;
  }

  /** The scale-ups since the last call (for the step being reported). */
  takeScaleUps(): { scaleUp: ScaleUp[]; ties: string[] } {
    const out = this.unreported;
    this.unreported = { scaleUp: [], ties: [] };
    return out;
  }

  pending(): WhatIfStep['pending'] {
    return this.pods.filter((t) => !t.pi).map((t) => {
      const why = this.autoscaling ? this.notTriggered.get(nameOf(t.pod)) : undefined;
      return { pod: nameOf(t.pod), reasons: { ...(t.cycle?.reasons ?? {}) }, message: t.cycle?.fitError ?? '', ...(why?.length ? { autoscaler: why } : {}) };
    });
  }
}

/** Fixture pods of the workload: same namespace, selected by its selector, bound, not terminating. */
export function fixturePodsOf(cluster: Cluster, w: Workload): PodInfo[] {
  if (!w.selector) return [];
  const sel = safeLabelSelectorAsSelector(w.selector);
  if (sel.isEmpty || sel.isNothing) return [];
  const out: PodInfo[] = [];
  for (const n of cluster.nodes) {
    for (const p of n.pods) if (!p.terminating && p.namespace === w.namespace && sel.matches(p.labels)) out.push(p);
  }
  return out.sort((a, b) => timeOf(a.pod.metadata.creationTimestamp) - timeOf(b.pod.metadata.creationTimestamp) || byteOrder(a.name, b.name));
}

/** Places `count` pods of the workload as its controller would have before the what-if begins. */
export function placeInitial(
  world: World, count: number, podFor: (i: number) => Pod, owner: string, at: number, claimsFor?: (i: number) => PersistentVolumeClaim[],
): WhatIfStep['created'] {
  const created: WhatIfStep['created'] = [];
  for (let i = 0; i < count; i++) created.push(world.create(markRunning(podFor(i), at), owner, claimsFor?.(i)));
  return created;
}

/**
 * Starting point shared by scale and domain loss: the workload's pods in the fixture (same namespace,
 * selected by its selector), or, when there are none, spec.replicas of them placed first.
 */
export function startWorld(ctx: AnalysisContext, t: WhatIfTarget, now: () => number): { world: World; source: 'fixture' | 'simulated'; initial: WhatIfStep['created'] } {
  const world = new World(ctx, clusterFor(ctx, t.spec.owners));
  const existing = fixturePodsOf(world.cluster, t.workload);
  const owner = t.spec.owners[0]?.metadata.name ?? t.workload.name;
  if (existing.length) {
    for (const pi of existing) world.adopt(pi, owner);
    return { world, source: 'fixture', initial: [] };
  }
  const initial = placeInitial(world, t.spec.replicas ?? 1, t.spec.podFor, owner, now() - 3_600_000, t.spec.claimsFor?.bind(t.spec));
  // As simulate: what stays Pending goes to the autoscaler (autoscaling fixtures), then is placed again.
  initial.push(...world.autoscale());
  return { world, source: 'simulated', initial };
}
