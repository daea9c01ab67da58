// Which bundled schema checks a document: by group/version/kind, for the Kubernetes minor
// version asked for, or the nearest bundled one (and a note saying so).

import { SCHEMA_CATALOG } from './catalog';

export interface SchemaChoice {
  /** "group/version/Kind", e.g. "apps/v1/Deployment" ("v1/Pod" for the core group). */
  key: string;
  /** The Kubernetes minor version of the schema actually used. */
  minor: number;
  schema: object;
  /** Set when the requested version is not bundled and another one is used. */
  note?: string;
}

export const BUNDLED_MINORS: readonly number[] = Object.keys(SCHEMA_CATALOG).map(Number).sort((a, b) => a - b);

/** The bundled minor closest to `minor` (on a tie, the older one: it has fewer new fields to miss). */
export function nearestMinor(minor: number): number {
  let best = BUNDLED_MINORS[0];
  for (const m of BUNDLED_MINORS) if (Math.abs(m - minor) < Math.abs(best - minor)) best = m;
  return best;
}

export function schemaFor(kind: string, apiVersion: string, k8sMinor: number): SchemaChoice | undefined {
  const minor = SCHEMA_CATALOG[k8sMinor] ? k8sMinor : nearestMinor(k8sMinor);
  const key = `${apiVersion}/${kind}`;
  const load = SCHEMA_CATALOG[minor]?.[key];
  if (!load) return undefined;
  const note = minor === k8sMinor ? undefined : `No schemas bundled for Kubernetes 1.${k8sMinor}; checked against 1.${minor}`;
  return { key, minor, schema: load(), note };
}

/** The apiVersions the bundled schemas of `minor` serve for `kind` (empty if the kind is unknown). */
export function servedVersions(kind: string, k8sMinor: number): string[] {
  const cat = SCHEMA_CATALOG[SCHEMA_CATALOG[k8sMinor] ? k8sMinor : nearestMinor(k8sMinor)] ?? {};
  return Object.keys(cat)
    .filter((k) => k.slice(k.lastIndexOf('/') + 1) === kind)
    .map((k) => k.slice(0, k.lastIndexOf('/')));
}
