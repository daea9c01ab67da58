// PodDisruptionBudgets as preemption and eviction read them.
//
// disruptionsAllowed: the budget's status as the disruption controller keeps it
// (pkg/controller/disruption/disruption.go: getExpectedPodCount, countHealthyPods, updatePdbStatus);
// a fixture without status gets the value computed here from the fixture's pods:
//  - maxUnavailable (int or percent of the expected count, rounded up): desired = expected - max, >= 0;
//  - minAvailable int: desired = minAvailable, expected = the matching pods;
//  - minAvailable percent: desired = percent of expected, rounded up;
//  - allowed = healthy - desired, and 0 when negative or when nothing is expected.
// "Expected" is, upstream, the scale of the pods' controllers (getExpectedScale); kube-spread uses the
// number of matching pods, the same when the workload is fully up (docs/deviations.md). Healthy: not
// terminating and Ready (a fixture pod without conditions counts as Ready when Running or phase-less).
//
// filterPodsWithPDBViolation (pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go):
// walks the victims in order, taking one disruption from every budget of the victim's namespace whose
// selector matches it (nil or empty selector: none; a pod without labels: none); the victim violates
// when a budget goes below zero; a pod the budget lists in status.disruptedPods takes nothing.
// Stable: the two groups keep the input order.

import type { Pod, PodDisruptionBudget } from '../../api';
import type { PodInfo } from '../../cluster';
import { safeLabelSelectorAsSelector, type Selector } from '../../selectors';

export interface Budget {
  pdb: PodDisruptionBudget;
  namespace: string;
  /** The scheduler's view: nil or empty matches nothing (filterPodsWithPDBViolation). */
  selector: Selector;
  allowed: number;
}

/** GetScaledValueFromIntOrPercent with roundUp; undefined for a value the API would reject. */
export function scaledValue(v: number | string, total: number, roundUp: boolean): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return undefined; // "5" is not a percentage: the controller errors, no disruption allowed
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

function isReady(pod: Pod): boolean {
  const conditions = pod.status?.conditions;
  const ready = conditions?.find((c) => c?.type === 'Ready');
  if (ready) return ready.status === 'True';
  const phase = pod.status?.phase;
  return !phase || phase === 'Running';
}

/** The disruption controller's view of one budget over `pods` (every pod the fixture holds). */
export function computeDisruptionsAllowed(pdb: PodDisruptionBudget, pods: readonly Pod[]): number {
  const namespace = pdb.metadata?.namespace || 'default';
  // The controller lists pods with LabelSelectorAsSelector: {} is every pod of the namespace, nil none.
  const selector = safeLabelSelectorAsSelector(pdb.spec?.selector);
  const matching = pods.filter((p) => (p.metadata?.namespace || 'default') === namespace && selector.matches(p.metadata?.labels)
    && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const expected = matching.length;
  let desired = 0;
  const max = pdb.spec?.maxUnavailable;
  const min = pdb.spec?.minAvailable;
  if (max !== undefined && max !== null) {
    const m = scaledValue(max, expected, true);
    if (m === undefined) return 0;
    desired = Math.max(0, expected - m);
  } else if (min !== undefined && min !== null) {
    const m = scaledValue(min, expected, true);
    if (m === undefined) return 0;
    desired = m;
  }
  const healthy = matching.filter((p) => !p.metadata?.deletionTimestamp && isReady(p)).length;
  const allowed = healthy - desired;
  return expected <= 0 || allowed <= 0 ? 0 : allowed;
}

/** Every budget with its disruptionsAllowed (the status when the fixture has it, else computed). */
export function budgetsOf(pdbs: readonly PodDisruptionBudget[], pods: readonly Pod[]): Budget[] {
  return pdbs.filter((p) => !!p).map((pdb) => {
    const sel = pdb.spec?.selector;
    const empty = !sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);
    const status = pdb.status?.disruptionsAllowed;
    return {
      pdb,
      namespace: pdb.metadata?.namespace || 'default',
      selector: empty ? safeLabelSelectorAsSelector(null) : safeLabelSelectorAsSelector(sel),
      allowed: typeof status === 'number' && Number.isFinite(status) ? status : computeDisruptionsAllowed(pdb, pods),
    };
  });
}

/** filterPodsWithPDBViolation: [violating, nonViolating], each in input order. */
export function filterPodsWithPDBViolation<T extends PodInfo>(pods: readonly T[], budgets: readonly Budget[]): [T[], T[]] {
  const left = budgets.map((b) => b.allowed);
  const violating: T[] = [];
  const nonViolating: T[] = [];
  for (const p of pods) {
    let violated = false;
    if (Object.keys(p.labels).length > 0) {
      budgets.forEach((b, i) => {
        if (b.namespace !== p.namespace || !b.selector.matches(p.labels)) return;
        // A pod in status.disruptedPods was already taken off the budget by the API server's eviction:
        // counting it again would over-decrement (upstream skips it, so it is never "violating").
        if (Object.hasOwn(b.pdb.status?.disruptedPods ?? {}, p.name)) return;
        left[i]--;
        if (left[i] < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(p);
  }
  return [violating, nonViolating];
}
