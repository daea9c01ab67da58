// How the API server prints a field error (apimachinery util/validation/field: Error.Error and
// ErrorBody), so that ApiIssue.message is byte-for-byte what kubectl shows. The rendering of the bad
// value depends on its Go type, which is why callers say which Go type they are reporting.

export type ApiErrorType = 'Invalid' | 'Required' | 'NotSupported' | 'Duplicate' | 'Forbidden';
export type DocPath = (string | number)[];

export interface ApiIssue {
  code: string;
  severity: 'error' | 'warning';
  type: ApiErrorType;
  /** Where to point in the document. Usually the same field as fieldPath; see fieldPath for the exceptions. */
  path: DocPath;
  /**
   * The API server's field path, verbatim. It differs from `path` where the API names something
   * that is not a node of the document: V4's `{topologyKey, whenUnsatisfiable}` segment, the
   * `[i][j]` path of the 1.34+ matchLabelKeys overlap check, the map path of matchLabels errors,
   * and `spec.template.labels` for template label errors.
   */
  fieldPath: string;
  badValue?: unknown;
  detail: string;
  /** The API server's full error text, `<fieldPath>: <type>[: <value>][: <detail>]`. */
  message: string;
  /** kube-spread's own words, only where the API text alone would mislead (predicted Pod rejection, dropped fields). */
  explanation?: string;
}

const TYPE_TEXT: Record<ApiErrorType, string> = {
  Invalid: 'Invalid value',
  Required: 'Required value',
  NotSupported: 'Unsupported value',
  Duplicate: 'Duplicate value',
  Forbidden: 'Forbidden',
};

/** A bad value as Go prints it, plus the plain JS value kept in ApiIssue.badValue. */
export interface GoValue {
  text: string;
  value: unknown;
}

/** strconv.Quote (what `%q` prints for a Go `string`). Printable non-ASCII stays literal, as in Go. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** encoding/json's string form: like JSON.stringify but with Go's HTML-safe escapes. */
export function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (m) => `\\u${m.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** encoding/json for plain data: maps with sorted keys (Go sorts map keys), arrays, strings, numbers. */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.map(([k, x]) => `${goJsonString(k)}:${goJson(x)}`).join(',')}}`;
  }
  return 'null';
}

/** A Go `string` bad value (printed with %q). */
export const goString = (s: string): GoValue => ({ text: goQuote(s), value: s });
/** A named string type or pointer (NotSupported of an enum): falls to json.Marshal in ErrorBody. */
export const goNamed = (s: string): GoValue => ({ text: goJsonString(s), value: s });
/** An int32/int64 or a *int32 (json.Marshal of a pointer prints the number too). */
export const goInt = (n: number): GoValue => ({ text: String(n), value: n });
/** A struct or map, already rendered with goJson / selectorJson (json.Marshal). */
export const goStruct = (v: unknown, text: string): GoValue => ({ text, value: v });

/** field.Path.String(): `a.b[0].c`. Segments are already in API form. */
export function formatFieldPath(segments: readonly (string | number)[]): string {
  let s = '';
  for (const seg of segments) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else s += s === '' ? seg : `.${seg}`;
  }
  return s;
}

export function errorBody(type: ApiErrorType, value: GoValue | undefined, detail: string): string {
  let s = TYPE_TEXT[type];
  if ((type === 'Invalid' || type === 'NotSupported' || type === 'Duplicate') && value) s += `: ${value.text}`;
  if (detail.length > 0) s += `: ${detail}`;
  return s;
}

/** field.NotSupported's detail: each supported value strconv.Quote'd. */
export function supportedValues(values: readonly string[]): string {
  return `supported values: ${values.map(goQuote).join(', ')}`;
}

export interface IssueInput {
  code: string;
  type: ApiErrorType;
  /** API field path segments (what the API prints). */
  api: DocPath;
  /** Document location when it differs from `api`. */
  doc?: DocPath;
  value?: GoValue;
  detail?: string;
  severity?: 'error' | 'warning';
  explanation?: string;
}

export function makeIssue(i: IssueInput): ApiIssue {
  const fieldPath = formatFieldPath(i.api);
  const detail = i.detail ?? '';
  const issue: ApiIssue = {
    code: i.code,
    severity: i.severity ?? 'error',
    type: i.type,
    path: i.doc ?? i.api,
    fieldPath,
    detail,
    message: `${fieldPath}: ${errorBody(i.type, i.value, detail)}`,
  };
  if (i.value) issue.badValue = i.value.value;
  if (i.explanation) issue.explanation = i.explanation;
  return issue;
}
