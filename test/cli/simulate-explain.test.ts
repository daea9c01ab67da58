// The built CLI (bin/kube-spread.js -> dist/cli.js) against the JSON contract of
// ../shared/docs/cli.md: explain, simulate, fixture, exit codes and one-line errors.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'kube-spread.js');
const FIX = join(ROOT, 'test', 'fixtures', 'cli');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 30000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[], input?: string) {
  const r = run([...args, '--format', 'json'], input);
  assert.equal(r.stderr.includes('internal error'), false, r.stderr);
  return { ...r, body: JSON.parse(r.stdout) };
}

describe('kube-spread CLI: simulate / explain / fixture', function () {
  this.timeout(60000);
  before(() => {
    const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  });

  it('simulate on the embedded sample: labelled as the sample, 12 replicas spread 4/4/4 by zone, ties reported', () => {
    const { code, body } = json(['simulate', 'examples/web.yaml']);
    assert.equal(code, 0);
    assert.equal(body.cluster.source, 'embedded-sample');
    assert.equal(body.cluster.embedded, true);
    assert.deepEqual(body.workload, { kind: 'Deployment', name: 'web', namespace: 'default', replicas: 12 });
    assert.equal(body.placements.length, 12);
    assert.deepEqual(body.pending, []);
    assert.deepEqual(body.distribution['topology.kubernetes.io/zone'], { 'zone-a': 4, 'zone-b': 4, 'zone-c': 4 });
    assert.equal(body.skew['topology.kubernetes.io/zone'], 0);
    for (const p of body.placements) {
      assert.ok(p.ties.includes(p.node), `replica ${p.replica}: ${p.node} not in ties ${p.ties}`);
      assert.equal([...p.ties].sort()[0], p.node, 'deterministic pick is the smallest name of the tie set');
      assert.equal(typeof p.domains['topology.kubernetes.io/zone'], 'string');
    }
    assert.ok(body.notes.some((n: string) => n.includes('embedded sample')));
  });

  it('simulate text output says it is the sample on its first line', () => {
    const r = run(['simulate', 'examples/web.yaml']);
    assert.equal(r.code, 0);
    assert.match(r.stdout.split('\n')[0], /^Cluster: embedded sample cluster/);
  });

  it('simulate against a fixture with an unusable zone: pending replicas, reasons, exit 1', () => {
    const { code, body } = json(['simulate', join(FIX, 'multi.yaml'), '--cluster', join(FIX, 'two-zones.yaml'), '--replicas', '4']);
    assert.equal(code, 1);
    assert.equal(body.cluster.embedded, false);
    // zone-c's only node is cordoned but still a domain with 0 pods: each zone may hold 1.
    assert.equal(body.placements.length, 2);
    assert.deepEqual(body.pending.map((p: { replica: number }) => p.replica), [2, 3]);
    assert.deepEqual(body.pending[0].reasons, {
      "node(s) didn't match pod topology spread constraints": 4,
      'node(s) were unschedulable': 1,
    });
    // The FitError, then the PostFilter's part: no pod of the cluster has a lower priority than this one.
    assert.equal(body.pending[0].message, "0/5 nodes are available: 1 node(s) were unschedulable, 4 node(s) didn't match pod topology spread constraints. preemption: 0/5 nodes are available: 1 Preemption is not helpful for scheduling, 4 No preemption victims found for incoming pod.");
  });

  it('simulate --format svg draws the domains', () => {
    const r = run(['simulate', 'examples/web.yaml', '--format', 'svg']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const z of ['zone-a', 'zone-b', 'zone-c']) assert.ok(r.stdout.includes(z), z);
    // One mark per replica (12), and the legend's two (new replica, pod already running).
    assert.equal((r.stdout.match(/<circle /g) ?? []).length, 12 + 2);
    assert.ok(!r.stdout.includes('<script'));
  });

  it('explain reports every filter of every node, first failure as status, scores for feasible nodes', () => {
    const { code, body } = json(['explain', 'examples/web.yaml']);
    assert.equal(code, 0);
    assert.equal(body.pod.kind, 'Deployment');
    assert.equal(body.nodes.length, 9);
    const db = body.nodes.find((n: { name: string }) => n.name === 'db-zone-a-1');
    assert.equal(db.feasible, false);
    assert.deepEqual(db.status, { plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reason: 'node(s) had untolerated taint(s)' });
    assert.equal(db.scores, null);
    const edge = body.nodes.find((n: { name: string }) => n.name === 'edge-1');
    assert.equal(edge.status.reason, "node(s) didn't match pod topology spread constraints (missing required label)");
    for (const n of body.nodes.filter((x: { feasible: boolean }) => x.feasible)) {
      assert.ok(n.filters.every((f: { code: string }) => f.code === 'Success'));
      assert.equal(typeof n.totalScore, 'number');
      for (const v of Object.values(n.scores) as number[]) assert.ok(v >= 0 && v <= 100);
    }
    const best = Math.max(...body.nodes.filter((n: { feasible: boolean }) => n.feasible).map((n: { totalScore: number }) => n.totalScore));
    assert.deepEqual(body.selected, body.nodes.filter((n: { totalScore?: number }) => n.totalScore === best).map((n: { name: string }) => n.name));
    const zone = body.constraints[0];
    assert.equal(zone.topologyKey, 'topology.kubernetes.io/zone');
    assert.equal(zone.source, 'pod');
    assert.deepEqual(zone.domains, { 'zone-a': 0, 'zone-b': 0, 'zone-c': 0 });
    assert.equal(zone.globalMinimum, 0);
    assert.equal(zone.eligibleDomains, 3);
    assert.match(zone.selector, /pod-template-hash=/, 'matchLabelKeys merged into the effective selector');
  });

  it('--document picks the object; a non-schedulable document is a usage error', () => {
    const a = json(['explain', join(FIX, 'multi.yaml'), '--document', '2']);
    assert.equal(a.body.pod.kind, 'Pod');
    assert.equal(a.body.pod.name, 'solo');
    const first = json(['explain', join(FIX, 'multi.yaml')]);
    assert.equal(first.body.pod.name, 'api', 'without --document: the first schedulable object');
    assert.equal(first.body.pod.namespace, 'shop');
    const bad = run(['explain', join(FIX, 'multi.yaml'), '--document', '0']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^kube-spread: .*document 0 is a ConfigMap, not a Pod or workload\n$/);
  });

  it('reads the manifest from standard input with -', () => {
    const { code, body } = json(['simulate', '-', '--replicas', '3'], readFileSync(join(ROOT, 'examples', 'web.yaml'), 'utf8'));
    assert.equal(code, 0);
    assert.equal(body.placements.length, 3);
  });

  it('pod with no constraints and no controller: no spreading, explained as such', () => {
    const { body } = json(['explain', join(FIX, 'multi.yaml'), '--document', '2']);
    assert.deepEqual(body.constraints, []);
  });

  it('fixture --format json summarises nodes and topology keys', () => {
    const { code, body } = json(['fixture', '--cluster', join(FIX, 'two-zones.yaml')]);
    assert.equal(code, 0);
    assert.equal(body.embedded, false);
    assert.equal(body.nodes.length, 5);
    assert.deepEqual(body.summary.topologyKeys['topology.kubernetes.io/zone'], ['zone-a', 'zone-b', 'zone-c']);
    assert.equal(body.nodes.filter((n: { unschedulable: boolean }) => n.unschedulable).length, 1);
  });

  it('a kube-scheduler-simulator export: its nodes, pods and scheduler configuration (PodTopologySpread weight 5, MostAllocated) decide', () => {
    const sim = join(ROOT, 'test', 'fixtures', 'clusters', 'simulator-export.json');
    const { code, body } = json(['explain', 'examples/web.yaml', '--cluster', sim]);
    assert.equal(code, 0);
    assert.equal(body.cluster.nodes, 4);
    const a2 = body.nodes.find((n: { name: string }) => n.name === 'sim-a2');
    // sim-a2 is empty: MostAllocated scores the web pod's own request (250m of 8 cpu: 3; 256Mi of 32Gi:
    // 0) at (3 + 0) / 2 = 1, where LeastAllocated would give 97; PodTopologySpread counts five times.
    assert.equal(a2.scores.NodeResourcesFit, 1);
    assert.equal(a2.totalScore, a2.scores.TaintToleration * 3 + a2.scores.NodeResourcesFit + a2.scores.PodTopologySpread * 5 + a2.scores.NodeResourcesBalancedAllocation + a2.scores.ImageLocality);
  });

  const usage: [string, string[], RegExp][] = [
    ['missing file', ['simulate', 'no/such.yaml'], /^kube-spread: no\/such.yaml: no such file\n$/],
    ['unknown command', ['frobnicate'], /^kube-spread: unknown command "frobnicate"/],
    ['unknown flag', ['simulate', 'examples/web.yaml', '--bogus'], /^kube-spread: Unknown option '--bogus'/],
    ['bad format', ['simulate', 'examples/web.yaml', '--format', 'xml'], /^kube-spread: --format must be one of text, json, svg\n$/],
    ['unsupported version', ['explain', 'examples/web.yaml', '--k8s-version', '1.12'], /^kube-spread: --k8s-version: "1.12" is not a supported version/],
    ['unknown gate', ['explain', 'examples/web.yaml', '--feature-gates', 'Nope=true'], /^kube-spread: --feature-gates: unrecognized feature gate: Nope/],
    ['broken fixture', ['simulate', 'examples/web.yaml', '--cluster', join(FIX, 'multi.yaml')], /^kube-spread: .*multi.yaml:1:1: fixture has no nodes/],
    ['no workload', ['simulate', join(FIX, 'two-zones.yaml')], /no Pod or workload/],
    ['bad replicas', ['simulate', 'examples/web.yaml', '--replicas', 'many'], /^kube-spread: --replicas must be an integer >= 0\n$/],
  ];
  for (const [name, args, want] of usage) {
    it(`usage error exits 2 with one line: ${name}`, () => {
      const r = run(args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, want);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.equal(r.stdout, '');
    });
  }
});
