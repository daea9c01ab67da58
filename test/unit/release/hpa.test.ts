// HorizontalPodAutoscalers of a release (analysis/release/hpa.ts, docs/release.md "Autoscaling
// targets"): the replicas the HPA controller leaves (pkg/controller/podautoscaler/horizontal.go,
// reconcileAutoscaler), --at-max, the API server's range validation (pkg/apis/autoscaling/validation,
// validateHorizontalPodAutoscalerSpec) and check's findings, for one file and for a release of files.

import { strict as assert } from 'node:assert';
import { checkParsed } from '../../../server/src/analysis/check';
import { makeContext } from '../../../server/src/analysis/context';
import { autoscaledReplicas, autoscalerOf } from '../../../server/src/analysis/release/hpa';
import { releaseWorkloads } from '../../../server/src/analysis/release/members';
import { loadEmbeddedSample } from '../../../server/src/fixture';
import { parseManifestText } from '../../../server/src/k8s/manifest';
import { hpaLenses } from '../../../server/src/lsp/features/hpaLens';

const ctx = makeContext(loadEmbeddedSample());
const parse = (text: string, fileName = 'app.yaml') => parseManifestText(text, { fileName });

function deployment(name: string, replicas?: number, namespace?: string): string {
  return [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`, ...(namespace ? [`  namespace: ${namespace}`] : []), 'spec:',
    ...(replicas === undefined ? [] : [`  replicas: ${replicas}`]),
    '  selector: {matchLabels: {app: ' + name + '}}', '  template:', '    metadata: {labels: {app: ' + name + '}}',
    '    spec:', '      containers:', '        - {name: c, image: app:1, resources: {requests: {cpu: 100m}}}',
  ].join('\n');
}

function hpa(o: { name?: string; target: string; kind?: string; min?: number; max: number; apiVersion?: string; namespace?: string }): string {
  return [
    `apiVersion: ${o.apiVersion ?? 'autoscaling/v2'}`, 'kind: HorizontalPodAutoscaler', 'metadata:', `  name: ${o.name ?? o.target}`,
    ...(o.namespace ? [`  namespace: ${o.namespace}`] : []), 'spec:',
    '  scaleTargetRef:', '    apiVersion: apps/v1', `    kind: ${o.kind ?? 'Deployment'}`, `    name: ${o.target}`,
    ...(o.min === undefined ? [] : [`  minReplicas: ${o.min}`]), `  maxReplicas: ${o.max}`,
  ].join('\n');
}

const file = (...docs: string[]) => docs.join('\n---\n');
const replicasOf = (text: string, atMax = false) => releaseWorkloads([{ file: 'app.yaml', parsed: parse(text) }], { atMax }).map((w) => [w.spec.name, w.spec.replicas]);

describe('release: HorizontalPodAutoscaler targets', () => {
  describe('the replicas the HPA controller leaves (reconcileAutoscaler)', () => {
    const h = autoscalerOf(parse(hpa({ target: 'web', min: 3, max: 10 })).documents[0], 'app.yaml', 0)!;
    const cases: [string, number | undefined, number][] = [
      ['no replicas in the manifest: the API default 1, raised to minReplicas', undefined, 3],
      ['below minReplicas: scaled up to it ("Current number of replicas below Spec.MinReplicas")', 2, 3],
      ['within the range: the metrics decide later, the count stands', 7, 7],
      ['above maxReplicas: scaled down to it ("Current number of replicas above Spec.MaxReplicas")', 14, 10],
      ['0 replicas with minReplicas != 0: autoscaling disabled ("ScalingDisabled"), 0 stays', 0, 0],
    ];
    for (const [name, manifest, want] of cases) {
      it(name, () => assert.equal(autoscaledReplicas(h, manifest, false).replicas, want));
    }
    it('--at-max: maxReplicas whatever the manifest says', () => {
      for (const m of [undefined, 0, 2, 7, 14]) assert.equal(autoscaledReplicas(h, m, true).replicas, 10);
    });
    it('minReplicas unset: the controller uses 1', () => {
      const d = autoscalerOf(parse(hpa({ target: 'web', max: 4 })).documents[0], 'app.yaml', 0)!;
      assert.equal(d.minReplicas, 1);
      assert.equal(autoscaledReplicas(d, undefined, false).replicas, 1);
    });
  });

  describe('which workload an HPA scales', () => {
    it('same kind, name and namespace; autoscaling/v1 and v2', () => {
      assert.deepEqual(replicasOf(file(deployment('web'), hpa({ target: 'web', min: 4, max: 8, apiVersion: 'autoscaling/v1' }), deployment('api', 2))), [['web', 4], ['api', 2]]);
      assert.deepEqual(replicasOf(file(deployment('web'), hpa({ target: 'web', min: 4, max: 8 })), true), [['web', 8]]);
    });
    it('another namespace, kind or name: not scaled', () => {
      assert.deepEqual(replicasOf(file(deployment('web', 2), hpa({ target: 'web', min: 4, max: 8, namespace: 'shop' }))), [['web', 2]]);
      assert.deepEqual(replicasOf(file(deployment('web', 2), hpa({ target: 'web', kind: 'StatefulSet', min: 4, max: 8 }))), [['web', 2]]);
      assert.deepEqual(replicasOf(file(deployment('web', 2, 'shop'), hpa({ target: 'web', min: 4, max: 8, namespace: 'shop' }))), [['web', 4]]);
    });
    it('an HPA the API server rejects scales nothing', () => {
      assert.deepEqual(replicasOf(file(deployment('web', 2), hpa({ target: 'web', min: 5, max: 3 }))), [['web', 2]]);
      assert.deepEqual(replicasOf(file(deployment('web', 2), hpa({ target: 'web', min: 0, max: 3 }))), [['web', 2]]);
    });
    it('an HPA in another file of the release scales the workload', () => {
      const ws = releaseWorkloads([{ file: 'web.yaml', parsed: parse(deployment('web'), 'web.yaml') }, { file: 'hpa.yaml', parsed: parse(hpa({ target: 'web', min: 3, max: 5 }), 'hpa.yaml') }]);
      assert.equal(ws[0].spec.replicas, 3);
      assert.equal(ws[0].autoscaled?.hpa.file, 'hpa.yaml');
    });
  });

  describe('check', () => {
    const codes = (text: string, opts = {}) => checkParsed(parse(text), ctx, opts).findings.filter((f) => f.code.startsWith('lint/hpa')).map((f) => `${f.code} ${f.range.start.line + 1}: ${f.message}`);

    it("the API server's messages for a replica range it rejects (validateHorizontalPodAutoscalerSpec)", () => {
      const [a] = codes(file(deployment('web', 2), hpa({ target: 'web', min: 5, max: 3 })));
      assert.match(a, /^lint\/hpa-invalid-replicas 24: .*spec\.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`/);
      assert.match(codes(file(deployment('web', 2), hpa({ target: 'web', min: 0, max: 3 })))[0], /spec\.minReplicas: Invalid value: 0: must be greater than or equal to 1/);
      assert.match(codes(file(deployment('web', 2), hpa({ target: 'web', max: 0 })))[0], /spec\.maxReplicas: Invalid value: 0: must be greater than 0/);
    });

    it('a target that is no workload of the file: information (its Deployment may live in another file); of a release: warning', () => {
      const text = file(deployment('web', 2), hpa({ target: 'webb', min: 2, max: 3 }));
      const [f] = checkParsed(parse(text), ctx).findings.filter((x) => x.code === 'lint/hpa-target-not-in-release');
      assert.equal(f.severity, 'information');
      assert.match(f.message, /scales Deployment default\/webb, which is no workload of this file/);
      const other = { file: 'other.yaml', parsed: parse(deployment('api', 1), 'other.yaml') };
      const [g] = checkParsed(parse(text), ctx, { fileName: 'app.yaml', release: { files: [{ file: 'app.yaml', parsed: parse(text) }, other], self: 0 } })
        .findings.filter((x) => x.code === 'lint/hpa-target-not-in-release');
      assert.equal(g.severity, 'warning');
      assert.deepEqual(codes(file(deployment('web', 2), hpa({ target: 'web', min: 2, max: 3 }))), []);
    });

    it('the "at HPA max" lens: the workload at maxReplicas, computed from the same check (CheckResult.atMax)', () => {
      const text = file(deployment('web'), hpa({ target: 'web', min: 2, max: 40 }));
      const r = checkParsed(parse(text), ctx);
      const [lens] = hpaLenses('file:///app.yaml', r);
      assert.equal(r.documents[0].simulation!.workload.replicas, 2);
      assert.equal(lens.range.start.line, 1); // `kind:` (no spec.replicas in the manifest)
      // 40 replicas of 100m on the sample's general nodes: the title says how many stay Pending, from the simulation at max.
      const atMax = r.atMax!()[0].simulation!;
      assert.equal(atMax.workload.replicas, 40);
      const pending = atMax.pending.length;
      assert.equal(lens.command!.title, pending ? `at HPA max (40): ${pending} of 40 Pending` : lens.command!.title);
      assert.match(lens.command!.title, /^at HPA max \(40\): /);
      // No HPA, no lens.
      assert.deepEqual(hpaLenses('file:///app.yaml', checkParsed(parse(deployment('web', 2)), ctx)), []);
    });

    it('a workload alone in its file is simulated with the replicas its HPA leaves, and at maxReplicas with atMax', () => {
      const text = file(deployment('web'), hpa({ target: 'web', min: 3, max: 7 }));
      const sim = (atMax: boolean) => checkParsed(parse(text), ctx, { atMax }).documents[0].simulation!.workload.replicas;
      assert.equal(sim(false), 3);
      assert.equal(sim(true), 7);
    });
  });
});
