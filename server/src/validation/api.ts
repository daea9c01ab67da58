// The API server's validation rules that touch spreading, with the API server's own field paths
// and messages (docs/spread-semantics.md §1.3-§1.4, re-checked against current upstream
// validateTopologySpreadConstraints, pkg/api/pod/util.go, pod strategy's PrepareForCreate and
// pkg/apis/apps/validation).
//
// Never throws: input is whatever the YAML parser produced. Fields of the wrong type are skipped
// (the schema layer reports them); absent fields are validated as Go's zero value, as the API does.

import { defaultGates } from '../engine';
import type { Finding, Range } from '../base/finding';
import { formatFieldPath, goString, makeIssue, type ApiIssue, type DocPath } from '../engine';
import { get, type Obj } from './api-input';
import { labelsIssues } from './api-selector';
import { mergeSelector, oldViolations, preferredOverlaps, readConstraints, tscIssues, type Constraint, type TscOptions } from './api-tsc';
import { podSource, selectorRules, templateLabels, type PodSource } from './api-workload';

export type { ApiIssue } from '../engine';

export interface ApiValidationOptions {
  /** Kubernetes 1.<minor>. */
  minor: number;
  /** Feature-gate overrides, e.g. MatchLabelKeysInPodTopologySpreadSelectorMerge; unset gates take the version's default. */
  gates: Record<string, boolean>;
  /** The stored object this one replaces (update). Enables the API server's ratcheting; absent = create. */
  old?: unknown;
}

const MERGE_GATE = 'MatchLabelKeysInPodTopologySpreadSelectorMerge';
const MLK_GATE = 'MatchLabelKeysInPodTopologySpread';
const POLICY_GATE = 'NodeInclusionPolicyInPodTopologySpread';
const MIN_DOMAINS_GATE = 'MinDomainsInPodTopologySpread';

function gate(opts: ApiValidationOptions, name: string): boolean {
  const v = opts.gates?.[name];
  return typeof v === 'boolean' ? v : (defaultGates(opts.minor)[name] ?? false);
}

/** The constraint fields a disabled feature gate makes the API server drop (all nullable). */
type DroppableField = 'matchLabelKeys' | 'minDomains' | 'nodeAffinityPolicy' | 'nodeTaintsPolicy';

/**
 * dropDisabledFields: a disabled gate makes the API server silently drop its field on create (and
 * on update unless the old object already used it). Not an API error, so kube-spread words it.
 */
function dropDisabled(cs: { index: number; c: Constraint }[], old: { index: number; c: Constraint }[], specPath: (string | number)[], opts: ApiValidationOptions): ApiIssue[] {
  const out: ApiIssue[] = [];
  const drops: { gate: string; on: boolean; fields: DroppableField[]; inUse: boolean }[] = [
    { gate: MLK_GATE, on: gate(opts, MLK_GATE), fields: ['matchLabelKeys'], inUse: old.some((o) => (o.c.matchLabelKeys ?? []).length > 0) },
    // The minDomains gate went away in 1.32 (always on); before that it could drop the field.
    { gate: MIN_DOMAINS_GATE, on: opts.minor >= 32 || gate(opts, MIN_DOMAINS_GATE), fields: ['minDomains'], inUse: old.some((o) => o.c.minDomains !== null) },
    { gate: POLICY_GATE, on: gate(opts, POLICY_GATE), fields: ['nodeAffinityPolicy', 'nodeTaintsPolicy'], inUse: old.some((o) => o.c.nodeAffinityPolicy !== null || o.c.nodeTaintsPolicy !== null) },
  ];
  for (const d of drops) {
    if (d.on || d.inUse) continue;
    for (const { index, c } of cs) {
      for (const f of d.fields) {
        const v = c[f];
        if (v === null || (Array.isArray(v) && v.length === 0)) continue;
        c[f] = null;
        const p = [...specPath, 'topologySpreadConstraints', index, f];
        const code = f === 'nodeAffinityPolicy' || f === 'nodeTaintsPolicy' ? 'api/nodeInclusionPolicy-dropped' : `api/${f}-dropped`;
        const issue = makeIssue({ code, type: 'Forbidden', api: p, severity: 'warning', detail: `dropped: feature gate ${d.gate} is disabled` });
        issue.message = `${formatFieldPath(p)}: the API server drops this field without an error because feature gate ${d.gate} is disabled in 1.${opts.minor}`;
        // The explanation is what users read (check.ts prefers it): keep the field, gate and version in it.
        issue.explanation = `${issue.message}. Not an API error: the field is silently removed, so it has no effect.`;
        out.push(issue);
      }
    }
  }
  return out;
}

/**
 * With the 1.34+ merge, a template is validated unmerged (accepted) but every Pod made from it is
 * merged with its labels first, so an overlap that only the merge reveals rejects each Pod (the
 * controller reports FailedCreate). Reported at the template's matchLabelKeys entry, with the Pod's text.
 */
function podCreateOverlaps(cs: { index: number; c: Constraint }[], src: PodSource, labels: Record<string, string>): ApiIssue[] {
  const podLabels: Record<string, string> = { ...labels };
  for (const k of src.controllerLabels) if (!(k in podLabels)) podLabels[k] = 'x';
  const out: ApiIssue[] = [];
  for (const { index, c } of cs) {
    const keys = c.matchLabelKeys;
    if (!keys || keys.length === 0 || !c.selector) continue;
    const before = new Set(preferredOverlaps(keys, c.selector).map((h) => `${h.index}`));
    const merged = mergeSelector(keys, c.selector, podLabels);
    if (!merged) continue;
    const seen = new Set<string>();
    for (const h of preferredOverlaps(keys, merged)) {
      if (before.has(`${h.index}`) || seen.has(`${h.index}`)) continue;
      seen.add(`${h.index}`);
      const issue = makeIssue({
        code: 'api/matchLabelKeys-overlap-on-pod-create',
        type: 'Invalid',
        api: ['spec', 'topologySpreadConstraints', index, h.index],
        doc: [...src.specPath, 'topologySpreadConstraints', index, 'matchLabelKeys', h.index],
        value: goString(h.key),
        detail: 'exists in both matchLabelKeys and labelSelector',
      });
      issue.explanation = `The ${src.kind} is accepted, but every Pod created from it is rejected: since 1.34 the API server merges matchLabelKeys into labelSelector when a Pod is created, and "${h.key}" is already in labelSelector. Remove it from one of the two.`;
      out.push(issue);
    }
  }
  return out;
}

function dedupe(issues: ApiIssue[]): ApiIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.code}\u0000${i.message}\u0000${JSON.stringify(i.path)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function validate(obj: Obj, opts: ApiValidationOptions): ApiIssue[] {
  const src = podSource(obj.kind);
  if (!src) return [];
  const labels = templateLabels(obj, src);
  const out: ApiIssue[] = [];

  const sel = selectorRules(src.kind, obj, labels ?? null);
  out.push(...(labels === undefined ? sel.issues.filter((i) => i.code !== 'api/selector-mismatch') : sel.issues));
  if (!sel.validateTemplate) return out;

  if (labels) out.push(...labelsIssues(labels, src.labelsApiPath, src.labelsDocPath, 'api/labels'));

  const spec = get(obj, ...(src.specPath as string[]));
  const cs = readConstraints(spec);
  const isUpdate = opts.old !== undefined && opts.old !== null;
  const old = isUpdate ? readConstraints(get(opts.old, ...(src.specPath as string[]))) : [];
  out.push(...dropDisabled(cs, old, src.specPath, opts));

  const mlkGate = gate(opts, MLK_GATE);
  // The merge gate only exists from 1.34; before that the legacy rule is all there is.
  const mergeGate = opts.minor >= 34 && gate(opts, MERGE_GATE);
  const ov = isUpdate ? oldViolations(old) : { preferred: false, legacy: false, selector: false };
  const o: TscOptions = {
    matchLabelKeysGate: mlkGate,
    mergeGate,
    oldViolatesPreferred: mergeGate && ov.preferred,
    oldViolatesLegacy: !mergeGate && ov.legacy,
    allowInvalidSelector: ov.selector,
    // PrepareForCreate merges only for Pods, only on create, and only with both gates on.
    mergeLabels: src.isPod && !isUpdate && mlkGate && mergeGate ? (labels ?? {}) : null,
  };
  out.push(...tscIssues(cs, src.specPath, o));
  if (!src.isPod && src.kind !== 'PodTemplate' && mlkGate && mergeGate) out.push(...podCreateOverlaps(cs, src, labels ?? {}));
  return dedupe(out);
}

export function validateWorkloadApi(obj: unknown, opts: ApiValidationOptions): ApiIssue[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return [];
  try {
    return validate(obj as Obj, opts ?? { minor: 36, gates: {} });
  } catch {
    // Defensive only: every reader above is total. A linter must never take the server down.
    return [];
  }
}

/**
 * topologySpreadConstraints lists outside the pod spec validateWorkloadApi reads: custom resources
 * that embed pod specs in places of their own (a Strimzi Kafka, an Argo Rollout), or a list in the
 * wrong place. Each gets the same per-constraint rules as a pod's, at its own path. The kind's own
 * pod spec (already validated) is left out. Gate-dropped fields and the Pod-create merge are not
 * modelled: the controller that creates the Pods is not known.
 */
export function validateEmbeddedConstraints(kind: unknown, lists: readonly { path: DocPath; list: readonly unknown[] }[], opts: ApiValidationOptions): ApiIssue[] {
  const src = podSource(kind);
  const own = src ? formatFieldPath([...src.specPath, 'topologySpreadConstraints']) : undefined;
  const mergeGate = opts.minor >= 34 && gate(opts, MERGE_GATE);
  const o: TscOptions = {
    matchLabelKeysGate: gate(opts, MLK_GATE), mergeGate,
    oldViolatesPreferred: false, oldViolatesLegacy: false, allowInvalidSelector: false, mergeLabels: null,
  };
  const out: ApiIssue[] = [];
  for (const { path, list } of lists) {
    if (formatFieldPath(path) === own) continue;
    try {
      out.push(...tscIssues(readConstraints({ topologySpreadConstraints: list }), path.slice(0, -1), o));
    } catch {
      // Defensive only, as in validateWorkloadApi.
    }
  }
  return dedupe(out);
}

/**
 * A Finding for the editor/CLI. The API server's text is always kept (in the message, and verbatim
 * in data.apiMessage); kube-spread's explanation leads where the API text alone would mislead.
 */
export function apiIssueToFinding(issue: ApiIssue, range: Range, document?: number): Finding {
  const f: Finding = {
    code: issue.code,
    severity: issue.severity,
    message: issue.explanation ? `${issue.explanation} API server: ${issue.message}` : issue.message,
    path: issue.fieldPath,
    range,
    data: { apiMessage: issue.message, type: issue.type, fieldPath: issue.fieldPath, path: issue.path, badValue: issue.badValue },
  };
  if (document !== undefined) f.document = document;
  return f;
}
