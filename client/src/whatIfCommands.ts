// The what-if palette commands and code lenses (Simulate Rolling Update, Simulate Scale To…,
// Simulate Losing a Domain…) and Capture Cluster Fixture…: they ask what the simulation needs, then
// the server computes and WhatIfView shows it.

import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import { WhatIfCommands, WhatIfLensCommands, type CaptureArgs, type CaptureResult, type DomainLossMode, type TopologyDomains, type WorkloadTarget } from '../../server/src/protocol';
import { executeServerCommand } from './serverCommands';
import type { WhatIfView } from './whatIfView';

/** kube-spread's hard ceiling for simulated replicas (analysis/limits.ts). */
const MAX_REPLICAS = 20000;
/** Keys a zone outage is usually about come first in the domain pick. */
const PREFERRED_KEYS = ['topology.kubernetes.io/zone', 'topology.kubernetes.io/region', 'kubernetes.io/hostname'];

const MODES: { mode: DomainLossMode; label: string; description: string }[] = [
  { mode: 'remove', label: 'remove', description: 'The nodes are deleted with all their pods; the domain no longer counts for spreading.' },
  { mode: 'drain', label: 'drain', description: 'The nodes are cordoned and drained (DaemonSet pods stay); cordoned nodes still count as a domain.' },
  { mode: 'outage', label: 'outage', description: 'The nodes become unreachable (NoSchedule + NoExecute taints); still a domain unless nodeTaintsPolicy: Honor.' },
];

/** The workload to simulate: a code lens's {uri, document, position}, else the active YAML editor's cursor. */
export function targetOf(arg: unknown): WorkloadTarget | undefined {
  const lens = arg as { uri?: unknown; document?: unknown; position?: { line?: unknown; character?: unknown } } | undefined;
  if (lens && typeof lens.uri === 'string' && typeof lens.position?.line === 'number' && typeof lens.position.character === 'number') {
    return { uri: lens.uri, document: typeof lens.document === 'number' ? lens.document : undefined, position: { line: lens.position.line, character: lens.position.character } };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'yaml') {
    void vscode.window.showWarningMessage('Kube Spread: open a YAML manifest with a workload (Deployment, StatefulSet, ReplicaSet, ReplicationController) first.');
    return undefined;
  }
  const p = editor.selection.active;
  return { uri: editor.document.uri.toString(), position: { line: p.line, character: p.character } };
}

export function registerWhatIfCommands(client: LanguageClient, view: WhatIfView): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(WhatIfLensCommands.rollout, async (arg?: unknown) => {
      const t = targetOf(arg);
      if (t) await view.show({ command: WhatIfCommands.rollout, args: { ...t, compare: true }, heading: 'Rolling update' });
    }),
    vscode.commands.registerCommand(WhatIfLensCommands.scale, async (arg?: unknown) => {
      const t = targetOf(arg);
      if (!t) return;
      const value = await vscode.window.showInputBox({
        title: 'Kube Spread: Simulate Scale To…',
        prompt: 'Replica count to scale the workload to (down: which pods the controller deletes; up: where new pods land)',
        placeHolder: 'e.g. 2',
        validateInput: (v) => (/^\s*\d+\s*$/.test(v) && Number(v) <= MAX_REPLICAS ? undefined : `a whole number from 0 to ${MAX_REPLICAS}`),
      });
      if (value === undefined) return;
      const replicas = Number(value.trim());
      await view.show({ command: WhatIfCommands.scale, args: { ...t, replicas }, heading: `Scale to ${replicas}` });
    }),
    vscode.commands.registerCommand(WhatIfLensCommands.domainLoss, async (arg?: unknown) => {
      const t = targetOf(arg);
      if (!t) return;
      const domain = await pickDomain(client);
      if (!domain) return;
      const mode = await vscode.window.showQuickPick(MODES.map((m) => ({ label: m.label, detail: m.description, mode: m.mode })), {
        title: `Kube Spread: how is ${domain} lost?`, placeHolder: 'remove, drain or outage',
      });
      if (!mode) return;
      await view.show({ command: WhatIfCommands.domainLoss, args: { ...t, domain, mode: mode.mode }, heading: `Losing ${domain} (${mode.mode})` });
    }),
    vscode.commands.registerCommand('kubeSpread.captureFixture', () => captureFixture(client)),
  ];
}

async function pickDomain(client: LanguageClient): Promise<string | undefined> {
  let domains: TopologyDomains;
  try {
    domains = await executeServerCommand(client, WhatIfCommands.domains, undefined);
  } catch (e) {
    void vscode.window.showErrorMessage(`Kube Spread: cannot list the fixture's domains: ${(e as Error).message}`);
    return undefined;
  }
  const rank = (k: string) => (PREFERRED_KEYS.includes(k) ? PREFERRED_KEYS.indexOf(k) : PREFERRED_KEYS.length);
  const keys = Object.keys(domains).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  const items: (vscode.QuickPickItem & { value?: string })[] = [];
  for (const k of keys) {
    items.push({ label: k, kind: vscode.QuickPickItemKind.Separator });
    for (const v of domains[k]) items.push({ label: `${k}=${v}`, value: `${k}=${v}` });
  }
  if (!items.length) {
    void vscode.window.showWarningMessage('Kube Spread: the cluster fixture has no node labels to lose a domain by.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Kube Spread: Simulate Losing a Domain…', placeHolder: 'Which domain (KEY=VALUE of node labels) is lost?', matchOnDescription: true });
  return picked?.value;
}

function workspaceRelative(file: string): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  const rel = path.relative(folder.uri.fsPath, file);
  return rel && rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : undefined;
}

async function captureFixture(client: LanguageClient): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Kube Spread: capturing a fixture talks to a cluster and writes a file, so it needs a trusted workspace.');
    return;
  }
  const title = 'Kube Spread: Capture Cluster Fixture';
  const context = await vscode.window.showInputBox({ title, prompt: 'kubeconfig context (empty: the current context)', placeHolder: 'current context' });
  if (context === undefined) return;
  const namespace = await vscode.window.showInputBox({ title, prompt: 'Namespace of the pods to read (empty: all namespaces; nodes are always all read)', placeHolder: 'all namespaces' });
  if (namespace === undefined) return;
  const anonymize = await vscode.window.showQuickPick([
    { label: 'Keep names', detail: 'Node and pod names as in the cluster', anonymize: false },
    { label: 'Anonymize', detail: 'Node, pod and owner names and UIDs become node-1, pod-1, …; image names are dropped; labels stay', anonymize: true },
  ], { title, placeHolder: 'Anonymize the fixture?' });
  if (!anonymize) return;
  const output = await vscode.window.showInputBox({
    title, prompt: 'Where to write the fixture (relative to the workspace folder)', value: 'fixtures/cluster.yaml',
    validateInput: (v) => (v.trim() ? undefined : 'a file path'),
  });
  if (!output) return;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder && !path.isAbsolute(output)) {
    const exists = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, output)).then(() => true, () => false);
    if (exists && (await vscode.window.showWarningMessage(`${output} exists. Overwrite it?`, { modal: true }, 'Overwrite')) !== 'Overwrite') return;
  }
  const args: CaptureArgs = { output: output.trim(), ...(context.trim() ? { context: context.trim() } : {}), ...(namespace.trim() ? { namespace: namespace.trim() } : {}), anonymize: anonymize.anonymize };
  let result: CaptureResult;
  let cancelled = false;
  try {
    result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Kube Spread: capturing cluster fixture', cancellable: true }, async (progress, cancel) => {
      // The server reports through our workDoneToken; cancelling the notification cancels the request.
      const workDoneToken = randomBytes(8).toString('hex');
      const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
        const m = (v as WorkDoneProgressBegin | WorkDoneProgressReport).message;
        if (m) progress.report({ message: m });
      });
      cancel.onCancellationRequested(() => (cancelled = true));
      try {
        return await executeServerCommand(client, WhatIfCommands.captureFixture, args, { workDoneToken, token: cancel });
      } finally {
        sub.dispose();
      }
    });
  } catch (e) {
    if (cancelled) void vscode.window.showInformationMessage('Kube Spread: capture cancelled; nothing was written.');
    else void vscode.window.showErrorMessage(`Kube Spread: capture failed: ${(e as Error).message}`);
    return;
  }
  const rel = workspaceRelative(result.output);
  const summary = `Captured ${result.nodes} nodes and ${result.pods} pods from ${result.context || 'the current context'} into ${rel ?? result.output}.`;
  const use = await vscode.window.showInformationMessage(`Kube Spread: ${summary}`, 'Use this fixture', 'Open');
  if (use === 'Use this fixture') {
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration('kubeSpread').update('fixture', rel ?? result.output, target);
  } else if (use === 'Open') {
    await vscode.window.showTextDocument(vscode.Uri.file(result.output));
  }
}
