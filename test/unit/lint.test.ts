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

describe('finding codes are documented', () => {
  const doc = readFileSync(resolve(__dirname, '../../docs/codes.md'), 'utf8');
  it('docs/codes.md has a section for every code in codes.ts, and no other', () => {
    const documented = [...doc.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1]).sort();
    assert.deepEqual(documented, knownCodes());
  });
  it('every code the lint layer can emit is in codes.ts', () => {
    const src = ['constraints', 'input', 'matchLabelKeys', 'selector', 'topology', 'workload']
      .map((f) => readFileSync(resolve(__dirname, `../../server/src/analysis/lint/${f}.ts`), 'utf8'))
      .join('\n') + readFileSync(resolve(__dirname, '../../server/src/analysis/lint/index.ts'), 'utf8');
    const emitted = [...new Set([...src.matchAll(/'((?:lint|spread)\/[a-zA-Z-]+)'/g)].map((m) => m[1]))];
    for (const c of emitted) assert.ok(knownCodes().includes(c), c);
  });
});
