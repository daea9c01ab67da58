// Reading untyped user YAML the way the API server's decoder would see it, without ever throwing.
// A value of the wrong type is reported by the schema layer; here it yields `undefined` ("skip the
// rules that need it"), while an absent or null field yields Go's zero value, because that is what
// the API server validates (a missing maxSkew is validated as 0).

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function get(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const k of keys) {
    if (!isObj(cur)) return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, k) ? cur[k] : undefined;
  }
  return cur;
}

export const absent = (v: unknown): boolean => v === undefined || v === null;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** int32 field: absent -> 0; a whole number in range -> it; anything else -> undefined (decode error). */
export function readInt32(v: unknown): number | undefined {
  if (absent(v)) return 0;
  return typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX ? v : undefined;
}

/** *int32 field: absent -> null (nil pointer). */
export function readOptInt32(v: unknown): number | null | undefined {
  if (absent(v)) return null;
  return readInt32(v);
}

/** string field: absent -> "". */
export function readString(v: unknown): string | undefined {
  if (absent(v)) return '';
  return typeof v === 'string' ? v : undefined;
}

/** *string field: absent -> null. */
export function readOptString(v: unknown): string | null | undefined {
  if (absent(v)) return null;
  return typeof v === 'string' ? v : undefined;
}

/** map[string]string: entries whose value is not a string are dropped (the schema layer reports them). */
export function readStringMap(v: unknown): Record<string, string> | null | undefined {
  if (absent(v)) return null;
  if (!isObj(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** []string keeping positions: entries of the wrong type become undefined so indexes stay right. */
export function readStringList(v: unknown): (string | undefined)[] | null | undefined {
  if (absent(v)) return null;
  if (!Array.isArray(v)) return undefined;
  return v.map((x) => (typeof x === 'string' ? x : undefined));
}

export interface Requirement {
  key: string;
  operator: string;
  values: string[];
}

/** metav1.LabelSelector after decoding. `expressions[k]` is undefined where the entry had the wrong type. */
export interface Selector {
  matchLabels: Record<string, string> | null;
  expressions: (Requirement | undefined)[] | null;
  /** Some part had the wrong type: the API server would not have decoded it, so no verdict is exact. */
  partial: boolean;
}

function readRequirement(v: unknown): Requirement | undefined {
  if (!isObj(v)) return undefined;
  const key = readString(v.key);
  const operator = readString(v.operator);
  const values = readStringList(v.values);
  if (key === undefined || operator === undefined || values === undefined) return undefined;
  const vals = values ?? [];
  if (vals.some((x) => x === undefined)) return undefined;
  return { key, operator, values: vals as string[] };
}

/** *metav1.LabelSelector: absent -> null (nil), wrong type -> undefined. */
export function readSelector(v: unknown): Selector | null | undefined {
  if (absent(v)) return null;
  if (!isObj(v)) return undefined;
  let partial = false;
  let matchLabels = readStringMap(v.matchLabels);
  if (matchLabels === undefined) {
    partial = true;
    matchLabels = null;
  } else if (matchLabels && isObj(v.matchLabels) && Object.keys(matchLabels).length !== Object.keys(v.matchLabels).length) {
    partial = true;
  }
  let expressions: (Requirement | undefined)[] | null = null;
  if (Array.isArray(v.matchExpressions)) {
    expressions = v.matchExpressions.map(readRequirement);
    if (expressions.some((e) => e === undefined)) partial = true;
  } else if (!absent(v.matchExpressions)) {
    partial = true;
  }
  return { matchLabels, expressions, partial };
}

export function selectorSize(s: Selector): number {
  return Object.keys(s.matchLabels ?? {}).length + (s.expressions ?? []).length;
}
