// What every lint rule reads: the document, the workload, the decoded constraints, the pod the
// controller would create, the API issues already reported, and a helper that builds a finding at
// the exact source range of a field. Rules never re-report what the api/ layer says.

import type { Labels, LabelSelector, Pod } from '../../engine';
import type { ManifestDocument, PathSegment, RangePart } from '../../k8s/manifest';
import type { Workload } from '../../k8s/workloads';
import type { ApiIssue } from '../../validation/api';
import { isObj, type Obj, type Requirement, type Selector } from '../../validation/api-input';
import { selectorMatches } from '../../validation/api-selector';
import { mergeSelector, readConstraints, type Constraint } from '../../validation/api-tsc';
import type { Finding, Severity } from '../../base/finding';
import type { AnalysisContext } from '../context';
import type { WorkloadSpec } from '../workload';
import { formatFieldPath as dotted } from '../../engine';

export interface LintConstraint {
  index: number;
  c: Constraint;
  raw: Obj;
  /** Document path of this entry. */
  path: PathSegment[];
}

export interface LintInput {
  ctx: AnalysisContext;
  doc: ManifestDocument;
  w: WorkloadSpec;
  workload: Workload;
  api: ApiIssue[];
  /** The raw pod spec (template spec for workloads). */
  spec: Obj;
  /** Replica 0 as its controller creates it (template labels + controller-added labels). */
  pod: Pod;
  podLabels: Labels;
  /** topologySpreadConstraints as decoded; entries that are not objects are skipped. */
  constraints: LintConstraint[];
  /** Document path of `topologySpreadConstraints`. */
  tscPath: PathSegment[];
  /** MatchLabelKeysInPodTopologySpread: without it the scheduler ignores matchLabelKeys. */
  mlkGate: boolean;
}

export function makeInput(ctx: AnalysisContext, doc: ManifestDocument, w: WorkloadSpec, workload: Workload, api: ApiIssue[]): LintInput {
  let spec: Obj = {};
  let cur: unknown = doc.value;
  for (const seg of workload.podSpecPath) cur = isObj(cur) ? cur[seg as string] : undefined;
  if (isObj(cur)) spec = cur;
  const tscPath = [...workload.podSpecPath, 'topologySpreadConstraints'];
  const list = Array.isArray(spec.topologySpreadConstraints) ? spec.topologySpreadConstraints : [];
  const constraints = readConstraints(spec).map(({ index, c }) => ({ index, c, raw: list[index] as Obj, path: [...tscPath, index] }));
  const pod = w.podFor(0);
  return {
    ctx, doc, w, workload, api, spec, pod,
    podLabels: pod.metadata.labels ?? {},
    constraints,
    tscPath,
    mlkGate: ctx.env.gates.MatchLabelKeysInPodTopologySpread !== false,
  };
}

/** `spec.template.spec.topologySpreadConstraints[0].maxSkew`: the API server's notation. */
/** The API server's field-path notation (spec.template.spec.topologySpreadConstraints[0].maxSkew). */
export { dotted };

export function finding(input: LintInput, code: string, severity: Severity, message: string, path: PathSegment[], part: RangePart, data?: Record<string, unknown>): Finding {
  const f: Finding = {
    code,
    severity,
    message,
    path: dotted(path),
    range: input.doc.rangeOf(path, part) ?? input.doc.range,
    document: input.doc.index,
  };
  if (data) f.data = data;
  return f;
}

function startsWith(path: readonly (string | number)[], prefix: readonly PathSegment[]): boolean {
  if (path.length < prefix.length) return false;
  return prefix.every((s, i) => path[i] === s);
}

/** Whether the api/ layer reported something at or below `prefix` (optionally only these codes). */
export function apiReported(input: LintInput, prefix: PathSegment[], codes?: string[]): boolean {
  return input.api.some((i) => startsWith(i.path, prefix) && (!codes || codes.includes(i.code)));
}

/** matchLabelKeys as strings (wrong-typed entries dropped). */
export function keysOf(c: Constraint): string[] {
  return (c.matchLabelKeys ?? []).filter((k): k is string => typeof k === 'string');
}

export function selectorSize(s: Selector): number {
  return Object.keys(s.matchLabels ?? {}).length + (s.expressions ?? []).length;
}

/** The selector the scheduler uses: labelSelector AND `key In [own value]` for each matchLabelKeys key the pod carries. */
export function effectiveSelector(input: LintInput, c: Constraint): Selector | null | undefined {
  if (c.selector === undefined || c.selector === null) return c.selector;
  return input.mlkGate ? mergeSelector(keysOf(c), c.selector, input.podLabels) : c.selector;
}

/** Whether a decoded selector matches `labels`; undefined when it would not convert. */
export function matches(sel: Selector | null, labels: Labels): boolean | undefined {
  return selectorMatches(sel, labels);
}

export function toLabelSelector(sel: Selector): LabelSelector {
  return { matchLabels: sel.matchLabels ?? undefined, matchExpressions: (sel.expressions ?? []).filter((e): e is Requirement => e !== undefined) };
}

export function renderLabels(l: Labels): string {
  const e = Object.entries(l);
  return e.length ? e.map(([k, v]) => `${k}=${v}`).join(', ') : 'none';
}

export function renderRequirement(r: Requirement): string {
  switch (r.operator) {
    case 'Exists': return `${r.key} exists`;
    case 'DoesNotExist': return `${r.key} does not exist`;
    default: return `${r.key} ${r.operator} (${r.values.join(', ')})`;
  }
}

/** What a `set-selector` quick fix should write: the workload's own selector, else the template labels. */
export function suggestedMatchLabels(input: LintInput): Labels | undefined {
  const own = input.w.labels;
  const sel = input.workload.selector;
  const ml = sel?.matchLabels ?? {};
  const usable = Object.keys(ml).length > 0 && (sel?.matchExpressions ?? []).length === 0 && Object.entries(ml).every(([k, v]) => own[k] === v);
  if (usable && input.workload.kind !== 'Job' && input.workload.kind !== 'CronJob') return { ...ml };
  return Object.keys(own).length > 0 ? { ...own } : undefined;
}

/** The replica count the manifest writes out (spec.replicas, a Job's parallelism); undefined when a default or an autoscaler decides. */
export function statedReplicas(input: LintInput): number | undefined {
  const kind = input.w.kind;
  if (kind === 'Pod' || kind === 'DaemonSet') return undefined;
  const field = kind === 'Job' || kind === 'CronJob' ? 'parallelism' : 'replicas';
  const spec = kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec'] : ['spec'];
  return input.doc.has([...spec, field]) ? input.w.replicas : undefined;
}

/** A bare Pod, or `replicas: 1` written out: a single pod cannot be skewed against its siblings. */
export function singleReplica(input: LintInput): boolean {
  return input.w.kind === 'Pod' || statedReplicas(input) === 1;
}

/** Note appended to fixture-dependent messages. */
export function onSample(input: LintInput): string {
  return input.ctx.fixture.embedded ? ' (computed on the embedded sample cluster; pass --cluster for yours)' : '';
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
