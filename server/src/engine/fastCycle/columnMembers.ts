// The node positions of each domain of a label column, for loops that decide once per domain and
// then visit only the nodes of the domains that pass (the fast cycle's domain filter, filter.ts).

import type { LabelColumn } from '../cluster';

export interface ColumnMembers {
  /** By domain id: the positions of its nodes, ascending. */
  readonly byDomain: readonly Int32Array[];
  /** The positions of the nodes without the key (id -1), ascending. */
  readonly missing: Int32Array;
}

/** Built on first use per column; columns are shared by a cluster and its forks, so are these lists. */
const membersOf = new WeakMap<LabelColumn, ColumnMembers>();

export function columnMembers(column: LabelColumn): ColumnMembers {
  let m = membersOf.get(column);
  if (m) return m;
  const { ids, domains } = column;
  const sizes = new Int32Array(domains.length);
  for (let at = 0; at < ids.length; at++) if (ids[at] >= 0) sizes[ids[at]]++;
  const byDomain = Array.from(sizes, (size) => new Int32Array(size));
  const missing = new Int32Array(column.missing);
  const filled = new Int32Array(domains.length);
  let gaps = 0;
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at];
    if (id < 0) missing[gaps++] = at;
    else byDomain[id][filled[id]++] = at;
  }
  membersOf.set(column, (m = { byDomain, missing }));
  return m;
}
