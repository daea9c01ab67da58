// What validation reads of a parsed manifest document. k8s/manifest.ts's ManifestDocument has this
// shape; validation names only what it needs, so it does not depend on the parser (validation and
// k8s are sibling layers: both sit on engine/ and base/, neither imports the other).

import type { Range } from '../base/finding';

export type FieldPath = readonly (string | number)[];

export interface ValidatedDocument {
  /** 0-based position of the document in its file. */
  index: number;
  value: unknown;
  kind?: string;
  apiVersion?: string;
  range: Range;
  /** Set when the document is not validated (a template, a patch, not a manifest). */
  skip?: unknown;
  rangeOf(path: FieldPath, part: 'key' | 'value' | 'node'): Range | undefined;
  has(path: FieldPath): boolean;
}

export interface ValidatedFile {
  documents: readonly ValidatedDocument[];
}
