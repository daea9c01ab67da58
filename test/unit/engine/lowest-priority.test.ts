// lowestPodPriority (engine/preemption/evaluator.ts) is kept per cluster from its change log, and a
// fork starts from its parent's minimum instead of reading every pod again. Property: on random
// clusters, after random pods are assumed and removed on the base, a fork and a fork of the fork (in
// any interleaving, each asked in between), it equals the minimum read off the pods themselves.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Node, Pod } from '../../../server/src/engine/api';
import { Cluster, type PodInfo } from '../../../server/src/engine/cluster';
import { lowestPodPriority } from '../../../server/src/engine/preemption/evaluator';
import { runs } from '../../fuzz/arbitraries';

const PRIORITIES = [-5, 0, 10, 1000];

function node(i: number): Node {
  return { metadata: { name: `n${i}`, labels: { 'kubernetes.io/hostname': `n${i}` } }, status: { allocatable: { cpu: '8', memory: '8Gi', pods: '110' } } };
}

function pod(name: string, priority: number | undefined, nodeName?: string): Pod {
  return { metadata: { name, namespace: 'default' }, spec: { ...(nodeName ? { nodeName } : {}), ...(priority === undefined ? {} : { priority }), containers: [{ name: 'c' }] }, status: { phase: 'Running' } };
}

/** The minimum read off every pod (spec.priority, else 0: no PriorityClasses here). */
function bruteForce(c: Cluster): number {
  let min = Infinity;
  for (const n of c.nodes) for (const pi of n.pods) min = Math.min(min, pi.pod.spec?.priority ?? 0);
  return min;
}

const stepArb = fc.record({
  on: fc.constantFrom(0, 1, 2), // base, fork, fork of the fork
  add: fc.boolean(),
  priority: fc.option(fc.constantFrom(...PRIORITIES), { nil: undefined }),
  node: fc.nat(),
  pick: fc.nat(),
  ask: fc.boolean(),
});

describe('lowestPodPriority: kept per change, forks start from their parent', () => {
  it('equals the minimum over the pods of the base, a fork and a fork of the fork after any changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ node: fc.nat(), priority: fc.option(fc.constantFrom(...PRIORITIES), { nil: undefined }) }), { maxLength: 8 }),
        fc.array(stepArb, { maxLength: 25 }),
        fc.nat({ max: 25 }),
        (nodeCount, existing, steps, forkAt) => {
          const base = Cluster.build({
            nodes: Array.from({ length: nodeCount }, (_, i) => node(i)),
            pods: existing.map((p, i) => pod(`e${i}`, p.priority, `n${p.node % nodeCount}`)),
          });
          const clusters: Cluster[] = [base];
          const placed: PodInfo[][] = [[], [], []];
          steps.forEach((s, i) => {
            // The forks are made part way (the base may have changed before), the second from the first.
            if (i === Math.min(forkAt, steps.length - 1) && clusters.length === 1) {
              assert.equal(lowestPodPriority(base), bruteForce(base));
              clusters.push(base.fork());
              clusters.push(clusters[1].fork());
            }
            const c = clusters[Math.min(s.on, clusters.length - 1)];
            const k = clusters.indexOf(c);
            if (s.add || placed[k].length === 0) {
              placed[k].push(c.assume(pod(`p${i}`, s.priority), `n${s.node % nodeCount}`));
            } else {
              const [gone] = placed[k].splice(s.pick % placed[k].length, 1);
              c.remove(gone);
            }
            if (s.ask) assert.equal(lowestPodPriority(c), bruteForce(c), `cluster ${k} after step ${i}`);
          });
          for (const [k, c] of clusters.entries()) assert.equal(lowestPodPriority(c), bruteForce(c), `cluster ${k} at the end`);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
