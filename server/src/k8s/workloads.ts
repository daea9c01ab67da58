// From a workload manifest to the pods its controller would create (spread-semantics.md §7.2):
// the pod template, how many replicas are scheduled together, the labels the controller adds
// and a synthesized controller owner (§4.6), so default spreading works as in a real cluster.

import { cloneJson } from '../base/cloneJson';
import type { LabelSelector, Labels, OwnerReference, PersistentVolumeClaim, Pod, PodSpec, ReplicationController, SelectorOwner, Volume } from '../engine';
import { controllerNames, fakeUid, templateHash } from './identity';
import type { PathSegment } from './ranges';

export const WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'DaemonSet'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export interface Workload {
  kind: WorkloadKind;
  apiVersion: string;
  /** metadata.name (or generateName without its trailing dash); '' when neither is set yet. */
  name: string;
  /** metadata.namespace, default `default`. */
  namespace: string;
  /** A stable made-up UID (the real one is assigned by the API server). */
  uid: string;
  /** Index of the document in its file. */
  document?: number;
  /** Where the pod spec lives in the manifest, e.g. ['spec','template','spec']. */
  podSpecPath: PathSegment[];
  /** Where the pod template's metadata (its labels) lives. */
  podMetadataPath: PathSegment[];
  /** The pod template as a Pod: template labels and annotations, the workload's namespace. */
  template: Pod;
  /** Pods scheduled together; undefined for a DaemonSet (one per eligible node). */
  replicas: number | undefined;
  /** The workload's selector (RC: its map as matchLabels; Job: the generated controller-uid selector unless manualSelector). */
  selector: LabelSelector | null | undefined;
  /** StatefulSet only: `OrderedReady` (default) or `Parallel`. */
  podManagementPolicy?: string;
  /** Job / CronJob: `NonIndexed` (default) or `Indexed`. */
  completionMode?: string;
  /** StatefulSet only: spec.volumeClaimTemplates (the entries with a name). */
  claimTemplates?: PersistentVolumeClaim[];
}

interface DocLike {
  kind?: string;
  value: unknown;
  index?: number;
  skip?: string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);
const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => obj(o)?.[k], v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function count(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : dflt;
}

/** Labels keep only string values: anything else is a schema error reported elsewhere. */
function labels(v: unknown): Labels {
  const out: Labels = {};
  for (const [k, x] of Object.entries(obj(v) ?? {})) if (typeof x === 'string') out[k] = x;
  return out;
}

const PATHS: Record<WorkloadKind, { spec: PathSegment[]; meta: PathSegment[] }> = {
  Pod: { spec: ['spec'], meta: ['metadata'] },
  Deployment: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  StatefulSet: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  ReplicaSet: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  ReplicationController: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  Job: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  DaemonSet: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  CronJob: { spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], meta: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'] },
};

export function isWorkloadKind(kind: string | undefined): kind is WorkloadKind {
  return (WORKLOAD_KINDS as readonly string[]).includes(kind ?? '');
}

/** The workload a document describes, or undefined for other kinds and skipped documents. */
export function workloadOf(doc: DocLike): Workload | undefined {
  const v = obj(doc.value);
  if (doc.skip || !v || !isWorkloadKind(doc.kind)) return undefined;
  const kind = doc.kind;
  const meta = obj(v.metadata) ?? {};
  const name = str(meta.name) ?? str(meta.generateName)?.replace(/-$/, '') ?? '';
  const namespace = str(meta.namespace) || 'default';
  const uid = fakeUid(kind, namespace, name);
  const paths = PATHS[kind];
  const tMeta = obj(at(v, ...(paths.meta as string[]))) ?? {};
  const tSpec = obj(at(v, ...(paths.spec as string[]))) ?? {};
  const template: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace,
      labels: labels(tMeta.labels),
      ...(obj(tMeta.annotations) ? { annotations: labels(tMeta.annotations) } : {}),
      ...(kind === 'Pod' && Array.isArray(meta.ownerReferences) ? { ownerReferences: meta.ownerReferences as OwnerReference[] } : {}),
    },
    spec: cloneJson(tSpec) as PodSpec,
  };
  if (kind === 'Pod') template.metadata.name = name;
  const spec = obj(v.spec) ?? {};
  const jobSpec = kind === 'CronJob' ? obj(at(spec, 'jobTemplate', 'spec')) ?? {} : spec;
  const w: Workload = {
    kind,
    apiVersion: str(v.apiVersion) ?? '',
    name,
    namespace,
    uid,
    document: doc.index,
    podSpecPath: paths.spec,
    podMetadataPath: paths.meta,
    template,
    replicas: replicasOf(kind, spec, jobSpec),
    selector: selectorOf(kind, spec, jobSpec, template, uid, name),
  };
  if (kind === 'StatefulSet') w.podManagementPolicy = str(spec.podManagementPolicy) ?? 'OrderedReady';
  if (kind === 'StatefulSet' && Array.isArray(spec.volumeClaimTemplates)) {
    const templates = spec.volumeClaimTemplates.filter((c) => !!str(obj(obj(c)?.metadata)?.name)) as PersistentVolumeClaim[];
    if (templates.length) w.claimTemplates = cloneJson(templates);
  }
  if (kind === 'Job' || kind === 'CronJob') w.completionMode = str(jobSpec.completionMode) ?? 'NonIndexed';
  return w;
}

function replicasOf(kind: WorkloadKind, spec: Obj, jobSpec: Obj): number | undefined {
  switch (kind) {
    case 'Pod':
      return 1;
    case 'DaemonSet':
      return undefined;
    case 'Job':
    case 'CronJob': {
      // Pods of a Job run `parallelism` at a time, but never more than are left to complete.
      const parallelism = count(jobSpec.parallelism, 1);
      const completions = jobSpec.completions;
      return typeof completions === 'number' && Number.isInteger(completions) && completions >= 0 ? Math.min(parallelism, completions) : parallelism;
    }
    default:
      return count(spec.replicas, 1);
  }
}

function selectorOf(kind: WorkloadKind, spec: Obj, jobSpec: Obj, template: Pod, uid: string, name: string): LabelSelector | null | undefined {
  switch (kind) {
    case 'Pod':
      return undefined;
    case 'ReplicationController': {
      // The API server defaults an RC's selector to its template labels.
      const sel = obj(spec.selector);
      return { matchLabels: sel ? labels(sel) : { ...(template.metadata.labels ?? {}) } };
    }
    case 'Job':
    case 'CronJob':
      if (jobSpec.manualSelector === true) return (obj(jobSpec.selector) as LabelSelector | undefined) ?? null;
      // Generated at creation; for a CronJob it belongs to each Job it creates.
      return { matchLabels: { 'batch.kubernetes.io/controller-uid': kind === 'Job' ? uid : controllerNames(kind, name, uid, template).uid } };
    default:
      return (obj(spec.selector) as LabelSelector | undefined) ?? null;
  }
}

/** The i-th pod (0-based) of the workload, with the labels and owner its controller gives it. */
export function podForReplica(w: Workload, i: number): Pod {
  const pod: Pod = cloneJson(w.template);
  const labelsOut: Labels = { ...(pod.metadata.labels ?? {}) };
  const ann: Labels = { ...(pod.metadata.annotations ?? {}) };
  const c = controllerNames(w.kind, w.name, w.uid, w.template);
  const suffix = c.podSuffix(i);
  let podName = w.name;
  switch (w.kind) {
    case 'Pod':
      break;
    case 'Deployment':
      labelsOut['pod-template-hash'] = c.hash;
      podName = `${c.name}-${suffix}`;
      break;
    case 'StatefulSet':
      podName = `${w.name}-${i}`;
      if (w.claimTemplates) pod.spec.volumes = statefulSetVolumes(w, pod.spec.volumes, i);
      labelsOut['controller-revision-hash'] = `${w.name}-${c.hash}`;
      labelsOut['statefulset.kubernetes.io/pod-name'] = podName;
      labelsOut['apps.kubernetes.io/pod-index'] = String(i);
      break;
    case 'DaemonSet':
      labelsOut['controller-revision-hash'] = c.hash;
      labelsOut['pod-template-generation'] = '1';
      podName = `${w.name}-${suffix}`;
      break;
    case 'Job':
    case 'CronJob':
      Object.assign(labelsOut, {
        'batch.kubernetes.io/controller-uid': c.uid,
        'batch.kubernetes.io/job-name': c.name,
        'controller-uid': c.uid,
        'job-name': c.name,
      });
      podName = `${c.name}-${suffix}`;
      if (w.completionMode === 'Indexed') {
        labelsOut['batch.kubernetes.io/job-completion-index'] = String(i);
        ann['batch.kubernetes.io/job-completion-index'] = String(i);
        podName = `${c.name}-${i}-${suffix}`;
      }
      break;
    default:
      podName = `${w.name}-${suffix}`;
  }
  pod.metadata.name = podName;
  pod.metadata.uid = fakeUid('Pod', w.namespace, podName);
  pod.metadata.labels = labelsOut;
  if (Object.keys(ann).length > 0) pod.metadata.annotations = ann;
  if (w.kind !== 'Pod') {
    pod.metadata.ownerReferences = [{ apiVersion: c.ownerApiVersion, kind: c.ownerKind, name: c.name, uid: c.uid, controller: true }];
  }
  return pod;
}

/**
 * The claims the StatefulSet controller creates for ordinal i (getPersistentVolumeClaims in
 * pkg/controller/statefulset/stateful_set_utils.go): each template named `<template>-<set>-<ordinal>`,
 * in the set's namespace, labelled with the set's selector labels (added to the template's own).
 */
export function claimsForReplica(w: Workload, i: number): PersistentVolumeClaim[] {
  const selectorLabels = w.selector?.matchLabels ?? {};
  return (w.claimTemplates ?? []).map((t) => ({
    ...cloneJson(t),
    metadata: {
      ...cloneJson(t.metadata ?? {}),
      name: `${t.metadata.name}-${w.name}-${i}`,
      namespace: w.namespace,
      labels: { ...(t.metadata.labels ?? {}), ...selectorLabels },
    },
  }));
}

/** updateStorage: a volume per claim template (replacing a template volume of the same name), then the template's other volumes. */
function statefulSetVolumes(w: Workload, volumes: Volume[] | null | undefined, i: number): Volume[] {
  const templates = w.claimTemplates ?? [];
  const names = new Set(templates.map((t) => t.metadata.name));
  const own: Volume[] = templates.map((t) => ({ name: t.metadata.name ?? '', persistentVolumeClaim: { claimName: `${t.metadata.name}-${w.name}-${i}` } }));
  return [...own, ...(volumes ?? []).filter((v) => !names.has(v?.name))];
}

/**
 * The controller object the scheduler looks up for default spreading (§4.6): a Deployment's
 * ReplicaSet (selector + pod-template-hash), or the ReplicaSet / StatefulSet / RC itself.
 * Other kinds contribute nothing, so there is no owner to synthesize.
 */
export function ownerOf(w: Workload): SelectorOwner | ReplicationController | undefined {
  const c = controllerNames(w.kind, w.name, w.uid, w.template);
  const meta = { name: c.name, namespace: w.namespace, uid: c.uid, labels: { ...(w.template.metadata.labels ?? {}) } };
  switch (w.kind) {
    case 'Deployment': {
      const sel: LabelSelector = cloneJson(w.selector ?? {});
      sel.matchLabels = { ...(sel.matchLabels ?? {}), 'pod-template-hash': c.hash };
      meta.labels['pod-template-hash'] = c.hash;
      return { kind: 'ReplicaSet', metadata: meta, spec: { selector: sel } };
    }
    case 'ReplicaSet':
    case 'StatefulSet':
      return { kind: w.kind, metadata: meta, spec: { selector: w.selector ?? null } };
    case 'ReplicationController':
      return { kind: 'ReplicationController', metadata: meta, spec: { selector: { ...(w.selector?.matchLabels ?? {}) } } };
    default:
      return undefined;
  }
}

export { templateHash };
