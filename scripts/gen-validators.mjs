#!/usr/bin/env node
// Precompiles the JSON Schemas kube-spread validates with into standalone ajv validators at BUILD time,
// one small CommonJS file per schema in dist/validators/: v1.<minor>/<group-version-kind>.js for the
// manifest kinds (schemas/v1.*/index.json), fixture.js for the ClusterFixture form and project.js for
// the project file. At run time
// base/generatedValidator.ts loads only the file a document needs, so a `check` compiles no schema at
// all (compiling the Deployment schema and the fixture schema with ajv took ~250 ms each of a 600 ms
// single-file check). Options and formats come from the modules the run-time fallback uses
// (validation/schema/ajvSetup.ts, fixture/compact/schema.ts, analysis/project/projectSchema.ts); each file records its schema's
// fingerprint and is ignored when the bundled schema has changed since. Called by scripts/build.mjs;
// `node scripts/gen-validators.mjs [--out DIR]`.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const outAt = process.argv.indexOf('--out');
const out = outAt >= 0 ? process.argv[outAt + 1] : join(root, 'dist', 'validators');
const setupTs = join(root, 'server/src/validation/schema/ajvSetup.ts');
const fixtureTs = join(root, 'server/src/fixture/compact/schema.ts');
const projectTs = join(root, 'server/src/analysis/project/projectSchema.ts');
const baseTs = join(root, 'server/src/base/generatedValidator.ts');

const Ajv = require('ajv').default;
const standaloneCode = require('ajv/dist/standalone').default;
const { _ } = require('ajv/dist/compile/codegen');

/** The file name of a catalog key: "apps/v1/Deployment" -> "apps-v1-deployment". */
const validatorFileOf = (key) => key.toLowerCase().replace(/\//g, '-');

const tmp = mkdtempSync(join(tmpdir(), 'kube-spread-validators-'));
try {
  // The option modules are TypeScript: bundle them once to read the options, formats and fingerprint here.
  const entry = join(tmp, 'entry.ts');
  writeFileSync(entry, [setupTs, fixtureTs, projectTs, baseTs].map((f) => `export * from ${JSON.stringify(f)};`).join('\n'));
  esbuild.buildSync({ entryPoints: [entry], outfile: join(tmp, 'setup.cjs'), bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  const { AJV_OPTIONS, FORMATS, FIXTURE_AJV_OPTIONS, PROJECT_AJV_OPTIONS, schemaFingerprint } = require(join(tmp, 'setup.cjs'));
  const jobs = [];
  for (const dir of readdirSync(join(root, 'schemas')).filter((d) => /^v1\.\d+$/.test(d)).sort()) {
    const index = JSON.parse(readFileSync(join(root, 'schemas', dir, 'index.json'), 'utf8'));
    for (const [key, file] of Object.entries(index.kinds)) {
      jobs.push({ name: `${dir}/${validatorFileOf(key)}`, file: join(root, 'schemas', dir, file), options: AJV_OPTIONS, formats: true });
    }
  }
  jobs.push({ name: 'fixture', file: join(root, 'schemas/fixture.schema.json'), options: FIXTURE_AJV_OPTIONS, formats: false });
  jobs.push({ name: 'project', file: join(root, 'schemas/project.schema.json'), options: PROJECT_AJV_OPTIONS, formats: false });
  const sources = [];
  for (const job of jobs) {
    const schema = JSON.parse(readFileSync(job.file, 'utf8'));
    const ajv = new Ajv({ ...job.options, code: { source: true, ...(job.formats ? { formats: _`require(${setupTs}).FORMATS` } : {}) } });
    if (job.formats) for (const [name, def] of Object.entries(FORMATS)) ajv.addFormat(name, def);
    const code = standaloneCode(ajv, ajv.compile(schema));
    const src = join(tmp, 'gen', `${job.name}.js`);
    mkdirSync(dirname(src), { recursive: true });
    writeFileSync(src, `${code}\nmodule.exports.fingerprint = ${JSON.stringify(schemaFingerprint(schema))};\n`);
    sources.push({ src, dest: join(out, `${job.name}.js`) });
  }
  if (existsSync(out)) rmSync(out, { recursive: true, force: true });
  await Promise.all(sources.map(({ src, dest }) => esbuild.build({
    entryPoints: [src], outfile: dest, bundle: true, nodePaths: [join(root, 'node_modules')], platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning',
  })));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
