// A fixture switch in the editor: the server loads the new fixture a slice at a time, keeps answering
// hovers and completions on the fixture in use meanwhile, says which fixture is loading, and switches
// when the new one is complete (lsp/state/fixtures.ts). The real server over stdio, with a generated
// JSON export big enough (1,500 nodes, 30,000 pods) to take many slices.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompletionRequest, type Hover } from 'vscode-languageserver/node';
import type { FixtureStatus } from '../../server/src/protocol';
import { FixtureStatusNotification } from '../../server/src/protocol';
import { buildServer, LspClient } from './client';

const NODES = 1500;
const PODS = 30000;

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 6
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: DoNotSchedule
        labelSelector: {matchLabels: {app: web}}
      containers:
      - name: web
        image: nginx
`;
const CONSTRAINT_LINE = 13;
const TOPOLOGY_KEY_VALUE = { line: 14, character: 21 };

function bigExport(): string {
  const zones = ['z-a', 'z-b', 'z-c'];
  const items: unknown[] = [];
  for (let i = 0; i < NODES; i++) {
    items.push({
      apiVersion: 'v1', kind: 'Node',
      metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': zones[i % 3], 'big-cluster-only': 'yes' } },
      status: { allocatable: { cpu: '16', memory: '64Gi', pods: '110' } },
    });
  }
  for (let i = 0; i < PODS; i++) {
    items.push({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: `pod-${i}`, namespace: 'default', labels: { app: `app-${i % 50}` } },
      spec: { nodeName: `node-${i % NODES}`, containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
      status: { phase: 'Running' },
    });
  }
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2);
}

const text = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

describe('LSP: a fixture switch does not stop the editor', function () {
  this.timeout(60000);
  let c: LspClient;
  let dir: string;
  let big: string;
  const uri = 'untitled:reload.yaml';
  const statuses = () => c.notifications.filter((n) => n.method === FixtureStatusNotification).map((n) => n.params as FixtureStatus);

  before(async () => {
    buildServer();
    dir = mkdtempSync(join(tmpdir(), 'kube-spread-reload-'));
    big = join(dir, 'big-cluster.json');
    writeFileSync(big, bigExport());
    c = await LspClient.start({ root: dir, settings: { fixture: '' } });
    await c.open(uri, MANIFEST, 1);
    await c.diagnosticsFor(uri, 1);
  });
  after(async () => {
    await c?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('while the new fixture loads: the status says so, hover and completion answer on the fixture in use; then it switches', async () => {
    assert.match(text(await c.hover(uri, CONSTRAINT_LINE, 10)), /on the embedded sample cluster/);
    const from = statuses().length;
    await c.setSettings({ fixture: big });
    await c.waitFor('the loading status', () => statuses().slice(from).some((s) => s.loading !== undefined), 10000);
    const loading = statuses().slice(from).find((s) => s.loading !== undefined)!;
    assert.equal(loading.loading, 'big-cluster.json', 'workspace-relative, like source');
    assert.equal(loading.embedded, true, 'the sample is still in use');

    // Asked now, answered before the switch, on the sample; an edit is checked meanwhile too.
    const hover = await c.hover(uri, CONSTRAINT_LINE, 10);
    const completion = await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: TOPOLOGY_KEY_VALUE });
    await c.change(uri, 2, MANIFEST.replace('replicas: 6', 'replicas: six'));
    const edited = await c.diagnosticsFor(uri, 2, 10000);
    const switched = () => statuses().slice(from).some((s) => !s.embedded && s.loading === undefined);
    assert.equal(switched(), false, 'the hover, the completion and the edit\'s diagnostics came before the load ended');
    assert.ok(edited.diagnostics.some((d) => d.code === 'schema/type'), JSON.stringify(edited.diagnostics.map((d) => d.code)));
    assert.match(text(hover), /on the embedded sample cluster/);
    const labels = (Array.isArray(completion) ? completion : completion?.items ?? []).map((i) => i.label);
    assert.ok(labels.includes('topology.kubernetes.io/zone'), labels.join(', '));
    assert.ok(!labels.includes('big-cluster-only'), 'the new fixture\'s labels are not offered before it is in use');

    await c.waitFor('the switch', switched, 30000);
    // The switch checks the open document again, on the new fixture.
    const before = c.diagnostics.length;
    await c.waitFor('diagnostics on the new fixture', () => c.diagnostics.slice(before).some((d) => d.uri === uri && d.version === 2), 30000);
    const done = statuses().slice(from).find((s) => !s.embedded && s.loading === undefined)!;
    assert.deepEqual([done.source, done.nodes, done.pods, done.error], ['big-cluster.json', NODES, PODS, undefined]);
    assert.match(text(await c.hover(uri, CONSTRAINT_LINE, 10)), new RegExp(`on \`${big.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` \\(${NODES} nodes, ${PODS} pods\\)`));
  });

  it('a fixture that fails to load: loading, then the error, the last good fixture still in use', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"kind": "List", "items": [');
    const from = statuses().length;
    await c.setSettings({ fixture: broken });
    await c.waitFor('the error status', () => statuses().slice(from).some((s) => s.error !== undefined), 10000);
    const seen = statuses().slice(from);
    assert.equal(seen[0].loading, 'broken.json');
    const failed = seen.find((s) => s.error !== undefined)!;
    assert.equal(failed.loading, undefined);
    assert.equal(failed.source, 'big-cluster.json');
    assert.match(failed.error!, /broken\.json:1:\d+: JSON syntax error/);
  });
});
