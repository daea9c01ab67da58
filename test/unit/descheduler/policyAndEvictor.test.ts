// DeschedulerPolicy v1alpha2 parsing, and DefaultEvictor.Filter against upstream's
// pkg/framework/plugins/defaultevictor/defaultevictor_test.go TestDefaultEvictorFilter cases that
// map (the minPodAge cases need a clock and are not ported).

import { strict as assert } from 'node:assert';
import { makePodInfo, parseDeschedulerPolicy, type Pod, type Volume } from '../../../server/src/engine';

const emptyDir: Volume = { name: 'v', emptyDir: {} };
import { DefaultEvictor, type EvictorWorld } from '../../../server/src/engine/descheduler/evictor';
import type { DefaultEvictorArgs } from '../../../server/src/engine/descheduler/types';

describe('descheduler policy (DeschedulerPolicy descheduler/v1alpha2)', () => {
  it('reads a profile enabling the strategy, with its args and the evictor args', () => {
    const { options, problems } = parseDeschedulerPolicy({
      apiVersion: 'descheduler/v1alpha2', kind: 'DeschedulerPolicy', maxNoOfPodsToEvictPerNode: 2,
      profiles: [{
        name: 'spread',
        pluginConfig: [
          { name: 'DefaultEvictor', args: { nodeFit: true, evictLocalStoragePods: true } },
          { name: 'RemovePodsViolatingTopologySpreadConstraint', args: { constraints: ['DoNotSchedule', 'ScheduleAnyway'], topologyBalanceNodeFit: false } },
        ],
        plugins: { balance: { enabled: ['RemovePodsViolatingTopologySpreadConstraint'] } },
      }],
    });
    assert.deepEqual(problems, []);
    assert.equal(options.maxNoOfPodsToEvictPerNode, 2);
    assert.deepEqual(options.profiles[0].topologySpread, { constraints: ['DoNotSchedule', 'ScheduleAnyway'], topologyBalanceNodeFit: false });
    assert.equal(options.profiles[0].evictor.nodeFit, true);
    assert.equal(options.profiles[0].evictor.evictLocalStoragePods, true);
  });

  it('defaults the strategy args when its pluginConfig has none', () => {
    const { options, problems } = parseDeschedulerPolicy({
      apiVersion: 'descheduler/v1alpha2', kind: 'DeschedulerPolicy',
      profiles: [{ name: 'p', pluginConfig: [{ name: 'RemovePodsViolatingTopologySpreadConstraint' }], plugins: { balance: { enabled: ['RemovePodsViolatingTopologySpreadConstraint'] } } }],
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(options.profiles[0].topologySpread, { constraints: ['DoNotSchedule'], topologyBalanceNodeFit: true });
  });

  it('reports unknown plugins, wrong types and upstream validation failures by field path', () => {
    const { problems, warnings } = parseDeschedulerPolicy({
      apiVersion: 'descheduler/v1alpha2', kind: 'DeschedulerPolicy', maxNoOfPodsToEvictTotal: 'ten', typo: 1,
      profiles: [{
        name: 'p',
        pluginConfig: [
          { name: 'RemovePodsViolatingTopologySpredConstraint' },
          { name: 'RemovePodsViolatingTopologySpreadConstraint', args: { constraints: ['Never'], topologyBalanceNodeFit: 'yes', namespaces: { include: ['a'], exclude: ['b'] } } },
          { name: 'DefaultEvictor', args: { priorityThreshold: { value: 5, name: 'x' }, podProtections: { extraEnabled: ['Nope'] } } },
        ],
        plugins: { balance: { enabled: ['RemovePodsViolatingTopologySpreadConstraint', 'PodLifeTime'] } },
      }],
    });
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    assert.match(byPath.maxNoOfPodsToEvictTotal, /must be an integer/);
    assert.match(byPath['profiles[0].pluginConfig[0].name'], /plugin RemovePodsViolatingTopologySpredConstraint in pluginConfig not registered/);
    assert.match(byPath['profiles[0].pluginConfig[1].args.constraints[0]'], /constraint Never is not one of \[DoNotSchedule ScheduleAnyway\]/);
    assert.match(byPath['profiles[0].pluginConfig[1].args.topologyBalanceNodeFit'], /must be a boolean/);
    assert.match(byPath['profiles[0].pluginConfig[1].args.namespaces'], /only one of Include\/Exclude/);
    assert.match(byPath['profiles[0].pluginConfig[2].args.priorityThreshold'], /only one of priorityThreshold fields/);
    assert.match(byPath['profiles[0].pluginConfig[2].args.podProtections.extraEnabled[0]'], /invalid pod protection policy in ExtraEnabled: "Nope"/);
    assert.match(byPath['profiles[0].plugins.balance.enabled[1]'], /configures balance extension point of non-existing plugins: \[PodLifeTime\]/);
    assert.deepEqual(warnings.map((w) => w.path), ['typo']);
  });

  it('refuses a non-v1alpha2 document and never throws on junk', () => {
    assert.equal(parseDeschedulerPolicy({ apiVersion: 'descheduler/v1alpha1', kind: 'DeschedulerPolicy' }).problems[0].path, 'apiVersion');
    for (const junk of [null, 3, 'x', [], { profiles: 'x' }, { profiles: [null, 1, { plugins: [] }] }]) parseDeschedulerPolicy(junk);
  });
});

describe('DefaultEvictor.Filter (upstream TestDefaultEvictorFilter)', () => {
  const world: EvictorWorld = { priorityClasses: [], namespaces: [], allPods: () => pods, claimClass: () => undefined, coveredByPdb: () => false };
  let pods: Pod[] = [];
  const rs = [{ kind: 'ReplicaSet', name: 'rs', uid: 'u1' }];
  const base = (patch: Partial<Pod['metadata']> = {}, spec: Partial<Pod['spec']> = {}, phase = 'Running'): Pod =>
    ({ metadata: { name: 'p', namespace: 'default', ...patch }, spec: { nodeName: 'node1', ...spec }, status: { phase } });
  const cases: { description: string; pod: Pod; args?: DefaultEvictorArgs; result: boolean; siblings?: number }[] = [
    { description: 'Failed pod eviction with no ownerRefs', pod: base({}, {}, 'Failed'), result: false },
    { description: 'Normal pod eviction with no ownerRefs and evictFailedBarePods enabled', pod: base(), args: { evictFailedBarePods: true }, result: false },
    { description: 'Failed pod eviction with no ownerRefs (evictFailedBarePods)', pod: base({}, {}, 'Failed'), args: { evictFailedBarePods: true }, result: true },
    { description: 'Normal pod eviction with normal ownerRefs', pod: base({ ownerReferences: [{ kind: 'Pod' }] }), result: true },
    { description: 'Normal pod eviction with normal ownerRefs and descheduler.alpha.kubernetes.io/prefer-no-eviction annotation (mandatory)',
      pod: base({ ownerReferences: rs, annotations: { 'descheduler.alpha.kubernetes.io/prefer-no-eviction': '' } }), args: { noEvictionPolicy: 'Mandatory' }, result: false },
    { description: 'Pod not evicted because it is bound to a PV and evictLocalStoragePods = false',
      pod: base({ ownerReferences: rs }, { volumes: [emptyDir] }), result: false },
    { description: 'Pod is evicted because it is bound to a PV and evictLocalStoragePods = true',
      pod: base({ ownerReferences: rs }, { volumes: [emptyDir] }), args: { evictLocalStoragePods: true }, result: true },
    { description: 'Pod is evicted because it is bound to a PV and evictLocalStoragePods = false, but it has scheduler.alpha.kubernetes.io/evict annotation',
      pod: base({ ownerReferences: rs, annotations: { 'descheduler.alpha.kubernetes.io/evict': 'true' } }, { volumes: [emptyDir] }), result: true },
    { description: 'Pod not evicted because it is part of a daemonSet', pod: base({ ownerReferences: [{ kind: 'DaemonSet' }] }), result: false },
    { description: 'Pod not evicted because it is a mirror poddsa', pod: base({ ownerReferences: rs, annotations: { 'kubernetes.io/config.mirror': 'mirror', 'kubernetes.io/config.source': 'api' } }), result: false },
    { description: 'Pod not evicted because it has system critical priority', pod: base({ ownerReferences: rs }, { priority: 2000000000 }), result: false },
    { description: 'Pod not evicted because it has a priority higher than the configured priority threshold', pod: base({ ownerReferences: rs }, { priority: 900 }), args: { priorityThreshold: { value: 800 } }, result: false },
    { description: 'Pod is evicted because it has system critical priority, but evictSystemCriticalPods = true', pod: base({ ownerReferences: rs }, { priority: 2000000000 }), args: { evictSystemCriticalPods: true }, result: true },
    { description: 'minReplicas of 2, owner with 2 replicas, evicts', pod: base({ ownerReferences: rs }), args: { minReplicas: 2 }, siblings: 2, result: true },
    { description: 'minReplicas of 3, owner with 2 replicas, no eviction', pod: base({ ownerReferences: rs }), args: { minReplicas: 3 }, siblings: 2, result: false },
    { description: 'minReplicas of 2, multiple owners, no eviction', pod: base({ ownerReferences: [...rs, { kind: 'Pod' }] }), args: { minReplicas: 2 }, siblings: 1, result: true },
    { description: 'ignorePodsWithoutPDB, pod with no PDBs, no eviction', pod: base({ ownerReferences: rs, labels: { app: 'foo' } }), args: { ignorePodsWithoutPDB: true }, result: false },
    { description: 'ignorePvcPods is set, pod with PVC, not evicts', pod: base({ ownerReferences: rs }, { volumes: [{ name: 'pvc', persistentVolumeClaim: { claimName: 'foo' } }] }), args: { ignorePvcPods: true }, result: false },
    { description: 'ignorePvcPods is not set, pod with PVC, evicts', pod: base({ ownerReferences: rs }, { volumes: [{ name: 'pvc', persistentVolumeClaim: { claimName: 'foo' } }] }), result: true },
    { description: "DaemonSet pod is evicted because 'DaemonSetPods' is in DefaultDisabled", pod: base({ ownerReferences: [{ kind: 'DaemonSet' }] }), args: { podProtections: { defaultDisabled: ['DaemonSetPods'] } }, result: true },
    { description: "Pod with PVC is not evicted because 'PodsWithPVC' is in ExtraEnabled",
      pod: base({ ownerReferences: rs }, { volumes: [{ name: 'pvc', persistentVolumeClaim: { claimName: 'foo' } }] }), args: { podProtections: { extraEnabled: ['PodsWithPVC'] } }, result: false },
  ];
  for (const c of cases) {
    it(c.description, () => {
      pods = Array.from({ length: c.siblings ?? 1 }, () => c.pod);
      const got = new DefaultEvictor(c.args ?? {}, world).whyNotEvictable(makePodInfo(c.pod));
      assert.equal(got === undefined, c.result, got);
    });
  }
});
