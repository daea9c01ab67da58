// Which pods a constraint counts (spread-semantics.md §2.1-§2.4, §8 L1-L3, L20): a selector that
// misses the pod itself, a missing one, an empty one, and one built only from negative operators.

import type { Finding } from '../../base/finding';
import type { Requirement, Selector } from '../../validation/api-input';
import type { Constraint } from '../../validation/api-tsc';
import {
  apiReported, effectiveSelector, finding, keysOf, matches, renderLabels, renderRequirement, selectorSize, suggestedMatchLabels,
  type LintConstraint, type LintInput,
} from './input';

const POSITIVE = new Set(['In', 'Exists']);

export function selectorRules(input: LintInput, lc: LintConstraint): Finding[] {
  const { c, path } = lc;
  const selPath = [...path, 'labelSelector'];
  // The api/ layer owns broken selectors and the matchLabelKeys rules (V9-V17).
  if (apiReported(input, selPath) || apiReported(input, [...path, 'matchLabelKeys'])) return [];
  if (c.selector === undefined || c.selector?.partial) return [];
  const fix = suggestedMatchLabels(input);
  const fixData = fix ? { fix: 'set-selector', matchLabels: fix } : undefined;

  if (c.selector === null) {
    if (keysOf(c).length > 0) return []; // V9, api/matchLabelKeys-without-selector
    return [finding(input, 'lint/selector-missing', 'error',
      `labelSelector is missing, so this constraint counts no pods and never spreads them; ${keyOnlyEffect(c)}` +
      (fix ? `. Add labelSelector.matchLabels: {${renderLabels(fix)}}` : ''),
      path, 'key', fixData)];
  }

  if (selectorSize(c.selector) === 0) {
    const usable = input.mlkGate && keysOf(c).some((k) => Object.prototype.hasOwnProperty.call(input.podLabels, k));
    if (usable) return [];
    if (input.ctx.env.minor < 37) {
      return [finding(input, 'lint/selector-empty', 'error',
        `labelSelector: {} counts no pods in Kubernetes 1.${input.ctx.env.minor} (kube-scheduler treats an empty selector as matching nothing up to 1.36, kubernetes/kubernetes#141339), so this constraint never spreads pods; ${keyOnlyEffect(c)}. From 1.37 it counts every pod in the namespace`,
        selPath, 'value', fixData)];
    }
    return [finding(input, 'lint/selector-empty', 'warning',
      `labelSelector: {} counts every pod in namespace ${input.w.namespace} (from Kubernetes 1.37), not only this workload's pods; up to 1.36 it counted none`,
      selPath, 'value', fixData)];
  }

  const eff = effectiveSelector(input, c) as Selector;
  const self = matches(eff, input.podLabels);
  if (self === false) {
    const miss = firstMiss(c.selector, input.podLabels);
    const what = miss ? miss.text : 'labelSelector';
    return [finding(input, 'lint/selector-not-self', 'error',
      `labelSelector does not match this ${input.w.kind === 'Pod' ? "pod's" : "template's"} own labels (${renderLabels(input.w.labels)}): ${what}. ` +
      'The pods being placed are not counted, so replicas do not see each other and may all land in one domain',
      miss ? [...path, ...miss.path] : selPath, miss?.part ?? 'key', fixData ? { ...fixData, selectorPath: selPath } : undefined)];
  }

  const out: Finding[] = [];
  const exprs = (c.selector.expressions ?? []).map((e, k) => ({ e, k })).filter((x): x is { e: Requirement; k: number } => x.e !== undefined);
  const positive = Object.keys(c.selector.matchLabels ?? {}).length > 0 || exprs.some(({ e }) => POSITIVE.has(e.operator))
    || (input.mlkGate && keysOf(c).some((k) => Object.prototype.hasOwnProperty.call(input.podLabels, k)));
  const negative = exprs.find(({ e }) => e.operator === 'NotIn' || e.operator === 'DoesNotExist');
  if (negative && !positive) {
    out.push(finding(input, 'lint/selector-negative', 'hint',
      `The selector only says what pods must not be (${renderRequirement(negative.e)}), so it also counts every other pod in namespace ${input.w.namespace} that lacks "${negative.e.key}", other workloads included; add a positive requirement such as matchLabels`,
      [...selPath, 'matchExpressions', negative.k, 'operator'], 'value'));
  }
  return out;
}

/**
 * What a constraint that counts no pods still does: every domain holds 0, so skew never rejects or
 * ranks a node, but nodes without the topology key are still rejected (DoNotSchedule) or scored
 * lowest (ScheduleAnyway).
 */
function keyOnlyEffect(c: Constraint): string {
  const key = c.topologyKey ? `"${c.topologyKey}"` : 'its topologyKey';
  return c.when === 'ScheduleAnyway'
    ? `it only makes the scheduler avoid nodes without the label ${key}`
    : `it only keeps pods off nodes without the label ${key}`;
}

/** The first selector requirement the labels fail, with where it is written. */
function firstMiss(sel: Selector, labels: Record<string, string>): { text: string; path: (string | number)[]; part: 'key' | 'value' } | undefined {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (labels[k] === v) continue;
    const have = Object.prototype.hasOwnProperty.call(labels, k) ? `the pods have ${k}=${labels[k]}` : `the pods have no label "${k}"`;
    return { text: `it requires ${k}=${v} but ${have}`, path: ['labelSelector', 'matchLabels', k], part: Object.prototype.hasOwnProperty.call(labels, k) ? 'value' : 'key' };
  }
  const exprs = sel.expressions ?? [];
  for (let i = 0; i < exprs.length; i++) {
    const e = exprs[i];
    if (!e) continue;
    if (matches({ matchLabels: null, expressions: [e], partial: false }, labels) === false) {
      return { text: `it requires ${renderRequirement(e)}`, path: ['labelSelector', 'matchExpressions', i], part: 'key' };
    }
  }
  return undefined;
}
