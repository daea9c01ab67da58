// Schema validators generated at BUILD time (scripts/gen-validators.mjs: ajv's standalone code, one
// small file per schema in dist/validators/, next to the bundle that runs). Loading one costs a
// require; compiling its schema with ajv at run time cost 150-300 ms per schema, paid by every CLI
// process. Each file records the fingerprint of the schema it was compiled from and is used only when
// the bundled schema still has it; the callers compile with ajv when there is none (running from
// source, a partial build) or it is stale, with the same options: the errors are the same either way.

import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** FNV-1a (32 bits) and length of the schema's JSON: what ties a generated validator to its schema. */
export function schemaFingerprint(schema: object): string {
  const s = JSON.stringify(schema);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(16)}-${s.length}`;
}

interface GeneratedModule {
  default?: unknown;
  fingerprint?: string;
}

/**
 * The generated validator `name` (a path under dist/validators/, without `.js`) when there is one for
 * exactly `schema`; undefined otherwise. The caller types the function (ajv's ValidateFunction).
 */
export function loadGeneratedValidator<F>(name: string, schema: object): F | undefined {
  const file = join(__dirname, 'validators', `${name}.js`);
  if (!existsSync(file)) return undefined;
  try {
    // A run-time path on purpose: the bundler must not inline the generated code (that is the point).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as GeneratedModule;
    if (typeof mod.default !== 'function' || mod.fingerprint !== schemaFingerprint(schema)) return undefined;
    return mod.default as F;
  } catch {
    return undefined;
  }
}
