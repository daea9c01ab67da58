// Text and SVG for the what-if simulations (analysis/whatif/). JSON is the contract; this may change.
// The pictures (one row per step, every constraint's key) are drawn by stepsSvg.ts.

import type { DomainLossJson, RolloutJson, RolloutRun, ScaleJson, WhatIfAutoscalingJson, WhatIfStep } from '../whatif/types';

export { renderStepsSvg, type StepsSvgOptions } from './stepsSvg';

function domainsLine(s: WhatIfStep): string {
  return s.constraints
    .map((c) => `${c.topologyKey}: ${Object.entries(c.domains).map(([d, n]) => `${d}=${n}`).join(' ')} skew ${c.skew}${c.violated ? ` > maxSkew ${c.maxSkew}` : ''}`)
    .join('; ');
}

export function renderSteps(steps: WhatIfStep[], indent = '  '): string[] {
  const out: string[] = [];
  for (const s of steps) {
    out.push(`${indent}[${s.step}] ${s.description}`);
    if (s.replicaSets) out.push(`${indent}    replica sets: ${s.replicaSets.map((r) => `${r.name} ${r.available}/${r.replicas}`).join(', ')}`);
    const placed = s.created.filter((c) => c.node);
    if (placed.length) out.push(`${indent}    created: ${placed.map((c) => `${c.pod} → ${c.node}${c.ties ? ` (tie: ${c.ties.join('|')})` : ''}`).join(', ')}`);
    if (s.deleted.length) out.push(`${indent}    deleted: ${s.deleted.map((d) => `${d.pod}${d.node ? ` on ${d.node}` : ''}`).join(', ')}`);
    // Autoscaling fixtures: the nodes added in this step, as simulate's Scale-up section words them.
    for (const u of s.scaleUp ?? []) {
      out.push(`${indent}    scale-up: ${u.nodePool}: +${u.nodes} node${u.nodes === 1 ? '' : 's'}${u.zone !== undefined ? ` in ${u.zone}` : ''}${u.instanceType !== undefined ? `, ${u.instanceType}` : ''} (${u.by}): ${u.nodeNames.join(', ')}`);
    }
    if (s.scaleUpTies?.length) out.push(`${indent}    equally possible: ${s.scaleUpTies.join('; ')}`);
    const dl = domainsLine(s);
    if (dl) out.push(`${indent}    ${dl}`);
    if (s.pending.length) {
      const groups = new Map<string, string[]>();
      for (const p of s.pending) groups.set(p.message, [...(groups.get(p.message) ?? []), p.pod]);
      for (const [msg, pods] of groups) out.push(`${indent}    PENDING ${pods.length}: ${msg}`);
      const why = new Map<string, number>();
      for (const p of s.pending) for (const a of p.autoscaler ?? []) why.set(`${a.by}: ${a.reason}`, (why.get(`${a.by}: ${a.reason}`) ?? 0) + 1);
      for (const [w, n] of why) out.push(`${indent}    no scale-up for ${n}: ${w}`);
    }
  }
  return out;
}

function runSummary(label: string, r: RolloutRun): string[] {
  return [
    `${label} (matchLabelKeys pod-template-hash: ${r.matchLabelKeys}): ${r.outcome}, ${r.steps.length - 1} step(s), at most ${r.maxPending} Pending, largest skew ${Object.entries(r.maxSkew).map(([k, v]) => `${v} on ${k}`).join(', ') || 'n/a'}`,
    `  ${r.message}`,
  ];
}

export function renderRollout(r: RolloutJson): string {
  const out: string[] = ['', `Rolling update: ${r.replicas} replica(s), ${r.strategy.type}` +
    (r.strategy.type === 'RollingUpdate' ? ` maxSurge ${r.strategy.maxSurge} → ${r.strategy.resolvedMaxSurge}, maxUnavailable ${r.strategy.maxUnavailable} → ${r.strategy.resolvedMaxUnavailable}` : '') +
    `; old: ${r.oldReplicaSets.map((o) => `${o.name} (${o.replicas}, ${o.source})`).join(', ')}`, ...autoscalingLine(r.autoscaling)];
  out.push(...renderSteps(r.steps));
  out.push('', ...runSummary('As written', r));
  if (r.comparison) out.push(...runSummary(r.comparison.matchLabelKeys === 'with' ? 'With matchLabelKeys: [pod-template-hash]' : 'Without matchLabelKeys: [pod-template-hash]', r.comparison));
  return out.join('\n') + '\n';
}

export function renderScale(s: ScaleJson): string {
  const out: string[] = ['', `Scale ${s.from} → ${s.to} (${s.controller} controller; pods ${s.source === 'fixture' ? 'from the fixture' : 'placed by the simulation'})`, `  rule: ${s.rule}`];
  if (s.ranking) {
    out.push('  deletion order:');
    for (const r of s.ranking) {
      const keys = [r.coLocated !== undefined ? `co-located ${r.coLocated}` : '', r.ordinal !== undefined ? `ordinal ${r.ordinal}` : '', r.deletionCost ? `cost ${r.deletionCost}` : '', r.ready ? '' : 'not ready'].filter(Boolean).join(', ');
      out.push(`    ${r.deleted ? '✗' : '·'} ${r.pod}${r.node ? ` on ${r.node}` : ''}${keys ? ` (${keys})` : ''}`);
    }
    if (s.tiedAtCut) out.push(`  tie: ${s.tiedAtCut.join(', ')} rank equally; the controller's sort may delete any of them`);
  }
  out.push(...autoscalingLine(s.autoscaling), ...renderSteps(s.steps), `  ${s.message}`);
  return out.join('\n') + '\n';
}

/** The what-if's autoscaling line: who runs, and the groups a lost domain takes with it. */
function autoscalingLine(a: WhatIfAutoscalingJson | undefined): string[] {
  if (!a) return [];
  return [`  autoscaling: ${a.autoscalers.join(' and ')} runs after each step${a.unavailable?.length ? `; cannot grow (in the lost domain): ${a.unavailable.join(', ')}` : ''}`];
}

export function renderDomainLoss(d: DomainLossJson): string {
  const out: string[] = ['', `Losing ${d.domain.key}=${d.domain.value} (${d.mode}; nodes ${d.nodes.join(', ')})`, ...autoscalingLine(d.autoscaling)];
  out.push(...renderSteps(d.steps));
  if (d.otherPodsEvicted) out.push(`  ${d.otherPodsEvicted} pod(s) of other workloads went with the domain; their controllers' replacements are not modelled`);
  out.push(`  ${d.message}`);
  return out.join('\n') + '\n';
}
