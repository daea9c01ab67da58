// Karpenter's provisioning for the pods kube-scheduler left Pending (kubernetes-sigs/karpenter
// pkg/controllers/provisioning/scheduling @ 22664681, v1.14.0+20; docs/autoscalers.md#karpenter): its
// own scheduling simulation packs them onto existing nodes and new NodeClaims (./scheduler.ts), each
// NodeClaim is launched as the cheapest compatible offering (./instanceTypes.ts), and the result says
// where Karpenter itself meant every pod to go (`intended`) so analysis can set it beside
// kube-scheduler's placement on the grown cluster.

import type { Labels, Node } from '../../api';
import type { KarpenterProvision, ProvisionResult, ScaleUp } from '../types';
import { CAPACITY_TYPE, HOSTNAME, INSTANCE_TYPE, NODEPOOL, ZONE } from './domains';
import { chooseLaunch, type Launch } from './instanceTypes';
import type { NodeClaim } from './nodeclaim';
import { WELL_KNOWN_LABELS } from './requirements';
import { KarpenterScheduler } from './scheduler';

const SIMULATION_KEYS = new Set([HOSTNAME, 'karpenter.sh/registered', 'karpenter.sh/initialized']);

/** The node a launched NodeClaim becomes: its pool's labels and taints, the offering's well-known labels. */
function nodeFor(nc: NodeClaim, l: Launch): Node {
  const labels: Labels = { ...nc.template.pool.labels };
  // resolveCustomLabelsFromRequirements: a custom key with allowed values gets one of them.
  for (const r of nc.reqs.values()) {
    if (WELL_KNOWN_LABELS.has(r.key) || SIMULATION_KEYS.has(r.key) || r.complement || r.values.size === 0) continue;
    labels[r.key] = r.list()[0];
  }
  Object.assign(labels, l.it.labels ?? {}, {
    [NODEPOOL]: nc.template.pool.name, [ZONE]: l.zone, [CAPACITY_TYPE]: l.capacityType, [INSTANCE_TYPE]: l.it.name,
    [HOSTNAME]: nc.hostname, 'karpenter.sh/registered': 'true', 'karpenter.sh/initialized': 'true',
  });
  // startupTaints are gone once the node is ready, which is when kube-scheduler places pods on it.
  const taints = nc.template.pool.taints.map((t) => ({ ...t }));
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name: nc.hostname, labels },
    spec: taints.length ? { taints } : {},
    status: { capacity: { ...l.it.capacity }, allocatable: { ...l.it.capacity } },
  };
}

export const karpenterProvision: KarpenterProvision = (cluster, pending, cfg) => {
  const result: ProvisionResult = { newNodes: [], scaleUps: [], notTriggered: [], intended: new Map(), ties: [] };
  if (pending.length === 0) return result;
  const scheduler = new KarpenterScheduler(cluster, pending, cfg, (name) => cluster.nodeByName.has(name));
  const solution = scheduler.solve(pending);
  const ties = new Set<string>();
  const rows = new Map<string, ScaleUp>();
  for (const nc of solution.nodeClaims) {
    const l = chooseLaunch(nc.options, nc.reqs);
    if (!l) {
      for (const pod of nc.pods) result.notTriggered.push({ pod, reason: `Failed to launch NodeClaim ${nc.hostname}: no available offering` });
      continue;
    }
    nc.ties.forEach((t) => ties.add(t));
    if (l.equal.length) ties.add(`Karpenter ${nc.hostname}: ${l.it.name} in ${l.zone} at ${l.price}, equally cheap: ${l.equal.join(', ')} (the cloud provider picks)`);
    result.newNodes.push(nodeFor(nc, l));
    for (const pod of nc.pods) result.intended!.set(pod.metadata?.name ?? '', nc.hostname);
    const key = `${nc.template.pool.name}\u0000${l.zone}\u0000${l.it.name}`;
    const row = rows.get(key) ?? { by: 'karpenter' as const, nodePool: nc.template.pool.name, zone: l.zone, instanceType: l.it.name, nodes: 0, nodeNames: [] };
    row.nodes++;
    row.nodeNames.push(nc.hostname);
    rows.set(key, row);
  }
  for (const n of solution.existing) {
    n.ties.forEach((t) => ties.add(t));
    for (const pod of n.pods) result.intended!.set(pod.metadata?.name ?? '', n.name);
  }
  result.scaleUps.push(...rows.values());
  // Pods in pending order, each with Karpenter's event text.
  for (const pod of pending) {
    const err = solution.errors.get(pod);
    if (err !== undefined) result.notTriggered.push({ pod, reason: `Failed to schedule pod, ${err}` });
  }
  result.ties!.push(...ties);
  return result;
};
