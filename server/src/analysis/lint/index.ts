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
import { workloadRules } from './workload';
import type { WorkloadSpec } from '../workload';

export function lintFindings(ctx: AnalysisContext, doc: ManifestDocument, w: WorkloadSpec, workload: Workload, api: ApiIssue[]): Finding[] {
  try {
    const input = makeInput(ctx, doc, w, workload, api);
    const out = workloadRules(input);
    // A pod bound by spec.nodeName never meets the scheduler; one finding says so, nothing else applies.
    if (out.some((f) => f.code === 'lint/nodeName-set')) return out;
    const daemon = w.kind === 'DaemonSet';
    for (const lc of input.constraints) {
      out.push(...selectorRules(input, lc));
      out.push(...matchLabelKeysRules(input, lc));
      if (daemon) continue; // lint/daemonset-constraints covers every constraint of a DaemonSet
      out.push(...constraintRules(input, lc));
      out.push(...topologyRules(input, lc));
    }
    return out;
  } catch (e) {
    // A linter must never take the server or the CLI down on odd input.
    return [{ code: 'lint/internal-error', severity: 'information', message: `lint rules skipped: ${(e as Error).message}`, range: doc.range, document: doc.index }];
  }
}
