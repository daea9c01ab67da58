// Scaling a workload to M replicas: on a scale-down, which pods its controller deletes (ReplicaSet
// victim ranking, StatefulSet's highest ordinals) and the skew they leave; on a scale-up, where the
// scheduler puts the new pods, one after another (and, on an autoscaling fixture, the nodes the
// autoscaler adds for those left Pending).

import { chooseScaleDown, isPodReady, ordinalOf, scaleDownControllerFor } from '../../engine';
import type { AnalysisContext } from '../context';
import { grownPhrase, summarize } from './autoscale';
import { FALLBACK_NOW, rankOptions, referenceNow, SYNC_INTERVAL_MS } from './clock';
import { controllerView, markRunning } from './podStatus';
import { snapshot, violationsOf } from './steps';
import { type ScaleJson, type WhatIfStep, type WhatIfTarget, WhatIfError } from './types';
import { nameOf, startWorld } from './world';

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
    const choice = chooseScaleDown(controller, views, related, to, rankOptions(now));
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
    // A StatefulSet creates the next ordinals (reusing the claims of earlier ones it scaled down:
    // the default persistentVolumeClaimRetentionPolicy whenScaled: Retain keeps them).
    // Its controller fills the missing ordinals of [0, replicas) in order.
    const sts = t.workload.kind === 'StatefulSet';
    const taken = new Set(world.pods.map((p) => ordinalOf(p.pi?.pod ?? p.pod)));
    let next = 0;
    for (let i = from; i < to; i++) {
      while (sts && taken.has(next)) next++;
      const idx = sts ? next++ : i + 1000;
      created.push(world.create(markRunning(t.spec.podFor(idx), now), owner, t.spec.claimsFor?.(idx)));
    }
    created.push(...world.autoscale());
    steps.push(snapshot(world, probe, { step: 1, action: 'scale-up', description: `scale up ${from} → ${to}`, created, deleted: [] }));
  } else {
    out.rule = 'nothing to do: already at that size';
  }
  const last = steps[steps.length - 1];
  out.violatedAfter = violationsOf(last);
  out.message = out.violatedAfter.length
    ? `after scaling to ${to}, skew ${out.violatedAfter.map((v) => `${v.skew} on ${v.topologyKey} (maxSkew ${v.maxSkew})`).join(', ')}: the scheduler never moves running pods, so it stays until pods are recreated (or the descheduler's RemovePodsViolatingTopologySpreadConstraint evicts them)`
    : `after scaling to ${to}, every DoNotSchedule constraint is within maxSkew`;
  const autoscaling = summarize(world.autoscaling, steps);
  if (autoscaling) {
    out.autoscaling = autoscaling;
    out.message += `; ${grownPhrase(summarize(world.autoscaling, steps.slice(1)) ?? autoscaling)}${last.pending.length ? `, ${last.pending.length} pod(s) stay Pending` : ''}`;
  }
  return out;
}
