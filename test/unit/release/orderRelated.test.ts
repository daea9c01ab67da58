// spread/release-order-sensitive links the other workloads that change with the order, at most 10 of
// them (release/findings.ts): a big racy release linked every workload to every other one. Past 10 the
// message says how many others change. Sixteen Deployments of four replicas whose zone constraints
// count their tier's pods race on the sample cluster (14 of them change with the order; of eleven, 9).

import { strict as assert } from 'node:assert';
import { checkText } from '../../../server/src/analysis/check';
import { makeContext } from '../../../server/src/analysis/context';
import { loadEmbeddedSample } from '../../../server/src/fixture';
import type { Finding } from '../../../server/src/base/finding';

function deployment(i: number, replicas: number): string {
  const name = `app-${String(i).padStart(2, '0')}`;
  const tier = `t${i % 5}`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}, tier: ${tier}}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {tier: ${tier}}}}
      nodeSelector: {kubernetes.io/os: linux}
      containers:
      - name: web
        image: nginx:1.27
        resources: {requests: {cpu: 20m, memory: 32Mi}}
`;
}

const orderFindings = (text: string): Finding[] =>
  checkText(text, makeContext(loadEmbeddedSample()), { fileName: 'race.yaml' }).findings.filter((f) => f.code === 'spread/release-order-sensitive');

describe('spread/release-order-sensitive: related locations', () => {
  it('links at most 10 other workloads, the first in document order, and says how many change', () => {
    const text = Array.from({ length: 16 }, (_, i) => deployment(i, 4)).join('---\n');
    const found = orderFindings(text);
    assert.ok(found.length > 11, `a release with more than 11 order-sensitive workloads (got ${found.length})`);
    const sensitive = found.map((f) => f.document!).sort((a, b) => a - b);
    for (const f of found) {
      const others = sensitive.filter((d) => d !== f.document);
      assert.equal(f.related?.length, 10, `document ${f.document}`);
      // The related locations are on the workloads' names, the first 10 other order-sensitive ones.
      const lines = f.related!.map((r) => r.range.start.line);
      const expected = others.slice(0, 10).map((d) => text.split('\n').indexOf(`  name: app-${String(d).padStart(2, '0')}`));
      assert.deepEqual(lines, expected, `document ${f.document}`);
      assert.match(f.message, new RegExp(` ${others.length} other workloads of this file also change with the order; the first 10 are linked\\.$`));
    }
  });

  it('links every other one, without the count, when there are 10 or fewer', () => {
    const found = orderFindings(Array.from({ length: 11 }, (_, i) => deployment(i, 4)).join('---\n'));
    assert.ok(found.length > 1 && found.length <= 11, `an order-sensitive release of at most 11 (got ${found.length})`);
    for (const f of found) {
      assert.equal(f.related?.length, found.length - 1);
      assert.doesNotMatch(f.message, /also change with the order/);
    }
  });
});
