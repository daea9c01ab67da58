// What depends on the cluster's Kubernetes version, gates and scheduler configuration, and is not
// already said by the api/ layer (dropped fields, matchLabelKeys overlaps) or lint/ (empty selector):
// - findings: toleration operators Lt/Gt the selected version rejects, pod-level resources it drops,
//   a spec.schedulerName no profile of the scheduler configuration handles;
// - notes for explain/simulate: the schema version actually used, node sampling
//   (percentageOfNodesToScore), and how that release breaks ties.

import type { Cluster } from '../../engine';
import { percentageFor, samplingNote } from '../../engine';
import type { ManifestDocument } from '../../k8s/manifest';
import type { Workload } from '../../k8s/workloads';
import type { Finding } from '../../base/finding';
import { nearestMinor, BUNDLED_MINORS } from '../../validation/schema/select';
import type { AnalysisContext } from '../context';
import type { WorkloadSpec } from '../workload';
import { formatFieldPath as dotted } from '../../engine';

/** First release with the Lt/Gt toleration operators (alpha, gate TaintTolerationComparisonOperators, KEP-5471). */
const COMPARISON_OPERATORS_MINOR = 35;
/** First release with pod-level resources (alpha 1.32, beta-on 1.34, gate PodLevelResources, KEP-2837). */
const POD_LEVEL_RESOURCES_MINOR = 32;
/** Tie-breaking reworked with opportunistic batching (kubernetes/kubernetes#135231, v1.35). */
const HEAP_TIE_BREAK_MINOR = 35;


export function versionFindings(ctx: AnalysisContext, doc: ManifestDocument, w: WorkloadSpec, workload: Workload): Finding[] {
  const out: Finding[] = [];
  const pod = w.podFor(0);
  const spec = pod.spec ?? {};
  const minor = ctx.env.minor;
  const specPath = workload.podSpecPath;
  const at = (sub: (string | number)[], part: 'key' | 'value' = 'value') => doc.rangeOf([...specPath, ...sub], part) ?? doc.rangeOf([...specPath, ...sub], 'key') ?? doc.range;

  // Tolerations with Lt / Gt: the API server only accepts them from 1.35 with the gate on
  // (validateTolerations: supported values "Equal", "Exists" otherwise).
  const cmpOn = minor >= COMPARISON_OPERATORS_MINOR && !!ctx.env.gates.TaintTolerationComparisonOperators;
  (spec.tolerations ?? []).forEach((t, i) => {
    if (!t || (t.operator !== 'Lt' && t.operator !== 'Gt') || cmpOn) return;
    const p = [...specPath, 'tolerations', i, 'operator'];
    const why = minor < COMPARISON_OPERATORS_MINOR
      ? `Kubernetes 1.${minor} has no numeric toleration operators (they arrive as alpha in 1.35)`
      : `feature gate TaintTolerationComparisonOperators is off (alpha in 1.${minor}, off by default)`;
    out.push({
      code: 'lint/version-toleration-operator', severity: 'error', document: doc.index, path: dotted(p), range: at(['tolerations', i, 'operator']),
      message: `${dotted(p)}: Unsupported value: "${t.operator}": supported values: "Equal", "Exists" — ${why}, so the API server rejects this object`,
    });
  });

  // Pod-level resources: dropped on create when the gate is off (dropDisabledPodLevelResources).
  const podLevel = (spec as { resources?: unknown }).resources;
  if (podLevel !== undefined && podLevel !== null && !(minor >= POD_LEVEL_RESOURCES_MINOR && ctx.env.gates.PodLevelResources)) {
    const why = minor < POD_LEVEL_RESOURCES_MINOR ? `Kubernetes 1.${minor} has no pod-level resources (alpha in 1.32, on by default from 1.34)` : `feature gate PodLevelResources is off in 1.${minor}`;
    out.push({
      code: 'lint/version-field-ignored', severity: 'warning', document: doc.index, path: dotted([...specPath, 'resources']), range: at(['resources'], 'key'),
      message: `${dotted([...specPath, 'resources'])} is dropped by the API server: ${why}; the scheduler uses the containers' requests instead`,
    });
  }

  // spec.schedulerName that no profile handles: nothing ever schedules the pod (unless another scheduler runs).
  const profiles = ctx.scheduler?.profiles.map((p) => p.schedulerName) ?? [ctx.profile.schedulerName];
  const wanted = spec.schedulerName || 'default-scheduler';
  if (!profiles.includes(wanted)) {
    const src = ctx.scheduler && ctx.scheduler.source !== 'default' ? `the scheduler configuration (${ctx.scheduler.source})` : 'the default kube-scheduler (give a KubeSchedulerConfiguration to model other profiles)';
    out.push({
      code: 'lint/scheduler-name-unknown', severity: 'warning', document: doc.index, path: dotted([...specPath, 'schedulerName']),
      range: spec.schedulerName ? at(['schedulerName']) : doc.rangeOf(specPath, 'key') ?? doc.range,
      message: `No profile of ${src} is named "${wanted}" (profiles: ${profiles.join(', ')}): kube-scheduler never picks this pod up, so it stays Pending unless a scheduler named "${wanted}" runs in the cluster`,
    });
  }
  return out;
}

/** Notes every explain / simulate result carries about the version and configuration in use. */
export function versionNotes(ctx: AnalysisContext, cluster: Cluster): string[] {
  const notes: string[] = [];
  const minor = ctx.env.minor;
  if (BUNDLED_MINORS.length && !BUNDLED_MINORS.includes(minor)) {
    notes.push(`No OpenAPI schemas bundled for Kubernetes 1.${minor}: manifests are checked against the nearest bundled schema (1.${nearestMinor(minor)}); API rules and scheduler semantics follow 1.${minor}.`);
  }
  const sampling = samplingNote(ctx.scheduler, ctx.profile.schedulerName, cluster.nodes.length);
  if (sampling) notes.push(sampling);
  else if (cluster.nodes.length >= 100 && percentageFor(ctx.scheduler, ctx.profile.schedulerName) === 100) {
    notes.push('percentageOfNodesToScore is 100: the scheduler evaluates every node, as kube-spread does.');
  }
  notes.push(minor >= HEAP_TIE_BREAK_MINOR
    ? `Ties: from 1.35 (kubernetes/kubernetes#135231) kube-scheduler takes the first of the tied nodes in the order filtering produced them, which rotates between cycles; any node in the tie set can win.`
    : `Ties: Kubernetes 1.${minor} picks uniformly at random among the nodes tied for the highest score (reservoir sampling).`);
  return notes;
}
