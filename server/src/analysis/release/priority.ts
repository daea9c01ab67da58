// A pod's priority, which orders the scheduling queue before the time a pod was queued
// (engine/queue.ts), resolved by the engine's model of the Priority admission plugin
// (engine/priority.ts resolvePriority: the named class, else the globalDefault class with the LOWEST
// value as getDefaultPriorityClass picks, else 0; the two system classes always exist). The classes
// are the fixture's and the release's own PriorityClass documents (the release's win: applying them
// replaces the cluster's). A class neither defines may exist in the real cluster: its value is unknown,
// so 0 is assumed and the output says so.

import type { ManifestDocument } from '../../k8s/manifest';
import { type Pod, type PriorityClass, PriorityClassIndex, resolvePriority } from '../../engine';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);

/** The PriorityClass objects among the documents (scheduling.k8s.io/v1), with the cluster's before them. */
export function priorityClassesOf(docs: readonly ManifestDocument[], clusterClasses: readonly PriorityClass[] = []): PriorityClassIndex {
  const own: PriorityClass[] = [];
  for (const d of docs) {
    const v = obj(d.value);
    if (d.skip || d.kind !== 'PriorityClass' || !v) continue;
    const name = obj(v.metadata)?.name;
    if (typeof name !== 'string' || typeof v.value !== 'number' || !Number.isInteger(v.value)) continue;
    own.push({
      metadata: { name }, value: v.value, ...(v.globalDefault === true ? { globalDefault: true } : {}),
      ...(typeof v.preemptionPolicy === 'string' ? { preemptionPolicy: v.preemptionPolicy } : {}),
    });
  }
  // Applying the release replaces a cluster class of the same name (its globalDefault flag included).
  const names = new Set(own.map((c) => c.metadata.name));
  return new PriorityClassIndex([...clusterClasses.filter((c) => !names.has(c?.metadata?.name)), ...own]);
}

export interface PodPriority {
  priority: number;
  /** priorityClassName neither the release nor the fixture defines (0 assumed). */
  unknownClass?: string;
}

export function podPriority(pod: Pod, classes: PriorityClassIndex): PodPriority {
  const spec = pod.spec;
  // A manifest that sets spec.priority itself is scheduled with it (admission rejects a mismatch, which
  // the api/ layer reports); the value is what the queue would order by.
  if (typeof spec?.priority === 'number' && Number.isInteger(spec.priority)) return { priority: spec.priority };
  const r = resolvePriority(spec, classes);
  const name = spec?.priorityClassName;
  if (name && !classes.get(name)) return { priority: 0, unknownClass: name };
  return { priority: r.priority };
}
