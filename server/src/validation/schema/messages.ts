// Words for schema findings: how a value, a type and a field path read to a person.

import { editDistance } from '../../base/editDistance';

export type Segment = string | number;

/** API-server notation: spec.template.spec.topologySpreadConstraints[0].maxSkew */
export function formatPath(path: readonly Segment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${seg}]`;
  }
  return out;
}

/** The field a message is about: `maxSkew`, or `containers[0]` for a list item. */
export function fieldLabel(path: readonly Segment[]): string {
  if (path.length === 0) return 'document';
  const last = path[path.length - 1];
  if (typeof last === 'number') return formatPath(path.slice(-2));
  return last;
}

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)}`;
    case 'number':
      return `${Number.isInteger(v) ? 'integer' : 'number'} ${v}`;
    case 'boolean':
      return `boolean ${v}`;
    case 'object':
      return 'an object';
    default:
      return typeof v;
  }
}

const TYPE_WORDS: Record<string, string> = { object: 'object', array: 'list', integer: 'integer', number: 'number', string: 'string', boolean: 'boolean' };

export function describeType(t: unknown): string {
  const list = Array.isArray(t) ? t : [t];
  return list.map((x) => TYPE_WORDS[String(x)] ?? String(x)).join(' or ');
}

/** The known field the user probably meant: same letters in another case, else a close spelling. */
export function didYouMean(unknown: string, known: readonly string[]): string | undefined {
  const lower = unknown.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  const cap = Math.max(1, Math.floor(unknown.length / 4));
  let best: string | undefined;
  let bestD = cap + 1;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase(), cap);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}
