// Code lenses over real stdio: one per topologySpreadConstraints block with where the replicas land
// (or how many stay Pending) on the embedded sample, taken from the diagnostics run's simulation,
// and the client command that opens the Simulate Placement view on that workload.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CodeLensRequest, type CodeLens } from 'vscode-languageserver/node';
import { buildServer, LspClient } from './client';

const web = readFileSync(resolve(__dirname, '../e2e/workspace/web.yaml'), 'utf8');
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: lonely\nspec:\n  containers: [{name: c, image: nginx}]\n';

describe('LSP code lens (stdio)', function () {
  this.timeout(20000);
  let c: LspClient;
  let n = 0;
  before(async () => {
    buildServer();
    c = await LspClient.start();
    assert.deepEqual(c.initializeResult.capabilities.codeLensProvider, { resolveProvider: false });
  });
  after(async () => {
    await c?.stop();
  });

  async function lenses(text: string): Promise<{ uri: string; lenses: CodeLens[] }> {
    const uri = `untitled:lens-${++n}.yaml`;
    await c.open(uri, text, 1);
    const r = await c.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } }) as CodeLens[];
    return { uri, lenses: r };
  }

  it('shows where the replicas land over the topologySpreadConstraints key, with the simulate command', async () => {
    const { uri, lenses: ls } = await lenses(web);
    assert.equal(ls.length, 1);
    const l = ls[0];
    assert.equal(l.range.start.line, web.split('\n').findIndex((x) => x.includes('topologySpreadConstraints:')));
    // The sample's zone-a already holds 2 app=web pods, so the 6 replicas go to zone-b and zone-c.
    assert.equal(l.command?.title, '6 replicas → zone-a 0 · zone-b 3 · zone-c 3');
    assert.equal(l.command?.command, 'kubeSpread.simulate');
    assert.deepEqual(l.command?.arguments, [{ uri, document: 0, position: l.range.start }]);
    await c.close(uri);
  });

  it('says how many replicas stay Pending', async () => {
    const text = web.replace('replicas: 6', 'replicas: 30').replace('cpu: 100m', 'cpu: "1"');
    const { uri, lenses: ls } = await lenses(text);
    assert.match(String(ls[0].command?.title), /^\d+ of 30 Pending · placed: zone-a \d+ · zone-b \d+ · zone-c \d+$/);
    await c.close(uri);
  });

  it('uses the diagnostics run: the lens of a new version comes with that version\'s diagnostics', async () => {
    const { uri } = await lenses(web);
    await c.diagnosticsFor(uri, 1);
    await c.change(uri, 2, web.replace('replicas: 6', 'replicas: 4'));
    const r = await c.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } }) as CodeLens[];
    assert.equal(r[0].command?.title, '4 replicas → zone-a 0 · zone-b 2 · zone-c 2');
    await c.diagnosticsFor(uri, 2);
    await c.close(uri);
  });

  it('gives a workload alone without constraints no lens', async () => {
    const { uri, lenses: ls } = await lenses(POD);
    assert.equal(ls.length, 0);
    await c.close(uri);
  });

  it('gives one lens per workload of a multi-document file (a release), named, the Pod without constraints on its kind', async () => {
    const text = `${web}---\n${POD}---\n${web.replace(/name: web/g, 'name: api').replace(/app: web/g, 'app: api')}`;
    const { uri, lenses: ls } = await lenses(text);
    assert.deepEqual(ls.map((l) => (l.command?.arguments?.[0] as { document: number }).document), [0, 1, 2]);
    assert.match(String(ls[0].command?.title), /^web: 6\/6 placed → zone-a \d · zone-b \d · zone-c \d$/);
    assert.equal(ls[1].command?.title, 'lonely: 1/1 placed');
    assert.equal(ls[1].range.start.line, text.split('\n').findIndex((l) => l === 'kind: Pod'));
    // This client does not implement the Simulate Release view: no lens for it, and the lenses open Simulate Placement.
    assert.ok(ls.every((l) => l.command?.command === 'kubeSpread.simulate'));
    await c.close(uri);
  });
});
