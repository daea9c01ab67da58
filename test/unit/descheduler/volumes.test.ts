// The dry run with volumes: the descheduler itself does not look at volumes when it picks a pod to
// evict (only the evictor's protections do: local storage, PVC pods when configured), but the
// replacement its controller creates keeps the same claims, and kube-spread places it with the full
// scheduler model, so a replacement whose PersistentVolume is zonal can only return to its zone.

import { strict as assert } from 'node:assert';
import { defaultDeschedulerDryRunOptions, runDeschedulerDryRun, type ClusterInput, type DeschedulerDryRunOptions, type Pod } from '../../../server/src/engine';
import { createTestPods, node } from './builders';

const ZONE = 'topology.kubernetes.io/zone';
const zoned = (name: string, zone: string) => node({ name, milliCPU: 4000, memory: 8e9, pods: 110, labels: { 'kubernetes.io/hostname': name, [ZONE]: zone } });
const spread = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'db' } } }];

/** StatefulSet `db`: db-0..db-2 in zone a, db-3 in zone b; each pod's claim is bound to a volume of its zone. */
function statefulCluster(extraVolume?: Pod['spec']['volumes']): ClusterInput {
  const zones = ['a', 'a', 'a', 'b'];
  const pods = createTestPods([{ count: 3, node: 'a1', labels: { app: 'db' }, constraints: spread }, { count: 1, node: 'b1', labels: { app: 'db' }, constraints: spread }])
    .map((p, i): Pod => ({
      ...p,
      metadata: { ...p.metadata, name: `db-${i}`, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', controller: true }] },
      spec: { ...p.spec, volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `data-db-${i}` } }, ...(extraVolume ?? [])] },
    }));
  return {
    nodes: [zoned('a1', 'a'), zoned('b1', 'b')],
    pods,
    storageClasses: [{ metadata: { name: 'zonal' }, provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'WaitForFirstConsumer' }],
    persistentVolumeClaims: zones.map((_, i) => ({
      metadata: { name: `data-db-${i}`, namespace: 'ns1' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'zonal', volumeName: `pv-${i}`, resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Bound' },
    })),
    persistentVolumes: zones.map((z, i) => ({
      metadata: { name: `pv-${i}` },
      spec: {
        capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'zonal', claimRef: { namespace: 'ns1', name: `data-db-${i}` },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'In', values: [z] }] }] } },
      },
      status: { phase: 'Bound' },
    })),
  };
}

const evictor = (args: DeschedulerDryRunOptions['profiles'][0]['evictor']): DeschedulerDryRunOptions => {
  const o = defaultDeschedulerDryRunOptions();
  o.profiles[0].evictor = { ...o.profiles[0].evictor, ...args };
  return o;
};

describe('descheduler dry run: volumes and priorities', () => {
  it('a replacement keeps its claim: its zonal volume pins it to zone a, where the zone constraint forbids it, so it stays Pending', () => {
    const run = runDeschedulerDryRun(statefulCluster(), defaultDeschedulerDryRunOptions());
    assert.equal(run.rounds[0].evictions.length, 1, JSON.stringify(run.rounds[0]));
    const evicted = run.rounds[0].evictions[0];
    assert.equal(evicted.node, 'a1');
    const [placement] = run.rounds[0].placements;
    // A StatefulSet re-creates the same name, with the same claim (data-db-N, bound to a zone-a volume).
    assert.equal(placement.name, evicted.name);
    assert.equal(placement.node, null, 'zone b would fix the skew, but the volume lives in zone a');
    assert.ok(placement.reasons?.some((r) => /volume node affinity conflict/.test(r)), JSON.stringify(placement.reasons));
    // With 2/1 the skew is within maxSkew: the next cycle evicts nothing; the replacement stays Pending.
    assert.equal(run.converged, true);
    assert.deepEqual(run.rounds.map((r) => r.evictions.length), [1, 0]);
  });

  it('without the zonal volume the same replacement moves to zone b (the volume, not the model, kept it out)', () => {
    const input = statefulCluster();
    input.persistentVolumes = input.persistentVolumes!.map((v) => ({ ...v, spec: { ...v.spec, nodeAffinity: undefined } }));
    const run = runDeschedulerDryRun(input, defaultDeschedulerDryRunOptions());
    assert.equal(run.rounds[0].placements[0].node, 'b1');
    assert.equal(run.converged, true);
  });

  it('ignorePvcPods protects the claim-holding pods: nothing is evicted, every choice is shown as blocked or skipped', () => {
    const run = runDeschedulerDryRun(statefulCluster(), evictor({ ignorePvcPods: true }));
    assert.deepEqual(run.rounds.map((r) => r.evictions.length), [0]);
    assert.equal(run.converged, true);
  });

  for (const [source, volume] of [['emptyDir', { name: 'scratch', emptyDir: {} }], ['hostPath', { name: 'logs', hostPath: { path: '/var/log' } }]] as const) {
    it(`${source}: evictLocalStoragePods false (the default) protects the pod; true lets the strategy evict it`, () => {
      const input = statefulCluster([volume]);
      const protectedRun = runDeschedulerDryRun(input, evictor({ evictLocalStoragePods: false }));
      assert.deepEqual(protectedRun.rounds.map((r) => r.evictions.length), [0]);
      const allowed = runDeschedulerDryRun(input, evictor({ evictLocalStoragePods: true }));
      assert.equal(allowed.rounds[0].evictions.length, 1);
    });
  }

  it('priorities: a pod at or above priorityThreshold is not evicted; the replacement is queued with its priority', () => {
    const input = statefulCluster();
    input.persistentVolumes = input.persistentVolumes!.map((v) => ({ ...v, spec: { ...v.spec, nodeAffinity: undefined } }));
    input.pods = input.pods!.map((p) => ({ ...p, spec: { ...p.spec, priority: 1000 } }));
    assert.deepEqual(runDeschedulerDryRun(input, evictor({ priorityThreshold: { value: 1000 } })).rounds.map((r) => r.evictions.length), [0]);
    assert.equal(runDeschedulerDryRun(input, evictor({ priorityThreshold: { value: 1001 } })).rounds[0].placements[0].node, 'b1');
  });

  it('priorities: a replacement that fits nowhere preempts a lower-priority pod, which its controller re-creates (reported)', () => {
    const input = statefulCluster();
    input.persistentVolumes = input.persistentVolumes!.map((v) => ({ ...v, spec: { ...v.spec, nodeAffinity: undefined } }));
    input.pods = input.pods!.map((p) => ({ ...p, spec: { ...p.spec, priority: 1000 } }));
    // b1 is full: a batch pod (priority 0, owned by a ReplicaSet) takes what is left of its cpu.
    const [filler] = createTestPods([{ count: 1, node: 'b1', labels: { app: 'batch' }, owner: 'batch-1', cpu: '3900m' }]);
    input.pods.push({ ...filler, metadata: { ...filler.metadata, name: 'batch-1-x' } });
    // The strategy's own node-fit check would see b1 full and evict nothing (descheduler#1138 users turn it off).
    const o = defaultDeschedulerDryRunOptions();
    o.profiles[0].topologySpread = { ...o.profiles[0].topologySpread!, topologyBalanceNodeFit: true };
    assert.deepEqual(runDeschedulerDryRun(input, o).rounds.map((r) => r.evictions.length), [0]);
    o.profiles[0].topologySpread = { ...o.profiles[0].topologySpread!, topologyBalanceNodeFit: false };
    const run = runDeschedulerDryRun(input, o);
    const [placement] = run.rounds[0].placements;
    assert.equal(placement.node, 'b1');
    assert.deepEqual(placement.preempted, ['ns1/batch-1-x']);
    assert.ok(run.notes.some((n) => /^round 1: ns1\/batch-1-x on b1 was preempted by a replacement; its controller's new pod stays Pending: 0\/2 nodes are available/.test(n)), JSON.stringify(run.notes));
  });
});
