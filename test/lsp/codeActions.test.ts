// Quick fixes over real stdio: for each finding with one clear fix, the code action's edits applied
// to the text give the expected YAML, keep every comment and the rest of the formatting, and the
// finding is gone when the server analyses the fixed text.

import assert from 'node:assert/strict';
import { CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildServer, LspClient } from './client';

const deployment = (constraint: string, extra = '') => `# the web tier
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web   # keep me
spec:
  replicas: 6
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:${extra}
      topologySpreadConstraints:
        # spread over zones
${constraint}
      containers:
        - name: web
          image: nginx:1.27
`;

describe('LSP code actions (stdio)', function () {
  this.timeout(20000);
  let c: LspClient;
  let n = 0;
  before(async () => {
    buildServer();
    c = await LspClient.start();
    assert.deepEqual(c.initializeResult.capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
  });
  after(async () => {
    await c?.stop();
  });

  /** Opens `text`, finds the diagnostic `code`, applies its quick fix; returns the fixed text and the diagnostics of it. */
  async function fix(text: string, code: string): Promise<{ title: string; fixed: string; after: Diagnostic[] }> {
    const uri = `untitled:fix-${++n}.yaml`;
    await c.open(uri, text, 1);
    const d = (await c.diagnosticsFor(uri, 1)).diagnostics.find((x) => x.code === code);
    assert.ok(d, `no ${code} in ${JSON.stringify((await c.diagnosticsFor(uri, 1)).diagnostics.map((x) => x.code))}`);
    const actions = await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as CodeAction[];
    assert.equal(actions.length, 1, JSON.stringify(actions));
    const a = actions[0];
    assert.equal(a.kind, 'quickfix');
    assert.equal(a.isPreferred, true);
    const edits = a.edit!.changes![uri];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), edits);
    await c.change(uri, 2, fixed);
    const after = (await c.diagnosticsFor(uri, 2)).diagnostics;
    await c.close(uri);
    return { title: a.title, fixed, after };
  }

  const keepsComments = (s: string) => {
    for (const comment of ['# the web tier', 'name: web   # keep me', '# spread over zones']) assert.ok(s.includes(comment), `lost ${comment}`);
  };

  it('adds matchLabelKeys: [pod-template-hash] under the constraint, in the file\'s list style', async () => {
    const r = await fix(deployment(`        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone   # zones
          whenUnsatisfiable: DoNotSchedule
          labelSelector:
            matchLabels:
              app: web`), 'lint/matchLabelKeys-pod-template-hash');
    assert.equal(r.title, 'Add matchLabelKeys: [pod-template-hash]');
    assert.ok(r.fixed.includes(`              app: web
          matchLabelKeys:
            - pod-template-hash
      containers:`), r.fixed);
    assert.ok(r.fixed.includes('topologyKey: topology.kubernetes.io/zone   # zones'));
    keepsComments(r.fixed);
    assert.ok(!r.after.some((d) => d.code === 'lint/matchLabelKeys-pod-template-hash'));
    assert.ok(!r.after.some((d) => String(d.code).startsWith('yaml/') || String(d.code).startsWith('schema/')));
  });

  it('appends to an empty flow matchLabelKeys list', async () => {
    const r = await fix(deployment(`        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector: {matchLabels: {app: web}}
          matchLabelKeys: []`), 'lint/matchLabelKeys-pod-template-hash');
    assert.ok(r.fixed.includes('matchLabelKeys: [pod-template-hash]\n'), r.fixed);
  });

  it('replaces a misspelled topologyKey, keeping the comment after it', async () => {
    const r = await fix(deployment(`        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zones  # typo
          whenUnsatisfiable: DoNotSchedule
          labelSelector: {matchLabels: {app: web}}
          matchLabelKeys: [pod-template-hash]`), 'lint/topology-key-typo');
    assert.equal(r.title, 'Change topologyKey to topology.kubernetes.io/zone');
    assert.ok(r.fixed.includes('          topologyKey: topology.kubernetes.io/zone  # typo\n'), r.fixed);
    keepsComments(r.fixed);
    assert.ok(!r.after.some((d) => d.code === 'lint/topology-key-typo'));
  });

  it('sets the selector to the workload\'s own labels (flow stays flow)', async () => {
    const r = await fix(deployment(`        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector: {}`), 'lint/selector-empty');
    assert.ok(r.fixed.includes('          labelSelector: {matchLabels: {app: web}}\n'), r.fixed);
    assert.ok(!r.after.some((d) => d.code === 'lint/selector-empty'));
  });

  it('adds a missing labelSelector as a block', async () => {
    const r = await fix(deployment(`        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule`), 'lint/selector-missing');
    assert.ok(r.fixed.includes(`          whenUnsatisfiable: DoNotSchedule
          labelSelector:
            matchLabels:
              app: web
      containers:`), r.fixed);
    keepsComments(r.fixed);
    assert.ok(!r.after.some((d) => d.code === 'lint/selector-missing'));
  });

  it('sets nodeAffinityPolicy back to Honor', async () => {
    const r = await fix(deployment(`        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          nodeAffinityPolicy: Ignore
          labelSelector: {matchLabels: {app: web}}
          matchLabelKeys: [pod-template-hash]`, `
      nodeSelector:
        node-pool: general`), 'lint/nodeAffinityPolicy-ignore');
    assert.ok(r.fixed.includes('          nodeAffinityPolicy: Honor\n'), r.fixed);
    assert.ok(!r.after.some((d) => d.code === 'lint/nodeAffinityPolicy-ignore'));
  });

  it('removes a redundant constraint item whole, and nothing else', async () => {
    const constraint = `        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector: {matchLabels: {app: web}}
          matchLabelKeys: [pod-template-hash]`;
    const twin = `
        # the soft twin
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector: {matchLabels: {app: web}}
          matchLabelKeys: [pod-template-hash]`;
    const r = await fix(deployment(constraint + twin), 'lint/constraint-redundant');
    assert.equal(r.title, 'Remove constraint [1]');
    assert.equal(r.fixed, deployment(`${constraint}\n        # the soft twin`));
  });

  it('removes a matchLabelKeys entry from a flow list', async () => {
    const r = await fix(deployment(`        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector: {matchLabels: {app: web}}
          matchLabelKeys: [pod-template-hash, team]`), 'lint/matchLabelKeys-absent');
    assert.equal(r.title, 'Remove "team" from matchLabelKeys');
    assert.ok(r.fixed.includes('matchLabelKeys: [pod-template-hash]\n'), r.fixed);
  });

  it('renames an unknown field to the one it was meant to be (schema/unknown-field)', async () => {
    const r = await fix(deployment(`        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector: {matchLabels: {app: web}}
          matchLabelKey: [pod-template-hash]`), 'schema/unknown-field');
    assert.equal(r.title, 'Rename to "matchLabelKeys"');
    assert.ok(r.fixed.includes('          matchLabelKeys: [pod-template-hash]\n'), r.fixed);
    assert.ok(!r.after.some((d) => d.code === 'schema/unknown-field'));
  });

  it('offers nothing for findings without one clear fix, and nothing for other kinds', async () => {
    const uri = 'untitled:nofix.yaml';
    const text = deployment(`        - maxSkew: 0
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector: {matchLabels: {app: web}}
          matchLabelKeys: [pod-template-hash]`);
    await c.open(uri, text, 1);
    const ds = (await c.diagnosticsFor(uri, 1)).diagnostics;
    const api = ds.filter((d) => String(d.code).startsWith('api/'));
    assert.ok(api.length);
    const actions = await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: api[0].range, context: { diagnostics: api } }) as CodeAction[];
    assert.deepEqual(actions, []);
    const refactor = await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: api[0].range, context: { diagnostics: ds, only: ['refactor'] } }) as CodeAction[];
    assert.deepEqual(refactor, []);
    await c.close(uri);
  });
});
