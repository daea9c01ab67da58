// How manifests' schemas are compiled, in one place for both validator paths: ajv compiling at run
// time (schema.ts, the fallback) and the standalone validators generated at build time
// (scripts/gen-validators.mjs bundles this module and requires FORMATS from the generated code), so
// the two can never disagree on an option or a format.

import type { Options } from 'ajv';

/**
 * allErrors: every problem at once; verbose: errors carry their schema and data, which the messages
 * need (known property names, the offending value); messages: the wording is ours (messages.ts).
 */
export const AJV_OPTIONS: Readonly<Options> = {
  allErrors: true, verbose: true, strict: false, allowUnionTypes: true, validateSchema: false, messages: false,
};

export interface NumberFormat {
  type: 'number';
  validate: (n: number) => boolean;
}

/** The OpenAPI integer formats the generated schemas keep (scripts/gen-schemas.mjs). */
export const FORMATS: Readonly<Record<'int32' | 'int64', NumberFormat>> = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 63 },
};
