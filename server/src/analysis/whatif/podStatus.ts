// The pod statuses the simulation assumes: a pod the scheduler places is Running and Ready at once
// (minReadySeconds 0, no probes), and a fixture pod without status conditions counts as Running and Ready.

import type { ControllerPodStatus, Pod } from '../../engine';
import { iso } from './clock';

/** The controller's view of a pod: a fixture pod without conditions counts as Running and Ready. */
export function controllerView(p: Pod): Pod {
  const st = (p.status ?? {}) as ControllerPodStatus;
  if (Array.isArray(st.conditions)) return p;
  if (st.phase && st.phase !== 'Running') return p;
  const t = p.metadata.creationTimestamp ?? null;
  return { ...p, status: { ...(p.status ?? {}), phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }] } as Pod['status'] };
}

/** A new pod as created at `at` and, once placed, Running and Ready from that moment. */
export function markRunning(pod: Pod, at: number): Pod {
  return {
    ...pod,
    metadata: { ...pod.metadata, creationTimestamp: iso(at) },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(at) }] } as Pod['status'],
  };
}
