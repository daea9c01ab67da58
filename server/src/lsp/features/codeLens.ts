// A code lens over each `topologySpreadConstraints:` block: where the workload's replicas land on the
// fixture (`6 replicas → zone-a 2 · zone-b 2 · zone-c 2`, or `2 of 6 Pending · …`). It reads the
// simulation the diagnostics run already made for this document version (check.ts keeps it with the
// spread/ findings), so a keystroke never costs a second simulation. Clicking it opens the Simulate
// Placement view (client command kubeSpread.simulate) on that workload.
// In a file of several workloads (a release, docs/release.md) each workload's lens says what it gets
// next to the others (`api: 0/6 placed (blocked by cache)`, from the release check analysed), and the
// first one offers `Simulate release (N workloads)` (lsp/features/release.ts).

import type { CancellationToken, CodeLens, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type CheckResult, type EditorRelease, type SimulateJson, workloadOf } from '../../analysis';
import { SIMULATE_CLIENT_COMMAND, SIMULATE_RELEASE_CLIENT_COMMAND, WhatIfLensCommands } from '../../protocol';
import { releaseLensTitle, releaseLensTooltip } from './release';
import { hpaLenses } from './hpaLens';
import type { DiagnosticsScheduler } from './diagnostics';
import { HOSTNAME } from '../../editor/editorModel';

/** Client commands of the what-if lenses, offered when the client lists them in initializationOptions.clientCommands. */
export const WHATIF_LENS_COMMANDS: string[] = Object.values(WhatIfLensCommands);
/** Every client command a lens may invoke only when the client lists it. */
export const LENS_CLIENT_COMMANDS: string[] = [...WHATIF_LENS_COMMANDS, SIMULATE_RELEASE_CLIENT_COMMAND];
/** Kinds whose controller the what-ifs model (docs/whatif.md); rollout is for Deployments only. */
const WHATIF_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);
const WAIT_MS = 4000;
const MAX_DOMAINS = 6;

export function registerCodeLens(
  connection: Connection, documents: TextDocuments<TextDocument>, diagnostics: DiagnosticsScheduler, clientCommands: () => string[] = () => [],
  /** The release of the checked file (lsp/features/release.ts editorReleaseOf), when wired. */
  releaseOf?: (uri: string, result: CheckResult) => EditorRelease | undefined,
): void {
  connection.onCodeLens(async (params, token): Promise<CodeLens[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const result = await analysisOf(doc, documents, diagnostics, token);
    return result ? [...lensesFor(doc.uri, result, clientCommands(), releaseOf?.(doc.uri, result)), ...hpaLenses(doc.uri, result)] : [];
  });
}

/**
 * The diagnostics run's analysis of the document's current version: waits for it (typing is
 * debounced there) instead of analysing again. `doc` is updated in place by later edits, so a wait
 * that outlives an edit ends with the newer version's analysis; undefined when cancelled or closed.
 */
export async function analysisOf(doc: TextDocument, documents: TextDocuments<TextDocument>, diagnostics: DiagnosticsScheduler, token?: CancellationToken): Promise<CheckResult | undefined> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const hit = diagnostics.results.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.result;
    if (token?.isCancellationRequested || !documents.get(doc.uri)) return undefined;
    if (Date.now() > deadline) return diagnostics.analyze(doc); // no run is coming (e.g. a client that never opened it)
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function lensesFor(uri: string, result: CheckResult, clientCommands: string[] = [], release?: EditorRelease): CodeLens[] {
  const parsed = result.parsed;
  if (!parsed) return [];
  const out: CodeLens[] = [];
  const releaseCommand = clientCommands.includes(SIMULATE_RELEASE_CLIENT_COMMAND) ? SIMULATE_RELEASE_CLIENT_COMMAND : undefined;
  // `Simulate release (N workloads)` on the file's first workload of the release.
  const firstMember = release && releaseCommand ? Math.min(...release.members.keys()) : undefined;
  for (const d of parsed.documents) {
    const w = workloadOf(d);
    if (!w) continue;
    if (d.index === firstMember) out.push(releaseLens(uri, d.index, d.rangeOf(['kind'], 'key') ?? d.range, release!, releaseCommand!));
    const member = release?.result ? release.members.get(d.index) : undefined;
    const tsc = [...w.podSpecPath, 'topologySpreadConstraints'];
    const hasTsc = d.has(tsc);
    // The what-ifs sit next to the placement lens, or on `kind:` for a workload without constraints.
    const whatIfRange = WHATIF_KINDS.has(String(d.kind)) ? (hasTsc ? d.rangeOf(tsc, 'key') : d.rangeOf(['kind'], 'key')) : undefined;
    const whatIfs = whatIfRange ? whatIfLenses(uri, d.index, String(d.kind), whatIfRange, clientCommands) : [];
    // A workload of a simulated release gets its lens even without constraints: the others may block it.
    const range = hasTsc ? d.rangeOf(tsc, 'key') : member !== undefined ? d.rangeOf(['kind'], 'key') : undefined;
    if (!range) {
      out.push(...whatIfs);
      continue;
    }
    const sim = result.documents?.find((x) => x.document === d.index)?.simulation;
    if (member !== undefined && release?.result) {
      const on = sim ? (sim.cluster.source === 'embedded-sample' ? 'Computed on the embedded sample cluster.' : `Computed on ${sim.cluster.source}.`) : '';
      out.push({
        range,
        command: {
          title: releaseLensTitle(release.result, member, sim ? distributionText(sim) : ''),
          command: releaseCommand ?? SIMULATE_CLIENT_COMMAND,
          arguments: [{ uri, document: d.index, position: range.start }],
          tooltip: releaseLensTooltip(release, member, on),
        } as CodeLens['command'],
      }, ...whatIfs);
      continue;
    }
    out.push({
      range,
      command: {
        title: sim ? lensTitle(sim) : 'Simulate placement',
        command: SIMULATE_CLIENT_COMMAND,
        arguments: [{ uri, document: d.index, position: range.start }],
        ...(sim ? { tooltip: `${sim.cluster.source === 'embedded-sample' ? 'Computed on the embedded sample cluster. ' : `Computed on ${sim.cluster.source}. `}Click to open Simulate Placement.` } : {}),
      } as CodeLens['command'],
    }, ...whatIfs);
  }
  return out;
}

function whatIfLenses(uri: string, document: number, kind: string, range: CodeLens['range'], clientCommands: string[]): CodeLens[] {
  const args = [{ uri, document, position: range.start }];
  const lenses: { command: string; title: string; tooltip: string }[] = [
    ...(kind === 'Deployment' ? [{ command: WhatIfLensCommands.rollout, title: 'Rollout…', tooltip: 'Simulate a rolling update step by step (with and without matchLabelKeys: [pod-template-hash])' }] : []),
    { command: WhatIfLensCommands.scale, title: 'Scale…', tooltip: `Simulate scaling this ${kind} to another replica count: which pods the controller deletes, the skew left behind` },
    { command: WhatIfLensCommands.domainLoss, title: 'Lose a zone…', tooltip: 'Simulate losing a zone (or any topology domain): where the replacements go, or why they stay Pending' },
  ];
  return lenses.filter((l) => clientCommands.includes(l.command))
    .map((l) => ({ range, command: { title: l.title, command: l.command, arguments: args, tooltip: l.tooltip } as CodeLens['command'] }));
}

/** The key the lens summarises: the first spread key that is not per node, else the first one. */
function primaryKey(sim: SimulateJson): string | undefined {
  const keys = Object.keys(sim.distribution ?? {});
  return keys.find((k) => k !== HOSTNAME) ?? keys[0];
}

/** "zone-a 2 · zone-b 2 · zone-c 2": the replicas per domain of the primary key, the largest first past MAX_DOMAINS. */
export function distributionText(sim: SimulateJson): string {
  const key = primaryKey(sim);
  const entries = Object.entries((key && sim.distribution[key]) || {});
  const shown = entries.length > MAX_DOMAINS
    ? [...entries].sort((a, b) => b[1] - a[1]).slice(0, MAX_DOMAINS)
    : entries;
  return shown.map(([d, n]) => `${d || '""'} ${n}`).join(' · ') + (entries.length > shown.length ? ` · +${entries.length - shown.length} more` : '');
}

/** The lens that opens the Simulate Release view on the file's release. */
function releaseLens(uri: string, document: number, range: CodeLens['range'], release: EditorRelease, command: string): CodeLens {
  const n = release.workloads.length;
  const tooltip = `Simulate every workload of ${release.files.length > 1 ? `this release (${release.files.length} files)` : 'this file'} together: one picture, one colour per workload`
    + (release.notSimulated ? `. ${release.notSimulated}` : '');
  return { range, command: { title: `Simulate release (${n} workloads)`, command, arguments: [{ uri, document, position: range.start }], tooltip } as CodeLens['command'] };
}

export function lensTitle(sim: SimulateJson): string {
  const total = sim.workload.replicas;
  const pending = sim.pending.length;
  const dist = distributionText(sim);
  const noun = sim.workload.kind === 'DaemonSet' ? 'daemon pods' : total === 1 ? 'replica' : 'replicas';
  const by = preemptionText(sim);
  if (pending > 0) return `${pending} of ${total} Pending${by}${dist ? ` · placed: ${dist}` : ''}`;
  if (by) return `${sim.placements.length}/${total} placed${by}${dist ? ` → ${dist}` : ''}`;
  if (!dist) return `${total} ${noun} placed`;
  return `${total} ${noun} → ${dist}`;
}

/** " (2 by preempting 3 lower-priority pods)": replicas placed only by evicting others (docs/preemption.md). */
function preemptionText(sim: SimulateJson): string {
  const by = sim.placements.filter((p) => p.preempted?.length);
  if (by.length === 0) return '';
  const victims = by.reduce((n, p) => n + (p.preempted?.length ?? 0), 0);
  return ` (${by.length} by preempting ${victims} lower-priority pod${victims === 1 ? '' : 's'})`;
}
