// spread/ findings decided by a manifest's own volumes and priority (analysis/volumeFindings.ts,
// analysis/preemptionFindings.ts, docs/codes.md): volume-pinned, preempts, preemption-never,
// priority-class-unknown, checked on small compact fixtures through the same check the CLI runs.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText } from '../../../server/src/analysis/check';
import { makeContext } from '../../../server/src/analysis/context';
import { loadEmbeddedSample, loadFixtureFromText } from '../../../server/src/fixture';

const ROOT = join(__dirname, '..', '..', '..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const preemptionCtx = makeContext(loadFixtureFromText(read('examples/priority-preemption-cluster.yaml'), 'cluster.yaml'));
const findingsOf = (text: string, ctx = preemptionCtx, code?: string) => checkText(text, ctx).findings.filter((f) => !code || f.code === code);

describe('spread/ findings of a manifest\'s own priority', () => {
  const web = read('examples/priority-preemption.yaml');

  it('spread/preempts: the replicas placed only by preemption, with their victims, on priorityClassName', () => {
    const [f] = findingsOf(web, preemptionCtx, 'spread/preempts');
    assert.ok(f, 'expected spread/preempts');
    assert.match(f.message, /^3\/3 placed, 3 only by preempting 3 lower-priority pod\(s\): batch\/batch-\d \(priority 100\) on pool-zone-a-1/);
    // The replacements find no node (every node is full of web and batch pods): a warning on a real fixture.
    assert.match(f.message, /3 replacement\(s\) stay Pending \(0\/3 nodes are available: 3 Insufficient cpu/);
    assert.equal(f.severity, 'warning');
    assert.equal(f.path, 'spec.template.spec.priorityClassName');
    assert.equal(f.related?.length, 3);
    // Fewer replicas than nodes with room: no preemption, no finding.
    assert.deepEqual(findingsOf(web.replace('cpu: "2"', 'cpu: "1"'), preemptionCtx, 'spread/preempts'), []);
  });

  it('spread/preemption-never: a Never class leaves the pods Pending although preemption would place them', () => {
    const polite = web.replace('priorityClassName: web-high', 'priorityClassName: web-polite');
    const fs = findingsOf(polite);
    const never = fs.find((f) => f.code === 'spread/preemption-never');
    assert.ok(never, `expected spread/preemption-never in ${fs.map((f) => f.code)}`);
    assert.match(never.message, /^3 of 3 replica\(s\) stay Pending because preemptionPolicy is Never \(from PriorityClass web-polite\): allowed to preempt, replica 0 would be placed on pool-zone-a-1 by evicting 1 lower-priority pod\(s\) \(batch\/batch-\d, priority 100\)/);
    assert.equal(never.severity, 'warning');
    assert.ok(fs.some((f) => f.code === 'spread/unschedulable' || f.code === 'spread/pending'));
    assert.equal(fs.filter((f) => f.code === 'spread/preempts').length, 0);
    // The pod's own preemptionPolicy: the finding points at it.
    const own = web.replace('priorityClassName: web-high', 'priorityClassName: web-high\n      preemptionPolicy: Never');
    const f2 = findingsOf(own, preemptionCtx, 'spread/preemption-never')[0];
    // Admission rejects a policy that differs from the class's; the scheduler still reads Never.
    assert.equal(f2?.path, 'spec.template.spec.preemptionPolicy');
    assert.doesNotMatch(f2.message, /from PriorityClass/);
    // Pending for a reason preemption cannot fix (no lower-priority pod frees enough cpu): no finding.
    const huge = polite.replace('cpu: "2"', 'cpu: "5"');
    assert.deepEqual(findingsOf(huge, preemptionCtx, 'spread/preemption-never'), []);
  });

  it('spread/priority-class-unknown: admission\'s message; severity by what the fixture knows', () => {
    const gold = web.replace('priorityClassName: web-high', 'priorityClassName: gold');
    const [f] = findingsOf(gold, preemptionCtx, 'spread/priority-class-unknown');
    assert.ok(f);
    assert.equal(f.severity, 'error'); // the fixture lists the cluster's PriorityClasses
    assert.match(f.message, /rejects every pod of this Deployment: no PriorityClass with name gold was found\. Define the PriorityClass or use one of: batch-low, system-cluster-critical, system-node-critical, web-high, web-polite$/);
    assert.equal(f.path, 'spec.template.spec.priorityClassName');
    // Defined by a PriorityClass document of the same file: known.
    const withClass = `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: gold\nvalue: 500\n---\n${gold}`;
    assert.deepEqual(findingsOf(withClass, preemptionCtx, 'spread/priority-class-unknown'), []);
    // System classes always exist.
    assert.deepEqual(findingsOf(web.replace('web-high', 'system-cluster-critical'), preemptionCtx, 'spread/priority-class-unknown'), []);
    // The embedded sample cannot know the cluster's classes: information.
    const sample = findingsOf(gold, makeContext(loadEmbeddedSample()), 'spread/priority-class-unknown');
    assert.equal(sample[0]?.severity, 'information');
  });
});

const VOLUME_CLUSTER = `apiVersion: kube-spread.dev/v1alpha1
kind: ClusterFixture
zones: [zone-a, zone-b, zone-c]
nodePools:
  - {name: pool, perZone: 1}
storageClasses:
  - {name: zonal, provisioner: ebs.csi.aws.com, bindingMode: WaitForFirstConsumer, zonal: true, default: true}
volumes:
  - {claim: data-db-0, storageClass: zonal, size: 10Gi, zone: zone-a}
  - {claim: data-db-1, storageClass: zonal, size: 10Gi, zone: zone-a}
`;

describe('spread/volume-pinned', () => {
  const sts = read('examples/statefulset-zonal-volumes.yaml').replace('replicas: 6', 'replicas: 3');
  const ctx = makeContext(loadFixtureFromText(VOLUME_CLUSTER, 'cluster.yaml'));

  it('existing claims of two ordinals in one zone: the second stays Pending, pinned, and the finding says by which claim', () => {
    const fs = findingsOf(sts, ctx);
    const [f] = fs.filter((x) => x.code === 'spread/volume-pinned');
    assert.ok(f, `expected spread/volume-pinned in ${fs.map((x) => `${x.code}: ${x.message}`).join('\n')}`);
    assert.equal(f.severity, 'error');
    assert.equal(f.path, 'spec.template.spec.topologySpreadConstraints[0]');
    assert.match(f.message, /^1 of 3 replica\(s\) stay Pending: their volumes pin them where topology\.kubernetes\.io\/zone maxSkew 1 \(DoNotSchedule\) allows no more pods; replica 1 mounts data-db-1 in zone zone-a\. The scheduler: /);
    assert.match(f.message, /2 node\(s\) had volume node affinity conflict/);
    assert.match(f.message, /1 node\(s\) didn't match pod topology spread constraints/);
  });

  it('claims spread over the zones, or no hard constraint: no finding', () => {
    const spread = makeContext(loadFixtureFromText(VOLUME_CLUSTER.replace('data-db-1, storageClass: zonal, size: 10Gi, zone: zone-a', 'data-db-1, storageClass: zonal, size: 10Gi, zone: zone-b'), 'cluster.yaml'));
    assert.deepEqual(findingsOf(sts, spread, 'spread/volume-pinned'), []);
    assert.deepEqual(findingsOf(sts.replace('DoNotSchedule', 'ScheduleAnyway'), ctx, 'spread/volume-pinned'), []);
  });
});
