// The narrow interface this server needs from the analysis layer (server/src/analysis.ts, owned by
// the lead). Coding against it keeps the LSP wiring independent of how findings and simulations are
// produced; `analysisBackend.ts` is the only place that picks the implementation.

import type { ParsedFile } from '../../k8s/manifest';
import type { Finding } from '../../base/finding';
import type { LoadedFixtureLike } from './fixturePort';
import type { ExplainResult, SimulateResult } from '../../protocol';

export interface AnalysisContext {
  fixture: LoadedFixtureLike;
  /** Kubernetes minor version, e.g. 36 for "1.36". */
  minor: number;
  gates?: Record<string, boolean>;
  /** The resolved version, gates and scheduler setup (lsp/state/clusterConfig.ts); wins over `minor`/`gates`. The same object until something changes. */
  cluster?: { env: unknown; setup: unknown };
  /** Finding groups to compute (settings kubeSpread.findings.*); yaml/ is always on. */
  groups?: { schema: boolean; api: boolean; lint: boolean; spread: boolean };
  /** kubeSpread.limits.* (defaults when absent). */
  limits?: Partial<import('../../analysis/limits').Limits>;
}

export interface AnalysisResult {
  findings: Finding[];
  /** The parse the findings were computed from (code actions and lenses read ranges from it, no second parse). */
  parsed?: ParsedFile;
  /** Per YAML document: the simulation the spread/ findings came from (code lenses show it, no second run). */
  documents?: { document: number; kind?: string; name?: string; simulation?: SimulateResult }[];
}

export interface SimulateOptions {
  document?: number;
  /** Explicit replica count (overrides the workload's own). */
  replicas?: number;
  /** Replicas to use for a bare Pod when `replicas` is not given (setting kubeSpread.defaultReplicas). */
  podReplicas: number;
}

export interface AnalysisPort {
  /** Human-readable name for the log, so it is obvious which backend is wired in. */
  readonly name: string;
  analyzeText(text: string, fileName: string, ctx: AnalysisContext): AnalysisResult;
  simulateDocument(text: string, fileName: string, ctx: AnalysisContext, opts: SimulateOptions): SimulateResult;
  explainDocument(text: string, fileName: string, ctx: AnalysisContext, opts: { document?: number }): ExplainResult;
}

/** Thrown when the backend cannot do what was asked (e.g. no analysis module yet, nothing schedulable). */
export class AnalysisUnavailable extends Error {}
