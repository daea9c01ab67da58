// Past a few dozen nodes, per-node tables become per-zone ones in the text output (JSON keeps every
// node). A node's group is its zone label, else its region, else one group for the whole cluster.

import type { FixtureNode } from '../../session';
import { bar, pad, span } from './format';

/** More nodes (or domains) than this and the text shows one line per zone. */
export const AGGREGATE_PAST = 40;

const GROUP_KEYS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone', 'topology.kubernetes.io/region'];
const NO_LABEL = '(no zone label)';

export class NodeGroups {
  /** The label the groups are the values of ('' when no node has any of them). */
  readonly key: string;
  private readonly byNode = new Map<string, string>();
  private readonly nodes: readonly FixtureNode[];

  constructor(nodes: readonly FixtureNode[]) {
    this.nodes = nodes;
    this.key = GROUP_KEYS.find((k) => nodes.some((n) => n.labels[k] !== undefined)) ?? '';
    for (const n of nodes) this.byNode.set(n.name, this.key ? n.labels[this.key] ?? NO_LABEL : 'all nodes');
  }

  of(node: string): string {
    return this.byNode.get(node) ?? NO_LABEL;
  }

  /** "per topology.kubernetes.io/zone". */
  describe(): string {
    return this.key ? `per ${this.key}` : 'for all nodes';
  }

  /** The group each value of `topologyKey` lies in ("several" when its nodes are in more than one). */
  domainGroups(topologyKey: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const n of this.nodes) {
      const v = n.labels[topologyKey];
      if (v === undefined) continue;
      const g = this.of(n.name);
      const had = out.get(v);
      out.set(v, had === undefined || had === g ? g : '(several zones)');
    }
    return out;
  }

  /** Items gathered by group, groups in name order. */
  gather<T>(items: readonly T[], groupOf: (item: T) => string): [string, T[]][] {
    const m = new Map<string, T[]>();
    for (const it of items) {
      const g = groupOf(it);
      const list = m.get(g);
      if (list) list.push(it);
      else m.set(g, [it]);
    }
    return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

/** One bar per domain: "  zone-a  4   ████". */
export function domainBars(domains: Record<string, number>, indent: string): string[] {
  const entries = Object.entries(domains);
  const max = Math.max(0, ...entries.map(([, n]) => n));
  const w = Math.max(6, ...entries.map(([k]) => (k === '' ? 2 : k.length)));
  return entries.map(([k, n]) => `${indent}${pad(k === '' ? '""' : k, w)}  ${pad(String(n), 4)}${bar(n, max)}`);
}

/**
 * Per-domain counts summed per group: "  zone-a  1667 domains  6667 pods  3-5 each  ████".
 * `extra` (simulate: this workload's new replicas per domain) is summed alongside as [+N].
 */
export function groupedDomainBars(domains: Record<string, number>, topologyKey: string, groups: NodeGroups, indent: string, extra?: Record<string, number>): string[] {
  const of = groups.domainGroups(topologyKey);
  const rows = groups.gather(Object.entries(domains), ([d]) => of.get(d) ?? '(no node)').map(([g, list]) => ({
    g, domains: list.length, total: list.reduce((n, [, c]) => n + c, 0), each: span(list.map(([, c]) => c)),
    added: extra ? list.reduce((n, [d]) => n + (extra[d] ?? 0), 0) : undefined,
  }));
  const max = Math.max(0, ...rows.map((r) => r.total));
  const w = Math.max(6, ...rows.map((r) => r.g.length));
  return rows.map((r) => `${indent}${pad(r.g, w)}  ${String(r.domains).padStart(5)} domain(s)  ${String(r.total).padStart(6)} pod(s), ${pad(`${r.each} each`, 10)}` +
    `${r.added !== undefined ? `  [+${r.added}]` : ''}  ${bar(r.total, max)}`);
}
