// The standalone validators scripts/gen-validators.mjs generates at build time (dist/validators/) must
// report exactly what ajv compiling the same schema at run time reports (schema.ts's fallback), error
// for error: same keyword, instance path, params, data and the schema objects' content. Generated into a
// temp dir here, then both validate every example, test manifest and corpus document, and seeded
// mutations of each (wrong types, unknown fields, missing fields, out-of-range integers); the same for
// the ClusterFixture schema and the compact fixtures.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv, { type Options, type ValidateFunction } from 'ajv';
import { load } from 'js-yaml';
import { schemaFingerprint } from '../../../server/src/base/generatedValidator';
import { FIXTURE_AJV_OPTIONS } from '../../../server/src/fixture/compact/schema';
import { AJV_OPTIONS, FORMATS } from '../../../server/src/validation/schema/ajvSetup';
import { validatorFileOf } from '../../../server/src/validation/schema/precompiled';
import { sharedDir } from '../../sharedDir';

const ROOT = join(__dirname, '../../..');

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** Every mapping document of the files (documents that do not parse alone are skipped). */
function documents(files: string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const f of files) {
    for (const text of readFileSync(f, 'utf8').split(/^---\s*$/m)) {
      try {
        const v = load(text);
        if (v && typeof v === 'object' && !Array.isArray(v)) out.push(v as Record<string, unknown>);
      } catch {
        // templates and broken examples: not this test's subject
      }
    }
  }
  return out;
}

/** Seeded variants of a document: a leaf of the wrong type, an unknown field, a missing field, a huge integer. */
function mutations(doc: Record<string, unknown>, seed: number, count: number): unknown[] {
  const r = rng(seed);
  const paths: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        paths.push({ parent: v, key: i });
        walk(x);
      });
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        paths.push({ parent: v as Record<string, unknown>, key: k });
        walk(x);
      }
    }
  };
  const out: unknown[] = [];
  for (let n = 0; n < count; n++) {
    const copy = structuredClone(doc);
    paths.length = 0;
    walk(copy);
    if (paths.length === 0) break;
    const { parent, key } = paths[Math.floor(r() * paths.length)];
    const slot = parent as Record<string | number, unknown>;
    const old = slot[key];
    switch (n % 5) {
      case 0: slot[key] = typeof old === 'string' ? 42 : typeof old === 'number' ? 'forty-two' : typeof old === 'object' ? 'text' : {}; break;
      case 1: if (old && typeof old === 'object' && !Array.isArray(old)) (old as Record<string, unknown>).unknownFieldX = 1; else slot[key] = [old]; break;
      case 2: if (Array.isArray(parent)) parent.splice(key as number, 1); else delete slot[key]; break;
      case 3: slot[key] = 2 ** 40; break;
      default: slot[key] = null;
    }
    out.push(copy);
  }
  return out;
}

/** The errors as data: ajv's error objects, schema objects compared by content. */
const errorsOf = (v: ValidateFunction, data: unknown): string => (v(data) ? '' : JSON.stringify(v.errors));

describe('validation: validators generated at build time (scripts/gen-validators.mjs)', function () {
  this.timeout(300000);
  let out = '';
  before(() => {
    out = mkdtempSync(join(tmpdir(), 'kube-spread-gen-validators-'));
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/gen-validators.mjs'), '--out', out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  const load1 = (name: string): { default: ValidateFunction; fingerprint: string } =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(join(out, `${name}.js`)) as { default: ValidateFunction; fingerprint: string };
  const compile = (options: Readonly<Options>, schema: object, formats: boolean): ValidateFunction => {
    const ajv = new Ajv({ ...options });
    if (formats) for (const [name, def] of Object.entries(FORMATS)) ajv.addFormat(name, def);
    return ajv.compile(schema);
  };

  it('every manifest kind: the same errors as ajv at run time, on real documents and seeded mutations', () => {
    const docs = documents([
      ...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test/fixtures/manifests')), ...yamlFiles(sharedDir('corpus/real-world')),
    ]);
    let compared = 0;
    let failing = 0;
    for (const dir of readdirSync(join(ROOT, 'schemas')).filter((d) => /^v1\.\d+$/.test(d))) {
      const index = JSON.parse(readFileSync(join(ROOT, 'schemas', dir, 'index.json'), 'utf8')) as { kinds: Record<string, string> };
      for (const [key, file] of Object.entries(index.kinds)) {
        const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', dir, file), 'utf8')) as object;
        const generated = load1(`${dir}/${validatorFileOf(key)}`);
        assert.equal(generated.fingerprint, schemaFingerprint(schema), `${key}: fingerprint`);
        const runtime = compile(AJV_OPTIONS, schema, true);
        const [apiVersion, kind] = [key.slice(0, key.lastIndexOf('/')), key.slice(key.lastIndexOf('/') + 1)];
        const own = docs.filter((d) => d.kind === kind && d.apiVersion === apiVersion);
        const inputs = [...own, ...own.flatMap((d, i) => mutations(d, 1000 + i, 12))];
        for (const data of inputs) {
          const want = errorsOf(runtime, data);
          assert.equal(errorsOf(generated.default, data), want, `${key}: ${JSON.stringify(data).slice(0, 200)}`);
          compared++;
          if (want) failing++;
        }
      }
    }
    // The comparison means something only when both valid and invalid documents went through.
    assert.ok(compared > 200 && failing > 100 && compared - failing > 20, `${compared} compared, ${failing} with errors`);
  });

  it('the ClusterFixture schema: the same errors as ajv at run time', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/fixture.schema.json'), 'utf8')) as object;
    const generated = load1('fixture');
    assert.equal(generated.fingerprint, schemaFingerprint(schema));
    const runtime = compile(FIXTURE_AJV_OPTIONS, schema, false);
    const docs = documents([...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test/fixtures'))]).filter((d) => d.kind === 'ClusterFixture');
    assert.ok(docs.length >= 3, `${docs.length} compact fixtures`);
    let failing = 0;
    for (const data of [...docs, ...docs.flatMap((d, i) => mutations(d, 2000 + i, 40))]) {
      const want = errorsOf(runtime, data);
      assert.equal(errorsOf(generated.default, data), want, JSON.stringify(data).slice(0, 200));
      if (want) failing++;
    }
    assert.ok(failing > 20, `${failing} invalid fixtures compared`);
  });
});
