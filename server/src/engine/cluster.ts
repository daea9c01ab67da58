// The cluster snapshot the scheduler sees: nodes with the pods its cache holds on them.
// Mirrors the scheduler cache + NodeInfo: terminal pods are never seen (the pod informer excludes
// Succeeded/Failed), unbound pods are not on any node, pods bound to unknown nodes are invisible,
// terminating pods are present (they still hold resources) and each plugin decides whether to count them.

import type {
  Labels, Namespace, Node, Pod, ReplicationController, SelectorOwner, Service, Taint,
  PersistentVolume, PersistentVolumeClaim, StorageClass, CSINode, CSIStorageCapacity, PriorityClass, PodDisruptionBudget, WorkloadObject,
} from './api';
import { addResources, emptyResources, podNonZeroRequests, podRequests, resourceListToResources, type Resources } from './resources';
import { quantityValue } from './quantity';
import { StorageState } from './volumes';
import { assumePodVolumes } from './plugins/volumebinding/binder';

export interface PodInfo {
  readonly pod: Pod;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly nodeName: string | undefined;
  readonly terminating: boolean;
  readonly requests: Resources;
  readonly nonZero: { milliCPU: number; memory: number };
  readonly hasAffinity: boolean;
  readonly hasRequiredAntiAffinity: boolean;
}

export interface NodeInfo {
  readonly node: Node;
  readonly name: string;
  readonly labels: Labels;
  readonly taints: readonly Taint[];
  readonly unschedulable: boolean;
  readonly allocatable: Resources;
  /** status.allocatable.pods; 0 when the node does not say (upstream: every pod then fails "Too many pods"). */
  readonly allowedPods: number;
  readonly pods: PodInfo[];
  readonly requested: Resources;
  readonly nonZeroRequested: { milliCPU: number; memory: number };
  /**
   * How many of `pods` have pod (anti-)affinity terms / required anti-affinity (upstream NodeInfo's
   * PodsWithAffinity / PodsWithRequiredAntiAffinity), kept by attach/remove so InterPodAffinity can
   * skip nodes without any instead of scanning every pod each cycle. Absent: unknown (scan).
   */
  podsWithAffinity?: number;
  podsWithRequiredAntiAffinity?: number;
  /**
   * Position in its cluster's `nodes` (Cluster.build, fork). Per-node tables (label columns, plugin
   * memos) index by it instead of hashing the NodeInfo; Cluster.indexOf checks it belongs to the cluster.
   */
  readonly index?: number;
  /**
   * `pods`, `requested` and `nonZeroRequested` are shared with another cluster's copy of this node (a
   * fork and its parent share them until either changes the node: Cluster.fork, own()).
   */
  shared?: boolean;
}

/**
 * One label key over every node of a cluster, by node position: `has` says whether the node's labels
 * have the key as an own property, `values` holds `labels[key]` (whatever a plain read gives).
 * `ids` numbers the distinct values of the nodes that have the key (-1: the node has not), `domains`
 * lists them by id, so per-domain results can be kept in arrays.
 */
export interface LabelColumn {
  readonly has: Uint8Array;
  readonly values: readonly string[];
  readonly ids: Int32Array;
  readonly domains: readonly string[];
  /** How many nodes lack the key. */
  readonly missing: number;
}

export type IgnoredPodReason = 'unbound' | 'terminal' | 'unknown-node';

export interface ClusterInput {
  nodes: Node[];
  pods?: Pod[];
  services?: Service[];
  owners?: (SelectorOwner | ReplicationController)[];
  namespaces?: Namespace[];
  /** Storage objects (volume plugins). Absent = none. */
  persistentVolumes?: PersistentVolume[];
  persistentVolumeClaims?: PersistentVolumeClaim[];
  storageClasses?: StorageClass[];
  csiNodes?: CSINode[];
  csiStorageCapacities?: CSIStorageCapacity[];
  /** Priority and disruption objects (PrioritySort, DefaultPreemption, drain). Absent = none. */
  priorityClasses?: PriorityClass[];
  podDisruptionBudgets?: PodDisruptionBudget[];
  /** Workload controllers (Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs) for the audit. Absent = none. */
  workloads?: WorkloadObject[];
}

/**
 * Request sums shared by the pods of one snapshot that ask for the same amounts (frozen: a pod's
 * sums are only ever read; NodeInfo sums are the ones that change). A 150,000-pod fixture holds a few
 * distinct request shapes, and one object per pod for requests, their scalar map and the non-zero
 * requests was ~25 MB of the server's heap (bench/README.md "Issue 18, fifth pass"). Used while a
 * snapshot is built and dropped with it: nothing here outlives Cluster.build.
 */
class RequestSums {
  /** By cpu, then memory, then ephemeral storage (pods without scalar resources: no key string to build). */
  private readonly plain = new Map<number, Map<number, Map<number, Resources>>>();
  private readonly withScalars = new Map<string, Resources>();
  private readonly nonZero = new Map<number, Map<number, { milliCPU: number; memory: number }>>();

  requestsOf(r: Resources): Resources {
    let scalars = '';
    for (const name in r.scalar) scalars += ` ${name}=${r.scalar[name]}`;
    if (scalars) {
      const key = `${r.milliCPU} ${r.memory} ${r.ephemeralStorage}${scalars}`;
      const have = this.withScalars.get(key);
      if (have) return have;
      this.withScalars.set(key, frozen(r));
      return r;
    }
    const byMemory = inner(this.plain, r.milliCPU);
    const byStorage = inner(byMemory, r.memory);
    const have = byStorage.get(r.ephemeralStorage);
    if (have) return have;
    byStorage.set(r.ephemeralStorage, frozen(r));
    return r;
  }

  nonZeroOf(n: { milliCPU: number; memory: number }): { milliCPU: number; memory: number } {
    const byMemory = inner(this.nonZero, n.milliCPU);
    const have = byMemory.get(n.memory);
    if (have) return have;
    byMemory.set(n.memory, Object.freeze(n));
    return n;
  }
}

function inner<V>(outer: Map<number, Map<number, V>>, k: number): Map<number, V> {
  let m = outer.get(k);
  if (!m) outer.set(k, (m = new Map()));
  return m;
}

function frozen(r: Resources): Resources {
  Object.freeze(r.scalar);
  return Object.freeze(r);
}

export function makePodInfo(pod: Pod): PodInfo {
  return podInfoOf(pod, undefined);
}

/** `sums`: share request sums with the other pods of a snapshot being built (RequestSums). */
function podInfoOf(pod: Pod, sums: RequestSums | undefined): PodInfo {
  const aff = pod.spec?.affinity;
  const hasRequiredAntiAffinity = (aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
  const hasAffinity = !!aff && (
    (aff.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0 ||
    (aff.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).length > 0 ||
    hasRequiredAntiAffinity ||
    (aff.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).length > 0);
  return {
    pod,
    name: pod.metadata?.name ?? pod.metadata?.generateName ?? '',
    namespace: pod.metadata?.namespace || 'default',
    labels: pod.metadata?.labels ?? {},
    nodeName: pod.spec?.nodeName || undefined,
    terminating: !!pod.metadata?.deletionTimestamp,
    requests: sums ? sums.requestsOf(podRequests(pod)) : podRequests(pod),
    nonZero: sums ? sums.nonZeroOf(podNonZeroRequests(pod)) : podNonZeroRequests(pod),
    hasAffinity,
    hasRequiredAntiAffinity,
  };
}

function makeNodeInfo(node: Node, index: number): NodeInfo {
  const alloc = node.status?.allocatable ?? {};
  let allowedPods = 0;
  if (alloc.pods !== undefined && alloc.pods !== null) {
    try {
      allowedPods = quantityValue(alloc.pods);
    } catch {
      allowedPods = 0;
    }
  }
  return {
    node,
    name: node.metadata?.name ?? '',
    labels: node.metadata?.labels ?? {},
    taints: (node.spec?.taints ?? []).filter((t): t is Taint => !!t),
    unschedulable: !!node.spec?.unschedulable,
    allocatable: resourceListToResources(alloc),
    allowedPods,
    pods: [],
    requested: emptyResources(),
    nonZeroRequested: { milliCPU: 0, memory: 0 },
    podsWithAffinity: 0,
    podsWithRequiredAntiAffinity: 0,
    index,
  };
}

/** Gives the node its own pod list and sums before they change, when they are shared with a fork or its parent. */
function own(ni: NodeInfo): void {
  if (!ni.shared) return;
  const w = ni as { pods: PodInfo[]; requested: Resources; nonZeroRequested: { milliCPU: number; memory: number } };
  w.pods = [...ni.pods];
  w.requested = { ...ni.requested, scalar: { ...ni.requested.scalar } };
  w.nonZeroRequested = { ...ni.nonZeroRequested };
  ni.shared = false;
}

function attach(ni: NodeInfo, pi: PodInfo): void {
  own(ni);
  ni.pods.push(pi);
  addResources(ni.requested, pi.requests);
  ni.nonZeroRequested.milliCPU += pi.nonZero.milliCPU;
  ni.nonZeroRequested.memory += pi.nonZero.memory;
  if (pi.hasAffinity && ni.podsWithAffinity !== undefined) ni.podsWithAffinity++;
  if (pi.hasRequiredAntiAffinity && ni.podsWithRequiredAntiAffinity !== undefined) ni.podsWithRequiredAntiAffinity++;
}

/** Cluster.building yields after this many nodes or pods (~1 ms of PodInfos). */
const BUILD_RUN = 512;

/** A cluster's nodes by name (read-only: Cluster.build, fork and withNodes make them). */
export interface NodeLookup {
  get(name: string): NodeInfo | undefined;
  has(name: string): boolean;
}

export class Cluster {
  readonly nodes: NodeInfo[] = [];
  /**
   * Node positions by name, shared by a cluster and its forks (same nodes in the same order): a fork
   * of 5,000 nodes spent three quarters of its time filling a Map of its own copies (bench/README.md
   * "Issue 18, fifth pass"), and every workload of a file simulates on its own fork.
   */
  private positions = new Map<string, number>();
  readonly nodeByName: NodeLookup = {
    get: (name) => {
      const at = this.positions.get(name);
      return at === undefined ? undefined : this.nodes[at];
    },
    has: (name) => this.positions.has(name),
  };
  readonly services: Service[];
  readonly owners: (SelectorOwner | ReplicationController)[];
  readonly namespaces: Namespace[];
  /** Claims, volumes and storage classes (volume plugins); forks with the cluster, changes when pods are assumed. */
  storage: StorageState;
  /** PriorityClasses and PodDisruptionBudgets of the fixture (DefaultPreemption, drain). */
  readonly priorityClasses: PriorityClass[];
  readonly podDisruptionBudgets: PodDisruptionBudget[];
  /** Pods present in the input that the scheduler's cache would not hold on any node. */
  readonly ignoredPods: { pod: Pod; reason: IgnoredPodReason }[] = [];
  /**
   * Every pod assumed (+1) or removed (-1) since the snapshot was built, in order. Plugins that keep
   * incremental state replay the entries after the position they last saw instead of recounting.
   */
  readonly changeLog: { pod: PodInfo; node: NodeInfo; delta: 1 | -1 }[] = [];

  /**
   * Pods held on nodes that have pod (anti-)affinity terms / required anti-affinity, over the whole
   * cluster (what the NodeInfo counters add up to), kept by build, assume, remove and fork: at 0,
   * InterPodAffinity's per-cycle passes over every node have nothing to find.
   */
  podsWithAffinity = 0;
  podsWithRequiredAntiAffinity = 0;

  /**
   * The cluster this one is a fork of, and that cluster's changeLog length at the fork: this one then
   * held the same pods on the same nodes, so state computed there (shared caches, e.g.
   * podtopologyspread/sharedState.ts) is this one's too while the parent has not changed since.
   * Absent for a built cluster and for withNodes (other nodes). Weak: a chain of forks (what-if steps)
   * must not keep every earlier cluster alive.
   */
  forkedFrom?: { readonly cluster: WeakRef<Cluster>; readonly generation: number };

  /** The cluster this one was forked from, while it holds what it held at the fork (nothing assumed or removed since). */
  unchangedParent(): Cluster | undefined {
    const from = this.forkedFrom;
    const parent = from?.cluster.deref();
    return parent && parent.changeLog.length === from!.generation ? parent : undefined;
  }

  private hold(ni: NodeInfo, pi: PodInfo): void {
    attach(ni, pi);
    if (pi.hasAffinity) this.podsWithAffinity++;
    if (pi.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity++;
  }

  /** Position in changeLog; cached per-pod state records it to know what it has not seen. */
  get generation(): number {
    return this.changeLog.length;
  }

  private constructor(input: ClusterInput) {
    this.services = input.services ?? [];
    this.owners = input.owners ?? [];
    this.namespaces = input.namespaces ?? [];
    this.storage = StorageState.build(input);
    this.priorityClasses = input.priorityClasses ?? [];
    this.podDisruptionBudgets = input.podDisruptionBudgets ?? [];
  }

  static build(input: ClusterInput): Cluster {
    // base/steps.ts drain, written out: engine/ imports nothing outside itself.
    const steps = Cluster.building(input);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }

  /**
   * Cluster.build, yielding after every run of BUILD_RUN nodes or pods (~1 ms), so that the language
   * server can build the snapshot of a 150,000-pod fixture a slice at a time between requests.
   */
  static *building(input: ClusterInput): Generator<void, Cluster, void> {
    const c = new Cluster(input);
    const sums = new RequestSums();
    // Runs of objects in plain loops: V8 runs a hot loop inside a generator more slowly (base/steps.ts inRuns).
    const nodes = input.nodes;
    for (let from = 0; from < nodes.length; from += BUILD_RUN) {
      if (from > 0) yield;
      c.addNodes(nodes, from, Math.min(nodes.length, from + BUILD_RUN));
    }
    const pods = input.pods ?? [];
    for (let from = 0; from < pods.length; from += BUILD_RUN) {
      yield;
      c.addPods(pods, from, Math.min(pods.length, from + BUILD_RUN), sums);
    }
    return c;
  }

  private addNodes(nodes: readonly Node[], from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const ni = makeNodeInfo(nodes[i], this.nodes.length);
      if (this.positions.has(ni.name)) continue; // first wins; the fixture loader reports duplicates
      this.positions.set(ni.name, this.nodes.length);
      this.nodes.push(ni);
    }
  }

  private addPods(pods: readonly Pod[], from: number, to: number, sums: RequestSums): void {
    for (let i = from; i < to; i++) {
      const p = pods[i];
      const phase = p.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') {
        this.ignoredPods.push({ pod: p, reason: 'terminal' });
        continue;
      }
      const nodeName = p.spec?.nodeName;
      if (!nodeName) {
        this.ignoredPods.push({ pod: p, reason: 'unbound' });
        continue;
      }
      const ni = this.nodeByName.get(nodeName);
      if (!ni) {
        this.ignoredPods.push({ pod: p, reason: 'unknown-node' });
        continue;
      }
      this.hold(ni, podInfoOf(p, sums));
    }
  }

  /**
   * Label columns by key, built on first use: node labels never change once the snapshot is built.
   * Shared by a cluster and its forks (same nodes in the same order): each workload of a file simulates
   * on its own fork, and each built the zone and hostname columns of 5,000 nodes again.
   */
  private columns = new Map<string, LabelColumn>();

  /**
   * `key` on every node, by node position: the hot loops of a simulation (every node, every replica)
   * read a topology label this way instead of a keyed property lookup on each node's label object.
   */
  labelColumn(key: string): LabelColumn {
    let col = this.columns.get(key);
    if (!col) {
      const has = new Uint8Array(this.nodes.length);
      const values: string[] = new Array(this.nodes.length);
      const ids = new Int32Array(this.nodes.length);
      const domains: string[] = [];
      const idOf = new Map<string, number>();
      let missing = 0;
      for (let i = 0; i < this.nodes.length; i++) {
        const labels = this.nodes[i].labels;
        const v = labels[key];
        values[i] = v;
        if (!Object.prototype.hasOwnProperty.call(labels, key)) {
          ids[i] = -1;
          missing++;
          continue;
        }
        has[i] = 1;
        let id = idOf.get(v);
        if (id === undefined) {
          idOf.set(v, (id = domains.length));
          domains.push(v);
        }
        ids[i] = id;
      }
      this.columns.set(key, (col = { has, values, ids, domains, missing }));
    }
    return col;
  }

  /** The node's position in `nodes`, or -1 when it is not one of this cluster's nodes. */
  indexOf(node: NodeInfo): number {
    const i = node.index;
    return i !== undefined && this.nodes[i] === node ? i : -1;
  }

  /** Number of pods held on nodes. */
  get podCount(): number {
    let n = 0;
    for (const ni of this.nodes) n += ni.pods.length;
    return n;
  }

  /**
   * The scheduler's "assume": the pod is bound to `nodeName` and counts from now on. `unbound`: the
   * pod's PodInfo when the caller has it (what makePodInfo reads besides nodeName is the same: its
   * request sums are reused instead of parsing every quantity again).
   */
  assume(pod: Pod, nodeName: string, unbound?: PodInfo): PodInfo {
    const ni = this.nodeByName.get(nodeName);
    if (!ni) throw new Error(`assume: unknown node ${nodeName}`);
    const bound: Pod = { ...pod, spec: { ...pod.spec, nodeName } };
    const pi: PodInfo = unbound?.pod === pod ? { ...unbound, pod: bound, nodeName } : makePodInfo(bound);
    this.hold(ni, pi);
    // Reserve + PreBind of VolumeBinding: the pod's WaitForFirstConsumer claims bind on this node.
    if (bound.spec.volumes?.length && !this.storage.empty) assumePodVolumes(this.storage, bound, ni.node);
    this.changeLog.push({ pod: pi, node: ni, delta: 1 });
    return pi;
  }

  /** Removes a pod from its node (eviction, scale-down). */
  remove(pi: PodInfo): void {
    const ni = pi.nodeName ? this.nodeByName.get(pi.nodeName) : undefined;
    if (!ni) return;
    const i = ni.pods.indexOf(pi);
    if (i < 0) return;
    own(ni);
    ni.pods.splice(i, 1);
    addResources(ni.requested, pi.requests, -1);
    ni.nonZeroRequested.milliCPU -= pi.nonZero.milliCPU;
    ni.nonZeroRequested.memory -= pi.nonZero.memory;
    if (pi.hasAffinity && ni.podsWithAffinity !== undefined) ni.podsWithAffinity--;
    if (pi.hasRequiredAntiAffinity && ni.podsWithRequiredAntiAffinity !== undefined) ni.podsWithRequiredAntiAffinity--;
    if (pi.hasAffinity) this.podsWithAffinity--;
    if (pi.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity--;
    this.changeLog.push({ pod: pi, node: ni, delta: -1 });
  }

  /**
   * Puts back a pod `remove` took from this cluster: the same PodInfo (already bound to its node), so
   * nothing is recomputed. Counterfactuals (analysis/release/attribution.ts) take pods away and back.
   */
  restore(pi: PodInfo): void {
    const ni = pi.nodeName ? this.nodeByName.get(pi.nodeName) : undefined;
    if (!ni || ni.pods.includes(pi)) return;
    this.hold(ni, pi);
    this.changeLog.push({ pod: pi, node: ni, delta: 1 });
  }

  /**
   * A copy whose node pod lists can be changed without touching this one (objects are shared, read-only).
   * `extraOwners` are appended to the owners (a workload's synthesized controller): the same cluster as
   * Cluster.build of the input with those owners, without re-reading every pod (150,000 pods: ~600 ms).
   */
  fork(extraOwners: readonly (SelectorOwner | ReplicationController)[] = []): Cluster {
    const owners = extraOwners.length ? [...this.owners, ...extraOwners] : this.owners;
    const c = new Cluster({
      nodes: [], services: this.services, owners, namespaces: this.namespaces,
      priorityClasses: this.priorityClasses, podDisruptionBudgets: this.podDisruptionBudgets,
    });
    c.ignoredPods.push(...this.ignoredPods);
    c.storage = this.storage.fork();
    c.podsWithAffinity = this.podsWithAffinity;
    c.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity;
    c.forkedFrom = { cluster: new WeakRef(this), generation: this.changeLog.length };
    c.columns = this.columns;
    // Each cluster has its own NodeInfo objects (caches key by them), sharing the pod lists and sums
    // until one of the two changes the node (own()): a fork of 5,000 nodes copied ~3 MB of them, on
    // every keystroke and for every workload of a file, mostly for nodes it never changed.
    for (const ni of this.nodes) {
      ni.shared = true;
      c.nodes.push({ ...ni });
    }
    c.positions = this.positions;
    return c;
  }

  /**
   * A fork with `added` nodes appended (an autoscaler's new nodes; names must be new). A fork, not an
   * in-place change: label columns and the plugins' per-node caches assume a snapshot's nodes never change.
   */
  withNodes(added: readonly Node[]): Cluster {
    const c = this.fork();
    c.forkedFrom = undefined; // not the same nodes
    c.columns = new Map();
    c.positions = new Map(this.positions);
    for (const n of added) {
      const ni = makeNodeInfo(n, c.nodes.length);
      if (c.positions.has(ni.name)) continue;
      c.positions.set(ni.name, c.nodes.length);
      c.nodes.push(ni);
    }
    return c;
  }
}
