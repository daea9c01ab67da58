// VolumeZone (pkg/scheduler/framework/plugins/volumezone/volume_zone.go): the zone and region labels of
// the PersistentVolumes a pod's bound claims use must match the node's (a node with none of these
// labels passes: a single-zone cluster). Unbound WaitForFirstConsumer claims are skipped; unbound
// claims of other classes, missing claims, classes or volumes reject the pod in PreFilter.

import type { NodeInfo, PodInfo } from '../../cluster';
import { type CycleState, type Handle, type Plugin, SKIP, type Status, SUCCESS, unresolvable } from '../../framework';
import { claimClass } from '../../volumesHelpers';

export const VOLUME_ZONE = 'VolumeZone';
export const ERR_REASON_VOLUME_ZONE_CONFLICT = 'node(s) had no available volume zone';
const STATE_KEY = 'PreFilterVolumeZone';

const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
/** topologyLabels, in upstream's order. */
export const VOLUME_TOPOLOGY_LABELS = [BETA_ZONE, BETA_REGION, 'topology.kubernetes.io/zone', 'topology.kubernetes.io/region'];

interface PVTopology {
  key: string;
  values: Set<string>;
}

/** translateToGALabel: a beta label's GA name. */
function toGA(label: string): string {
  if (label === BETA_REGION) return 'topology.kubernetes.io/region';
  if (label === BETA_ZONE) return 'topology.kubernetes.io/zone';
  return label;
}

/** LabelZonesToSet: zones joined by "__"; a label with an empty zone is ignored (upstream logs and skips it). */
function zonesOf(value: string): Set<string> | undefined {
  const zones = value.split('__').map((z) => z.trim());
  if (zones.some((z) => z === '')) return undefined;
  return new Set(zones);
}

export function VolumeZone(handle: Handle): Plugin {
  const topologiesOf = (pod: PodInfo): { status?: Status; topologies: PVTopology[] } => {
    const storage = handle.cluster.storage;
    const topologies: PVTopology[] = [];
    for (const v of pod.pod.spec?.volumes ?? []) {
      if (!v?.persistentVolumeClaim) continue;
      const name = v.persistentVolumeClaim.claimName ?? '';
      if (name === '') return { status: unresolvable('PersistentVolumeClaim had no name'), topologies };
      const claim = storage.claim(pod.namespace, name);
      if (!claim) return { status: unresolvable(`persistentvolumeclaim "${name}" not found`), topologies };
      const pvName = claim.spec?.volumeName ?? '';
      if (pvName === '') {
        const className = claimClass(claim);
        if (className === '') return { status: unresolvable('PersistentVolumeClaim had no pv name and storageClass name'), topologies };
        const cls = storage.classes.get(className);
        if (!cls) return { status: unresolvable(`storageclass.storage.k8s.io "${className}" not found`), topologies };
        if (cls.volumeBindingMode === 'WaitForFirstConsumer') continue;
        return { status: unresolvable('PersistentVolume had no name'), topologies };
      }
      const pv = storage.pv(pvName);
      if (!pv) return { status: unresolvable(`persistentvolume "${pvName}" not found`), topologies };
      const labels = pv.metadata?.labels ?? {};
      for (const key of VOLUME_TOPOLOGY_LABELS) {
        if (!Object.prototype.hasOwnProperty.call(labels, key)) continue;
        const values = zonesOf(labels[key]);
        if (values) topologies.push({ key, values });
      }
    }
    return { topologies };
  };

  return {
    name: VOLUME_ZONE,
    preFilter(state: CycleState, pod: PodInfo): Status {
      if (!pod.pod.spec?.volumes?.length) return SKIP;
      const { status, topologies } = topologiesOf(pod);
      if (status) return status;
      if (topologies.length === 0) return SKIP;
      state.write(STATE_KEY, topologies);
      return SUCCESS;
    },
    filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status {
      if (!pod.pod.spec?.volumes?.length) return SUCCESS;
      let topologies = state.read<PVTopology[]>(STATE_KEY);
      if (!topologies) {
        const r = topologiesOf(pod);
        if (r.status) return r.status;
        topologies = r.topologies;
      }
      const labels = node.labels;
      if (!VOLUME_TOPOLOGY_LABELS.some((k) => Object.prototype.hasOwnProperty.call(labels, k))) return SUCCESS;
      for (const t of topologies) {
        let has = Object.prototype.hasOwnProperty.call(labels, t.key);
        let v = labels[t.key];
        if (!has) {
          const ga = toGA(t.key);
          has = Object.prototype.hasOwnProperty.call(labels, ga);
          v = labels[ga];
        }
        if (!has || !t.values.has(v)) return unresolvable(ERR_REASON_VOLUME_ZONE_CONFLICT);
      }
      return SUCCESS;
    },
  };
}
