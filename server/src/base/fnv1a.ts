// FNV-1a over a string's UTF-16 code units: a small, stable 32-bit hash (generated names and uids in
// k8s/identity.ts, the duplicate-pod table in fixture/firstOccurrence.ts). Not for security.

/** The 32-bit FNV-1a hash of `s` (unsigned), continuing from `seed` (the FNV offset basis by default). */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
