// The extension in VS Code desktop: activation on YAML, diagnostics from the server, commands.
/* global describe, it */
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const root = () => vscode.workspace.workspaceFolders[0].uri.fsPath;
async function until(what, f, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('kube-spread in VS Code desktop', () => {
  it('activates on a YAML file and reports diagnostics', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(root(), 'skew-zero.yaml'));
    await vscode.window.showTextDocument(doc);
    const diags = await until('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length ? d : undefined;
    });
    assert.ok(diags.some((d) => d.source === 'kube-spread'));
    assert.ok(vscode.extensions.getExtension('kube-spread.kube-spread').isActive);
  });

  it('registers its commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['kubeSpread.simulate', 'kubeSpread.selectFixture', 'kubeSpread.useSample', 'kubeSpread.showLog']) assert.ok(all.includes(c), c);
  });

  it('switches fixture through the workspace setting', async () => {
    await vscode.workspace.getConfiguration('kubeSpread').update('fixture', 'cluster.yaml', vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('kubeSpread.useSample');
    assert.equal(vscode.workspace.getConfiguration('kubeSpread').get('fixture'), '');
  });
});
