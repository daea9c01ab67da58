// Stable made-up identities for simulated objects: UIDs, template hashes, generated name
// suffixes. Real values are random or assigned by the API server; what matters for the
// scheduler is only that they are consistent (same workload → same hash) and distinct.

import { fnv1a } from '../base/fnv1a';
import type { Pod } from '../engine';

// The alphabet Kubernetes uses for generated names and hashes (no vowels, no look-alikes).
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** Like rand.SafeEncodeString(fmt.Sprint(hash)): the decimal digits mapped onto SAFE. */
function safeEncode(n: number): string {
  return [...String(n)].map((ch) => SAFE[ch.charCodeAt(0) % SAFE.length]).join('');
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * Hashes per template object: every replica's pod asks (podForReplica), and serializing the template
 * each time was ~5 % of a `check` of 500 small files. Templates are not modified once built
 * (k8s/workloads.ts workloadOf), and a WeakMap lets them go with their workload.
 */
const hashes = new WeakMap<Pod, string>();

/** A pod-template-hash style value (e.g. "5d59d67564"): changes whenever the template does. */
export function templateHash(template: Pod): string {
  let h = hashes.get(template);
  if (h === undefined) {
    h = safeEncode(fnv1a(stableJson({ labels: template.metadata.labels, spec: template.spec })));
    hashes.set(template, h);
  }
  return h;
}

export function fakeUid(kind: string, namespace: string, name: string): string {
  const key = `${kind}/${namespace}/${name}`;
  const hex = [1, 2, 3, 4].map((seed) => fnv1a(key, seed * 0x9e3779b1).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface ControllerNames {
  /** The pods' controller: the ReplicaSet of a Deployment, the Job of a CronJob, else the workload. */
  ownerKind: string;
  ownerApiVersion: string;
  name: string;
  uid: string;
  hash: string;
  /** The 5-character random suffix of generated pod names, made stable per replica. */
  podSuffix(i: number): string;
}

/**
 * Per template object, by kind, name and uid: every replica's pod asks (podForReplica), and making the
 * owner's uid again each time (four hashes) was ~3 % of a `check` of 500 small files.
 */
const namesOf = new WeakMap<Pod, Map<string, ControllerNames>>();

export function controllerNames(kind: string, name: string, uid: string, template: Pod): ControllerNames {
  let byKey = namesOf.get(template);
  if (!byKey) namesOf.set(template, (byKey = new Map()));
  const key = `${kind}\u0000${name}\u0000${uid}`;
  let names = byKey.get(key);
  if (!names) byKey.set(key, (names = makeControllerNames(kind, name, uid, template)));
  return names;
}

function makeControllerNames(kind: string, name: string, uid: string, template: Pod): ControllerNames {
  const hash = templateHash(template);
  let owner = { ownerKind: kind, ownerApiVersion: apiVersionOf(kind), name, uid };
  if (kind === 'Deployment') {
    const rs = `${name}-${hash}`;
    owner = { ownerKind: 'ReplicaSet', ownerApiVersion: 'apps/v1', name: rs, uid: fakeUid('ReplicaSet', uid, rs) };
  } else if (kind === 'CronJob') {
    // A CronJob's Job is named after its scheduled time in minutes; any fixed number will do.
    const job = `${name}-${29_000_000 + (fnv1a(name) % 1_000_000)}`;
    owner = { ownerKind: 'Job', ownerApiVersion: 'batch/v1', name: job, uid: fakeUid('Job', uid, job) };
  }
  return {
    ...owner,
    hash,
    podSuffix: (i) => {
      let n = fnv1a(`${owner.name}#${i}`);
      let s = '';
      for (let k = 0; k < 5; k++) {
        s += SAFE[n % SAFE.length];
        n = Math.floor(n / SAFE.length);
      }
      return s;
    },
  };
}

function apiVersionOf(kind: string): string {
  if (kind === 'Job' || kind === 'CronJob') return 'batch/v1';
  if (kind === 'Pod' || kind === 'ReplicationController') return 'v1';
  return 'apps/v1';
}
