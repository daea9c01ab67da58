// The editor's side of a release (docs/release.md): the lens title and hover text of a workload that
// is simulated with the other workloads of its file, and the Simulate Release command's answer (every
// workload placed together, with the picture the CLI draws). Translation only: the release itself is
// analysed by analysis/ (AnalysisSession.release, .simulateRelease).

import { basename } from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  blockerName, type CheckResult, type EditorRelease, orderChangesOf, orderName, readableReleaseFile, releaseColors, renderReleaseSvg,
} from '../../analysis';
import type { SimulateReleaseResult } from '../../protocol';
import { type EditorAnalysis } from '../state/analysis';

type ReleaseWorkload = NonNullable<EditorRelease['result']>['workloads'][number];

/** The release of a checked file, read with the options its check used (the same memoized analysis). */
export function editorReleaseOf(analysis: EditorAnalysis): (uri: string, result: CheckResult) => EditorRelease | undefined {
  return (uri, result) => {
    try {
      return analysis.session().release(result.parsed, analysis.checkOptions(uri));
    } catch {
      return undefined; // no release view rather than no lens at all
    }
  };
}

/** "cache, web": the workloads that block workload w, as a lens names them. */
function blockers(w: ReleaseWorkload, long = false): string {
  const named = (w.blockedBy ?? []).map((b) => blockerName(b, w.file, long));
  return `${named.join(', ')}${w.blockedByMore ? ', …' : ''}`;
}

/**
 * "api: 0/6 placed (blocked by cache)", "cache: 6/6 placed → zone-a 2 · zone-b 2 · zone-c 2":
 * workload k of the release, with `dist` (where its replicas landed) when it placed any.
 */
export function releaseLensTitle(r: NonNullable<EditorRelease['result']>, k: number, dist: string): string {
  const w = r.workloads[k];
  const head = `${w.name || '(unnamed)'}: ${w.placed}/${w.replicas} placed`;
  const why = w.blockedBy?.length ? ` (blocked by ${blockers(w)})` : w.pending ? `, ${w.pending} Pending` : '';
  const where = w.placed && dist ? `${why ? ' ·' : ' →'} ${dist}` : '';
  return `${head}${why}${where}`; // order sensitivity: in the tooltip, the hover and spread/release-order-sensitive
}

export function releaseLensTooltip(r: EditorRelease, k: number, clusterNote: string): string {
  const others = r.workloads.length - 1;
  const race = r.result && orderChangesOf(r.result, k);
  return `Placed together with the ${others} other workload${others === 1 ? '' : 's'} of ${r.files.length > 1 ? 'its release' : 'this file'}, `
    + `created in ${r.result ? orderName(r.result.order) : 'document order'}. ${clusterNote}${race ? ` Order sensitive: ${race}.` : ''} Click to open Simulate Release.`;
}

/** Inline code in Markdown that no name can break out of. */
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** The hover section of document `document` when it is a workload of a simulated release; undefined otherwise. */
export function releaseHoverMarkdown(r: EditorRelease | undefined, document: number): string | undefined {
  const k = r?.members.get(document);
  if (!r || k === undefined) return undefined;
  const others = r.workloads.filter((_, j) => j !== k).map((w) => code(w.name || '(unnamed)'));
  const scope = r.files.length > 1 ? `its release (${r.files.length} files)` : 'this file';
  if (!r.result) {
    return `**Release** · ${others.length + 1} workloads of ${scope}: ${r.notSimulated ?? 'not simulated together'}`;
  }
  const w = r.result.workloads[k];
  const out = [`**Release** · ${code(w.name || '(unnamed)')} is placed together with ${others.join(', ')} (${scope}), created in ${orderName(r.result.order)}`, ''];
  out.push(`${w.placed}/${w.replicas} placed${w.pending ? ` · **${w.pending} Pending**` : ''}`);
  for (const b of w.blockedBy ?? []) {
    const reasons = Object.entries(b.reasons).sort((x, y) => y[1] - x[1]).map(([why, n]) => `${n} ${why}`).join(', ');
    out.push('', `Blocked by ${b.kind} ${code(b.name || '(unnamed)')} (${b.file === w.file ? '' : `${code(b.file)}, `}document ${b.document}): it takes ${b.nodes} node(s) ${code(w.name || '(unnamed)')} could use otherwise (${reasons})`);
  }
  if (w.blockedByMore) out.push('', 'Other workloads of the release may block it too.');
  const race = orderChangesOf(r.result, k);
  if (race) out.push('', `**Order sensitive**: ${race}`);
  return out.join('\n');
}

/** Files named as the view shows them: the base name, unless two files of the release share it. */
function displayNames(paths: readonly string[]): string[] {
  const names = paths.map((p) => (p.startsWith('untitled:') ? p : basename(p)));
  return new Set(names).size === names.length ? names : [...paths];
}

/** The Simulate Release command: every workload of the document's release placed together (throws WorkloadPickError when there is none). */
export function simulateDocumentRelease(doc: TextDocument, analysis: EditorAnalysis, fixtureError: string | undefined): SimulateReleaseResult {
  const session = analysis.session();
  const opts = analysis.checkOptions(doc.uri);
  const parsed = session.parse(doc.getText(), opts.fileName ?? doc.uri, opts.limits);
  const here = readableReleaseFile({ file: opts.fileName ?? doc.uri, parsed });
  const self = opts.release?.self ?? 0;
  const given = opts.release?.files ?? [here.file];
  const names = displayNames(given.map((f) => f.file));
  const files = given.map((f, i) => ({ file: names[i], parsed: i === self ? here.file.parsed : f.parsed }));
  const s = session.simulateRelease(files, { podReplicas: opts.podReplicas, atMax: opts.atMax });
  const r = s.release;
  const left = here.left.map((d) => `document ${d} has a YAML error and is left out of the release`);
  return {
    cluster: s.cluster,
    release: r,
    orderText: orderName(r.order),
    comparedText: r.compared.map(orderName),
    orderChangesText: [...new Set(r.orderChanges.map((c) => c.workload))].map((k) => ({ workload: k, text: orderChangesOf(r, k) ?? '' })),
    colors: releaseColors(r.workloads.length),
    svg: renderReleaseSvg({ cluster: s.cluster, release: r }, { nodes: session.nodes() }),
    notes: [...left, ...r.notes],
    ...(fixtureError ? { fixtureError } : {}),
  };
}
