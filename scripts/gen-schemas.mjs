#!/usr/bin/env node
// Generates compact, self-contained JSON Schemas (draft-07) for the kinds kube-spread checks,
// from the official Kubernetes OpenAPI v3 documents (../shared/kubernetes-openapi/<version>/,
// provenance in SOURCE.md there). The output is committed, so installing needs nothing from
// ../shared. Usage: node scripts/gen-schemas.mjs [--src DIR] [--version v1.35]
//
// What changes on the way (each to avoid false findings or to stay small):
// - descriptions, defaults and x-kubernetes-* markers are dropped (nothing reads them);
// - `allOf: [{$ref}]` wrappers become plain `$ref`s into `definitions`;
// - IntOrString / Quantity (`oneOf` integer|string, string|number) become a `type` list, so a
//   wrong value gives one error instead of a oneOf cascade;
// - objects that list their properties get `additionalProperties: false`, so unknown fields are
//   reported (as warnings, like the API server's field validation); free-form objects
//   (RawExtension, FieldsV1: `type: object` without properties) stay open;
// - only int32/int64 formats are kept (date-time etc. are checked by the API server, not here);
// - the OpenAPI documents carry no enums; none are invented.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const version = arg('--version', 'v1.35');
const src = arg('--src', join(root, '..', 'shared', 'kubernetes-openapi', version, 'openapi-v3'));
if (!existsSync(src)) {
  console.error(`gen-schemas: ${src} not found (pass --src)`);
  process.exit(1);
}

/** Kinds to emit, by group/version. */
const KINDS = {
  v1: ['Pod', 'ReplicationController', 'Node', 'Service', 'Namespace'],
  'apps/v1': ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet'],
  'batch/v1': ['Job', 'CronJob'],
};

const REF_PREFIX = '#/components/schemas/';
const KEEP_FORMATS = new Set(['int32', 'int64']);

/** Every schema by name, across the documents (each carries its own copy of core types). */
const all = new Map();
const roots = new Map(); // "group/version/Kind" -> schema name
for (const f of readdirSync(src).filter((n) => n.endsWith('.json')).sort()) {
  const doc = JSON.parse(readFileSync(join(src, f), 'utf8'));
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    if (!all.has(name)) all.set(name, schema);
    for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
      const gv = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      if (KINDS[gv]?.includes(gvk.kind)) roots.set(`${gv}/${gvk.kind}`, name);
    }
  }
}

function convert(s, refs) {
  if (Array.isArray(s)) return s.map((x) => convert(x, refs));
  if (!s || typeof s !== 'object') return s;
  if (s.format === 'int-or-string') return { type: ['integer', 'string'] };
  if (Array.isArray(s.oneOf) && s.oneOf.every((o) => Object.keys(o).length === 1 && typeof o.type === 'string')) {
    return { type: s.oneOf.map((o) => o.type) };
  }
  if (typeof s.$ref === 'string') return { $ref: ref(s.$ref, refs) };
  if (Array.isArray(s.allOf) && s.allOf.length === 1 && s.allOf[0].$ref) return { $ref: ref(s.allOf[0].$ref, refs) };
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'description' || k === 'default' || k.startsWith('x-kubernetes-')) continue;
    if (k === 'format') {
      if (KEEP_FORMATS.has(v)) out.format = v;
    } else if (k === 'properties') {
      out.properties = Object.fromEntries(Object.entries(v).map(([p, ps]) => [p, convert(ps, refs)]));
    } else {
      out[k] = convert(v, refs);
    }
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function ref(r, refs) {
  if (!r.startsWith(REF_PREFIX)) throw new Error(`unexpected $ref ${r}`);
  const name = r.slice(REF_PREFIX.length);
  refs.add(name);
  return `#/definitions/${name}`;
}

const outDir = join(root, 'schemas', version);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const index = {};
for (const [key, rootName] of [...roots].sort()) {
  const refs = new Set([rootName]);
  const definitions = {};
  // Walk only what is reachable from the kind, so each file stands alone and stays small.
  for (const queue = [rootName]; queue.length > 0; ) {
    const name = queue.shift();
    if (definitions[name]) continue;
    if (!all.has(name)) throw new Error(`missing schema ${name}`);
    const found = new Set();
    definitions[name] = convert(all.get(name), found);
    for (const f of found) if (!refs.has(f)) { refs.add(f); queue.push(f); }
  }
  const [gv, kind] = [key.slice(0, key.lastIndexOf('/')), key.slice(key.lastIndexOf('/') + 1)];
  const file = `${gv.replace('/', '-')}-${kind.toLowerCase()}.json`;
  const sorted = Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]]));
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://kube-spread.dev/schemas/${version}/${file}`,
    title: `${kind} (${gv}), Kubernetes ${version}`,
    $ref: `#/definitions/${rootName}`,
    definitions: sorted,
  };
  writeFileSync(join(outDir, file), JSON.stringify(schema) + '\n');
  index[key] = file;
}
const meta = {
  kubernetes: version,
  source: 'kubernetes/kubernetes api/openapi-spec/v3 (release branch), via ../shared/kubernetes-openapi; generated by scripts/gen-schemas.mjs',
  kinds: index,
};
writeFileSync(join(outDir, 'index.json'), JSON.stringify(meta, null, 2) + '\n');

// The TypeScript catalog requires every bundled version with a literal path, so esbuild puts the
// schemas into the server and CLI bundles (nothing is read from disk at run time); each behind a
// function, so a schema object is built only when a document of its kind is checked.
const versions = readdirSync(join(root, 'schemas')).filter((d) => /^v1\.\d+$/.test(d)).sort();
const lines = [
  '// Generated by scripts/gen-schemas.mjs: do not edit. The bundled JSON Schemas by Kubernetes minor, each',
  '// loaded on first use (a literal require: bundled by esbuild, evaluated only when called).',
  '/* eslint-disable @typescript-eslint/no-require-imports */',
  '',
];
const entries = [];
for (const v of versions) {
  const idx = JSON.parse(readFileSync(join(root, 'schemas', v, 'index.json'), 'utf8'));
  const minor = Number(v.split('.')[1]);
  const kinds = [];
  for (const [key, file] of Object.entries(idx.kinds)) {
    kinds.push(`    '${key}': () => require('../../../../schemas/${v}/${file}') as object,`);
  }
  entries.push(`  ${minor}: {\n${kinds.join('\n')}\n  },`);
}
lines.push('export const SCHEMA_CATALOG: Readonly<Record<number, Readonly<Record<string, () => object>>>> = {', ...entries, '};', '');
const catalog = join(root, 'server', 'src', 'validation', 'schema', 'catalog.ts');
mkdirSync(dirname(catalog), { recursive: true });
writeFileSync(catalog, lines.join('\n'));
console.log(`gen-schemas: ${Object.keys(index).length} schemas for ${version} in ${outDir}; catalog: ${versions.join(', ')}`);
