// Which workloads form a release: every Pod or workload document of the files given together, in
// the order kubectl apply would send them (files in the order given, documents in file order).
// A document the API server would reject still takes part, as it is still simulated on its own:
// its finding says it would never be created.

import type { Pod, PriorityClass } from '../../engine';
import type { ManifestDocument, ParsedFile } from '../../k8s/manifest';
import { isWorkloadKind, type Workload } from '../../k8s/workloads';
import { workloadSpecOf } from '../manifest';
import type { WorkloadSpec } from '../workload';
import { type Autoscaled, type Autoscaler, autoscaledReplicas, autoscalerOf, scales } from './hpa';
import { podPriority, priorityClassesOf } from './priority';

/** One file of the release, named as outputs name it (the path as given, `<stdin>`). */
export interface ReleaseFile {
  file: string;
  parsed: ParsedFile;
}

export interface ReleaseWorkload {
  file: string;
  /** Position of the file among the release's files. */
  fileIndex: number;
  doc: ManifestDocument;
  spec: WorkloadSpec;
  workload: Workload;
  /** The pods' priority (priority.ts). */
  priority: number;
  /** priorityClassName neither the release nor the fixture defines: priority 0 assumed. */
  unknownPriorityClass?: string;
  /** A HorizontalPodAutoscaler of the release scales it: the replicas simulated come from it (hpa.ts). */
  autoscaled?: Autoscaled;
}

export interface MemberOptions {
  /** Replicas of a bare Pod (the editor's kubeSpread.defaultReplicas; the CLI uses 1). */
  podReplicas?: number;
  /** Replicas beyond this are not simulated (kubeSpread.limits.maxReplicas in check). */
  maxReplicas?: number;
  /** Every HorizontalPodAutoscaler target at its maxReplicas (--at-max), instead of the count the HPA leaves. */
  atMax?: boolean;
  /** The fixture's PriorityClasses: the release's own documents add to them (priority.ts). */
  clusterClasses?: readonly PriorityClass[];
}

/** The HorizontalPodAutoscalers of the files (hpa.ts), in release order. */
export function releaseAutoscalers(files: readonly ReleaseFile[]): Autoscaler[] {
  return files.flatMap(({ file, parsed }, fileIndex) => parsed.documents.flatMap((d) => autoscalerOf(d, file, fileIndex) ?? []));
}

/** The HPA of the release that scales the workload (the first one: two HPAs on one target fight, and the API accepts both). */
export function autoscalerFor(hpas: readonly Autoscaler[], spec: WorkloadSpec): Autoscaler | undefined {
  return hpas.find((h) => scales(h, spec));
}

/**
 * Whether the document is one of a release's workloads: what workloadSpecOf accepts, decided without
 * building the pod template (check asks it of every document on every keystroke).
 */
export function isReleaseMember(doc: ManifestDocument): boolean {
  const v = doc.value;
  return !doc.skip && isWorkloadKind(doc.kind) && typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function releaseWorkloads(files: readonly ReleaseFile[], opts: MemberOptions = {}): ReleaseWorkload[] {
  const classes = priorityClassesOf(files.flatMap((f) => f.parsed.documents), opts.clusterClasses);
  const hpas = releaseAutoscalers(files);
  const out: ReleaseWorkload[] = [];
  files.forEach(({ file, parsed }, fileIndex) => {
    for (const doc of parsed.documents) {
      if (!isReleaseMember(doc)) continue;
      let ws: ReturnType<typeof workloadSpecOf>;
      try {
        ws = memberSpecOf(doc, opts.podReplicas);
      } catch {
        continue; // a bug on this document: its own check reports it (yaml/internal-error); the release goes on without it
      }
      if (!ws) continue;
      let spec = ws.spec;
      const hpa = autoscalerFor(hpas, spec);
      const autoscaled = hpa && autoscaledReplicas(hpa, spec.replicas, opts.atMax === true);
      if (autoscaled) spec = { ...spec, replicas: autoscaled.replicas };
      if (opts.maxReplicas !== undefined && spec.replicas !== undefined && spec.replicas > opts.maxReplicas) spec = { ...spec, replicas: opts.maxReplicas };
      const p = podPriority(ws.workload.template, classes);
      out.push({ file, fileIndex, doc, spec, workload: ws.workload, priority: p.priority, ...(p.unknownClass ? { unknownPriorityClass: p.unknownClass } : {}), ...(autoscaled ? { autoscaled } : {}) });
    }
  });
  return out;
}

/**
 * workloadSpecOf per document value (a document's frozen JS value is shared by every parse of the same
 * text: k8s/documentCache.ts, while the ManifestDocument around it is new on every parse), with each
 * replica's pod built once: the release asks every member for its pods, its profile (podFor(0)) and its
 * labels in every creation order on every keystroke, and building a pod (template copy, controller
 * hash) was a tenth of an edit's analysis of a 100-workload release. What else workloadSpecOf reads of
 * the document (its index, kind, skip reason) is part of the key. The pods are shared, never changed
 * (as engine/simulate.ts identicalPods assumes).
 */
const specs = new WeakMap<object, Map<string, ReturnType<typeof workloadSpecOf>>>();

function memberSpecOf(doc: ManifestDocument, podReplicas: number | undefined): ReturnType<typeof workloadSpecOf> {
  const value = doc.value;
  if (typeof value !== 'object' || value === null) return workloadSpecOf(doc, podReplicas);
  const key = `${doc.index}\u0000${doc.kind ?? ''}\u0000${doc.skip ?? ''}\u0000${podReplicas ?? ''}`;
  let byKey = specs.get(value);
  if (!byKey) specs.set(value, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key);
  const built = workloadSpecOf(doc, podReplicas);
  let ws = built;
  if (built) {
    const pods: Pod[] = [];
    const podFor = built.spec.podFor;
    ws = { ...built, spec: { ...built.spec, podFor: (i) => (pods[i] ??= podFor(i)) } };
  }
  // A value appears at a few indices at most (a document moved by edits above it).
  if (byKey.size >= 8) byKey.clear();
  byKey.set(key, ws);
  return ws;
}

/** "Deployment cache (file.yaml, document 0)": how a workload of the release is named in messages. */
export function workloadLabel(w: ReleaseWorkload, withFile = true): string {
  const where = withFile ? `${w.file}, document ${w.doc.index}` : `document ${w.doc.index}`;
  return `${w.spec.kind} ${w.spec.name || '(unnamed)'} (${where})`;
}
