// Hostile input, as a table: what an editor or CI feeds kube-spread on a bad day. Each case says which
// findings it must produce (codes that must be there), which must not, and the CLI's exit code. The
// same table runs through checkText (hostile.test.ts), `kube-spread check` (cli.test.ts), the
// language server (test/lsp/hostile.test.ts) and the timing run (test/fuzz/bench-hostile.ts).

export interface HostileCase {
  name: string;
  /** The file's bytes (a string is written as UTF-8). Built lazily: some are 20 MB. */
  input: () => string | Buffer;
  /** Codes that must be among the findings. */
  codes: string[];
  /** Codes that must not be (e.g. no yaml/ error for valid YAML). */
  notCodes?: string[];
  /** `kube-spread check FILE`: 0 no errors, 1 errors; never a crash. */
  exit: 0 | 1;
  /** Seconds through a fresh CLI process: run there only in the long run (`npm run fuzz`, FULL below). */
  slow?: boolean;
  /** Extra checks on the findings (exact position, message). */
  check?: (findings: { code: string; message: string; range: { start: { line: number; character: number } } }[], text: string) => void;
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {app: a}\nspec:\n  containers: [{name: c, image: nginx}]\n';
/** A pod with one API error (maxSkew: 0) at line 8, character 16 (0-based), so positions can be compared across line ends. */
const BAD_POD = `${POD}  topologySpreadConstraints:\n    - {maxSkew: 0, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: a}}}\n`;

function billionLaughs(levels: number): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: lol}', 'data:', '  lol0: &lol0 "lol"'];
  for (let i = 1; i < levels; i++) lines.push(`  lol${i}: &lol${i} [${Array(10).fill(`*lol${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

function expectAt(code: string, line: number, character: number): HostileCase['check'] {
  return (findings) => {
    const f = findings.find((x) => x.code === code);
    if (!f) throw new Error(`no ${code}`);
    if (f.range.start.line !== line || f.range.start.character !== character) {
      throw new Error(`${code} at ${f.range.start.line}:${f.range.start.character}, expected ${line}:${character}`);
    }
  };
}

/** Set by `npm run fuzz`: also run the slow cases where each costs seconds (CLI processes, fixtures). */
export const FULL = process.env.KUBE_SPREAD_FULL === '1';

export const HOSTILE: HostileCase[] = [
  { name: 'alias bomb (billion laughs, 10 levels of 10)', input: () => billionLaughs(10), codes: ['yaml/alias-limit'], exit: 1 },
  { name: 'alias bomb next to a good document', input: () => `${billionLaughs(10)}---\n${BAD_POD}`, codes: ['yaml/alias-limit', 'api/maxSkew-positive'], exit: 1 },
  { name: 'recursive alias (a: &a [*a])', input: () => 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: r}\ndata: &d {x: [*d]}\n', codes: ['yaml/invalid'], exit: 1 },
  { name: 'unresolved alias', input: () => 'apiVersion: v1\nkind: Pod\nmetadata: {name: *nope}\n', codes: ['yaml/invalid'], exit: 1 },
  { name: 'nesting: 10,000 flow sequences', input: () => `a: ${'['.repeat(10000)}${']'.repeat(10000)}\n`, codes: ['yaml/too-deep'], exit: 1, check: expectAt('yaml/too-deep', 0, 202) },
  { name: 'nesting: 10,000 flow mappings', input: () => `a: ${'{a: '.repeat(10000)}1${'}'.repeat(10000)}\n`, codes: ['yaml/too-deep'], exit: 1 },
  { name: 'nesting: 10,000 compact block sequences', input: () => `x:\n${'- '.repeat(10000)}y\n`, codes: ['yaml/too-deep'], exit: 1 },
  { name: 'nesting: 10,000 unclosed brackets', input: () => `a: ${'['.repeat(10000)}\n`, codes: ['yaml/too-deep'], exit: 1 },
  { name: 'nesting: 3,000 indented block mappings', input: () => Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'), codes: ['yaml/too-deep'], exit: 1 },
  { name: '20 MB file', input: () => ('---\n' + POD).repeat(Math.ceil(20e6 / (POD.length + 4))), codes: ['yaml/too-large'], notCodes: ['yaml/syntax'], slow: true, exit: 0 },
  { name: '200,000-line file (one 200,000-key mapping)', input: () => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${Array.from({ length: 200000 }, (_, i) => `  k${i}: v`).join('\n')}\n`, codes: [], notCodes: ['yaml/syntax', 'yaml/duplicate-key'], slow: true, exit: 0 },
  { name: '50,000 duplicate keys', input: () => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata:\n${'  a: "1"\n'.repeat(50000)}`, codes: ['yaml/duplicate-key'], slow: true, exit: 1 },
  { name: '100,000 empty documents', input: () => '---\n'.repeat(100000), codes: [], notCodes: ['yaml/syntax'], slow: true, exit: 0 },
  { name: 'very long line (4 MB quoted value)', input: () => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: "${'x'.repeat(4_000_000)}"}\n`, codes: [], notCodes: ['yaml/syntax'], slow: true, exit: 0 },
  { name: 'very long line (1 MB key)', input: () => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {${'k'.repeat(1_000_000)}: v}\n`, codes: [], exit: 0 },
  { name: 'binary data (100 KB of bytes)', input: () => Buffer.from(Array.from({ length: 100000 }, (_, i) => (i * 7919 + (i >> 3)) % 256)), codes: [], exit: 0 },
  { name: 'invalid UTF-8 inside a manifest', input: () => Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: "'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('"}\n')]), codes: [], notCodes: ['yaml/syntax'], exit: 0 },
  { name: 'NUL and control characters', input: () => 'apiVersion: v1\nkind: Pod\nmetadata: {name: "a\u0000b\u0007"}\n\u0000\u0001\u0002\n', codes: ['yaml/syntax'], exit: 1 },
  { name: 'lone surrogates', input: () => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: "\uD800", "\uDFFF": b}\n`, codes: [], exit: 0 },
  { name: 'byte order mark: positions unchanged', input: () => `\uFEFF${BAD_POD}`, codes: ['api/maxSkew-positive'], notCodes: ['yaml/syntax'], exit: 1, check: expectAt('api/maxSkew-positive', 8, 16) },
  { name: 'LF line ends (the reference for the two below)', input: () => BAD_POD, codes: ['api/maxSkew-positive'], exit: 1, check: expectAt('api/maxSkew-positive', 8, 16) },
  { name: 'CRLF line ends: positions unchanged', input: () => BAD_POD.replace(/\n/g, '\r\n'), codes: ['api/maxSkew-positive'], notCodes: ['yaml/syntax'], exit: 1, check: expectAt('api/maxSkew-positive', 8, 16) },
  { name: 'lone CR line ends (old Mac): lines as the editor counts them', input: () => BAD_POD.replace(/\n/g, '\r'), codes: ['api/maxSkew-positive'], exit: 1, check: expectAt('api/maxSkew-positive', 8, 16) },
  { name: 'CRLF: a syntax error that yaml places on the CR stays inside its line (fuzz counterexample)', input: () => '{- \r\n', codes: ['yaml/syntax'], exit: 1, check: expectAt('yaml/syntax', 0, 1) },
  { name: 'tab indentation', input: () => 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: a\n', codes: ['yaml/syntax'], exit: 1, check: expectAt('yaml/syntax', 3, 0) },
  { name: 'documents that are only ---', input: () => '---\n---\n---\n', codes: [], notCodes: ['yaml/syntax'], exit: 0 },
  { name: 'only ... and ---', input: () => '...\n---\n...\n--- \n', codes: [], exit: 0 },
  { name: '!!js/function is never executed', input: () => 'apiVersion: v1\nkind: Pod\nmetadata: {name: !!js/function "function () { globalThis.kubeSpreadPwned = true; process.exit(3) }"}\nspec: {containers: [{name: c, image: nginx}]}\n', codes: ['yaml/warning'], exit: 0 },
  { name: 'unknown !tags and !!python/object are left unresolved', input: () => 'apiVersion: v1\nkind: !Pod Pod\nmetadata: {name: !!python/object:os.system "rm -rf /", labels: !!set {a}}\nspec: !include other.yaml\n', codes: ['yaml/warning'], exit: 1 },
  { name: 'duplicate keys', input: () => `${POD}kind: Service\n`, codes: ['yaml/duplicate-key'], exit: 1, check: expectAt('yaml/duplicate-key', 7, 0) },
  { name: 'merge keys (<<) are applied', input: () => 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: &l {app: a}\nspec:\n  <<: {containers: [{name: c, image: nginx}]}\n  topologySpreadConstraints:\n    - <<: {maxSkew: 0, topologyKey: kubernetes.io/hostname}\n      whenUnsatisfiable: DoNotSchedule\n      labelSelector: {matchLabels: *l}\n', codes: ['api/maxSkew-positive'], notCodes: ['schema/required', 'yaml/syntax'], exit: 1 },
  { name: 'self-merge (<<: *self)', input: () => 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: x\n  <<: *m\n', codes: ['yaml/alias-limit'], exit: 1 },
  { name: '__proto__ and constructor keys pollute nothing', input: () => 'apiVersion: v1\nkind: Pod\n__proto__: {polluted: yes}\nmetadata: {name: a, constructor: {prototype: {polluted: yes}}, labels: {__proto__: x}}\nspec: {containers: [{name: c, image: nginx}]}\n', codes: ['schema/unknown-field'], exit: 0 },
  { name: 'replicas: 100000000', input: () => 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 100000000\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: c, image: nginx}]\n', codes: ['spread/replicas-limit'], exit: 0 },
  { name: 'huge numbers (1e308, 2^64, .inf, .nan)', input: () => `${POD.replace('metadata:', 'metadata:\n  generation: 1e308')}  priority: 18446744073709551616\n  terminationGracePeriodSeconds: .inf\n  activeDeadlineSeconds: .nan\n`, codes: [], exit: 1 },
  { name: 'Helm template', input: () => 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x" . }}\n{{- if .Values.on }}\nspec: {}\n{{- end }}\n', codes: ['yaml/helm-template'], exit: 0 },
  { name: 'empty file', input: () => '', codes: [], exit: 0 },
  { name: 'whitespace and comments only', input: () => '  \n# nothing\n\t\n', codes: [], exit: 0 },
];
