// One descheduling cycle (pkg/descheduler/descheduler.go runProfiles): the ready nodes of the
// policy's nodeSelector (fewer than two: the cycle is skipped), then every profile's balance
// plugins in profile order, sharing one PodEvictor and its limits. Only
// RemovePodsViolatingTopologySpreadConstraint is modelled (topologySpread.ts); the evictions it
// asks for go through its own loop (Balance's tail): a node whose limit is reached is skipped, the
// pod filter is re-checked, then the evictor's PreEvictionFilter, then PodEvictor.EvictPod.

import type { ClusterInput, Cluster, NodeInfo, PodInfo } from '../cluster';
import type { Pod } from '../api';
import type { Budget } from '../plugins/defaultpreemption/pdb';
import { safeLabelSelectorAsSelector } from '../selectors';
import { DefaultEvictor, type EvictorWorld } from './evictor';
import { parseLabelSelectorString } from './labelsParse';
import { CyclePodEvictor } from './podEvictor';
import { balanceTopologySpread, podFilter } from './topologySpread';
import type { DeschedulerDryRunOptions, DryRunBlocked, DryRunEviction } from './types';

export interface CycleResult {
  evicted: { pod: PodInfo; eviction: DryRunEviction }[];
  blocked: DryRunBlocked[];
  /** Why the cycle did nothing at all (fewer than two nodes). */
  skipped?: string;
}

/** nodeutil.IsReady: a NodeReady condition that is not True excludes the node; no conditions: ready. */
export function isNodeReady(n: NodeInfo): boolean {
  const status = n.node.status as { conditions?: { type?: string; status?: string }[] | null } | null | undefined;
  return !(status?.conditions ?? []).some((c) => c?.type === 'Ready' && c.status !== 'True');
}

/** ReadyNodes(nodeSelector): the nodes a selector string picks, ready ones only. */
export function readyNodes(cluster: Cluster, selector: string | undefined): NodeInfo[] {
  const parsed = parseLabelSelectorString(selector ?? '');
  if ('error' in parsed) return [];
  return cluster.nodes.filter((n) => parsed.selector.matches(n.labels) && isNodeReady(n));
}

export function evictorWorld(input: ClusterInput, cluster: Cluster, pending: () => readonly Pod[]): EvictorWorld {
  const pdbs = input.podDisruptionBudgets ?? [];
  return {
    priorityClasses: input.priorityClasses ?? [],
    namespaces: input.namespaces ?? [],
    allPods: () => [...cluster.nodes.flatMap((n) => n.pods.map((p) => p.pod)), ...cluster.ignoredPods.map((i) => i.pod), ...pending()],
    claimClass: (ns, claim) => {
      const pvc = (input.persistentVolumeClaims ?? []).find((c) => (c?.metadata?.namespace || 'default') === ns && c.metadata?.name === claim);
      return pvc?.spec?.storageClassName || undefined;
    },
    // utils.IsPodCoveredByPDB: LabelSelectorAsSelector as is ({} covers every pod of the namespace).
    coveredByPdb: (pi) => pdbs.some((b) => !!b && (b.metadata?.namespace || 'default') === pi.namespace && safeLabelSelectorAsSelector(b.spec?.selector).matches(pi.labels)),
  };
}

export function runCycle(cluster: Cluster, options: DeschedulerDryRunOptions, world: EvictorWorld, budgets: Budget[]): CycleResult {
  const result: CycleResult = { evicted: [], blocked: [] };
  const nodes = readyNodes(cluster, options.nodeSelector);
  if (nodes.length <= 1) {
    result.skipped = `Skipping descheduling cycle: requires >=2 nodes (found ${nodes.length})`;
    return result;
  }
  const podEvictor = new CyclePodEvictor(options, budgets);
  // Evicted pods are terminating from now on: the evictor's Filter refuses them, so later
  // profiles neither count nor pick them.
  const gone = new Set<PodInfo>();
  let totalReached = false;
  for (const profile of options.profiles) {
    const args = profile.topologySpread;
    if (!args || totalReached) continue;
    const evictor = new DefaultEvictor(profile.evictor, world);
    const evictable = (p: PodInfo) => !gone.has(p) && evictor.whyNotEvictable(p) === undefined;
    const selected = balanceTopologySpread({ nodes, args, evictable });
    const filter = podFilter(args, evictable);
    const evictorNodes = readyNodes(cluster, profile.evictor.nodeSelector);
    const nodeLimitExceeded = new Set<string>();
    for (const s of selected) {
      const node = s.pod.nodeName ?? '';
      const block = (reason: string) => result.blocked.push({ namespace: s.pod.namespace, name: s.pod.name, node, constraint: s.constraint, reason });
      if (nodeLimitExceeded.has(node)) {
        block('node eviction limit reached earlier in this cycle');
        continue;
      }
      if (!filter(s.pod)) continue;
      const refusal = evictor.preEvictionRefusal(s.pod, evictorNodes);
      if (refusal) {
        block(refusal);
        continue;
      }
      const outcome = podEvictor.evict(s.pod);
      if (outcome.ok) {
        gone.add(s.pod);
        result.evicted.push({
          pod: s.pod,
          eviction: { namespace: s.pod.namespace, name: s.pod.name, node, constraint: s.constraint, reason: s.reason, profile: profile.name },
        });
        continue;
      }
      block(outcome.reason);
      if (outcome.stop === 'node') nodeLimitExceeded.add(node);
      if (outcome.stop === 'total') {
        totalReached = true;
        break;
      }
    }
  }
  return result;
}
