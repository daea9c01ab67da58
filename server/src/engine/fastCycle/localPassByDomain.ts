// The nodes of each domain of a label column that pass every node-local filter of one pod spec, kept
// by the fast cycle's node-local cache between cycles (filter.ts filterByDomain): a cycle lists its
// feasible nodes by copying the lists of the domains whose verdict passes instead of visiting their
// nodes. A domain's lists are rebuilt when one of its nodes starts or stops passing.

import type { LabelColumn, NodeInfo } from '../cluster';
import { columnMembers } from './columnMembers';

export interface DomainNodes {
  /** Positions in cluster.nodes, ascending. */
  readonly positions: Int32Array;
  readonly nodes: readonly NodeInfo[];
}

export class LocalPassByDomain {
  /** By domain id + 1 (0: the nodes lacking the key); undefined: to be built. */
  private readonly lists: (DomainNodes | undefined)[];

  constructor(readonly column: LabelColumn) {
    this.lists = new Array<DomainNodes | undefined>(column.domains.length + 1);
  }

  /** The node at `at` started or stopped passing the node-local filters. */
  flip(at: number): void {
    this.lists[this.column.ids[at] + 1] = undefined;
  }

  /** The passing nodes of domain `id` (-1: the nodes lacking the key); `passes(at)` is asked when the list is built. */
  of(id: number, nodes: readonly NodeInfo[], passes: (at: number) => boolean): DomainNodes {
    let list = this.lists[id + 1];
    if (!list) {
      const members = columnMembers(this.column);
      const all = id < 0 ? members.missing : members.byDomain[id];
      const positions = all.filter(passes);
      this.lists[id + 1] = list = { positions, nodes: Array.from(positions, (at) => nodes[at]) };
    }
    return list;
  }
}
