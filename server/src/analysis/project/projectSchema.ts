// Checks a project file's content against schemas/project.schema.json (the one definition, also
// offered to editors for completion; esbuild inlines it) and says what is wrong in words, at the
// field that is wrong. Beyond the schema: the Kubernetes version must be one kube-spread models, and
// codes should exist (an unknown one is a warning: it may come from a newer kube-spread).

import type Ajv from 'ajv';
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import schema from '../../../../schemas/project.schema.json';
import { loadGeneratedValidator } from '../../base/generatedValidator';
import { versionProblem } from '../../engine';
import { unknownPatternProblem } from './codePatterns';

export type FieldPath = (string | number)[];

export interface FieldProblem {
  path: FieldPath;
  /** Point at the key of the last segment rather than its value (an unknown field, a bad code used as a key). */
  key?: boolean;
  message: string;
  severity: 'error' | 'warning';
}

/** ajv's options for this schema; scripts/gen-validators.mjs compiles dist/validators/project.js with the same. */
export const PROJECT_AJV_OPTIONS: Readonly<Options> = { allErrors: true, allowUnionTypes: true, strict: true };

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // The validator generated at build time when there is one for this schema, else compiled here (ajv
  // itself is loaded only then: every CLI run would otherwise load it).
  compiled ??= loadGeneratedValidator<ValidateFunction>('project', schema) ?? compileHere();
  return compiled;
}

function compileHere(): ValidateFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
  return new AjvClass({ ...PROJECT_AJV_OPTIONS }).compile(schema);
}

function pathOf(pointer: string): FieldPath {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => {
    const seg = s.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(seg) ? Number(seg) : seg;
  });
}

function show(path: FieldPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') || '(top level)';
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'a mapping' : JSON.stringify(v);
}

function valueAt(root: unknown, path: FieldPath): unknown {
  let v = root;
  for (const seg of path) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[seg as string] : undefined;
  return v;
}

const FIELDS = Object.keys((schema as { properties: Record<string, unknown> }).properties);

function describe(e: ErrorObject, root: unknown): FieldProblem | undefined {
  const path = pathOf(e.instancePath);
  const p = e.params as Record<string, unknown>;
  const value = valueAt(root, path);
  const at = (message: string, extra: Partial<FieldProblem> = {}): FieldProblem => ({ path, message: `${show(path)}: ${message}`, severity: 'error', ...extra });
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String(p.additionalProperty);
      return { path: [...path, field], key: true, severity: 'error', message: `unknown field "${field}" (fields: ${FIELDS.join(', ')})` };
    }
    case 'propertyNames':
      return undefined; // the nested pattern error names the key
    case 'pattern':
      if (e.propertyName !== undefined) {
        return { path: [...path, e.propertyName], key: true, severity: 'error', message: `${show(path)}: ${unknownPatternProblem(e.propertyName) ?? `"${e.propertyName}" is not a code`}` };
      }
      return at(unknownPatternProblem(String(value)) ?? `invalid code ${JSON.stringify(value)}`);
    case 'enum':
      return at(`must be one of ${(p.allowedValues as unknown[]).join(', ')} (got ${typeName(value)})`);
    case 'type':
      if (path[0] === 'kubernetesVersion' && typeof value === 'number') return at(`must be a quoted string such as "1.31" (unquoted, ${String(value)} is a number: 1.30 would be 1.3)`);
      return at(`must be ${String(p.type)} (got ${typeName(value)})`);
    case 'anyOf':
      return at(`must be a path or a list of paths (got ${typeName(value)})`);
    case 'minLength':
      return at('must not be empty');
    case 'minItems':
      return at('must list at least one path');
    default:
      return at(e.message ?? `fails schema rule ${e.keyword}`);
  }
}

/** Every problem of a project file's content (an empty file is a valid one: nothing changed). */
export function validateProject(value: unknown): FieldProblem[] {
  const content = value ?? {};
  const validate = validator();
  if (!validate(content)) {
    const out: FieldProblem[] = [];
    // anyOf reports each branch's failure too; the anyOf message says it once.
    const anyOfPaths = new Set((validate.errors ?? []).filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
    for (const e of validate.errors ?? []) {
      if (e.keyword !== 'anyOf' && [...anyOfPaths].some((a) => e.instancePath === a || e.instancePath.startsWith(`${a}/`))) continue;
      const d = describe(e, content);
      if (d && !out.some((o) => o.message === d.message)) out.push(d);
    }
    return out;
  }
  const out: FieldProblem[] = [];
  const c = content as { disable?: string[]; severity?: Record<string, string>; kubernetesVersion?: string };
  if (c.kubernetesVersion !== undefined) {
    const why = versionProblem(c.kubernetesVersion);
    if (why) out.push({ path: ['kubernetesVersion'], message: `kubernetesVersion: ${why}`, severity: 'error' });
  }
  for (const [i, code] of (c.disable ?? []).entries()) {
    const why = unknownPatternProblem(code);
    if (why) out.push({ path: ['disable', i], message: `disable[${i}]: ${why}`, severity: 'warning' });
  }
  for (const code of Object.keys(c.severity ?? {})) {
    const why = unknownPatternProblem(code);
    if (why) out.push({ path: ['severity', code], key: true, message: `severity: ${why}`, severity: 'warning' });
  }
  return out;
}
