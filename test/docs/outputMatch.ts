// Compares what a command printed with what the documentation shows. Exact, except for:
// - SKIP (`…` alone on a line) in the documentation stands for any number of lines, none included;
// - trailing whitespace on each line and blank lines at the end are ignored (Markdown editors strip
//   the first, and a blank line before the next `$ ` reads better);
// - the repository's absolute path (also as a file: URI) is shown as REPO_PLACEHOLDER, since it
//   differs on every machine.

import { pathToFileURL } from 'node:url';

export const SKIP = '…';
export const REPO_PLACEHOLDER = '/path/to/kube-spread';

/** The lines of `text` as the comparison sees them. */
export function normalise(text: string, repoRoot: string): string[] {
  const lines = text
    .split(pathToFileURL(repoRoot).href)
    .join(pathToFileURL(REPO_PLACEHOLDER).href)
    .split(repoRoot)
    .join(REPO_PLACEHOLDER)
    .split('\n')
    .map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Whether `actual` matches `expected`, where each SKIP line of `expected` matches any run of lines.
 * The chunks between SKIPs must appear in order; placing each at its earliest position is enough.
 */
export function matches(expected: string[], actual: string[]): boolean {
  const chunks = splitAtSkips(expected);
  if (chunks.length === 1) return sameLines(chunks[0], actual);
  const [first, ...rest] = chunks;
  const last = rest.pop() ?? [];
  if (!sameLines(first, actual.slice(0, first.length))) return false;
  let at = first.length;
  for (const chunk of rest) {
    const found = indexOfChunk(actual, chunk, at);
    if (found < 0) return false;
    at = found + chunk.length;
  }
  return actual.length - at >= last.length && sameLines(last, actual.slice(actual.length - last.length));
}

function splitAtSkips(lines: string[]): string[][] {
  const chunks: string[][] = [[]];
  for (const l of lines) {
    if (l.trim() === SKIP) chunks.push([]);
    else chunks[chunks.length - 1].push(l);
  }
  return chunks;
}

function indexOfChunk(lines: string[], chunk: string[], from: number): number {
  for (let i = from; i + chunk.length <= lines.length; i++) {
    if (sameLines(chunk, lines.slice(i, i + chunk.length))) return i;
  }
  return -1;
}

const sameLines = (a: string[], b: string[]): boolean => a.length === b.length && a.every((l, i) => l === b[i]);
