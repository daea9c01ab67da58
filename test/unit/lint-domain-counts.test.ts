// lint/topology.ts counts the pods matching a constraint's selector on every node once per cluster (while
// its pods are unchanged) and shares the counts between documents and between the staged analyses'
// lint and spread stages. Property: on random clusters and files, the findings of a context that has
// already analysed other files (its counts memoized) are those of a fresh context, and after pods are
// assumed on the cluster they are those of a cluster built with those pods.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkText } from '../../server/src/analysis/check';
import { makeContext } from '../../server/src/analysis/context';
import { loadFixtureFromText } from '../../server/src/fixture';
import type { Finding } from '../../server/src/base/finding';
import { runs } from '../fuzz/arbitraries';

interface N { zone?: string; taint: boolean; pods: { app: string; tier: string; ns: string }[] }
interface D { app: string; tier: string; ns: string; replicas: number; selectTier: boolean; honourTaints: boolean; tolerate: boolean; second: boolean }

const arbPod = fc.record({ app: fc.constantFrom('a', 'b'), tier: fc.constantFrom('t0', 't1'), ns: fc.constantFrom('default', 'other') });
const arbNode: fc.Arbitrary<N> = fc.record({
  zone: fc.constantFrom(undefined, 'z1', 'z2', 'z3'), taint: fc.boolean(), pods: fc.array(arbPod, { maxLength: 3 }),
});
const arbDoc: fc.Arbitrary<D> = fc.record({
  app: fc.constantFrom('a', 'b'), tier: fc.constantFrom('t0', 't1'), ns: fc.constantFrom('default', 'other'), replicas: fc.integer({ min: 2, max: 6 }),
  selectTier: fc.boolean(), honourTaints: fc.boolean(), tolerate: fc.boolean(), second: fc.boolean(),
});

function fixtureText(nodes: N[]): string {
  const items: unknown[] = [];
  nodes.forEach((n, i) => {
    items.push({
      apiVersion: 'v1', kind: 'Node',
      metadata: { name: `n${i}`, labels: { 'kubernetes.io/hostname': `n${i}`, ...(n.zone ? { 'topology.kubernetes.io/zone': n.zone } : {}) } },
      // z3's nodes are always tainted: a domain the pod does not tolerate pins the minimum (lint's count-dependent rule).
      spec: n.taint || n.zone === 'z3' ? { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } : {},
      status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } },
    });
    n.pods.forEach((p, j) => items.push(podObject(`p${i}-${j}`, p, `n${i}`)));
  });
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}

function podObject(name: string, p: N['pods'][number], node: string) {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: p.ns, labels: { app: p.app, tier: p.tier } },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '100m' } } }] }, status: { phase: 'Running' },
  };
}

function manifest(docs: D[]): string {
  return docs.map((d, i) => [
    'apiVersion: apps/v1', 'kind: Deployment', `metadata: {name: w${i}, namespace: ${d.ns}}`, 'spec:', `  replicas: ${d.replicas}`,
    `  selector: {matchLabels: {app: ${d.app}}}`, '  template:', `    metadata: {labels: {app: ${d.app}, tier: ${d.tier}}}`, '    spec:',
    ...(d.tolerate ? ['      tolerations: [{key: dedicated, operator: Exists}]'] : []),
    '      topologySpreadConstraints:',
    `      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {${d.selectTier ? `tier: ${d.tier}` : `app: ${d.app}`}}}${d.honourTaints ? ', nodeTaintsPolicy: Honor' : ''}}`,
    ...(d.second ? [`      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: ${d.app}}}}`] : []),
    '      containers: [{name: c, image: x}]',
  ].join('\n')).join('\n---\n');
}

const lintOf = (text: string, ctx: ReturnType<typeof makeContext>): Finding[] =>
  checkText(text, ctx, { groups: { spread: false } }).findings.filter((f) => f.code.startsWith('lint/') || f.code.startsWith('spread/'));

describe('lint: per-node matching pod counts shared per cluster', function () {
  this.timeout(300000);

  it('a context that analysed other files reports what a fresh one does', () => {
    fc.assert(
      fc.property(fc.array(arbNode, { minLength: 1, maxLength: 8 }), fc.array(arbDoc, { minLength: 1, maxLength: 4 }), fc.array(arbDoc, { minLength: 1, maxLength: 4 }), (nodes, before, docs) => {
        const fixture = loadFixtureFromText(fixtureText(nodes), 'cluster.json');
        const warm = makeContext(fixture);
        // Earlier files: random ones, and these documents in the other namespace (the same selectors, other pods).
        lintOf(manifest(before), warm);
        lintOf(manifest(docs.map((d) => ({ ...d, ns: d.ns === 'default' ? 'other' : 'default' }))), warm);
        const warmFindings = lintOf(manifest(docs), warm);
        assert.deepStrictEqual(warmFindings, lintOf(manifest(docs), makeContext(fixture)));
      }),
      { numRuns: runs(300) },
    );
  });

  it('pods assumed on the cluster are counted (the memo follows the cluster generation)', () => {
    fc.assert(
      fc.property(fc.array(arbNode, { minLength: 1, maxLength: 8 }), fc.array(arbDoc, { minLength: 1, maxLength: 4 }), fc.array(arbPod, { minLength: 1, maxLength: 6 }), fc.nat(), (nodes, docs, added, at) => {
        const text = manifest(docs);
        const warm = makeContext(loadFixtureFromText(fixtureText(nodes), 'cluster.json'));
        lintOf(text, warm);
        const grown = nodes.map((n) => ({ ...n, pods: [...n.pods] }));
        added.forEach((p, j) => {
          const k = (at + j) % nodes.length;
          warm.cluster.assume(podObject(`added-${j}`, p, `n${k}`) as never, `n${k}`);
          grown[k].pods.push(p);
        });
        const rebuilt = makeContext(loadFixtureFromText(fixtureText(grown), 'cluster.json'));
        // Every document's text changed (a comment), so check's own per-document memo does not answer.
        const again = text.split('\n---\n').map((d) => `# again\n${d}`).join('\n---\n');
        assert.deepStrictEqual(lintOf(again, warm), lintOf(again, rebuilt));
      }),
      { numRuns: runs(40) },
    );
  });
});
