// kube-spread VS Code client: starts the language server (dist/server.js) for YAML documents and adds
// the fixture status bar item, the Simulate Placement view and the fixture commands. All analysis
// happens in the server; this file only wires editor UI to it, so activation stays cheap.

import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { selectFixture, useSample } from './fixtureCommands';
import { Commands, DiagnosticsProgressNotification, VisibleRangesNotification, AUDIT_CLIENT_COMMAND, SIMULATE_CLIENT_COMMAND, SIMULATE_RELEASE_CLIENT_COMMAND, WhatIfLensCommands, type DiagnosticsProgress, type InitOptions } from '../../server/src/protocol';
import { ReleaseView } from './releaseView';
import { AuditView } from './auditView';
import { executeServerCommand, fixtureStatusNotification, workspaceTrustNotification } from './serverCommands';
import { SimulateView } from './simulateView';
import { DiagnosticsProgressItem, FixtureStatusBar } from './statusBar';
import { registerWhatIfCommands } from './whatIfCommands';
import { WhatIfView } from './whatIfView';
import { duplicatedByYamlExtension } from './yamlOverlap';
import { RestartPolicy } from './restartPolicy';
import { VisibleRangesReporter } from './visibleRanges';

/** The finding code of a diagnostic published by our server (a string, or {value, target} with a link). */
function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}

/** What Red Hat's YAML extension already reports, read fresh each time (settings may change). */
function yamlExtensionDuplicates(): (code: string) => boolean {
  const yaml = vscode.workspace.getConfiguration('yaml');
  return duplicatedByYamlExtension({
    installed: vscode.extensions.getExtension('redhat.vscode-yaml') !== undefined,
    validate: yaml.get<boolean>('validate'),
    schemas: yaml.get('schemas'),
  });
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const restarts = new RestartPolicy();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'yaml' }, { scheme: 'untitled', language: 'yaml' }],
    // clientCommands: the server offers the what-if code lenses because we implement their commands.
    initializationOptions: { trusted: vscode.workspace.isTrusted, clientCommands: [SIMULATE_CLIENT_COMMAND, SIMULATE_RELEASE_CLIENT_COMMAND, ...Object.values(WhatIfLensCommands)] } satisfies InitOptions,
    // A dying server is restarted; the user is told once, not on every crash (restartPolicy.ts).
    errorHandler: {
      error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true }),
      closed: () => {
        const d = restarts.onClose();
        if (d.restart) {
          if (d.notify) {
            void vscode.window.showInformationMessage('Kube Spread: the language server stopped and was restarted.', 'Show Server Log')
              .then((pick) => pick && client?.outputChannel.show(true));
          }
          return { action: CloseAction.Restart, handled: true };
        }
        void vscode.window.showErrorMessage('Kube Spread: the language server keeps stopping, so it was not restarted again.', 'Show Server Log', 'Restart')
          .then((pick) => {
            if (pick === 'Show Server Log') client?.outputChannel.show(true);
            if (pick === 'Restart') {
              restarts.reset();
              void client?.start();
            }
          });
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
    // Beside Red Hat's YAML extension, leave the syntax (and, with its Kubernetes schema, the schema)
    // errors to it, so each problem is shown once (yamlOverlap.ts).
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => {
        const dup = yamlExtensionDuplicates();
        next(uri, diagnostics.filter((d) => !dup(codeOf(d))));
      },
    },
  };
  // The id 'kubeSpread' makes the client honour the kubeSpread.trace.server setting.
  const lc = new LanguageClient('kubeSpread', 'Kube Spread', serverOptions, clientOptions);
  client = lc;

  const status = new FixtureStatusBar();
  const view = new SimulateView(lc);
  const whatIf = new WhatIfView(lc);
  const release = new ReleaseView(lc);
  const audit = new AuditView(lc);
  context.subscriptions.push(status, view, whatIf, release, audit, lc, ...registerWhatIfCommands(lc, whatIf));
  const progress = new DiagnosticsProgressItem();
  context.subscriptions.push(
    progress,
    lc.onNotification(DiagnosticsProgressNotification, (p: DiagnosticsProgress) => progress.update(p)),
    vscode.workspace.onDidCloseTextDocument((d) => progress.forget(d.uri.toString())),
    lc.onNotification(fixtureStatusNotification, (s) => {
      status.update(s);
      view.fixtureChanged();
      release.fixtureChanged();
      audit.fixtureChanged();
    }),
    // From a code lens: {uri, document, position}; from the palette or the editor title: the active editor.
    vscode.commands.registerCommand(SIMULATE_CLIENT_COMMAND, (arg?: unknown) => view.show(arg)),
    vscode.commands.registerCommand(SIMULATE_RELEASE_CLIENT_COMMAND, (arg?: unknown) => release.show(arg)),
    vscode.commands.registerCommand(AUDIT_CLIENT_COMMAND, () => audit.show()),
    vscode.commands.registerCommand('kubeSpread.selectFixture', selectFixture),
    vscode.commands.registerCommand('kubeSpread.useSample', useSample),
    vscode.commands.registerCommand('kubeSpread.showLog', () => lc.outputChannel.show(true)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void lc.sendNotification(workspaceTrustNotification, { trusted: true })),
  );

  await lc.start();
  // Which lines are on screen: a big file's first analysis computes their spread findings first.
  context.subscriptions.push(new VisibleRangesReporter(vscode.window, (p) => void lc.sendNotification(VisibleRangesNotification, p)));
  // The first notification may have been sent before our handler was attached: ask once.
  try {
    status.update(await executeServerCommand(lc, Commands.fixtureStatus, undefined));
  } catch (e) {
    lc.error('cannot read the fixture status', e);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
