// "Select Cluster Fixture" and "Use Embedded Sample Cluster": both only write the kubeSpread.fixture
// setting; the server watches settings and reloads, so there is one source of truth.

import * as path from 'node:path';
import * as vscode from 'vscode';

function target(): vscode.ConfigurationTarget {
  // Without a folder there is no workspace setting to write to.
  return vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

export async function selectFixture(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const picked = await vscode.window.showOpenDialog({
    title: 'Kube Spread: Select Cluster Fixture',
    openLabel: 'Use as cluster fixture',
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    defaultUri: folder?.uri,
    filters: { 'Cluster fixture': ['yaml', 'yml', 'json'], 'All files': ['*'] },
  });
  const file = picked?.[0];
  if (!file) return;
  const rel = folder ? path.relative(folder.uri.fsPath, file.fsPath) : undefined;
  const inside = rel !== undefined && rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel);
  if (!inside && !vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Kube Spread: in Restricted Mode the cluster fixture must be inside the workspace.');
    return;
  }
  // Workspace-relative (with / separators) so the setting can be committed and shared.
  const value = inside ? rel.split(path.sep).join('/') : file.fsPath;
  await vscode.workspace.getConfiguration('kubeSpread').update('fixture', value, target());
}

export async function useSample(): Promise<void> {
  // An explicit "" (not undefined) so a user-level fixture is overridden for this workspace too.
  await vscode.workspace.getConfiguration('kubeSpread').update('fixture', '', target());
}
