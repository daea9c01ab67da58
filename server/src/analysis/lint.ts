// lint/ findings: likely mistakes the API server accepts (semantics doc §8).
// PLACEHOLDER: the rules are being written; until then this layer reports nothing.

import type { ManifestDocument } from '../k8s/manifest';
import type { Workload } from '../k8s/workloads';
import type { ApiIssue } from '../validation/api';
import type { Finding } from '../validation/findings';
import type { AnalysisContext } from './context';
import type { WorkloadSpec } from './workload';

export function lintFindings(_ctx: AnalysisContext, _doc: ManifestDocument, _w: WorkloadSpec, _workload: Workload, _api: ApiIssue[]): Finding[] {
  return [];
}
