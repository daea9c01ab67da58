// HorizontalPodAutoscalers of a release: which workload each one scales, and the replica count the
// cluster settles on once the HPA controller has acted (docs/release.md, "Autoscaling targets").
//
// The controller (kubernetes/kubernetes pkg/controller/podautoscaler/horizontal.go,
// reconcileAutoscaler) reads the target's scale subresource, then:
//   - minReplicas unset: 1 (the controller's default);
//   - spec.replicas 0 and minReplicas != 0: autoscaling is disabled ("ScalingDisabled"), 0 stays;
//   - current replicas above maxReplicas: scales to maxReplicas ("Current number of replicas above
//     Spec.MaxReplicas"); below minReplicas: scales to minReplicas;
//   - otherwise the metrics decide, which an offline simulation cannot know: the current count stays.
// A workload without `replicas` is created with the API server's default of 1 (Deployment, ReplicaSet,
// StatefulSet, ReplicationController), which the HPA then raises to minReplicas. Before its first sync
// (15 s by default) the manifest's count stands; kube-spread simulates the count the HPA leaves.
//
// An HPA the API server rejects (pkg/apis/autoscaling/validation, validateHorizontalPodAutoscalerSpec:
// minReplicas below 1, maxReplicas below 1, maxReplicas below minReplicas) never exists: it changes
// no replica count, and lint/hpa-invalid-replicas says why.

import type { ManifestDocument } from '../../k8s/manifest';

/** Kinds with a scale subresource among those kube-spread simulates. */
const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

export interface Autoscaler {
  /** Position of the HPA's file among the release's files, and its document. */
  fileIndex: number;
  file: string;
  doc: ManifestDocument;
  name: string;
  namespace: string;
  target: { kind: string; name: string };
  /** minReplicas, 1 when unset (the controller's default). */
  minReplicas: number;
  minSet: boolean;
  maxReplicas: number;
  /** The API server's error when it rejects the HPA (then it scales nothing). */
  invalid?: { path: (string | number)[]; message: string };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

/** Whether the document is a HorizontalPodAutoscaler (autoscaling/v1 or v2). */
export function isAutoscaler(doc: ManifestDocument): boolean {
  return !doc.skip && doc.kind === 'HorizontalPodAutoscaler' && /^autoscaling\/v(1|2)$/.test(String(obj(doc.value)?.apiVersion ?? ''));
}

/** The API server's verdict on the replica range (validateHorizontalPodAutoscalerSpec, HPAScaleToZero off: lower bound 1). */
function rangeError(min: number | undefined, max: number): Autoscaler['invalid'] {
  if (min !== undefined && min < 1) return { path: ['spec', 'minReplicas'], message: `spec.minReplicas: Invalid value: ${min}: must be greater than or equal to 1` };
  if (max < 1) return { path: ['spec', 'maxReplicas'], message: `spec.maxReplicas: Invalid value: ${max}: must be greater than 0` };
  if (min !== undefined && max < min) return { path: ['spec', 'maxReplicas'], message: `spec.maxReplicas: Invalid value: ${max}: must be greater than or equal to \`minReplicas\`` };
  return undefined;
}

/** The HPA in a document, or undefined when it names no target or no maxReplicas (schema/ reports those). */
export function autoscalerOf(doc: ManifestDocument, file: string, fileIndex: number): Autoscaler | undefined {
  if (!isAutoscaler(doc)) return undefined;
  const v = obj(doc.value)!;
  const meta = obj(v.metadata);
  const spec = obj(v.spec);
  const ref = obj(spec?.scaleTargetRef);
  const max = int(spec?.maxReplicas);
  if (typeof ref?.kind !== 'string' || typeof ref.name !== 'string' || max === undefined) return undefined;
  const min = int(spec?.minReplicas);
  const invalid = rangeError(min, max);
  return {
    fileIndex, file, doc, name: typeof meta?.name === 'string' ? meta.name : '',
    namespace: typeof meta?.namespace === 'string' && meta.namespace ? meta.namespace : 'default',
    target: { kind: ref.kind, name: ref.name }, minReplicas: min ?? 1, minSet: min !== undefined, maxReplicas: max,
    ...(invalid ? { invalid } : {}),
  };
}

/** Whether the HPA scales this workload: same namespace, kind and name (scaleTargetRef; the API version is not compared). */
export function scales(hpa: Autoscaler, w: { kind: string; namespace: string; name: string }): boolean {
  return !hpa.invalid && SCALABLE.has(w.kind) && hpa.namespace === w.namespace && hpa.target.kind === w.kind && hpa.target.name === w.name;
}

export interface Autoscaled {
  hpa: Autoscaler;
  /** What the workload is simulated with. */
  replicas: number;
  /** Why, in words ("minReplicas 3 of HorizontalPodAutoscaler web; the manifest sets none"). */
  why: string;
}

/** The replicas the HPA leaves (see the header), or maxReplicas when `atMax` asks for full scale. */
export function autoscaledReplicas(hpa: Autoscaler, manifest: number | undefined, atMax: boolean): Autoscaled {
  const by = `HorizontalPodAutoscaler ${hpa.name}`;
  if (atMax) return { hpa, replicas: hpa.maxReplicas, why: `at maxReplicas ${hpa.maxReplicas} of ${by} (--at-max)` };
  const current = manifest ?? 1; // the API server's default for a scalable kind
  const none = manifest === undefined ? '; the manifest sets no replicas (1 until the HPA acts)' : '';
  if (manifest === 0) return { hpa, replicas: 0, why: `replicas 0: ${by} does not scale it (autoscaling is disabled while the target has 0 replicas)` };
  if (current > hpa.maxReplicas) return { hpa, replicas: hpa.maxReplicas, why: `${by} scales ${current} down to its maxReplicas ${hpa.maxReplicas}` };
  if (current < hpa.minReplicas) return { hpa, replicas: hpa.minReplicas, why: `minReplicas ${hpa.minReplicas} of ${by}${none}` };
  const min = hpa.minSet ? `minReplicas ${hpa.minReplicas}` : 'minReplicas 1 (default)';
  return { hpa, replicas: current, why: manifest === undefined ? `${min} of ${by}${none}` : `replicas ${current} within ${by}'s range ${hpa.minReplicas}..${hpa.maxReplicas} (its metrics decide later)` };
}
