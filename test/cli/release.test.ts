// The built CLI on releases (docs/release.md, docs/cli.md "simulate: releases"): `simulate` with
// several workloads (one file, several files, a directory) and `check` of a file whose workloads
// block each other, on the example (examples/release-cache-api.yaml).

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'kube-spread.js');
const EXAMPLE = 'examples/release-cache-api.yaml';

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[]) {
  const r = run([...args, '--format', 'json']);
  assert.equal(r.stderr, '', r.stderr);
  return { ...r, body: JSON.parse(r.stdout) };
}

const named = (b: { file: string; document: number; kind: string; name: string }[]) => b.map(({ file, document, kind, name }) => ({ file, document, kind, name }));

describe('kube-spread CLI: releases', function () {
  this.timeout(60000);
  let dir = '';
  before(() => {
    const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    // The example split in two files, as a folder of manifests would hold it.
    dir = mkdtempSync(join(tmpdir(), 'kube-spread-release-'));
    const [comment, cache, api] = readFileSync(join(ROOT, EXAMPLE), 'utf8').split(/^(?=apiVersion)|^---\n/m);
    assert.ok(comment.startsWith('#'));
    writeFileSync(join(dir, '1-cache.yaml'), cache);
    writeFileSync(join(dir, '2-api.yaml'), api);
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('simulate FILE with two workloads: the release, every api replica Pending and blocked by cache, exit 1', () => {
    const { code, body } = json(['simulate', EXAMPLE]);
    assert.equal(code, 1);
    // The top-level fields are the first workload's, as for a workload alone.
    assert.equal(body.workload.name, 'cache');
    assert.equal(body.placements.length, 6);
    assert.ok(body.placements.every((p: { workload: number }) => p.workload === 0));
    const { release } = body;
    assert.equal(release.order, 'document');
    assert.deepEqual(release.compared, ['reversed', 'interleaved']);
    assert.equal(release.focus, 0);
    assert.deepEqual(release.workloads.map((w: { file: string; document: number; kind: string; namespace: string; name: string; replicas: number; placed: number; pending: number }) =>
      [w.file, w.document, w.kind, w.namespace, w.name, w.replicas, w.placed, w.pending]), [
      [EXAMPLE, 0, 'Deployment', 'default', 'cache', 6, 6, 0],
      [EXAMPLE, 1, 'Deployment', 'default', 'api', 6, 0, 6],
    ]);
    assert.deepEqual(release.workloads[1].skew, { 'topology.kubernetes.io/zone': 0 });
    assert.deepEqual(named(release.workloads[1].blockedBy), [{ file: EXAMPLE, document: 0, kind: 'Deployment', name: 'cache' }]);
    assert.equal(release.workloads[1].pendingReplicas.length, 6);
    assert.equal(release.orderSensitive, true);
  });

  it('--document 1 focuses on api: its pending replicas carry workload and blockedBy', () => {
    const { code, body } = json(['simulate', EXAMPLE, '--document', '1']);
    assert.equal(code, 1);
    assert.equal(body.workload.name, 'api');
    assert.equal(body.release.focus, 1);
    assert.equal(body.pending.length, 6);
    for (const p of body.pending) {
      assert.equal(p.workload, 1);
      assert.deepEqual(named(p.blockedBy), [{ file: EXAMPLE, document: 0, kind: 'Deployment', name: 'cache' }]);
      assert.equal(p.blockedBy[0].reasons["node(s) didn't match pod anti-affinity rules"], 5);
    }
    // cache alone is fully placed: --document asks about that workload only.
    assert.equal(run(['simulate', EXAMPLE, '--document', '0']).code, 0);
  });

  it('text: one row per workload with placed, pending, skew and blocked by', () => {
    const r = run(['simulate', EXAMPLE]);
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^Cluster: embedded sample cluster/);
    assert.ok(lines.includes(`Release: 2 workloads of ${EXAMPLE}, created in document order`), r.stdout);
    assert.ok(lines.some((l) => /^ {2}Deployment default\/cache +0 +6\/6 +0 +zone 0 \(max 1, soft\) +-$/.test(l)), r.stdout);
    assert.ok(lines.some((l) => /^ {2}Deployment default\/api +1 +0\/6 +6 +zone 0 \(max 1\) +Deployment cache \(document 0\)$/.test(l)), r.stdout);
    assert.ok(lines.some((l) => l.startsWith('Order sensitive: the outcome depends on the creation order')), r.stdout);
  });

  it('several files and a directory form one release; blockedBy names the other file', () => {
    const cache = join(dir, '1-cache.yaml');
    const api = join(dir, '2-api.yaml');
    for (const args of [[cache, api], [dir]]) {
      const { code, body } = json(['simulate', ...args]);
      assert.equal(code, 1);
      assert.deepEqual(body.release.workloads.map((w: { file: string; name: string; pending: number }) => [w.file, w.name, w.pending]), [[cache, 'cache', 0], [api, 'api', 6]]);
      assert.deepEqual(named(body.release.workloads[1].blockedBy), [{ file: cache, document: 0, kind: 'Deployment', name: 'cache' }]);
    }
    // The other way round, api is created first and takes the nodes.
    const { body } = json(['simulate', api, cache]);
    assert.deepEqual(body.release.workloads.map((w: { name: string; pending: number }) => [w.name, w.pending]), [['api', 0], ['cache', 3]]);
  });

  it('a YAML error: refused without --document; with --document N the broken document is left out of the release, and said so', () => {
    const [, cache, api] = readFileSync(join(ROOT, EXAMPLE), 'utf8').split(/^(?=apiVersion)|^---\n/m);
    const three = join(dir, 'three.yaml');
    writeFileSync(three, `${cache}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x\n---\n${api}`);
    const refused = run(['simulate', three]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^kube-spread: .*three\.yaml:\d+:\d+: yaml\/syntax: /);
    const { body } = json(['simulate', three, '--document', '2']);
    assert.equal(body.workload.name, 'api');
    assert.deepEqual(body.release.workloads.map((w: { name: string; document: number }) => [w.name, w.document]), [['cache', 0], ['api', 2]]);
    assert.ok(body.notes.includes(`${three}: document 1 has a YAML error and is left out of the release`), body.notes.join('\n'));
    assert.equal(run(['simulate', three, '--document', '1']).code, 2);
    rmSync(three);
  });

  it('--order reversed reports that order; document order is among the compared ones', () => {
    const { body } = json(['simulate', EXAMPLE, '--order', 'reversed']);
    assert.equal(body.release.order, 'reversed');
    assert.deepEqual(body.release.compared, ['document', 'interleaved']);
    assert.equal(body.release.workloads[1].pending, 0);
    assert.equal(body.release.workloads[0].pending, 3);
  });

  it('a file with one workload keeps its output: no release, no workload index', () => {
    const { body } = json(['simulate', 'examples/web.yaml']);
    assert.equal(body.release, undefined);
    assert.ok(body.placements.every((p: object) => !('workload' in p)));
  });

  it('what-ifs simulate one workload: several FILEs are refused, one file of several workloads still works', () => {
    const r = run(['simulate', join(dir, '1-cache.yaml'), join(dir, '2-api.yaml'), '--scale-to', '2']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^kube-spread: --rollout and --scale-to simulate one workload: give one FILE, or --release to run them while the other workloads of the files run\n$/);
    const { body } = json(['simulate', EXAMPLE, '--document', '1', '--scale-to', '2']);
    assert.equal(body.workload.name, 'api');
    assert.equal(body.release, undefined);
  });

  it('check: api gets spread/blocked-by-release with a related location on cache, both get spread/release-order-sensitive', () => {
    const r = run(['check', EXAMPLE, '--format', 'json']);
    assert.equal(r.code, 0, 'warnings on the embedded sample');
    const diags = JSON.parse(r.stdout).diagnostics as { code: string; document: number; severity: string; related?: { message: string; range: { start: { line: number } } }[] }[];
    const blocked = diags.filter((d) => d.code === 'spread/blocked-by-release');
    assert.equal(blocked.length, 1);
    assert.equal(blocked[0].document, 1);
    assert.equal(blocked[0].severity, 'warning');
    const cacheName = readFileSync(join(ROOT, EXAMPLE), 'utf8').split('\n').indexOf('  name: cache');
    assert.equal(blocked[0].related?.[0].range.start.line, cacheName);
    assert.deepEqual(diags.filter((d) => d.code === 'spread/release-order-sensitive').map((d) => d.document), [0, 1]);
    assert.equal(diags.filter((d) => d.code === 'spread/pending').length, 0);
  });
});
