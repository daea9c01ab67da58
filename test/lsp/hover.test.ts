// Field hovers over real stdio: what maxSkew, whenUnsatisfiable, minDomains, nodeAffinityPolicy,
// nodeTaintsPolicy, matchLabelKeys and labelSelector do on the embedded sample for this workload,
// and the constraint hover's unusable nodes and landing.

import assert from 'node:assert/strict';
import { buildServer, LspClient } from './client';

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 6
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: DoNotSchedule
          minDomains: 3
          nodeAffinityPolicy: Honor
          nodeTaintsPolicy: Ignore
          labelSelector:
            matchLabels:
              app: web
          matchLabelKeys:
            - pod-template-hash
      containers:
        - name: web
          image: nginx:1.27
`;

describe('LSP field hover (stdio)', function () {
  this.timeout(20000);
  let c: LspClient;
  const uri = 'untitled:hover-fields.yaml';
  before(async () => {
    buildServer();
    c = await LspClient.start();
    await c.open(uri, TEXT, 1);
    await c.diagnosticsFor(uri, 1);
  });
  after(async () => {
    await c?.stop();
  });

  async function hoverOn(field: string): Promise<string> {
    const line = TEXT.split('\n').findIndex((l) => l.includes(`${field}:`) && !l.includes('topologySpreadConstraints'));
    const character = TEXT.split('\n')[line].indexOf(field) + 2;
    const h = await c.hover(uri, line, character);
    return (h?.contents as { value: string } | undefined)?.value ?? '';
  }

  it('nodeTaintsPolicy: Ignore names the tainted nodes that still count as domains', async () => {
    const md = await hoverOn('nodeTaintsPolicy');
    assert.match(md, /2 tainted nodes still count as domains with 0 pods: db-zone-a-1, db-zone-b-1/);
  });

  it('maxSkew gives the global minimum and where the next pod may go', async () => {
    const md = await hoverOn('maxSkew');
    assert.match(md, /\*\*maxSkew 1\*\*/);
    assert.match(md, /global minimum \(\*\*0\*\* now\)/);
    assert.match(md, /The next pod may go to: /);
  });

  it('whenUnsatisfiable, minDomains, nodeAffinityPolicy, matchLabelKeys and labelSelector say what they do here', async () => {
    assert.match(await hoverOn('whenUnsatisfiable'), /\*\*DoNotSchedule\*\*: hard\. For the next pod PodTopologySpread rejects \d+ nodes? of 9/);
    assert.match(await hoverOn('minDomains'), /\*\*minDomains 3\*\*: \d+ eligible domains on `kubernetes.io\/hostname`/);
    assert.match(await hoverOn('nodeAffinityPolicy'), /excludes no node here/);
    assert.match(await hoverOn('matchLabelKeys'), /`pod-template-hash=[0-9a-f]+`/);
    assert.match(await hoverOn('labelSelector'), /counts pods matching `[^`]*app=web[^`]*` in namespace `default`/);
  });

  it('the constraint hover lists the nodes that are not eligible and where the replicas land', async () => {
    const md = await hoverOn('topologyKey');
    assert.match(md, /\*\*Not eligible\*\* \(\d+\): `db-zone-a-1`: TaintToleration/);
    assert.match(md, /\*\*6 replica\(s\) land\*\*: .*\(skew \d+\)/);
  });
});
