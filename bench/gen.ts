// Deterministic inputs for every scenario.
//
// - upstreamShape: MakeNodesAndPodsForEvenPodsSpread (pkg/scheduler/testing/workload_prep.go), the
//   shape of PodTopologySpread's BenchmarkFilter / BenchmarkTestPodTopologySpreadScore: node i is in
//   zone `zone<i%10>` with hostname `node<i>`; existing pod i is on node `node<i%nodes>` and carries
//   the first 1, 2, ... of the incoming pod's labels in turn.
// - bigCluster: Kubernetes' documented scalability limits (5,000 nodes, 150,000 pods), with a seeded
//   spread of namespaces, apps, requests and a few taints/cordons, as a kubectl export would have.
// - manifest: a 2,000-line file of 100 Deployments (20 lines each), some with schema mistakes.

import type { Labels, Node, Pod, TopologySpreadConstraint } from '../server/src/engine/api';
import { rng } from './lib';

export const ZONE = 'topology.kubernetes.io/zone';
export const HOSTNAME = 'kubernetes.io/hostname';

export interface Shape {
  nodes: Node[];
  pods: Pod[];
  /** The first `filtered` nodes: what upstream hands to PreScore as the feasible list. */
  filtered: Node[];
}

export function upstreamShape(podLabels: Labels, existingPods = 10000, allNodes = 1000, filteredNodes = 500): Shape {
  const pairs = Object.entries(podLabels);
  const nodes: Node[] = [];
  for (let i = 0; i < allNodes; i++) {
    nodes.push({
      metadata: { name: `node${i}`, labels: { [ZONE]: `zone${i % 10}`, [HOSTNAME]: `node${i}` } },
      // st.MakeNode() has no allocatable; the engine's builders (like upstream's test helpers) use 32 pods.
      status: { capacity: { pods: '32' }, allocatable: { pods: '32' } },
    });
  }
  const pods: Pod[] = [];
  for (let i = 0; i < existingPods; i++) {
    const labels: Labels = {};
    for (const [k, v] of pairs.slice(0, (i % pairs.length) + 1)) labels[k] = v;
    pods.push({ metadata: { name: `pod${i}`, namespace: 'default', labels }, spec: { nodeName: `node${i % allNodes}`, containers: [] } });
  }
  return { nodes, pods, filtered: nodes.slice(0, filteredNodes) };
}

/** The incoming pod of the upstream benchmarks: labels, and constraints on zone and/or hostname with `Exists` selectors. */
export function upstreamPod(labels: Labels, constraints: { key: string; label: string }[], action: 'DoNotSchedule' | 'ScheduleAnyway'): Pod {
  const tsc: TopologySpreadConstraint[] = constraints.map(({ key, label }) => ({
    maxSkew: 1, topologyKey: key, whenUnsatisfiable: action,
    labelSelector: { matchExpressions: [{ key: label, operator: 'Exists' }] },
  }));
  return { metadata: { name: 'p', namespace: 'default', labels }, spec: { containers: [], topologySpreadConstraints: tsc } };
}

export const UPSTREAM_CASES: { id: string; labels: Labels; constraints: { key: string; label: string }[] }[] = [
  { id: 'single-constraint-zone', labels: { foo: '' }, constraints: [{ key: ZONE, label: 'foo' }] },
  { id: 'single-constraint-node', labels: { foo: '' }, constraints: [{ key: HOSTNAME, label: 'foo' }] },
  { id: 'two-constraints-zone-node', labels: { foo: '', bar: '' }, constraints: [{ key: ZONE, label: 'foo' }, { key: HOSTNAME, label: 'bar' }] },
];

// ---- 5,000 nodes / 150,000 pods ------------------------------------------------------------------

export const BIG_NODES = 5000;
export const BIG_PODS = 150000;
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1f'];
const INSTANCE_TYPES = [
  { type: 'm6i.4xlarge', cpu: '16', memory: '64Gi' },
  { type: 'm6i.8xlarge', cpu: '32', memory: '128Gi' },
  { type: 'c6i.8xlarge', cpu: '32', memory: '64Gi' },
  { type: 'r6i.4xlarge', cpu: '16', memory: '128Gi' },
];
const CPU = ['50m', '100m', '250m', '500m'];
const MEM = ['64Mi', '128Mi', '256Mi', '512Mi'];
export const NAMESPACES = 40;
export const APPS = 3000;

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function bigCluster(nodes = BIG_NODES, pods = BIG_PODS, seed = 5000): { nodes: Node[]; pods: Pod[] } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const nodeList: Node[] = [];
  for (let i = 0; i < nodes; i++) {
    const name = `node-${pad(i, 5)}`;
    const it = pick(INSTANCE_TYPES);
    const node: Node = {
      apiVersion: 'v1', kind: 'Node',
      metadata: {
        name,
        labels: {
          'kubernetes.io/arch': 'amd64', 'kubernetes.io/os': 'linux', [HOSTNAME]: name,
          [ZONE]: ZONES[i % ZONES.length], 'topology.kubernetes.io/region': 'us-east-1',
          'node.kubernetes.io/instance-type': it.type, 'pool': i % 50 === 0 ? 'gpu' : 'general',
        },
      },
      spec: {},
      status: { allocatable: { cpu: it.cpu, memory: it.memory, pods: '110', 'ephemeral-storage': '100Gi' } },
    };
    if (i % 50 === 0) node.spec!.taints = [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }];
    if (i % 997 === 0) node.spec!.unschedulable = true;
    nodeList.push(node);
  }
  const podList: Pod[] = [];
  for (let i = 0; i < pods; i++) {
    const app = Math.floor(r() * APPS);
    const ns = `team-${pad(app % NAMESPACES, 2)}`;
    const node = nodeList[i % nodes].metadata.name!;
    podList.push({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: `app-${pad(app, 4)}-${pad(i, 6)}`, namespace: ns, labels: { app: `app-${pad(app, 4)}` } },
      spec: { nodeName: node, containers: [{ name: 'c', image: `app-${pad(app, 4)}`, resources: { requests: { cpu: pick(CPU), memory: pick(MEM) } } }] },
    });
  }
  return { nodes: nodeList, pods: podList };
}

/** kubectl get nodes,pods -A -o json: one List. */
export function toJson(c: { nodes: Node[]; pods: Pod[] }): string {
  const items = [...c.nodes, ...c.pods].map((o) => JSON.stringify(o));
  return `{\n"apiVersion": "v1",\n"kind": "List",\n"items": [\n${items.join(',\n')}\n]\n}\n`;
}

/**
 * The same objects as YAML, one flow-style line per object in a NodeList and a PodList document
 * (items of a typed list need no apiVersion/kind). Block style with kinds on every item (what kubectl
 * prints) would be ~50 MB for 150,000 pods, over the loader's 32 MiB YAML limit, which tells users to
 * export clusters this big as JSON; this form keeps the YAML path measurable with the same cluster.
 */
export function toYaml(c: { nodes: Node[]; pods: Pod[] }): string {
  const strip = (o: Node | Pod) => {
    const { apiVersion: _a, kind: _k, ...rest } = o;
    return rest;
  };
  const lines = ['apiVersion: v1', 'kind: NodeList', 'items:'];
  for (const n of c.nodes) lines.push(`- ${flow(strip(n))}`);
  lines.push('---', 'apiVersion: v1', 'kind: PodList', 'items:');
  for (const p of c.pods) lines.push(`- ${flow(strip(p))}`);
  return lines.join('\n') + '\n';
}

function flow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${scalar(k)}: ${flow(x)}`).join(', ')}}`;
  return scalar(v);
}

/** Plain when unambiguous, else JSON-quoted (valid YAML double-quoted style). */
function scalar(v: unknown): string {
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  const s = String(v);
  const plain = /^[a-z0-9][a-z0-9./-]*$/i.test(s) && !/^[0-9.+-]+$/.test(s) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(s);
  return plain ? s : JSON.stringify(s);
}

// ---- the 2,000-line manifest ---------------------------------------------------------------------

export const MANIFEST_DOCS = 100;

/** One Deployment in exactly 20 lines. `variant` seeds a few schema mistakes (every 10th document). */
function deployment(i: number, replicas: number, mistake: number): string[] {
  const name = `web-${pad(i, 3)}`;
  const key = i % 2 ? ZONE : HOSTNAME;
  const action = i % 3 ? 'DoNotSchedule' : 'ScheduleAnyway';
  return [
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    mistake === 1 ? `  replicas: "${replicas}"` : `  replicas: ${replicas}`,
    '  selector:',
    `    matchLabels: {app: ${name}}`,
    '  template:',
    '    metadata:',
    `      labels: {app: ${name}}`,
    '    spec:',
    '      topologySpreadConstraints:',
    `      - {maxSkew: 1, topologyKey: ${key}, whenUnsatisfiable: ${action}, labelSelector: {matchLabels: {app: ${name}}}}`,
    '      containers:',
    `      - name: web`,
    mistake === 2 ? '        imagePullPolicy: Sometimes' : '        image: nginx:1.27',
    '        resources:',
    mistake === 3 ? '          requests: {cpu: 100m, memry: 128Mi}' : '          requests: {cpu: 100m, memory: 128Mi}',
  ];
}

/** The manifest; `edit` changes the first document's replica count (what one keystroke does). */
export function manifest(edit = 0, seed = 2000): string {
  const r = rng(seed);
  const lines: string[] = [];
  for (let i = 0; i < MANIFEST_DOCS; i++) {
    const replicas = i === 0 ? 3 + (edit % 7) : 2 + Math.floor(r() * 5);
    lines.push(...deployment(i, replicas, i % 10 === 9 ? 1 + (i % 3) : 0));
  }
  return lines.join('\n') + '\n';
}

/** Where the first document's replica count is (line, character), for hover and completion requests. */
export const REPLICAS_LINE = 6;
/** The first constraint entry (hover shows the spread state there). */
export const CONSTRAINT_LINE = 14;

/**
 * A soak edit: edit number `v` changes one Deployment's replica count, walking over the 100 documents,
 * so that (unlike `manifest`, whose 7 texts repeat) thousands of edits give thousands of distinct texts
 * and every cache in the server sees new keys.
 */
export function soakManifest(v: number, seed = 2000): string {
  const r = rng(seed);
  const lines: string[] = [];
  const target = v % MANIFEST_DOCS;
  for (let i = 0; i < MANIFEST_DOCS; i++) {
    const base = 2 + Math.floor(r() * 5);
    const replicas = i === target ? 2 + (Math.floor(v / MANIFEST_DOCS) % 9) : base;
    lines.push(...deployment(i, replicas, i % 10 === 9 ? 1 + (i % 3) : 0));
  }
  return lines.join('\n') + '\n';
}

// ---- small manifests (check throughput) -----------------------------------------------------------

/**
 * File `i` of a repository of small manifests, as CI checks them one commit at a time: a Deployment
 * with a Service (most files), a StatefulSet, or a Deployment with two constraints; one in ten has a
 * schema or API mistake. 20-45 lines each.
 */
export function checkFile(i: number): string {
  const name = `svc-${pad(i, 3)}`;
  const kind = i % 5;
  const zone = `{maxSkew: 1, topologyKey: ${ZONE}, whenUnsatisfiable: ${i % 3 ? 'DoNotSchedule' : 'ScheduleAnyway'}, labelSelector: {matchLabels: {app: ${name}}}}`;
  const host = `{maxSkew: 2, topologyKey: ${HOSTNAME}, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: ${name}}}}`;
  const mistake = i % 10 === 7;
  const workload = [
    `apiVersion: apps/v1`,
    `kind: ${kind === 3 ? 'StatefulSet' : 'Deployment'}`,
    'metadata:',
    `  name: ${name}`,
    `  labels: {app: ${name}}`,
    'spec:',
    `  replicas: ${mistake ? `"${2 + (i % 4)}"` : 2 + (i % 4)}`,
    ...(kind === 3 ? [`  serviceName: ${name}`] : []),
    '  selector:',
    `    matchLabels: {app: ${name}}`,
    '  template:',
    '    metadata:',
    `      labels: {app: ${name}}`,
    '    spec:',
    '      topologySpreadConstraints:',
    `      - ${zone}`,
    ...(kind === 4 ? [`      - ${host}`] : []),
    '      containers:',
    `      - name: app`,
    `        image: registry.example.com/${name}:1.${i % 7}`,
    '        ports: [{containerPort: 8080}]',
    '        resources:',
    `          requests: {cpu: ${CPU[i % CPU.length]}, memory: ${MEM[i % MEM.length]}}`,
  ];
  const service = [
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  selector: {app: ${name}}`,
    '  ports: [{port: 80, targetPort: 8080}]',
  ];
  return [...workload, ...(kind === 3 ? [] : service)].join('\n') + '\n';
}
