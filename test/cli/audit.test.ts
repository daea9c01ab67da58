// `kube-spread audit` end to end through the built CLI: the drifted example's exact counts, the JSON
// contract of docs/audit.md, the Markdown report, exit codes (--fail-on, the project file's
// audit.failOn), and a fixture without workloads refused instead of passing on nothing.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/kube-spread.js');
const DRIFTED = join(ROOT, 'examples/drifted-cluster.yaml');

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', input: '' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: audit', function () {
  this.timeout(120_000);
  let dir = '';

  before(() => {
    // dist/cli.js as scripts/build.mjs makes it, built alone so a half-edited server.ts elsewhere cannot stop it.
    buildSync({ entryPoints: [join(ROOT, 'server/src/cli/main.ts')], outfile: join(ROOT, 'dist/cli.js'), bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'linked', logLevel: 'warning' });
    dir = mkdtempSync(join(tmpdir(), 'kube-spread-audit-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('text: the drifted zone spread is shown with its exact counts, worst first, and exits 1', () => {
    const r = run(['audit', '--cluster', DRIFTED]);
    assert.equal(r.status, 1, r.stderr);
    const rows = r.stdout.split('\n');
    const first = rows.findIndex((l) => l.startsWith('WORKLOAD'));
    assert.match(rows[first + 1], /^shop\/Deployment\/checkout +#0 topology\.kubernetes\.io\/zone DoNotSchedule +1 +3 +VIOLATED +eu-west-1a=3 eu-west-1b=0 eu-west-1c=1$/);
    assert.match(r.stdout, /Pending pods:\n {2}shop\/reports-5f8d7b9c6-q9z4v \(Deployment reports\): 0\/6 nodes are available: 6 Insufficient cpu\./);
  });

  it('json: the contract of docs/audit.md', () => {
    const r = run(['audit', '--cluster', DRIFTED, '--format', 'json']);
    assert.equal(r.status, 1, r.stderr);
    const j = JSON.parse(r.stdout);
    for (const k of ['cluster', 'workloads', 'descheduler', 'summary', 'notes', 'failOn', 'failed']) assert.ok(k in j, k);
    assert.equal(j.descheduler, null);
    assert.equal(j.failOn, 'DoNotSchedule');
    assert.equal(j.failed, true);
    const checkout = j.workloads[0];
    assert.deepEqual([checkout.kind, checkout.namespace, checkout.name, checkout.pending], ['Deployment', 'shop', 'checkout', 0]);
    const c = checkout.constraints[0];
    for (const k of ['index', 'topologyKey', 'maxSkew', 'whenUnsatisfiable', 'source', 'counts', 'skew', 'violated']) assert.ok(k in c, k);
    assert.deepEqual(c.counts, { 'eu-west-1a': 3, 'eu-west-1b': 0, 'eu-west-1c': 1 });
    assert.deepEqual([c.index, c.maxSkew, c.skew, c.violated, c.source, c.whenUnsatisfiable], [0, 1, 3, true, 'pod', 'DoNotSchedule']);
    // matchLabelKeys as merged: the selector the scheduler counts with holds the pod-template-hash.
    assert.match(c.selector, /pod-template-hash=6b7f9c4d8/);
    const reports = j.workloads.find((w: { name: string }) => w.name === 'reports');
    assert.equal(reports.pending, 1);
    assert.deepEqual(reports.constraints.map((x: { source: string }) => x.source), ['system-default', 'system-default']);
    assert.deepEqual(j.summary, { workloads: 3, constraints: 5, violated: { DoNotSchedule: 1, ScheduleAnyway: 1 }, pending: 1 });
  });

  it('a violation in the fixture exits 1 even when the descheduler dry run converges (docs/audit.md, Exit codes)', () => {
    const r = run(['audit', '--cluster', DRIFTED, '--descheduler', '--format', 'json']);
    assert.equal(r.status, 1, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual([j.descheduler.converged, j.descheduler.loop, j.failed], [true, false, true]);
    // The last round evicts nothing: the dry run would repair the spread; the cluster as captured still violates it.
    assert.equal(j.descheduler.rounds.at(-1).evictions.length, 0);
    assert.equal(run(['audit', '--cluster', DRIFTED, '--descheduler', '--fail-on', 'never']).status, 0);
  });

  it('markdown: a report with the table and the violation', () => {
    const r = run(['audit', '--cluster', DRIFTED, '--format', 'markdown']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^## kube-spread audit: `/);
    assert.match(r.stdout, /\| Workload \| Constraint \| maxSkew \| Skew \| Status \| Pending \| Counts \|/);
    assert.match(r.stdout, /\| `shop\/Deployment\/checkout` \| #0 topology\.kubernetes\.io\/zone DoNotSchedule \| 1 \| 3 \| \*\*violated\*\* \|/);
  });

  it('--fail-on: never passes, any also fails on a soft constraint, a bad value is refused', () => {
    assert.equal(run(['audit', '--cluster', DRIFTED, '--fail-on', 'never']).status, 0);
    const soft = join(dir, 'soft.yaml');
    // Only the ScheduleAnyway hostname constraint is over its maxSkew: two pods on one node, none on the other.
    writeFileSync(soft, `apiVersion: v1
kind: List
items:
- {kind: Node, metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}, status: {allocatable: {pods: "110"}}}
- {kind: Node, metadata: {name: n2, labels: {kubernetes.io/hostname: n2}}, status: {allocatable: {pods: "110"}}}
${['a', 'b'].map((n) => `- {kind: Pod, metadata: {name: ${n}, labels: {app: x}}, spec: {nodeName: n1, containers: [{name: c}], topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: x}}}]}}`).join('\n')}
`);
    assert.equal(run(['audit', '--cluster', soft]).status, 0);
    assert.equal(run(['audit', '--cluster', soft, '--fail-on', 'any']).status, 1);
    const bad = run(['audit', '--cluster', soft, '--fail-on', 'warning']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--fail-on/);
  });

  it("the project file's audit.failOn sets the level; --fail-on wins; a bad value is refused with its line", () => {
    const project = mkdtempSync(join(dir, 'p-'));
    writeFileSync(join(project, '.kube-spread.yaml'), `cluster: ${DRIFTED}\naudit:\n  failOn: never\n`);
    assert.equal(run(['audit'], project).status, 0);
    assert.equal(run(['audit', '--fail-on', 'DoNotSchedule'], project).status, 1);
    writeFileSync(join(project, '.kube-spread.yaml'), `cluster: ${DRIFTED}\naudit:\n  failOn: sometimes\n`);
    const r = run(['audit'], project);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\.kube-spread\.yaml:3:11: audit\.failOn: must be one of DoNotSchedule, any, never/);
  });

  it('a fixture without any workload is refused (exit 2) unless --allow-empty, which says so', () => {
    const empty = join(dir, 'nodes.yaml');
    writeFileSync(empty, 'kind: Node\nmetadata: {name: n1}\nstatus: {allocatable: {pods: "110"}}\n');
    const r = run(['audit', '--cluster', empty]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /holds no workload .*nothing to audit/);
    const ok = run(['audit', '--cluster', empty, '--allow-empty']);
    assert.equal(ok.status, 0);
    assert.match(ok.stdout, /nothing was audited/);
  });

  it('takes no FILE; has its help', () => {
    assert.equal(run(['audit', 'x.yaml']).status, 2);
    const h = run(['audit', '--help']);
    assert.equal(h.status, 0);
    assert.match(h.stdout, /--descheduler-policy FILE/);
  });
});
