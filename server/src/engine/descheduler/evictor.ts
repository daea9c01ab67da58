// The DefaultEvictor plugin: which pods may be evicted at all (Filter) and the last check before an
// eviction (PreEvictionFilter). pkg/framework/plugins/defaultevictor/defaultevictor.go and
// constraints.go at descheduler 7d2b28bf2b6a12810317936d909af0270ff38fa3.
//
// Filter, in upstream order: the `descheduler.alpha.kubernetes.io/evict` annotation makes any pod
// evictable; with noEvictionPolicy Mandatory the `…/prefer-no-eviction` annotation protects it; then
// every failing check is collected: mirror pod, static pod (config.source other than "api"),
// terminating, and the protections (getEffectivePodProtections: podProtections when either of its
// lists is set, else the deprecated booleans), labelSelector, minReplicas (pods sharing the first
// owner's UID), minPodAge (needs a clock: not modelled, reported).
// PreEvictionFilter: with nodeFit, the pod must fit some other ready node of the evictor's
// nodeSelector (nodeFit.ts); then namespaceLabelSelector.

import type { Namespace, Pod, PriorityClass } from '../api';
import type { NodeInfo, PodInfo } from '../cluster';
import { safeLabelSelectorAsSelector, type Selector } from '../selectors';
import { podFitsAnyOtherNode } from './nodeFit';
import { DEFAULT_POD_PROTECTIONS, type DefaultEvictorArgs, type PodProtection } from './types';

/** utils.SystemCriticalPriority. */
export const SYSTEM_CRITICAL_PRIORITY = 2 * 1000000000;
const EVICT_ANNOTATION = 'descheduler.alpha.kubernetes.io/evict';
const NO_EVICTION_ANNOTATION = 'descheduler.alpha.kubernetes.io/prefer-no-eviction';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const SOURCE_ANNOTATION = 'kubernetes.io/config.source';

export interface EvictorWorld {
  priorityClasses: readonly PriorityClass[];
  namespaces: readonly Namespace[];
  /** Every pod the informer holds (for minReplicas). */
  allPods: () => readonly Pod[];
  /** PersistentVolumeClaim storage class by namespace/name (PodsWithPVC with protected classes). */
  claimClass: (namespace: string, claim: string) => string | undefined;
  /** Whether some PodDisruptionBudget selects the pod (PodsWithoutPDB). */
  coveredByPdb: (pod: PodInfo) => boolean;
}

/** getEffectivePodProtections. */
export function effectivePodProtections(args: DefaultEvictorArgs): Set<PodProtection> {
  const pp = args.podProtections;
  if ((pp?.defaultDisabled?.length ?? 0) > 0 || (pp?.extraEnabled?.length ?? 0) > 0) {
    const out = new Set(DEFAULT_POD_PROTECTIONS.filter((p) => !pp?.defaultDisabled?.includes(p)));
    for (const p of pp?.extraEnabled ?? []) out.add(p);
    return out;
  }
  const out = new Set<PodProtection>();
  if (!args.evictLocalStoragePods) out.add('PodsWithLocalStorage');
  if (!args.evictDaemonSetPods) out.add('DaemonSetPods');
  if (!args.evictSystemCriticalPods) out.add('SystemCriticalPods');
  if (!args.evictFailedBarePods) out.add('FailedBarePods');
  if (args.ignorePvcPods) out.add('PodsWithPVC');
  if (args.ignorePodsWithoutPDB) out.add('PodsWithoutPDB');
  return out;
}

/** spec.priority, else what admission would have resolved from the class (undefined: unset). */
export function podPriority(pod: Pod, classes: readonly PriorityClass[]): number | undefined {
  if (typeof pod.spec?.priority === 'number') return pod.spec.priority;
  const name = pod.spec?.priorityClassName;
  if (name) return classes.find((c) => c?.metadata?.name === name)?.value;
  return undefined;
}

export class DefaultEvictor {
  private readonly protections: Set<PodProtection>;
  private readonly labelSelector?: Selector;
  private readonly threshold: number;

  constructor(readonly args: DefaultEvictorArgs, private readonly world: EvictorWorld) {
    this.protections = effectivePodProtections(args);
    const sel = args.labelSelector;
    if (sel && (Object.keys(sel.matchLabels ?? {}).length > 0 || (sel.matchExpressions ?? []).length > 0)) this.labelSelector = safeLabelSelectorAsSelector(sel);
    // setDefaultEvictor: the threshold is always set, SystemCriticalPriority unless configured.
    const t = args.priorityThreshold;
    if (t && typeof t.value === 'number') this.threshold = t.value;
    else if (t?.name) this.threshold = world.priorityClasses.find((c) => c?.metadata?.name === t.name)?.value ?? SYSTEM_CRITICAL_PRIORITY;
    else this.threshold = SYSTEM_CRITICAL_PRIORITY;
  }

  /** Filter: undefined when evictable, else the failing checks joined (upstream's aggregate). */
  whyNotEvictable(pi: PodInfo): string | undefined {
    const pod = pi.pod;
    const annotations = pod.metadata?.annotations ?? {};
    if (Object.prototype.hasOwnProperty.call(annotations, EVICT_ANNOTATION)) return undefined;
    if (this.args.noEvictionPolicy === 'Mandatory' && Object.prototype.hasOwnProperty.call(annotations, NO_EVICTION_ANNOTATION)) {
      return 'pod has the prefer-no-eviction annotation and noEvictionPolicy is Mandatory';
    }
    const errs: string[] = [];
    if (Object.prototype.hasOwnProperty.call(annotations, MIRROR_ANNOTATION)) errs.push('pod is a mirror pod');
    const source = annotations[SOURCE_ANNOTATION];
    if (source !== undefined && source !== 'api') errs.push('pod is a static pod');
    if (pi.terminating) errs.push('pod is terminating');
    const owners = pod.metadata?.ownerReferences ?? [];
    const p = this.protections;
    const priority = podPriority(pod, this.world.priorityClasses);
    if (p.has('SystemCriticalPods')) {
      if (priority !== undefined && priority >= SYSTEM_CRITICAL_PRIORITY) errs.push('pod has system critical priority and is protected against eviction');
      if (priority !== undefined && priority >= this.threshold) errs.push('pod has higher priority than specified priority class threshold');
    }
    if (p.has('FailedBarePods')) {
      if (owners.length === 0) errs.push('pod does not have any ownerRefs');
    } else if (owners.length === 0 && pod.status?.phase !== 'Failed') {
      errs.push('pod does not have any ownerRefs and is not in failed phase');
    }
    if (p.has('PodsWithLocalStorage') && (pod.spec?.volumes ?? []).some((v) => !!v && (!!v.hostPath || !!v.emptyDir))) {
      errs.push('pod has local storage and is protected against eviction');
    }
    if (p.has('DaemonSetPods') && owners.some((o) => o?.kind === 'DaemonSet')) errs.push('daemonset pods are protected against eviction');
    if (p.has('PodsWithPVC')) {
      const pvc = this.pvcProtection(pod, pi.namespace);
      if (pvc) errs.push(pvc);
    }
    if (p.has('PodsWithoutPDB') && !this.world.coveredByPdb(pi)) errs.push('pod does not have a PodDisruptionBudget and is protected against eviction');
    if (p.has('PodsWithResourceClaims') && hasField(pod.spec ?? {}, 'resourceClaims')) {
      errs.push('pod has ResourceClaims and descheduler is configured to protect ResourceClaims pods');
    }
    if (this.labelSelector && !this.labelSelector.matches(pi.labels)) errs.push('pod labels do not match the labelSelector filter in the policy parameter');
    const min = this.args.minReplicas ?? 0;
    if (min > 1 && owners.length === 1) {
      const siblings = this.world.allPods().filter((o) => (o.metadata?.ownerReferences ?? []).some((r) => !!r && sameOwner(r, owners[0]))).length;
      if (siblings < min) errs.push(`owner has ${siblings} replicas which is less than minReplicas of ${min}`);
    }
    return errs.length ? errs.join(', ') : undefined;
  }

  /** PreEvictionFilter: undefined when the pod may be evicted now. `readyNodes`: the evictor's node list. */
  preEvictionRefusal(pi: PodInfo, readyNodes: readonly NodeInfo[]): string | undefined {
    if (this.args.nodeFit && !podFitsAnyOtherNode(pi, readyNodes)) {
      return 'pod does not fit on any other node because of nodeSelector(s), Taint(s), or nodes marked as unschedulable';
    }
    const nsSel = this.args.namespaceLabelSelector;
    if (nsSel && (Object.keys(nsSel.matchLabels ?? {}).length > 0 || (nsSel.matchExpressions ?? []).length > 0)) {
      const ns = this.world.namespaces.find((n) => n?.metadata?.name === pi.namespace);
      if (!ns || !safeLabelSelectorAsSelector(nsSel).matches(ns.metadata?.labels)) return 'pod namespace do not match the namespaceLabelSelector filter in the policy parameter';
    }
    return undefined;
  }

  /** applyPVCPodsProtection: every PVC pod, or only those of the protected storage classes. */
  private pvcProtection(pod: Pod, namespace: string): string | undefined {
    const claims = (pod.spec?.volumes ?? []).filter((v) => !!v?.persistentVolumeClaim).map((v) => v.persistentVolumeClaim!.claimName);
    if (claims.length === 0) return undefined;
    const protectedClasses = this.args.podProtections?.protectedStorageClasses ?? [];
    if (protectedClasses.length === 0) return 'pod with PVC is protected against eviction';
    for (const claim of claims) {
      const cls = this.world.claimClass(namespace, claim);
      // podStorageClasses errors on a missing claim or class: the pod is then protected.
      if (!cls) return `failed to resolve storage class for pod "${namespace}/${claim}"`;
      if (protectedClasses.includes(cls)) return `pod using protected storage class "${cls}"`;
    }
    return undefined;
  }
}

function hasField(o: object, key: string): boolean {
  const v = (o as Record<string, unknown>)[key];
  return v !== undefined && v !== null;
}

/** Fixtures may omit owner UIDs; pods then share an owner by kind and name. */
function sameOwner(a: { kind?: string; name?: string; uid?: string }, b: { kind?: string; name?: string; uid?: string } | undefined): boolean {
  if (!b) return false;
  if (a.uid || b.uid) return a.uid === b.uid;
  return a.kind === b.kind && a.name === b.name;
}
