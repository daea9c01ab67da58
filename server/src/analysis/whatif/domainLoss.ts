// Losing a domain (every node labelled KEY=VALUE): the nodes are deleted (remove), cordoned and
// drained (drain, DaemonSet pods stay), or become unreachable (outage: pods without a NoExecute
// toleration are evicted); then the controller replaces each lost pod and the scheduler places the
// replacements one by one.

import { byteOrder, Cluster, type ClusterInput, ordinalOf, type Pod, type PodInfo, scaleDownControllerFor, type Taint, tolerationsTolerateTaint } from '../../engine';
import type { AnalysisContext } from '../context';
import { FALLBACK_NOW, referenceNow, SYNC_INTERVAL_MS } from './clock';
import { markRunning } from './podStatus';
import { snapshot, violationsOf } from './steps';
import { type DomainLossJson, type DomainLossMode, type WhatIfStep, type WhatIfTarget, WhatIfError } from './types';
import { nameOf, startWorld, World } from './world';

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
    // Claims and volumes survive a lost domain: a zonal volume keeps pinning its claim's pods there.
    ...world.cluster.storage.toInput(),
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
    const created = [world.create(markRunning(t.spec.podFor(idx), now), owner, t.spec.claimsFor?.(idx))];
    created.push(...world.retryPending());
    steps.push(snapshot(world, probe, { step: steps.length, action: 'replace', description: `replacement for ${nameOf(gone.pod)}`, created, deleted: [] }));
  }
  const last = steps[steps.length - 1];
  const violatedAfter = violationsOf(last);
  const pendingAfter = last.pending.length;
  const message = pendingAfter
    ? `${pendingAfter} of ${deletedMine.length} replacement pod(s) stay Pending after losing ${domain.key}=${domain.value}`
    : `all ${deletedMine.length} replacement pod(s) were placed after losing ${domain.key}=${domain.value}`;
  return {
    domain, mode, nodes: lost, source: start.source, evicted: deletedMine.length, otherPodsEvicted,
    replaced: deletedMine.length - pendingAfter, pendingAfter, steps, violatedAfter, message,
  };
}
