import assert from 'node:assert/strict';
import { parseManifestText } from '../../../server/src/k8s/manifest';
import { ownerOf, podForReplica, workloadOf, type Workload } from '../../../server/src/k8s/workloads';

const TEMPLATE = `
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: c, image: nginx}]
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}`;

function wl(yaml: string): Workload {
  const f = parseManifestText(yaml);
  const w = workloadOf(f.documents[0]);
  assert.ok(w, 'expected a workload');
  return w;
}

const SEL = '  selector: {matchLabels: {app: web}}\n';

describe('k8s/workloads: workloadOf', () => {
  const cases: { kind: string; yaml: string; path: (string | number)[]; replicas: number | undefined; selector: unknown }[] = [
    { kind: 'Pod', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec:\n  containers: [{name: c}]\n', path: ['spec'], replicas: 1, selector: undefined },
    { kind: 'Deployment', yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 4\n${SEL}  template:${TEMPLATE}\n`, path: ['spec', 'template', 'spec'], replicas: 4, selector: { matchLabels: { app: 'web' } } },
    { kind: 'ReplicaSet (default replicas)', yaml: `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web}\nspec:\n${SEL}  template:${TEMPLATE}\n`, path: ['spec', 'template', 'spec'], replicas: 1, selector: { matchLabels: { app: 'web' } } },
    { kind: 'ReplicationController (selector defaults to template labels)', yaml: `apiVersion: v1\nkind: ReplicationController\nmetadata: {name: web}\nspec:\n  replicas: 2\n  template:${TEMPLATE}\n`, path: ['spec', 'template', 'spec'], replicas: 2, selector: { matchLabels: { app: 'web' } } },
    { kind: 'StatefulSet', yaml: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  replicas: 3\n  podManagementPolicy: Parallel\n${SEL}  template:${TEMPLATE}\n`, path: ['spec', 'template', 'spec'], replicas: 3, selector: { matchLabels: { app: 'web' } } },
    { kind: 'DaemonSet', yaml: `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n${SEL}  template:${TEMPLATE}\n`, path: ['spec', 'template', 'spec'], replicas: undefined, selector: { matchLabels: { app: 'web' } } },
    { kind: 'Job (parallelism capped by completions)', yaml: `apiVersion: batch/v1\nkind: Job\nmetadata: {name: batch}\nspec:\n  parallelism: 5\n  completions: 3\n  template:${TEMPLATE}\n`, path: ['spec', 'template', 'spec'], replicas: 3, selector: 'generated' },
    { kind: 'Job (defaults)', yaml: `apiVersion: batch/v1\nkind: Job\nmetadata: {name: batch}\nspec:\n  template:${TEMPLATE}\n`, path: ['spec', 'template', 'spec'], replicas: 1, selector: 'generated' },
    { kind: 'CronJob', yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 0 * * *"\n  jobTemplate:\n    spec:\n      parallelism: 2\n      template:\n${TEMPLATE.replace(/\n/g, '\n    ')}\n`, path: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], replicas: 2, selector: 'generated' },
  ];
  for (const c of cases) {
    it(c.kind, () => {
      const w = wl(c.yaml);
      assert.deepEqual(w.podSpecPath, c.path);
      assert.equal(w.replicas, c.replicas);
      assert.equal(w.namespace, 'default');
      assert.deepEqual(w.template.metadata.labels, { app: 'web' });
      assert.equal(w.template.metadata.namespace, 'default');
      assert.equal(w.template.kind, 'Pod');
      if (c.selector === 'generated') assert.deepEqual(Object.keys(w.selector?.matchLabels ?? {}), ['batch.kubernetes.io/controller-uid']);
      else assert.deepEqual(w.selector, c.selector);
      // The pod spec is the one at podSpecPath.
      assert.ok(Array.isArray(w.template.spec.containers));
    });
  }

  it('StatefulSet podManagementPolicy (given and default)', () => {
    assert.equal(wl(cases[4].yaml).podManagementPolicy, 'Parallel');
    assert.equal(wl(cases[4].yaml.replace('  podManagementPolicy: Parallel\n', '')).podManagementPolicy, 'OrderedReady');
  });

  it('namespace, generateName, non-workload kinds and skipped documents', () => {
    const w = wl('apiVersion: v1\nkind: Pod\nmetadata: {generateName: pod-, namespace: prod}\nspec: {}\n');
    assert.deepEqual([w.name, w.namespace, w.template.metadata.namespace], ['pod', 'prod', 'prod']);
    assert.equal(workloadOf(parseManifestText('apiVersion: v1\nkind: Service\nmetadata: {name: s}\n').documents[0]), undefined);
    assert.equal(workloadOf(parseManifestText('apiVersion: apps/v1\nkind: Deployment\n', { patch: true }).documents[0]), undefined);
  });

  it('half-typed: missing spec gives an empty pod spec, not a crash', () => {
    const w = wl('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: "3"\n');
    assert.deepEqual(w.template.spec, {});
    assert.equal(w.replicas, 1);
    assert.equal(w.selector, null);
  });
});

describe('k8s/workloads: podForReplica and ownerOf', () => {
  it('Deployment: pod-template-hash, ReplicaSet owner with selector + hash', () => {
    const w = wl(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ns}\nspec:\n  replicas: 2\n${SEL}  template:${TEMPLATE}\n`);
    const p0 = podForReplica(w, 0);
    const p1 = podForReplica(w, 1);
    const hash = p0.metadata.labels?.['pod-template-hash'];
    assert.match(hash ?? '', /^[bcdfghjklmnpqrstvwxz2456789]+$/);
    assert.deepEqual(p0.metadata.labels, { app: 'web', 'pod-template-hash': hash });
    assert.equal(p0.metadata.namespace, 'ns');
    assert.notEqual(p0.metadata.name, p1.metadata.name);
    assert.match(p0.metadata.name ?? '', new RegExp(`^web-${hash}-[a-z0-9]{5}$`));
    const owner = ownerOf(w);
    assert.equal(owner?.kind, 'ReplicaSet');
    assert.equal(owner?.metadata.name, `web-${hash}`);
    assert.equal(owner?.metadata.namespace, 'ns');
    assert.deepEqual(owner?.spec?.selector, { matchLabels: { app: 'web', 'pod-template-hash': hash } });
    assert.deepEqual(p0.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner?.metadata.name, uid: owner?.metadata.uid, controller: true }]);
    // The template itself is not changed, and the hash is stable.
    assert.deepEqual(w.template.metadata.labels, { app: 'web' });
    assert.equal(podForReplica(w, 0).metadata.labels?.['pod-template-hash'], hash);
  });

  it('Deployment: a different template gives a different hash', () => {
    const a = podForReplica(wl(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n${SEL}  template:${TEMPLATE}\n`), 0);
    const b = podForReplica(wl(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n${SEL}  template:${TEMPLATE.replace('nginx', 'nginx:2')}\n`), 0);
    assert.notEqual(a.metadata.labels?.['pod-template-hash'], b.metadata.labels?.['pod-template-hash']);
  });

  it('StatefulSet: per-replica name, pod-name, pod-index and revision hash; owner is the StatefulSet', () => {
    const w = wl(`apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  replicas: 3\n${SEL}  template:${TEMPLATE}\n`);
    const p = podForReplica(w, 2);
    assert.equal(p.metadata.name, 'db-2');
    assert.equal(p.metadata.labels?.['statefulset.kubernetes.io/pod-name'], 'db-2');
    assert.equal(p.metadata.labels?.['apps.kubernetes.io/pod-index'], '2');
    assert.match(p.metadata.labels?.['controller-revision-hash'] ?? '', /^db-[a-z0-9]+$/);
    const owner = ownerOf(w);
    assert.deepEqual([owner?.kind, owner?.metadata.name, owner?.spec?.selector], ['StatefulSet', 'db', { matchLabels: { app: 'web' } }]);
    assert.deepEqual(p.metadata.ownerReferences?.map((o) => [o.kind, o.name, o.uid, o.controller]), [['StatefulSet', 'db', w.uid, true]]);
  });

  it('Job: controller-uid and job-name labels (new and legacy); indexed adds the completion index', () => {
    const yaml = `apiVersion: batch/v1\nkind: Job\nmetadata: {name: batch}\nspec:\n  completionMode: Indexed\n  completions: 4\n  parallelism: 4\n  template:${TEMPLATE}\n`;
    const w = wl(yaml);
    const p = podForReplica(w, 3);
    assert.deepEqual(p.metadata.labels, {
      app: 'web',
      'batch.kubernetes.io/controller-uid': w.uid,
      'batch.kubernetes.io/job-name': 'batch',
      'controller-uid': w.uid,
      'job-name': 'batch',
      'batch.kubernetes.io/job-completion-index': '3',
    });
    assert.deepEqual(w.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': w.uid } });
    assert.match(p.metadata.name ?? '', /^batch-3-[a-z0-9]{5}$/);
    assert.equal(ownerOf(w), undefined);
    assert.deepEqual(p.metadata.ownerReferences?.map((o) => [o.apiVersion, o.kind, o.name]), [['batch/v1', 'Job', 'batch']]);
    const plain = podForReplica(wl(yaml.replace('  completionMode: Indexed\n', '')), 0);
    assert.equal(plain.metadata.labels?.['batch.kubernetes.io/job-completion-index'], undefined);
  });

  it('CronJob: pods belong to a Job named after the CronJob, labels match the selector', () => {
    const w = wl(cases9());
    const p = podForReplica(w, 0);
    const job = p.metadata.ownerReferences?.[0];
    assert.equal(job?.kind, 'Job');
    assert.match(job?.name ?? '', /^nightly-\d{8}$/);
    assert.equal(p.metadata.labels?.['job-name'], job?.name);
    assert.equal(p.metadata.labels?.['batch.kubernetes.io/controller-uid'], w.selector?.matchLabels?.['batch.kubernetes.io/controller-uid']);
  });

  it('ReplicaSet, ReplicationController, DaemonSet, Pod', () => {
    const rs = wl(`apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r}\nspec:\n${SEL}  template:${TEMPLATE}\n`);
    assert.deepEqual([ownerOf(rs)?.kind, ownerOf(rs)?.spec?.selector], ['ReplicaSet', { matchLabels: { app: 'web' } }]);
    assert.deepEqual(podForReplica(rs, 0).metadata.labels, { app: 'web' });
    const rc = wl(`apiVersion: v1\nkind: ReplicationController\nmetadata: {name: r}\nspec:\n  template:${TEMPLATE}\n`);
    assert.deepEqual([ownerOf(rc)?.kind, ownerOf(rc)?.spec?.selector], ['ReplicationController', { app: 'web' }]);
    assert.equal(podForReplica(rc, 0).metadata.ownerReferences?.[0].apiVersion, 'v1');
    const ds = wl(`apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n${SEL}  template:${TEMPLATE}\n`);
    assert.equal(ownerOf(ds), undefined);
    assert.equal(podForReplica(ds, 0).metadata.labels?.['pod-template-generation'], '1');
    const pod = wl('apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {a: b}}\nspec: {}\n');
    assert.deepEqual([podForReplica(pod, 0).metadata.name, podForReplica(pod, 0).metadata.labels, podForReplica(pod, 0).metadata.ownerReferences], ['p', { a: 'b' }, undefined]);
  });
});

function cases9(): string {
  return `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 0 * * *"\n  jobTemplate:\n    spec:\n      template:\n${TEMPLATE.replace(/\n/g, '\n    ')}\n`;
}
