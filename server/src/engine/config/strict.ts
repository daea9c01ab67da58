// Strict decoding of one object's fields, as kube-scheduler's scheme decodes a configuration
// (pkg/scheduler/apis/config/scheme with serializer strict mode; encoding/json's type errors):
// an unknown field is `strict decoding error: unknown field "<path>"`, a value of the wrong JSON
// type is `json: cannot unmarshal <kind> into Go struct field <path> of type <Go type>`.

import { formatFieldPath, type DocPath } from '../fieldErrors';
import { report } from './issues';
import type { ConfigContext } from './types';

/** The JSON type a field must have ('any': not checked). */
export type FieldKind = 'int' | 'bool' | 'string' | 'number' | 'object' | 'list' | 'any';

const GO_TYPE: Record<FieldKind, string> = { int: 'int32', bool: 'bool', string: 'string', number: 'float32', object: 'object', list: 'array', any: 'any' };

export function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The JSON type of a value, as encoding/json names it in "cannot unmarshal". */
export function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

export function int(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/**
 * Checks the fields of `obj` against `fields`: unknown ones and wrongly typed ones are errors.
 * `prefix` goes before each message; paths in messages start at segment `relativeTo` (plugin args
 * print paths relative to the args). Returns false on any problem.
 */
export function strictFields(c: ConfigContext, obj: Record<string, unknown>, path: DocPath, fields: Record<string, FieldKind>, prefix = '', relativeTo = 0): boolean {
  let ok = true;
  for (const [k, v] of Object.entries(obj)) {
    const kind = fields[k];
    const p = [...path, k];
    if (!kind) {
      report(c, p, `${prefix}strict decoding error: unknown field "${formatFieldPath(p.slice(relativeTo))}"`, 'error', true);
      ok = false;
      continue;
    }
    if (v === null || kind === 'any') continue;
    const bad = (kind === 'int' && !(typeof v === 'number' && Number.isInteger(v)))
      || (kind === 'number' && typeof v !== 'number')
      || (kind === 'bool' && typeof v !== 'boolean')
      || (kind === 'string' && typeof v !== 'string')
      || (kind === 'object' && !isObj(v))
      || (kind === 'list' && !Array.isArray(v));
    if (bad) {
      const got = typeof v === 'number' && kind === 'int' ? `number ${String(v)}` : jsonKind(v);
      report(c, p, `${prefix}json: cannot unmarshal ${got} into Go struct field ${formatFieldPath(p.slice(relativeTo))} of type ${GO_TYPE[kind]}`);
      ok = false;
    }
  }
  return ok;
}

/** A value of the wrong JSON type for a Go struct field of type `goType`. */
export function cannotUnmarshal(c: ConfigContext, v: unknown, path: DocPath, goType: string): void {
  report(c, path, `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${formatFieldPath(path)} of type ${goType}`);
}
