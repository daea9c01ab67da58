// Test inputs with the cursor written into the text as `‸` (U+2038): `spec:\n  topo‸` is the text
// without the mark and the offset where the mark was. Also the same input with CRLF line breaks.

export const MARK = '‸';

export interface Marked {
  text: string;
  offset: number;
}

export function marked(withMark: string): Marked {
  const offset = withMark.indexOf(MARK);
  if (offset < 0 || withMark.indexOf(MARK, offset + 1) >= 0) throw new Error(`exactly one ${MARK} expected in ${JSON.stringify(withMark)}`);
  return { text: withMark.slice(0, offset) + withMark.slice(offset + MARK.length), offset };
}

/** `withMark` with every LF turned into CRLF (the mark stays where it was relative to the text). */
export function crlf(withMark: string): string {
  return withMark.replace(/\r?\n/g, '\r\n');
}

/** Applies one [start, end) replacement. */
export function applyEdit(text: string, edit: { start: number; end: number; text: string }): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}
