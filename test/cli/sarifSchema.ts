// Validates SARIF against the SARIF 2.1.0 JSON Schema, in the three editions a consumer may use
// (test/fixtures/SARIF-SCHEMA-SOURCE.md says where each comes from):
// - sarif-schema-2.1.0.json: the OASIS standard's schema (2.1.0 Errata 01), JSON Schema draft-04;
// - sarif-schema-2.1.0.draft07.json: the OASIS sarif-spec repository's draft-07 edition;
// - sarif-2.1.0.schema.json: the sarif-sdk's JSON Schema 2020-12 edition.
// Every test that produces SARIF calls assertValidSarif on it.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const FIXTURES = resolve(__dirname, '../fixtures');

interface Edition {
  file: string;
  compile(schema: Record<string, unknown>): ValidateFunction;
}

// strictRequired is off: the schemas say `anyOf: [{required: [x]}, ...]` without repeating x's
// definition, which is valid JSON Schema that ajv's strict mode only flags as a style risk. Every
// other strict check stays on (unknown keywords and formats fail to compile).
const OPTIONS = { strict: true, strictRequired: false, allErrors: true } as const;

const EDITIONS: Edition[] = [
  {
    file: 'sarif-schema-2.1.0.json',
    // Draft-04. Its keywords mean the same in draft-07 except the root `id` (draft-07's `$id`): this
    // schema uses no exclusiveMinimum/exclusiveMaximum, the keywords whose meaning changed (checked
    // below), and only local $refs. So ajv's draft-07 validator runs it with `id` renamed, instead of
    // an extra draft-04 package.
    compile(schema) {
      const text = JSON.stringify(schema);
      assert.ok(!/"exclusive(Minimum|Maximum)"/.test(text), 'draft-04 schema uses exclusiveMinimum/Maximum: translate them');
      assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
      const { id, $schema: _draft04, ...rest } = schema;
      if (typeof id !== 'string') throw new Error('the draft-04 schema has no root id');
      const ajv = new Ajv(OPTIONS);
      addFormats(ajv);
      return ajv.compile({ ...rest, $id: id, $schema: 'http://json-schema.org/draft-07/schema#' });
    },
  },
  {
    file: 'sarif-schema-2.1.0.draft07.json',
    compile(schema) {
      // One `pattern` (run.language) is not a valid Unicode regular expression: compile patterns without the u flag.
      const ajv = new Ajv({ ...OPTIONS, unicodeRegExp: false });
      addFormats(ajv);
      return ajv.compile(schema);
    },
  },
  {
    file: 'sarif-2.1.0.schema.json',
    compile(schema) {
      const ajv = new Ajv2020(OPTIONS);
      addFormats(ajv);
      return ajv.compile(schema);
    },
  },
];

let validators: { file: string; validate: ValidateFunction }[] | undefined;

function compiled(): { file: string; validate: ValidateFunction }[] {
  validators ??= EDITIONS.map((e) => ({
    file: e.file,
    validate: e.compile(JSON.parse(readFileSync(join(FIXTURES, e.file), 'utf8')) as Record<string, unknown>),
  }));
  return validators;
}

/** The schema errors of `log` in each edition; empty when every edition accepts it. */
export function sarifSchemaErrors(log: unknown): string[] {
  return compiled().flatMap(({ file, validate }) =>
    validate(log) ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${file}: ${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
}

export function assertValidSarif(log: unknown): void {
  const errors = sarifSchemaErrors(log);
  assert.deepEqual(errors, [], `SARIF is not valid:\n${errors.join('\n')}`);
}
