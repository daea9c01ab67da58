// Byte-identity check for performance work on `check`: runs the built CLI's `check --format json`
// (and `--format sarif`) on every example and every real-world corpus file, one process per file plus
// one run over all of them at once, and writes each output with its exit code into OUT_DIR. Run it
// before and after a change and compare the two directories (`--compare A B` prints what differs).
//   node bench/check-outputs.mjs --bin bin/kube-spread.js --out /tmp/before
//   node bench/check-outputs.mjs --compare /tmp/before /tmp/after
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (n) => { const i = process.argv.indexOf(n); return i >= 0 ? process.argv[i + 1] : undefined; };

function files(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (/\.(ya?ml|json)$/.test(e.name)) out.push(p);
  }
  return out;
}

if (process.argv.includes('--compare')) {
  const [a, b] = [arg('--compare'), process.argv[process.argv.indexOf('--compare') + 2]];
  const names = [...new Set([...readdirSync(a), ...readdirSync(b)])].sort();
  let diff = 0;
  for (const n of names) {
    const x = existsSync(join(a, n)) ? readFileSync(join(a, n), 'utf8') : '<missing>';
    const y = existsSync(join(b, n)) ? readFileSync(join(b, n), 'utf8') : '<missing>';
    if (x !== y) { diff++; console.log(`differs: ${n}`); }
  }
  console.log(`${names.length} outputs compared, ${diff} differ`);
  process.exit(diff ? 1 : 0);
}

const bin = resolve(arg('--bin') ?? join(ROOT, 'bin/kube-spread.js'));
const out = resolve(arg('--out') ?? '/tmp/kube-spread-check-outputs');
mkdirSync(out, { recursive: true });
const inputs = [...files(join(ROOT, 'examples')), ...files(join(ROOT, '..', 'shared', 'corpus', 'real-world'))];
const run = (label, args) => {
  const r = spawnSync(process.execPath, [bin, 'check', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  writeFileSync(join(out, label), `exit ${r.status}\n${r.stdout}\n--- stderr\n${r.stderr}`);
};
for (const f of inputs) {
  const rel = relative(ROOT, f);
  const label = rel.replace(/[/\\]/g, '__');
  run(`${label}.json.txt`, ['--format', 'json', rel]);
}
run('ALL.json.txt', ['--format', 'json', ...inputs.map((f) => relative(ROOT, f))]);
run('ALL.sarif.txt', ['--format', 'sarif', ...inputs.map((f) => relative(ROOT, f))]);
run('ALL.text.txt', inputs.map((f) => relative(ROOT, f)));
console.log(`${inputs.length + 3} outputs written to ${out}`);

