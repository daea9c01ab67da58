// Renders a simulation as static HTML for the webview: domains as columns, nodes inside them, a chip
// per placed replica, then the pending replicas with the scheduler's reasons. Pure (no vscode import)
// so it can be tested without an editor. Every value from the document is escaped: a label value is
// user input and the webview must never run it.

import type { FixtureNodeInfo, PreemptedPodInfo, ScaleUpInfo, SimulateResult } from '../../server/src/protocol';
import { esc, webviewPage } from './webviewPage';

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const MAX_EXISTING_CHIPS = 24;

/** The server's simulation plus what the view adds from explain (simulateView.ts). */
export interface SimulationWithExisting extends SimulateResult {
  /** Matching pods already running per topologyKey and domain, which the constraint counts too. */
  existing?: Record<string, Record<string, number>>;
}

export interface RenderInput {
  nonce: string;
  /** The webview's own origin for the CSP (`webview.cspSource`); nothing remote is ever loaded. */
  cspSource: string;
  title: string;
  result?: SimulationWithExisting;
  error?: string;
  /** When the result was computed, shown so a user sees it follow their edits. */
  at?: string;
}


/** The key the picture groups by: the first spread key that is not per-node, else zone, else hostname. */
export function primaryKey(r: SimulateResult): string | undefined {
  const keys = Object.keys(r.distribution ?? {});
  const k = keys.find((x) => x !== HOSTNAME) ?? keys[0];
  if (k) return k;
  return (r.nodes ?? []).some((n) => n.labels[ZONE] !== undefined) ? ZONE : undefined;
}

/**
 * The nodes the autoscaler added (autoscaling fixtures): not in the fixture's node list, so they are
 * built from the scale-up rows (their zone) and the placements on them (their domains).
 */
function addedNodes(r: SimulateResult, known: ReadonlySet<string>): FixtureNodeInfo[] {
  const out = new Map<string, FixtureNodeInfo>();
  for (const u of r.scaleUp ?? []) {
    for (const name of u.nodeNames) if (!known.has(name)) out.set(name, { name, labels: u.zone !== undefined ? { [ZONE]: u.zone } : {} });
  }
  for (const p of r.placements) {
    if (!p.newNode || known.has(p.node)) continue;
    const n = out.get(p.node) ?? { name: p.node, labels: {} };
    n.labels = { ...p.domains, ...n.labels };
    out.set(p.node, n);
  }
  return [...out.values()];
}

function body(r: SimulationWithExisting): string {
  const key = primaryKey(r);
  const given = r.nodes?.length ? r.nodes : [...new Set(r.placements.filter((p) => !p.newNode).map((p) => p.node))].map((name) => ({ name, labels: {} as Record<string, string>, unschedulable: undefined }));
  const nodes: FixtureNodeInfo[] = [...given, ...addedNodes(r, new Set(given.map((n) => n.name)))];
  // Which autoscaler row added each new node (drawn dashed, with a + and who added it).
  const addedBy = new Map<string, ScaleUpInfo>();
  for (const u of r.scaleUp ?? []) for (const name of u.nodeNames) addedBy.set(name, u);
  const byNode = new Map<string, SimulateResult['placements']>();
  for (const p of r.placements) byNode.set(p.node, [...(byNode.get(p.node) ?? []), p]);
  const domainOf = (n: (typeof nodes)[number]) => {
    const fromPlacement = key ? byNode.get(n.name)?.[0]?.domains?.[key] : undefined;
    return key ? (n.labels[key] ?? fromPlacement ?? `(no ${key})`) : 'cluster';
  };
  const domains = new Map<string, typeof nodes>();
  for (const d of Object.keys((key && r.distribution?.[key]) || {})) domains.set(d, []);
  for (const n of nodes) domains.set(domainOf(n), [...(domains.get(domainOf(n)) ?? []), n]);

  const placed = r.placements.length;
  const total = placed + r.pending.length;
  const victimsOn = new Map<string, PreemptedPodInfo[]>();
  for (const p of r.placements) for (const v of p.preempted ?? []) victimsOn.set(v.node, [...(victimsOn.get(v.node) ?? []), v]);
  const preempting = r.placements.filter((p) => p.preempted?.length);
  const victims = preempting.reduce((n, p) => n + (p.preempted?.length ?? 0), 0);
  const skews = Object.entries(r.skew ?? {}).map(([k, v]) => `<span class="tag">skew ${esc(k)}: <b>${esc(v)}</b></span>`).join(' ');
  const out: string[] = [];
  out.push(`<p class="summary"><b>${esc(r.workload.kind)} ${esc(r.workload.namespace)}/${esc(r.workload.name)}</b> · `
    + `<span class="placed">${placed}/${total} placed</span>`
    + (preempting.length ? ` <span class="preempt-count">(${preempting.length} by preempting ${victims} lower-priority pod${victims === 1 ? '' : 's'})</span>` : '')
    + (r.pending.length ? ` · <span class="pending-count">${r.pending.length} pending</span>` : '')
    + ` · ${r.cluster.source === 'embedded-sample' ? 'embedded sample cluster' : esc(r.cluster.source)} (${esc(r.cluster.nodes)} nodes, ${esc(r.cluster.pods)} pods) ${skews}</p>`);
  if (r.fixtureError) out.push(`<p class="warn">Configured fixture failed (${esc(r.fixtureError)}): showing the last good one.</p>`);
  out.push(`<h2>${key ? `Domains by <code>${esc(key)}</code>` : 'Nodes'}</h2><div class="domains">`);
  // Matching pods already running: the constraint counts them too, so they are drawn (hollow) next to the placed replicas.
  const existing = key ? r.existing?.[key] : undefined;
  const perNode = key !== HOSTNAME ? r.existing?.[HOSTNAME] : undefined;
  const hollow = (n: number, where: string) => Array.from({ length: Math.min(n, MAX_EXISTING_CHIPS) }, () => `<span class="existing-pod" title="a matching pod already running ${esc(where)}, counted by the constraint"></span>`).join('')
    + (n > MAX_EXISTING_CHIPS ? `<span class="muted">+${n - MAX_EXISTING_CHIPS}</span>` : '');
  for (const [d, ns] of domains) {
    const count = key ? r.distribution?.[key]?.[d] : undefined;
    const already = existing?.[d];
    out.push(`<section class="domain" data-domain="${esc(d)}"><h3>${esc(d)}${count !== undefined ? ` <span class="count" title="replicas of this workload placed in this domain">${esc(count)}</span>` : ''}`
      + `${already ? ` <span class="existing" title="matching pods already running in this domain; the constraint counts them">+${esc(already)} existing</span>` : ''}</h3>`);
    for (const n of ns) {
      const ps = byNode.get(n.name) ?? [];
      const nodeExisting = perNode?.[n.labels[HOSTNAME] ?? n.name] ?? 0;
      const up = addedBy.get(n.name);
      const added = up ? ` title="new node: ${esc(up.by)} adds it to ${esc(up.nodePool)}${up.zone !== undefined ? ` in ${esc(up.zone)}` : ''}${up.instanceType !== undefined ? ` (${esc(up.instanceType)})` : ''}"` : '';
      out.push(`<div class="node${n.unschedulable ? ' cordoned' : ''}${up ? ' new-node' : ''}" data-node="${esc(n.name)}"${added}><div class="name">${up ? '+ ' : ''}${esc(n.name)}${n.unschedulable ? ' (cordoned)' : ''}${up ? ' <span class="new-tag">new</span>' : ''}</div><div class="pods">`
        + (perNode ? hollow(nodeExisting, `on ${n.name}`) : '')
        + ps.map((p) => `<span class="pod${p.preempted?.length ? ' preempting' : ''}" title="replica ${esc(p.replica)}${p.ties && p.ties.length > 1 ? `; tied with ${esc(p.ties.join(', '))}` : ''}${p.preempted?.length ? `; placed by preempting ${esc(p.preempted.map((v) => `${v.namespace}/${v.name}`).join(', '))}` : ''}">${esc(p.replica)}${p.ties && p.ties.length > 1 ? '*' : ''}</span>`).join('')
        // The pods preemption evicted from this node, drawn struck through where they ran.
        + (victimsOn.get(n.name) ?? []).map((v) => `<span class="victim-pod" title="evicted by preemption: ${esc(v.namespace)}/${esc(v.name)} (priority ${esc(v.priority)})">${esc(v.name)}</span>`).join('')
        + '</div></div>');
    }
    if (already && !perNode) out.push(`<div class="existing-row"><span class="muted">already running:</span> ${hollow(already, `in ${d}`)}</div>`);
    out.push('</section>');
  }
  out.push('</div>');
  if (r.pending.length) {
    out.push('<h2>Pending</h2><ul class="pending">');
    for (const p of r.pending) {
      const reasons = Object.entries(p.reasons).map(([why, n]) => `${esc(n)} × ${esc(why)}`).join('; ');
      const why = (p.autoscaler ?? []).map((a) => `<div class="note">${esc(a.by)}: ${esc(a.reason)}</div>`).join('');
      out.push(`<li><span class="pod pending-pod">${esc(p.replica)}</span> ${reasons || 'no node available'}${why}</li>`);
    }
    out.push('</ul>');
  }
  if (r.scaleUp?.length) out.push(...scaleUpSection(r.scaleUp));
  if (preempting.length) out.push(...preemptionSection(r, preempting));
  if (r.existing && Object.values(r.existing).some((m) => Object.values(m).some((n) => n > 0))) {
    out.push('<p class="note legend"><span class="pod">n</span> replica n of this workload · <span class="existing-pod"></span> matching pod already running (the constraint counts it)</p>');
  }
  if (r.placements.some((p) => p.ties && p.ties.length > 1)) out.push('<p class="note">* several nodes tied for the best score; the tie was broken deterministically.</p>');
  return out.join('\n');
}

/** What the autoscaler added, per node group (NodePool) and zone, as the CLI's Scale-up section. */
function scaleUpSection(rows: readonly ScaleUpInfo[]): string[] {
  const out = ['<h2>Scale-up</h2><ul class="scale-up">'];
  for (const u of rows) {
    out.push(`<li>${esc(u.by)}: <b>${esc(u.nodePool)}</b> +${esc(u.nodes)} node${u.nodes === 1 ? '' : 's'}${u.zone !== undefined ? ` in ${esc(u.zone)}` : ''}${u.instanceType !== undefined ? ` (${esc(u.instanceType)})` : ''}: ${u.nodeNames.map(esc).join(', ')}</li>`);
  }
  out.push('</ul>');
  return out;
}

/** Each preemption: the replica, its node and the victims, then what became of the victims' replacements. */
function preemptionSection(r: SimulateResult, preempting: SimulateResult['placements']): string[] {
  const out = ['<h2>Preemption</h2><ul class="preemption">'];
  for (const p of preempting) {
    const vs = (p.preempted ?? []).map((v) => `<span class="victim-pod">${esc(v.namespace)}/${esc(v.name)}</span> (priority ${esc(v.priority)})`).join(', ');
    out.push(`<li><span class="pod preempting">${esc(p.replica)}</span> on ${esc(p.node)} evicted ${vs}</li>`);
  }
  out.push('</ul>');
  if (r.recreated?.length) {
    out.push('<p class="note">Their controllers recreate the evicted pods (the victims terminate gracefully first):</p><ul class="preemption">');
    for (const x of r.recreated) {
      out.push(`<li>${esc(x.namespace)}/${esc(x.name)} (priority ${esc(x.priority)}) from ${esc(x.evictedFrom)}: ${x.placedOn ? `replacement on ${esc(x.placedOn)}` : `replacement Pending: ${esc(x.message ?? 'no node fits')}`}</li>`);
    }
    out.push('</ul>');
  }
  return out;
}

export function renderSimulation(i: RenderInput): string {
  const content = i.error !== undefined
    ? `<p class="error">${esc(i.error)}</p>`
    : i.result ? body(i.result) : '<p class="muted">Simulating…</p>';
  return webviewPage({
    title: i.title,
    nonce: i.nonce,
    label: `${esc(i.title)}${i.at ? ` <span class="muted">· ${esc(i.at)}</span>` : ''}`,
    content,
    css: `h2 { font-size: 1.05em; margin: 1em 0 .4em; } h3 { font-size: 1em; margin: 0 0 .4em; }
code { font-family: var(--vscode-editor-font-family); }
.note { color: var(--vscode-descriptionForeground); }
.domains { display: flex; flex-wrap: wrap; gap: 10px; }
.domain { border: 1px solid var(--vscode-panel-border); border-radius: 4px; padding: 8px; min-width: 140px; background: var(--vscode-sideBar-background); }
.count { background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); border-radius: 8px; padding: 0 6px; }
.node { border: 1px solid var(--vscode-widget-border, var(--vscode-panel-border)); border-radius: 3px; padding: 4px 6px; margin: 4px 0; background: var(--vscode-editor-background); }
.node.cordoned { opacity: .6; border-style: dashed; }
.node.new-node { border-style: dashed; border-color: var(--vscode-charts-green, var(--vscode-focusBorder)); }
.node.new-node .name { font-style: italic; }
.new-tag { background: var(--vscode-charts-green, var(--vscode-badge-background)); color: var(--vscode-badge-foreground); border-radius: 6px; padding: 0 4px; font-size: .8em; font-style: normal; }
ul.scale-up { padding-left: 1em; } ul.scale-up li { margin: 3px 0; list-style: none; }
.node .name { font-size: .9em; color: var(--vscode-descriptionForeground); }
.pods { display: flex; flex-wrap: wrap; gap: 3px; min-height: 18px; margin-top: 3px; }
.pod { display: inline-block; min-width: 18px; text-align: center; border-radius: 9px; padding: 0 5px; background: var(--vscode-button-background); color: var(--vscode-button-foreground); font-size: .85em; }
.existing-pod { display: inline-block; width: 18px; height: 16px; border-radius: 9px; border: 1px dashed var(--vscode-descriptionForeground); box-sizing: border-box; vertical-align: middle; }
.existing { border: 1px dashed var(--vscode-descriptionForeground); color: var(--vscode-descriptionForeground); border-radius: 8px; padding: 0 6px; font-size: .85em; font-weight: normal; }
.existing-row { display: flex; flex-wrap: wrap; gap: 3px; margin-top: 4px; align-items: center; font-size: .85em; }
.pending-pod { background: var(--vscode-inputValidation-errorBackground, var(--vscode-errorForeground)); }
.tag { border: 1px solid var(--vscode-panel-border); border-radius: 3px; padding: 0 4px; margin-left: 4px; }
ul.pending { padding-left: 1em; } ul.pending li { margin: 3px 0; list-style: none; }
.pod.preempting { outline: 2px solid var(--vscode-editorWarning-foreground); }
.victim-pod { display: inline-block; border-radius: 9px; padding: 0 5px; font-size: .85em; text-decoration: line-through; border: 1px dashed var(--vscode-editorWarning-foreground); color: var(--vscode-descriptionForeground); }
.preempt-count { color: var(--vscode-editorWarning-foreground); }
ul.preemption { padding-left: 1em; } ul.preemption li { margin: 3px 0; list-style: none; }`,
  });
}
