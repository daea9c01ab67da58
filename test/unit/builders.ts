// Fluent builders for test objects, in the spirit of the scheduler's testing helpers
// (st.MakePod / st.MakeNode), so upstream tables port line by line.

import type {
  Affinity, Container, LabelSelector, Node, NodeSelectorRequirement, Pod, PodAffinityTerm, Taint,
  Toleration, TopologySpreadConstraint, WeightedPodAffinityTerm,
} from '../../server/src/engine/api';

export class NodeBuilder {
  readonly obj: Node;
  constructor(name: string) {
    // Like upstream st.MakeNode(): capacity and allocatable default to 32 pods.
    this.obj = { metadata: { name, labels: {} }, spec: {}, status: { capacity: { pods: '32' }, allocatable: { pods: '32' } } };
  }
  label(k: string, v: string): this {
    this.obj.metadata.labels![k] = v;
    return this;
  }
  taints(taints: Taint[]): this {
    this.obj.spec!.taints = taints;
    return this;
  }
  unschedulable(u = true): this {
    this.obj.spec!.unschedulable = u;
    return this;
  }
  /** capacity = allocatable, e.g. { cpu: '4', memory: '8Gi' }; pods default to 32 as in st.NodeWrapper.Capacity. */
  capacity(res: Record<string, string | number>): this {
    this.obj.status!.allocatable = { pods: '32', ...res };
    this.obj.status!.capacity = { pods: '32', ...res };
    return this;
  }
  /** A node with no status at all (no allocatable: the scheduler then allows 0 pods). */
  noStatus(): this {
    this.obj.status = {};
    return this;
  }
  images(images: { names: string[]; sizeBytes: number }[]): this {
    this.obj.status!.images = images;
    return this;
  }
  build(): Node {
    return this.obj;
  }
}

export const makeNode = (name: string) => new NodeBuilder(name);

export class PodBuilder {
  readonly obj: Pod;
  constructor(name: string) {
    this.obj = { metadata: { name, namespace: 'default', labels: {} }, spec: { containers: [] } };
  }
  namespace(ns: string): this {
    this.obj.metadata.namespace = ns;
    return this;
  }
  uid(uid: string): this {
    this.obj.metadata.uid = uid;
    return this;
  }
  label(k: string, v: string): this {
    this.obj.metadata.labels![k] = v;
    return this;
  }
  labels(l: Record<string, string>): this {
    Object.assign(this.obj.metadata.labels!, l);
    return this;
  }
  node(name: string): this {
    this.obj.spec.nodeName = name;
    return this;
  }
  terminating(): this {
    this.obj.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    return this;
  }
  phase(phase: string): this {
    this.obj.status = { ...(this.obj.status ?? {}), phase };
    return this;
  }
  ownerReference(name: string, kind: string, apiVersion = kind === 'ReplicationController' ? 'v1' : 'apps/v1'): this {
    this.obj.metadata.ownerReferences = [{ apiVersion, kind, name, controller: true }];
    return this;
  }
  nodeSelector(sel: Record<string, string>): this {
    this.obj.spec.nodeSelector = sel;
    return this;
  }
  private affinity(): Affinity {
    return (this.obj.spec.affinity ??= {});
  }
  /** Adds one required node affinity term (ORed with earlier ones). */
  nodeAffinityIn(key: string, values: string[], op = 'In'): this {
    const na = (this.affinity().nodeAffinity ??= {});
    const req = (na.requiredDuringSchedulingIgnoredDuringExecution ??= { nodeSelectorTerms: [] });
    req.nodeSelectorTerms!.push({ matchExpressions: [{ key, operator: op, values }] });
    return this;
  }
  nodeAffinityNotIn(key: string, values: string[]): this {
    return this.nodeAffinityIn(key, values, 'NotIn');
  }
  requiredNodeAffinityTerms(terms: { matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[] }[]): this {
    const na = (this.affinity().nodeAffinity ??= {});
    na.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: terms };
    return this;
  }
  preferredNodeAffinity(weight: number, matchExpressions: NodeSelectorRequirement[]): this {
    const na = (this.affinity().nodeAffinity ??= {});
    (na.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight, preference: { matchExpressions } });
    return this;
  }
  podAffinity(kind: 'affinity' | 'anti', required: PodAffinityTerm[], preferred: WeightedPodAffinityTerm[] = []): this {
    const a = this.affinity();
    const target = kind === 'affinity' ? (a.podAffinity ??= {}) : (a.podAntiAffinity ??= {});
    if (required.length) (target.requiredDuringSchedulingIgnoredDuringExecution ??= []).push(...required);
    if (preferred.length) (target.preferredDuringSchedulingIgnoredDuringExecution ??= []).push(...preferred);
    return this;
  }
  toleration(t: Toleration): this {
    (this.obj.spec.tolerations ??= []).push(t);
    return this;
  }
  spreadConstraint(
    maxSkew: number,
    topologyKey: string,
    whenUnsatisfiable: string,
    labelSelector: LabelSelector | null | undefined,
    opts: { minDomains?: number; nodeAffinityPolicy?: string; nodeTaintsPolicy?: string; matchLabelKeys?: string[] } = {},
  ): this {
    const c: TopologySpreadConstraint = { maxSkew, topologyKey, whenUnsatisfiable };
    if (labelSelector !== undefined) c.labelSelector = labelSelector;
    if (opts.minDomains !== undefined) c.minDomains = opts.minDomains;
    if (opts.nodeAffinityPolicy !== undefined) c.nodeAffinityPolicy = opts.nodeAffinityPolicy;
    if (opts.nodeTaintsPolicy !== undefined) c.nodeTaintsPolicy = opts.nodeTaintsPolicy;
    if (opts.matchLabelKeys !== undefined) c.matchLabelKeys = opts.matchLabelKeys;
    (this.obj.spec.topologySpreadConstraints ??= []).push(c);
    return this;
  }
  /** Adds a container with these requests, e.g. { cpu: '100m', memory: '200Mi' }. */
  req(requests: Record<string, string | number>): this {
    this.obj.spec.containers!.push({ name: `c${this.obj.spec.containers!.length}`, resources: { requests } });
    return this;
  }
  container(c: Container): this {
    this.obj.spec.containers!.push(c);
    return this;
  }
  initReq(requests: Record<string, string | number>, restartPolicy?: string): this {
    (this.obj.spec.initContainers ??= []).push({ name: `i${this.obj.spec.initContainers?.length ?? 0}`, resources: { requests }, restartPolicy });
    return this;
  }
  overhead(o: Record<string, string | number>): this {
    this.obj.spec.overhead = o;
    return this;
  }
  hostPort(port: number, protocol = 'TCP', hostIP = ''): this {
    this.obj.spec.containers!.push({ name: `p${port}`, ports: [{ containerPort: port, hostPort: port, protocol, hostIP }] });
    return this;
  }
  image(image: string): this {
    this.obj.spec.containers!.push({ name: `img${this.obj.spec.containers!.length}`, image });
    return this;
  }
  schedulingGates(names: string[]): this {
    this.obj.spec.schedulingGates = names.map((name) => ({ name }));
    return this;
  }
  priority(p: number): this {
    this.obj.spec.priority = p;
    return this;
  }
  build(): Pod {
    return this.obj;
  }
}

export const makePod = (name = 'p') => new PodBuilder(name);

// Selector shorthands used throughout the upstream tables.
export const exists = (...keys: string[]): LabelSelector => ({ matchExpressions: keys.map((key) => ({ key, operator: 'Exists' })) });
export const doesNotExist = (key: string): LabelSelector => ({ matchExpressions: [{ key, operator: 'DoesNotExist' }] });
export const matchLabels = (labels: Record<string, string>): LabelSelector => ({ matchLabels: labels });
export const inValues = (key: string, values: string[]): LabelSelector => ({ matchExpressions: [{ key, operator: 'In', values }] });
