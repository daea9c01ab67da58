// The cluster-level default constraints for pods without constraints of their own (§4.6):
// which constraints apply (PodTopologySpreadArgs) and the selector the scheduler derives for them
// from Services and the pod's controller (upstream helper/spread.go DefaultSelector).

import type { Labels, LabelSelector, Pod, TopologySpreadConstraint } from '../../api';
import type { Cluster } from '../../cluster';
import { labelSelectorAsSelector, type Requirement, Selector, selectorFromSet } from '../../selectors';
import { SYSTEM_DEFAULT_CONSTRAINTS } from './common';

export interface PodTopologySpreadArgs {
  defaultingType?: 'System' | 'List';
  defaultConstraints?: TopologySpreadConstraint[];
}

export interface ResolvedArgs {
  constraints: TopologySpreadConstraint[];
  /** true for defaultingType System: then nodes missing a key are not ignored in scoring. */
  systemDefaulted: boolean;
}

export function resolveArgs(args: PodTopologySpreadArgs | undefined): ResolvedArgs {
  if (!args || (args.defaultingType ?? 'System') === 'System') {
    return { constraints: SYSTEM_DEFAULT_CONSTRAINTS, systemDefaulted: true };
  }
  return { constraints: args.defaultConstraints ?? [], systemDefaulted: false };
}

/**
 * DefaultSelector: the merged selectors of the Services in the pod's namespace that select it,
 * AND the selector of its controlling ReplicationController / ReplicaSet / StatefulSet (looked up
 * by name in the pod's namespace). Other owner kinds contribute nothing.
 */
export function defaultSelector(pod: Pod, cluster: Cluster): Selector {
  const ns = pod.metadata?.namespace || 'default';
  const podLabels = pod.metadata?.labels ?? {};
  let merged: Labels = {};
  for (const svc of cluster.services) {
    if ((svc.metadata?.namespace || 'default') !== ns) continue;
    const sel = svc.spec?.selector;
    if (sel === null || sel === undefined) continue; // a Service without selector selects nothing
    if (selectorFromSet(sel).matches(podLabels)) merged = { ...merged, ...sel };
  }
  let selector = selectorFromSet(merged);

  const owner = (pod.metadata?.ownerReferences ?? []).find((o) => o && o.controller);
  if (!owner) return selector;
  const group = (owner.apiVersion ?? '').split('/');
  const isCoreV1 = group.length === 1 && group[0] === 'v1';
  const isAppsV1 = group.length === 2 && group[0] === 'apps' && group[1] === 'v1';
  const found = cluster.owners.find(
    (o) => o.kind === owner.kind && o.metadata?.name === owner.name && (o.metadata?.namespace || 'default') === ns,
  );
  if (!found) return selector;
  if (owner.kind === 'ReplicationController' && isCoreV1 && found.kind === 'ReplicationController') {
    merged = { ...merged, ...(found.spec?.selector ?? {}) };
    selector = selectorFromSet(merged);
  } else if ((owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet') && isAppsV1 && found.kind !== 'ReplicationController') {
    const other = tryConvert(found.spec?.selector);
    if (other && !other.isNothing && other.requirements.length > 0) {
      selector = Selector.of([...selector.requirements, ...other.requirements] as Requirement[]);
    }
  }
  return selector;
}

function tryConvert(sel: LabelSelector | null | undefined): Selector | undefined {
  try {
    return labelSelectorAsSelector(sel);
  } catch {
    return undefined;
  }
}
