// What one field of a spread constraint does *here*: on this fixture, for this workload, from the
// explain result of the next pod and the simulation the diagnostics already made. hover.ts puts
// this above its constraint summary, and the constraint's unusable nodes and landing below it.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckResult, ExplainJson, SimulateJson } from '../../analysis';
import type { DiagnosticsScheduler } from './diagnostics';
import { HOSTNAME, list, plural, type FixtureNode } from '../../editor/editorModel';

interface Constraint {
  index: number;
  topologyKey: string;
  maxSkew: number;
  whenUnsatisfiable: string;
  selector?: string;
  minDomains?: number;
  nodeAffinityPolicy?: string;
  nodeTaintsPolicy?: string;
  domains: Record<string, number>;
  globalMinimum?: number;
  eligibleDomains?: number;
}

export const HOVER_FIELDS = ['maxSkew', 'whenUnsatisfiable', 'minDomains', 'nodeAffinityPolicy', 'nodeTaintsPolicy', 'matchLabelKeys', 'labelSelector', 'topologyKey'];

function failing(e: ExplainJson, plugin: string): { name: string; reason: string }[] {
  return e.nodes.flatMap((n) => {
    const f = n.filters.find((x) => x.plugin === plugin && x.code !== 'Success');
    return f ? [{ name: n.name, reason: f.reason ?? f.code }] : [];
  });
}

function domainsText(c: Constraint): string {
  const d = Object.entries(c.domains);
  return d.length ? d.map(([k, n]) => `${k || '""'} ${n}`).join(' · ') : 'none';
}

/** Markdown for hovering `field` of constraint `index`, or undefined for other fields. */
export function fieldHover(field: string, index: number, e: ExplainJson, sim: SimulateJson | undefined, nodes: FixtureNode[], mlk: string[]): string | undefined {
  const c = e.constraints.find((x) => x.index === index) as Constraint | undefined;
  if (!c) return undefined;
  const key = `\`${c.topologyKey}\``;
  const hard = c.whenUnsatisfiable === 'DoNotSchedule';
  const gm = c.globalMinimum ?? 0;
  const skew = sim?.skew?.[c.topologyKey];
  const placedNote = sim ? ` After simulating ${sim.workload.replicas} replica(s): ${sim.placements.length} placed, ${sim.pending.length} Pending${skew !== undefined ? `, skew ${skew}` : ''}.` : '';
  switch (field) {
    case 'maxSkew': {
      if (!hard) {
        return `**maxSkew ${c.maxSkew}** (ScheduleAnyway): a preference only. Domains with fewer matching pods score higher, but no node is rejected.${skew !== undefined ? ` Simulated skew on ${key}: **${skew}** (${skew > c.maxSkew ? 'above' : 'within'} maxSkew).` : ''}`;
      }
      const open = Object.entries(c.domains).filter(([, n]) => n + 1 - gm <= c.maxSkew).map(([d]) => d || '""');
      return `**maxSkew ${c.maxSkew}**: a node is rejected when its ${key} domain would hold more than ${c.maxSkew} matching pod(s) above the global minimum (**${gm}** now). ` +
        `Matching pods per domain: ${domainsText(c)}. The next pod may go to: ${open.length ? open.join(', ') : '**no domain**'}.${placedNote}`;
    }
    case 'whenUnsatisfiable': {
      if (!hard) {
        return `**ScheduleAnyway**: soft. Domains with fewer matching pods score higher; a skewed placement is still allowed and nothing stays Pending because of this constraint.${skew !== undefined ? ` Simulated skew on ${key}: **${skew}** (maxSkew ${c.maxSkew}).` : ''}`;
      }
      const rejected = failing(e, 'PodTopologySpread');
      return `**DoNotSchedule**: hard. For the next pod PodTopologySpread rejects ${plural(rejected.length, 'node')} of ${e.nodes.length}` +
        `${rejected.length ? `: ${list(rejected.map((r) => `${r.name} (${r.reason})`), 5)}` : ''}.${placedNote}`;
    }
    case 'minDomains': {
      const m = c.minDomains ?? 1;
      const eligible = c.eligibleDomains ?? Object.keys(c.domains).length;
      if (!hard) return `**minDomains ${m}** only works with \`DoNotSchedule\`; the API server rejects it with ScheduleAnyway.`;
      return `**minDomains ${m}**: ${plural(eligible, 'eligible domain')} on ${key} here (${Object.keys(c.domains).join(', ') || 'none'}). ` +
        (eligible < m
          ? `Fewer than ${m}: the global minimum counts as **0**, so each domain takes at most maxSkew (${c.maxSkew}) matching pod(s) and further replicas stay Pending until more domains exist.`
          : `At least ${m}: no effect right now (the global minimum is the real one, ${gm}).`);
    }
    case 'nodeAffinityPolicy': {
      const policy = c.nodeAffinityPolicy ?? 'Honor';
      const excluded = failing(e, 'NodeAffinity').map((n) => n.name);
      if (!excluded.length) return `**nodeAffinityPolicy ${policy}**: this pod's nodeSelector/required node affinity excludes no node here, so \`Honor\` and \`Ignore\` count the same domains.`;
      return policy === 'Ignore'
        ? `**nodeAffinityPolicy Ignore**: ${plural(excluded.length, 'node')} the pod can never use (nodeSelector/affinity) still count as domains: ${list(excluded)}. Their counts can pin the global minimum.`
        : `**nodeAffinityPolicy Honor**: ${plural(excluded.length, 'node')} excluded by the pod's nodeSelector/affinity do not count as domains: ${list(excluded)}.`;
    }
    case 'nodeTaintsPolicy': {
      const policy = c.nodeTaintsPolicy ?? 'Ignore';
      const tainted = failing(e, 'TaintToleration').map((n) => n.name);
      if (!tainted.length) return `**nodeTaintsPolicy ${policy}**: no node here has a taint this pod does not tolerate, so \`Honor\` and \`Ignore\` count the same domains.`;
      const byName = new Map(nodes.map((n) => [n.name, n]));
      const domainOf = (n: string) => byName.get(n)?.labels[c.topologyKey];
      if (policy === 'Honor') {
        return `**nodeTaintsPolicy Honor**: ${plural(tainted.length, 'tainted node')} this pod does not tolerate ${tainted.length === 1 ? 'is' : 'are'} not counted as domains: ${list(tainted)}.`;
      }
      if (c.topologyKey === HOSTNAME) {
        const counts = tainted.map((n) => c.domains[domainOf(n) ?? n] ?? 0);
        const same = counts.every((x) => x === counts[0]);
        return `**nodeTaintsPolicy Ignore** (the default): ${plural(tainted.length, 'tainted node')} still count as domains with ${same ? `${counts[0]} pods` : 'their pods'}: ` +
          `${same ? list(tainted) : list(tainted.map((n, i) => `${n} (${counts[i]})`))}. The pod cannot run there, so ${same && counts[0] <= gm ? 'they pin the global minimum' : 'they can pin the global minimum'}; \`Honor\` leaves them out.`;
      }
      const doms = [...new Set(tainted.map((n) => domainOf(n)).filter((d): d is string => d !== undefined))];
      return `**nodeTaintsPolicy Ignore** (the default): ${plural(tainted.length, 'tainted node')} this pod does not tolerate still count for their ${key} domains (${doms.join(', ') || 'none'}): ${list(tainted)}. ` +
        'A domain made only of such nodes can pin the global minimum; `Honor` leaves them out.';
    }
    case 'matchLabelKeys': {
      const labels = e.pod.labels ?? {};
      const used = mlk.filter((k) => k in labels).map((k) => `\`${k}=${labels[k]}\``);
      const ignored = mlk.filter((k) => !(k in labels));
      return `**matchLabelKeys**: the selector is ANDed with the incoming pod's own values${used.length ? `: ${used.join(', ')}` : ''}.` +
        `${ignored.length ? ` Ignored (the pod does not carry ${ignored.length === 1 ? 'it' : 'them'}): ${ignored.map((k) => `\`${k}\``).join(', ')}.` : ''}` +
        `${c.selector ? ` Effective selector: \`${c.selector}\`.` : ''} Matching pods per domain: ${domainsText(c)}.`;
    }
    case 'labelSelector': {
      const total = Object.values(c.domains).reduce((a, b) => a + b, 0);
      return `**labelSelector**: counts pods matching \`${c.selector ?? '?'}\` in namespace \`${e.pod.namespace}\`${mlk.length ? ' (matchLabelKeys included)' : ''}. ` +
        `Already running here: ${plural(total, 'matching pod')} (${domainsText(c)}); each replica placed adds to its domain.`;
    }
    default:
      return undefined;
  }
}

/** Below the constraint summary: nodes the pod can never use and why, and where the replicas land. */
export function landingMarkdown(sim: SimulateJson | undefined, topologyKey: string | undefined): string {
  if (!sim) return '';
  const out: string[] = [];
  const unusable = Object.entries((sim.unusableNodes ?? {}) as Record<string, string>);
  if (unusable.length) {
    out.push(`**Not eligible** (${unusable.length}): ${unusable.slice(0, 8).map(([n, why]) => `\`${n}\`: ${why}`).join('; ')}${unusable.length > 8 ? '; …' : ''}`, '');
  }
  const dist = topologyKey ? sim.distribution?.[topologyKey] : undefined;
  const total = sim.workload.replicas;
  const skew = topologyKey ? sim.skew?.[topologyKey] : undefined;
  const where = dist ? Object.entries(dist).map(([d, n]) => `${d || '""'} ${n}`).join(' · ') : '';
  out.push(`**${total} replica(s) land**: ${where || `${sim.placements.length} placed`}${skew !== undefined ? ` (skew ${skew})` : ''}` +
    `${sim.pending.length ? ` · **${sim.pending.length} of ${total} Pending**` : ''}`);
  return out.join('\n');
}

export interface HoverExtras {
  simulation?: SimulateJson;
  matchLabelKeys: string[];
}

/**
 * The diagnostics run's analysis of this version, for the document and constraint hovered: where the
 * replicas land comes from it; `matchLabelKeys` from the document the hover parsed. On a big cluster a
 * hover never computes that analysis itself (seconds on 5,000 nodes, while the diagnostics run is
 * computing it anyway): until it is published the hover leaves the landing out.
 */
export function hoverExtrasFrom(diagnostics: DiagnosticsScheduler) {
  return (doc: TextDocument, documentValue: unknown, path: (string | number)[], documentIndex: number): HoverExtras => {
    let v = documentValue;
    for (const s of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s as string] : undefined;
    const mlk = v !== null && typeof v === 'object' ? (v as Record<string, unknown>).matchLabelKeys : undefined;
    const matchLabelKeys = Array.isArray(mlk) ? mlk.filter((k): k is string => typeof k === 'string') : [];
    let result: CheckResult | undefined;
    try {
      result = diagnostics.analysisForHover(doc);
    } catch {
      return { matchLabelKeys };
    }
    return { simulation: result?.documents?.find((d) => d.document === documentIndex)?.simulation, matchLabelKeys };
  };
}
