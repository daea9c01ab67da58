// The what-if webview: one panel showing the last rolling update / scale / domain loss asked for,
// step by step. Re-run asks the server again with the document's current text (and the fixture and
// settings in use now); a what-if is a deliberate question, so it does not re-run on every keystroke.

import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WhatIfArgs, WhatIfCommands, WhatIfResult } from '../../server/src/protocol';
import { executeServerCommand } from './serverCommands';
import { renderWhatIf } from './whatIfHtml';

export interface WhatIfRequest {
  /** The simulation's server command. */
  command: (typeof WhatIfCommands)['rollout' | 'scale' | 'domainLoss'];
  args: WhatIfArgs;
  /** Shown above the pictures, e.g. "Scale to 2". */
  heading: string;
}

export class WhatIfView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private request: WhatIfRequest | undefined;
  private generation = 0;

  constructor(private readonly client: LanguageClient) {}

  async show(request: WhatIfRequest): Promise<void> {
    this.request = request;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('kubeSpread.whatIf', 'What-if', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true, // only for the Re-run button; the CSP admits our nonce'd script alone
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((m: { type?: string }) => {
        if (m?.type === 'rerun') void this.run();
      });
    } else {
      this.panel.reveal(undefined, true);
    }
    await this.run();
  }

  private async run(): Promise<void> {
    const panel = this.panel;
    const req = this.request;
    if (!panel || !req) return;
    const gen = ++this.generation;
    const title = path.basename(vscode.Uri.parse(req.args.uri).path);
    panel.title = `${req.heading}: ${title}`;
    const render = (result?: WhatIfResult, error?: string) => {
      if (gen !== this.generation || this.panel !== panel) return;
      panel.webview.html = renderWhatIf({ nonce: randomBytes(16).toString('base64'), title, heading: req.heading, result, error, at: result || error ? new Date().toLocaleTimeString() : undefined });
    };
    render();
    try {
      const result = await executeServerCommand(this.client, req.command, req.args);
      // The server names the fixture by its path: workspace-relative reads better (the status bar does the same).
      if (!result.cluster.embedded && path.isAbsolute(result.cluster.source)) result.cluster.source = vscode.workspace.asRelativePath(result.cluster.source);
      render(result);
    } catch (e) {
      render(undefined, (e as Error).message);
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
