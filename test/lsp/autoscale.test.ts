// Autoscaled clusters in the editor over real stdio (docs/autoscalers.md): on
// examples/autoscaling-ca-cluster.yaml the zone-spread Deployment is Pending on the current nodes but
// placed after cluster-autoscaler's scale-up, so the published diagnostic says so ("Pending now;
// cluster-autoscaler adds …") and no Pending warning or error contradicts it; the minDomains Deployment
// stays Pending and the diagnostic carries cluster-autoscaler's own reason. The fixture status (the
// status bar's "· autoscales") names the autoscaler, and the Simulate view's data marks the new nodes.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { FixtureStatus, SimulateResult } from '../../server/src/protocol';
import { buildServer, LspClient } from './client';

const EXAMPLES = resolve(__dirname, '../../examples');
const SPREAD = readFileSync(resolve(EXAMPLES, 'autoscaling-zone-spread.yaml'), 'utf8');
const MIN_DOMAINS = readFileSync(resolve(EXAMPLES, 'autoscaling-min-domains.yaml'), 'utf8');
const spreadCodes = (d: Diagnostic[]) => d.filter((x) => String(x.code).startsWith('spread/'));

describe('LSP on an autoscaled cluster (stdio)', function () {
  this.timeout(30000);
  let c: LspClient;
  let status: FixtureStatus;
  before(async () => {
    buildServer();
    c = await LspClient.start({ root: EXAMPLES, settings: { fixture: 'autoscaling-ca-cluster.yaml' }, initializationOptions: { clientCommands: ['kubeSpread.simulate'] } });
    status = await c.notification<FixtureStatus>('kubeSpread/fixtureStatus', (s) => s.source === 'autoscaling-ca-cluster.yaml', 10000);
  });
  after(async () => {
    await c?.stop();
  });

  it('the fixture status says it autoscales, and with what (the status bar shows "· autoscales")', () => {
    assert.equal(status.nodes, 3);
    assert.match(String(status.autoscaling), /^cluster-autoscaler \(3 node groups/);
  });

  it('Pending now, placed after the scale-up: one information diagnostic in cluster-autoscaler\'s terms, no Pending warning', async () => {
    const uri = 'untitled:autoscaling-zone-spread.yaml';
    await c.open(uri, SPREAD, 1);
    const d = (await c.diagnosticsFor(uri, 1)).diagnostics;
    const spread = spreadCodes(d);
    assert.deepEqual(spread.map((x) => [x.code, x.severity]), [['spread/scale-up', 3 /* Information */]], JSON.stringify(spread));
    assert.equal(spread[0].message, '3 of 9 replicas Pending now; cluster-autoscaler adds 1 node in eu-west-1a, 1 node in eu-west-1b and 1 node in eu-west-1c (3 replicas land on the new nodes); then all 9 are placed');
    // Nothing else in the file says "Pending" as a problem (errors or warnings).
    assert.ok(d.every((x) => (x.severity ?? 1) > 2 || !/Pending/.test(String(x.message))), JSON.stringify(d));
    // Each node group's scale-up is a related location with the new node names.
    assert.deepEqual(spread[0].relatedInformation?.map((r) => r.message), [
      'cluster-autoscaler: general-eu-west-1a in eu-west-1a: +1 (general-eu-west-1a-new-1)',
      'cluster-autoscaler: general-eu-west-1b in eu-west-1b: +1 (general-eu-west-1b-new-1)',
      'cluster-autoscaler: general-eu-west-1c in eu-west-1c: +1 (general-eu-west-1c-new-1)',
    ]);
  });

  it('minDomains (kubernetes/autoscaler#5489): the Pending error ends with why cluster-autoscaler adds no node', async () => {
    const uri = 'untitled:autoscaling-min-domains.yaml';
    await c.open(uri, MIN_DOMAINS, 1);
    const spread = spreadCodes((await c.diagnosticsFor(uri, 1)).diagnostics);
    assert.deepEqual(spread.map((x) => x.code), ['spread/pending']);
    const message = String(spread[0].message);
    assert.ok(message.endsWith("; cluster-autoscaler adds no node: pod didn't trigger scale-up: 3 node(s) didn't match pod topology spread constraints"), message);
  });

  it('simulate (the Simulate view): the placements on new nodes are marked and the scale-up rows are sent', async () => {
    const r = await c.executeCommand<SimulateResult>('kubeSpread.server.simulate', { uri: 'untitled:autoscaling-zone-spread.yaml' });
    assert.deepEqual(r.placements.filter((p) => p.newNode).map((p) => p.node), ['general-eu-west-1a-new-1', 'general-eu-west-1b-new-1', 'general-eu-west-1c-new-1']);
    assert.deepEqual(r.scaleUp?.map((u) => u.nodePool), ['general-eu-west-1a', 'general-eu-west-1b', 'general-eu-west-1c']);
  });
});
