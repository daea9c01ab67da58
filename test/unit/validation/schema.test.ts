import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifestText } from '../../../server/src/k8s/manifest';
import type { Finding } from '../../../server/src/base/finding';
import { schemaFor, validateSchemas } from '../../../server/src/validation/schema';
import { sharedDir, sharedSuite } from '../../sharedDir';

type Row = [code: string, severity: string, message: string, path: string | undefined, range: [number, number, number, number]];
const rows = (fs: Finding[]): Row[] =>
  fs.map((f) => [f.code, f.severity, f.message, f.path, [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character]]);
const check = (text: string, minor?: number) => validateSchemas(parseManifestText(text), { minor });

const pod = (tsc: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: nginx${extra}
  topologySpreadConstraints:
${tsc}`;
const TSC = '  - maxSkew: 1\n    topologyKey: zone\n    whenUnsatisfiable: DoNotSchedule\n';

describe('validation/schema', () => {
  describe('errors land on the exact range with a readable message', () => {
    const cases: [string, string, Row[]][] = [
      ['valid pod', pod(TSC), []],
      ['wrong type: the value', pod(TSC.replace('maxSkew: 1', 'maxSkew: "1"')), [
        ['schema/type', 'error', 'maxSkew: expected integer, got string "1"', 'spec.topologySpreadConstraints[0].maxSkew', [9, 13, 9, 16]],
      ]],
      ['unknown field: the key, with a suggestion; plus the required field it replaces', pod(TSC.replace('maxSkew', 'maxskew')), [
        ['schema/required', 'error', 'missing required field "maxSkew"', 'spec.topologySpreadConstraints[0].maxSkew', [9, 4, 9, 14]],
        ['schema/unknown-field', 'warning', 'unknown field "maxskew" (did you mean "maxSkew"?)', 'spec.topologySpreadConstraints[0].maxskew', [9, 4, 9, 11]],
      ]],
      ['misspelt field: edit distance suggestion', pod(TSC.replace('whenUnsatisfiable', 'whenUnsatisfable')), [
        ['schema/required', 'error', 'missing required field "whenUnsatisfiable"', 'spec.topologySpreadConstraints[0].whenUnsatisfiable', [9, 4, 9, 14]],
        ['schema/unknown-field', 'warning', 'unknown field "whenUnsatisfable" (did you mean "whenUnsatisfiable"?)', 'spec.topologySpreadConstraints[0].whenUnsatisfable', [11, 4, 11, 20]],
      ]],
      ['unknown field without a close match', pod(TSC, '\n    colour: red'), [
        ['schema/unknown-field', 'warning', 'unknown field "colour"', 'spec.containers[0].colour', [8, 4, 8, 10]],
      ]],
      ['missing required field: the parent mapping (list item first line)', pod(TSC.replace('    topologyKey: zone\n', '')), [
        ['schema/required', 'error', 'missing required field "topologyKey"', 'spec.topologySpreadConstraints[0].topologyKey', [9, 4, 9, 14]],
      ]],
      ['required field typed without a value yet: that key', pod(TSC.replace('topologyKey: zone', 'topologyKey:')), [
        ['schema/required', 'error', 'required field "topologyKey" has no value', 'spec.topologySpreadConstraints[0].topologyKey', [10, 4, 10, 15]],
      ]],
      ['missing required field of a named mapping: its key', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 1\n', [
        ['schema/required', 'error', 'missing required field "selector"', 'spec.selector', [3, 0, 3, 4]],
        ['schema/required', 'error', 'missing required field "template"', 'spec.template', [3, 0, 3, 4]],
      ]],
      ['a list where an object is expected (half-typed item)', pod('  - maxSk\n'), [
        ['schema/type', 'error', 'topologySpreadConstraints[0]: expected object, got string "maxSk"', 'spec.topologySpreadConstraints[0]', [9, 4, 9, 9]],
      ]],
      ['an object where a list is expected', pod(TSC).replace('  containers:\n  - name: c\n    image: nginx', '  containers: {name: c}'), [
        ['schema/type', 'error', 'containers: expected list, got an object', 'spec.containers', [5, 14, 5, 23]],
      ]],
      ['int32 range', pod(TSC.replace('maxSkew: 1', 'maxSkew: 3000000000')), [
        ['schema/format', 'error', 'maxSkew: 3000000000 does not fit in int32', 'spec.topologySpreadConstraints[0].maxSkew', [9, 13, 9, 23]],
      ]],
      ['label values must be strings', pod(TSC).replace('  name: p\n', '  name: p\n  labels:\n    tier: 1\n'), [
        ['schema/type', 'error', 'tier: expected string, got integer 1 (quote the value to make it a string)', 'metadata.labels.tier', [5, 10, 5, 11]],
      ]],
      ['YAML 1.1 booleans, as kubectl reads them', pod(TSC).replace('  name: p\n', '  name: p\n  labels:\n    country: NO\n'), [
        ['schema/type', 'error', 'country: expected string, got boolean false (quote the value to make it a string)', 'metadata.labels.country', [5, 13, 5, 15]],
      ]],
      ['apiVersion not served for a known kind', 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\n', [
        ['schema/api-version', 'warning', 'apiVersion "extensions/v1beta1" is not served for Deployment in Kubernetes 1.35; use "apps/v1"', 'apiVersion', [0, 12, 0, 30]],
      ]],
      ['JSON input', '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},\n "spec": {"containers": [{"name": "c", "ports": [{"containerPort": "80"}]}]}}', [
        ['schema/type', 'error', 'containerPort: expected integer, got string "80"', 'spec.containers[0].ports[0].containerPort', [1, 67, 1, 71]],
      ]],
    ];
    for (const [name, text, want] of cases) {
      it(name, () => {
        const got = rows(check(text).findings).sort((a, b) => a[0].localeCompare(b[0]) || a[2].localeCompare(b[2]));
        assert.deepEqual(got, want);
      });
    }
  });

  describe('no false errors', () => {
    const cases: [string, string][] = [
      ['int-or-string and quantities', `apiVersion: apps/v1
kind: Deployment
metadata: {name: d, creationTimestamp: null}
spec:
  selector: {matchLabels: {app: d}}
  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}}
  template:
    metadata: {labels: {app: d}}
    spec:
      containers:
      - name: c
        resources: {requests: {cpu: 0.5, memory: 128Mi}, limits: {cpu: 1, nvidia.com/gpu: 1}}
        livenessProbe: {httpGet: {port: http}}
      overhead: {cpu: 250m}
`],
      ['null fields are unset (Go JSON semantics)', pod(TSC, '\n    resources: ~\n    env:').replace('  name: p\n', '  name: p\n  labels:\n  annotations: null\n')],
      ['service targetPort by name or number, Namespace, Node', `apiVersion: v1
kind: Service
metadata: {name: s}
spec: {selector: {app: a}, ports: [{port: 80, targetPort: http}, {port: 81, targetPort: 8081}]}
---
apiVersion: v1
kind: Namespace
metadata: {name: ns1}
---
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {topology.kubernetes.io/zone: a}}
spec: {taints: [{key: k, effect: NoSchedule}]}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: 110}}
`],
      ['free-form objects (managedFields.fieldsV1)', pod(TSC).replace('  name: p\n', '  name: p\n  managedFields:\n  - manager: kubectl\n    fieldsV1: {f:metadata: {f:labels: {}}}\n')],
      ['kinds without a schema (CRDs, ConfigMaps) and skipped documents', 'apiVersion: example.com/v1\nkind: Widget\nspec: {anything: [1, 2]}\n---\napiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n---\nfoo: bar\n'],
      ['every workload kind, minimal and valid', `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec: {completionMode: Indexed, completions: 2, template: {spec: {restartPolicy: Never, containers: [{name: c}]}}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec: {selector: {matchLabels: {a: b}}, serviceName: s, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c}]}}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: d}
spec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c}]}}}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: r}
spec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c}]}}}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: r}
spec: {selector: {a: b}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c}]}}}
`],
    ];
    for (const [name, text] of cases) it(name, () => assert.deepEqual(rows(check(text).findings), []));
  });

  it('an error inside a merged map points at the anchored source', () => {
    const text = `${pod(TSC)}---\napiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  c: &c {name: c, image: 5}\n  containers: [{<<: *c}]\n`;
    assert.deepEqual(rows(check(text).findings).map((r) => [r[0], r[2], r[4]]), [
      ['schema/unknown-field', 'unknown field "c"', [17, 2, 17, 3]],
      ['schema/type', 'image: expected string, got integer 5 (quote the value to make it a string)', [17, 25, 17, 26]],
    ]);
  });

  describe('version selection', () => {
    it('picks the requested version when bundled', () => {
      const c = schemaFor('Deployment', 'apps/v1', 35);
      assert.deepEqual([c?.key, c?.minor, c?.note], ['apps/v1/Deployment', 35, undefined]);
    });
    it('falls back to the nearest and says so', () => {
      assert.deepEqual([schemaFor('Pod', 'v1', 36)?.minor, schemaFor('Pod', 'v1', 36)?.note], [35, 'No schemas bundled for Kubernetes 1.36; checked against 1.35']);
      assert.equal(schemaFor('Pod', 'v1', 30)?.minor, 35);
      assert.deepEqual(check(pod(TSC), 36).notes, ['No schemas bundled for Kubernetes 1.36; checked against 1.35']);
    });
    it('unknown kinds have no schema', () => {
      assert.equal(schemaFor('Widget', 'example.com/v1', 35), undefined);
    });
  });

  // Its speed is measured by bench/ (vs-yaml-language-server/schema-diagnostics/ours), not here.
  it('a 2,000-line file of 100 documents: each document validated, one finding each', () => {
    const one = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d, labels: {app: d}}
spec:
  replicas: 3
  selector:
    matchLabels: {app: d}
  template:
    metadata:
      labels: {app: d}
    spec:
      containers:
      - name: c
        image: nginx
        resources:
          requests: {cpu: 100m, memory: 64Mi}
      topologySpreadConstraints:
      - maxSkew: "1"
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: DoNotSchedule
        labelSelector: {matchLabels: {app: d}}
---
`;
    const text = one.repeat(Math.ceil(2000 / one.split('\n').length));
    const findings = check(text).findings;
    assert.equal(findings.length, Math.ceil(2000 / one.split('\n').length));
    assert.deepEqual([...new Set(findings.map((f) => f.message))], ['maxSkew: expected integer, got string "1"']);
  });
});

describe('validation/schema: real-world corpus', () => {
  const dir = sharedDir('corpus/real-world');
  // Reviewed by hand: every finding below is genuine (see INDEX.md "mistakes found in the wild").
  const EXPECTED: Record<string, string[]> = {
    'kubernetes__kubernetes__scheduler_perf-templates-pod-with-node-inclusion-policy.yaml': [
      'schema/unknown-field 23:6 unknown field "NodeAffinityPolicy" (did you mean "nodeAffinityPolicy"?)',
      'schema/unknown-field 24:6 unknown field "NodeTaintsPolicy" (did you mean "nodeTaintsPolicy"?)',
    ],
    // A kustomize strategic-merge patch (no containers): skipped, not flagged.
    'aws-samples__eks-workshop-v2__resiliency-high-availability-scale_and_affinity_patch.yaml': ['yaml/patch 0:0 Patch file: partial objects are not checked; kube-spread checks the patched result (kubectl kustomize)'],
    // Custom resources with topologySpreadConstraints in places of their own: not simulated, said once per document.
    'GoogleCloudPlatform__kubernetes-engine-samples__kafka-strimzi-01-basic-cluster-my-cluster.yaml': [
      'yaml/custom-workload 14:0 Kafka (kafka.strimzi.io/v1beta2) is not a kind kube-spread simulates: its topologySpreadConstraints (spec.kafka.template.pod.topologySpreadConstraints and 1 more) are checked against the API server\'s rules, but where they place pods is not simulated',
    ],
    'argoproj__argo-cd__resource_customizations-Prometheus-testdata-healthy.yaml': [
      'yaml/custom-workload 0:0 Prometheus (monitoring.coreos.com/v1) is not a kind kube-spread simulates: its topologySpreadConstraints (spec.topologySpreadConstraints) are checked against the API server\'s rules, but where they place pods is not simulated',
    ],
    'rook__rook__deploy-examples-cluster-on-pvc.yaml': [
      'yaml/custom-workload 8:0 CephCluster (ceph.rook.io/v1) is not a kind kube-spread simulates: its topologySpreadConstraints (spec.storage.storageClassDeviceSets[0].placement.topologySpreadConstraints and 1 more) are checked against the API server\'s rules, but where they place pods is not simulated',
    ],
  };
  const files = sharedSuite('corpus/real-world') ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : [];
  it('has the corpus', () => {
    assert.equal(files.length, 48);
  });
  for (const f of files) {
    it(f, () => {
      const parsed = parseManifestText(readFileSync(join(dir, f), 'utf8'), { fileName: f });
      const all = [...parsed.findings, ...validateSchemas(parsed).findings];
      assert.deepEqual(all.map((x) => `${x.code} ${x.range.start.line}:${x.range.start.character} ${x.message}`), EXPECTED[f] ?? []);
      assert.ok(parsed.documents.length > 0);
    });
  }
});
