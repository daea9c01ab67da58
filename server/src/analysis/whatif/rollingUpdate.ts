// The rolling update of a Deployment, step by step: each controller sync either scales the new
// ReplicaSet up (maxSurge) or the old ones down (maxUnavailable), as engine/controllers' rollout
// arithmetic decides; new pods go through the scheduler, and each old ReplicaSet's victims are ranked
// as its controller ranks them. Run once as written and, for comparison, with
// matchLabelKeys: [pod-template-hash] toggled on every constraint that has a labelSelector (unless
// the caller turns the comparison off). On an autoscaling fixture the autoscaler adds nodes for the
// pods a sync leaves Pending (world.ts `settle`), so a surge that does not fit can still complete.

import {
  chooseScaleDown, defaultStrategy, type DeploymentLike, IntOrStringError, isPodReady, maxSurge, maxUnavailable, type Pod, type PodInfo,
  type Node, type ReplicaSetState, type ScaleUp, resolveFenceposts, rolloutSync, timeOf,
} from '../../engine';
import { ownerOf, podForReplica, workloadOf } from '../../k8s/workloads';
import { type AnalysisContext, clusterFor } from '../context';
import { grownPhrase, scaleUpRow, summarize } from './autoscale';
import type { WorkloadSpec } from '../workload';
import { rankOptions, referenceNow, SYNC_INTERVAL_MS } from './clock';
import { controllerView, markRunning } from './podStatus';
import { matchLabelKeysState, strategyOf, toggledMatchLabelKeys } from './rawManifest';
import { snapshot, violationsOf } from './steps';
import { type RolloutJson, type RolloutRun, type WhatIfStep, type WhatIfTarget, WhatIfError } from './types';
import { fixturePodsOf, nameOf, placeInitial, World } from './world';

/** Refuses a what-if the workload's kind has no controller model for. */
function requireKinds(t: WhatIfTarget, kinds: string[], what: string): void {
  if (!kinds.includes(t.workload.kind)) throw new WhatIfError(`${what} needs a ${kinds.join(', ')}; ${t.workload.name || 'this object'} is a ${t.workload.kind}`);
}

/** The what-if target of a manifest variant (the comparison run's manifest), built from its raw object. */
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

/** The nodes the autoscaler added for the old revision (reported in each run's step 0). */
interface Grown { nodes: Node[]; scaleUp: ScaleUp[]; ties: string[] }

/** A pod of the old revision: its node (null: Pending) and the old ReplicaSet it belongs to. */
interface OldPod { pod: Pod; node: string | null; rs: string }

export function simulateRollout(ctx: AnalysisContext, t: WhatIfTarget, opts: { compare?: boolean } = {}): RolloutJson {
  requireKinds(t, ['Deployment'], '--rollout');
  const replicas = t.spec.replicas ?? 1;
  const strategy = defaultStrategy(strategyOf(t.raw));
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
    placeInitial(base, replicas, oldPodFor, rs, now0 - 3_600_000);
    // As simulate: the old revision's Pending pods get the autoscaler's nodes (autoscaling fixtures).
    base.autoscale();
    base.pods.forEach((tp) => old.push({ pod: tp.pod, node: tp.pi?.nodeName ?? null, rs }));
    oldSets.push({ name: rs, replicas, source: 'simulated' });
  }
  // Nodes the autoscaler added for the old revision: every run starts with them.
  const start = clusterFor(ctx, t.spec.owners);
  const grown: Grown = { nodes: base.cluster.nodes.filter((n) => !start.nodeByName.has(n.name)).map((n) => n.node), ...base.takeScaleUps() };

  const run = (target: WhatIfTarget): RolloutRun => runRollout(ctx, target, d, old, now0, grown);
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

/** One run of the rollout from the old pods `old` to the template of `t`, until the controller has nothing left to do or stalls. */
function runRollout(ctx: AnalysisContext, t: WhatIfTarget, d: DeploymentLike, old: OldPod[], now0: number, grown: Grown): RolloutRun {
  const fresh = clusterFor(ctx, t.spec.owners);
  const world = new World(ctx, grown.nodes.length ? fresh.withNodes(grown.nodes) : fresh);
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
  if (grown.scaleUp.length) steps[0] = { ...steps[0], scaleUp: grown.scaleUp.map(scaleUpRow), ...(grown.ties.length ? { scaleUpTies: [...new Set(grown.ties)] } : {}) };
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
        const choice = chooseScaleDown('ReplicaSet', views, related, ch.to, rankOptions(now));
        for (const v of choice.victims) {
          const tp = rsPods[views.indexOf(v)];
          const coLocated = choice.order.find((o) => o.pod === v)?.rank ?? 0;
          deleted.push({ ...world.delete(tp), reason: `${ch.rs} ${ch.from} → ${ch.to} (${ch.by})${coLocated > 1 ? `; ${coLocated} Deployment pods on its node` : ''}` });
        }
        parts.push(`${ch.rs} ${ch.from} → ${ch.to}`);
      }
      description = `scale down ${parts.join(', ')} (maxUnavailable)`;
    }
    created.push(...world.settle());
    refresh();
    steps.push(snapshot(world, probe, { step: steps.length, action: action.kind === 'scale-new' ? 'scale-up' : 'scale-down', description, replicaSets: rsList(), created, deleted }));
  }
  const maxPending = Math.max(0, ...steps.map((s) => s.pending.length));
  const maxSkewSeen: Record<string, number> = {};
  for (const s of steps) for (const c of s.constraints) maxSkewSeen[c.topologyKey] = Math.max(maxSkewSeen[c.topologyKey] ?? 0, c.skew);
  const lastStep = steps[steps.length - 1];
  const pendingNow = lastStep.pending.length;
  const violatedAfter = violationsOf(lastStep);
  const skewNote = violatedAfter.length
    ? `; it leaves skew ${violatedAfter.map((v) => `${v.skew} on ${v.topologyKey} (maxSkew ${v.maxSkew})`).join(', ')}, which the scheduler never repairs`
    : '';
  const duringRollout = summarize(world.autoscaling, steps.slice(1));
  const message = (stalled
    ? `rollout stalls: ${pendingNow} new pod(s) stay Pending, so the old ReplicaSet cannot shrink further (the Deployment reports ProgressDeadlineExceeded after progressDeadlineSeconds, default 600 s)`
    : maxPending > 0
      ? `rollout completes, but ${maxPending} pod(s) were Pending at its worst step`
      : 'rollout completes without a Pending pod') + skewNote + (duringRollout ? `; ${grownPhrase(duringRollout)} during the rollout` : '');
  if (stalled) {
    // The stall repeats the last step's state; it adds no node of its own.
    const { scaleUp: _scaleUp, scaleUpTies: _ties, ...lastState } = steps[steps.length - 1];
    steps.push({ ...lastState, step: steps.length, action: 'stalled', description: message, created: [], deleted: [] });
  }
  const autoscaling = summarize(world.autoscaling, steps);
  return {
    matchLabelKeys: matchLabelKeysState(t.raw), newReplicaSet: newRS.name, steps, outcome: stalled ? 'stalled' : 'complete', maxPending, maxSkew: maxSkewSeen, violatedAfter, message,
    ...(autoscaling ? { autoscaling } : {}),
  };
}
