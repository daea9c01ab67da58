// Resource arithmetic the scheduler uses for NodeResourcesFit and its scores.
// Units: cpu in millicores, memory and ephemeral-storage in bytes, extended resources in their
// own integer units, pods as a count.

import type { Container, Pod, ResourceList } from './api';
import { quantityMilliValue, quantityValue } from './quantity';

export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended / hugepages / other scalar resources by name. */
  scalar: Record<string, number>;
}

/** The scheduler's default requests for containers that set none (used only for scoring). */
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

function maxResources(a: Resources, b: Resources): Resources {
  const out: Resources = {
    milliCPU: Math.max(a.milliCPU, b.milliCPU),
    memory: Math.max(a.memory, b.memory),
    ephemeralStorage: Math.max(a.ephemeralStorage, b.ephemeralStorage),
    scalar: { ...a.scalar },
  };
  for (const [k, v] of Object.entries(b.scalar)) out.scalar[k] = Math.max(out.scalar[k] ?? 0, v);
  return out;
}

/** Converts a ResourceList (requests or allocatable) into integer units. Bad quantities count as 0. */
export function resourceListToResources(list: ResourceList | null | undefined): Resources {
  const r = emptyResources();
  if (!list) return r;
  for (const [name, q] of Object.entries(list)) {
    let v: number;
    try {
      v = name === 'cpu' ? quantityMilliValue(q) : quantityValue(q);
    } catch {
      continue;
    }
    if (name === 'cpu') r.milliCPU = v;
    else if (name === 'memory') r.memory = v;
    else if (name === 'ephemeral-storage') r.ephemeralStorage = v;
    else if (name !== 'pods') r.scalar[name] = v;
  }
  return r;
}

function containerRequests(c: Container): Resources {
  return resourceListToResources(c.resources?.requests);
}

/**
 * The pod's effective request as the scheduler computes it (resourcehelper.PodRequests):
 * max(sum of regular containers + restartable init containers ("sidecars"),
 *     for each non-restartable init container in order: its request + sidecars started before it)
 * plus spec.overhead. Pod-level `resources.requests`, when set, replace the container-derived values
 * for the resources they name (PodLevelResources).
 */
export function podRequests(pod: Pod): Resources {
  const spec = pod.spec ?? {};
  const sum = emptyResources();
  for (const c of spec.containers ?? []) addResources(sum, containerRequests(c));
  let initMax = emptyResources();
  const sidecars = emptyResources();
  for (const c of spec.initContainers ?? []) {
    const req = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      addResources(sum, req);
      addResources(sidecars, req);
      initMax = maxResources(initMax, sidecars);
    } else {
      const withSidecars = emptyResources();
      addResources(withSidecars, sidecars);
      addResources(withSidecars, req);
      initMax = maxResources(initMax, withSidecars);
    }
  }
  let total = maxResources(sum, initMax);
  const podLevel = spec.resources?.requests;
  if (podLevel && Object.keys(podLevel).length > 0) {
    const pl = resourceListToResources(podLevel);
    total = { ...total, scalar: { ...total.scalar } };
    if ('cpu' in podLevel) total.milliCPU = pl.milliCPU;
    if ('memory' in podLevel) total.memory = pl.memory;
  }
  if (spec.overhead) addResources(total, resourceListToResources(spec.overhead));
  return total;
}

/**
 * Requests with the scheduler's non-zero defaults (100m cpu, 200 MiB memory) for containers that
 * request nothing, as used by the LeastAllocated / MostAllocated scores (GetNonzeroRequests).
 */
export function podNonZeroRequests(pod: Pod): { milliCPU: number; memory: number } {
  const spec = pod.spec ?? {};
  const nz = (c: Container) => {
    const r = containerRequests(c);
    const req = c.resources?.requests ?? {};
    return {
      milliCPU: 'cpu' in req ? r.milliCPU : DEFAULT_MILLI_CPU_REQUEST,
      memory: 'memory' in req ? r.memory : DEFAULT_MEMORY_REQUEST,
    };
  };
  let cpu = 0;
  let mem = 0;
  for (const c of spec.containers ?? []) {
    const r = nz(c);
    cpu += r.milliCPU;
    mem += r.memory;
  }
  let initCpu = 0;
  let initMem = 0;
  let sideCpu = 0;
  let sideMem = 0;
  for (const c of spec.initContainers ?? []) {
    const r = nz(c);
    if (c.restartPolicy === 'Always') {
      cpu += r.milliCPU;
      mem += r.memory;
      sideCpu += r.milliCPU;
      sideMem += r.memory;
      initCpu = Math.max(initCpu, sideCpu);
      initMem = Math.max(initMem, sideMem);
    } else {
      initCpu = Math.max(initCpu, sideCpu + r.milliCPU);
      initMem = Math.max(initMem, sideMem + r.memory);
    }
  }
  cpu = Math.max(cpu, initCpu);
  mem = Math.max(mem, initMem);
  const podLevel = spec.resources?.requests;
  if (podLevel) {
    const pl = resourceListToResources(podLevel);
    if ('cpu' in podLevel) cpu = pl.milliCPU;
    if ('memory' in podLevel) mem = pl.memory;
  }
  if (spec.overhead) {
    const o = resourceListToResources(spec.overhead);
    cpu += o.milliCPU;
    mem += o.memory;
  }
  return { milliCPU: cpu, memory: mem };
}
