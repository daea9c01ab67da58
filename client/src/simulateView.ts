// The "Simulate Placement" webview: one panel that follows the document it was opened on and re-runs
// the server's simulation when that document (or the fixture) changes.

import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, type SimulateArgs, type SimulateResult } from '../../server/src/protocol';
import { executeServerCommand } from './serverCommands';
import { renderSimulation, type SimulationWithExisting } from './simulateHtml';

const RERUN_DEBOUNCE_MS = 400;

/** Existing matching pods per domain = what the constraint counts after placement − the replicas placed there. */
function existingFromCounts(r: SimulateResult): SimulationWithExisting['existing'] {
  const out: Record<string, Record<string, number>> = {};
  for (const [key, domains] of Object.entries(r.counts ?? {})) {
    out[key] = Object.fromEntries(Object.entries(domains).map(([d, n]) => [d, Math.max(0, n - (r.distribution?.[key]?.[d] ?? 0))]));
  }
  return out;
}

export class SimulateView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private target: { uri: vscode.Uri; position: vscode.Position; document?: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Only the newest run may render: an older response arriving late must not overwrite it. */
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.subscriptions.push(vscode.workspace.onDidChangeTextDocument((e) => {
      if (this.panel && e.document.uri.toString() === this.target?.uri.toString() && e.contentChanges.length) this.scheduleRerun();
    }));
  }

  /** Opens (or retargets) the panel on a code lens's workload ({uri, document, position}), else the active editor's document and cursor. */
  async show(arg?: unknown): Promise<void> {
    const lens = arg as { uri?: unknown; document?: unknown; position?: { line?: unknown; character?: unknown } } | undefined;
    const editor = vscode.window.activeTextEditor;
    if (lens && typeof lens.uri === 'string' && typeof lens.position?.line === 'number' && typeof lens.position.character === 'number') {
      this.target = {
        uri: vscode.Uri.parse(lens.uri), position: new vscode.Position(lens.position.line, lens.position.character),
        document: typeof lens.document === 'number' ? lens.document : undefined,
      };
    } else if (!editor || editor.document.languageId !== 'yaml') {
      void vscode.window.showWarningMessage('Kube Spread: open a YAML manifest (a Pod or a workload) to simulate its placement.');
      return;
    } else {
      this.target = { uri: editor.document.uri, position: editor.selection.active };
    }
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('kubeSpread.simulate', 'Simulate Placement', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true, // only for the Re-run button; the CSP admits our nonce'd script alone
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        clearTimeout(this.timer);
      });
      this.panel.webview.onDidReceiveMessage((m: { type?: string }) => {
        if (m?.type === 'rerun') void this.run();
      });
    } else {
      this.panel.reveal(undefined, true);
    }
    await this.run();
  }

  /** The fixture changed: a visible picture is now stale. */
  fixtureChanged(): void {
    if (this.panel) this.scheduleRerun();
  }

  private scheduleRerun(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), RERUN_DEBOUNCE_MS);
  }

  private async run(): Promise<void> {
    const panel = this.panel;
    const target = this.target;
    if (!panel || !target) return;
    const gen = ++this.generation;
    const title = `Simulate: ${path.basename(target.uri.path)}`;
    panel.title = title;
    const args: SimulateArgs = { uri: target.uri.toString(), document: target.document, position: { line: target.position.line, character: target.position.character } };
    let result: SimulationWithExisting | undefined;
    let error: string | undefined;
    try {
      result = await executeServerCommand(this.client, Commands.simulate, args);
      result.existing = result.counts ? existingFromCounts(result) : await this.existing(args);
    } catch (e) {
      error = (e as Error).message;
    }
    if (gen !== this.generation || this.panel !== panel) return;
    panel.webview.html = renderSimulation({
      nonce: randomBytes(16).toString('base64'),
      cspSource: panel.webview.cspSource,
      title,
      result,
      error,
      at: new Date().toLocaleTimeString(),
    });
  }

  /** Matching pods already running per domain (explain's view before the first replica); undefined if explain fails. */
  private async existing(args: SimulateArgs): Promise<SimulationWithExisting['existing']> {
    try {
      const e = await executeServerCommand(this.client, Commands.explain, args);
      const out: Record<string, Record<string, number>> = {};
      // A hard constraint's view (every eligible domain) wins over a soft one's on the same key.
      for (const c of [...e.constraints].sort((a, b) => Number(b.whenUnsatisfiable === 'DoNotSchedule') - Number(a.whenUnsatisfiable === 'DoNotSchedule'))) {
        out[c.topologyKey] ??= c.domains;
      }
      return out;
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
