// metav1 validation of label selectors and label maps (apimachinery pkg/apis/meta/v1/validation:
// ValidateLabelSelector, ValidateLabelSelectorRequirement, ValidateLabelName, ValidateLabels), plus
// the two things the apps validators need on top: the selector's JSON form for their messages and
// whether it matches a label set.

import { isQualifiedName, isValidLabelValue } from '../engine';
import { labelSelectorAsSelector } from '../engine';
import type { LabelSelector } from '../engine';
import { goJson, goJsonString, goString, makeIssue, type ApiIssue, type DocPath } from '../engine';
import type { Requirement, Selector } from './api-input';

/** ValidateLabelName: one Invalid per qualified-name message. `api` is where the API reports it. */
export function labelNameIssues(code: string, key: string, api: DocPath, doc?: DocPath): ApiIssue[] {
  return isQualifiedName(key).map((msg) => makeIssue({ code, type: 'Invalid', api, doc, value: goString(key), detail: msg }));
}

/**
 * ValidateLabels: the API reports every problem at the map's own path (not at the key), so the
 * document location adds the key to point the editor at the offending entry.
 */
export function labelsIssues(labels: Record<string, string>, api: DocPath, doc: DocPath, codePrefix: string): ApiIssue[] {
  const out: ApiIssue[] = [];
  for (const [k, v] of Object.entries(labels)) {
    out.push(...labelNameIssues(`${codePrefix}-key`, k, api, [...doc, k]));
    for (const msg of isValidLabelValue(v)) {
      out.push(makeIssue({ code: `${codePrefix}-value`, type: 'Invalid', api, doc: [...doc, k], value: goString(v), detail: msg }));
    }
  }
  return out;
}

function requirementIssues(r: Requirement, p: DocPath): ApiIssue[] {
  const out: ApiIssue[] = [];
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (r.values.length === 0) {
        out.push(makeIssue({ code: 'api/labelSelector-values-required', type: 'Required', api: [...p, 'values'], detail: "must be specified when `operator` is 'In' or 'NotIn'" }));
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (r.values.length > 0) {
        out.push(makeIssue({ code: 'api/labelSelector-values-forbidden', type: 'Forbidden', api: [...p, 'values'], detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" }));
      }
      break;
    default:
      // LabelSelectorOperator is a named string type: ErrorBody prints it through json.Marshal.
      out.push(makeIssue({ code: 'api/labelSelector-operator', type: 'Invalid', api: [...p, 'operator'], value: { text: goJsonString(r.operator), value: r.operator }, detail: 'not a valid selector operator' }));
  }
  out.push(...labelNameIssues('api/labelSelector-key', r.key, [...p, 'key']));
  r.values.forEach((v, i) => {
    for (const msg of isValidLabelValue(v)) {
      out.push(makeIssue({ code: 'api/labelSelector-value', type: 'Invalid', api: [...p, 'values', i], value: goString(v), detail: msg }));
    }
  });
  return out;
}

/** ValidateLabelSelector with AllowInvalidLabelValueInSelector=false (what TSC and apps selectors use). */
export function selectorIssues(sel: Selector | null, p: DocPath): ApiIssue[] {
  if (!sel) return [];
  const out = labelsIssues(sel.matchLabels ?? {}, [...p, 'matchLabels'], [...p, 'matchLabels'], 'api/labelSelector-matchLabels');
  (sel.expressions ?? []).forEach((r, i) => {
    if (r) out.push(...requirementIssues(r, [...p, 'matchExpressions', i]));
  });
  return out;
}

/** json.Marshal(*metav1.LabelSelector): struct field order, omitempty on both lists and on values. */
export function selectorJson(sel: Selector | null): string {
  if (!sel) return 'null';
  const parts: string[] = [];
  if (sel.matchLabels && Object.keys(sel.matchLabels).length > 0) parts.push(`"matchLabels":${goJson(sel.matchLabels)}`);
  const exprs = (sel.expressions ?? []).filter((e): e is Requirement => e !== undefined);
  if (exprs.length > 0) {
    const items = exprs.map((e) => {
      const vals = e.values.length > 0 ? `,"values":${goJson(e.values)}` : '';
      return `{"key":${goJsonString(e.key)},"operator":${goJsonString(e.operator)}${vals}}`;
    });
    parts.push(`"matchExpressions":[${items.join(',')}]`);
  }
  return `{${parts.join(',')}}`;
}

export function toEngineSelector(sel: Selector): LabelSelector {
  return {
    matchLabels: sel.matchLabels,
    matchExpressions: (sel.expressions ?? []).filter((e): e is Requirement => e !== undefined),
  };
}

/**
 * metav1.LabelSelectorAsSelector then Matches: nil matches nothing, {} matches everything. Returns
 * undefined when the selector does not convert (the API server then reports it instead of matching).
 */
export function selectorMatches(sel: Selector | null, labels: Record<string, string>): boolean | undefined {
  if (!sel) return false;
  try {
    return labelSelectorAsSelector(toEngineSelector(sel)).matches(labels);
  } catch {
    return undefined;
  }
}
