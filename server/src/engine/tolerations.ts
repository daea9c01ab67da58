// Taint / toleration matching (k8s.io/api core/v1 toleration.go ToleratesTaint, and
// component-helpers FindMatchingUntoleratedTaint).

import type { Taint, Toleration } from './api';

export interface TolerationOptions {
  /** Feature gate TaintTolerationComparisonOperators (alpha 1.35, off): Lt/Gt operators. */
  comparisonOperators?: boolean;
}

function parseInt64(s: string | undefined): number | undefined {
  if (s === undefined || !/^[+-]?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function toleratesTaint(t: Toleration, taint: Taint, opts: TolerationOptions = {}): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator ?? '';
  switch (op) {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    case 'Lt':
    case 'Gt': {
      if (!opts.comparisonOperators) return false;
      const tv = parseInt64(t.value);
      const xv = parseInt64(taint.value);
      if (tv === undefined || xv === undefined) return false;
      return op === 'Lt' ? xv < tv : xv > tv;
    }
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | null | undefined, taint: Taint, opts?: TolerationOptions): boolean {
  for (const t of tolerations ?? []) if (t && toleratesTaint(t, taint, opts)) return true;
  return false;
}

/** Effects the filter and PodTopologySpread's nodeTaintsPolicy look at. */
export const isDoNotScheduleTaint = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** The first taint passing `filter` that no toleration matches, or undefined. */
export function findUntoleratedTaint(
  taints: readonly Taint[] | null | undefined,
  tolerations: readonly Toleration[] | null | undefined,
  filter: (t: Taint) => boolean,
  opts?: TolerationOptions,
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!taint || !filter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint, opts)) return taint;
  }
  return undefined;
}
