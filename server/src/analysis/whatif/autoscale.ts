// What-ifs on an autoscaling fixture (docs/whatif.md "Autoscaled clusters", docs/autoscalers.md): after
// each controller step, the pods left Pending go to the fixture's autoscaler(s) as in `simulate`
// (analysis/autoscale/rounds.ts `provision`, the same models); the World (world.ts) adds their nodes and
// retries. This file holds the data side: the autoscaling input without a lost domain, and the summary
// a what-if's JSON carries.
//
// A lost domain cannot grow: its zone is down (remove, outage: the cloud provider cannot launch there;
// cluster-autoscaler would try, fail and back the group off) or being retired (drain: a new node there
// would be drained too). So its cluster-autoscaler node groups (the template carries KEY=VALUE) are
// dropped, and every Karpenter NodePool gets the requirement KEY NotIn [VALUE] (for the zone key the
// instance types' offerings in that zone are also marked unavailable).

import type { AutoscalingInput, ScaleUp } from '../../engine';
import type { WhatIfAutoscalingJson, WhatIfStep } from './types';

const ZONE = 'topology.kubernetes.io/zone';

export function autoscalersOf(a: AutoscalingInput): WhatIfAutoscalingJson['autoscalers'] {
  return [...(a.karpenter ? ['karpenter' as const] : []), ...(a.clusterAutoscaler ? ['cluster-autoscaler' as const] : [])];
}

/** `a` without the node groups of the lost domain `key=value`, and what became unavailable (for the JSON). */
export function withoutDomain(a: AutoscalingInput, domain: { key: string; value: string }): { input: AutoscalingInput; unavailable: string[] } {
  const unavailable: string[] = [];
  const input: AutoscalingInput = {};
  if (a.clusterAutoscaler) {
    const ca = a.clusterAutoscaler;
    const lost = (g: (typeof ca.nodeGroups)[number]) => g.template.labels[domain.key] === domain.value;
    unavailable.push(...ca.nodeGroups.filter(lost).map((g) => g.name));
    input.clusterAutoscaler = { ...ca, nodeGroups: ca.nodeGroups.filter((g) => !lost(g)) };
  }
  if (a.karpenter) {
    const k = a.karpenter;
    const notIn = { key: domain.key, operator: 'NotIn' as const, values: [domain.value] };
    input.karpenter = {
      nodePools: k.nodePools.map((p) => ({ ...p, requirements: [...p.requirements, notIn] })),
      instanceTypes: domain.key !== ZONE ? k.instanceTypes : k.instanceTypes.map((t) => ({
        ...t, offerings: t.offerings.map((o) => (o.zone === domain.value ? { ...o, available: false } : o)),
      })),
    };
    unavailable.push(...k.nodePools.map((p) => `NodePool ${p.name} in ${domain.key}=${domain.value}`));
  }
  return { input, unavailable };
}

/** One `scaleUp` row, its fields in simulate's order (analysis/autoscale/simulate.ts). */
export function scaleUpRow(u: ScaleUp): ScaleUp {
  return {
    by: u.by, nodePool: u.nodePool, ...(u.zone !== undefined ? { zone: u.zone } : {}), ...(u.instanceType !== undefined ? { instanceType: u.instanceType } : {}),
    nodes: u.nodes, nodeNames: [...u.nodeNames],
  };
}

/** The what-if's `autoscaling` object: every step's scale-up in order, the lost domain's groups, the ties. */
export function summarize(a: AutoscalingInput | undefined, steps: readonly WhatIfStep[], unavailable?: string[]): WhatIfAutoscalingJson | undefined {
  if (!a) return undefined;
  const scaleUp: ScaleUp[] = steps.flatMap((s) => s.scaleUp ?? []);
  const ties = [...new Set(steps.flatMap((s) => s.scaleUpTies ?? []))];
  const nodes = scaleUp.reduce((n, u) => n + u.nodes, 0);
  return {
    autoscalers: autoscalersOf(a), nodesAdded: nodes, scaleUp,
    ...(unavailable?.length ? { unavailable } : {}),
    ...(ties.length ? { ties } : {}),
  };
}

/** "cluster-autoscaler added 2 node(s) in eu-west-1b (1) and eu-west-1c (1)", or "… added no node". */
export function grownPhrase(a: WhatIfAutoscalingJson): string {
  const who = a.autoscalers.join(' and ');
  if (!a.nodesAdded) return `${who} added no node`;
  const by = new Map<string, number>();
  for (const r of a.scaleUp) by.set(r.zone ?? r.nodePool, (by.get(r.zone ?? r.nodePool) ?? 0) + r.nodes);
  const parts = [...by].map(([w, n]) => `${w} (${n})`);
  return `${who} added ${a.nodesAdded} node(s) in ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]}`;
}
