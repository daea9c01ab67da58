// The expanders (expander/{random,waste,mostpods,leastnodes,priority,price}) and their chain
// (expander/factory/chain.go): each named expander filters the options in turn, stopping as soon as one
// is left; random decides among what remains. Random is modelled deterministically: the first option by
// node group name, with the equally possible ones reported as a tie.

import type { Node, Pod } from '../../api';
import type { CAExpander, CANodeGroup } from '../types';
import { containerRequests, nodeResource } from './template';

export interface ExpansionOption {
  group: CANodeGroup;
  template: Node;
  nodeCount: number;
  pods: Pod[];
  similar: CANodeGroup[];
}

type Filter = (options: ExpansionOption[]) => ExpansionOption[];

/** least-waste (waste.go): smallest (unused cpu fraction + unused memory fraction) of the new nodes. */
const leastWaste: Filter = (options) => {
  let best: ExpansionOption[] = [];
  let bestScore = 0;
  for (const o of options) {
    let cpu = 0;
    let mem = 0;
    for (const p of o.pods) {
      const r = containerRequests(p);
      cpu += r.milliCPU;
      mem += r.memory;
    }
    const availCPU = nodeResource(o.template, 'cpu', true) * o.nodeCount;
    const availMem = nodeResource(o.template, 'memory') * o.nodeCount;
    // Go float division: 0/0 is NaN (never equal, never smaller), x/0 is ±Inf.
    const score = (availCPU - cpu) / availCPU + (availMem - mem) / availMem;
    if (best.length && score === bestScore) best.push(o);
    if (best.length === 0 || score < bestScore) {
      bestScore = score;
      best = [o];
    }
  }
  return best;
};

/** most-pods (mostpods.go): the options that fit the most pods. */
const mostPods: Filter = (options) => {
  const max = Math.max(...options.map((o) => o.pods.length));
  return options.filter((o) => o.pods.length === max);
};

/** least-nodes (leastnodes.go): the options that add the fewest nodes. */
const leastNodes: Filter = (options) => {
  const min = Math.min(...options.map((o) => o.nodeCount));
  return options.filter((o) => o.nodeCount === min);
};

/**
 * priority (priority.go): the options of the highest priority; groups without one are not used; when
 * no option has a priority, nothing is filtered.
 */
const priority: Filter = (options) => {
  const withPrio = options.filter((o) => o.group.priority !== undefined);
  if (withPrio.length === 0) return options;
  const max = Math.max(...withPrio.map((o) => o.group.priority!));
  return withPrio.filter((o) => o.group.priority === max);
};

/**
 * price: simplified to the cheapest scale-up (price per node-hour x nodes) among the options with a price
 * (docs/deviations.md CA4: upstream also weighs a preferred node size and pod requests); without prices
 * nothing is filtered.
 */
const price: Filter = (options) => {
  const priced = options.filter((o) => o.group.price !== undefined);
  if (priced.length === 0) return options;
  const cost = (o: ExpansionOption) => o.group.price! * o.nodeCount;
  const min = Math.min(...priced.map(cost));
  return priced.filter((o) => cost(o) === min);
};

const FILTERS: Record<Exclude<CAExpander, 'random'>, Filter> = {
  'least-waste': leastWaste, 'most-pods': mostPods, 'least-nodes': leastNodes, priority, price,
};

export interface Choice {
  best?: ExpansionOption;
  /** When random decided among several: their node group names (the chosen one first). */
  tie?: string[];
}

/** random, deterministically: the first by node group name. */
function random(options: ExpansionOption[]): Choice {
  if (options.length === 0) return {};
  const sorted = [...options].sort((a, b) => (a.group.name < b.group.name ? -1 : a.group.name > b.group.name ? 1 : 0));
  return { best: sorted[0], tie: sorted.length > 1 ? sorted.map((o) => o.group.name) : undefined };
}

/** ExpanderStrategy.BestOption for the chain `expanders` (random alone when empty). */
export function bestOption(options: ExpansionOption[], expanders: readonly CAExpander[]): Choice {
  let left = options;
  for (const name of expanders) {
    if (name === 'random') return random(left); // random leaves one option: the chain ends here
    left = FILTERS[name](left);
    if (left.length === 1) return { best: left[0] };
    if (left.length === 0) return {};
  }
  return random(left);
}
