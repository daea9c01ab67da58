// Inputs of the release benchmarks (docs/release.md, issue 15):
// - releaseManifest: a 2,000-line file of 100 Deployments (20 lines each) that interact as a release:
//   every Deployment's zone constraint (DoNotSchedule) counts the pods of its whole tier (five tiers,
//   twenty Deployments each), and all of them compete for the same nodes' resources.
//   A keystroke changes the replica count of document RELEASE_EDITED_DOC (the middle of the file).
// - releaseWorkloads: `workloads` such Deployments of `replicas` each, for `simulate` of a release.

import { rng } from './lib';

export const RELEASE_DOCS = 100;
/** The document a keystroke edits: the middle one, so half the release comes before it in creation order. */
export const RELEASE_EDITED_DOC = 50;

const pad = (n: number) => String(n).padStart(3, '0');

function releaseDeployment(i: number, replicas: number): string[] {
  const name = `app-${pad(i)}`;
  const tier = `t${i % 5}`;
  return [
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  replicas: ${replicas}`,
    '  selector:',
    `    matchLabels: {app: ${name}}`,
    '  template:',
    '    metadata:',
    `      labels: {app: ${name}, tier: ${tier}}`,
    '    spec:',
    '      topologySpreadConstraints:',
    `      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {tier: ${tier}}}}`,
    '      nodeSelector: {kubernetes.io/os: linux}',
    '      containers:',
    '      - name: web',
    '        image: nginx:1.27',
    '        resources: {requests: {cpu: 20m, memory: 32Mi}}',
  ];
}

/** The 2,000-line release; `edit` changes document RELEASE_EDITED_DOC's replica count (one keystroke). */
export function releaseManifest(edit = 0, seed = 1500): string {
  const r = rng(seed);
  const lines: string[] = [];
  for (let i = 0; i < RELEASE_DOCS; i++) {
    const base = 2 + Math.floor(r() * 5);
    lines.push(...releaseDeployment(i, i === RELEASE_EDITED_DOC ? 2 + (edit % 7) : base));
  }
  return lines.join('\n') + '\n';
}

/** `workloads` Deployments of `replicas` each, as one file (simulate/release/...). */
export function releaseWorkloads(workloads: number, replicas: number): string {
  const lines: string[] = [];
  for (let i = 0; i < workloads; i++) lines.push(...releaseDeployment(i, replicas));
  return lines.join('\n') + '\n';
}
