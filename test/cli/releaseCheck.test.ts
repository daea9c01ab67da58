// The built CLI on releases of several files and autoscaling targets (docs/release.md, docs/cli.md):
// `check --release` (findings that name workloads of other files, SARIF relatedLocations into them, the
// `releases` JSON field), the project file's `releases`, HorizontalPodAutoscaler replicas and `--at-max`.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'kube-spread.js');
const SHOP = 'examples/release-shop';

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[], cwd = ROOT) {
  const r = run([...args, '--format', 'json'], cwd);
  assert.equal(r.stderr, '', r.stderr);
  return { ...r, body: JSON.parse(r.stdout) };
}

interface Diagnostic { file: string; code: string; severity: string; message: string; related?: { file?: string; message: string }[]; data?: { blockedBy?: { file?: string }[] } }

describe('kube-spread CLI: releases of several files, autoscalers', function () {
  this.timeout(120000);
  let dir = '';
  before(() => {
    const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    dir = mkdtempSync(join(tmpdir(), 'kube-spread-release-check-'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('without --release each file is its own release: api fits alone', () => {
    const { code, body } = json(['check', SHOP]);
    assert.equal(code, 0);
    assert.ok(!body.diagnostics.some((d: Diagnostic) => d.code === 'spread/blocked-by-release'));
    assert.deepEqual(body.releases, []);
  });

  it('check --release DIR: api (20-api.yaml) is blocked by cache (10-cache.yaml), named with its file, related location in that file', () => {
    const { code, body } = json(['check', '--release', SHOP]);
    assert.equal(code, 0); // on the sample, spread/ findings are at most warnings
    const blocked = body.diagnostics.filter((d: Diagnostic) => d.code === 'spread/blocked-by-release');
    assert.equal(blocked.length, 1);
    assert.equal(blocked[0].file, `${SHOP}/20-api.yaml`);
    assert.match(blocked[0].message, /^2 of 2 replicas stay Pending .* because of other workloads of this release, applied together: Deployment cache \(examples\/release-shop\/10-cache\.yaml, document 0\)/);
    assert.deepEqual(blocked[0].related.filter((r: { file?: string }) => r.file).map((r: { file?: string }) => r.file), [`${SHOP}/10-cache.yaml`]);
    assert.deepEqual(blocked[0].data.blockedBy, [{ file: `${SHOP}/10-cache.yaml`, document: 0, kind: 'Deployment', name: 'cache' }]);
    assert.deepEqual(body.releases, [{
      files: [`${SHOP}/10-cache.yaml`, `${SHOP}/20-api.yaml`],
      workloads: [
        { file: `${SHOP}/10-cache.yaml`, document: 0, kind: 'Deployment', namespace: 'default', name: 'cache', replicas: 6 },
        { file: `${SHOP}/20-api.yaml`, document: 0, kind: 'Deployment', namespace: 'default', name: 'api', replicas: 2, autoscaledBy: 'api' },
      ],
      simulated: true, formedBy: 'release',
    }]);
  });

  it('text: the release is listed; SARIF: relatedLocations point into the other file', () => {
    const t = run(['check', '--release', SHOP]);
    assert.ok(t.stdout.includes('Release: 2 workloads of examples/release-shop/10-cache.yaml, examples/release-shop/20-api.yaml: Deployment default/cache (examples/release-shop/10-cache.yaml, document 0), Deployment default/api (examples/release-shop/20-api.yaml, document 0)\n'), t.stdout);
    const sarif = JSON.parse(run(['check', '--release', SHOP, '--format', 'sarif']).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'spread/blocked-by-release');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, `${SHOP}/20-api.yaml`);
    assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, `${SHOP}/10-cache.yaml`);
    assert.equal(result.relatedLocations[0].physicalLocation.region.startLine, 7); // `name: cache`
  });

  it('--at-max: api at its HPA maxReplicas (6), all Pending and blocked', () => {
    const { body } = json(['check', '--release', '--at-max', SHOP]);
    assert.equal(body.atMax, true);
    const blocked = body.diagnostics.find((d: Diagnostic) => d.code === 'spread/blocked-by-release');
    assert.match(blocked.message, /^6 of 6 replicas stay Pending/);
    // simulate: the HPA's minReplicas, or its maxReplicas with --at-max (a workload alone, a note says why).
    const min = json(['simulate', `${SHOP}/20-api.yaml`]).body;
    assert.equal(min.workload.replicas, 2);
    assert.ok(min.notes.includes('2 replica(s): minReplicas 2 of HorizontalPodAutoscaler api'), min.notes.join('\n'));
    assert.equal(json(['simulate', `${SHOP}/20-api.yaml`, '--at-max']).body.workload.replicas, 6);
    // --replicas wins over the HPA.
    assert.equal(json(['simulate', `${SHOP}/20-api.yaml`, '--replicas', '3']).body.workload.replicas, 3);
    // A release: the autoscaler of each workload in release.workloads[].
    const rel = json(['simulate', SHOP, '--at-max']).body.release;
    assert.deepEqual(rel.workloads[1].autoscaler, {
      file: `${SHOP}/20-api.yaml`, document: 1, name: 'api', minReplicas: 2, maxReplicas: 6, why: 'at maxReplicas 6 of HorizontalPodAutoscaler api (--at-max)',
    });
    assert.equal(rel.workloads[1].pending, 6);
  });

  it("the project file's releases make a folder one release, also for files not given", () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'shop'), { recursive: true });
    for (const f of ['10-cache.yaml', '20-api.yaml']) writeFileSync(join(project, 'shop', f), readFileSync(join(ROOT, SHOP, f)));
    writeFileSync(join(project, '.kube-spread.yaml'), 'releases:\n  - shop\n');
    const all = json(['check', 'shop'], project).body;
    assert.equal(all.diagnostics.filter((d: Diagnostic) => d.code === 'spread/blocked-by-release').length, 1);
    assert.equal(all.releases[0].formedBy, 'release');
    // Only api.yaml checked: cache.yaml still takes part (read from the folder), its findings are not reported.
    const one = json(['check', 'shop/20-api.yaml'], project).body;
    assert.deepEqual(one.diagnostics.map((d: Diagnostic) => d.file).filter((f: string) => f !== 'shop/20-api.yaml'), []);
    assert.equal(one.diagnostics.filter((d: Diagnostic) => d.code === 'spread/blocked-by-release').length, 1);
    assert.deepEqual(one.releases[0].files, ['shop/10-cache.yaml', 'shop/20-api.yaml']);
    // A glob entry that does not name the file: each file alone again.
    writeFileSync(join(project, '.kube-spread.yaml'), 'releases:\n  - [other/**/*.yaml]\n');
    assert.equal(json(['check', 'shop'], project).body.diagnostics.filter((d: Diagnostic) => d.code === 'spread/blocked-by-release').length, 0);
    // A bad entry is the project file's error, at its line.
    writeFileSync(join(project, '.kube-spread.yaml'), 'releases:\n  - 3\n');
    const bad = run(['check', 'shop'], project);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /\.kube-spread\.yaml:2:5: releases\[0\]: must be a path or a list of paths \(got 3\)/);
  });

  it('explain --release: the pod on the cluster with the workloads created before it; without --release, alone', () => {
    const within = json(['explain', 'examples/release-cache-api.yaml', '--document', '1', '--release']);
    assert.equal(within.code, 1); // every general node is taken by cache or refuses api (anti-affinity)
    assert.deepEqual(within.body.selected, []);
    assert.deepEqual(within.body.release.placedBefore, { 0: 6 });
    assert.equal(within.body.release.focus, 1);
    assert.equal(within.body.notes[0], 'Explained within its release: 6 of Deployment cache placed before this pod, in the creation order kube-spread simulates (docs/release.md)');
    const alone = json(['explain', 'examples/release-cache-api.yaml', '--document', '1']);
    assert.equal(alone.code, 0);
    assert.ok(alone.body.selected.length > 0);
    assert.equal(alone.body.release, undefined);
    // More FILEs or DIRs form the release with --release only.
    assert.equal(run(['explain', `${SHOP}/20-api.yaml`, `${SHOP}/10-cache.yaml`]).code, 2);
    const shop = json(['explain', `${SHOP}/20-api.yaml`, '--release', `${SHOP}/10-cache.yaml`]).body;
    assert.deepEqual(shop.release.placedBefore, {}); // api.yaml comes first: nothing is placed before it
  });

  it('simulate --release --scale-to: the what-if while the other workloads run', () => {
    const { code, body } = json(['simulate', 'examples/release-cache-api.yaml', '--document', '1', '--release', '--scale-to', '8']);
    assert.equal(code, 1);
    assert.deepEqual(body.whatIfRelease, { running: ['Deployment cache (6 pod(s))'] });
    assert.equal(body.release.focus, 1);
    // cache takes every node api may use: every step of the scale-up leaves all of api Pending.
    assert.ok(body.scale.steps.every((st: { pending: unknown[] }) => st.pending.length > 0));
    const alone = json(['simulate', 'examples/release-cache-api.yaml', '--document', '1', '--scale-to', '8']).body;
    assert.equal(alone.whatIfRelease, undefined);
    assert.equal(alone.scale.steps.at(-1).pending.length, 0);
    assert.equal(run(['simulate', 'examples/release-cache-api.yaml', '--release']).code, 2);
    const both = run(['simulate', 'examples/release-cache-api.yaml', '--release', '--scale-to', '2', '--without-domain', 'topology.kubernetes.io/zone=zone-a']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--without-domain with --release re-places the whole release: run it apart from --rollout and --scale-to/);
  });

  it('simulate --release --without-domain: the whole release re-placed after the domain is lost (JSON and text)', () => {
    // cache alone (api with one replica fits beside it): losing zone-a takes 2 cache pods, and 4 CPU-hungry
    // replicas on 4 general nodes leave no room for the replacements.
    const { code, body } = json(['simulate', 'examples/release-cache-api.yaml', '--release', '--without-domain', 'topology.kubernetes.io/zone=zone-a']);
    assert.equal(code, 1);
    const d = body.releaseDomainLoss;
    assert.deepEqual(d.domain, { key: 'topology.kubernetes.io/zone', value: 'zone-a' });
    assert.equal(d.mode, 'remove');
    assert.ok(d.nodes.length > 0 && d.nodes.every((n: string) => n.includes('zone-a')), d.nodes.join());
    assert.deepEqual(d.workloads.map((w: { name: string }) => w.name), ['cache', 'api']);
    const [cache, api] = d.workloads;
    assert.equal(cache.before, 6);
    assert.equal(cache.evicted, 2);
    assert.equal(cache.recreated, 2);
    assert.equal(cache.replaced + cache.pendingAfter, 2);
    assert.equal(api.before, 0, 'api was Pending before the loss: nothing of it to lose');
    assert.equal(d.evicted, 2);
    assert.equal(d.pendingAfter, cache.pendingAfter + api.pendingAfter);
    // Nothing is placed in the lost zone afterwards, and the release's own summary is still there.
    assert.ok(cache.placements.every((p: { node: string }) => !d.nodes.includes(p.node)));
    assert.equal(Object.keys(cache.distribution['topology.kubernetes.io/zone'] ?? {}).includes('zone-a'), false);
    assert.equal(body.release.workloads.length, 2);
    // Several FILEs imply the release; the text has one row per workload.
    const text = run(['simulate', `${SHOP}/10-cache.yaml`, `${SHOP}/20-api.yaml`, '--without-domain', 'topology.kubernetes.io/zone=zone-b', '--domain-loss', 'drain']);
    assert.match(text.stdout, /^Losing topology\.kubernetes\.io\/zone=zone-b under the whole release \(drain; nodes /m);
    assert.match(text.stdout, /^ {2}Deployment default\/cache +6 +2 +\d\/2 /m);
    const bad = run(['simulate', SHOP, '--without-domain', 'topology.kubernetes.io/zone=zone-x']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no node has topology\.kubernetes\.io\/zone=zone-x \(values in the fixture: zone-a, zone-b, zone-c\)/);
    assert.equal(run(['simulate', SHOP, '--without-domain', 'topology.kubernetes.io/zone=zone-a', '--format', 'svg']).code, 2);
  });

  it('an HPA whose target is missing or whose range the API server rejects: lint findings on the HPA', () => {
    const f = join(dir, 'hpa.yaml');
    writeFileSync(f, [
      'apiVersion: autoscaling/v2', 'kind: HorizontalPodAutoscaler', 'metadata: {name: web}',
      'spec:', '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}', '  minReplicas: 4', '  maxReplicas: 2',
      '---', 'apiVersion: autoscaling/v1', 'kind: HorizontalPodAutoscaler', 'metadata: {name: gone}',
      'spec:', '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: gone}', '  maxReplicas: 2',
    ].join('\n'));
    const { code, body } = json(['check', f]);
    assert.equal(code, 1);
    const lint = body.diagnostics.filter((d: Diagnostic) => d.code.startsWith('lint/hpa')).map((d: Diagnostic) => [d.code, d.severity]);
    assert.deepEqual(lint, [['lint/hpa-invalid-replicas', 'error'], ['lint/hpa-target-not-in-release', 'information']]);
  });
});
