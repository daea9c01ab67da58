// Kubernetes-shaped input types: the subset of core/v1 (and apps/v1 owners) the engine reads.
// Field names are the API's own, so fixtures, manifests and ported upstream test tables map 1:1.
// Everything is optional where the API allows it to be absent: the engine must cope with what a
// user half-typed, and a nil value often means something different from an empty one.

export type Labels = Record<string, string>;

export interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  labels?: Labels | null;
  annotations?: Labels | null;
  ownerReferences?: OwnerReference[] | null;
  deletionTimestamp?: string | null;
  creationTimestamp?: string | null;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[] | null;
}

/** metav1.LabelSelector. `null`/absent and `{}` mean different things (nothing vs everything). */
export interface LabelSelector {
  matchLabels?: Labels | null;
  matchExpressions?: LabelSelectorRequirement[] | null;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[] | null;
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[] | null;
  matchFields?: NodeSelectorRequirement[] | null;
}

export interface NodeSelector {
  nodeSelectorTerms?: NodeSelectorTerm[] | null;
}

export interface PreferredSchedulingTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector | null;
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[] | null;
}

export interface PodAffinityTerm {
  labelSelector?: LabelSelector | null;
  namespaces?: string[] | null;
  namespaceSelector?: LabelSelector | null;
  topologyKey: string;
  matchLabelKeys?: string[] | null;
  mismatchLabelKeys?: string[] | null;
}

export interface WeightedPodAffinityTerm {
  weight: number;
  podAffinityTerm: PodAffinityTerm;
}

export interface PodAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[] | null;
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[] | null;
}

export interface Affinity {
  nodeAffinity?: NodeAffinity | null;
  podAffinity?: PodAffinity | null;
  podAntiAffinity?: PodAffinity | null;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number | null;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: string;
  labelSelector?: LabelSelector | null;
  minDomains?: number | null;
  nodeAffinityPolicy?: string | null;
  nodeTaintsPolicy?: string | null;
  matchLabelKeys?: string[] | null;
}

export type QuantityValue = string | number;
export type ResourceList = Record<string, QuantityValue>;

export interface ResourceRequirements {
  requests?: ResourceList | null;
  limits?: ResourceList | null;
}

export interface ContainerPort {
  containerPort?: number;
  hostPort?: number;
  protocol?: string;
  hostIP?: string;
  name?: string;
}

export interface Container {
  name?: string;
  image?: string;
  resources?: ResourceRequirements | null;
  ports?: ContainerPort[] | null;
  /** `Always` on an init container makes it a restartable "sidecar". */
  restartPolicy?: string;
}

export interface PodSpec {
  nodeName?: string;
  nodeSelector?: Labels | null;
  affinity?: Affinity | null;
  tolerations?: Toleration[] | null;
  topologySpreadConstraints?: TopologySpreadConstraint[] | null;
  containers?: Container[] | null;
  initContainers?: Container[] | null;
  overhead?: ResourceList | null;
  /** Pod-level resources (PodLevelResources); when set they override the container sum. */
  resources?: ResourceRequirements | null;
  schedulerName?: string;
  schedulingGates?: { name: string }[] | null;
  priority?: number | null;
  priorityClassName?: string;
  /** `PreemptLowerPriority` (default) or `Never`. */
  preemptionPolicy?: string | null;
  volumes?: Volume[] | null;
}

/** core/v1 Volume: only the sources the volume plugins read. */
export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean } | null;
  ephemeral?: { volumeClaimTemplate?: { metadata?: ObjectMeta; spec?: PersistentVolumeClaimSpec } | null } | null;
  gcePersistentDisk?: { pdName: string; readOnly?: boolean } | null;
  awsElasticBlockStore?: { volumeID: string; readOnly?: boolean } | null;
  iscsi?: { targetPortal: string; iqn: string; lun: number; readOnly?: boolean } | null;
  rbd?: { monitors: string[]; image: string; pool?: string; readOnly?: boolean } | null;
  csi?: { driver: string } | null;
  /** Local storage: the descheduler's DefaultEvictor protects pods with either (utils.IsPodWithLocalStorage). */
  emptyDir?: { medium?: string | null; sizeLimit?: string | null } | null;
  hostPath?: { path?: string; type?: string | null } | null;
}

export interface Pod {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: PodSpec;
  status?: {
    phase?: string;
    nominatedNodeName?: string;
    /** RFC 3339; preemption prefers victims that started later (util.GetPodStartTime). */
    startTime?: string | null;
    /** Ready (disruption budgets count Ready pods); DisruptionTarget (a pod being preempted). */
    conditions?: { type: string; status: string; reason?: string; lastTransitionTime?: string | null }[] | null;
  } | null;
}

export interface ContainerImage {
  names?: string[] | null;
  sizeBytes?: number;
}

export interface Node {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: { unschedulable?: boolean; taints?: Taint[] | null } | null;
  status?: {
    allocatable?: ResourceList | null;
    capacity?: ResourceList | null;
    images?: ContainerImage[] | null;
  } | null;
}

export interface Service {
  metadata: ObjectMeta;
  spec?: { selector?: Labels | null } | null;
}

/** ReplicaSet / StatefulSet: only the selector matters to the scheduler's default spreading. */
export interface SelectorOwner {
  kind: 'ReplicaSet' | 'StatefulSet';
  metadata: ObjectMeta;
  spec?: { selector?: LabelSelector | null } | null;
}

export interface ReplicationController {
  kind: 'ReplicationController';
  metadata: ObjectMeta;
  spec?: { selector?: Labels | null } | null;
}

/**
 * A workload controller as a fixture captured it (apps/v1, batch/v1): what an audit of the running
 * pods needs to group them and to build the pod the controller would create next.
 */
export interface WorkloadObject {
  kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job';
  apiVersion?: string;
  metadata: ObjectMeta;
  spec?: {
    replicas?: number | null;
    /** Job: how many pods may run at once. */
    parallelism?: number | null;
    selector?: LabelSelector | null;
    template?: { metadata?: ObjectMeta | null; spec?: PodSpec | null } | null;
  } | null;
}

// ---- Storage (VolumeBinding, VolumeZone, NodeVolumeLimits, VolumeRestrictions) ----

export interface PersistentVolumeClaimSpec {
  accessModes?: string[] | null;
  storageClassName?: string | null;
  volumeName?: string;
  resources?: { requests?: ResourceList | null } | null;
  volumeMode?: string | null;
}

export interface PersistentVolumeClaim {
  metadata: ObjectMeta;
  spec?: PersistentVolumeClaimSpec | null;
  status?: { phase?: string } | null;
}

export interface PersistentVolume {
  metadata: ObjectMeta;
  spec?: {
    capacity?: ResourceList | null;
    accessModes?: string[] | null;
    storageClassName?: string | null;
    claimRef?: { namespace?: string; name?: string; uid?: string } | null;
    nodeAffinity?: { required?: NodeSelector | null } | null;
    volumeMode?: string | null;
    csi?: { driver: string; volumeHandle?: string } | null;
    gcePersistentDisk?: { pdName: string } | null;
    awsElasticBlockStore?: { volumeID: string } | null;
  } | null;
  status?: { phase?: string } | null;
}

export interface TopologySelectorTerm {
  matchLabelExpressions?: { key: string; values: string[] }[] | null;
}

export interface StorageClass {
  metadata: ObjectMeta;
  provisioner: string;
  /** `Immediate` (default) or `WaitForFirstConsumer`. */
  volumeBindingMode?: string | null;
  allowedTopologies?: TopologySelectorTerm[] | null;
  parameters?: Labels | null;
}

/** storage.k8s.io/v1 CSINode: per-driver attach limits of one node. */
export interface CSINode {
  metadata: ObjectMeta;
  spec?: { drivers?: { name: string; nodeID?: string; topologyKeys?: string[] | null; allocatable?: { count?: number | null } | null }[] | null } | null;
}

export interface CSIStorageCapacity {
  metadata: ObjectMeta;
  storageClassName: string;
  nodeTopology?: LabelSelector | null;
  capacity?: QuantityValue | null;
  maximumVolumeSize?: QuantityValue | null;
}

// ---- Priority and disruption (PrioritySort, DefaultPreemption, drain) ----

export interface PriorityClass {
  metadata: ObjectMeta;
  value: number;
  globalDefault?: boolean;
  preemptionPolicy?: string | null;
}

export interface PodDisruptionBudget {
  metadata: ObjectMeta;
  spec?: {
    selector?: LabelSelector | null;
    minAvailable?: number | string | null;
    maxUnavailable?: number | string | null;
    unhealthyPodEvictionPolicy?: string | null;
  } | null;
  /** As the disruption controller keeps it; derived from the fixture's pods when absent. */
  status?: {
    disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; expectedPods?: number;
    /** Pods whose eviction the API server has processed (name -> time); preemption does not count them again. */
    disruptedPods?: Record<string, string> | null;
  } | null;
}

export interface Namespace {
  metadata: ObjectMeta;
}

// Well-known names, spelled once.
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_REGION = 'topology.kubernetes.io/region';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
