// Resource arithmetic the scheduler uses for NodeResourcesFit and its scores.
// Units: cpu in millicores, memory and ephemeral-storage in bytes, extended resources in their
// own integer units, pods as a count.
//
// Pod requests follow k8s.io/component-helpers/resource PodRequests (helpers.go) and the
// scheduler's framework.Resource conversion (pkg/scheduler/framework/types.go): requests are
// aggregated as quantities first and converted to integers (MilliValue/Value, rounding up) only at
// the end, so "0.5m" + "0.5m" is 1 millicore, not 2.

import type { Container, Pod, ResourceList } from './api';
import { parseQuantityScaled, roundUp } from './quantity';

export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended / hugepages / prefixed-native scalar resources by name (schedutil.IsScalarResourceName). */
  scalar: Record<string, number>;
}

/** The scheduler's default requests for containers that set none (schedutil.DefaultMilliCPURequest / DefaultMemoryRequest). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function emptyResources(): Resources {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
}

export function addResources(into: Resources, r: Resources, sign = 1): void {
  into.milliCPU += sign * r.milliCPU;
  into.memory += sign * r.memory;
  into.ephemeralStorage += sign * r.ephemeralStorage;
  for (const [k, v] of Object.entries(r.scalar)) into.scalar[k] = (into.scalar[k] ?? 0) + sign * v;
}

// ---- resource names (k8s.io/kubernetes/pkg/apis/core/v1/helper, pkg/scheduler/util) ----

const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

const isHugePages = (name: string) => name.startsWith('hugepages-');
const isPrefixedNative = (name: string) => name.includes('kubernetes.io/');

/** v1helper.IsExtendedResourceName: outside kubernetes.io, has a domain, and "requests.<name>" is a qualified name. */
export function isExtendedResourceName(name: string): boolean {
  if (!name.includes('/') || isPrefixedNative(name) || name.startsWith('requests.')) return false;
  const forQuota = `requests.${name}`;
  const [prefix, local] = forQuota.split('/', 2);
  return prefix.length <= 253 && (local ?? '').length <= 63 && QUALIFIED_NAME.test(forQuota);
}

/** schedutil.IsScalarResourceName: what framework.Resource keeps in ScalarResources (other names are dropped). */
export function isScalarResourceName(name: string): boolean {
  return isExtendedResourceName(name) || isHugePages(name) || isPrefixedNative(name) || name.startsWith('attachable-volumes-');
}

// ---- raw (unrounded) resource lists ----
// cpu is kept in millicores, everything else in base units, both as floats. A Map keeps key
// presence, which matters: "cpu: 0" suppresses the non-zero default, a missing key does not.
type RawList = Map<string, number>;

/**
 * Parsed quantities by scale and text: a fixture's 150,000 pods repeat a few hundred request strings,
 * and building the snapshot parsed each one again. Bounded (cleared when full); errors are not kept.
 */
const parsedQuantities = new Map<number, Map<string | number, number>>();
let parsedCount = 0;
const MAX_PARSED_QUANTITIES = 10_000;

/** parseQuantity (scale 0: base units) through the same memo: the fixture loader checks the same strings first. */
export function parseQuantityCached(q: string | number): number {
  return parseQuantityMemo(q, 0);
}

function parseQuantityMemo(q: string | number, scale: number): number {
  if (typeof q !== 'string' && typeof q !== 'number') return parseQuantityScaled(q, scale);
  // Keyed by the value itself (a Map tells 1 from '1'), by scale: no key string built per lookup.
  let byValue = parsedQuantities.get(scale);
  if (!byValue) parsedQuantities.set(scale, (byValue = new Map()));
  let v = byValue.get(q);
  if (v === undefined) {
    v = parseQuantityScaled(q, scale);
    if (parsedCount >= MAX_PARSED_QUANTITIES) {
      parsedQuantities.clear();
      parsedQuantities.set(scale, (byValue = new Map()));
      parsedCount = 0;
    }
    byValue.set(q, v);
    parsedCount++;
  }
  return v;
}

function parseRaw(list: ResourceList | null | undefined): RawList {
  const out: RawList = new Map();
  if (!list) return out;
  for (const [name, q] of Object.entries(list)) {
    try {
      out.set(name, parseQuantityMemo(q, name === 'cpu' ? 3 : 0));
    } catch {
      // The API server rejects malformed quantities; the fixture loader reports them. Skip here.
    }
  }
  return out;
}

function addRaw(into: RawList, l: RawList): void {
  for (const [k, v] of l) into.set(k, (into.get(k) ?? 0) + v);
}

// component-helpers maxResourceList: missing keys are created, existing ones raised.
function maxRaw(into: RawList, l: RawList): void {
  for (const [k, v] of l) {
    const cur = into.get(k);
    if (cur === undefined || v > cur) into.set(k, v);
  }
}

function toResources(raw: RawList): Resources {
  const r = emptyResources();
  for (const [name, v] of raw) {
    if (name === 'cpu') r.milliCPU = roundUp(v);
    else if (name === 'memory') r.memory = roundUp(v);
    else if (name === 'ephemeral-storage') r.ephemeralStorage = roundUp(v);
    else if (isScalarResourceName(name)) r.scalar[name] = roundUp(v);
  }
  return r;
}

/** Converts a ResourceList (e.g. status.allocatable) like framework.NewResource. Bad quantities count as absent. */
export function resourceListToResources(list: ResourceList | null | undefined): Resources {
  return toResources(parseRaw(list));
}

// ---- pod requests ----

export interface PodRequestOptions {
  /** PodLevelResources feature gate (alpha 1.32, beta and on by default since 1.34). Default: true. */
  podLevelResources?: boolean;
  /** NonMissingContainerRequests: per-container values for cpu (millicores) / memory (bytes) the container leaves unset. */
  nonMissing?: { milliCPU?: number; memory?: number };
}

const isRestartable = (c: Container) => c.restartPolicy === 'Always';

function containerRaw(c: Container, nonMissing: PodRequestOptions['nonMissing']): RawList {
  const raw = parseRaw(c.resources?.requests);
  // applyNonMissing: only keys absent from the container's requests get the default; an explicit 0 stays 0.
  if (nonMissing?.milliCPU !== undefined && !raw.has('cpu')) raw.set('cpu', nonMissing.milliCPU);
  if (nonMissing?.memory !== undefined && !raw.has('memory')) raw.set('memory', nonMissing.memory);
  return raw;
}

/** Sidecar KEP-753 aggregation: max(sum(containers) + sum(sidecars), each init container + sidecars started before it). */
function aggregateContainers(pod: Pod, nonMissing: PodRequestOptions['nonMissing']): RawList {
  const result: RawList = new Map();
  for (const c of pod.spec?.containers ?? []) addRaw(result, containerRaw(c, nonMissing));
  const sidecars: RawList = new Map();
  const initPeak: RawList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const req = containerRaw(c, nonMissing);
    if (isRestartable(c)) {
      addRaw(result, req);
      addRaw(sidecars, req);
      maxRaw(initPeak, sidecars);
    } else {
      const combined: RawList = new Map(req);
      addRaw(combined, sidecars);
      maxRaw(initPeak, combined);
    }
  }
  maxRaw(result, initPeak);
  return result;
}

/** resourcehelper.IsSupportedPodLevelResource: cpu, memory and hugepages-*. */
const isSupportedPodLevel = (name: string) => name === 'cpu' || name === 'memory' || isHugePages(name);

/** resourcehelper.IsPodLevelRequestsSet: spec.resources.requests names at least one supported resource. */
export function isPodLevelRequestsSet(pod: Pod): boolean {
  return Object.keys(pod.spec?.resources?.requests ?? {}).some(isSupportedPodLevel);
}

function podRequestsRaw(pod: Pod, opts: PodRequestOptions): RawList {
  const reqs = aggregateContainers(pod, opts.nonMissing);
  if ((opts.podLevelResources ?? true) && isPodLevelRequestsSet(pod)) {
    // Pod-level values replace the container aggregate for the supported names they set.
    for (const [name, v] of parseRaw(pod.spec.resources?.requests)) if (isSupportedPodLevel(name)) reqs.set(name, v);
  }
  if (pod.spec?.overhead) addRaw(reqs, parseRaw(pod.spec.overhead));
  return reqs;
}

/**
 * The pod's effective request (resourcehelper.PodRequests then framework.Resource.SetMaxResource):
 * what NodeResourcesFit's Filter compares and what a pod adds to NodeInfo.Requested.
 */
export function podRequests(pod: Pod, opts: PodRequestOptions = {}): Resources {
  return toResources(podRequestsRaw(pod, { podLevelResources: opts.podLevelResources, nonMissing: opts.nonMissing }));
}

const DEFAULT_NON_MISSING = { milliCPU: DEFAULT_MILLI_CPU_REQUEST, memory: DEFAULT_MEMORY_REQUEST };

/**
 * What a pod adds to NodeInfo.NonZeroRequested (framework PodInfo.calculateResource with
 * getNonMissingContainerRequests): containers without a cpu (memory) request count 100m (200 MiB).
 * With pod-level requests set, the default is only used when neither the pod level nor any container
 * names that resource.
 */
export function podNonZeroRequests(pod: Pod, opts: { podLevelResources?: boolean } = {}): { milliCPU: number; memory: number } {
  const podLevel = opts.podLevelResources ?? true;
  // The plain requests matter only with pod-level requests set (which defaults still apply); without,
  // every container gets both defaults and one aggregation is enough (a snapshot does this per pod).
  const requests = podLevel && isPodLevelRequestsSet(pod) ? podRequestsRaw(pod, { podLevelResources: podLevel }) : undefined;
  let nonMissing: PodRequestOptions['nonMissing'] = DEFAULT_NON_MISSING;
  if (requests) {
    nonMissing = {};
    if (!requests.has('cpu')) nonMissing.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (!requests.has('memory')) nonMissing.memory = DEFAULT_MEMORY_REQUEST;
  }
  const hasDefaults = nonMissing.milliCPU !== undefined || nonMissing.memory !== undefined;
  const non0 = hasDefaults || !requests ? podRequestsRaw(pod, { podLevelResources: podLevel, nonMissing }) : requests;
  return { milliCPU: roundUp(non0.get('cpu') ?? 0), memory: roundUp(non0.get('memory') ?? 0) };
}

/**
 * The incoming pod's request as the resource-allocation scorers see it
 * (noderesources resourceAllocationScorer.calculatePodResourceRequest): with `nonZero` every container
 * lacking a cpu/memory request gets 100m/200MiB regardless of pod-level resources (unlike
 * podNonZeroRequests), then pod-level values and overhead apply.
 */
export function podScoringRequests(pod: Pod, nonZero: boolean, opts: { podLevelResources?: boolean } = {}): Resources {
  return toResources(podRequestsRaw(pod, { podLevelResources: opts.podLevelResources, nonMissing: nonZero ? DEFAULT_NON_MISSING : undefined }));
}

/** Looks a resource up by its API name (cpu in millicores). Unknown names are 0. */
export function resourceByName(r: Resources, name: string): number {
  if (name === 'cpu') return r.milliCPU;
  if (name === 'memory') return r.memory;
  if (name === 'ephemeral-storage') return r.ephemeralStorage;
  return r.scalar[name] ?? 0;
}

export function hasRestartableInitContainer(pod: Pod): boolean {
  return (pod.spec?.initContainers ?? []).some(isRestartable);
}
