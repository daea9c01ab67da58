// Preemption in the editor over real stdio (issue 14): the high-priority Deployment of
// examples/priority-preemption.yaml on its full cluster. The code lens counts the replicas placed by
// preempting, the hover on a constraint says whom the scheduler would evict for the next pod, the
// diagnostics carry spread/preempts, and the simulate command (the Simulate view's data) lists the victims.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CodeLensRequest, type CodeLens } from 'vscode-languageserver/node';
import type { SimulateResult } from '../../server/src/protocol';
import { buildServer, LspClient } from './client';

const EXAMPLES = resolve(__dirname, '../../examples');
const TEXT = readFileSync(resolve(EXAMPLES, 'priority-preemption.yaml'), 'utf8');

describe('LSP preemption (stdio)', function () {
  this.timeout(30000);
  let c: LspClient;
  const uri = 'untitled:preemption.yaml';
  before(async () => {
    buildServer();
    c = await LspClient.start({ root: EXAMPLES, settings: { fixture: 'priority-preemption-cluster.yaml' }, initializationOptions: { clientCommands: ['kubeSpread.simulate'] } });
    await c.notification<{ source: string }>('kubeSpread/fixtureStatus', (s) => s.source === 'priority-preemption-cluster.yaml', 10000);
    await c.open(uri, TEXT, 1);
  });
  after(async () => {
    await c?.stop();
  });

  it('diagnostics: spread/preempts on priorityClassName', async () => {
    const d = await c.diagnosticsFor(uri, 1);
    const f = d.diagnostics.find((x) => x.code === 'spread/preempts');
    assert.ok(f, `codes: ${d.diagnostics.map((x) => x.code)}`);
    assert.equal(f.range.start.line, TEXT.split('\n').findIndex((l) => /^\s+priorityClassName:/.test(l)));
    assert.match(String(f.message), /^3\/3 placed, 3 only by preempting 3 lower-priority pod\(s\)/);
  });

  it('code lens: the replicas placed by preempting, then where they landed', async () => {
    const ls = await c.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } }) as CodeLens[];
    const titles = ls.map((l) => l.command?.title);
    assert.ok(titles.includes('3/3 placed (3 by preempting 3 lower-priority pods) → zone-a 1 · zone-b 1 · zone-c 1'), `titles: ${titles.join(' | ')}`);
  });

  it('hover on a constraint: the next pod fits no node, the nominated node and the victims', async () => {
    const lines = TEXT.split('\n');
    const line = lines.findIndex((l) => l.includes('maxSkew:'));
    const h = await c.hover(uri, line, lines[line].indexOf('maxSkew') + 2);
    const md = (h?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(md, /\*\*Preemption\*\*: no node fits; the scheduler nominates `pool-zone-a-1` and evicts 1 lower-priority pod\(s\): `batch\/batch-\d` \(priority 100\)\. Their controllers recreate them\. Equally possible: `pool-zone-b-1`, `pool-zone-c-1`\./);
  });

  it('simulate (the Simulate view): each placement lists its victims, and the replacements are reported', async () => {
    const r = await c.executeCommand<SimulateResult>('kubeSpread.server.simulate', { uri });
    assert.deepEqual(r.placements.map((p) => p.preempted?.map((v) => [v.namespace, v.node, v.priority])), [
      [['batch', 'pool-zone-a-1', 100]], [['batch', 'pool-zone-b-1', 100]], [['batch', 'pool-zone-c-1', 100]],
    ]);
    assert.equal(r.recreated?.length, 3);
  });
});
