// VolumeBinding (pkg/scheduler/framework/plugins/volumebinding/volume_binding.go): PreFilter sorts the
// pod's claims and rejects the pod when an Immediate claim is still unbound; Filter asks the binder
// whether the node can satisfy every claim (binder.ts). Pods without claims skip it (PreFilter Skip).
// Scoring: upstream builds a scorer only with the StorageCapacityScoring gate (alpha 1.33, off by
// default through 1.36); without a scorer PreScore returns Skip. kube-spread always skips
// (docs/deviations.md: the gate-on scorer is not modelled).

import type { NodeInfo, PodInfo } from '../../cluster';
import { type CycleState, errorStatus, type Handle, type Plugin, SKIP, type Status, SUCCESS, unresolvable } from '../../framework';
import { podHasClaims } from '../../volumes';
import { ERR_UNBOUND_IMMEDIATE, findPodVolumes, type PodVolumeClaims, podVolumeClaims } from './binder';

export const VOLUME_BINDING = 'VolumeBinding';
const STATE_KEY = 'PreFilterVolumeBinding';

export function VolumeBinding(handle: Handle): Plugin {
  return {
    name: VOLUME_BINDING,
    preFilter(state: CycleState, pod: PodInfo): Status {
      if (!podHasClaims(pod.pod)) return SKIP;
      const r = podVolumeClaims(handle.cluster.storage, pod.pod);
      if (r.error !== undefined) return unresolvable(r.error);
      if (!r.claims) return SKIP;
      if (r.claims.immediate.length > 0) return unresolvable(ERR_UNBOUND_IMMEDIATE);
      state.write(STATE_KEY, r.claims);
      return SUCCESS;
    },
    filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status {
      const claims = state.read<PodVolumeClaims>(STATE_KEY);
      if (!claims) return errorStatus(`reading "${STATE_KEY}" from cycleState: not found`);
      const found = findPodVolumes(handle.cluster.storage, claims, node.node);
      if (found.error !== undefined) return errorStatus(found.error);
      return found.reasons.length ? unresolvable(...found.reasons) : SUCCESS;
    },
    preScore(): Status {
      return SKIP;
    },
    score(): number {
      return 0;
    },
  };
}
