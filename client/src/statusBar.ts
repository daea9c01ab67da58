// The status bar item that always says which cluster the results are computed on; a results view
// without it would silently mix "your cluster" and "the sample" up.

import * as vscode from 'vscode';
import type { DiagnosticsProgress, FixtureStatus, KubernetesStatus } from '../../server/src/protocol';

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
    const k = s.kubernetes;
    const version = k ? ` · ${k.version}` : '';
    const about = k ? `\n\n${kubernetesLines(k).join('\n')}` : '';
    if (s.loading) {
      // A big fixture takes seconds: say so, and that the results shown meanwhile are still the old fixture's.
      this.item.text = `$(sync~spin) loading ${baseName(s.loading)}…`;
      this.item.tooltip = `kube-spread: loading ${s.loading}. Until it has loaded, results are computed on ${using}.${about}`;
      this.item.backgroundColor = undefined;
    } else if (s.error) {
      this.item.text = `$(warning) fixture failed: ${s.error}`;
      this.item.tooltip = `kube-spread: the configured fixture failed to load:\n${s.error}\n\nStill using ${using}. Click to pick another fixture.${about}`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      const icon = k?.error ? '$(warning)' : '$(server)';
      // An autoscaling fixture says so: Pending then means "until the autoscaler adds a node".
      const scales = s.autoscaling ? ' · autoscales' : '';
      this.item.text = s.embedded ? `${icon} sample cluster${version}` : `${icon} ${baseName(s.source)} · ${counts}${scales}${version}`;
      this.item.tooltip = `kube-spread: results are computed on ${using}.${s.autoscaling ? ` The fixture autoscales: ${s.autoscaling}; simulations add the nodes it would.` : ''} Click to pick a cluster fixture.${about}`;
      this.item.backgroundColor = k?.error ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}

/**
 * While a document's findings arrive in stages (kubeSpread/diagnosticsProgress: a first open or a new
 * fixture on a big cluster), says which are still being computed; hidden when every open document's
 * findings are complete. Progress of an older version of a document is replaced by the newer one.
 */
export class DiagnosticsProgressItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kubeSpread.progress', vscode.StatusBarAlignment.Left, 49);
  private readonly pending = new Map<string, DiagnosticsProgress>();

  constructor() {
    this.item.name = 'Kube Spread Analysis Progress';
  }

  update(p: DiagnosticsProgress): void {
    const known = this.pending.get(p.uri);
    if (known && known.version > p.version) return;
    if (p.done >= p.total) this.pending.delete(p.uri);
    else this.pending.set(p.uri, p);
    this.render();
  }

  /** A closed document publishes nothing more: forget it. */
  forget(uri: string): void {
    if (this.pending.delete(uri)) this.render();
  }

  private render(): void {
    const list = [...this.pending.values()];
    if (list.length === 0) {
      this.item.hide();
      return;
    }
    const p = list[list.length - 1];
    const more = list.length > 1 ? ` (+${list.length - 1} file${list.length === 2 ? '' : 's'})` : '';
    this.item.text = `$(sync~spin) kube-spread: ${p.pending ?? 'findings'} ${p.done}/${p.total}${more}`;
    this.item.tooltip = `kube-spread is computing ${list.map((x) => `${x.pending ?? 'findings'} of ${baseName(decodeURIComponent(x.uri))}`).join(', ')}; the findings shown so far are published already.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** The tooltip's lines about the Kubernetes version, scheduler profiles and feature gates in use. */
export function kubernetesLines(k: KubernetesStatus): string[] {
  const from = k.versionSource === 'setting' ? 'kubeSpread.kubernetesVersion'
    : k.versionSource === 'project' ? 'the project file (.kube-spread.yaml)'
    : k.versionSource === 'fixture' ? "the fixture's kubernetesVersion" : 'the newest release; set kubeSpread.kubernetesVersion to pin another';
  const gates = Object.entries(k.featureGates).map(([g, v]) => `${g}=${v}`);
  const profiles = k.profiles.join(', ');
  return [
    `Kubernetes ${k.version} (${from})`,
    k.schedulerConfig ? `Scheduler profiles: ${profiles} (from ${k.schedulerConfig})` : `Scheduler profile: ${profiles} (the default configuration)`,
    gates.length ? `Feature gates: ${gates.join(', ')}; the others as ${k.version} defaults them` : `Feature gates: the defaults of ${k.version}`,
    ...(k.error ? [`Problem: ${k.error}`] : []),
  ];
}

function baseName(p: string): string {
  return p.split(/[\\/]/).filter(Boolean).pop() ?? p;
}
