// Resource limits for untrusted input (kubeSpread.limits.* in the editor). Past a limit the user gets
// one clear finding and the rest of the file is still checked where it can be; nothing hangs.

export interface Limits {
  /** Longest file checked, in characters; longer files get one yaml/too-large finding. */
  maxTextLength: number;
  /** Deepest nesting parsed; deeper files get one yaml/too-deep finding. */
  maxDepth: number;
  /** Aliases expanded per document; more is an alias bomb (yaml/alias-limit) and that document is skipped. */
  maxAliasCount: number;
  /** Replicas simulated per workload; more get one spread/replicas-limit finding and the first N are simulated. */
  maxReplicas: number;
  /** Workloads check simulates together as a release on every change; more are checked one by one (spread/release-not-simulated). */
  releaseWorkloads: number;
  /** Pods x nodes check simulates together as a release on every change; more: checked one by one (spread/release-not-simulated). */
  releasePodNodes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxTextLength: 5_000_000, maxDepth: 200, maxAliasCount: 100, maxReplicas: 1_000, releaseWorkloads: 30, releasePodNodes: 25_000,
};

/** Hard ceilings a setting cannot raise a limit past (beyond them the process runs out of memory or time). */
export const MAX_LIMITS: Limits = {
  maxTextLength: 50_000_000, maxDepth: 1_000, maxAliasCount: 10_000, maxReplicas: 20_000, releaseWorkloads: 1_000, releasePodNodes: 50_000_000,
};

/** Whatever the user configured, as safe limits: integers >= 1, at most MAX_LIMITS, defaults for anything else. */
export function normalizeLimits(raw: unknown): Limits {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const out = { ...DEFAULT_LIMITS };
  for (const k of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const v = r[k];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 1) out[k] = Math.min(Math.floor(v), MAX_LIMITS[k]);
  }
  return out;
}
