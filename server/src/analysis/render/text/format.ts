// Small pieces of the text output: padding, bars, replica ranges and shortened name lists, so a
// 20,000-replica or 5,000-node answer still prints lines a person can read.

const BAR = '█';

export function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function bar(n: number, max: number, width = 24): string {
  if (max <= 0) return '';
  return BAR.repeat(Math.max(n > 0 ? 1 : 0, Math.round((n / max) * width)));
}

/** Sorted distinct numbers as runs: [0, 1, 2, 5, 7, 8] → "0-2, 5, 7, 8"; past `maxParts` runs, the count instead of the rest. */
export function ranges(nums: readonly number[], maxParts = 16): string {
  const sorted = [...new Set(nums)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}-${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  if (parts.length <= maxParts) return parts.join(', ');
  return `${parts.slice(0, maxParts).join(', ')}, … (${sorted.length} in all)`;
}

/** "replica 4" / "replicas 0-99, 120". */
export function replicaList(nums: readonly number[]): string {
  return `${nums.length === 1 ? 'replica' : 'replicas'} ${ranges(nums)}`;
}

/** "a, b, c" or "a, b, c, … (+97 more)". */
export function nameList(names: readonly string[], max = 5): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, … (+${names.length - max} more)`;
}

/** "3" or "2-5": the spread of per-member counts. */
export function span(values: readonly number[]): string {
  if (values.length === 0) return '-';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? String(lo) : `${lo}-${hi}`;
}

/** Adds `v` to the list under `key` (a multimap without copying: lists may hold 20,000 replicas). */
export function append<K, V>(m: Map<K, V[]>, key: K, v: V): void {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
}
