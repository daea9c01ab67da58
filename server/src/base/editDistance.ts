// Levenshtein distance (insert, delete, substitute), for every "did you mean": mistyped flags
// (cli/), unknown schema fields (validation/), misspelled topology keys (analysis/lint/).

/**
 * The edit distance between a and b. With `cap`, any distance above it may be reported as cap + 1
 * (strings whose lengths differ by more than cap are not compared letter by letter).
 */
export function editDistance(a: string, b: string, cap = Infinity): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = d[j];
      d[j] = Math.min(above + 1, d[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return d[b.length];
}
