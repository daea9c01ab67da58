// The whole release analysis: the release placed in its default creation order, the same release in
// the other plausible orders (sensitivity.ts), and who blocks each Pending replica (attribution.ts).
// The JSON (json.ts), the text (text.ts) and check's findings (findings.ts) all read this.

import { initialQueueOrder } from '../../engine';
import type { AnalysisContext } from '../context';
import { type Attribution, attributePending } from './attribution';
import type { ReleaseWorkload } from './members';
import { creationOrder, RELEASE_ORDERS, type ReleaseOrder } from './order';
import { orderSensitivity, type Sensitivity } from './sensitivity';
import { type ReleaseRun, simulateRelease } from './simulate';

export interface ReleaseAnalysis {
  workloads: readonly ReleaseWorkload[];
  /** The release in its default (or requested) order: the outcome reported. */
  run: ReleaseRun;
  /** The same release in the other orders, for sensitivity only (the reported run itself where the queue order is the same). */
  alternatives: ReleaseRun[];
  attribution: Attribution;
  sensitivity: Sensitivity;
}

export interface AnalyzeOptions {
  /** The order reported (default: document order). */
  order?: ReleaseOrder;
  /** Orders compared with it (default: every other order). */
  compare?: readonly ReleaseOrder[];
  /** Replicas instead of the manifest's, by workload index. */
  replicas?: ReadonlyMap<number, number>;
}

export function analyzeRelease(ctx: AnalysisContext, workloads: readonly ReleaseWorkload[], opts: AnalyzeOptions = {}): ReleaseAnalysis {
  const order = opts.order ?? 'document';
  const compare = opts.compare ?? RELEASE_ORDERS.filter((o) => o !== order);
  const run = simulateRelease(ctx, workloads, order, { replicas: opts.replicas });
  // An order whose pods reach the scheduling queue in the same order as the reported one's gives the
  // same run (engine initialQueueOrder): its outcome is the reported one, not simulated again.
  const shape = workloads.map((w, k) => ({ replicas: run.replicas[k], orderedReady: w.spec.orderedReady, priority: w.priority }));
  const queued = (o: ReleaseOrder) => initialQueueOrder(shape, creationOrder(o, run.replicas)).join(',');
  const reported = queued(order);
  const alternatives = compare.filter((o) => o !== order).map((o) => (queued(o) === reported ? { ...run, order: o } : simulateRelease(ctx, workloads, o, { replicas: opts.replicas, outcomeOnly: true })));
  return { workloads, run, alternatives, attribution: attributePending(ctx, run), sensitivity: orderSensitivity([run, ...alternatives]) };
}
