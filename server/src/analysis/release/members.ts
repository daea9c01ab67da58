// Which workloads form a release: every Pod or workload document of the files given together, in
// the order kubectl apply would send them (files in the order given, documents in file order).
// A document the API server would reject still takes part, as it is still simulated on its own:
// its finding says it would never be created.

import type { PriorityClass } from '../../engine';
import type { ManifestDocument, ParsedFile } from '../../k8s/manifest';
import { isWorkloadKind, type Workload } from '../../k8s/workloads';
import { cachedWorkloadSpecOf, type workloadSpecOf } from '../manifest';
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
        ws = cachedWorkloadSpecOf(doc, opts.podReplicas);
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

/** "Deployment cache (file.yaml, document 0)": how a workload of the release is named in messages. */
export function workloadLabel(w: ReleaseWorkload, withFile = true): string {
  const where = withFile ? `${w.file}, document ${w.doc.index}` : `document ${w.doc.index}`;
  return `${w.spec.kind} ${w.spec.name || '(unnamed)'} (${where})`;
}
