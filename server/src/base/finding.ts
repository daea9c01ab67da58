// A finding is what every layer (yaml, schema, api, lint, spread) reports: one problem at one
// exact place in the source. The CLI prints them, the language server turns them into diagnostics.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** 0-based, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface RelatedInformation {
  message: string;
  range: Range;
  /** Another file (e.g. the fixture); absent means the same file. */
  file?: string;
}

export interface Finding {
  /** Stable code, grouped by prefix: yaml/, schema/, api/, lint/, spread/. Documented in README. */
  code: string;
  severity: Severity;
  message: string;
  /** Field path inside the object in the API server's notation, e.g. spec.template.spec.topologySpreadConstraints[0].maxSkew */
  path?: string;
  range: Range;
  /** 0-based index of the YAML document in its file. */
  document?: number;
  related?: RelatedInformation[];
  /** Machine-readable payload for quick fixes (never shown). */
  data?: unknown;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };
