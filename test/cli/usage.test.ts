// The CLI as people use it (issue 13), through the built CLI: broken YAML is refused instead of
// simulated, CI never passes on nothing, every subcommand has its help and its flags are checked
// with messages a person can act on, a closed pipe or a bad symbolic link does not crash the run,
// standard input is read once, big answers stay readable, and a cluster scaled to zero is answered
// as kube-scheduler would.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/kube-spread.js');
const WEB = 'examples/web.yaml';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], opts: { input?: string; cwd?: string } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', input: opts.input ?? '', maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, nothing on stdout, one line on stderr matching `want`. */
function refused(r: Run, want: RegExp): void {
  assert.equal(r.status, 2, `${r.stdout}\n${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, want);
  assert.match(r.stderr, /^kube-spread: [^\n]*\n$/, r.stderr);
}

const DEPLOYMENT = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 3
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: c
          image: nginx
`;

const UNCLOSED_BRACE = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web\nspec:\n  replicas: 3\n';
const TAB_INDENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n\treplicas: 3\n';

describe('kube-spread: the CLI as people use it (built CLI)', function () {
  this.timeout(300_000);
  let dir: string;
  const at = (...p: string[]) => join(dir, ...p);

  before(() => {
    // dist/cli.js as scripts/build.mjs makes it, built alone so a half-edited server.ts elsewhere cannot stop it.
    buildSync({ entryPoints: [join(ROOT, 'server/src/cli/main.ts')], outfile: join(ROOT, 'dist/cli.js'), bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'linked', logLevel: 'warning' });
    dir = mkdtempSync(join(tmpdir(), 'kube-spread-usage-'));
    writeFileSync(at('brace.yaml'), UNCLOSED_BRACE);
    writeFileSync(at('tab.yaml'), TAB_INDENT);
    writeFileSync(at('two.yaml'), `${DEPLOYMENT('good')}---\n${UNCLOSED_BRACE}`);
    mkdirSync(at('json-only'));
    writeFileSync(at('json-only', 'web.json'), JSON.stringify({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: {
        containers: [{ name: 'c', image: 'nginx' }],
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'api' } } }],
      } } },
    }, null, 2));
    writeFileSync(at('json-only', 'package.json'), '{"name": "not-a-manifest", "version": "1.0.0"}\n');
    mkdirSync(at('no-yaml', 'docs'), { recursive: true });
    writeFileSync(at('no-yaml', 'docs', 'README.md'), '# nothing to check here\n');
    mkdirSync(at('links'));
    writeFileSync(at('links', 'web.yaml'), DEPLOYMENT('web'));
    symlinkSync('missing.yaml', at('links', 'dangling.yaml'));
    symlinkSync('loop-b', at('links', 'loop-a'));
    symlinkSync('loop-a', at('links', 'loop-b'));
    symlinkSync('..', at('links', 'up'));
    mkdirSync(at('cluster'));
    writeFileSync(at('cluster', 'nodes.yaml'), 'apiVersion: kube-spread.dev/v1alpha1\nkind: ClusterFixture\nzones: [a, b]\nnodePools: [{name: w, count: 4}]\n');
    const clusterFixture = (pools: string) => `apiVersion: kube-spread.dev/v1alpha1\nkind: ClusterFixture\nzones: [zone-a, zone-b, zone-c]\nnodePools:\n${pools}`;
    writeFileSync(at('big.yaml'), clusterFixture('  - {name: general, count: 297}\n  - {name: db, count: 3, taints: ["dedicated=db:NoSchedule"]}\n'));
    writeFileSync(at('zero.yaml'), clusterFixture('  - {name: general, count: 0}\n  - {name: spot, perZone: 0}\n'));
    writeFileSync(at('empty-list.yaml'), 'apiVersion: v1\nkind: List\nitems: []\n');
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  describe('1. broken YAML is refused, not simulated', () => {
    it('simulate: an unclosed { is a syntax error at its line and column, exit 2', () => {
      refused(run(['simulate', at('brace.yaml')]), new RegExp(`^kube-spread: ${at('brace.yaml')}:\\d+:\\d+: yaml/syntax: .+`));
    });

    it('explain and simulate: a tab in the indentation is refused, also from standard input (<stdin>)', () => {
      refused(run(['explain', at('tab.yaml')]), new RegExp(`^kube-spread: ${at('tab.yaml')}:6:1: yaml/syntax: Tabs are not allowed as indentation`));
      refused(run(['simulate', '-'], { input: TAB_INDENT }), /^kube-spread: <stdin>:6:1: yaml\/syntax: Tabs are not allowed/);
    });

    it('a broken document elsewhere in the file: refused when the workload is picked for the user, not with --document N', () => {
      refused(run(['simulate', at('two.yaml')]), /two\.yaml:\d+:\d+: yaml\/syntax/);
      const ok = run(['simulate', at('two.yaml'), '--document', '0', '--format', 'json']);
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(JSON.parse(ok.stdout).workload.name, 'good');
      refused(run(['simulate', at('two.yaml'), '--document', '1']), /yaml\/syntax/);
    });
  });

  describe('2. CI never goes green on nothing', () => {
    it('empty standard input is an error (exit 2) unless --allow-empty', () => {
      refused(run(['check', '-']), /nothing to check: <stdin>: no YAML or JSON document \(pass --allow-empty/);
      const allowed = run(['check', '-', '--allow-empty']);
      assert.equal(allowed.status, 0, allowed.stderr);
      assert.match(allowed.stdout, /1 file\(s\), 0 document\(s\)/);
    });

    it('a directory without YAML or JSON is an error', () => {
      refused(run(['check', at('no-yaml')]), /nothing to check: no \*\.yaml, \*\.yml or \*\.json file in .*no-yaml/);
      assert.equal(run(['check', at('no-yaml'), '--allow-empty']).status, 0);
    });

    it('JSON manifests in a directory are checked; a JSON file that is no manifest says so', () => {
      const r = run(['check', at('json-only'), '--format', 'json']);
      assert.equal(r.status, 1, r.stderr);
      const out = JSON.parse(r.stdout) as { files: number; diagnostics: { file: string; code: string }[] };
      assert.equal(out.files, 2);
      assert.deepEqual(out.diagnostics.map((d) => [d.file, d.code]), [
        [at('json-only', 'package.json'), 'yaml/not-kubernetes'],
        [at('json-only', 'web.json'), 'lint/selector-not-self'],
      ]);
    });
  });

  describe('3. help for every subcommand, and flags checked in words', () => {
    const HELP: [string[], string[]][] = [
      [['check', '--help'], ['--cluster', '--format text|json|sarif', '--k8s-version', '--feature-gates', '--scheduler-config', '--allow-empty', '--help']],
      [['simulate', '-h'], ['--document', '--cluster', '--replicas', '--format text|json|svg', '--k8s-version', '--feature-gates', '--scheduler-config',
        '--rollout', '--no-compare', '--scale-to', '--without-domain', '--domain-loss remove|drain|outage', '--help']],
      [['explain', '--help'], ['--document', '--cluster', '--format text|json', '--k8s-version', '--feature-gates', '--scheduler-config', '--help']],
      [['fixture', '--help'], ['--cluster', '--format text|json', 'fixture capture', '--help']],
      [['fixture', 'capture', '--help'], ['--context', '-n, --namespace', '-o, --output', '--anonymize', '--kubeconfig', '--page-size', '--timeout', '--help']],
    ];
    for (const [args, flags] of HELP) {
      it(`${args.join(' ')}: exit 0, every flag and --format value`, () => {
        const r = run(args);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stderr, '');
        assert.match(r.stdout, new RegExp(`^kube-spread ${args.filter((a) => !a.startsWith('-')).join(' ')}: `));
        for (const f of flags) assert.ok(r.stdout.includes(f), `${args.join(' ')}: ${f} missing from\n${r.stdout}`);
      });
    }

    it('kube-spread help COMMAND is the same text; the top-level help points to it', () => {
      assert.equal(run(['help', 'simulate']).stdout, run(['simulate', '--help']).stdout);
      assert.match(run(['--help']).stdout, /kube-spread COMMAND --help/);
    });

    const USAGE: [string, string[], RegExp][] = [
      ['a misspelled flag', ['simulate', WEB, '--replica', '3'], /^kube-spread: Unknown option '--replica' for simulate \(did you mean --replicas\?\)\n$/],
      ['a flag of another command', ['check', '--replicas', '3'], /--replicas belongs to simulate/],
      ['a negative replica count', ['simulate', WEB, '--replicas', '-1'], /^kube-spread: --replicas must be an integer >= 0\n$/],
      ['--domain-loss without --without-domain', ['simulate', WEB, '--domain-loss', 'drain'], /^kube-spread: --domain-loss does nothing without --without-domain\n$/],
      ['--no-compare without --rollout', ['simulate', WEB, '--no-compare'], /^kube-spread: --no-compare does nothing without --rollout\n$/],
      ['two different --format values', ['simulate', WEB, '--format', 'json', '--format', 'text'], /^kube-spread: --format is given twice with different values \(json, text\); give it once\n$/],
      ['two different --document values', ['explain', WEB, '--document', '0', '--document', '1'], /--document is given twice with different values \(0, 1\)/],
      ['a value for a switch', ['simulate', WEB, '--rollout=yes'], /^kube-spread: --rollout takes no value\n$/],
      ['a flag without its value', ['simulate', WEB, '--replicas'], /^kube-spread: --replicas needs a value \(N\)\n$/],
      ['a misspelled command', ['simulte', WEB], /did you mean simulate\?/],
    ];
    for (const [name, args, want] of USAGE) it(name, () => refused(run(args), want));

    it('the same value given twice is fine', () => {
      const r = run(['simulate', WEB, '--format', 'json', '--format', 'json', '--replicas', '2']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).placements.length, 2);
    });
  });

  describe('4. a closed pipe and bad symbolic links do not crash the run', () => {
    it('… | head: no EPIPE stack trace', () => {
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" simulate ${WEB} --replicas 5000 --format json | head -c 100 > /dev/null`], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.stderr, '');
    });

    it('a dangling link, a link loop and a link back up inside a directory: skipped with a warning each', () => {
      const r = run(['check', at('links'), '--format', 'json']);
      assert.doesNotMatch(r.stderr, /internal error/);
      assert.match(r.stderr, /links\/dangling\.yaml: dangling symbolic link, skipped/);
      assert.match(r.stderr, /links\/loop-a: symbolic link loop, skipped/);
      assert.match(r.stderr, /symbolic link loop \(leads back to/);
      const out = JSON.parse(r.stdout) as { diagnostics: { file: string }[] };
      assert.ok(out.diagnostics.some((d) => d.file === at('links', 'web.yaml')));
    });
  });

  describe('5. standard input once, paths as given', () => {
    it('- for FILE and --cluster, or twice for check: exit 2', () => {
      refused(run(['simulate', '-', '--cluster', '-']), /^kube-spread: standard input can be read once, but - is given for FILE and --cluster\n$/);
      refused(run(['check', '-', '-']), /^kube-spread: standard input can be read once, but - is given 2 times for FILE\n$/);
    });

    it('--cluster D --cluster D/ reads D once', () => {
      const r = run(['fixture', '--cluster', at('cluster'), '--cluster', `${at('cluster')}/`, '--format', 'json']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).nodes.length, 4);
    });

    it('files are reported by the path as given, standard input as <stdin>', () => {
      const r = run(['check', at('json-only', 'web.json'), '--format', 'json'], { cwd: join(ROOT, 'examples') });
      assert.deepEqual((JSON.parse(r.stdout) as { diagnostics: { file: string }[] }).diagnostics.map((d) => d.file), [at('json-only', 'web.json')]);
      refused(run(['explain', '-'], { input: 'kind: ConfigMap\n' }), /^kube-spread: <stdin>: no Pod or workload/);
      const fromStdin = run(['fixture', '--cluster', '-', '--format', 'json'], { input: 'apiVersion: kube-spread.dev/v1alpha1\nkind: ClusterFixture\nnodePools: [{name: w}]\n' });
      assert.equal(JSON.parse(fromStdin.stdout).source, '<stdin>');
    });
  });

  describe('6. big answers stay readable; JSON keeps everything', () => {
    it('--replicas 0 says that nothing was simulated', () => {
      const r = run(['simulate', WEB, '--replicas', '0']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /Deployment default\/web: 0 replicas simulated/);
      assert.doesNotMatch(r.stdout, /No spread constraint applies/);
    });

    it('--replicas 30000: the cap in the header and in JSON, replica ranges, short lines', () => {
      const text = run(['simulate', WEB, '--replicas', '30000']);
      assert.equal(text.status, 1);
      assert.match(text.stdout, /Deployment default\/web: 30000 replica\(s\) requested, only the first 20000 simulated/);
      assert.match(text.stdout, /^ {2}replicas \d+-19999: 0\/9 nodes are available/m);
      assert.ok(Math.max(...text.stdout.split('\n').map((l) => l.length)) < 400, 'no line is a list of thousands of replicas');
      const json = JSON.parse(run(['simulate', WEB, '--replicas', '30000', '--format', 'json']).stdout);
      assert.deepEqual(json.replicaLimit, { requested: 30000, simulated: 20000, limit: 20000 });
      assert.equal(json.workload.replicas, 20000);
      assert.equal(json.placements.length + json.pending.length, 20000);
    });

    it('300 nodes: simulate, explain and fixture print per zone in text, every node in JSON', () => {
      const cluster = ['--cluster', at('big.yaml')];
      const sim = run(['simulate', WEB, ...cluster, '--replicas', '120']);
      assert.equal(sim.status, 0, sim.stderr);
      assert.match(sim.stdout, /kubernetes\.io\/hostname {2}skew \d+ {2}\(297 domains, summed per topology\.kubernetes\.io\/zone\)/);
      assert.match(sim.stdout, /^ {2}zone-a: 40 on 40 node\(s\): replicas /m);
      const explain = run(['explain', WEB, ...cluster]);
      assert.match(explain.stdout, /300 nodes, per topology\.kubernetes\.io\/zone:/);
      assert.match(explain.stdout, /^ +3 node\(s\) {2}TaintToleration: node\(s\) had untolerated taint\(s\)/m);
      const fixture = run(['fixture', ...cluster]);
      assert.match(fixture.stdout, /^zone-a +100 +0 +0 {2}dedicated=db:NoSchedule \(1\)$/m);
      for (const r of [sim, explain, fixture]) assert.ok(r.stdout.split('\n').length < 60, r.stdout);
      assert.equal(JSON.parse(run(['explain', WEB, ...cluster, '--format', 'json']).stdout).nodes.length, 300);
      assert.equal(JSON.parse(run(['fixture', ...cluster, '--format', 'json']).stdout).nodes.length, 300);
    });
  });

  describe('7. clusters without nodes', () => {
    it('an empty List is refused', () => {
      refused(run(['simulate', WEB, '--cluster', at('empty-list.yaml')]), /empty-list\.yaml:1:1: fixture has no nodes/);
    });

    it('node pools scaled to zero: a warning, and every replica Pending as kube-scheduler says it', () => {
      const r = run(['simulate', WEB, '--cluster', at('zero.yaml'), '--format', 'json']);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /^kube-spread: warning: .*zero\.yaml:\d+:\d+: the cluster has no nodes \(every node pool is scaled to zero\)/);
      const s = JSON.parse(r.stdout);
      assert.equal(s.cluster.nodes, 0);
      assert.deepEqual(s.placements, []);
      assert.equal(s.pending.length, 12);
      for (const p of s.pending) assert.equal(p.message, 'no nodes available to schedule pods');
      assert.ok(s.notes.some((n: string) => /no nodes/.test(n)), s.notes.join('\n'));
      const e = run(['explain', WEB, '--cluster', at('zero.yaml')]);
      assert.equal(e.status, 1);
      assert.match(e.stdout, /Unschedulable: no nodes available to schedule pods/);
    });
  });
});
