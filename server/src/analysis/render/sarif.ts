// SARIF 2.1.0 for code-scanning upload (`kube-spread check --format sarif`; docs/ci.md).
//
// Validated in the tests against the official SARIF 2.1.0 schema (test/cli/sarifSchema.ts).
// Locations: sarifUri.ts (uris relative to %SRCROOT%, percent-encoded). Rules: sarifRules.ts.
// Columns are LSP character offsets, so UTF-16 code units (columnKind).

import type { Finding, Range } from '../../base/finding';
import { sortFindings } from '../check';
import { SARIF_LEVEL, sarifRule } from './sarifRules';
import type { SarifArtifactLocation, SarifLocation, SarifLog, SarifRegion, SarifResult } from './sarifTypes';
import { artifactLocation, SOURCE_ROOT_ID, sourceRootLocation, type SarifBase } from './sarifUri';

export type { SarifBase } from './sarifUri';
export type { SarifLog } from './sarifTypes';

export interface FileFindings {
  /** As the CLI prints it: relative to the working directory, absolute, or <stdin>. */
  file: string;
  findings: Finding[];
  /**
   * Findings an ignore comment or annotation (`suppressedBy` comment, annotation) or the project file
   * (project) suppressed: results with `suppressions` (analysis/project/suppress.ts).
   */
  suppressed?: (Finding & { suppressedBy: string })[];
}

/** The $id of the official schema (OASIS SARIF 2.1.0 Errata 01). */
const SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** partialFingerprints key; bump the version if the recipe (fingerprintKey) ever changes. */
export const FINGERPRINT_NAME = 'kubeSpreadFinding/v1';

export function toSarif(files: FileFindings[], version: string, base: SarifBase): SarifLog {
  const ruleIds = [...new Set(files.flatMap((f) => [...f.findings, ...f.suppressed ?? []].map((x) => x.code)))].sort();
  const results: SarifResult[] = [];
  for (const { file, findings, suppressed = [] } of files) {
    const location = artifactLocation(file, base);
    const seen = new Map<string, number>();
    // Suppressed findings in their place among the others, so a fingerprint's ":N" does not depend on what is suppressed.
    const suppressedBy = new Map<Finding, string>(suppressed.map((f) => [f, f.suppressedBy]));
    for (const f of suppressed.length ? sortFindings([...findings, ...suppressed]) : findings) {
      const by = suppressedBy.get(f);
      const key = fingerprintKey(f, location);
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      results.push({
        ruleId: f.code,
        ruleIndex: ruleIds.indexOf(f.code),
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: { artifactLocation: location, region: region(f.range) },
          ...(f.path ? { logicalLocations: [{ fullyQualifiedName: f.path, kind: 'member' }] } : {}),
        }],
        ...(f.related?.length ? { relatedLocations: f.related.map((r, i): SarifLocation => ({
          id: i + 1,
          physicalLocation: { artifactLocation: r.file === undefined ? location : artifactLocation(r.file, base), region: region(r.range) },
          message: { text: r.message },
        })) } : {}),
        partialFingerprints: { [FINGERPRINT_NAME]: `${key}:${occurrence}` },
        ...(by ? { suppressions: [{ kind: by === 'project' ? 'external' as const : 'inSource' as const }] } : {}),
      });
    }
  }
  return {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'kube-spread', version, rules: ruleIds.map(sarifRule) } },
      originalUriBaseIds: { [SOURCE_ROOT_ID]: sourceRootLocation(base) },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

/** LSP's 0-based, end-exclusive range as SARIF's 1-based region (endColumn is also one past the end). */
function region(r: Range): SarifRegion {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/**
 * What identifies a finding across runs, without its line: the code, the file (its uri and base),
 * the document's index in the file and the field path. Moving lines (in the same document or above
 * it) keeps the fingerprint; the result's ":N" suffix (the Nth finding with this key in the file)
 * tells apart findings the key does not, such as two YAML errors of one document.
 */
function fingerprintKey(f: Finding, location: SarifArtifactLocation): string {
  const identity = JSON.stringify([f.code, location.uriBaseId ?? '', location.uri, f.document ?? null, f.path ?? null]);
  // node:crypto loaded here, not at the top: every CLI run would load it (~10 ms with node:stream) for SARIF alone.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}
