// What happens after the first placement (docs/whatif.md): a rolling update, a scale-down, the loss
// of a zone or node. Each what-if drives the engine's scheduler with the controller models of
// engine/controllers (Deployment rollout arithmetic, ReplicaSet victim ranking, StatefulSet ordinals)
// step by step, and reports per step the pods created, deleted and Pending and the skew per constraint.
//
// Modelling assumptions (all documented in docs/whatif.md):
// - A pod the scheduler places is Running and Ready at once (minReadySeconds 0, no probes); a pod no
//   node fits stays Pending and unavailable. Deleted pods vanish at once (no terminating period).
// - The workload's existing pods come from the fixture (same namespace, matching the workload's
//   selector); when there are none, the simulation first places spec.replicas of them.
// - A fixture pod without status conditions counts as Running and Ready.
// - Time: "now" is one minute after the newest timestamp in the fixture (fixed when it has none);
//   each controller sync happens 10 s after the previous one. Only ordering between pods depends on it.

import type { Pod, Taint } from '../../engine';
import { Cluster, type ClusterInput, makePodInfo, type PodInfo } from '../../engine';
import { chooseScaleDown, ordinalOf, scaleDownControllerFor } from '../../engine';
import {
  defaultStrategy, type DeploymentLike, IntOrStringError, maxSurge, maxUnavailable, type ReplicaSetState, resolveFenceposts, rolloutSync,
} from '../../engine';
import { isPodReady, timeOf, type RankOptions, type ControllerPodStatus } from '../../engine';
import { computePreFilterState } from '../../engine';
import type { PodTopologySpreadPlugin } from '../../engine';
import type { InternalConstraint } from '../../engine';
import { type CycleResult, Scheduler, byteOrder } from '../../engine';
import { effectiveConstraints, pickNode } from '../../engine';
import { safeLabelSelectorAsSelector } from '../../engine';
import { tolerationsTolerateTaint } from '../../engine';
import { ownerOf, podForReplica, workloadOf, type Workload } from '../../k8s/workloads';
import { type AnalysisContext, clusterFor } from '../context';
import type { WorkloadSpec } from '../workload';

export class WhatIfError extends Error {}

/** The workload a what-if runs on: its parsed form and the raw manifest object (for strategy etc.). */
export interface WhatIfTarget {
  workload: Workload;
  spec: WorkloadSpec;
  raw: unknown;
}

export interface StepConstraint {
  index: number;
  topologyKey: string;
  whenUnsatisfiable: string;
  maxSkew: number;
  /** Pods the constraint counts per eligible domain, as the scheduler sees them for the workload's next pod. */
  domains: Record<string, number>;
  skew: number;
  /** DoNotSchedule and skew > maxSkew: the scheduler would not have produced this, and never repairs it. */
  violated: boolean;
}

export interface WhatIfStep {
  step: number;
  action: 'initial' | 'scale-up' | 'scale-down' | 'lose-domain' | 'replace' | 'stalled';
  description: string;
  replicaSets?: { name: string; revision: 'old' | 'new'; replicas: number; available: number }[];
  created: { pod: string; node: string | null; ties?: string[] }[];
  deleted: { pod: string; node: string | null; reason: string }[];
  /** Every pod of the workload that is Pending after this step. */
  pending: { pod: string; reasons: Record<string, number>; message: string }[];
  constraints: StepConstraint[];
  /** The workload's pods per domain (all revisions), for each constraint's topology key. */
  distribution: Record<string, Record<string, number>>;
}

const SYNC_INTERVAL_MS = 10_000;
const FALLBACK_NOW = Date.parse('2026-01-01T00:00:00Z');
const RANK_OPTS = (now: number): RankOptions => ({ now, podDeletionCost: true, logarithmicScaleDown: true });

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One minute after the newest timestamp the fixture holds, so fixture pods are all in the past. */
function referenceNow(cluster: Cluster): number {
  let max = 0;
  for (const n of cluster.nodes) {
    for (const p of n.pods) {
      max = Math.max(max, timeOf(p.pod.metadata.creationTimestamp));
      for (const c of ((p.pod.status ?? {}) as ControllerPodStatus).conditions ?? []) max = Math.max(max, timeOf(c?.lastTransitionTime));
    }
  }
  return max > 0 ? Math.ceil(max / 1000) * 1000 + 60_000 : FALLBACK_NOW;
}

/** The controller's view of a pod: a fixture pod without conditions counts as Running and Ready. */
function controllerView(p: Pod): Pod {
  const st = (p.status ?? {}) as ControllerPodStatus;
  if (Array.isArray(st.conditions)) return p;
  if (st.phase && st.phase !== 'Running') return p;
  const t = p.metadata.creationTimestamp ?? null;
  return { ...p, status: { ...(p.status ?? {}), phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }] } as Pod['status'] };
}

function markRunning(pod: Pod, at: number): Pod {
  return {
    ...pod,
    metadata: { ...pod.metadata, creationTimestamp: iso(at) },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(at) }] } as Pod['status'],
  };
}

interface Tracked {
  pod: Pod;
  /** ReplicaSet (or workload) name it belongs to. */
  owner: string;
  pi?: PodInfo;
  /** Last failed scheduling attempt, while Pending. */
  cycle?: CycleResult;
}

/** A cluster plus a scheduler, and the workload's pods in creation order. */
class World {
  readonly scheduler: Scheduler;
  readonly pods: Tracked[] = [];

  constructor(readonly ctx: AnalysisContext, readonly cluster: Cluster) {
    this.scheduler = new Scheduler({ cluster, env: ctx.env }, ctx.profile);
  }

  /** Schedules a new pod of the workload; it is assumed onto the chosen node or stays Pending. */
  create(pod: Pod, owner: string): { pod: string; node: string | null; ties?: string[] } {
    const t: Tracked = { pod, owner };
    this.pods.push(t);
    return this.attempt(t);
  }

  private attempt(t: Tracked): { pod: string; node: string | null; ties?: string[] } {
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
  retryPending(): { pod: string; node: string | null; ties?: string[] }[] {
    const placed: { pod: string; node: string | null; ties?: string[] }[] = [];
    for (let guard = 0; guard < 10_000; guard++) {
      const next = this.pods.filter((t) => !t.pi).find((t) => this.scheduler.schedule(t.pod).selected.length > 0);
      if (!next) break;
      placed.push(this.attempt(next));
    }
    for (const t of this.pods) if (!t.pi) t.cycle = this.scheduler.schedule(t.pod);
    return placed;
  }

  pending(): WhatIfStep['pending'] {
    return this.pods.filter((t) => !t.pi).map((t) => ({ pod: nameOf(t.pod), reasons: { ...(t.cycle?.reasons ?? {}) }, message: t.cycle?.fitError ?? '' }));
  }
}

const nameOf = (p: Pod) => p.metadata.name ?? '';

/** Fixture pods of the workload: same namespace, selected by its selector, bound, not terminating. */
function fixturePodsOf(cluster: Cluster, w: Workload): PodInfo[] {
  if (!w.selector) return [];
  const sel = safeLabelSelectorAsSelector(w.selector);
  if (sel.isEmpty || sel.isNothing) return [];
  const out: PodInfo[] = [];
  for (const n of cluster.nodes) {
    for (const p of n.pods) if (!p.terminating && p.namespace === w.namespace && sel.matches(p.labels)) out.push(p);
  }
  return out.sort((a, b) => timeOf(a.pod.metadata.creationTimestamp) - timeOf(b.pod.metadata.creationTimestamp) || byteOrder(a.name, b.name));
}

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

function snapshot(world: World, probe: Pod, step: Omit<WhatIfStep, 'pending' | 'constraints' | 'distribution'>): WhatIfStep {
  const constraints = constraintView(world, probe);
  return { ...step, pending: world.pending(), constraints, distribution: distribution(world, [...new Set(constraints.map((c) => c.topologyKey))]) };
}

/** Places `count` pods of the workload as its controller would have before the what-if begins. */
function placeInitial(world: World, count: number, podFor: (i: number) => Pod, owner: string, at: number): WhatIfStep['created'] {
  const created: WhatIfStep['created'] = [];
  for (let i = 0; i < count; i++) created.push(world.create(markRunning(podFor(i), at), owner));
  return created;
}

/** Starting point shared by scale and domain loss: fixture pods, or the workload placed first. */
function startWorld(ctx: AnalysisContext, t: WhatIfTarget, now: () => number): { world: World; source: 'fixture' | 'simulated'; initial: WhatIfStep['created'] } {
  const world = new World(ctx, clusterFor(ctx, t.spec.owners));
  const existing = fixturePodsOf(world.cluster, t.workload);
  const owner = t.spec.owners[0]?.metadata.name ?? t.workload.name;
  if (existing.length) {
    for (const pi of existing) world.adopt(pi, owner);
    return { world, source: 'fixture', initial: [] };
  }
  const initial = placeInitial(world, t.spec.replicas ?? 1, t.spec.podFor, owner, now() - 3_600_000);
  return { world, source: 'simulated', initial };
}

function requireKinds(t: WhatIfTarget, kinds: string[], what: string): void {
  if (!kinds.includes(t.workload.kind)) throw new WhatIfError(`${what} needs a ${kinds.join(', ')}; ${t.workload.name || 'this object'} is a ${t.workload.kind}`);
}

// ─── Rolling update ─────────────────────────────────────────────────────────────────────────────

export interface RolloutRun {
  /** Whether every constraint with a labelSelector has pod-template-hash in matchLabelKeys. */
  matchLabelKeys: 'with' | 'without' | 'partial' | 'no-constraints';
  newReplicaSet: string;
  steps: WhatIfStep[];
  outcome: 'complete' | 'stalled';
  /** Most pods Pending at once, over all steps. */
  maxPending: number;
  /** Largest skew seen per topology key, over all steps. */
  maxSkew: Record<string, number>;
  /** DoNotSchedule constraints above maxSkew when the rollout ends: the scheduler never repairs them. */
  violatedAfter: { topologyKey: string; skew: number; maxSkew: number }[];
  message: string;
}

export interface RolloutJson extends RolloutRun {
  strategy: { type: string; maxSurge: string | number | null; maxUnavailable: string | number | null; resolvedMaxSurge: number; resolvedMaxUnavailable: number };
  replicas: number;
  oldReplicaSets: { name: string; replicas: number; source: 'fixture' | 'simulated' }[];
  /** The same rollout with matchLabelKeys: [pod-template-hash] added to (or removed from) every constraint that has a labelSelector. */
  comparison?: RolloutRun;
}

type RawObj = Record<string, unknown>;
const asObj = (v: unknown): RawObj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as RawObj) : {});

function constraintsOf(raw: unknown): RawObj[] {
  const list = asObj(asObj(asObj(asObj(raw).spec).template).spec).topologySpreadConstraints;
  return Array.isArray(list) ? list.map(asObj) : [];
}

export function matchLabelKeysState(raw: unknown): RolloutRun['matchLabelKeys'] {
  const withSel = constraintsOf(raw).filter((c) => c.labelSelector);
  if (withSel.length === 0) return 'no-constraints';
  const has = withSel.filter((c) => Array.isArray(c.matchLabelKeys) && (c.matchLabelKeys as unknown[]).includes('pod-template-hash')).length;
  return has === withSel.length ? 'with' : has === 0 ? 'without' : 'partial';
}

/** The manifest with pod-template-hash added to (add) or removed from every constraint's matchLabelKeys. */
export function toggledMatchLabelKeys(raw: unknown, add: boolean): unknown {
  const copy = structuredClone(raw) as RawObj;
  for (const c of constraintsOf(copy)) {
    if (!c.labelSelector) continue;
    const keys = (Array.isArray(c.matchLabelKeys) ? (c.matchLabelKeys as unknown[]) : []).filter((k) => k !== 'pod-template-hash');
    if (add) keys.push('pod-template-hash');
    if (keys.length) c.matchLabelKeys = keys;
    else delete c.matchLabelKeys;
  }
  return copy;
}

function targetFrom(raw: unknown, index: number | undefined, kind: string): WhatIfTarget {
  const workload = workloadOf({ kind, value: raw, index });
  if (!workload) throw new WhatIfError('not a workload');
  const owner = ownerOf(workload);
  const spec: WorkloadSpec = {
    kind: workload.kind, name: workload.name, namespace: workload.namespace, replicas: workload.replicas,
    labels: workload.template.metadata.labels ?? {}, podFor: (i) => podForReplica(workload, i),
    owners: owner ? [owner] : [], orderedReady: false, document: index ?? 0,
  };
  return { workload, spec, raw };
}

interface OldPod { pod: Pod; node: string | null; rs: string }

export function simulateRollout(ctx: AnalysisContext, t: WhatIfTarget, opts: { compare?: boolean } = {}): RolloutJson {
  requireKinds(t, ['Deployment'], '--rollout');
  const replicas = t.spec.replicas ?? 1;
  const strategy = defaultStrategy(asObj(asObj(t.raw).spec).strategy);
  let fence: { surge: number; unavailable: number };
  try {
    fence = strategy.type === 'RollingUpdate' ? resolveFenceposts(strategy.maxSurge, strategy.maxUnavailable, replicas) : { surge: 0, unavailable: 0 };
  } catch (e) {
    if (e instanceof IntOrStringError) throw new WhatIfError(`spec.strategy.rollingUpdate: ${e.message}`);
    throw e;
  }
  const d: DeploymentLike = { replicas, strategy };

  // The old revision: the Deployment's pods in the fixture, else the same template under another
  // pod-template-hash placed first (what `kubectl rollout restart` rolls away from).
  const base = new World(ctx, clusterFor(ctx, t.spec.owners));
  const now0 = referenceNow(base.cluster);
  const newHash = t.spec.podFor(0).metadata.labels?.['pod-template-hash'] ?? '';
  const old: OldPod[] = [];
  const oldSets: RolloutJson['oldReplicaSets'] = [];
  const fixture = fixturePodsOf(base.cluster, t.workload).filter((p) => (p.labels['pod-template-hash'] ?? '') !== newHash);
  if (fixture.length) {
    for (const p of fixture) {
      const rs = `${t.workload.name}-${p.labels['pod-template-hash'] ?? 'unlabelled'}`;
      old.push({ pod: p.pod, node: p.nodeName ?? null, rs });
    }
    for (const rs of [...new Set(old.map((o) => o.rs))]) oldSets.push({ name: rs, replicas: old.filter((o) => o.rs === rs).length, source: 'fixture' });
  } else {
    const oldHash = `${newHash.slice(0, -1)}${newHash.endsWith('x') ? 'z' : 'x'}`;
    const rs = `${t.workload.name}-${oldHash}`;
    const oldPodFor = (i: number): Pod => {
      const p = t.spec.podFor(i);
      const name = (p.metadata.name ?? '').replace(newHash, oldHash);
      return {
        ...p,
        metadata: {
          ...p.metadata, name, uid: `${p.metadata.uid ?? ''}-old`,
          labels: { ...p.metadata.labels, 'pod-template-hash': oldHash },
          ownerReferences: (p.metadata.ownerReferences ?? []).map((o) => ({ ...o, name: rs })),
        },
      };
    };
    const created = placeInitial(base, replicas, oldPodFor, rs, now0 - 3_600_000);
    base.pods.forEach((tp, i) => old.push({ pod: tp.pod, node: created[i].node, rs }));
    oldSets.push({ name: rs, replicas, source: 'simulated' });
  }

  const run = (target: WhatIfTarget): RolloutRun => runRollout(ctx, target, d, old, now0);
  const main = run(t);
  const out: RolloutJson = {
    strategy: {
      type: strategy.type, maxSurge: strategy.maxSurge, maxUnavailable: strategy.maxUnavailable,
      resolvedMaxSurge: strategy.type === 'RollingUpdate' ? maxSurge(d) : fence.surge,
      resolvedMaxUnavailable: strategy.type === 'RollingUpdate' ? maxUnavailable(d) : fence.unavailable,
    },
    replicas,
    oldReplicaSets: oldSets,
    ...main,
  };
  const state = matchLabelKeysState(t.raw);
  if (opts.compare !== false && state !== 'no-constraints') {
    const variantRaw = toggledMatchLabelKeys(t.raw, state !== 'with');
    out.comparison = run(targetFrom(variantRaw, t.workload.document, 'Deployment'));
  }
  return out;
}

function runRollout(ctx: AnalysisContext, t: WhatIfTarget, d: DeploymentLike, old: OldPod[], now0: number): RolloutRun {
  const world = new World(ctx, clusterFor(ctx, t.spec.owners));
  let now = now0;
  // Old pods: already bound in the fixture, or placed by the simulation at the same nodes in every run.
  const fixtureByPod = new Map<Pod, PodInfo>();
  for (const n of world.cluster.nodes) for (const p of n.pods) fixtureByPod.set(p.pod, p);
  const oldTracked = new Map<string, string>();
  for (const o of old) {
    const pi = fixtureByPod.get(o.pod);
    if (pi) world.adopt(pi, o.rs);
    else if (o.node) world.adopt(world.cluster.assume(o.pod, o.node), o.rs);
    else world.pods.push({ pod: o.pod, owner: o.rs });
    oldTracked.set(nameOf(o.pod), o.rs);
  }
  world.retryPending();
  const newRSName = t.spec.owners[0]?.metadata.name ?? `${t.workload.name}-new`;
  const isAvailable = (tp: { pod: Pod; pi?: PodInfo }) => !!tp.pi && isPodReady(controllerView(tp.pod));
  const rsState = (name: string, created: number): ReplicaSetState => {
    const pods = world.pods.filter((p) => p.owner === name);
    return { name, replicas: pods.length, available: pods.filter(isAvailable).length, created };
  };
  const oldNames = [...new Set(old.map((o) => o.rs))];
  const oldRSs = oldNames.map((n) => rsState(n, Math.min(...old.filter((o) => o.rs === n).map((o) => timeOf(o.pod.metadata.creationTimestamp) || 0))));
  const newRS: ReplicaSetState = { name: newRSName, replicas: 0, available: 0, created: now };
  const probe = t.spec.podFor(0);
  const rsList = (): WhatIfStep['replicaSets'] => [
    ...oldRSs.map((rs) => ({ name: rs.name, revision: 'old' as const, replicas: rs.replicas, available: rs.available })),
    { name: newRS.name, revision: 'new' as const, replicas: newRS.replicas, available: newRS.available },
  ];
  const refresh = () => {
    for (const rs of oldRSs) rs.available = world.pods.filter((p) => p.owner === rs.name).filter(isAvailable).length;
    newRS.available = world.pods.filter((p) => p.owner === newRS.name).filter(isAvailable).length;
  };
  const steps: WhatIfStep[] = [snapshot(world, probe, {
    step: 0, action: 'initial', description: `${old.length} old pod(s) of ${oldNames.join(', ')} before the rollout; new ReplicaSet ${newRS.name}`,
    replicaSets: rsList(), created: [], deleted: [],
  })];
  let nextIndex = 0;
  const limit = 4 * d.replicas + 20;
  let stalled = true;
  for (let i = 0; i < limit; i++) {
    now += SYNC_INTERVAL_MS;
    const oldPodsLeft = world.pods.filter((p) => p.owner !== newRS.name).length;
    const action = rolloutSync(d, oldRSs, newRS, oldPodsLeft);
    if (action.kind === 'none') {
      stalled = !(newRS.replicas === d.replicas && newRS.available === d.replicas && oldPodsLeft === 0);
      break;
    }
    const created: WhatIfStep['created'] = [];
    const deleted: WhatIfStep['deleted'] = [];
    let description: string;
    if (action.kind === 'scale-new') {
      for (let k = action.from; k < action.to; k++) created.push(world.create(markRunning(t.spec.podFor(nextIndex++), now), newRS.name));
      description = `scale up ${newRS.name} ${action.from} → ${action.to} (maxSurge)`;
    } else {
      const parts: string[] = [];
      for (const ch of action.changes) {
        // The old ReplicaSet's controller deletes pods above its new size, ranked by getPodsToDelete
        // against every pod of the Deployment (its ReplicaSets share the Deployment as owner).
        const rsPods = world.pods.filter((p) => p.owner === ch.rs);
        const related = world.pods.map((p) => controllerView(p.pi?.pod ?? p.pod));
        const views = rsPods.map((p) => controllerView(p.pi?.pod ?? p.pod));
        const choice = chooseScaleDown('ReplicaSet', views, related, ch.to, RANK_OPTS(now));
        for (const v of choice.victims) {
          const tp = rsPods[views.indexOf(v)];
          const coLocated = choice.order.find((o) => o.pod === v)?.rank ?? 0;
          deleted.push({ ...world.delete(tp), reason: `${ch.rs} ${ch.from} → ${ch.to} (${ch.by})${coLocated > 1 ? `; ${coLocated} Deployment pods on its node` : ''}` });
        }
        parts.push(`${ch.rs} ${ch.from} → ${ch.to}`);
      }
      description = `scale down ${parts.join(', ')} (maxUnavailable)`;
    }
    created.push(...world.retryPending());
    refresh();
    steps.push(snapshot(world, probe, { step: steps.length, action: action.kind === 'scale-new' ? 'scale-up' : 'scale-down', description, replicaSets: rsList(), created, deleted }));
  }
  const maxPending = Math.max(0, ...steps.map((s) => s.pending.length));
  const maxSkewSeen: Record<string, number> = {};
  for (const s of steps) for (const c of s.constraints) maxSkewSeen[c.topologyKey] = Math.max(maxSkewSeen[c.topologyKey] ?? 0, c.skew);
  const lastStep = steps[steps.length - 1];
  const pendingNow = lastStep.pending.length;
  const violatedAfter = lastStep.constraints.filter((c) => c.violated).map((c) => ({ topologyKey: c.topologyKey, skew: c.skew, maxSkew: c.maxSkew }));
  const skewNote = violatedAfter.length
    ? `; it leaves skew ${violatedAfter.map((v) => `${v.skew} on ${v.topologyKey} (maxSkew ${v.maxSkew})`).join(', ')}, which the scheduler never repairs`
    : '';
  const message = (stalled
    ? `rollout stalls: ${pendingNow} new pod(s) stay Pending, so the old ReplicaSet cannot shrink further (the Deployment reports ProgressDeadlineExceeded after progressDeadlineSeconds, default 600 s)`
    : maxPending > 0
      ? `rollout completes, but ${maxPending} pod(s) were Pending at its worst step`
      : 'rollout completes without a Pending pod') + skewNote;
  if (stalled) {
    steps.push({ ...steps[steps.length - 1], step: steps.length, action: 'stalled', description: message, created: [], deleted: [] });
  }
  return { matchLabelKeys: matchLabelKeysState(t.raw), newReplicaSet: newRS.name, steps, outcome: stalled ? 'stalled' : 'complete', maxPending, maxSkew: maxSkewSeen, violatedAfter, message };
}

// ─── Scale to M ─────────────────────────────────────────────────────────────────────────────────

export interface ScaleJson {
  from: number;
  to: number;
  controller: string;
  rule: string;
  source: 'fixture' | 'simulated';
  /** Scale-down only: every candidate in the controller's deletion order. */
  ranking?: { pod: string; node: string | null; coLocated?: number; ordinal?: number; deletionCost: number; ready: boolean; deleted: boolean }[];
  /** Scale-down only: pods ranked exactly like the last victim; any of them could have been deleted instead. */
  tiedAtCut?: string[];
  steps: WhatIfStep[];
  /** Constraints whose skew is above maxSkew after the change: the scheduler never repairs running pods. */
  violatedAfter: { topologyKey: string; skew: number; maxSkew: number }[];
  message: string;
}

export function simulateScale(ctx: AnalysisContext, t: WhatIfTarget, to: number): ScaleJson {
  const controller = scaleDownControllerFor(t.workload.kind);
  if (!controller) throw new WhatIfError(`--scale-to needs a Deployment, ReplicaSet, ReplicationController or StatefulSet; ${t.workload.name || 'this object'} is a ${t.workload.kind}`);
  let now = FALLBACK_NOW;
  const { world, source, initial } = startWorld(ctx, t, () => now);
  now = referenceNow(world.cluster);
  const probe = t.spec.podFor(0);
  const from = world.pods.length;
  const owner = t.spec.owners[0]?.metadata.name ?? t.workload.name;
  const steps: WhatIfStep[] = [snapshot(world, probe, {
    step: 0, action: 'initial', description: `${from} pod(s) of ${t.workload.kind} ${t.workload.name} (${source === 'fixture' ? 'from the fixture' : 'placed by the simulation'})`,
    created: initial, deleted: [],
  })];
  const out: ScaleJson = { from, to, controller, rule: '', source, steps, violatedAfter: [], message: '' };
  now += SYNC_INTERVAL_MS;
  if (to < from) {
    const views = world.pods.map((p) => controllerView(p.pi?.pod ?? p.pod));
    // A Deployment's ReplicaSet ranks against the pods of all the Deployment's ReplicaSets; a
    // ReplicaSet or RC of its own has no controlling owner, so upstream ranks every pod 0 there.
    const ownedRS = t.workload.kind === 'Deployment';
    const related = ownedRS ? views : [];
    const choice = chooseScaleDown(controller, views, related, to, RANK_OPTS(now));
    out.rule = choice.rule;
    const tracked = [...world.pods];
    out.ranking = choice.order.map((o) => {
      const tp = tracked[views.indexOf(o.pod)];
      return {
        pod: nameOf(o.pod), node: tp.pi?.nodeName ?? null,
        ...(o.rank !== undefined ? { coLocated: o.rank } : {}), ...(o.ordinal !== undefined ? { ordinal: o.ordinal } : {}),
        deletionCost: Number(o.pod.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0,
        ready: isPodReady(o.pod), deleted: choice.victims.includes(o.pod),
      };
    });
    if (choice.tiedAtCut.length) out.tiedAtCut = choice.tiedAtCut.map(nameOf);
    const deleted = choice.victims.map((v) => ({ ...world.delete(tracked[views.indexOf(v)]), reason: `scale ${from} → ${to}` }));
    steps.push(snapshot(world, probe, { step: 1, action: 'scale-down', description: `scale down ${from} → ${to}: ${controller} controller deletes ${deleted.length} pod(s)`, created: [], deleted }));
  } else if (to > from) {
    out.rule = 'scale up: new pods are scheduled one after another, as in simulate';
    const created: WhatIfStep['created'] = [];
    for (let i = from; i < to; i++) created.push(world.create(markRunning(t.spec.podFor(i + 1000), now), owner));
    steps.push(snapshot(world, probe, { step: 1, action: 'scale-up', description: `scale up ${from} → ${to}`, created, deleted: [] }));
  } else {
    out.rule = 'nothing to do: already at that size';
  }
  const last = steps[steps.length - 1];
  out.violatedAfter = last.constraints.filter((c) => c.violated).map((c) => ({ topologyKey: c.topologyKey, skew: c.skew, maxSkew: c.maxSkew }));
  out.message = out.violatedAfter.length
    ? `after scaling to ${to}, skew ${out.violatedAfter.map((v) => `${v.skew} on ${v.topologyKey} (maxSkew ${v.maxSkew})`).join(', ')}: the scheduler never moves running pods, so it stays until pods are recreated (or the descheduler's RemovePodsViolatingTopologySpreadConstraint evicts them)`
    : `after scaling to ${to}, every DoNotSchedule constraint is within maxSkew`;
  return out;
}

// ─── Losing a domain ────────────────────────────────────────────────────────────────────────────

export type DomainLossMode = 'remove' | 'drain' | 'outage';

export interface DomainLossJson {
  domain: { key: string; value: string };
  mode: DomainLossMode;
  nodes: string[];
  source: 'fixture' | 'simulated';
  evicted: number;
  /** Pods of other workloads removed or evicted with the domain (their own controllers recreate them; not modelled). */
  otherPodsEvicted: number;
  replaced: number;
  pendingAfter: number;
  steps: WhatIfStep[];
  violatedAfter: { topologyKey: string; skew: number; maxSkew: number }[];
  message: string;
}

const UNREACHABLE = 'node.kubernetes.io/unreachable';

/** KEY=VALUE, as for --without-domain. */
export function parseDomain(spec: string): { key: string; value: string } {
  const i = spec.indexOf('=');
  if (i <= 0) throw new WhatIfError(`--without-domain: "${spec}" is not KEY=VALUE (e.g. topology.kubernetes.io/zone=zone-a)`);
  return { key: spec.slice(0, i), value: spec.slice(i + 1) };
}

/** A pod stays on an unreachable node only if it tolerates the NoExecute taint without tolerationSeconds. */
function survivesOutage(p: Pod): boolean {
  const taint: Taint = { key: UNREACHABLE, effect: 'NoExecute' };
  const forever = (p.spec?.tolerations ?? []).filter((t) => t && (t.tolerationSeconds === undefined || t.tolerationSeconds === null));
  return tolerationsTolerateTaint(forever, taint);
}

function isDaemonPod(p: Pod): boolean {
  return (p.metadata.ownerReferences ?? []).some((o) => o?.controller && o.kind === 'DaemonSet');
}

export function simulateDomainLoss(ctx: AnalysisContext, t: WhatIfTarget, domain: { key: string; value: string }, mode: DomainLossMode = 'remove'): DomainLossJson {
  if (!scaleDownControllerFor(t.workload.kind)) {
    throw new WhatIfError(`--without-domain needs a Deployment, ReplicaSet, ReplicationController or StatefulSet; ${t.workload.name || 'this object'} is a ${t.workload.kind}`);
  }
  let now = FALLBACK_NOW;
  const start = startWorld(ctx, t, () => now);
  let world = start.world;
  now = referenceNow(world.cluster);
  const lost = world.cluster.nodes.filter((n) => n.labels[domain.key] === domain.value).map((n) => n.name);
  if (lost.length === 0) {
    const values = [...new Set(world.cluster.nodes.filter((n) => domain.key in n.labels).map((n) => n.labels[domain.key]))].sort(byteOrder);
    throw new WhatIfError(`--without-domain: no node has ${domain.key}=${domain.value}${values.length ? ` (values in the fixture: ${values.join(', ')})` : ` (no node has the label ${domain.key})`}`);
  }
  const lostSet = new Set(lost);
  const probe = t.spec.podFor(0);
  const steps: WhatIfStep[] = [snapshot(world, probe, {
    step: 0, action: 'initial', description: `${world.pods.length} pod(s) of ${t.workload.kind} ${t.workload.name} (${start.source === 'fixture' ? 'from the fixture' : 'placed by the simulation'})`,
    created: start.initial, deleted: [],
  })];

  // Rebuild the cluster without (or with a changed) domain: node changes are not pod changes, so the
  // scheduler's incremental state must start over from a fresh snapshot.
  const evicts = (p: PodInfo) => lostSet.has(p.nodeName ?? '') && (mode === 'remove' || (mode === 'drain' ? !isDaemonPod(p.pod) : !survivesOutage(p.pod)));
  const input: ClusterInput = {
    nodes: world.cluster.nodes.flatMap((n) => {
      if (!lostSet.has(n.name)) return [n.node];
      if (mode === 'remove') return [];
      if (mode === 'drain') return [{ ...n.node, spec: { ...(n.node.spec ?? {}), unschedulable: true } }];
      const taints: Taint[] = [...(n.node.spec?.taints ?? []).filter((x) => x.key !== UNREACHABLE), { key: UNREACHABLE, effect: 'NoSchedule' }, { key: UNREACHABLE, effect: 'NoExecute' }];
      return [{ ...n.node, spec: { ...(n.node.spec ?? {}), taints } }];
    }),
    pods: world.cluster.nodes.flatMap((n) => n.pods.filter((p) => !evicts(p)).map((p) => p.pod)),
    services: world.cluster.services, owners: world.cluster.owners, namespaces: world.cluster.namespaces,
  };
  const mine = new Set(world.pods.map((p) => p.pi?.pod ?? p.pod));
  let otherPodsEvicted = 0;
  for (const n of world.cluster.nodes) for (const p of n.pods) if (evicts(p) && !mine.has(p.pod)) otherPodsEvicted++;
  const deletedMine = world.pods.filter((p) => p.pi && evicts(p.pi));
  const next = new World(ctx, Cluster.build(input));
  const byPod = new Map<Pod, PodInfo>();
  for (const n of next.cluster.nodes) for (const p of n.pods) byPod.set(p.pod, p);
  for (const p of world.pods) {
    const pi = p.pi ? byPod.get(p.pi.pod) : undefined;
    if (pi) next.adopt(pi, p.owner);
    else if (!p.pi) next.pods.push({ pod: p.pod, owner: p.owner });
  }
  world = next;
  const how = mode === 'remove' ? 'nodes deleted' : mode === 'drain' ? 'nodes cordoned and drained' : `nodes unreachable (taints ${UNREACHABLE}:NoSchedule and :NoExecute; pods evicted after their tolerationSeconds)`;
  steps.push(snapshot(world, probe, {
    step: 1, action: 'lose-domain', description: `${domain.key}=${domain.value} lost (${lost.length} node(s), ${how}): ${deletedMine.length} pod(s) of ${t.workload.name} gone`,
    created: [], deleted: deletedMine.map((p) => ({ pod: nameOf(p.pod), node: p.pi?.nodeName ?? null, reason: mode === 'remove' ? 'node deleted' : mode === 'drain' ? 'evicted by drain' : 'evicted (NoExecute)' })),
  }));
  // The controller replaces each lost pod; the scheduler places the replacements one by one.
  const owner = t.spec.owners[0]?.metadata.name ?? t.workload.name;
  let k = 0;
  for (const gone of deletedMine) {
    now += SYNC_INTERVAL_MS;
    const idx = t.workload.kind === 'StatefulSet' ? ordinalOf(gone.pod) : 2000 + k++;
    const created = [world.create(markRunning(t.spec.podFor(idx), now), owner)];
    created.push(...world.retryPending());
    steps.push(snapshot(world, probe, { step: steps.length, action: 'replace', description: `replacement for ${nameOf(gone.pod)}`, created, deleted: [] }));
  }
  const last = steps[steps.length - 1];
  const violatedAfter = last.constraints.filter((c) => c.violated).map((c) => ({ topologyKey: c.topologyKey, skew: c.skew, maxSkew: c.maxSkew }));
  const pendingAfter = last.pending.length;
  const message = pendingAfter
    ? `${pendingAfter} of ${deletedMine.length} replacement pod(s) stay Pending after losing ${domain.key}=${domain.value}`
    : `all ${deletedMine.length} replacement pod(s) were placed after losing ${domain.key}=${domain.value}`;
  return {
    domain, mode, nodes: lost, source: start.source, evicted: deletedMine.length, otherPodsEvicted,
    replaced: deletedMine.length - pendingAfter, pendingAfter, steps, violatedAfter, message,
  };
}

/** Exit-code rule of the CLI: any pod Pending in any step. */
export function anyPending(steps: WhatIfStep[]): boolean {
  return steps.some((s) => s.pending.length > 0);
}
