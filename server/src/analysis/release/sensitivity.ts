// Order sensitivity: the release simulated in other plausible creation orders (order.ts), compared
// workload by workload with the default order. An outcome differs when the number of Pending
// replicas differs, when one of the workload's own constraints has its skew within maxSkew in one
// order and beyond it in the other, or when the split over a DoNotSchedule constraint's domains
// differs in shape (the per-domain counts, sorted: 3/3/0 against 2/2/2). Which domain gets the odd
// replica is a tie broken by node name, not a race, so 2/2/1 and 1/2/2 are the same split.

import { ORDER_NAMES, type ReleaseOrder } from './order';
import type { ReleaseRun } from './simulate';

export interface OrderChange {
  /** Index of the workload in the release. */
  workload: number;
  /** The order whose outcome differs from the default one. */
  order: ReleaseOrder;
  /** What differs from the default order, in words ("4 Pending instead of 0"). */
  changes: string[];
}

export interface Sensitivity {
  /** At least one workload's outcome depends on the order. */
  sensitive: boolean;
  changes: OrderChange[];
  /** The orders simulated besides the default one. */
  compared: ReleaseOrder[];
}

/** "3/3/0": a workload's replicas per domain, most first. */
function splitOf(dist: Record<string, number>): string {
  return Object.values(dist).sort((a, b) => b - a).join('/');
}

function changesBetween(base: ReleaseRun, alt: ReleaseRun, k: number): string[] {
  const a = base.results[k];
  const b = alt.results[k];
  const out: string[] = [];
  if (a.pending.length !== b.pending.length) out.push(`${b.pending.length} Pending instead of ${a.pending.length}`);
  // The workload's own constraints: the scheduler's default soft spreading says little about a race.
  const own = a.constraints.filter((c) => c.source === 'pod');
  for (const c of own) {
    const sa = a.skew[c.topologyKey];
    const sb = b.skew[c.topologyKey];
    if (sa === undefined || sb === undefined || (sa > c.maxSkew) === (sb > c.maxSkew)) continue;
    out.push(`skew ${sb} on ${c.topologyKey} instead of ${sa} (maxSkew ${c.maxSkew})`);
  }
  // The split of a hard constraint that counts the workload's own pods. A soft constraint's split moves with
  // every score (what matters of it is whether it ends beyond maxSkew, above); one that counts other pods
  // only (or none) says nothing about how this workload is spread.
  const labels = base.podFor[k](0)?.metadata?.labels ?? {};
  const spreading = own.filter((c) => c.whenUnsatisfiable === 'DoNotSchedule' && c.selector.matches(labels));
  for (const key of new Set(spreading.map((c) => c.topologyKey))) {
    const da = a.distribution[key];
    const db = b.distribution[key];
    if (!da || !db || splitOf(da) === splitOf(db)) continue;
    out.push(`${key} split ${splitOf(db)} instead of ${splitOf(da)}`);
  }
  return out;
}

/** "created in reverse document order: 3 Pending instead of 0; ...": one workload's changes, order by order. */
export function describeChanges(changes: readonly OrderChange[]): string {
  return changes.map((c) => `created in ${ORDER_NAMES[c.order]}: ${c.changes.join(', ')}`).join('; ');
}

/** Compares every alternative run with the default one (`runs[0]`). */
export function orderSensitivity(runs: readonly ReleaseRun[]): Sensitivity {
  const [base, ...alternatives] = runs;
  const changes: OrderChange[] = [];
  for (const alt of alternatives) {
    base.results.forEach((_, k) => {
      const c = changesBetween(base, alt, k);
      if (c.length) changes.push({ workload: k, order: alt.order, changes: c });
    });
  }
  return { sensitive: changes.length > 0, changes, compared: alternatives.map((r) => r.order) };
}
