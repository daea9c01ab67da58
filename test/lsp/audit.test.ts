// The Audit Cluster command over real stdio (docs/editor.md): the server audits the fixture in use
// (examples/drifted-cluster.yaml: checkout drifted to 3/0/1 over three zones) as `kube-spread audit
// --descheduler` does, says whether the CLI would fail at the project file's level, and finds each
// workload's manifest: an open document first, then the workspace's YAML files (a manifest without a
// namespace matches in any namespace; node_modules is not searched).

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type AuditResult, Commands } from '../../server/src/protocol';
import { buildServer, LspClient } from './client';

const deployment = (name: string, namespace?: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  replicas: 4
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: app, image: app}]
`;

describe('LSP Audit Cluster command (stdio)', function () {
  this.timeout(60000);
  let c: LspClient;
  let root = '';
  before(async () => {
    buildServer();
    root = mkdtempSync(join(tmpdir(), 'kube-spread-audit-'));
    mkdirSync(join(root, 'cluster'));
    mkdirSync(join(root, 'deploy'));
    mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true });
    copyFileSync(resolve(__dirname, '../../examples/drifted-cluster.yaml'), join(root, 'cluster', 'prod.yaml'));
    // checkout is the second document of its file; another namespace's checkout must not be taken for it.
    writeFileSync(join(root, 'deploy', 'a-other.yaml'), deployment('checkout', 'staging'));
    writeFileSync(join(root, 'deploy', 'checkout.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: shop}\n---\n${deployment('checkout', 'shop')}`);
    writeFileSync(join(root, 'deploy', 'search.yaml'), deployment('search').replace('kind: Deployment', 'kind: StatefulSet'));
    writeFileSync(join(root, 'node_modules', 'pkg', 'reports.yaml'), deployment('reports', 'shop'));
    writeFileSync(join(root, '.kube-spread.yaml'), 'audit:\n  failOn: any\n');
    c = await LspClient.start({ root, settings: { fixture: 'cluster/prod.yaml' } });
  });
  after(async () => {
    await c?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('audits the fixture worst first, with the descheduler rounds, the fail level of the project file and the manifests', async () => {
    // reports exists only in the editor (unsaved): the open document is the manifest.
    const reportsUri = pathToFileURL(join(root, 'deploy', 'reports-new.yaml')).href;
    await c.open(reportsUri, `# new\n${deployment('reports', 'shop')}`, 1);
    const r = await c.executeCommand<AuditResult>(Commands.audit, { descheduler: true });
    assert.equal(r.cluster.nodes, 6);
    assert.deepEqual(r.workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`), ['shop/Deployment/checkout', 'shop/StatefulSet/search', 'shop/Deployment/reports']);
    const zone = r.workloads[0].constraints[0];
    assert.deepEqual([zone.topologyKey, zone.counts, zone.skew, zone.violated], ['topology.kubernetes.io/zone', { 'eu-west-1a': 3, 'eu-west-1b': 0, 'eu-west-1c': 1 }, 3, true]);
    assert.equal(r.summary.violated.DoNotSchedule, 1);
    assert.equal(r.workloads[2].pendingPods[0].reason, '0/6 nodes are available: 6 Insufficient cpu.');
    // The dry run converges after one eviction; the audit still fails: the current state violates a hard constraint.
    assert.equal(r.descheduler?.converged, true);
    assert.equal(r.descheduler?.loop, false);
    assert.equal(r.descheduler?.rounds[0].evictions.length, 1);
    assert.equal(r.descheduler?.rounds[0].placements[0].node, 'node-b2');
    assert.equal(r.failOn, 'any');
    assert.equal(r.failed, true);
    assert.deepEqual(r.failures, ['1 DoNotSchedule constraint violated', '1 ScheduleAnyway constraint violated']);
    assert.deepEqual(r.manifests['shop/Deployment/checkout'], { uri: pathToFileURL(join(root, 'deploy', 'checkout.yaml')).href, document: 1, line: 4, character: 0 });
    assert.deepEqual(r.manifests['shop/StatefulSet/search'], { uri: pathToFileURL(join(root, 'deploy', 'search.yaml')).href, document: 0, line: 0, character: 0 });
    // The document starts at its first line of content, after the comment.
    assert.deepEqual(r.manifests['shop/Deployment/reports'], { uri: reportsUri, document: 0, line: 1, character: 0 });
    await c.close(reportsUri);
  });

  it('without the open document, reports has no manifest (node_modules is not searched); descheduler: false skips the dry run', async () => {
    const r = await c.executeCommand<AuditResult>(Commands.audit, { descheduler: false });
    assert.equal(r.descheduler, null);
    assert.equal(r.manifests['shop/Deployment/reports'], undefined);
    assert.ok(r.manifests['shop/Deployment/checkout']);
  });
});
