// The worked examples of ../shared/docs/spread-semantics.md §6 and §7.3, run through the whole
// default profile (scheduler.ts / simulate.ts), so the plugins, weights, tie sets and the
// scheduler's FitError message are checked together, not only PodTopologySpread alone.

import { strict as assert } from 'node:assert';
import type { Pod } from '../../../server/src/engine/api';
import { Cluster } from '../../../server/src/engine/cluster';
import { Scheduler } from '../../../server/src/engine/scheduler';
import { simulateReplicas } from '../../../server/src/engine/simulate';
import { defaultEnv } from '../../../server/src/engine/versions';
import { labelSelectorAsSelector } from '../../../server/src/engine/selectors';
import { exists, makeNode, makePod, matchLabels } from '../builders';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

function zoneNode(name: string, zone: string) {
  return makeNode(name).label(HOST, name).label(ZONE, zone).capacity({ cpu: '4', memory: '8Gi', pods: '110' }).build();
}

describe('semantics doc §7.3: a worked simulation (4 replicas, 3 zones, hard zone constraint)', () => {
  const nodes = [zoneNode('n-a', 'zone-a'), zoneNode('n-b', 'zone-b'), zoneNode('n-c', 'zone-c')];
  const podFor = (i: number): Pod => makePod(`web-${i}`).label('app', 'web').container({ name: 'web' })
    .spreadConstraint(1, ZONE, 'DoNotSchedule', matchLabels({ app: 'web' })).build();

  // replica -> [feasible nodes, LeastAllocated on each, total, tie set, pick]
  const table: [number, string[], number, number, string[], string][] = [
    [0, ['n-a', 'n-b', 'n-c'], 97, 397, ['n-a', 'n-b', 'n-c'], 'n-a'],
    [1, ['n-b', 'n-c'], 97, 397, ['n-b', 'n-c'], 'n-b'],
    [2, ['n-c'], NaN, NaN, ['n-c'], 'n-c'],
    [3, ['n-a', 'n-b', 'n-c'], 95, 395, ['n-a', 'n-b', 'n-c'], 'n-a'],
  ];

  it('each cycle: feasible set, per-plugin scores, totals, tie set and pick as in the table', () => {
    const cluster = Cluster.build({ nodes });
    const sched = new Scheduler({ cluster, env: defaultEnv() });
    for (const [i, feasible, least, total, ties, pick] of table) {
      const cycle = sched.schedule(podFor(i));
      assert.deepEqual(cycle.feasible, feasible, `replica ${i} feasible`);
      assert.deepEqual(cycle.selected, ties, `replica ${i} ties`);
      if (feasible.length > 1) {
        for (const ev of cycle.nodes.filter((n) => n.feasible)) {
          assert.equal(ev.scores!.NodeResourcesFit, least, `replica ${i} ${ev.name} LeastAllocated`);
          assert.equal(ev.scores!.TaintToleration, 100);
          assert.equal(ev.totalScore, total, `replica ${i} ${ev.name} total`);
        }
        // No soft constraints and own constraints => PodTopologySpread does not score; best-effort pod => no BalancedAllocation.
        assert.ok(cycle.skippedScores.includes('PodTopologySpread'));
        assert.ok(cycle.skippedScores.includes('NodeResourcesBalancedAllocation'));
      } else {
        assert.equal(cycle.scoringSkipped !== undefined, true);
      }
      cluster.assume(podFor(i), pick);
    }
  });

  it('simulateReplicas ends 2/1/1 with every tie reported', () => {
    const sched = new Scheduler({ cluster: Cluster.build({ nodes }), env: defaultEnv() });
    const r = simulateReplicas(sched, { replicas: 4, podFor });
    assert.deepEqual(r.placements.map((p) => p.node), ['n-a', 'n-b', 'n-c', 'n-a']);
    assert.deepEqual(r.placements.map((p) => p.ties), table.map((t) => t[4]));
    assert.deepEqual(r.distribution[ZONE], { 'zone-a': 2, 'zone-b': 1, 'zone-c': 1 });
    assert.equal(r.skew[ZONE], 1);
    assert.equal(r.pending.length, 0);
  });
});

describe('semantics doc §6 Example 4: tainted control plane and nodeTaintsPolicy', () => {
  const nodes = [
    makeNode('cp').label(HOST, 'cp').taints([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]).build(),
    makeNode('w1').label(HOST, 'w1').build(),
    makeNode('w2').label(HOST, 'w2').build(),
  ];
  const existing = [makePod('e1').label('app', 'web').node('w1').build(), makePod('e2').label('app', 'web').node('w2').build()];
  const incoming = (policy?: string) => makePod('p').label('app', 'web')
    .spreadConstraint(1, HOST, 'DoNotSchedule', matchLabels({ app: 'web' }), policy ? { nodeTaintsPolicy: policy } : {}).build();

  it('default Ignore: pending with the scheduler\'s exact message', () => {
    const sched = new Scheduler({ cluster: Cluster.build({ nodes, pods: existing }), env: defaultEnv() });
    const cycle = sched.schedule(incoming());
    assert.deepEqual(cycle.feasible, []);
    assert.equal(cycle.fitError, "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match pod topology spread constraints.");
    assert.deepEqual(cycle.nodes.map((n) => [n.name, n.status?.plugin]), [['cp', 'TaintToleration'], ['w1', 'PodTopologySpread'], ['w2', 'PodTopologySpread']]);
  });

  it('Honor: w1 and w2 fit and tie', () => {
    const sched = new Scheduler({ cluster: Cluster.build({ nodes, pods: existing }), env: defaultEnv() });
    const cycle = sched.schedule(incoming('Honor'));
    assert.deepEqual(cycle.feasible, ['w1', 'w2']);
    assert.deepEqual(cycle.selected, ['w1', 'w2']);
  });
});

describe('semantics doc §6 Example 3: minDomains above the eligible domains, through the full profile', () => {
  it('node-0 is rejected by NodeAffinity, node-1/2 by PodTopologySpread, node-3 fits', () => {
    const nodes = ['node-0', 'node-1', 'node-2', 'node-3'].map((n) => makeNode(n).label('node', n).build());
    const pods = [
      ...[1, 2].map((i) => makePod(`a${i}`).label('foo', '').node('node-1').build()),
      ...[1, 2].map((i) => makePod(`b${i}`).label('foo', '').node('node-2').build()),
      makePod('c1').label('foo', '').node('node-3').build(),
    ];
    const pod = makePod('p').label('foo', '').nodeAffinityNotIn('node', ['node-0'])
      .spreadConstraint(2, 'node', 'DoNotSchedule', exists('foo'), { minDomains: 4 }).build();
    const cycle = new Scheduler({ cluster: Cluster.build({ nodes, pods }), env: defaultEnv() }).schedule(pod);
    assert.deepEqual(cycle.nodes.map((n) => n.status?.plugin ?? 'fits'), ['NodeAffinity', 'PodTopologySpread', 'PodTopologySpread', 'fits']);
    assert.deepEqual(cycle.selected, ['node-3']);
  });
});

describe('semantics doc §6 Example 9: system default constraints via a Service, nodes without zones', () => {
  it('scores 44/66/77/100 like a single hostname constraint with maxSkew 3', () => {
    const nodes = ['node-a', 'node-b', 'node-c', 'node-d'].map((n) => makeNode(n).label(HOST, n).build());
    const counts = [4, 3, 2, 1];
    const pods = nodes.flatMap((n, i) => Array.from({ length: counts[i] }, (_, k) => makePod(`${n.metadata.name}-${k}`).label('foo', '').node(n.metadata.name!).build()));
    const services = [{ metadata: { name: 's', namespace: 'default' }, spec: { selector: { foo: '' } } }];
    const profile = { schedulerName: 'default-scheduler', plugins: [{ name: 'PodTopologySpread', weight: 1 }], pluginArgs: {} };
    const cycle = new Scheduler({ cluster: Cluster.build({ nodes, pods, services }), env: defaultEnv() }, profile).schedule(makePod('p').label('foo', '').build());
    assert.deepEqual(cycle.nodes.map((n) => n.scores?.PodTopologySpread), [44, 66, 77, 100]);
  });
});

describe('scheduling errors are results, not exceptions', () => {
  const nodes = [makeNode('a').label(HOST, 'a').build(), makeNode('b').label(HOST, 'b').build()];
  const badSelector = { matchExpressions: [{ key: 'app', operator: 'Foo', values: ['x'] }] };
  it('an invalid selector in a hard constraint fails PreFilter with Error', () => {
    const pod = makePod('p').spreadConstraint(1, HOST, 'DoNotSchedule', badSelector).build();
    const cycle = new Scheduler({ cluster: Cluster.build({ nodes }), env: defaultEnv() }).schedule(pod);
    assert.deepEqual(cycle.selected, []);
    assert.equal(cycle.error, 'running PreFilter plugin "PodTopologySpread": obtaining pod\'s hard topology spread constraints: "Foo" is not a valid label selector operator');
    assert.ok(cycle.nodes.every((n) => n.status?.code === 'Error'));
  });
  it('an invalid selector in a soft constraint fails PreScore with Error', () => {
    const pod = makePod('p').spreadConstraint(1, HOST, 'ScheduleAnyway', badSelector).build();
    const cycle = new Scheduler({ cluster: Cluster.build({ nodes }), env: defaultEnv() }).schedule(pod);
    assert.deepEqual(cycle.selected, []);
    assert.match(cycle.error!, /^running PreScore plugin "PodTopologySpread": calculating preScoreState: obtaining pod's soft topology spread constraints: "Foo" is not a valid label selector operator$/);
  });
});

describe('selector conversion on untyped input names the wrong type (found by npm run fuzz)', () => {
  it('a mapping where a matchLabels value belongs', () => {
    assert.throws(() => labelSelectorAsSelector({ matchLabels: { app: { x: 1 } as unknown as string } }), /^Error: matchLabels\[app\]: must be a string, not a mapping$|matchLabels\[app\]: must be a string, not a mapping/);
  });
  it('a list among matchExpressions values', () => {
    assert.throws(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'app', operator: 'In', values: [['a'] as unknown as string] }] }), /matchExpressions\[app\]\.values: must be strings/);
  });
});
