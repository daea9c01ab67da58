// Hover over a topologySpreadConstraints entry: what the scheduler sees for it on the fixture right
// now (pods per domain, global minimum, eligible domains). Problems at the cursor already show in
// VS Code's own diagnostic hover, so they are not repeated here.
// A workload of a release (the other workloads of its file, docs/release.md) also says, on its kind,
// name, constraints and pod (anti-)affinity, what it gets next to the others and who blocks it.

import type { Connection, Hover, HoverParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ExplainJson } from '../../analysis';
import { type EditorAnalysis, fileNameOf } from '../state/analysis';
import { nodesOf } from '../../editor/editorModel';
import type { FixtureManager } from '../state/fixtures';
import { fieldHover, landingMarkdown, type HoverExtras } from './fieldHover';
import type { SettingsStore } from '../state/settings';
import { yamlPositionAt } from '../../editor/yamlPosition';
import { releaseHoverMarkdown } from './release';

/** Where the release section shows besides a constraint: the workload's kind and name, and its pod (anti-)affinity. */
function releaseHoverPath(path: readonly (string | number)[]): boolean {
  return (path.length === 1 && path[0] === 'kind') || (path[0] === 'metadata' && path[1] === 'name') || path.includes('podAntiAffinity') || path.includes('podAffinity');
}

export function registerHover(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  analysis: EditorAnalysis,
  fixtures: FixtureManager,
  settings: SettingsStore,
  /** The diagnostics run's simulation and the constraint's matchLabelKeys (fieldHover.ts), when wired. */
  extras?: (doc: TextDocument, documentValue: unknown, constraintPath: (string | number)[], documentIndex: number) => HoverExtras,
): void {
  connection.onHover(async (params) => {
    try {
      return await answer(params);
    } finally {
      fixtures.noteRequest(); // a load in progress leaves the next request a moment (lsp/state/fixtures.ts)
    }
  });

  async function answer(params: HoverParams): Promise<Hover | null> {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const text = doc.getText();
    const at = yamlPositionAt(text, doc.offsetAt(params.position));
    if (!at) return null;
    const i = at.path.indexOf('topologySpreadConstraints');
    if (i < 0 && !releaseHoverPath(at.path)) return null;
    await fixtures.loaded; // not a reload: answered on the fixture in use until the new one has loaded
    let explained: ExplainJson;
    let release: string | undefined;
    let value: unknown;
    try {
      const session = analysis.session();
      const parsed = session.parse(text, fileNameOf(doc.uri), settings.current.limits);
      release = releaseHoverMarkdown(session.release(parsed, analysis.checkOptions(doc.uri)), at.document);
      if (i < 0) return release ? { contents: { kind: 'markdown', value: release } } : null;
      explained = session.explain(parsed, session.pickWorkload(parsed, { document: at.document }));
      value = parsed.documents[at.document]?.value;
    } catch {
      return null; // not schedulable or not analysable yet: no hover rather than a confusing one
    }
    const index = typeof at.path[i + 1] === 'number' ? (at.path[i + 1] as number) : undefined;
    const shown = [hoverMarkdown(explained, index), release].filter(Boolean).join('\n\n---\n\n');
    if (!extras || index === undefined) return { contents: { kind: 'markdown', value: shown } };
    // A field of one constraint: what it does here first, then the constraint, then where replicas land.
    const x = extras(doc, value, at.path.slice(0, i + 2), at.document);
    const field = typeof at.path[i + 2] === 'string' ? fieldHover(at.path[i + 2] as string, index, explained, x.simulation, nodesOf(fixtures.current), x.matchLabelKeys) : undefined;
    const key = explained.constraints.find((c) => c.index === index)?.topologyKey;
    return { contents: { kind: 'markdown', value: [field, shown, landingMarkdown(x.simulation, key)].filter(Boolean).join('\n\n---\n\n') } };
  }
}

export function hoverMarkdown(e: ExplainJson, index: number | undefined): string {
  const shown = e.constraints.filter((c) => index === undefined || c.index === index);
  const cluster = e.cluster.source === 'embedded-sample' ? 'the embedded sample cluster' : `\`${e.cluster.source}\``;
  const out = [`**kube-spread** · ${e.pod.kind} \`${e.pod.name}\` on ${cluster} (${e.cluster.nodes} nodes, ${e.cluster.pods} pods)`, ''];
  for (const c of shown) {
    out.push(`**[${c.index}]** \`${c.topologyKey}\` · maxSkew ${c.maxSkew} · ${c.whenUnsatisfiable}${c.source === 'system-default' ? ' · system default' : ''}`, '');
    const domains = Object.entries(c.domains);
    if (domains.length) {
      out.push('| domain | matching pods |', '|---|---:|', ...domains.map(([d, n]) => `| ${d} | ${n} |`), '');
    } else {
      out.push('_no eligible domain: no node has this topology key_', '');
    }
    const extra = [c.globalMinimum !== undefined ? `global minimum ${c.globalMinimum}` : '', c.eligibleDomains !== undefined ? `${c.eligibleDomains} eligible domains` : ''].filter(Boolean);
    if (extra.length) out.push(extra.join(' · '), '');
  }
  const feasible = e.nodes.filter((n) => n.feasible).length;
  out.push(`Next pod: ${feasible}/${e.nodes.length} nodes feasible${e.selected.length ? `, best: ${e.selected.join(', ')}` : ''}`);
  const preemption = preemptionMarkdown(e);
  if (preemption) out.push('', preemption);
  return out.join('\n');
}

const MAX_VICTIMS_SHOWN = 5;

/** When the next pod fits no node: what the DefaultPreemption PostFilter decides (docs/preemption.md). */
export function preemptionMarkdown(e: ExplainJson): string | undefined {
  const p = e.preemption;
  if (!p) return undefined;
  if (!p.possible) return `**Preemption** cannot help: ${p.notEligible ?? p.message?.replace(/^preemption: /, '') ?? 'no victims found'}`;
  const victims = p.victims.slice(0, MAX_VICTIMS_SHOWN).map((v) => `\`${v.namespace}/${v.name}\` (priority ${v.priority})`);
  const more = p.victims.length > MAX_VICTIMS_SHOWN ? `, and ${p.victims.length - MAX_VICTIMS_SHOWN} more` : '';
  const others = p.equallyPossible.filter((n) => n !== p.node);
  return `**Preemption**: no node fits; the scheduler nominates \`${p.node}\` and evicts ${p.victims.length} lower-priority pod(s): ${victims.join(', ')}${more}. Their controllers recreate them.`
    + (others.length ? ` Equally possible: ${others.map((n) => `\`${n}\``).join(', ')}.` : '')
    + (p.numPDBViolations ? ` ${p.numPDBViolations} victim(s) violate a PodDisruptionBudget.` : '');
}
