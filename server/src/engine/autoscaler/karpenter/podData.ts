// What Karpenter's scheduler precomputes per pod (scheduler.go updateCachedPodData): its node
// requirements (pkg/scheduling/requirements.go newPodRequirements: the nodeSelector, the heaviest
// preferred node-affinity term treated as required until relaxed, the first required term), the
// strict ones (no preferences) and its resource requests. Resources are kept in milli-units by
// resource name so cpu, memory, pods and extended resources compare alike.

import type { Pod, ResourceList } from '../../api';
import { quantityMilliValue } from '../../quantity';
import { podRequests } from '../../resources';
import { Reqs } from './requirements';

export type Res = Map<string, number>;

export interface PodData {
  requirements: Reqs;
  strict: Reqs;
  requests: Res;
}

function podRequirements(pod: Pod, withPreferences: boolean): Reqs {
  const r = Reqs.fromLabels(pod.spec?.nodeSelector);
  const na = pod.spec?.affinity?.nodeAffinity;
  if (!na) return r;
  if (withPreferences) {
    const preferred = [...(na.preferredDuringSchedulingIgnoredDuringExecution ?? [])].filter(Boolean);
    if (preferred.length) {
      preferred.sort((a, b) => b.weight - a.weight);
      r.add(...Reqs.fromNodeSelector(preferred[0].preference?.matchExpressions).values());
    }
  }
  const terms = na.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length) r.add(...Reqs.fromNodeSelector(terms[0]?.matchExpressions).values());
  return r;
}

/** resources.RequestsForPods: the pod's effective requests plus one `pods`. */
export function podResources(pod: Pod): Res {
  const r = podRequests(pod);
  const out: Res = new Map([['cpu', r.milliCPU], ['memory', r.memory * 1000], ['pods', 1000]]);
  if (r.ephemeralStorage) out.set('ephemeral-storage', r.ephemeralStorage * 1000);
  for (const [k, v] of Object.entries(r.scalar)) out.set(k, v * 1000);
  return out;
}

export function podData(pod: Pod): PodData {
  return { requirements: podRequirements(pod, true), strict: podRequirements(pod, false), requests: podResources(pod) };
}

/** A ResourceList in milli-units; unparsable quantities count as 0 (the fixture layer reports them). */
export function resList(list: ResourceList | null | undefined): Res {
  const out: Res = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    try {
      out.set(k, quantityMilliValue(v));
    } catch {
      out.set(k, 0);
    }
  }
  return out;
}

export function merge(a: Res, b: Res): Res {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}

/** resources.Fits: every requested resource within what is there (a missing one is 0). */
export function fits(requests: Res, total: Res): boolean {
  for (const [k, v] of requests) if (v > (total.get(k) ?? 0)) return false;
  return true;
}
