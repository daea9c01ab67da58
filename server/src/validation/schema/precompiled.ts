// The manifest schemas' validators generated at build time (base/generatedValidator.ts,
// scripts/gen-validators.mjs): dist/validators/v1.<minor>/<group-version-kind>.js, one kind at a time.

import type { ValidateFunction } from 'ajv';
import { loadGeneratedValidator } from '../../base/generatedValidator';

/** The file name of a catalog key, as the generator writes it: "apps/v1/Deployment" -> "apps-v1-deployment". */
export const validatorFileOf = (key: string): string => key.toLowerCase().replace(/\//g, '-');

/** The generated validator of (minor, key) when there is one for exactly this schema; undefined otherwise. */
export function loadPrecompiled(minor: number, key: string, schema: object): ValidateFunction | undefined {
  return loadGeneratedValidator<ValidateFunction>(`v1.${minor}/${validatorFileOf(key)}`, schema);
}
