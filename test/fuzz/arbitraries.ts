// fast-check generators for text an editor sends while someone types YAML: arbitrary Unicode,
// YAML token soup (indicators, anchors, tags, merge keys, document markers, block scalars), and
// random edits of real manifests. Shared by the quick properties in `npm test` and `npm run fuzz`.

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';

/**
 * The seed: fixed for the quick runs in `npm test` (CI must be reproducible), random in
 * `npm run fuzz` or with FUZZ_SEED=random; FUZZ_SEED=<n> replays a reported failure.
 */
export function seed(): number | undefined {
  const env = process.env.FUZZ_SEED;
  if (env === 'random') return undefined;
  if (env && Number.isInteger(Number(env))) return Number(env);
  return process.env.FUZZ_RUNS ? undefined : 20261125;
}

/** Runs per property: small in `npm test`, FUZZ_RUNS in `npm run fuzz`. */
export function runs(quick: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : quick;
}

const EXAMPLES = resolve(__dirname, '../../examples');

/** Real manifests (examples/*.yaml): the starting points mutations are made from. */
export const MANIFESTS: string[] = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(EXAMPLES, f), 'utf8'))
  .concat([
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {app: a}\nspec:\n  containers: [{name: c, image: nginx}]\n  topologySpreadConstraints:\n    - maxSkew: 1\n      topologyKey: topology.kubernetes.io/zone\n      whenUnsatisfiable: DoNotSchedule\n      labelSelector: {matchLabels: {app: a}}\n',
  ]);

const TOKENS = [
  '- ', ': ', ':', ', ', '[', ']', '{', '}', '? ', '&a ', '&b ', '*a', '*b', '<<: *a', '<<: ', '!!js/function ', '!tag ', '!!str ', '!!binary ',
  '!!merge ', '%YAML 1.2\n', '%TAG ! tag:x,2000:\n', '---\n', '---', '...\n', '\n', '\r\n', '\r', '  ', '    ', '\t', '"', "'", '\\', '# c', '|\n', '>-\n', '|2-\n',
  'apiVersion: v1\n', 'apiVersion: apps/v1\n', 'kind: Pod\n', 'kind: Deployment\n', 'kind: StatefulSet\n', 'kind: DaemonSet\n', 'kind: CronJob\n',
  'metadata:\n', 'name: a', 'labels:', 'app: a', 'spec:\n', 'replicas: ', 'selector:', 'matchLabels:', 'template:\n', 'containers: [{name: c, image: i}]',
  'topologySpreadConstraints:\n', 'maxSkew: ', 'minDomains: ', 'topologyKey: ', 'topology.kubernetes.io/zone', 'kubernetes.io/hostname', 'whenUnsatisfiable: ',
  'DoNotSchedule', 'ScheduleAnyway', 'labelSelector:', 'matchLabelKeys: [pod-template-hash]', 'matchExpressions: [{key: app, operator: In, values: [a]}]',
  'nodeAffinityPolicy: Honor', 'nodeTaintsPolicy: Ignore', 'nodeSelector: {a: b}', 'tolerations: [{operator: Exists}]', 'affinity:',
  '0', '1', '-1', '3', '1e9', '100000000', '0x1F', '.inf', '.nan', '~', 'null', 'true', 'yes', 'on', '2001-12-14', '\u0000', '\uFEFF', '\u00e9', '\uD83D\uDE00', '\uD800', '{{ .Values.x }}',
];

/** YAML-ish token soup: mostly broken, sometimes a valid manifest. */
export const yamlSoup: fc.Arbitrary<string> = fc.array(fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
), { maxLength: 80 }).map((parts) => parts.join(''));

/** Any Unicode text, including lone surrogates and control characters. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '-', ' ', '\n', ':', '&', '*', '!', '?', '|', '>', '#', '"', "'", '\t', 'a'), maxLength: 300 }),
);

export interface Edit { at: number; del: number; insert: string }

/** An edit at a relative position (0..1 of the text), so it applies to any text. */
export const edit: fc.Arbitrary<{ pos: number; del: number; insert: string }> = fc.record({
  pos: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 40 })),
  insert: fc.oneof(fc.constant(''), fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })),
});

export function applyEdit(text: string, e: { pos: number; del: number; insert: string }): { text: string; edit: Edit } {
  const at = Math.min(text.length, Math.floor(e.pos * (text.length + 1)));
  const del = Math.min(e.del, text.length - at);
  return { text: text.slice(0, at) + e.insert + text.slice(at + del), edit: { at, del, insert: e.insert } };
}

/** A real manifest after a few random edits: what a file looks like mid-typing. */
export const editedManifest: fc.Arbitrary<string> = fc.tuple(fc.constantFrom(...MANIFESTS), fc.array(edit, { minLength: 1, maxLength: 8 }))
  .map(([base, edits]) => edits.reduce((t, e) => applyEdit(t, e).text, base));

/** Windows line endings: the same texts with every LF written as CRLF. */
export const crlf: fc.Arbitrary<string> = fc.oneof(editedManifest, yamlSoup).map((t) => t.replace(/\r?\n/g, '\r\n'));
