// Losing a domain (every node labelled KEY=VALUE): the nodes are deleted (remove), cordoned and
// drained (drain, DaemonSet pods stay), or become unreachable (outage: pods without a NoExecute
// toleration are evicted); then the controller replaces each lost pod and the scheduler places the
// replacements one by one.
//
// A drain evicts through the eviction API (eviction.ts), which PodDisruptionBudgets can refuse. Like
// `kubectl drain`, which retries a refused eviction until the budget allows it, the drain goes on in
// rounds: once the replacements are placed (and Ready) the disruption controller recomputes each budget
// and the refused pods are tried again. A round that evicts nothing ends the drain: the refused pods
// stay on their cordoned nodes and the result says which pod, which budget and its disruptionsAllowed.
// kubectl evicts a node's pods concurrently; kube-spread evicts in node order, then pod order.
//
// On an autoscaling fixture the autoscaler runs after each replacement (world.ts `settle`), but the
// lost domain's node groups cannot grow (autoscale.ts `withoutDomain` says why).

import { byteOrder, Cluster, type ClusterInput, ordinalOf, type Pod, type PodInfo, scaleDownControllerFor, type Taint, tolerationsTolerateTaint } from '../../engine';
import type { AnalysisContext } from '../context';
import { grownPhrase, summarize, withoutDomain } from './autoscale';
import { FALLBACK_NOW, referenceNow, SYNC_INTERVAL_MS } from './clock';
import { markRunning } from './podStatus';
import { EvictionApi, type EvictionRefusal } from './eviction';
import { snapshot, violationsOf } from './steps';
import { type DomainLossJson, type DomainLossMode, type DrainBlockedJson, type WhatIfStep, type WhatIfTarget, WhatIfError } from './types';
import { nameOf, startWorld, type Tracked, World } from './world';

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

/** A pod a DaemonSet controls: a drain leaves it on the node. */
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

  // A drain's first round: the eviction API decides pod by pod, against the budgets as the fixture has them.
  const refused = new Map<Pod, EvictionRefusal>();
  if (mode === 'drain' && world.cluster.podDisruptionBudgets.length) {
    const api = new EvictionApi(world.cluster.podDisruptionBudgets, podsSeenBy(world), true);
    for (const n of world.cluster.nodes) {
      if (!lostSet.has(n.name)) continue;
      for (const p of n.pods) {
        if (isDaemonPod(p.pod)) continue;
        const r = api.evict(p);
        if (r) refused.set(p.pod, r);
      }
    }
  }
  // Rebuild the cluster without (or with a changed) domain: node changes are not pod changes, so the
  // scheduler's incremental state must start over from a fresh snapshot.
  const evicts = (p: PodInfo) => lostSet.has(p.nodeName ?? '') && !refused.has(p.pod) && (mode === 'remove' || (mode === 'drain' ? !isDaemonPod(p.pod) : !survivesOutage(p.pod)));
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
    // Claims and volumes survive a lost domain: a zonal volume keeps pinning its claim's pods there.
    ...world.cluster.storage.toInput(),
    // Priorities (preemption of the replacements) and budgets (the drain's next rounds) stay too.
    priorityClasses: world.cluster.priorityClasses, podDisruptionBudgets: world.cluster.podDisruptionBudgets,
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
  // The lost domain's node groups cannot grow; the Pending pods are asked again on the new cluster.
  const grow = world.autoscaling ? withoutDomain(world.autoscaling, domain) : undefined;
  next.autoscaling = grow?.input;
  next.refreshPending();
  world = next;
  const how = mode === 'remove' ? 'nodes deleted' : mode === 'drain' ? 'nodes cordoned and drained' : `nodes unreachable (taints ${UNREACHABLE}:NoSchedule and :NoExecute; pods evicted after their tolerationSeconds)`;
  const refusedNote = refused.size ? `; the eviction API refused ${refused.size} pod(s) (PodDisruptionBudget): ${[...refused.entries()].map(([p, r]) => `${nameOf(p)} (${r.pdb}, disruptionsAllowed ${r.disruptionsAllowed})`).join(', ')}` : '';
  steps.push(snapshot(world, probe, {
    step: 1, action: 'lose-domain', description: `${domain.key}=${domain.value} lost (${lost.length} node(s), ${how}): ${deletedMine.length} pod(s) of ${t.workload.name} gone${refusedNote}`,
    created: [], deleted: deletedMine.map((p) => ({ pod: nameOf(p.pod), node: p.pi?.nodeName ?? null, reason: mode === 'remove' ? 'node deleted' : mode === 'drain' ? 'evicted by drain' : 'evicted (NoExecute)' })),
  }));
  // The controller replaces each lost pod; the scheduler places the replacements one by one.
  const owner = t.spec.owners[0]?.metadata.name ?? t.workload.name;
  let k = 0;
  const replacements = new Set<string>();
  const replace = (gone: Tracked[]) => {
    for (const g of gone) {
      now += SYNC_INTERVAL_MS;
      const idx = t.workload.kind === 'StatefulSet' ? ordinalOf(g.pod) : 2000 + k++;
      const created = [world.create(markRunning(t.spec.podFor(idx), now), owner, t.spec.claimsFor?.(idx))];
      replacements.add(created[0].pod);
      created.push(...world.settle());
      steps.push(snapshot(world, probe, { step: steps.length, action: 'replace', description: `replacement for ${nameOf(g.pod)}`, created, deleted: [] }));
    }
  };
  replace(deletedMine);
  let evicted = deletedMine.length;

  // The drain retries what the budgets refused, each round against the budgets the disruption
  // controller recomputes from the pods now running, until a round evicts nothing.
  while (refused.size) {
    const api = new EvictionApi(world.cluster.podDisruptionBudgets, podsSeenBy(world), false);
    const gone: Tracked[] = [];
    let others = 0;
    for (const n of world.cluster.nodes) {
      if (!lostSet.has(n.name)) continue;
      for (const p of [...n.pods]) {
        if (!refused.has(p.pod)) continue;
        const r = api.evict(p);
        if (r) {
          refused.set(p.pod, r);
          continue;
        }
        refused.delete(p.pod);
        const tracked = world.pods.find((x) => x.pi === p);
        if (tracked) gone.push(tracked);
        else {
          world.cluster.remove(p);
          others++;
        }
      }
    }
    if (gone.length === 0 && others === 0) break;
    otherPodsEvicted += others;
    const deleted = gone.map((g) => ({ ...world.delete(g), reason: 'evicted by drain (budget allowed it)' }));
    steps.push(snapshot(world, probe, {
      step: steps.length, action: 'evict',
      description: `drain retries the refused evictions: ${gone.length} pod(s) of ${t.workload.name}${others ? ` and ${others} other pod(s)` : ''} evicted${refused.size ? `, ${refused.size} still refused` : ''}`,
      created: [], deleted,
    }));
    replace(gone);
    evicted += gone.length;
  }

  const drainBlocked: DrainBlockedJson[] = [];
  for (const n of world.cluster.nodes) {
    for (const p of n.pods) {
      const r = refused.get(p.pod);
      if (r) drainBlocked.push({ pod: p.name, namespace: p.namespace, node: n.name, workload: world.pods.some((x) => x.pi === p), ...r });
    }
  }
  const last = steps[steps.length - 1];
  const violatedAfter = violationsOf(last);
  const pendingAfter = last.pending.length;
  // Pods Pending since before the loss (nothing could place them) are not replacements.
  const replacementsPending = last.pending.filter((p) => replacements.has(p.pod)).length;
  const pendingBefore = pendingAfter - replacementsPending;
  const replacedMessage = (replacementsPending
    ? `${replacementsPending} of ${evicted} replacement pod(s) stay Pending after losing ${domain.key}=${domain.value}`
    : `all ${evicted} replacement pod(s) were placed after losing ${domain.key}=${domain.value}`)
    + (pendingBefore ? `; ${pendingBefore} other pod(s) of ${t.workload.name} were Pending before it` : '');
  const autoscaling = summarize(start.world.autoscaling, steps, grow?.unavailable);
  // The message speaks of what the autoscaler did after the loss (step 0's scale-up is in the steps).
  const afterLoss = summarize(start.world.autoscaling, steps.slice(1));
  const grownMessage = afterLoss ? `; after the loss ${grownPhrase(afterLoss)}${grow?.unavailable.length ? ` (the lost domain's node groups cannot grow)` : ''}` : '';
  const blockedMessage = drainBlocked.length
    ? `; the drain stops: the eviction API refuses ${drainBlocked.length} pod(s) whatever the retries: ${drainBlocked.map((b) => `${b.namespace}/${b.pod} on ${b.node} (PodDisruptionBudget ${b.pdb}, disruptionsAllowed ${b.disruptionsAllowed}: ${b.message})`).join('; ')}`
    : '';
  return {
    domain, mode, nodes: lost, source: start.source, evicted, otherPodsEvicted,
    replaced: evicted - replacementsPending, pendingAfter, steps, violatedAfter, message: replacedMessage + grownMessage + blockedMessage,
    ...(drainBlocked.length ? { drainBlocked } : {}),
    ...(autoscaling ? { autoscaling } : {}),
  };
}

/** The pods the disruption controller counts: every bound pod, and the workload's Pending ones (not healthy). */
function podsSeenBy(world: World): Pod[] {
  const pods: Pod[] = [];
  for (const n of world.cluster.nodes) for (const p of n.pods) pods.push(p.pod);
  for (const t of world.pods) if (!t.pi) pods.push({ ...t.pod, status: { ...(t.pod.status ?? {}), phase: 'Pending', conditions: [] } });
  return pods;
}
