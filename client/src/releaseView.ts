// The "Simulate Release" webview: every workload of the document's release (docs/release.md) placed
// together, one colour per workload. One panel that follows the document it was opened on and asks the
// server again when that document (or the fixture) changes, debounced, as the Simulate Placement view does.

import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, type SimulateReleaseResult } from '../../server/src/protocol';
import { renderRelease } from './releaseHtml';
import { executeServerCommand } from './serverCommands';

const RERUN_DEBOUNCE_MS = 400;

export class ReleaseView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private target: vscode.Uri | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Only the newest run may render: an older response arriving late must not overwrite it. */
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.subscriptions.push(vscode.workspace.onDidChangeTextDocument((e) => {
      if (this.panel && e.document.uri.toString() === this.target?.toString() && e.contentChanges.length) this.scheduleRerun();
    }));
  }

  /** Opens (or retargets) the panel on a code lens's document ({uri, ...}), else the active editor's. */
  async show(arg?: unknown): Promise<void> {
    const lens = arg as { uri?: unknown } | undefined;
    const editor = vscode.window.activeTextEditor;
    if (lens && typeof lens.uri === 'string') this.target = vscode.Uri.parse(lens.uri);
    else if (!editor || editor.document.languageId !== 'yaml') {
      void vscode.window.showWarningMessage('Kube Spread: open a YAML manifest with workloads to simulate them as a release.');
      return;
    } else this.target = editor.document.uri;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('kubeSpread.simulateRelease', 'Simulate Release', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
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
    const title = `Release: ${path.basename(target.path)}`;
    panel.title = title;
    let result: SimulateReleaseResult | undefined;
    let error: string | undefined;
    try {
      result = await executeServerCommand(this.client, Commands.simulateRelease, { uri: target.toString() });
      // The server names the fixture by its path: workspace-relative reads better (the status bar does the same).
      if (!result.cluster.embedded && path.isAbsolute(result.cluster.source)) result.cluster.source = vscode.workspace.asRelativePath(result.cluster.source);
    } catch (e) {
      error = (e as Error).message;
    }
    if (gen !== this.generation || this.panel !== panel) return;
    panel.webview.html = renderRelease({ nonce: randomBytes(16).toString('base64'), title, result, error, at: new Date().toLocaleTimeString() });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
