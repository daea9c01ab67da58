// The "Audit Cluster" webview: `kube-spread audit --descheduler` on the fixture in use (docs/audit.md,
// docs/editor.md), one panel, asked again when the fixture changes (debounced) or on Re-run. A click on
// a workload opens its manifest at its document: the page posts only the workload's index, and the
// location comes from the server's answer this panel holds, never from the page.

import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type AuditResult, Commands } from '../../server/src/protocol';
import { auditWorkloadId, renderAudit } from './auditHtml';
import { executeServerCommand } from './serverCommands';

const RERUN_DEBOUNCE_MS = 400;

export class AuditView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private result: AuditResult | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Only the newest run may render: an older response arriving late must not overwrite it. */
  private generation = 0;

  constructor(private readonly client: LanguageClient) {}

  async show(): Promise<void> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('kubeSpread.audit', 'Audit Cluster', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true, // Re-run and the manifest links; the CSP admits our nonce'd script alone
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.result = undefined;
        clearTimeout(this.timer);
      });
      this.panel.webview.onDidReceiveMessage((m: { type?: string; index?: unknown }) => {
        if (m?.type === 'rerun') void this.run();
        if (m?.type === 'open' && typeof m.index === 'number') void this.open(m.index);
      });
    } else {
      this.panel.reveal(undefined, true);
    }
    await this.run();
  }

  /** The fixture changed: a visible audit is now stale. */
  fixtureChanged(): void {
    if (!this.panel) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), RERUN_DEBOUNCE_MS);
  }

  private async open(index: number): Promise<void> {
    const w = this.result?.workloads[index];
    const at = w && this.result?.manifests[auditWorkloadId(w)];
    if (!at) return;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(at.uri));
    const pos = new vscode.Position(at.line, at.character);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(pos, pos) });
  }

  private async run(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    const gen = ++this.generation;
    let result: AuditResult | undefined;
    let error: string | undefined;
    try {
      result = await executeServerCommand(this.client, Commands.audit, { descheduler: true });
      // The server names the fixture by its path: workspace-relative reads better (the status bar does the same).
      if (!result.cluster.embedded && path.isAbsolute(result.cluster.source)) result.cluster.source = vscode.workspace.asRelativePath(result.cluster.source);
    } catch (e) {
      error = (e as Error).message;
    }
    if (gen !== this.generation || this.panel !== panel) return;
    this.result = result;
    const title = result ? `Audit: ${result.cluster.embedded ? 'embedded sample' : path.basename(result.cluster.source)}` : 'Audit Cluster';
    panel.title = title;
    panel.webview.html = renderAudit({ nonce: randomBytes(16).toString('base64'), title, result, error, at: new Date().toLocaleTimeString() });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
  }
}
