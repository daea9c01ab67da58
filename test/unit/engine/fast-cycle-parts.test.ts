// The fast cycle's bookkeeping (server/src/engine/fastCycle/): node positions per domain of a label
// column, the passing nodes per domain kept across cycles, and a plugin's raw scores with the counts
// that say every node scores the same. Each is checked against a plain recomputation.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Node } from '../../../server/src/engine/api';
import { Cluster, type NodeInfo, type PodInfo } from '../../../server/src/engine/cluster';
import { columnMembers } from '../../../server/src/engine/fastCycle/columnMembers';
import { LocalPassByDomain } from '../../../server/src/engine/fastCycle/localPassByDomain';
import { RawScores } from '../../../server/src/engine/fastCycle/rawScores';
import { CycleState, type Plugin } from '../../../server/src/engine/framework';

const ZONE = 'topology.kubernetes.io/zone';

/** Nodes n0..n(k-1) with the given zone each (undefined: no zone label). */
function clusterOf(zones: (string | undefined)[]): Cluster {
  const nodes: Node[] = zones.map((z, i) => ({
    metadata: { name: `n${i}`, labels: z === undefined ? {} : ({ [ZONE]: z } as Record<string, string>) },
    status: { allocatable: { cpu: '1', memory: '1Gi', pods: '10' } },
  }));
  return Cluster.build({ nodes });
}

const zonesArb = fc.array(fc.option(fc.constantFrom('a', 'b', 'c', ''), { nil: undefined, freq: 4 }), { maxLength: 40 });

describe('fast cycle: columnMembers', () => {
  it('lists every node once, under its own domain, in node order', () => {
    fc.assert(
      fc.property(zonesArb, (zones) => {
        const column = clusterOf(zones).labelColumn(ZONE);
        const { byDomain, missing } = columnMembers(column);
        assert.deepEqual([...missing], zones.flatMap((z, at) => (z === undefined ? [at] : [])));
        assert.equal(byDomain.length, column.domains.length);
        byDomain.forEach((members, id) => {
          assert.deepEqual([...members], zones.flatMap((z, at) => (z === column.domains[id] ? [at] : [])));
        });
      }),
    );
  });

  it('is built once per column (forks share columns, so they share these lists)', () => {
    const column = clusterOf(['a', 'b', 'a']).labelColumn(ZONE);
    assert.equal(columnMembers(column), columnMembers(column));
  });
});

describe('fast cycle: LocalPassByDomain', () => {
  it('after any sequence of nodes starting or stopping to pass, each domain lists exactly its passing nodes', () => {
    fc.assert(
      fc.property(zonesArb, fc.array(fc.nat(), { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 30 }), (zones, toggles, reads) => {
        const cluster = clusterOf(zones);
        const column = cluster.labelColumn(ZONE);
        const passing = zones.map((_, at) => at % 3 !== 0);
        const lists = new LocalPassByDomain(column);
        const check = (id: number) => {
          const got = lists.of(id, cluster.nodes, (at) => passing[at]);
          const want = zones.flatMap((z, at) => ((id < 0 ? z === undefined : z === column.domains[id]) && passing[at] ? [at] : []));
          assert.deepEqual([...got.positions], want);
          assert.deepEqual(got.nodes, want.map((at) => cluster.nodes[at]));
        };
        for (let step = 0; step < Math.max(toggles.length, reads.length); step++) {
          if (zones.length && step < toggles.length) {
            const at = toggles[step] % zones.length;
            passing[at] = !passing[at];
            lists.flip(at);
          }
          if (step < reads.length) check((reads[step] % (column.domains.length + 1)) - 1);
        }
        for (let id = -1; id < column.domains.length; id++) check(id);
      }),
    );
  });
});

describe('fast cycle: RawScores', () => {
  /** A node-local plugin whose score on a node is read from `scores` by node name (counting calls). */
  const pluginOf = (scores: Map<string, number>) => {
    const calls: string[] = [];
    const plugin: Plugin = { name: 'Scores', score: (_s, _p, node) => (calls.push(node.name), scores.get(node.name)!) };
    return { plugin, calls };
  };
  const state = new CycleState();
  const pod = {} as PodInfo;

  it('knows every node scores the same when every score is known and is the first one computed, through drops and new scores (never a score some node lacks)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1, 7), { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(0, 1, 7), fc.boolean()), { maxLength: 40 }), (initial, steps) => {
        const cluster = clusterOf(initial.map(() => 'a'));
        const nodes: NodeInfo[] = cluster.nodes;
        const scores = new Map(nodes.map((n, at) => [n.name, initial[at]]));
        const { plugin } = pluginOf(scores);
        const raw = new RawScores(nodes.length);
        const known = new Set<number>();
        let first: number | undefined;
        // Every node's score known and equal to the first one ever computed (the reference the counts
        // are kept against): then the answer must be that score; otherwise none.
        const expectUniform = () => {
          const values = nodes.map((n) => scores.get(n.name));
          return known.size === nodes.length && values.every((v) => v === first) ? first : undefined;
        };
        for (const [pick, value, drop] of steps) {
          const at = pick % nodes.length;
          if (drop) {
            // A pod joined the node: its score may change, and it is forgotten until asked again.
            scores.set(nodes[at].name, value);
            raw.drop(at);
            known.delete(at);
          } else {
            assert.equal(raw.get(at, plugin, state, pod, nodes[at]), scores.get(nodes[at].name));
            first ??= scores.get(nodes[at].name);
            known.add(at);
          }
          assert.equal(raw.complete, known.size === nodes.length);
          assert.equal(raw.uniform, expectUniform());
        }
        // A copy carries the scores and the counts.
        const copy = new RawScores(nodes.length, raw);
        assert.equal(copy.uniform, raw.uniform);
        assert.equal(copy.complete, raw.complete);
      }),
    );
  });

  it('asks the plugin once per node until the node is dropped; a result that is not a number is asked again', () => {
    const cluster = clusterOf(['a', 'a']);
    const scores = new Map([['n0', 3], ['n1', Number.NaN]]);
    const { plugin, calls } = pluginOf(scores);
    const raw = new RawScores(2);
    raw.get(0, plugin, state, pod, cluster.nodes[0]);
    raw.get(0, plugin, state, pod, cluster.nodes[0]);
    raw.get(1, plugin, state, pod, cluster.nodes[1]);
    raw.get(1, plugin, state, pod, cluster.nodes[1]);
    assert.deepEqual(calls, ['n0', 'n1', 'n1']);
    assert.equal(raw.complete, false);
    raw.drop(0);
    raw.get(0, plugin, state, pod, cluster.nodes[0]);
    assert.deepEqual(calls, ['n0', 'n1', 'n1', 'n0']);
  });
});
