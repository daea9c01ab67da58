// JSON Schema validation of manifests against the bundled Kubernetes OpenAPI schemas
// (scripts/gen-schemas.mjs). Each error lands on the exact YAML range: the value for a wrong
// type, the key for an unknown field, the parent's key for a missing required field.
//
// Codes: schema/type, schema/unknown-field (warning, like the API server's default field
// validation), schema/required, schema/enum, schema/format, schema/invalid (any other keyword),
// schema/api-version (a kind kube-spread knows, in an apiVersion that is not served).

import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ValidatedDocument, ValidatedFile } from './document';
import type { Finding, Range } from '../base/finding';
import type { ApiIssue } from '../engine';
import { describeType, describeValue, didYouMean, fieldLabel, formatPath, type Segment } from './schema/messages';
import { AJV_OPTIONS, FORMATS } from './schema/ajvSetup';
import { loadPrecompiled } from './schema/precompiled';
import { schemaFor, servedVersions } from './schema/select';

export { schemaFor, servedVersions, BUNDLED_MINORS, type SchemaChoice } from './schema/select';

/** The Kubernetes minor whose schemas are used when the caller does not say (the newest bundled). */
export const DEFAULT_SCHEMA_MINOR = 35;

export interface SchemaValidationOptions {
  /** Kubernetes minor version (default: DEFAULT_SCHEMA_MINOR). The nearest bundled one is used. */
  minor?: number;
}

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** ajv itself is loaded only when a schema has no generated validator (running from source, a partial build). */
function getAjv(): Ajv {
  if (!ajv) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
    ajv = new AjvClass({ ...AJV_OPTIONS });
    for (const [name, def] of Object.entries(FORMATS)) ajv.addFormat(name, def);
  }
  return ajv;
}

/**
 * One validator per schema, on first use: the one generated at build time (scripts/gen-validators.mjs)
 * when it matches the schema, else compiled here (compiling all kinds up front would cost startup time).
 * At most one entry per bundled kind and minor: bounded by the catalog.
 */
function validatorFor(minor: number, key: string, schema: object): ValidateFunction {
  const id = `${minor}/${key}`;
  let v = compiled.get(id);
  if (!v) {
    v = loadPrecompiled(minor, key, schema) ?? getAjv().compile(schema);
    compiled.set(id, v);
  }
  return v;
}

/**
 * Go's JSON decoding treats `null` as "not set" for every field, so `labels:` or
 * `resources: ~` are fine for the API server; drop them rather than flag them.
 */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = withoutNulls(x);
    return out;
  }
  return v;
}

function pointerToPath(pointer: string): Segment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** `version: 1.10`, `name: n` or `enabled: yes` are numbers and booleans to YAML: say how to get a string. */
function quoteHint(e: ErrorObject): string {
  const types = Array.isArray(e.params.type) ? e.params.type : [e.params.type];
  const scalar = typeof e.data === 'number' || typeof e.data === 'boolean';
  return scalar && types.includes('string') ? ' (quote the value to make it a string)' : '';
}

function fallbackRange(doc: ValidatedDocument): Range {
  return doc.range;
}

function toFinding(doc: ValidatedDocument, e: ErrorObject): Finding | undefined {
  const at = pointerToPath(e.instancePath);
  const base = { document: doc.index };
  const label = fieldLabel(at);
  switch (e.keyword) {
    case 'type':
      return {
        ...base,
        code: 'schema/type',
        severity: 'error',
        message: `${label}: expected ${describeType(e.params.type)}, got ${describeValue(e.data)}${quoteHint(e)}`,
        path: formatPath(at),
        range: doc.rangeOf(at, 'value') ?? fallbackRange(doc),
      };
    case 'additionalProperties': {
      const field = String(e.params.additionalProperty);
      const path = [...at, field];
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = didYouMean(field, known);
      return {
        ...base,
        code: 'schema/unknown-field',
        severity: 'warning',
        message: `unknown field "${field}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
        path: formatPath(path),
        range: doc.rangeOf(path, 'key') ?? fallbackRange(doc),
        data: hint ? { replacement: hint } : undefined,
      };
    }
    case 'required': {
      const field = String(e.params.missingProperty);
      const path = [...at, field];
      // `topologyKey:` with nothing after it is null, i.e. unset: point at that key.
      const present = doc.has(path);
      return {
        ...base,
        code: 'schema/required',
        severity: 'error',
        message: present ? `required field "${field}" has no value` : `missing required field "${field}"`,
        path: formatPath(path),
        range: (present ? doc.rangeOf(path, 'key') : doc.rangeOf(at, 'key')) ?? fallbackRange(doc),
      };
    }
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ');
      return {
        ...base,
        code: 'schema/enum',
        severity: 'error',
        message: `${label}: unsupported value ${JSON.stringify(e.data)}; supported values: ${allowed}`,
        path: formatPath(at),
        range: doc.rangeOf(at, 'value') ?? fallbackRange(doc),
      };
    }
    case 'format':
      return {
        ...base,
        code: 'schema/format',
        severity: 'error',
        message: `${label}: ${JSON.stringify(e.data)} does not fit in ${String(e.params.format)}`,
        path: formatPath(at),
        range: doc.rangeOf(at, 'value') ?? fallbackRange(doc),
      };
    case 'if':
    case 'anyOf':
    case 'oneOf':
      // Summaries of errors already reported individually.
      return undefined;
    default:
      return {
        ...base,
        code: 'schema/invalid',
        severity: 'error',
        message: `${label}: does not satisfy "${e.keyword}" ${JSON.stringify(e.params)}`,
        path: formatPath(at),
        range: doc.rangeOf(at, 'value') ?? fallbackRange(doc),
      };
  }
}

/** Schema findings for one document; nothing for skipped documents and kinds without a schema. */
export function validateDocumentSchema(doc: ValidatedDocument, opts: SchemaValidationOptions = {}): Finding[] {
  if (doc.skip || !doc.kind || !doc.apiVersion) return [];
  if (typeof doc.value !== 'object' || doc.value === null || Array.isArray(doc.value)) return [];
  const minor = opts.minor ?? DEFAULT_SCHEMA_MINOR;
  const choice = schemaFor(doc.kind, doc.apiVersion, minor);
  if (!choice) {
    const served = servedVersions(doc.kind, minor);
    if (served.length === 0) return [];
    return [
      {
        code: 'schema/api-version',
        severity: 'warning',
        message: `apiVersion "${doc.apiVersion}" is not served for ${doc.kind} in Kubernetes 1.${minor}; use ${served.map((s) => `"${s}"`).join(' or ')}`,
        path: 'apiVersion',
        range: doc.rangeOf(['apiVersion'], 'value') ?? doc.range,
        document: doc.index,
        data: { replacement: served[0] },
      },
    ];
  }
  const validate = validatorFor(choice.minor, choice.key, choice.schema);
  if (validate(withoutNulls(doc.value))) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    const f = toFinding(doc, e);
    if (!f) continue;
    const k = `${f.code}|${f.path}|${f.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  return out;
}

/**
 * Schema findings without the schema/required ones for a field that an api/ Required issue (a missing
 * topologyKey, a missing spec.selector) already reports: one finding per missing field, the API
 * server's own.
 */
export function withoutApiRequired(findings: readonly Finding[], api: readonly ApiIssue[]): Finding[] {
  const required = new Set(api.filter((i) => i.type === 'Required').map((i) => formatPath(i.path)));
  return findings.filter((f) => f.code !== 'schema/required' || f.path === undefined || !required.has(f.path));
}

/** Schema findings for every document of a file, plus notes (e.g. which version was used). */
export function validateSchemas(file: ValidatedFile, opts: SchemaValidationOptions = {}): { findings: Finding[]; notes: string[] } {
  const findings: Finding[] = [];
  const notes = new Set<string>();
  for (const doc of file.documents) {
    findings.push(...validateDocumentSchema(doc, opts));
    const choice = doc.kind && doc.apiVersion && !doc.skip ? schemaFor(doc.kind, doc.apiVersion, opts.minor ?? DEFAULT_SCHEMA_MINOR) : undefined;
    if (choice?.note) notes.add(choice.note);
  }
  return { findings, notes: [...notes] };
}
