// Just enough of npm's semver ranges to read `engines.node` fields: `||` alternatives of
// space-separated comparators (`>=`, `>`, `<=`, `<`, `=`), caret and tilde ranges, `*`, and partial or
// `x` versions (`20`, `4.x`, `20.19`). Prerelease tags are not needed for Node versions and are refused.

type Version = [number, number, number];

/** Whether `version` (`20.19.0`) satisfies `range` (`^20.19.0 || >=22.12.0`). */
export function acceptsVersion(range: string, version: string): boolean {
  const v = parseFull(version);
  return range.split('||').some((alternative) => comparators(alternative).every((test) => test(v)));
}

function comparators(alternative: string): Array<(v: Version) => boolean> {
  const words = alternative.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean);
  if (words.length === 0) return [() => true];
  return words.flatMap((word) => {
    const m = /^(>=|<=|>|<|=|\^|~)?v?(.*)$/.exec(word);
    if (!m) throw new Error(`unreadable range ${alternative}`);
    const [, op = '', rest] = m;
    if (rest === '*' || rest === 'x') return [() => true];
    const { lower, upper } = bounds(rest);
    const low = (v: Version): boolean => compare(v, lower) >= 0;
    const below = (v: Version): boolean => compare(v, upper) < 0;
    switch (op) {
      case '>=':
        return [low];
      case '>':
        return [(v) => compare(v, upper) >= 0];
      case '<':
        return [(v) => compare(v, lower) < 0];
      case '<=':
        return [below];
      case '^':
        return [low, (v) => compare(v, caretUpper(lower, rest)) < 0];
      case '~':
        return [low, (v) => compare(v, [lower[0], lower[1] + 1, 0]) < 0];
      default:
        return [low, below];
    }
  });
}

/** A partial version `M`, `M.m`, `M.x`, `M.m.p` as the range [lower, upper) it stands for. */
function bounds(partial: string): { lower: Version; upper: Version } {
  const parts = partial.split('.').filter((p) => p !== 'x' && p !== 'X' && p !== '*');
  if (!parts.every((p) => /^\d+$/.test(p)) || parts.length === 0 || parts.length > 3) throw new Error(`unreadable version ${partial}`);
  const n = parts.map(Number);
  if (n.length === 1) return { lower: [n[0], 0, 0], upper: [n[0] + 1, 0, 0] };
  if (n.length === 2) return { lower: [n[0], n[1], 0], upper: [n[0], n[1] + 1, 0] };
  return { lower: [n[0], n[1], n[2]], upper: [n[0], n[1], n[2] + 1] };
}

/** `^` allows changes that do not modify the left-most non-zero part given. */
function caretUpper(lower: Version, partial: string): Version {
  const given = partial.split('.').length;
  if (lower[0] > 0 || given === 1) return [lower[0] + 1, 0, 0];
  if (lower[1] > 0 || given === 2) return [0, lower[1] + 1, 0];
  return [0, 0, lower[2] + 1];
}

function parseFull(version: string): Version {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m) throw new Error(`not a version: ${version}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
