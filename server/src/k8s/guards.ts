// Cheap pre-parse guards. The `yaml` parser dies with an uncatchable V8 out-of-memory error
// (RegExp compiler) once nesting reaches a few thousand levels (`[[[[…` or `- - - …`), so
// nesting must be bounded *before* the text reaches it. This scan is a deliberately rough,
// linear estimate: it may over-count a little (e.g. brackets inside a block scalar), which is
// why the default limit sits far above anything a real manifest needs and far below the crash.

/** Returns the offset where the estimated nesting depth first exceeds `max`, or -1. */
export function findExcessiveNesting(text: string, max: number): number {
  const indents: number[] = [];
  let flow = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: measure indentation (block context only).
    let col = 0;
    while (i < n && text.charCodeAt(i) === 32) { i++; col++; }
    if (flow === 0 && i < n && text[i] !== '\n' && text[i] !== '\r' && text[i] !== '#') {
      while (indents.length > 0 && indents[indents.length - 1] >= col) indents.pop();
      indents.push(col);
    }
    let compact = 0;
    let atValueStart = true;
    while (i < n && text[i] !== '\n') {
      const c = text[i];
      if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
        while (i < n && text[i] !== '\n') i++;
        break;
      }
      if ((c === '"' || c === "'") && (flow > 0 || atValueStart)) {
        i = skipQuoted(text, i, c);
        atValueStart = false;
        continue;
      }
      if (c === '[' || c === '{') {
        if (flow > 0 || atValueStart) flow++;
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--;
      } else if ((c === '-' || c === '?') && flow === 0 && atValueStart && (text[i + 1] === ' ' || text[i + 1] === '\n')) {
        compact++;
      }
      if (indents.length + compact + flow > max) return i;
      // A value may start after "- ", "? ", ": ", "," or an opening bracket.
      if (c === ' ' || c === '\t') {
        atValueStart = atValueStart || (i > 0 && /[-?:,[{]/.test(text[i - 1]));
      } else {
        atValueStart = c === '[' || c === '{' || c === ',';
      }
      i++;
    }
    i++;
  }
  return -1;
}

function skipQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (quote === '"' && c === '\\') { i += 2; continue; }
    if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") { i += 2; continue; }
      return i + 1;
    }
    i++;
  }
  return i;
}
