// Upstream controller test tables, ported as data (values and case names as upstream):
//   pkg/controller/deployment/util/deployment_util_test.go  TestResolveFenceposts, TestNewRSNewReplicas, TestMaxUnavailable
//   pkg/controller/deployment/rolling_test.go               TestDeploymentController_reconcileNewReplicaSet,
//                                                           _reconcileOldReplicaSets, _cleanupUnhealthyReplicas,
//                                                           _scaleDownOldReplicaSetsForRollingUpdate
//   pkg/controller/controller_utils_test.go                 TestSortingActivePodsWithRanks (equality + inequality tables)
//   pkg/controller/replicaset/replica_set_test.go           TestGetPodsToDelete

import assert from 'node:assert/strict';
import type { Pod } from '../../../server/src/engine/api';
import {
  cleanupUnhealthyReplicas, type DeploymentLike, type IntOrString, maxUnavailable, newRSNewReplicas, reconcileNewReplicaSet,
  reconcileOldReplicaSets, type ReplicaSetState, resolveFenceposts, scaleDownOldReplicaSetsForRollingUpdate, scaledValue,
} from '../../../server/src/engine/controllers/rollout';
import { lessForDeletion, podsToDelete, POD_DELETION_COST } from '../../../server/src/engine/controllers/ranking';
import { chooseScaleDown } from '../../../server/src/engine/controllers/scaledown';

const rs = (name: string, replicas: number, available = replicas): ReplicaSetState => ({ name, replicas, available, created: 0 });
const rolling = (replicas: number, maxSurge: IntOrString | null, maxUnav: IntOrString | null): DeploymentLike => ({ replicas, strategy: { type: 'RollingUpdate', maxSurge, maxUnavailable: maxUnav } });

describe('controllers: upstream tables', () => {
  describe('TestResolveFenceposts (deployment_util_test.go)', () => {
    const table: { maxSurge: string | null; maxUnavailable: string | null; desired: number; surge: number; unavailable: number; error?: boolean }[] = [
      { maxSurge: '0%', maxUnavailable: '0%', desired: 0, surge: 0, unavailable: 1 },
      { maxSurge: '39%', maxUnavailable: '39%', desired: 10, surge: 4, unavailable: 3 },
      { maxSurge: 'oops', maxUnavailable: '39%', desired: 10, surge: 0, unavailable: 0, error: true },
      { maxSurge: '55%', maxUnavailable: 'urg', desired: 10, surge: 0, unavailable: 0, error: true },
      { maxSurge: null, maxUnavailable: '39%', desired: 10, surge: 0, unavailable: 3 },
      { maxSurge: '39%', maxUnavailable: null, desired: 10, surge: 4, unavailable: 0 },
      { maxSurge: null, maxUnavailable: null, desired: 10, surge: 0, unavailable: 1 },
      // The doc comment's examples, and the defaults (25%/25%) on small Deployments.
      { maxSurge: '0%', maxUnavailable: '1%', desired: 2, surge: 0, unavailable: 1 },
      { maxSurge: '1%', maxUnavailable: '25%', desired: 2, surge: 1, unavailable: 0 },
      { maxSurge: '25%', maxUnavailable: '25%', desired: 3, surge: 1, unavailable: 0 },
      { maxSurge: '25%', maxUnavailable: '25%', desired: 8, surge: 2, unavailable: 2 },
    ];
    table.forEach((t, i) => it(`#${i} surge ${t.maxSurge} unavailable ${t.maxUnavailable} of ${t.desired}`, () => {
      if (t.error) {
        assert.throws(() => resolveFenceposts(t.maxSurge, t.maxUnavailable, t.desired));
        return;
      }
      assert.deepEqual(resolveFenceposts(t.maxSurge, t.maxUnavailable, t.desired), { surge: t.surge, unavailable: t.unavailable });
    }));
    it('a bare number string is not a percentage (GetScaledValueFromIntOrPercent)', () => {
      assert.throws(() => scaledValue('5', 7, true), /not a percentage/);
    });
  });

  describe('TestNewRSNewReplicas (deployment_util_test.go)', () => {
    const table = [
      { name: 'can not scale up - to newRSReplicas', strategy: 'RollingUpdate' as const, depReplicas: 1, newRSReplicas: 5, maxSurge: 1, expected: 5 },
      { name: 'scale up - to depReplicas', strategy: 'RollingUpdate' as const, depReplicas: 6, newRSReplicas: 2, maxSurge: 10, expected: 6 },
      { name: 'recreate - to depReplicas', strategy: 'Recreate' as const, depReplicas: 3, newRSReplicas: 1, maxSurge: 1, expected: 3 },
    ];
    for (const t of table) {
      it(t.name, () => {
        const d: DeploymentLike = { replicas: t.depReplicas, strategy: { type: t.strategy, maxSurge: t.maxSurge, maxUnavailable: 1 } };
        // Upstream passes allRSs = [rs5] (an RS of 5 replicas) and the new RS separately.
        assert.equal(newRSNewReplicas(d, [rs('rs5', 5)], rs('new', t.newRSReplicas)), t.expected);
      });
    }
  });

  describe('TestMaxUnavailable (deployment_util_test.go)', () => {
    const table: { name: string; replicas: number; maxUnavailable: IntOrString; expected: number; recreate?: boolean }[] = [
      { name: 'maxUnavailable less than replicas', replicas: 10, maxUnavailable: 5, expected: 5 },
      { name: 'maxUnavailable equal replicas', replicas: 10, maxUnavailable: 10, expected: 10 },
      { name: 'maxUnavailable greater than replicas', replicas: 5, maxUnavailable: 10, expected: 5 },
      { name: 'maxUnavailable with replicas is 0', replicas: 0, maxUnavailable: 10, expected: 0 },
      { name: 'maxUnavailable with Recreate deployment strategy', replicas: 0, maxUnavailable: 0, expected: 0, recreate: true },
      { name: 'maxUnavailable less than replicas with percents', replicas: 10, maxUnavailable: '50%', expected: 5 },
      { name: 'maxUnavailable equal replicas with percents', replicas: 10, maxUnavailable: '100%', expected: 10 },
      { name: 'maxUnavailable greater than replicas with percents', replicas: 5, maxUnavailable: '100%', expected: 5 },
    ];
    for (const t of table) {
      it(t.name, () => {
        const d: DeploymentLike = t.recreate ? { replicas: t.replicas, strategy: { type: 'Recreate', maxSurge: null, maxUnavailable: null } } : rolling(t.replicas, 1, t.maxUnavailable);
        assert.equal(maxUnavailable(d), t.expected);
      });
    }
  });

  describe('TestDeploymentController_reconcileNewReplicaSet (rolling_test.go)', () => {
    const table = [
      { deploymentReplicas: 10, maxSurge: 0, oldReplicas: 10, newReplicas: 0, expected: undefined },
      { deploymentReplicas: 10, maxSurge: 2, oldReplicas: 10, newReplicas: 0, expected: 2 },
      { deploymentReplicas: 10, maxSurge: 2, oldReplicas: 5, newReplicas: 0, expected: 7 },
      { deploymentReplicas: 10, maxSurge: 2, oldReplicas: 10, newReplicas: 2, expected: undefined },
      { deploymentReplicas: 10, maxSurge: 2, oldReplicas: 2, newReplicas: 11, expected: 10 },
    ];
    table.forEach((t, i) => it(`scenario ${i}: ${t.expected === undefined ? 'no scaling' : `scale to ${t.expected}`}`, () => {
      const newRS = rs('foo-v2', t.newReplicas);
      assert.equal(reconcileNewReplicaSet(rolling(t.deploymentReplicas, t.maxSurge, 0), [newRS, rs('foo-v1', t.oldReplicas)], newRS), t.expected);
    }));
  });

  describe('TestDeploymentController_reconcileOldReplicaSets (rolling_test.go)', () => {
    const table = [
      { deploymentReplicas: 10, maxUnavailable: 0, oldReplicas: 10, newReplicas: 0, readyOld: 10, readyNew: 0, scaleExpected: true, expectedOld: 9 },
      { deploymentReplicas: 10, maxUnavailable: 2, oldReplicas: 10, newReplicas: 0, readyOld: 10, readyNew: 0, scaleExpected: true, expectedOld: 8 },
      { deploymentReplicas: 10, maxUnavailable: 2, oldReplicas: 10, newReplicas: 0, readyOld: 8, readyNew: 0, scaleExpected: true, expectedOld: 8 },
      { deploymentReplicas: 10, maxUnavailable: 2, oldReplicas: 10, newReplicas: 0, readyOld: 9, readyNew: 0, scaleExpected: true, expectedOld: 8 },
      { deploymentReplicas: 10, maxUnavailable: 2, oldReplicas: 8, newReplicas: 2, readyOld: 8, readyNew: 0, scaleExpected: false, expectedOld: 8 },
    ];
    table.forEach((t, i) => it(`scenario ${i}`, () => {
      const oldRS = rs('foo-old', t.oldReplicas, t.readyOld);
      const changes = reconcileOldReplicaSets(rolling(t.deploymentReplicas, 0, t.maxUnavailable), [oldRS], rs('foo-new', t.newReplicas, t.readyNew));
      assert.equal(changes.length > 0, t.scaleExpected);
      assert.equal(oldRS.replicas, t.expectedOld);
    }));
  });

  describe('TestDeploymentController_cleanupUnhealthyReplicas (rolling_test.go)', () => {
    const table = [
      { oldReplicas: 10, readyPods: 8, maxCleanupCount: 1, expected: 1 },
      { oldReplicas: 10, readyPods: 8, maxCleanupCount: 3, expected: 2 },
      { oldReplicas: 10, readyPods: 8, maxCleanupCount: 0, expected: 0 },
      { oldReplicas: 10, readyPods: 10, maxCleanupCount: 3, expected: 0 },
    ];
    table.forEach((t, i) => it(`scenario ${i}`, () => {
      assert.equal(cleanupUnhealthyReplicas([rs('foo-v2', t.oldReplicas, t.readyPods)], t.maxCleanupCount).total, t.expected);
    }));
  });

  describe('TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate (rolling_test.go)', () => {
    const table = [
      { deploymentReplicas: 10, maxUnavailable: 0, readyPods: 10, oldReplicas: 10, expectedOld: 9 },
      { deploymentReplicas: 10, maxUnavailable: 2, readyPods: 10, oldReplicas: 10, expectedOld: 8 },
      { deploymentReplicas: 10, maxUnavailable: 2, readyPods: 8, oldReplicas: 10, expectedOld: 10 },
      { deploymentReplicas: 10, maxUnavailable: 2, readyPods: 1, oldReplicas: 10, expectedOld: 10 },
    ];
    table.forEach((t, i) => it(`scenario ${i}`, () => {
      const old = rs('foo-v2', t.oldReplicas, t.readyPods);
      scaleDownOldReplicaSetsForRollingUpdate(rolling(t.deploymentReplicas, 0, t.maxUnavailable), [old], [old]);
      assert.equal(old.replicas, t.expectedOld);
    }));
  });

  describe('TestSortingActivePodsWithRanks (controller_utils_test.go)', () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    const then1Month = Date.parse('2026-05-01T12:00:00Z');
    const hours = (h: number) => now - h * 3_600_000;
    const iso = (t: number) => (t ? new Date(t).toISOString() : undefined);
    const pod = (name: string, node: string, phase: string, ready: boolean, restarts: number, readySince: number, created: number, annotations?: Record<string, string>): Pod => ({
      metadata: { name, creationTimestamp: iso(created), ...(annotations ? { annotations } : {}) },
      spec: { nodeName: node },
      status: {
        phase,
        ...(ready ? { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(readySince) }], containerStatuses: [{ restartCount: restarts }] } : {}),
      } as Pod['status'],
    });
    const P = {
      unscheduledPod: pod('unscheduled', '', 'Pending', false, 0, 0, 0),
      scheduledPendingPod: pod('pending', 'node', 'Pending', false, 0, 0, 0),
      unknownPhasePod: pod('unknown-phase', 'node', 'Unknown', false, 0, 0, 0),
      runningNotReadyPod: pod('not-ready', 'node', 'Running', false, 0, 0, 0),
      runningReadyNoLastTransitionTimePod: pod('ready-no-last-transition-time', 'node', 'Running', true, 0, 0, 0),
      runningReadyNow: pod('ready-now', 'node', 'Running', true, 0, now, now),
      runningReadyThen: pod('ready-then', 'node', 'Running', true, 0, then1Month, then1Month),
      runningReadyNowHighRestarts: pod('ready-high-restarts', 'node', 'Running', true, 9001, now, now),
      runningReadyNowCreatedThen: pod('ready-now-created-then', 'node', 'Running', true, 0, now, then1Month),
      lowPodDeletionCost: pod('low-deletion-cost', 'node', 'Running', true, 0, now, then1Month, { [POD_DELETION_COST]: '10' }),
      highPodDeletionCost: pod('high-deletion-cost', 'node', 'Running', true, 0, now, then1Month, { [POD_DELETION_COST]: '100' }),
      unscheduled5Hours: pod('unscheduled-5-hours', '', 'Pending', false, 0, hours(5), hours(5)),
      unscheduled8Hours: pod('unscheduled-10-hours', '', 'Pending', false, 0, hours(8), hours(8)),
      ready2Hours: pod('ready-2-hours', '', 'Running', true, 0, hours(2), then1Month),
      ready5Hours: pod('ready-5-hours', '', 'Running', true, 0, hours(5), then1Month),
      ready10Hours: pod('ready-10-hours', '', 'Running', true, 0, hours(8), then1Month),
    };
    type K = keyof typeof P;
    const opts = { now, podDeletionCost: true, logarithmicScaleDown: true };
    const equality: [K, K?][] = [
      ['unscheduledPod'], ['scheduledPendingPod'], ['unknownPhasePod'], ['runningNotReadyPod'], ['runningReadyNowCreatedThen'],
      ['runningReadyNow'], ['runningReadyThen'], ['runningReadyNowHighRestarts'], ['runningReadyNowCreatedThen'],
      ['unscheduled5Hours', 'unscheduled8Hours'], ['ready5Hours', 'ready10Hours'],
    ];
    equality.forEach(([a, b], i) => it(`Equality tests ${i}: ${a}${b ? ` ~ ${b}` : ''}`, () => {
      const x = { pod: P[a], rank: 1 };
      const y = { pod: P[b ?? a], rank: 1 };
      assert.ok(!lessForDeletion(x, y, opts) && !lessForDeletion(y, x, opts));
    }));
    const inequality: { lesser: [K, number]; greater: [K, number]; disablePodDeletionCost?: boolean }[] = [
      { lesser: ['unscheduledPod', 1], greater: ['scheduledPendingPod', 2] },
      { lesser: ['unscheduledPod', 2], greater: ['scheduledPendingPod', 1] },
      { lesser: ['scheduledPendingPod', 1], greater: ['unknownPhasePod', 2] },
      { lesser: ['unknownPhasePod', 1], greater: ['runningNotReadyPod', 2] },
      { lesser: ['runningNotReadyPod', 1], greater: ['runningReadyNoLastTransitionTimePod', 1] },
      { lesser: ['runningReadyNoLastTransitionTimePod', 1], greater: ['runningReadyNow', 1] },
      { lesser: ['runningReadyNow', 2], greater: ['runningReadyNoLastTransitionTimePod', 1] },
      { lesser: ['runningReadyNow', 1], greater: ['runningReadyThen', 1] },
      { lesser: ['runningReadyNow', 2], greater: ['runningReadyThen', 1] },
      { lesser: ['runningReadyNowHighRestarts', 1], greater: ['runningReadyNow', 1] },
      { lesser: ['runningReadyNow', 2], greater: ['runningReadyNowHighRestarts', 1] },
      { lesser: ['runningReadyNow', 1], greater: ['runningReadyNowCreatedThen', 1] },
      { lesser: ['runningReadyNowCreatedThen', 2], greater: ['runningReadyNow', 1] },
      { lesser: ['lowPodDeletionCost', 2], greater: ['highPodDeletionCost', 1] },
      { lesser: ['highPodDeletionCost', 2], greater: ['lowPodDeletionCost', 1], disablePodDeletionCost: true },
      { lesser: ['ready2Hours', 1], greater: ['ready5Hours', 1] },
    ];
    inequality.forEach((t, i) => it(`Inequality tests ${i}: ${t.lesser[0]}/${t.lesser[1]} < ${t.greater[0]}/${t.greater[1]}`, () => {
      const o = { ...opts, podDeletionCost: !t.disablePodDeletionCost };
      const x = { pod: P[t.lesser[0]], rank: t.lesser[1] };
      const y = { pod: P[t.greater[0]], rank: t.greater[1] };
      assert.ok(lessForDeletion(x, y, o), 'lesser < greater');
      assert.ok(!lessForDeletion(y, x, o), 'not greater < lesser');
    }));
  });

  describe('TestGetPodsToDelete (replica_set_test.go)', () => {
    const mk = (name: string, node: string, phase: string, ready: boolean): Pod => ({
      metadata: { name, namespace: 'default', labels: { name: 'foo' } },
      spec: { nodeName: node },
      status: { phase, conditions: phase === 'Running' ? [{ type: 'Ready', status: ready ? 'True' : 'False' }] : [] } as Pod['status'],
    });
    const unscheduledPendingPod = mk('unscheduled-pending-pod', '', 'Pending', false);
    const scheduledPendingPod = mk('scheduled-pending-pod', 'fake-node', 'Pending', false);
    const scheduledRunningNotReadyPod = mk('scheduled-running-not-ready-pod', 'fake-node', 'Running', false);
    const scheduledRunningReadyPodOnNode1 = mk('scheduled-running-ready-pod-on-node-1', 'fake-node-1', 'Running', true);
    const scheduledRunningReadyPodOnNode2 = mk('scheduled-running-ready-pod-on-node-2', 'fake-node-2', 'Running', true);
    const table: { name: string; pods: Pod[]; related?: Pod[]; diff: number; expected: Pod[] }[] = [
      { name: 'len(pods) = 0 (i.e., diff = 0 too)', pods: [], diff: 0, expected: [] },
      { name: 'diff = len(pods)', pods: [scheduledRunningNotReadyPod, scheduledRunningReadyPodOnNode1], diff: 2, expected: [scheduledRunningNotReadyPod, scheduledRunningReadyPodOnNode1] },
      { name: 'diff < len(pods)', pods: [scheduledRunningReadyPodOnNode1, scheduledRunningNotReadyPod], diff: 1, expected: [scheduledRunningNotReadyPod] },
      { name: 'scheduled vs unscheduled, diff < len(pods)', pods: [scheduledPendingPod, unscheduledPendingPod], diff: 1, expected: [unscheduledPendingPod] },
      { name: 'ready vs not-ready, diff < len(pods)', pods: [scheduledRunningReadyPodOnNode1, scheduledRunningNotReadyPod, scheduledRunningNotReadyPod], diff: 2, expected: [scheduledRunningNotReadyPod, scheduledRunningNotReadyPod] },
      {
        name: 'ready and colocated with another ready pod vs not colocated, diff < len(pods)',
        pods: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2],
        related: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningReadyPodOnNode2],
        diff: 1, expected: [scheduledRunningReadyPodOnNode2],
      },
      { name: 'pending vs running, diff < len(pods)', pods: [scheduledPendingPod, scheduledRunningNotReadyPod], diff: 1, expected: [scheduledPendingPod] },
      {
        name: 'various pod phases and conditions, diff < len(pods)',
        pods: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod],
        diff: 3, expected: [unscheduledPendingPod, scheduledPendingPod, scheduledRunningNotReadyPod],
      },
    ];
    for (const t of table) {
      it(t.name, () => {
        const got = podsToDelete(t.pods, t.related ?? t.pods, t.diff, { now: Date.parse('2026-06-01T00:00:00Z') }).victims;
        assert.deepEqual(got.map((p) => p.metadata.name), t.expected.map((p) => p.metadata.name));
      });
    }
  });

  describe('StatefulSet scale-down (stateful_set_control.go: highest ordinal first)', () => {
    const sts = (i: number, node: string): Pod => ({ metadata: { name: `db-${i}`, labels: { 'apps.kubernetes.io/pod-index': String(i) } }, spec: { nodeName: node } });
    it('deletes ordinals >= replicas, highest first, wherever they run', () => {
      const c = chooseScaleDown('StatefulSet', [sts(0, 'a'), sts(1, 'b'), sts(2, 'a'), sts(3, 'a')], [], 2, { now: 0 });
      assert.deepEqual(c.victims.map((p) => p.metadata.name), ['db-3', 'db-2']);
    });
  });
});
