// Shared by the engine's property tests: a generated constraint record as the API would hold it
// (minDomains only with DoNotSchedule, optional fields left out rather than undefined).

import type { LabelSelector, TopologySpreadConstraint } from '../../../server/src/engine/api';

export interface ConstraintFields {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: string;
  labelSelector: LabelSelector | null;
  minDomains?: number;
  nodeTaintsPolicy?: string;
  nodeAffinityPolicy?: string;
}

export function toConstraint(c: ConstraintFields): TopologySpreadConstraint {
  const out: TopologySpreadConstraint = { maxSkew: c.maxSkew, topologyKey: c.topologyKey, whenUnsatisfiable: c.whenUnsatisfiable };
  if (c.labelSelector !== null) out.labelSelector = c.labelSelector;
  if (c.minDomains !== undefined && c.whenUnsatisfiable === 'DoNotSchedule') out.minDomains = c.minDomains;
  if (c.nodeTaintsPolicy) out.nodeTaintsPolicy = c.nodeTaintsPolicy;
  if (c.nodeAffinityPolicy) out.nodeAffinityPolicy = c.nodeAffinityPolicy;
  return out;
}
