// The longer documentation of each finding code, read from codeDocs.json, which
// scripts/gen-code-docs.ts generates from docs/codes.md (the one place that text is written).

import generated from './codeDocs.json';

export interface CodeDoc {
  /** Markdown: the section's paragraphs, without the quick-fix data and the example. */
  description: string;
  /** The editor offers a quick fix for this code. */
  quickFix?: boolean;
  /** A YAML fragment that triggers the code (often only the relevant part of the object). */
  example?: string;
}

export interface CodeDocsFile {
  generatedBy: string;
  codes: Record<string, CodeDoc>;
}

const FILE: CodeDocsFile = generated;
const DOCS: Record<string, CodeDoc | undefined> = FILE.codes;

/** undefined for a code docs/codes.md does not document (yet): callers fall back to the one-line description. */
export function codeDoc(code: string): CodeDoc | undefined {
  return Object.hasOwn(DOCS, code) ? DOCS[code] : undefined;
}
