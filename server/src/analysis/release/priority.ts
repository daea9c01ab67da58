// A pod's priority, which orders the scheduling queue before the time a pod was queued
// (engine/queue.ts). The Priority admission plugin (plugin/pkg/admission/priority/admission.go) sets
// spec.priority at creation from the PriorityClass named by spec.priorityClassName; without a name,
// from the class marked globalDefault, else 0. The two system classes always exist
// (pkg/apis/scheduling/types.go: SystemCriticalPriority = 2000000000 for system-cluster-critical,
// + 1000 for system-node-critical). A class the release does not define may exist in the cluster:
// its value is unknown, so 0 is assumed and the output says so.

import type { ManifestDocument } from '../../k8s/manifest';
import type { Pod } from '../../engine';

const SYSTEM_CLASSES: Record<string, number> = { 'system-cluster-critical': 2_000_000_000, 'system-node-critical': 2_000_001_000 };

export interface PriorityClasses {
  values: Map<string, number>;
  /** The value of the class with globalDefault: true (the highest one when several claim it, as admission picks). */
  globalDefault?: number;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);

/** The PriorityClass objects among the documents (scheduling.k8s.io/v1). */
export function priorityClassesOf(docs: readonly ManifestDocument[]): PriorityClasses {
  const out: PriorityClasses = { values: new Map() };
  for (const d of docs) {
    const v = obj(d.value);
    if (d.skip || d.kind !== 'PriorityClass' || !v) continue;
    const name = obj(v.metadata)?.name;
    if (typeof name !== 'string' || typeof v.value !== 'number' || !Number.isInteger(v.value)) continue;
    out.values.set(name, v.value);
    if (v.globalDefault === true) out.globalDefault = Math.max(out.globalDefault ?? v.value, v.value);
  }
  return out;
}

export interface PodPriority {
  priority: number;
  /** priorityClassName the release does not define (0 assumed). */
  unknownClass?: string;
}

export function podPriority(pod: Pod, classes: PriorityClasses): PodPriority {
  const spec = pod.spec;
  if (typeof spec?.priority === 'number' && Number.isInteger(spec.priority)) return { priority: spec.priority };
  const name = spec?.priorityClassName;
  if (!name) return { priority: classes.globalDefault ?? 0 };
  const value = classes.values.get(name) ?? SYSTEM_CLASSES[name];
  return value === undefined ? { priority: 0, unknownClass: name } : { priority: value };
}
