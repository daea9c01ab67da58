// Completion over real stdio against the built server, on half-typed YAML: topologyKey values from
// the embedded sample's node labels, the enum fields, selector operators, matchLabels and
// matchLabelKeys from the template, and the whole-constraint snippet (applied and re-parsed).

import assert from 'node:assert/strict';
import { CompletionRequest, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from 'yaml';
import { buildServer, LspClient } from './client';

const HEAD = `apiVersion: apps/v1
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
        tier: "true"
    spec:
      topologySpreadConstraints:
`;
const TAIL = `      containers:
        - name: web
          image: nginx:1.27
`;

/** Text with `|` marking the cursor → [text, line, character]. */
function cursor(src: string): [string, number, number] {
  const at = src.indexOf('|');
  const text = src.slice(0, at) + src.slice(at + 1);
  const before = text.slice(0, at).split('\n');
  return [text, before.length - 1, before[before.length - 1].length];
}

function apply(text: string, item: CompletionItem): string {
  const doc = TextDocument.create('untitled:x', 'yaml', 1, text);
  return TextDocument.applyEdits(doc, [item.textEdit as TextEdit]);
}

/** A snippet with its placeholders resolved to their defaults (first choice). */
function expand(s: string): string {
  return s.replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{?\d+\}?/g, '').replace(/\\([$}\\])/g, '$1');
}

describe('LSP completion (stdio)', function () {
  this.timeout(20000);
  let c: LspClient;
  let n = 0;
  before(async () => {
    buildServer();
    c = await LspClient.start();
    assert.deepEqual(c.initializeResult.capabilities.completionProvider?.triggerCharacters?.includes(':'), true);
  });
  after(async () => {
    await c?.stop();
  });

  async function complete(src: string): Promise<{ text: string; items: CompletionItem[] }> {
    const [text, line, character] = cursor(src);
    const uri = `untitled:completion-${++n}.yaml`;
    await c.open(uri, text);
    const r = await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } }) as CompletionList | null;
    await c.close(uri);
    return { text, items: r?.items ?? [] };
  }
  const doc = (i: CompletionItem) => (typeof i.documentation === 'string' ? i.documentation : i.documentation?.value ?? '');

  it('offers topologyKey values from the fixture while the value is half typed, with node counts', async () => {
    const { text, items } = await complete(`${HEAD}        - maxSkew: 1\n          topologyKey: topo|\n${TAIL}`);
    const zone = items.find((i) => i.label === 'topology.kubernetes.io/zone');
    assert.ok(zone, items.map((i) => i.label).join(', '));
    assert.match(doc(zone), /8 of 9 nodes/);
    assert.match(doc(zone), /edge-1/);
    assert.match(String(zone.detail), /well-known/);
    const host = items.find((i) => i.label === 'kubernetes.io/hostname')!;
    assert.match(doc(host), /9 of 9 nodes/);
    assert.ok(items.some((i) => i.label === 'node-pool'), 'the fixture\'s own labels');
    assert.ok(items.some((i) => i.label === 'topology.kubernetes.io/region'));
    assert.ok(Number(items.indexOf(zone)) >= 0 && String(zone.sortText) < String(items.find((i) => i.label === 'node-pool')!.sortText));
    assert.match(apply(text, zone), /\n {10}topologyKey: topology\.kubernetes\.io\/zone\n/);
  });

  it('inserts a space after a bare colon', async () => {
    const { text, items } = await complete(`${HEAD}        - maxSkew: 1\n          topologyKey:|\n${TAIL}`);
    const zone = items.find((i) => i.label === 'topology.kubernetes.io/zone')!;
    assert.match(apply(text, zone), /topologyKey: topology\.kubernetes\.io\/zone\n/);
  });

  it('offers the enum values of whenUnsatisfiable, nodeAffinityPolicy and nodeTaintsPolicy', async () => {
    let r = await complete(`${HEAD}        - maxSkew: 1\n          whenUnsatisfiable: |\n${TAIL}`);
    assert.deepEqual(r.items.map((i) => i.label), ['DoNotSchedule', 'ScheduleAnyway']);
    r = await complete(`${HEAD}        - maxSkew: 1\n          nodeAffinityPolicy: H|\n${TAIL}`);
    assert.deepEqual(r.items.map((i) => i.label), ['Honor', 'Ignore']);
    r = await complete(`${HEAD}        - maxSkew: 1\n          nodeTaintsPolicy: |\n${TAIL}`);
    assert.deepEqual(r.items.map((i) => i.label), ['Honor', 'Ignore']);
    assert.match(doc(r.items[1]), /db-zone-a-1, db-zone-b-1/);
  });

  it('offers selector operators inside matchExpressions', async () => {
    const { items } = await complete(`${HEAD}        - maxSkew: 1\n          labelSelector:\n            matchExpressions:\n              - key: app\n                operator: |\n${TAIL}`);
    assert.deepEqual(items.map((i) => i.label), ['In', 'NotIn', 'Exists', 'DoesNotExist']);
  });

  it('offers the template\'s labels for matchLabels, quoting values YAML would not read as strings', async () => {
    const { text, items } = await complete(`${HEAD}        - maxSkew: 1\n          labelSelector:\n            matchLabels:\n              t|\n${TAIL}`);
    assert.deepEqual(items.map((i) => i.label).sort(), ['app: web', 'tier: true']);
    const tier = items.find((i) => i.label === 'tier: true')!;
    assert.match(apply(text, tier), /\n {14}tier: "true"\n/);
    assert.match(doc(tier), /own label/);
    const v = await complete(`${HEAD}        - maxSkew: 1\n          labelSelector:\n            matchLabels:\n              app: |\n${TAIL}`);
    assert.deepEqual(v.items.map((i) => i.label), ['web']);
  });

  it('offers pod-template-hash and the template keys for matchLabelKeys, block and flow', async () => {
    let r = await complete(`${HEAD}        - maxSkew: 1\n          matchLabelKeys:\n            - |\n${TAIL}`);
    assert.equal(r.items[0].label, 'pod-template-hash');
    assert.match(doc(r.items[0]), /current revision/);
    assert.ok(r.items.some((i) => i.label === 'app'));
    r = await complete(`${HEAD}        - maxSkew: 1\n          matchLabelKeys: [pod-|]\n${TAIL}`);
    assert.equal(r.items[0].label, 'pod-template-hash');
    assert.match(apply(r.text, r.items[0]), /matchLabelKeys: \[pod-template-hash\]/);
    // A StatefulSet has no pod-template-hash.
    r = await complete(`${HEAD.replace('Deployment', 'StatefulSet')}        - maxSkew: 1\n          matchLabelKeys:\n            - |\n${TAIL}`);
    assert.ok(!r.items.some((i) => i.label === 'pod-template-hash'));
  });

  it('completes a whole constraint after "- " and the result parses with the template\'s selector', async () => {
    const { text, items } = await complete(`${HEAD}        - |\n${TAIL}`);
    const snip = items.find((i) => i.kind === 15);
    assert.ok(snip, items.map((i) => i.label).join(', '));
    assert.equal(snip.insertTextFormat, 2);
    const edit = snip.textEdit as TextEdit;
    const out = apply(text, { ...snip, textEdit: { ...edit, newText: expand(edit.newText) } });
    const tsc = parse(out).spec.template.spec.topologySpreadConstraints;
    assert.deepEqual(tsc, [{
      maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['pod-template-hash'],
    }]);
    assert.equal(parse(out).spec.template.spec.containers[0].name, 'web', 'the rest of the file is untouched');
    // The constraint fields are offered too.
    assert.ok(items.some((i) => i.label === 'topologyKey'));
  });

  it('completes the whole topologySpreadConstraints block at the pod spec level', async () => {
    const src = `${HEAD.replace('      topologySpreadConstraints:\n', '      topo|\n')}${TAIL}`;
    const { text, items } = await complete(src);
    const snip = items.find((i) => i.kind === 15)!;
    assert.ok(snip);
    const edit = snip.textEdit as TextEdit;
    const out = parse(apply(text, { ...snip, textEdit: { ...edit, newText: expand(edit.newText) } }));
    assert.equal(out.spec.template.spec.topologySpreadConstraints[0].topologyKey, 'topology.kubernetes.io/zone');
  });

  it('returns nothing outside of the fields it knows, and nothing in comments', async () => {
    assert.deepEqual((await complete(`${HEAD}        - maxSkew: 1\n          topologyKey: zone\n${TAIL.replace('image: nginx:1.27', 'image: ngi|')}`)).items, []);
    assert.deepEqual((await complete(`${HEAD}        # topologyKey: |\n${TAIL}`)).items, []);
  });
});
