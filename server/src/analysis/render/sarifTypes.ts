// The part of SARIF 2.1.0 that `kube-spread check --format sarif` writes (names as in the standard).

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifArtifactLocation {
  /** A URI reference: relative to `uriBaseId` when that is set, else absolute (or `stdin`). */
  uri: string;
  uriBaseId?: string;
  description?: SarifMessage;
  properties?: Record<string, unknown>;
}

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  /** One past the region's last character, like the LSP range end. */
  endColumn: number;
}

export interface SarifPhysicalLocation {
  artifactLocation: SarifArtifactLocation;
  region: SarifRegion;
}

export interface SarifLocation {
  id?: number;
  physicalLocation: SarifPhysicalLocation;
  logicalLocations?: { fullyQualifiedName: string; kind: string }[];
  message?: SarifMessage;
}

export interface SarifRule {
  id: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  /** A suppressed finding: `inSource` (an ignore comment or annotation), `external` (the project file). */
  suppressions?: { kind: 'inSource' | 'external' }[];
}

export interface SarifRun {
  tool: { driver: { name: string; version: string; rules: SarifRule[] } };
  originalUriBaseIds: Record<string, SarifArtifactLocation>;
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}
