// Property: Scheduler.scheduleFast (the simulation path: first failing filter only, node-local
// results reused between cycles, PodTopologySpread per-node counts memoized) decides exactly what the
// full explain path (Scheduler.schedule) decides — same tie sets, same pending reasons and messages —
// cycle by cycle and over whole simulations, on random clusters with resources, cordons, taints,
// host ports, pod anti-affinity and spread constraints.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Node, Pod, TopologySpreadConstraint } from '../../../server/src/engine/api';
import type { ClusterInput } from '../../../server/src/engine/cluster';
import { Cluster } from '../../../server/src/engine/cluster';
import { type FastCycle, Scheduler } from '../../../server/src/engine/scheduler';
import { type SimulationResult, pickNode, simulateReplicas } from '../../../server/src/engine/simulate';
import { defaultEnv } from '../../../server/src/engine/versions';
import { pvFitsNode } from '../../../server/src/engine/volumesHelpers';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

const nodeArb = fc.record({
  zone: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined, freq: 6 }),
  cpu: fc.constantFrom(500, 1000, 2000),
  maxPods: fc.constantFrom(2, 4, 110),
  tainted: fc.boolean(),
  preferNo: fc.boolean(),
  cordoned: fc.boolean(),
  image: fc.boolean(),
});
const podArb = fc.record({
  node: fc.nat(),
  app: fc.constantFrom('web', 'db', undefined),
  cpu: fc.constantFrom(0, 100, 400),
  port: fc.boolean(),
  antiAffinity: fc.boolean(),
});
const constraintArb: fc.Arbitrary<TopologySpreadConstraint> = fc.record({
  maxSkew: fc.integer({ min: 1, max: 2 }),
  topologyKey: fc.constantFrom(ZONE, HOST),
  whenUnsatisfiable: fc.constantFrom('DoNotSchedule', 'ScheduleAnyway'),
}).map((c) => ({ ...c, labelSelector: { matchLabels: { app: 'web' } } }));

const scenarioArb = fc.record({
  nodes: fc.array(nodeArb, { minLength: 1, maxLength: 8 }),
  pods: fc.array(podArb, { maxLength: 14 }),
  constraints: fc.uniqueArray(constraintArb, { maxLength: 2, selector: (c) => `${c.topologyKey}/${c.whenUnsatisfiable}` }),
  replicas: fc.integer({ min: 1, max: 12 }),
  cpu: fc.constantFrom(0, 200, 700),
  port: fc.boolean(),
  antiAffinity: fc.boolean(),
  tolerate: fc.boolean(),
  nodeSelectorZone: fc.option(fc.constantFrom('a', 'b'), { nil: undefined, freq: 4 }),
  perReplicaLabel: fc.boolean(),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * Clusters with many nodes per zone: with one hard spread constraint the fast cycle then filters
 * zone by zone (fastCycle.ts filterByDomain: at least 8 nodes per domain), visiting the nodes of the
 * passing zones only and listing feasible nodes zone by zone.
 */
const manyNodesPerZoneArb = fc.record({
  base: scenarioArb,
  nodes: fc.array(nodeArb, { minLength: 24, maxLength: 48 }),
  pods: fc.array(podArb, { maxLength: 40 }),
  replicas: fc.integer({ min: 1, max: 30 }),
  hard: constraintArb.map((c) => ({ ...c, whenUnsatisfiable: 'DoNotSchedule' as const })),
  soft: fc.option(constraintArb.map((c) => ({ ...c, whenUnsatisfiable: 'ScheduleAnyway' as const })), { nil: undefined }),
}).map(({ base, hard, soft, ...big }): Scenario => ({ ...base, ...big, constraints: soft && soft.topologyKey !== hard.topologyKey ? [hard, soft] : [hard] }));

function build(s: Scenario) {
  const nodes: Node[] = s.nodes.map((n, i) => {
    const labels: Record<string, string> = { [HOST]: `n${i}` };
    if (n.zone) labels[ZONE] = n.zone;
    const taints = [
      ...(n.tainted ? [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' as const }] : []),
      ...(n.preferNo ? [{ key: 'soft', effect: 'PreferNoSchedule' as const }] : []),
    ];
    return {
      metadata: { name: `n${i}`, labels },
      spec: { taints, unschedulable: n.cordoned || undefined },
      status: {
        allocatable: { cpu: `${n.cpu}m`, memory: '4Gi', pods: String(n.maxPods) },
        images: n.image ? [{ names: ['app:1'], sizeBytes: 300 * 1024 * 1024 }] : [],
      },
    };
  });
  const container = (cpu: number, port: boolean) => ({
    name: 'c', image: 'app:1',
    resources: cpu ? { requests: { cpu: `${cpu}m`, memory: '128Mi' } } : undefined,
    ports: port ? [{ containerPort: 80, hostPort: 8080 }] : undefined,
  });
  const antiAffinity = (app: string) => ({
    podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey: HOST }] },
  });
  const pods: Pod[] = s.pods.map((p, i) => ({
    metadata: { name: `e${i}`, namespace: 'default', labels: p.app ? { app: p.app } : ({} as Record<string, string>) },
    spec: {
      nodeName: `n${p.node % nodes.length}`,
      containers: [container(p.cpu, p.port)],
      affinity: p.antiAffinity && p.app ? antiAffinity(p.app) : undefined,
    },
  }));
  const podFor = (i: number): Pod => ({
    metadata: { name: `r${i}`, namespace: 'default', labels: { app: 'web', ...(s.perReplicaLabel ? { ordinal: String(i) } : {}) } },
    spec: {
      ...(s.perReplicaLabel ? { hostname: `r${i}` } : {}),
      containers: [container(s.cpu, s.port)],
      topologySpreadConstraints: s.constraints.length ? s.constraints : undefined,
      nodeSelector: s.nodeSelectorZone ? { [ZONE]: s.nodeSelectorZone } : undefined,
      tolerations: s.tolerate ? [{ key: 'dedicated', operator: 'Exists' }] : undefined,
      affinity: s.antiAffinity ? antiAffinity('web') : undefined,
    },
  });
  return { nodes, pods, podFor };
}

const decision = (c: FastCycle) => ({ selected: c.selected, reasons: c.reasons, fitError: c.fitError, error: c.error });
const withoutFirstCycle = (r: SimulationResult) => ({ ...r, firstCycle: undefined });

describe('Scheduler.scheduleFast equals the full cycle', () => {
  it('cycle by cycle: same tie set, reasons histogram and messages after every placement', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { nodes, pods, podFor } = build(s);
        const cluster = Cluster.build({ nodes, pods });
        const sched = new Scheduler({ cluster, env: defaultEnv() });
        for (let i = 0; i < s.replicas; i++) {
          const full = sched.schedule(podFor(i));
          assert.deepEqual(decision(sched.scheduleFast(podFor(i))), decision(full));
          if (full.selected.length === 0) continue;
          cluster.assume(podFor(i), pickNode(full.selected));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('two workloads alternating on one cluster, differing only in what node-local plugins do not read (they share node-local results)', () => {
    fc.assert(
      fc.property(scenarioArb, fc.boolean(), fc.boolean(), fc.boolean(), (s, ownScheduler, otherAnti, sameTolerations) => {
        const { nodes, pods, podFor } = build(s);
        const cluster = Cluster.build({ nodes, pods });
        const env = defaultEnv();
        const schedA = new Scheduler({ cluster, env });
        const schedB = ownScheduler ? new Scheduler({ cluster, env }) : schedA;
        // B: the same containers and node selector; other labels, spread constraints and pod anti-affinity
        // (what node-local plugins do not read), and sometimes other tolerations (what they do).
        const other = (i: number): Pod => {
          const a = podFor(i);
          return {
            metadata: { ...a.metadata, name: `b${i}`, labels: { app: 'db' } },
            spec: {
              ...a.spec,
              tolerations: sameTolerations ? a.spec?.tolerations : s.tolerate ? undefined : [{ key: 'dedicated', operator: 'Exists' }],
              topologySpreadConstraints: [{ maxSkew: 1, topologyKey: i % 2 ? HOST : ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'db' } } }],
              affinity: otherAnti ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: HOST }] } } : undefined,
            },
          };
        };
        for (let i = 0; i < s.replicas; i++) {
          for (const [sched, pod] of [[schedA, podFor(i)], [schedB, other(i)]] as const) {
            const full = sched.schedule(pod);
            assert.deepEqual(decision(sched.scheduleFast(pod)), decision(full));
            if (full.selected.length) cluster.assume(pod, pickNode(full.selected));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('cycle by cycle on clusters with many nodes per zone (filtered zone by zone)', () => {
    fc.assert(
      fc.property(manyNodesPerZoneArb, (s) => {
        const { nodes, pods, podFor } = build(s);
        const cluster = Cluster.build({ nodes, pods });
        const sched = new Scheduler({ cluster, env: defaultEnv() });
        for (let i = 0; i < s.replicas; i++) {
          const full = sched.schedule(podFor(i));
          assert.deepEqual(decision(sched.scheduleFast(podFor(i))), decision(full));
          if (full.selected.length === 0) continue;
          cluster.assume(podFor(i), pickNode(full.selected));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('whole simulations: same placements, ties, pending reasons and summaries', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { nodes, pods, podFor } = build(s);
        const run = (fullCycles: boolean) => {
          const sched = new Scheduler({ cluster: Cluster.build({ nodes, pods }), env: defaultEnv() });
          return withoutFirstCycle(simulateReplicas(sched, { replicas: s.replicas, podFor, fullCycles }));
        };
        assert.deepEqual(run(false), run(true));
      }),
      { numRuns: 300 },
    );
  });
});

// Volume cases: the same property with claims (WaitForFirstConsumer claims per replica bound as pods
// are placed, Immediate ones bound at creation, a shared claim whose zonal volume pins every replica,
// static PVs, ReadWriteOncePod, CSI attach limits from CSINodes).
const volumeArb = fc.record({
  mode: fc.constantFrom('WaitForFirstConsumer', 'Immediate'),
  perReplica: fc.boolean(),
  shared: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
  rwop: fc.boolean(),
  staticPVs: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 4 }),
  attachLimit: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  existingMounts: fc.boolean(),
});

function buildVolumes(s: Scenario, v: typeof volumeArb extends fc.Arbitrary<infer T> ? T : never) {
  const base = build(s);
  const driver = 'csi.example.com';
  const zonal = (z: string) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'In', values: [z] }] }] } });
  const storageClasses = [{ metadata: { name: 'sc' }, provisioner: driver, volumeBindingMode: v.mode }];
  const persistentVolumes: NonNullable<ClusterInput['persistentVolumes']> = v.staticPVs.map((z, i) => ({
    metadata: { name: `static-${i}` },
    spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'sc', nodeAffinity: zonal(z), csi: { driver, volumeHandle: `static-${i}` } },
  }));
  const persistentVolumeClaims: NonNullable<ClusterInput['persistentVolumeClaims']> = [];
  if (v.shared) {
    persistentVolumes.push({
      metadata: { name: 'pv-shared' },
      spec: {
        capacity: { storage: '5Gi' }, accessModes: [v.rwop ? 'ReadWriteOncePod' : 'ReadWriteMany'], storageClassName: 'sc', nodeAffinity: zonal(v.shared),
        claimRef: { namespace: 'default', name: 'shared' }, csi: { driver, volumeHandle: 'shared' },
      },
      status: { phase: 'Bound' },
    });
    persistentVolumeClaims.push({
      metadata: { name: 'shared', namespace: 'default' },
      spec: { accessModes: [v.rwop ? 'ReadWriteOncePod' : 'ReadWriteMany'], storageClassName: 'sc', volumeName: 'pv-shared' },
      status: { phase: 'Bound' },
    });
  }
  const csiNodes = v.attachLimit === undefined ? [] : base.nodes.map((n) => ({
    metadata: { name: n.metadata.name }, spec: { drivers: [{ name: driver, topologyKeys: [ZONE], allocatable: { count: v.attachLimit } }] },
  }));
  const pods = base.pods.map((p, i) => (v.existingMounts && v.shared && i === 0 ? { ...p, spec: { ...p.spec, volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'shared' } }] } } : p));
  const volumesOf = (i: number) => [
    ...(v.perReplica ? [{ name: 'data', persistentVolumeClaim: { claimName: `data-r${i}` } }] : []),
    ...(v.shared ? [{ name: 'shared', persistentVolumeClaim: { claimName: 'shared' } }] : []),
  ];
  const podFor = (i: number): Pod => {
    const p = base.podFor(i);
    const volumes = volumesOf(i);
    return volumes.length ? { ...p, spec: { ...p.spec, volumes } } : p;
  };
  const claimsFor = (i: number) => (v.perReplica ? [{
    metadata: { name: `data-r${i}`, namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'sc', resources: { requests: { storage: '1Gi' } } },
  }] : []);
  const input: ClusterInput = { nodes: base.nodes, pods, storageClasses, persistentVolumes, persistentVolumeClaims, csiNodes };
  return { input, podFor, claimsFor };
}

describe('Scheduler.scheduleFast equals the full cycle, with volumes', () => {
  it('cycle by cycle, claims bound as pods are placed', () => {
    fc.assert(
      fc.property(scenarioArb, volumeArb, (s, v) => {
        const { input, podFor, claimsFor } = buildVolumes(s, v);
        const cluster = Cluster.build(input);
        const sched = new Scheduler({ cluster, env: defaultEnv() });
        for (let i = 0; i < s.replicas; i++) {
          cluster.storage.createPodClaims(podFor(i), claimsFor(i), cluster.nodes.map((n) => n.node));
          const full = sched.schedule(podFor(i));
          assert.deepEqual(decision(sched.scheduleFast(podFor(i))), decision(full));
          if (full.selected.length === 0) continue;
          cluster.assume(podFor(i), pickNode(full.selected));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('whole simulations: same placements, pending reasons and claims', () => {
    fc.assert(
      fc.property(scenarioArb, volumeArb, (s, v) => {
        const { input, podFor, claimsFor } = buildVolumes(s, v);
        const run = (fullCycles: boolean) => {
          const sched = new Scheduler({ cluster: Cluster.build(input), env: defaultEnv() });
          return withoutFirstCycle(simulateReplicas(sched, { replicas: s.replicas, podFor, claimsFor, fullCycles }));
        };
        assert.deepEqual(run(false), run(true));
      }),
      { numRuns: 200 },
    );
  });

  it('a pod placed on a node its claims allow: no placement breaks a volume filter', () => {
    fc.assert(
      fc.property(scenarioArb, volumeArb, (s, v) => {
        const { input, podFor, claimsFor } = buildVolumes(s, v);
        const cluster = Cluster.build(input);
        const sched = new Scheduler({ cluster, env: defaultEnv() });
        const r = simulateReplicas(sched, { replicas: s.replicas, podFor, claimsFor });
        for (const p of r.placements) {
          for (const vol of podFor(p.replica).spec.volumes ?? []) {
            const claim = cluster.storage.claim('default', vol.persistentVolumeClaim!.claimName)!;
            const pv = cluster.storage.pv(claim.spec?.volumeName ?? '');
            assert.ok(pv, `${claim.metadata.name} bound once its pod is placed`);
            assert.ok(pvFitsNode(pv, cluster.nodeByName.get(p.node)!.labels), `${p.pod} on ${p.node}: ${claim.metadata.name}'s volume reaches it`);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
