// Whether positions fit the text the way an LSP client sees it (lines end at \r\n, \n or \r;
// characters are UTF-16 code units).

export interface Pos { line: number; character: number }
export interface Rng { start: Pos; end: Pos }

export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

/** A message naming the first range outside the text, or undefined when all fit. */
export function rangeProblem(ranges: { range: Rng; code?: unknown }[], text: string): string | undefined {
  const lens = lineLengths(text);
  const ok = (p: Pos) => Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line < lens.length && p.character <= lens[p.line];
  for (const { range, code } of ranges) {
    const { start, end } = range;
    if (!ok(start) || !ok(end)) return `${String(code)}: ${JSON.stringify(range)} is outside the text (${lens.length} lines)`;
    if (end.line < start.line || (end.line === start.line && end.character < start.character)) return `${String(code)}: ${JSON.stringify(range)} ends before it starts`;
  }
  return undefined;
}
