// labels.Parse (k8s.io/apimachinery/pkg/labels/selector.go) for the selector STRINGS a
// DeschedulerPolicy holds (nodeSelector, DefaultEvictor nodeSelector): comma-separated
// requirements `k`, `!k`, `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k>n`, `k<n`.
// Keys and values are checked with the API's label syntax rules. Returns the selector or the error.

import { isQualifiedName, isValidLabelValue } from '../names';
import { type Operator, type Requirement, Selector } from '../selectors';

/** Splits at commas outside parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function requirement(key: string, op: Operator, values: string[]): Requirement | string {
  const ke = isQualifiedName(key);
  if (ke.length) return `invalid label key "${key}": ${ke.join('; ')}`;
  if (op === 'Gt' || op === 'Lt') {
    if (!/^[+-]?\d+$/.test(values[0] ?? '')) return `for 'Gt', 'Lt' operators, the value must be an integer`;
  } else {
    for (const v of values) {
      const ve = isValidLabelValue(v);
      if (ve.length) return `invalid label value: "${v}": ${ve.join('; ')}`;
    }
  }
  return { key, op, values };
}

export function parseLabelSelectorString(input: string): { selector: Selector } | { error: string } {
  const text = input.trim();
  if (text === '') return { selector: Selector.EVERYTHING };
  const reqs: Requirement[] = [];
  for (const raw of splitTerms(text)) {
    const t = raw.trim();
    let r: Requirement | string;
    let m: RegExpExecArray | null;
    if ((m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(t))) {
      const values = m[3].split(',').map((v) => v.trim());
      r = values.length === 1 && values[0] === '' && m[2] === 'in' ? `for 'in', 'notin' operators, values set can't be empty` : requirement(m[1], m[2] === 'in' ? 'In' : 'NotIn', values);
    } else if ((m = /^!\s*([^\s=!<>(),]+)$/.exec(t))) {
      r = requirement(m[1], 'DoesNotExist', []);
    } else if ((m = /^([^\s=!<>(),]+)\s*(==|=|!=|>|<)\s*([^\s=!<>(),]*)$/.exec(t))) {
      const op: Operator = m[2] === '!=' ? 'NotIn' : m[2] === '>' ? 'Gt' : m[2] === '<' ? 'Lt' : 'In';
      r = requirement(m[1], op, [m[3]]);
    } else if ((m = /^([^\s=!<>(),]+)$/.exec(t))) {
      r = requirement(m[1], 'Exists', []);
    } else {
      return { error: `unable to parse requirement: "${t}"` };
    }
    if (typeof r === 'string') return { error: r };
    reqs.push(r);
  }
  return { selector: Selector.of(reqs) };
}
