// The storage objects of a cluster snapshot as the scheduler's listers and assume caches hold them:
// PersistentVolumes, PersistentVolumeClaims, StorageClasses, CSINodes and CSIStorageCapacities.
// A simulation changes claims and volumes (a claim binds when its pod is placed, a new claim is
// created with its pod), so the state forks with its Cluster; objects are never changed in place,
// a binding replaces them.
//
// What the controllers around the scheduler do, modelled here (docs/volumes.md):
// - the DefaultStorageClass admission plugin gives a new claim without spec.storageClassName the
//   default class (plugin/pkg/admission/storage/storageclass/setdefault; GetDefaultClass: the newest
//   default class, then by name);
// - the PV controller binds an Immediate claim at creation (pkg/controller/volume/persistentvolume,
//   syncUnboundClaim: a matching static PV, else provisioning without a selected node).

import {
  type CSINode, type CSIStorageCapacity, LABEL_HOSTNAME, LABEL_ZONE, type Node, type PersistentVolume, type PersistentVolumeClaim, type Pod,
  type StorageClass, type Volume,
} from './api';
import {
  ANN_BIND_COMPLETED, ANN_STORAGE_CLASS, ANN_DEFAULT_CLASS, ANN_DEFAULT_CLASS_BETA, claimClass, findMatchingVolume, NOT_SUPPORTED_PROVISIONER, volumeClass,
} from './volumesHelpers';

/** The ClusterInput fields this state is built from (and given back by toInput). */
export interface StorageInput {
  persistentVolumes?: PersistentVolume[];
  persistentVolumeClaims?: PersistentVolumeClaim[];
  storageClasses?: StorageClass[];
  csiNodes?: CSINode[];
  csiStorageCapacities?: CSIStorageCapacity[];
}

export const claimKey = (namespace: string, name: string) => `${namespace}/${name}`;

/** The claim a pod volume names: a PVC source's claimName, an ephemeral volume's `<pod>-<volume>` (ephemeral.VolumeClaimName). */
export function claimNameOf(pod: Pod, v: Volume): { name: string; ephemeral: boolean } | undefined {
  if (v.persistentVolumeClaim) return { name: v.persistentVolumeClaim.claimName ?? '', ephemeral: false };
  if (v.ephemeral) return { name: `${pod.metadata?.name ?? ''}-${v.name}`, ephemeral: true };
  return undefined;
}

/** Whether the pod mounts any claim (PVC or generic ephemeral volume): the volume plugins' work starts there. */
export function podHasClaims(pod: Pod): boolean {
  for (const v of pod.spec?.volumes ?? []) if (v && (v.persistentVolumeClaim || v.ephemeral)) return true;
  return false;
}

/** isPVCFullyBound: a volume name and the PV controller's bind-completed annotation (or, in a fixture, phase Bound). */
export function isClaimBound(claim: PersistentVolumeClaim): boolean {
  if (!claim.spec?.volumeName) return false;
  return !!claim.metadata?.annotations?.[ANN_BIND_COMPLETED] || claim.status?.phase === 'Bound';
}

/** Where a provisioned volume is accessible: the node labels it is pinned to (nodeAffinity In). */
export type Topology = Record<string, string>;

export class StorageState {
  readonly classes = new Map<string, StorageClass>();
  readonly csiNodes = new Map<string, CSINode>();
  capacities: readonly CSIStorageCapacity[] = [];
  private readonly pvs = new Map<string, PersistentVolume>();
  private readonly claims = new Map<string, PersistentVolumeClaim>();
  /** Claims the simulation created (controllers' claims for its pods), in creation order. */
  readonly created: string[] = [];
  private defaultClassName: string | undefined;

  static build(input: StorageInput): StorageState {
    const s = new StorageState();
    for (const c of input.storageClasses ?? []) if (c?.metadata?.name) s.classes.set(c.metadata.name, c);
    for (const n of input.csiNodes ?? []) if (n?.metadata?.name) s.csiNodes.set(n.metadata.name, n);
    for (const pv of input.persistentVolumes ?? []) if (pv?.metadata?.name) s.pvs.set(pv.metadata.name, pv);
    for (const c of input.persistentVolumeClaims ?? []) {
      if (c?.metadata?.name) s.claims.set(claimKey(c.metadata.namespace || 'default', c.metadata.name), c);
    }
    s.capacities = (input.csiStorageCapacities ?? []).filter(Boolean);
    s.defaultClassName = defaultClassOf([...s.classes.values()]);
    return s;
  }

  /** Nothing to look up: no claim and no volume (most fixtures). */
  get empty(): boolean {
    return this.claims.size === 0 && this.pvs.size === 0;
  }

  get defaultClass(): string | undefined {
    return this.defaultClassName;
  }

  fork(): StorageState {
    const s = new StorageState();
    for (const [k, v] of this.classes) s.classes.set(k, v);
    for (const [k, v] of this.csiNodes) s.csiNodes.set(k, v);
    for (const [k, v] of this.pvs) s.pvs.set(k, v);
    for (const [k, v] of this.claims) s.claims.set(k, v);
    s.capacities = this.capacities;
    s.created.push(...this.created);
    s.defaultClassName = this.defaultClassName;
    return s;
  }

  claim(namespace: string, name: string): PersistentVolumeClaim | undefined {
    return this.claims.get(claimKey(namespace, name));
  }

  pv(name: string): PersistentVolume | undefined {
    return this.pvs.get(name);
  }

  /** pvCache.ListPVs(class): the volumes of one class. */
  pvsOfClass(className: string): PersistentVolume[] {
    const out: PersistentVolume[] = [];
    for (const pv of this.pvs.values()) if (volumeClass(pv) === className) out.push(pv);
    return out;
  }

  /** Binds a claim to a volume (both replaced: objects are shared with forks). */
  bind(claim: PersistentVolumeClaim, pv: PersistentVolume): void {
    const ns = claim.metadata.namespace || 'default';
    const name = claim.metadata.name ?? '';
    const pvName = pv.metadata.name ?? '';
    this.pvs.set(pvName, {
      ...pv,
      spec: { ...(pv.spec ?? {}), claimRef: { namespace: ns, name, ...(claim.metadata.uid ? { uid: claim.metadata.uid } : {}) } },
      status: { phase: 'Bound' },
    });
    this.claims.set(claimKey(ns, name), {
      ...claim,
      metadata: { ...claim.metadata, annotations: { ...(claim.metadata.annotations ?? {}), [ANN_BIND_COMPLETED]: 'yes' } },
      spec: { ...(claim.spec ?? {}), volumeName: pvName },
      status: { phase: 'Bound' },
    });
  }

  /**
   * Dynamic provisioning: a new PV for the claim, pinned to `topology` (empty: accessible everywhere),
   * bound to it. Named `pvc-<namespace>-<claim>` (upstream: `pvc-<claim uid>`).
   */
  provision(claim: PersistentVolumeClaim, topology: Topology): PersistentVolume {
    const ns = claim.metadata.namespace || 'default';
    const className = claimClass(claim);
    const provisioner = this.classes.get(className)?.provisioner ?? '';
    const name = `pvc-${ns}-${claim.metadata.name ?? ''}`;
    const keys = Object.keys(topology).sort();
    const pv: PersistentVolume = {
      metadata: { name },
      spec: {
        capacity: { storage: claim.spec?.resources?.requests?.storage ?? '0' },
        accessModes: [...(claim.spec?.accessModes ?? [])],
        storageClassName: className,
        volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
        csi: { driver: provisioner, volumeHandle: name },
        ...(keys.length ? {
          nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: keys.map((key) => ({ key, operator: 'In', values: [topology[key]] })) }] } },
        } : {}),
      },
      status: { phase: 'Available' },
    };
    this.bind(claim, pv);
    return this.pvs.get(name)!;
  }

  /**
   * A controller creates a claim (the StatefulSet controller for each ordinal, the ephemeral volume
   * controller for a pod). An existing claim of that name is used as it is (the controllers never
   * change one). A new claim gets the default class when it names none, and an Immediate claim is
   * bound at once by the PV controller (see bindImmediate).
   */
  createClaim(claim: PersistentVolumeClaim, nodes: readonly Node[]): void {
    const ns = claim.metadata.namespace || 'default';
    const name = claim.metadata.name ?? '';
    const key = claimKey(ns, name);
    if (!name || this.claims.has(key)) return;
    const spec = { ...(claim.spec ?? {}) };
    if ((spec.storageClassName === undefined || spec.storageClassName === null) && claim.metadata.annotations?.[ANN_STORAGE_CLASS] === undefined) {
      if (this.defaultClassName !== undefined) spec.storageClassName = this.defaultClassName;
    }
    const created: PersistentVolumeClaim = { ...claim, metadata: { ...claim.metadata, namespace: ns }, spec, status: { phase: 'Pending' } };
    this.claims.set(key, created);
    this.created.push(key);
    this.bindImmediate(created, nodes);
  }

  /**
   * The claims that come into being with a pod: `templates` (the StatefulSet controller's claims for the
   * pod's ordinal, created before the pod) and one per generic ephemeral volume (the ephemeral volume
   * controller's `<pod>-<volume>`, owned by the pod). Existing claims are kept as they are.
   */
  createPodClaims(pod: Pod, templates: readonly PersistentVolumeClaim[] | undefined, nodes: readonly Node[]): void {
    for (const c of templates ?? []) this.createClaim(c, nodes);
    const ns = pod.metadata?.namespace || 'default';
    for (const v of pod.spec?.volumes ?? []) {
      const tpl = v?.ephemeral?.volumeClaimTemplate;
      if (!v || !tpl) continue;
      const name = `${pod.metadata?.name ?? ''}-${v.name}`;
      this.createClaim({
        metadata: {
          ...(tpl.metadata ?? {}), name, namespace: ns,
          ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: pod.metadata?.name, uid: pod.metadata?.uid, controller: true }],
        },
        spec: { ...(tpl.spec ?? {}) },
      }, nodes);
    }
  }

  /**
   * The PV controller on an unbound claim whose class binds Immediately: the smallest matching static
   * PV (node affinity not considered), else a provisioned one. Without a selected node the external
   * provisioner picks among the topologies the class allows; upstream that choice depends on a hash of
   * the claim's name, kube-spread takes the first (byte order) topology of the nodes the class allows,
   * so the choice is deterministic and stated (docs/deviations.md).
   */
  private bindImmediate(claim: PersistentVolumeClaim, nodes: readonly Node[]): void {
    const className = claimClass(claim);
    const cls = this.classes.get(className);
    if (cls && cls.volumeBindingMode === 'WaitForFirstConsumer') return;
    const pv = findMatchingVolume(claim, this.pvsOfClass(className), undefined, new Set());
    if (pv) {
      this.bind(claim, pv);
      return;
    }
    if (!cls || !cls.provisioner || cls.provisioner === NOT_SUPPORTED_PROVISIONER) return;
    const candidates: Topology[] = [];
    for (const n of nodes) {
      if (!matchesAllowedTopologies(cls, n.metadata?.labels ?? {})) continue;
      candidates.push(provisionedTopology(this, cls, n));
    }
    if (candidates.length === 0) return;
    const keyOf = (t: Topology) => JSON.stringify(Object.keys(t).sort().map((k) => [k, t[k]]));
    candidates.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    this.provision(claim, candidates[0]);
  }

  /** The storage objects as they are now, for a Cluster rebuilt from input (domain loss). */
  toInput(): StorageInput {
    return {
      persistentVolumes: [...this.pvs.values()],
      persistentVolumeClaims: [...this.claims.values()],
      storageClasses: [...this.classes.values()],
      csiNodes: [...this.csiNodes.values()],
      csiStorageCapacities: [...this.capacities],
    };
  }
}

/** GetDefaultClass: among classes annotated default, the newest; equal times by name. */
function defaultClassOf(classes: StorageClass[]): string | undefined {
  const defaults = classes.filter((c) => {
    const a = c.metadata?.annotations ?? {};
    return a[ANN_DEFAULT_CLASS] === 'true' || a[ANN_DEFAULT_CLASS_BETA] === 'true';
  });
  defaults.sort((a, b) => {
    const ta = Date.parse(a.metadata?.creationTimestamp ?? '') || 0;
    const tb = Date.parse(b.metadata?.creationTimestamp ?? '') || 0;
    if (ta !== tb) return tb - ta;
    const na = a.metadata?.name ?? '';
    const nb = b.metadata?.name ?? '';
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
  return defaults[0]?.metadata?.name;
}

/** v1helper.MatchTopologySelectorTerms: no terms allow everything; else one term whose every expression the labels satisfy. */
export function matchesAllowedTopologies(cls: StorageClass, labels: Record<string, string>): boolean {
  const terms = cls.allowedTopologies ?? [];
  if (terms.length === 0) return true;
  return terms.some((t) => (t?.matchLabelExpressions ?? []).every((e) => Object.prototype.hasOwnProperty.call(labels, e.key) && (e.values ?? []).includes(labels[e.key])));
}

/**
 * The topology a volume provisioned for a pod on `node` gets (its PV nodeAffinity): the keys the CSI
 * driver reports on the node's CSINode (topologyKeys), else the keys of the class's allowedTopologies,
 * else the node's zone, else the node itself (a node-local volume). See docs/volumes.md.
 */
export function provisionedTopology(s: StorageState, cls: StorageClass, node: Node): Topology {
  const labels = node.metadata?.labels ?? {};
  const pick = (keys: readonly string[]): Topology => {
    const t: Topology = {};
    for (const k of keys) if (Object.prototype.hasOwnProperty.call(labels, k)) t[k] = labels[k];
    return t;
  };
  const driver = (s.csiNodes.get(node.metadata?.name ?? '')?.spec?.drivers ?? []).find((d) => d?.name === cls.provisioner);
  if (driver?.topologyKeys?.length) return pick(driver.topologyKeys);
  const allowedKeys = [...new Set((cls.allowedTopologies ?? []).flatMap((t) => (t?.matchLabelExpressions ?? []).map((e) => e.key)))];
  if (allowedKeys.length) return pick(allowedKeys);
  if (Object.prototype.hasOwnProperty.call(labels, LABEL_ZONE)) return { [LABEL_ZONE]: labels[LABEL_ZONE] };
  return { [LABEL_HOSTNAME]: labels[LABEL_HOSTNAME] ?? node.metadata?.name ?? '' };
}
