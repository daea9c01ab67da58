// KubeSchedulerConfiguration (engine/config/, read from text by fixture/schedulerConfigFile.ts):
// valid and invalid configurations with the scheduler's messages and exact lines, then what a
// configuration changes: custom default constraints, a disabled plugin, changed weights, profiles
// picked by spec.schedulerName, sampling.

import { strict as assert } from 'node:assert';
import type { Pod, SelectorOwner } from '../../server/src/engine/api';
import { Cluster } from '../../server/src/engine/cluster';
import { Scheduler } from '../../server/src/engine/scheduler';
import { numFeasibleNodesToFind, profileForPod, samplingNote, type SchedulerSetup } from '../../server/src/engine/config';
import { loadSchedulerConfigText, SchedulerConfigError } from '../../server/src/fixture/schedulerConfigFile';
import { defaultProfile } from '../../server/src/engine/profile';
import { defaultEnv } from '../../server/src/engine/versions';
import { makeNode, makePod } from './builders';

const HEAD = 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n';
const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

function load(body: string, minor = 36, gates: Record<string, boolean> = {}): SchedulerSetup {
  return loadSchedulerConfigText(HEAD + body, 'sched.yaml', defaultEnv(minor, gates));
}

/** [line (1-based), message] of every error. */
function errorsOf(body: string, minor = 36): [number, string][] {
  try {
    load(body, minor);
  } catch (e) {
    assert.ok(e instanceof SchedulerConfigError, String(e));
    return e.problems.filter((p) => p.severity === 'error').map((p) => [p.line + 1, p.message]);
  }
  assert.fail('expected the configuration to be rejected');
}

describe('KubeSchedulerConfiguration: valid configurations', () => {
  const valid: [string, string, (s: SchedulerSetup) => void][] = [
    ['no profiles: one default-scheduler profile, the default plugins and weights', '', (s) => {
      assert.deepEqual(s.profiles.map((p) => p.schedulerName), ['default-scheduler']);
      assert.deepEqual(s.profiles[0].plugins, defaultProfile().plugins);
    }],
    ['a single unnamed profile is named default-scheduler', 'profiles:\n  - {}\n', (s) => assert.equal(s.profiles[0].schedulerName, 'default-scheduler')],
    ['score weight via score.enabled', 'profiles:\n  - plugins:\n      score:\n        enabled:\n          - name: PodTopologySpread\n            weight: 7\n', (s) => {
      assert.equal(s.profiles[0].plugins.find((p) => p.name === 'PodTopologySpread')?.weight, 7);
    }],
    ['score weight via multiPoint replaces the default in place', 'profiles:\n  - plugins:\n      multiPoint:\n        enabled:\n          - name: TaintToleration\n            weight: 9\n', (s) => {
      const names = s.profiles[0].plugins.map((p) => p.name);
      assert.equal(names.indexOf('TaintToleration'), defaultProfile().plugins.findIndex((p) => p.name === 'TaintToleration'));
      assert.equal(s.profiles[0].plugins.find((p) => p.name === 'TaintToleration')?.weight, 9);
    }],
    ['weight 0 means 1 (getScoreWeights)', 'profiles:\n  - plugins:\n      score:\n        enabled:\n          - name: ImageLocality\n            weight: 0\n', (s) => {
      assert.equal(s.profiles[0].plugins.find((p) => p.name === 'ImageLocality')?.weight, 1);
    }],
    ['score disabled: the plugin still filters', 'profiles:\n  - plugins:\n      score:\n        disabled:\n          - name: PodTopologySpread\n', (s) => {
      assert.deepEqual(s.profiles[0].plugins.find((p) => p.name === 'PodTopologySpread'), { name: 'PodTopologySpread' });
    }],
    ['filter disabled: the plugin only scores', 'profiles:\n  - plugins:\n      filter:\n        disabled:\n          - name: PodTopologySpread\n      preFilter:\n        disabled:\n          - name: PodTopologySpread\n', (s) => {
      assert.deepEqual(s.profiles[0].plugins.find((p) => p.name === 'PodTopologySpread'), { name: 'PodTopologySpread', weight: 2, filter: false });
    }],
    ['multiPoint disabled: gone everywhere', 'profiles:\n  - plugins:\n      multiPoint:\n        disabled:\n          - name: PodTopologySpread\n', (s) => {
      assert.equal(s.profiles[0].plugins.some((p) => p.name === 'PodTopologySpread'), false);
    }],
    ['two profiles, args per profile', 'profiles:\n  - schedulerName: default-scheduler\n  - schedulerName: zonal\n    pluginConfig:\n      - name: PodTopologySpread\n        args:\n          defaultingType: List\n          defaultConstraints:\n            - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule}\n', (s) => {
      assert.deepEqual(s.profiles.map((p) => p.schedulerName), ['default-scheduler', 'zonal']);
      assert.equal((s.profiles[1].pluginArgs.PodTopologySpread as { defaultingType: string }).defaultingType, 'List');
    }],
    ['percentageOfNodesToScore global and per profile', 'percentageOfNodesToScore: 30\nprofiles:\n  - schedulerName: default-scheduler\n    percentageOfNodesToScore: 100\n', (s) => {
      assert.equal(s.percentageOfNodesToScore, 30);
      assert.deepEqual(s.profilePercentage, { 'default-scheduler': 100 });
    }],
    ['NodeResourcesFit MostAllocated', 'profiles:\n  - pluginConfig:\n      - name: NodeResourcesFit\n        args:\n          scoringStrategy:\n            type: MostAllocated\n', (s) => {
      assert.deepEqual(s.profiles[0].pluginArgs.NodeResourcesFit, { scoringStrategy: { type: 'MostAllocated' } });
    }],
    ['args for a plugin without an Args type are kept undecoded', 'profiles:\n  - pluginConfig:\n      - name: TaintToleration\n        args: {anything: 1}\n', (s) => assert.equal(s.profiles.length, 1)],
  ];
  for (const [name, body, check] of valid) it(name, () => check(load(body)));

  it('extenders load with a warning: they are not modelled', () => {
    const s = load('extenders:\n  - urlPrefix: http://x\n    filterVerb: filter\n');
    assert.match(s.problems[0].message, /extender/);
    assert.equal(s.problems[0].severity, 'warning');
  });
});

describe('KubeSchedulerConfiguration: invalid configurations (messages and lines)', () => {
  const invalid: [string, string, [number, string][]][] = [
    ['unknown top-level field', 'percentageOfNodesToScores: 10\n', [[3, 'strict decoding error: unknown field "percentageOfNodesToScores"']]],
    ['percentageOfNodesToScore out of range', 'percentageOfNodesToScore: 120\n', [[3, 'percentageOfNodesToScore: Invalid value: 120: not in valid range [0-100]']]],
    ['parallelism 0', 'parallelism: 0\n', [[3, 'parallelism: Invalid value: 0: should be an integer value greater than zero']]],
    ['podMaxBackoffSeconds below the initial backoff', 'podInitialBackoffSeconds: 5\npodMaxBackoffSeconds: 2\n', [[4, 'podMaxBackoffSeconds: Invalid value: 2: must be greater than or equal to PodInitialBackoffSeconds']]],
    ['two profiles, one without a name', 'profiles:\n  - schedulerName: a\n  - {}\n', [[5, 'profiles[1].schedulerName: Required value']]],
    ['duplicate schedulerName', 'profiles:\n  - schedulerName: a\n  - schedulerName: a\n', [[5, 'profiles[1].schedulerName: Duplicate value: profiles[0].schedulerName']]],
    ['defaultingType System with constraints', 'profiles:\n  - pluginConfig:\n      - name: PodTopologySpread\n        args:\n          defaultingType: System\n          defaultConstraints:\n            - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}\n',
      [[7, 'profiles[0].pluginConfig[0].args.defaultingType: Invalid value: "System": when .defaultConstraints are not empty']]],
    ['defaultingType unknown', 'profiles:\n  - pluginConfig:\n      - name: PodTopologySpread\n        args:\n          defaultingType: Zonal\n',
      [[7, 'profiles[0].pluginConfig[0].args.defaultingType: Unsupported value: "Zonal": supported values: "System", "List"']]],
    ['default constraint with a selector, maxSkew 0, bad action, duplicate', 'profiles:\n  - pluginConfig:\n      - name: PodTopologySpread\n        args:\n          defaultingType: List\n          defaultConstraints:\n            - maxSkew: 0\n              topologyKey: zone\n              whenUnsatisfiable: Never\n              labelSelector: {}\n            - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: Never}\n', [
      [9, 'profiles[0].pluginConfig[0].args.defaultConstraints[0].maxSkew: Invalid value: 0: not in valid range (0, inf)'],
      [11, 'profiles[0].pluginConfig[0].args.defaultConstraints[0].whenUnsatisfiable: Unsupported value: "Never": supported values: "DoNotSchedule", "ScheduleAnyway"'],
      [12, 'profiles[0].pluginConfig[0].args.defaultConstraints[0].labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod'],
      [13, 'profiles[0].pluginConfig[0].args.defaultConstraints[1].whenUnsatisfiable: Unsupported value: "Never": supported values: "DoNotSchedule", "ScheduleAnyway"'],
      [13, 'profiles[0].pluginConfig[0].args.defaultConstraints[1]: Duplicate value: "{zone, Never}"'],
    ]],
    ['default constraint without topologyKey', 'profiles:\n  - pluginConfig:\n      - name: PodTopologySpread\n        args:\n          defaultingType: List\n          defaultConstraints:\n            - {maxSkew: 1, whenUnsatisfiable: DoNotSchedule}\n',
      [[9, 'profiles[0].pluginConfig[0].args.defaultConstraints[0].topologyKey: Required value: can not be empty']]],
    ['misspelled args field', 'profiles:\n  - pluginConfig:\n      - name: PodTopologySpread\n        args:\n          defaultConstraint: []\n',
      [[7, 'decoding .profiles[0].pluginConfig[0]: decoding args for plugin PodTopologySpread: strict decoding error: unknown field "defaultConstraint"']]],
    ['duplicate pluginConfig', 'profiles:\n  - pluginConfig:\n      - name: NodeAffinity\n      - name: NodeAffinity\n', [[6, 'profiles[0].pluginConfig[1]: Duplicate value: "NodeAffinity"']]],
    ['scoring strategy type', 'profiles:\n  - pluginConfig:\n      - name: NodeResourcesFit\n        args:\n          scoringStrategy:\n            type: Balanced\n',
      [[8, 'initializing plugin "NodeResourcesFit": scoringStrategy.type: Unsupported value: "Balanced": supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"']]],
    ['scoring resource weight', 'profiles:\n  - pluginConfig:\n      - name: NodeResourcesFit\n        args:\n          scoringStrategy:\n            type: LeastAllocated\n            resources:\n              - {name: cpu, weight: 101}\n',
      [[10, 'initializing plugin "NodeResourcesFit": scoringStrategy.resources[0].weight: Invalid value: 101: resource weight of cpu not in valid range (0, 100]']]],
    ['BalancedAllocation weight must be 1', 'profiles:\n  - pluginConfig:\n      - name: NodeResourcesBalancedAllocation\n        args:\n          resources:\n            - {name: cpu, weight: 2}\n',
      [[8, 'profiles[0].pluginConfig[0].args.resources[0].weight: Invalid value: 2: must be 1']]],
    ['hardPodAffinityWeight', 'profiles:\n  - pluginConfig:\n      - name: InterPodAffinity\n        args:\n          hardPodAffinityWeight: 101\n',
      [[7, 'profiles[0].pluginConfig[0].args.hardPodAffinityWeight: Invalid value: 101: not in valid range [0, 100]']]],
    ['unknown plugin', 'profiles:\n  - plugins:\n      filter:\n        enabled:\n          - name: Zoned\n',
      [[7, 'initializing profiles: creating profile for scheduler name default-scheduler: FilterPlugin "Zoned" does not exist']]],
    ['plugin at a point it does not implement', 'profiles:\n  - plugins:\n      score:\n        enabled:\n          - name: NodeName\n',
      [[7, 'initializing profiles: creating profile for scheduler name default-scheduler: plugin "NodeName" does not extend ScorePlugin plugin']]],
    ['removed plugin', 'profiles:\n  - plugins:\n      filter:\n        enabled:\n          - name: EBSLimits\n',
      [[7, 'profiles[0].plugins.filter.enabled[0]: Invalid value: "EBSLimits": was invalid in version "kubescheduler.config.k8s.io/v1" (KubeSchedulerConfiguration is version "kubescheduler.config.k8s.io/v1")']]],
    ['weight of the wrong type', 'profiles:\n  - plugins:\n      score:\n        enabled:\n          - name: ImageLocality\n            weight: "3"\n',
      [[8, 'json: cannot unmarshal string into Go struct field profiles[0].plugins.score.enabled[0].weight of type int32']]],
  ];
  for (const [name, body, want] of invalid) {
    it(name, () => assert.deepEqual(errorsOf(body), want));
  }

  it('an old apiVersion is refused with the reason', () => {
    assert.throws(() => loadSchedulerConfigText('apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n', 's.yaml', defaultEnv(31)), (e: SchedulerConfigError) => {
      assert.equal(e.problems[0].line, 0);
      assert.match(e.problems[0].message, /no kind "KubeSchedulerConfiguration" is registered for version "kubescheduler.config.k8s.io\/v1beta3".*v1beta3 is no longer served by kube-scheduler 1.31/);
      return true;
    });
  });

  it('VolumeBinding shape depends on StorageCapacityScoring (off in 1.36, on in 1.37)', () => {
    const body = 'profiles:\n  - pluginConfig:\n      - name: VolumeBinding\n        args:\n          shape:\n            - {utilization: 0, score: 0}\n            - {utilization: 100, score: 10}\n';
    assert.match(errorsOf(body, 36)[0][1], /unexpected field `shape`, remove it or turn on the feature gate StorageCapacityScoring/);
    assert.equal(load(body, 37).profiles.length, 1);
  });
});

describe('KubeSchedulerConfiguration: what it changes', () => {
  const owner: SelectorOwner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'w-1', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'w' } } } } as SelectorOwner;
  const replica = (): Pod => makePod('w-x').label('app', 'w').ownerReference('w-1', 'ReplicaSet').req({ cpu: '100m', memory: '128Mi' }).build();
  const node = (name: string, zone?: string) => {
    const b = makeNode(name).label(HOST, name).capacity({ cpu: '4', memory: '16Gi', pods: '110' });
    return (zone ? b.label(ZONE, zone) : b).build();
  };

  it('custom default constraints (List, hard zone) reject the node without a zone that System defaults allow', () => {
    const cluster = Cluster.build({ nodes: [node('a-1', 'a'), node('b-1', 'b'), node('edge')], owners: [owner] });
    const env = defaultEnv(36);
    const system = new Scheduler({ cluster, env }).schedule(replica());
    const list = load('profiles:\n  - pluginConfig:\n      - name: PodTopologySpread\n        args:\n          defaultingType: List\n          defaultConstraints:\n            - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule}\n');
    const custom = new Scheduler({ cluster, env }, list.profiles[0]).schedule(replica());
    assert.deepEqual(system.feasible, ['a-1', 'b-1', 'edge']);
    assert.deepEqual(custom.feasible, ['a-1', 'b-1']);
    assert.equal(custom.nodes.find((n) => n.name === 'edge')?.status?.reason, "node(s) didn't match pod topology spread constraints (missing required label)");
  });

  it('a disabled plugin: with TaintToleration disabled the tainted node becomes feasible', () => {
    const tainted = makeNode('t').label(HOST, 't').capacity({ cpu: '4', memory: '16Gi', pods: '110' }).taints([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]).build();
    const cluster = Cluster.build({ nodes: [tainted, node('n')] });
    const env = defaultEnv(36);
    const pod = makePod('p').req({ cpu: '100m' }).build();
    assert.deepEqual(new Scheduler({ cluster, env }).schedule(pod).feasible, ['n']);
    const s = load('profiles:\n  - plugins:\n      multiPoint:\n        disabled:\n          - name: TaintToleration\n');
    assert.deepEqual(new Scheduler({ cluster, env }, s.profiles[0]).schedule(pod).feasible, ['t', 'n']);
  });

  it('changed weights change the pick: MostAllocated-free spreading vs a heavy ImageLocality', () => {
    // n-img has the image but more load; by default LeastAllocated + balance prefer the empty node.
    const busy = makePod('busy').node('n-img').req({ cpu: '2', memory: '8Gi' }).build();
    const withImage = makeNode('n-img').label(HOST, 'n-img').capacity({ cpu: '4', memory: '16Gi', pods: '110' })
      .images([{ names: ['registry.example/app:1'], sizeBytes: 500 * 1024 * 1024 }]).build();
    const cluster = Cluster.build({ nodes: [withImage, node('n-empty')], pods: [busy] });
    const env = defaultEnv(36);
    const pod = makePod('p').image('registry.example/app:1').req({ cpu: '100m', memory: '128Mi' }).build();
    const before = new Scheduler({ cluster, env }).schedule(pod).selected;
    const s = load('profiles:\n  - plugins:\n      score:\n        enabled:\n          - name: ImageLocality\n            weight: 20\n');
    const after = new Scheduler({ cluster, env }, s.profiles[0]).schedule(pod).selected;
    assert.deepEqual(before, ['n-empty']);
    assert.deepEqual(after, ['n-img']);
  });

  it('profiles are picked by spec.schedulerName; an unknown name is never scheduled', () => {
    const s = load('profiles:\n  - schedulerName: default-scheduler\n  - schedulerName: batch\n');
    const pod = (name?: string) => {
      const p = makePod('p').build();
      if (name) p.spec!.schedulerName = name;
      return p;
    };
    assert.equal(profileForPod(s, pod())?.schedulerName, 'default-scheduler');
    assert.equal(profileForPod(s, pod('batch'))?.schedulerName, 'batch');
    assert.equal(profileForPod(s, pod('gpu')), undefined);
    const cycle = new Scheduler({ cluster: Cluster.build({ nodes: [node('n')] }), env: defaultEnv(36) }, s.profiles[0]).schedule(pod('gpu'));
    assert.equal(cycle.notHandled, 'gpu');
    assert.deepEqual(cycle.selected, []);
    assert.match(cycle.fitError ?? '', /no scheduler profile named "gpu"/);
  });

  it('percentageOfNodesToScore: numFeasibleNodesToFind and the note', () => {
    const table: [number, number, number][] = [[0, 99, 99], [0, 100, 100], [0, 1000, 420], [0, 5000, 500], [0, 6000, 300], [10, 5000, 500], [30, 500, 150], [50, 150, 100], [100, 5000, 5000]];
    for (const [pct, n, want] of table) assert.equal(numFeasibleNodesToFind(pct, n), want, `${pct}% of ${n}`);
    const s = load('percentageOfNodesToScore: 30\n');
    assert.match(samplingNote(s, 'default-scheduler', 500) ?? '', /stops filtering after 150 feasible nodes/);
    assert.equal(samplingNote(s, 'default-scheduler', 99), undefined);
    assert.equal(samplingNote(load('percentageOfNodesToScore: 100\n'), 'default-scheduler', 5000), undefined);
  });
});
