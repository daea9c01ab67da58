// The status bar item that always says which cluster the results are computed on; a results view
// without it would silently mix "your cluster" and "the sample" up.

import * as vscode from 'vscode';
import type { FixtureStatus } from './protocol';

export class FixtureStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kubeSpread.fixture', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'Kube Spread Cluster Fixture';
    this.item.command = 'kubeSpread.selectFixture';
    this.item.text = '$(sync~spin) kube-spread';
    this.item.tooltip = 'kube-spread: loading the cluster fixture…';
    this.item.show();
  }

  update(s: FixtureStatus): void {
    const counts = `${s.nodes} node${s.nodes === 1 ? '' : 's'}`;
    const using = s.embedded ? 'the embedded sample cluster' : `${s.source} (${counts}, ${s.pods} pods)`;
    if (s.error) {
      this.item.text = `$(warning) fixture failed: ${s.error}`;
      this.item.tooltip = `kube-spread: the configured fixture failed to load:\n${s.error}\n\nStill using ${using}. Click to pick another fixture.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      this.item.text = s.embedded ? '$(server) sample cluster' : `$(server) ${baseName(s.source)} · ${counts}`;
      this.item.tooltip = `kube-spread: results are computed on ${using}. Click to pick a cluster fixture.`;
      this.item.backgroundColor = undefined;
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}

function baseName(p: string): string {
  return p.split(/[\\/]/).filter(Boolean).pop() ?? p;
}
