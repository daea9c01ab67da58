// What check reads from a release's HorizontalPodAutoscalers (hpa.ts): the replicas each targeted
// workload of the checked file is simulated with (also when it is the file's only workload), and the
// lint findings on the file's HPA documents: one the API server rejects (lint/hpa-invalid-replicas,
// with its message) and one whose target is no workload of the release (lint/hpa-target-not-in-release).

import type { Finding } from '../../base/finding';
import type { ManifestDocument } from '../../k8s/manifest';
import { type Autoscaled, autoscaledReplicas, type Autoscaler, isAutoscaler, scales } from './hpa';
import { isReleaseMember, type ReleaseFile, releaseAutoscalers } from './members';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);

/** kind, namespace and name of a workload document, as the API server defaults them (namespace "default"). */
function identity(doc: ManifestDocument): { kind: string; namespace: string; name: string } {
  const meta = obj(obj(doc.value)?.metadata);
  const ns = meta?.namespace;
  return { kind: doc.kind ?? '', namespace: typeof ns === 'string' && ns ? ns : 'default', name: typeof meta?.name === 'string' ? meta.name : '' };
}

/** Whether any file of the release holds a HorizontalPodAutoscaler (most do not: then nothing here runs). */
export function hasAutoscalers(files: readonly ReleaseFile[]): boolean {
  return files.some((f) => f.parsed.documents.some(isAutoscaler));
}

/** The replicas of the file's workload documents that an HPA of the release scales, by document index. */
export function autoscaledDocuments(files: readonly ReleaseFile[], self: number, manifestReplicas: (doc: ManifestDocument) => number | undefined, atMax: boolean): Map<number, Autoscaled> {
  const out = new Map<number, Autoscaled>();
  if (!hasAutoscalers(files)) return out;
  const hpas = releaseAutoscalers(files);
  for (const doc of files[self].parsed.documents) {
    if (!isReleaseMember(doc)) continue;
    const hpa = hpas.find((h) => scales(h, identity(doc)));
    if (hpa) out.set(doc.index, autoscaledReplicas(hpa, manifestReplicas(doc), atMax));
  }
  return out;
}

function describe(h: Autoscaler): string {
  return `HorizontalPodAutoscaler ${h.name || '(unnamed)'}`;
}

/** The lint findings on the HPA documents of file `self`. */
export function autoscalerFindings(files: readonly ReleaseFile[], self: number): Finding[] {
  if (!hasAutoscalers(files)) return [];
  const workloads = files.flatMap((f) => f.parsed.documents.filter(isReleaseMember).map(identity));
  const several = files.length > 1;
  const out: Finding[] = [];
  for (const h of releaseAutoscalers(files)) {
    if (h.fileIndex !== self) continue;
    if (h.invalid) {
      out.push({
        code: 'lint/hpa-invalid-replicas', severity: 'error', document: h.doc.index, path: h.invalid.path.join('.'),
        range: h.doc.rangeOf(h.invalid.path, 'value') ?? h.doc.range,
        message: `The API server rejects this ${describe(h)}: ${h.invalid.message}. It scales nothing, so ${h.target.kind} ${h.target.name} keeps its own replicas`,
        data: { apiMessage: h.invalid.message },
      });
      continue;
    }
    const target = { kind: h.target.kind, namespace: h.namespace, name: h.target.name };
    if (workloads.some((w) => scales(h, w))) continue;
    const sameName = workloads.find((w) => w.name === h.target.name);
    const hint = sameName
      ? ` (${sameName.kind} ${sameName.namespace}/${sameName.name} is: ${sameName.namespace !== h.namespace ? `another namespace than the HPA's ${h.namespace}` : `kind ${sameName.kind}, not ${h.target.kind}`})`
      : '';
    out.push({
      // One file alone often holds only the HPA (its Deployment in another file): information then.
      code: 'lint/hpa-target-not-in-release', severity: several ? 'warning' : 'information', document: h.doc.index, path: 'spec.scaleTargetRef',
      range: h.doc.rangeOf(['spec', 'scaleTargetRef', 'name'], 'value') ?? h.doc.rangeOf(['spec', 'scaleTargetRef'], 'key') ?? h.doc.range,
      message: `${describe(h)} scales ${target.kind} ${target.namespace}/${target.name}, which is no workload of this ${several ? 'release' : 'file'}${hint}: `
        + `its replicas are not simulated here${several ? '' : ' (check --release FILES... or the project file\'s releases put workloads of several files together)'}`,
      data: { target },
    });
  }
  return out;
}
