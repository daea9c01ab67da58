// lint/ findings: likely mistakes the API server accepts (spread-semantics.md §8), plus the spread/
// findings that need the cluster fixture but not a simulation (topology keys, tainted domains).
// Rules live in lint/*.ts by theme; each finding has a stable code (documented in codes.ts and
// docs/codes.md), the range of the field that is wrong, and `data` for a quick fix where one
// clear fix exists. Nothing here repeats what the api/ layer (apiIssues) or spread/pending reports.

import type { ManifestDocument } from '../../k8s/manifest';
import type { Workload } from '../../k8s/workloads';
import type { ApiIssue } from '../../validation/api';
import type { Finding } from '../../base/finding';
import type { AnalysisContext } from '../context';
import { constraintRules } from './constraints';
import { makeInput } from './input';
import { matchLabelKeysRules } from './matchLabelKeys';
import { selectorRules } from './selector';
import { topologyRules } from './topology';
import { volumeRules } from './volumes';
import { workloadRules } from './workload';
import type { WorkloadSpec } from '../workload';

export function lintFindings(ctx: AnalysisContext, doc: ManifestDocument, w: WorkloadSpec, workload: Workload, api: ApiIssue[]): Finding[] {
  try {
    const input = makeInput(ctx, doc, w, workload, api);
    const out = workloadRules(input);
    // A pod bound by spec.nodeName never meets the scheduler; one finding says so, nothing else applies.
    if (out.some((f) => f.code === 'lint/nodeName-set')) return out;
    out.push(...volumeRules(input));
    const daemon = w.kind === 'DaemonSet';
    /** Codes already reported per {topologyKey, whenUnsatisfiable}: a duplicated constraint (api/constraint-duplicate) gets each rule once. */
    const reported = new Map<string, Set<string>>();
    for (const lc of input.constraints) {
      const own = [...selectorRules(input, lc), ...matchLabelKeysRules(input, lc)];
      // lint/daemonset-constraints covers every constraint of a DaemonSet
      if (!daemon) own.push(...constraintRules(input, lc), ...topologyRules(input, lc));
      const key = lc.c.topologyKey !== undefined && lc.c.when !== undefined ? `${lc.c.topologyKey}\u0000${lc.c.when}` : undefined;
      const seen = key === undefined ? new Set<string>() : reported.get(key) ?? new Set<string>();
      if (key !== undefined) reported.set(key, seen);
      const kept = withoutNoise(own).filter((f) => !seen.has(f.code));
      out.push(...kept);
      for (const f of kept) seen.add(f.code);
    }
    return out;
  } catch (e) {
    // A linter must never take the server or the CLI down on odd input.
    return [{ code: 'lint/internal-error', severity: 'information', message: `lint rules skipped: ${(e as Error).message}`, range: doc.range, document: doc.index }];
  }
}

/** One constraint's findings: a constraint lint/constraint-redundant says to delete gets no hints about its details. */
function withoutNoise(fs: Finding[]): Finding[] {
  if (!fs.some((f) => f.code === 'lint/constraint-redundant')) return fs;
  return fs.filter((f) => f.code === 'lint/constraint-redundant' || f.severity !== 'hint');
}
