// lint/ rules through checkText: quick-fix data, no duplicates with the api/ layer, version and
// gate dependence, and the documentation of every code.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkText } from '../../server/src/analysis/check';
import { knownCodes } from '../../server/src/analysis/render/codes';
import { makeContext } from '../../server/src/analysis/context';
import { defaultEnv } from '../../server/src/engine/versions';
import { loadEmbeddedSample } from '../../server/src/fixture';
import type { Finding } from '../../server/src/base/finding';

const sample = loadEmbeddedSample();
const ctx = makeContext(sample);

function deployment(tsc: string, opts: { labels?: string; kind?: string; extra?: string } = {}): string {
  const kind = opts.kind ?? 'Deployment';
  const labels = opts.labels ?? '{app: web}';
  return `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: ${labels}
  template:
    metadata:
      labels: ${labels}
    spec:
${opts.extra ?? ''}      topologySpreadConstraints:
${tsc.replace(/^/gm, '        ')}
      containers:
        - name: web
          image: nginx
`;
}

const HARD = '- maxSkew: 1\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: DoNotSchedule\n';

function lint(text: string, c = ctx): Finding[] {
  return checkText(text, c, { groups: { spread: false } }).findings.filter((f) => f.code.startsWith('lint/') || f.code.startsWith('spread/'));
}
const codes = (fs: Finding[]) => fs.map((f) => f.code);

describe('lint rules', () => {
  it('selector-not-self suggests the workload selector and points at the failing requirement', () => {
    const fs = lint(deployment(`${HARD}  labelSelector:\n    matchLabels: {app: api}\n  matchLabelKeys: [pod-template-hash]`));
    assert.deepEqual(codes(fs), ['lint/selector-not-self']);
    assert.deepEqual(fs[0].data, { fix: 'set-selector', matchLabels: { app: 'web' }, selectorPath: ['spec', 'template', 'spec', 'topologySpreadConstraints', 0, 'labelSelector'] });
    assert.equal(fs[0].path, 'spec.template.spec.topologySpreadConstraints[0].labelSelector.matchLabels.app');
  });

  it('a selector that matches through matchLabelKeys is self-matching', () => {
    const fs = lint(deployment(`${HARD}  labelSelector: {}\n  matchLabelKeys: [app, pod-template-hash]`));
    assert.deepEqual(codes(fs), []);
  });

  it('matchLabelKeys without labelSelector is api/ only (no lint duplicate)', () => {
    const r = checkText(deployment(`${HARD}  matchLabelKeys: [pod-template-hash]`), ctx, { groups: { spread: false } });
    assert.deepEqual(codes(r.findings), ['api/matchLabelKeys-without-selector']);
  });

  it('minDomains with ScheduleAnyway is api/ only', () => {
    const r = checkText(deployment(`- maxSkew: 1\n  minDomains: 2\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: ScheduleAnyway\n  labelSelector:\n    matchLabels: {app: web}\n  matchLabelKeys: [pod-template-hash]`), ctx, { groups: { spread: false } });
    assert.deepEqual(codes(r.findings), ['api/minDomains-scheduleAnyway']);
  });

  it('an invalid selector is api/ only', () => {
    const r = checkText(deployment(`${HARD}  labelSelector:\n    matchExpressions: [{key: app, operator: In}]\n  matchLabelKeys: [pod-template-hash]`), ctx, { groups: { spread: false } });
    assert.deepEqual(codes(r.findings), ['api/labelSelector-values-required']);
  });

  it('pod-template-hash hint: quick fix, only for Deployments, not when present', () => {
    const fs = lint(deployment(`${HARD}  labelSelector:\n    matchLabels: {app: web}`));
    assert.deepEqual(codes(fs), ['lint/matchLabelKeys-pod-template-hash']);
    assert.deepEqual(fs[0].data, { fix: 'add-matchLabelKeys', key: 'pod-template-hash' });
    assert.deepEqual(codes(lint(deployment(`${HARD}  labelSelector:\n    matchLabels: {app: web}`, { kind: 'StatefulSet' }))), []);
  });

  it('matchLabelKeys: DaemonSet pods carry controller-revision-hash, not pod-template-hash', () => {
    const fs = lint(deployment(`- maxSkew: 1\n  topologyKey: kubernetes.io/hostname\n  whenUnsatisfiable: ScheduleAnyway\n  labelSelector:\n    matchLabels: {app: web}\n  matchLabelKeys: [pod-template-hash]`, { kind: 'DaemonSet' }));
    assert.deepEqual(codes(fs), ['lint/daemonset-constraints', 'lint/matchLabelKeys-absent']);
    assert.equal(fs[0].severity, 'information');
    assert.deepEqual(fs[1].data, { fix: 'set-value', value: 'controller-revision-hash' });
  });

  it('Job pods carry the job labels; Indexed Jobs the completion index', () => {
    const job = (mode: string) => `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  parallelism: 3
  completionMode: ${mode}
  template:
    metadata:
      labels: {app: j}
    spec:
      restartPolicy: Never
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector: {matchLabels: {app: j}}
          matchLabelKeys: [batch.kubernetes.io/job-name, batch.kubernetes.io/job-completion-index]
      containers: [{name: c, image: busybox}]
`;
    assert.deepEqual(codes(lint(job('Indexed'))), ['lint/matchLabelKeys-per-pod']);
    assert.deepEqual(codes(lint(job('NonIndexed'))), ['lint/matchLabelKeys-absent']);
  });

  it('labelSelector: {} follows the Kubernetes version', () => {
    const text = deployment(`- maxSkew: 1\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: ScheduleAnyway\n  labelSelector: {}`, { kind: 'StatefulSet' });
    assert.equal(lint(text)[0].severity, 'error');
    const v37 = lint(text, makeContext(sample, defaultEnv(37)));
    assert.deepEqual(codes(v37), ['lint/selector-empty']);
    assert.equal(v37[0].severity, 'warning');
  });

  it('topology keys: typo, bare key, well-known key', () => {
    const soft = (key: string) => deployment(`- maxSkew: 1\n  topologyKey: ${key}\n  whenUnsatisfiable: ScheduleAnyway\n  labelSelector:\n    matchLabels: {app: web}`, { kind: 'StatefulSet' });
    const typo = lint(soft('kubernetes.io/host-name'));
    assert.deepEqual(codes(typo), ['lint/topology-key-typo']);
    assert.deepEqual(typo[0].data, { fix: 'set-value', value: 'kubernetes.io/hostname' });
    const bare = lint(soft('zone'));
    assert.deepEqual(codes(bare), ['spread/topology-key-missing']);
    assert.deepEqual(bare[0].data, { fix: 'set-value', value: 'topology.kubernetes.io/zone' });
    assert.deepEqual(codes(lint(soft('topology.kubernetes.io/zone'))), []);
  });

  it('a hard constraint on a key no node carries is left to spread/pending', () => {
    const text = deployment(`- maxSkew: 1\n  topologyKey: rack\n  whenUnsatisfiable: DoNotSchedule\n  labelSelector:\n    matchLabels: {app: web}`, { kind: 'StatefulSet' });
    assert.deepEqual(codes(lint(text)), []);
    assert.deepEqual(codes(checkText(text, ctx).findings), ['spread/pending']);
  });

  it('spec.nodeName: one finding, nothing else', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: p}}
spec:
  nodeName: general-zone-a-1
  topologySpreadConstraints:
    - {maxSkew: 1, topologyKey: zones, whenUnsatisfiable: ScheduleAnyway}
  containers: [{name: c, image: busybox}]
`;
    const fs = lint(pod);
    assert.deepEqual(codes(fs), ['lint/nodeName-set']);
    assert.deepEqual(fs[0].data, { fix: 'remove-field' });
  });

  it('tainted domains: Honor removes the finding, and the fix says so', () => {
    const host = (extra: string) => deployment(`- maxSkew: 1\n  topologyKey: kubernetes.io/hostname\n  whenUnsatisfiable: DoNotSchedule\n${extra}  labelSelector:\n    matchLabels: {app: web}`, { kind: 'StatefulSet' });
    const fs = lint(host(''));
    assert.deepEqual(codes(fs), ['spread/tainted-domains-pin-minimum']);
    assert.deepEqual(fs[0].data, { fix: 'set-field', field: 'nodeTaintsPolicy', value: 'Honor' });
    assert.deepEqual(codes(lint(host('  nodeTaintsPolicy: Honor\n'))), []);
  });

  it('required node affinity pinning one zone (In with one value in every term)', () => {
    const extra = `      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [zone-a]}]
`;
    const tsc = `${HARD}  labelSelector:\n    matchLabels: {app: web}`;
    assert.deepEqual(codes(lint(deployment(tsc, { kind: 'StatefulSet', extra }))), ['lint/spread-pinned-by-node-affinity']);
    assert.deepEqual(codes(lint(deployment(tsc, { kind: 'StatefulSet', extra: extra.replace('[zone-a]', '[zone-a, zone-b]') }))), []);
  });
});

describe('issue 13: false, noisy and silent findings', () => {
  const r = (f: Finding) => [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character];
  const check = (text: string) => checkText(text, ctx, { groups: { spread: false } }).findings;
  const soft = (key: string) => deployment(`- maxSkew: 1\n  topologyKey: ${key}\n  whenUnsatisfiable: ScheduleAnyway\n  labelSelector:\n    matchLabels: {app: web}`, { kind: 'StatefulSet' });

  it('a well-known name under the wrong Kubernetes prefix is a typo, with the key meant', () => {
    const cases: [string, string][] = [
      ['topology.kubernetes.io/hostname', 'kubernetes.io/hostname'],
      ['kubernetes.io/zone', 'topology.kubernetes.io/zone'],
      ['topology.k8s.io/zone', 'topology.kubernetes.io/zone'],
      ['failure-domain.kubernetes.io/zone', 'topology.kubernetes.io/zone'],
      ['kubernetes.io/region', 'topology.kubernetes.io/region'],
    ];
    for (const [key, meant] of cases) {
      const fs = lint(soft(key));
      assert.deepEqual(codes(fs), ['lint/topology-key-typo'], key);
      assert.deepEqual(fs[0].data, { fix: 'set-value', value: meant }, key);
      assert.match(fs[0].message, new RegExp(`misspelling of "${meant.replace(/\./g, '\\.')}"`), key);
    }
    // The deprecated beta key keeps its own rule; a cloud's own zone label is a real key.
    assert.deepEqual(codes(lint(soft('failure-domain.beta.kubernetes.io/zone'))), ['lint/topology-key-deprecated']);
    assert.deepEqual(codes(lint(soft('topology.ebs.csi.aws.com/zone'))), ['spread/topology-key-missing']);
  });

  it('a topologyKey named like an Object property (constructor, toString) is just a missing key', () => {
    for (const key of ['constructor', 'toString', '__proto__']) {
      const fs = lint(soft(key));
      assert.deepEqual(codes(fs), ['spread/topology-key-missing'], key);
      assert.ok(fs.every((f) => !/function|\[object/.test(f.message)), key);
    }
  });

  it('a hard constraint on a wrong-prefix key: spread/pending asks "did you mean"', () => {
    const text = deployment(`- maxSkew: 1\n  topologyKey: topology.kubernetes.io/hostname\n  whenUnsatisfiable: DoNotSchedule\n  labelSelector:\n    matchLabels: {app: web}`, { kind: 'StatefulSet' });
    const pending = checkText(text, ctx).findings.find((f) => f.code === 'spread/pending');
    assert.match(pending?.message ?? '', /did you mean kubernetes\.io\/hostname\?/);
  });

  it('volumes are modelled: claims get no note; an inline in-tree volume NodeVolumeLimits would count does', () => {
    const tsc = `${HARD}  labelSelector:\n    matchLabels: {app: web}`;
    const claims = `  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;
    const sts = deployment(tsc, { kind: 'StatefulSet' }).replace('  template:\n', `${claims}  template:\n`);
    assert.deepEqual(codes(lint(sts)).filter((c) => c === 'lint/volumes-not-modelled'), []);
    const pvc = '      volumes:\n        - {name: cache, emptyDir: {}}\n        - name: data\n          persistentVolumeClaim: {claimName: data}\n';
    assert.deepEqual(codes(lint(deployment(tsc, { kind: 'StatefulSet', extra: pvc }))).filter((c) => c === 'lint/volumes-not-modelled'), []);
    // An inline awsElasticBlockStore volume: the note on its key, naming the CSI driver it migrates to.
    const ebs = '      volumes:\n        - {name: cache, emptyDir: {}}\n        - name: disk\n          awsElasticBlockStore: {volumeID: vol-1}\n        - name: disk2\n          gcePersistentDisk: {pdName: d}\n';
    const fs = lint(deployment(tsc, { kind: 'StatefulSet', extra: ebs })).filter((f) => f.code === 'lint/volumes-not-modelled');
    assert.equal(fs.length, 1);
    assert.equal(fs[0].severity, 'information');
    assert.equal(fs[0].path, 'spec.template.spec.volumes[1].awsElasticBlockStore');
    assert.match(fs[0].message, /ebs\.csi\.aws\.com.*attach limit/);
    // Not only for spreading workloads: the attach limit applies to any pod.
    const bare = deployment(tsc, { kind: 'StatefulSet', extra: ebs }).replace(/ {6}topologySpreadConstraints:\n(?: {8}.*\n)+/, '');
    assert.deepEqual(codes(lint(bare)).filter((c) => c === 'lint/volumes-not-modelled'), ['lint/volumes-not-modelled']);
  });

  it('a single replica cannot skew: no pod-template-hash hint and no tainted-domains finding with replicas: 1', () => {
    const one = (text: string) => text.replace('replicas: 3', 'replicas: 1');
    const zone = deployment(`${HARD}  labelSelector:\n    matchLabels: {app: web}`);
    assert.deepEqual(codes(lint(zone)), ['lint/matchLabelKeys-pod-template-hash']);
    assert.deepEqual(codes(lint(one(zone))), []);
    const host = deployment('- maxSkew: 1\n  topologyKey: kubernetes.io/hostname\n  whenUnsatisfiable: DoNotSchedule\n  labelSelector:\n    matchLabels: {app: web}', { kind: 'StatefulSet' });
    assert.deepEqual(codes(lint(host)), ['spread/tainted-domains-pin-minimum']);
    assert.deepEqual(codes(lint(one(host))), []);
    // Replicas left to the default or an autoscaler: still reported.
    assert.deepEqual(codes(lint(zone.replace('  replicas: 3\n', ''))), ['lint/matchLabelKeys-pod-template-hash']);
  });

  it('a duplicated constraint gets each lint rule once, on its first copy', () => {
    const host = '- maxSkew: 1\n  topologyKey: kubernetes.io/hostname\n  whenUnsatisfiable: DoNotSchedule\n  labelSelector:\n    matchLabels: {app: web}\n';
    const fs = check(deployment(host + host));
    assert.deepEqual(codes(fs), ['api/constraint-duplicate', 'spread/tainted-domains-pin-minimum', 'lint/matchLabelKeys-pod-template-hash']);
    for (const f of fs) assert.match(f.path ?? '', /topologySpreadConstraints\[0\]/, f.code);
  });

  it('a missing topologyKey is reported once, by api/ (no schema/required on top)', () => {
    const fs = check(deployment('- maxSkew: 1\n  whenUnsatisfiable: DoNotSchedule\n  labelSelector:\n    matchLabels: {app: web}\n  matchLabelKeys: [pod-template-hash]'));
    assert.deepEqual(codes(fs), ['api/topologyKey-required']);
    // With api/ not asked for, schema/ still says it.
    const schemaOnly = checkText(deployment('- maxSkew: 1\n  whenUnsatisfiable: DoNotSchedule'), ctx, { groups: { api: false, lint: false, spread: false } }).findings;
    assert.deepEqual(codes(schemaOnly), ['schema/required']);
  });

  it('a constraint lint/constraint-redundant says to delete gets no other hints', () => {
    const sel = '  labelSelector:\n    matchLabels: {app: web}\n';
    const fs = lint(deployment(`${HARD}${sel}- maxSkew: 1\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: ScheduleAnyway\n${sel}`));
    assert.deepEqual(fs.map((f) => [f.code, f.path]), [
      ['lint/matchLabelKeys-pod-template-hash', 'spec.template.spec.topologySpreadConstraints[0].labelSelector'],
      ['lint/constraint-redundant', 'spec.template.spec.topologySpreadConstraints[1]'],
    ]);
  });

  it('selector-missing: a DoNotSchedule constraint still keeps pods off nodes without the key', () => {
    const [hard] = lint(deployment(HARD, { kind: 'StatefulSet' }));
    assert.equal(hard.code, 'lint/selector-missing');
    assert.doesNotMatch(hard.message, /does nothing|never rejects/);
    assert.match(hard.message, /keeps pods off nodes without the label "topology\.kubernetes\.io\/zone"/);
    const [softOne] = lint(deployment('- maxSkew: 1\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: ScheduleAnyway', { kind: 'StatefulSet' }));
    assert.match(softOne.message, /avoid nodes without the label "topology\.kubernetes\.io\/zone"/);
  });

  it('constraints in a custom resource get the API rules at their own path, and one note that they are not simulated', () => {
    const kafka = [
      'apiVersion: kafka.strimzi.io/v1beta2', //                 0
      'kind: Kafka', //                                          1
      'metadata: {name: k}', //                                  2
      'spec:', //                                                3
      '  kafka:', //                                             4
      '    template:', //                                        5
      '      pod:', //                                           6
      '        topologySpreadConstraints:', //                   7
      '          - maxSkew: 0', //                               8
      '            topologyKey: topology.kubernetes.io/zone', // 9
      '            whenUnsatisfiable: Never', //                 10
      '',
    ].join('\n');
    const fs = checkText(kafka, ctx).findings;
    assert.deepEqual(fs.map((f) => [f.code, f.severity, f.path, r(f)]), [
      ['yaml/custom-workload', 'information', undefined, [0, 0, 0, 36]],
      ['api/maxSkew-positive', 'error', 'spec.kafka.template.pod.topologySpreadConstraints[0].maxSkew', [8, 21, 8, 22]],
      ['api/whenUnsatisfiable-supported', 'error', 'spec.kafka.template.pod.topologySpreadConstraints[0].whenUnsatisfiable', [10, 31, 10, 36]],
    ]);
    assert.match(fs[0].message, /not simulated/);
  });

  it('a workload\'s own constraint list is not validated twice; a misplaced one is validated where it is', () => {
    const text = deployment('- maxSkew: 0\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: DoNotSchedule\n  labelSelector:\n    matchLabels: {app: web}')
      .replace('  replicas: 3\n', '  replicas: 3\n  topologySpreadConstraints:\n    - {maxSkew: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}\n');
    const fs = check(text).filter((f) => f.code === 'api/maxSkew-positive');
    assert.deepEqual(fs.map((f) => f.path), ['spec.topologySpreadConstraints[0].maxSkew', 'spec.template.spec.topologySpreadConstraints[0].maxSkew']);
  });
});

describe('finding codes are documented', () => {
  const doc = readFileSync(resolve(__dirname, '../../docs/codes.md'), 'utf8');
  it('docs/codes.md has a section for every code in codes.ts, and no other', () => {
    const documented = [...doc.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1]).sort();
    assert.deepEqual(documented, knownCodes());
  });
  it('every code the lint layer can emit is in codes.ts', () => {
    const src = ['constraints', 'input', 'matchLabelKeys', 'selector', 'topology', 'volumes', 'workload']
      .map((f) => readFileSync(resolve(__dirname, `../../server/src/analysis/lint/${f}.ts`), 'utf8'))
      .join('\n') + readFileSync(resolve(__dirname, '../../server/src/analysis/lint/index.ts'), 'utf8');
    const emitted = [...new Set([...src.matchAll(/'((?:lint|spread)\/[a-zA-Z-]+)'/g)].map((m) => m[1]))];
    for (const c of emitted) assert.ok(knownCodes().includes(c), c);
  });
});
