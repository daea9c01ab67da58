// A code lens over each `topologySpreadConstraints:` block: where the workload's replicas land on the
// fixture (`6 replicas → zone-a 2 · zone-b 2 · zone-c 2`, or `2 of 6 Pending · …`). It reads the
// simulation the diagnostics run already made for this document version (check.ts keeps it with the
// spread/ findings), so a keystroke never costs a second simulation. Clicking it opens the Simulate
// Placement view (client command kubeSpread.simulate) on that workload.

import type { CancellationToken, CodeLens, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { workloadOf } from '../k8s/workloads';
import type { AnalysisResult, SimulateResult } from './analysisPort';
import type { DiagnosticsScheduler } from './diagnostics';
import { HOSTNAME } from './editorModel';

export const SIMULATE_CLIENT_COMMAND = 'kubeSpread.simulate';
const WAIT_MS = 4000;
const MAX_DOMAINS = 6;

export function registerCodeLens(connection: Connection, documents: TextDocuments<TextDocument>, diagnostics: DiagnosticsScheduler): void {
  connection.onCodeLens(async (params, token): Promise<CodeLens[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const result = await analysisOf(doc, documents, diagnostics, token);
    return result ? lensesFor(doc.uri, result) : [];
  });
}

/**
 * The diagnostics run's analysis of the document's current version: waits for it (typing is
 * debounced there) instead of analysing again. `doc` is updated in place by later edits, so a wait
 * that outlives an edit ends with the newer version's analysis; undefined when cancelled or closed.
 */
export async function analysisOf(doc: TextDocument, documents: TextDocuments<TextDocument>, diagnostics: DiagnosticsScheduler, token?: CancellationToken): Promise<AnalysisResult | undefined> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const hit = diagnostics.results.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.result;
    if (token?.isCancellationRequested || !documents.get(doc.uri)) return undefined;
    if (Date.now() > deadline) return diagnostics.analyze(doc); // no run is coming (e.g. a client that never opened it)
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function lensesFor(uri: string, result: AnalysisResult): CodeLens[] {
  const parsed = result.parsed;
  if (!parsed) return [];
  const out: CodeLens[] = [];
  for (const d of parsed.documents) {
    const w = workloadOf(d);
    if (!w) continue;
    const tsc = [...w.podSpecPath, 'topologySpreadConstraints'];
    if (!d.has(tsc)) continue;
    const range = d.rangeOf(tsc, 'key');
    if (!range) continue;
    const sim = result.documents?.find((x) => x.document === d.index)?.simulation;
    out.push({
      range,
      command: {
        title: sim ? lensTitle(sim) : 'Simulate placement',
        command: SIMULATE_CLIENT_COMMAND,
        arguments: [{ uri, document: d.index, position: range.start }],
        ...(sim ? { tooltip: `${sim.cluster.source === 'embedded-sample' ? 'Computed on the embedded sample cluster. ' : `Computed on ${sim.cluster.source}. `}Click to open Simulate Placement.` } : {}),
      } as CodeLens['command'],
    });
  }
  return out;
}

/** The key the lens summarises: the first spread key that is not per node, else the first one. */
function primaryKey(sim: SimulateResult): string | undefined {
  const keys = Object.keys(sim.distribution ?? {});
  return keys.find((k) => k !== HOSTNAME) ?? keys[0];
}

export function lensTitle(sim: SimulateResult): string {
  const total = sim.workload.replicas;
  const pending = sim.pending.length;
  const key = primaryKey(sim);
  const entries = Object.entries((key && sim.distribution[key]) || {});
  const shown = entries.length > MAX_DOMAINS
    ? [...entries].sort((a, b) => b[1] - a[1]).slice(0, MAX_DOMAINS)
    : entries;
  const dist = shown.map(([d, n]) => `${d || '""'} ${n}`).join(' · ') + (entries.length > shown.length ? ` · +${entries.length - shown.length} more` : '');
  const noun = sim.workload.kind === 'DaemonSet' ? 'daemon pods' : total === 1 ? 'replica' : 'replicas';
  if (pending > 0) return `${pending} of ${total} Pending${dist ? ` · placed: ${dist}` : ''}`;
  if (!dist) return `${total} ${noun} placed`;
  return `${total} ${noun} → ${dist}`;
}
