// A simulation's per-domain summaries (distribution, counts) are built when first read (lazyRecord.ts).
// They must read as plain data to every consumer, and say what the cluster held when the simulation
// ended, however the cluster changes before they are read.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Node, Pod } from '../../../server/src/engine/api';
import { Cluster } from '../../../server/src/engine/cluster';
import { defineLazy } from '../../../server/src/engine/lazyRecord';
import { Scheduler } from '../../../server/src/engine/scheduler';
import { simulateReplicas } from '../../../server/src/engine/simulate';
import { defaultEnv } from '../../../server/src/engine/versions';

describe('defineLazy', () => {
  it('is built once, on first read, in its place in the key order', () => {
    let built = 0;
    const o: Record<string, Record<string, number>> = { a: { x: 1 } };
    defineLazy(o, 'b', () => (built++, { '2': 2, y: 1, '1': 1 }));
    o.c = {};
    assert.equal(built, 0);
    assert.deepEqual(Object.keys(o), ['a', 'b', 'c']);
    assert.equal(JSON.stringify(o), '{"a":{"x":1},"b":{"1":1,"2":2,"y":1},"c":{}}');
    assert.equal(built, 1);
    assert.equal(o.b, o.b);
    assert.equal(built, 1);
    assert.deepEqual(Object.getOwnPropertyDescriptor(o, 'b'), { value: { '1': 1, '2': 2, y: 1 }, writable: true, enumerable: true, configurable: true });
  });

  it('reads as data to spread, structured clone and deep equality, and a write replaces it unbuilt', () => {
    const o: Record<string, number[]> = {};
    defineLazy(o, 'k', () => [1, 2]);
    assert.deepEqual(structuredClone(o), { k: [1, 2] });
    const p: Record<string, number[]> = {};
    defineLazy(p, 'k', () => [1, 2]);
    assert.deepEqual({ ...p }, { k: [1, 2] });
    const q: Record<string, number[]> = {};
    defineLazy(q, 'k', () => { throw new Error('built'); });
    q.k = [3];
    assert.deepEqual(q, { k: [3] });
  });
});

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

function node(name: string, zone: string): Node {
  return { metadata: { name, labels: { [ZONE]: zone, [HOST]: name } }, status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } } };
}

function webPod(name: string, nodeName?: string): Pod {
  return {
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '100m' } } }],
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } },
        { maxSkew: 1, topologyKey: HOST, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } },
      ],
    },
  };
}

describe('simulation summaries built when read', () => {
  it('say what the cluster held when the simulation ended, read at once or after it changed', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.nat(5), fc.boolean()), { maxLength: 8 }),
      fc.integer({ min: 1, max: 6 }),
      fc.array(fc.nat(5), { minLength: 1, maxLength: 4 }),
      (existing, replicas, later) => {
        const nodes = ['a', 'b', 'c', 'a', 'b', 'c'].map((z, i) => node(`n${i}`, z));
        const pods = existing.map(([at, web], i) => (web ? webPod(`e${i}`, `n${at}`) : { metadata: { name: `o${i}` }, spec: { nodeName: `n${at}`, containers: [] } }));
        const run = () => {
          const cluster = Cluster.build({ nodes, pods });
          const r = simulateReplicas(new Scheduler({ cluster, env: defaultEnv() }), { replicas, podFor: (k) => webPod(`r${k}`) });
          return { cluster, r };
        };
        const now = run();
        const readAtOnce = JSON.stringify({ d: now.r.distribution, c: now.r.counts, s: now.r.skew });
        const changed = run();
        // More matching pods bound after the simulation: the summary must not see them.
        later.forEach((at, i) => changed.cluster.assume(webPod(`late${i}`), `n${at}`));
        assert.equal(JSON.stringify({ d: changed.r.distribution, c: changed.r.counts, s: changed.r.skew }), readAtOnce);
        // And the counts are the matching pods per domain as the simulation ended.
        const zones: Record<string, number> = {};
        for (const n of now.cluster.nodes) zones[n.labels[ZONE]] = (zones[n.labels[ZONE]] ?? 0) + n.pods.filter((p) => p.labels.app === 'web').length;
        assert.deepEqual(JSON.parse(readAtOnce).c[ZONE], zones);
      },
    ));
  });
});
