// `--without-domain … --domain-loss drain` through the eviction API (analysis/whatif/eviction.ts,
// kubernetes pkg/registry/core/pod/storage/eviction.go): a PodDisruptionBudget refuses evictions, the drain
// retries once replacements run (the disruption controller recomputes disruptionsAllowed) and stops when a
// round evicts nothing, saying which pod, which budget and its disruptionsAllowed.

import assert from 'node:assert/strict';
import { makeContext } from '../../../server/src/analysis/context';
import { simulateDomainLoss } from '../../../server/src/analysis/whatif';
import { EvictionApi, TOO_MANY_PDBS, WOULD_VIOLATE } from '../../../server/src/analysis/whatif/eviction';
import { targetOf } from '../../../server/src/analysis/whatIfRun';
import { Cluster, type LabelSelector, type PodDisruptionBudget } from '../../../server/src/engine';
import { loadFixtureFromText } from '../../../server/src/fixture';
import { parseManifestText } from '../../../server/src/k8s/manifest';

const ZONE = 'topology.kubernetes.io/zone';

function ctxWith(budgets: string): ReturnType<typeof makeContext> {
  const text = `apiVersion: kube-spread.dev/v1alpha1
kind: ClusterFixture
zones: [zone-a, zone-b, zone-c]
nodePools:
  - {name: pool, perZone: 2}
${budgets ? `disruptionBudgets:\n${budgets}` : ''}`;
  return makeContext(loadFixtureFromText(text, 'cluster.yaml'));
}

function web(replicas: number, when = 'DoNotSchedule') {
  const doc = parseManifestText(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: ${ZONE}, whenUnsatisfiable: ${when}, labelSelector: {matchLabels: {app: web}}}
      containers: [{name: web, image: nginx, resources: {requests: {cpu: 100m}}}]
`).documents[0];
  return targetOf(doc);
}

const drain = (ctx: ReturnType<typeof makeContext>, t: ReturnType<typeof web>) => simulateDomainLoss(ctx, t, { key: ZONE, value: 'zone-a' }, 'drain');

describe('drain and PodDisruptionBudgets', () => {
  it('no budget: every pod of the zone is evicted at once (as before)', () => {
    const r = drain(ctxWith(''), web(6, 'ScheduleAnyway'));
    assert.equal(r.evicted, 2);
    assert.equal(r.drainBlocked, undefined);
    assert.deepEqual(r.steps.map((s) => s.action), ['initial', 'lose-domain', 'replace', 'replace']);
  });

  it('maxUnavailable 1, ScheduleAnyway: one eviction, the replacement runs elsewhere, the retry evicts the second', () => {
    const r = drain(ctxWith('  - {name: web, namespace: default, selector: {app: web}, maxUnavailable: 1}\n'), web(6, 'ScheduleAnyway'));
    assert.equal(r.evicted, 2);
    assert.equal(r.drainBlocked, undefined);
    assert.deepEqual(r.steps.map((s) => s.action), ['initial', 'lose-domain', 'replace', 'evict', 'replace']);
    assert.match(r.steps[1].description, /the eviction API refused 1 pod\(s\) \(PodDisruptionBudget\): web-\S+ \(default\/web, disruptionsAllowed 0\)/);
    assert.equal(r.pendingAfter, 0);
  });

  it('maxUnavailable 1, DoNotSchedule: the replacement stays Pending (zone-a is cordoned), the budget never recovers, the drain stops', () => {
    const r = drain(ctxWith('  - {name: web, namespace: default, selector: {app: web}, maxUnavailable: 1}\n'), web(6));
    assert.equal(r.evicted, 1);
    assert.equal(r.pendingAfter, 1);
    assert.equal(r.drainBlocked?.length, 1);
    const b = r.drainBlocked![0];
    assert.deepEqual({ ...b, pod: '', node: '' }, { pod: '', namespace: 'default', node: '', workload: true, pdb: 'default/web', disruptionsAllowed: 0, code: 429, message: WOULD_VIOLATE });
    assert.match(b.node, /zone-a/);
    assert.match(r.message, /the drain stops: the eviction API refuses 1 pod\(s\) whatever the retries: default\/web-\S+ on \S*zone-a\S* \(PodDisruptionBudget default\/web, disruptionsAllowed 0: Cannot evict pod/);
    // The refused pod still runs in zone-a: the workload keeps 2 pods there minus the evicted one.
    assert.equal(r.steps[r.steps.length - 1].distribution[ZONE]['zone-a'], 1);
  });

  it('minAvailable equal to the replicas: nothing is ever evicted', () => {
    const r = drain(ctxWith('  - {name: web, namespace: default, selector: {app: web}, minAvailable: 6}\n'), web(6, 'ScheduleAnyway'));
    assert.equal(r.evicted, 0);
    assert.equal(r.drainBlocked?.length, 2);
    assert.deepEqual(r.steps.map((s) => s.action), ['initial', 'lose-domain']);
  });

  it('the eviction API: several budgets refuse (500), an empty selector matches nothing, Pending pods skip the check', () => {
    const pod = (name: string, phase?: string) => ({ metadata: { name, namespace: 'default', labels: { app: 'web' } }, spec: { containers: [], nodeName: 'n1' }, ...(phase ? { status: { phase } } : {}) });
    const cluster = Cluster.build({ nodes: [{ metadata: { name: 'n1', labels: {} }, status: { allocatable: { cpu: '4', pods: '110' } } }], pods: [pod('a'), pod('b', 'Pending')] });
    const [a, b] = cluster.nodes[0].pods;
    const pdb = (name: string, selector: LabelSelector, allowed: number): PodDisruptionBudget =>
      ({ metadata: { name, namespace: 'default' }, spec: { selector }, status: { disruptionsAllowed: allowed } }) as PodDisruptionBudget;
    const two = new EvictionApi([pdb('x', { matchLabels: { app: 'web' } }, 5), pdb('y', { matchLabels: { app: 'web' } }, 5)], [a.pod, b.pod], true);
    assert.deepEqual(two.evict(a), { pdb: 'default/x, default/y', disruptionsAllowed: 5, code: 500, message: TOO_MANY_PDBS });
    assert.equal(two.evict(b), undefined); // Pending: deleted without a budget check
    const empty = new EvictionApi([pdb('e', {}, 0)], [a.pod], true);
    assert.equal(empty.evict(a), undefined);
    const one = new EvictionApi([pdb('x', { matchLabels: { app: 'web' } }, 1)], [a.pod], true);
    assert.equal(one.evict(a), undefined);
    assert.equal(one.evict(a)?.disruptionsAllowed, 0); // the first eviction took the only disruption
  });
});
