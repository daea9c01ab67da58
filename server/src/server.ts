// kube-spread language server: LSP wiring only. Each LSP feature lives in lsp/features/, the server's
// state (settings, fixture, cluster configuration, the analysis session) in lsp/state/.
// The transport (--stdio, --node-ipc, --socket) is chosen from the command line by createConnection.

import { fileURLToPath } from 'node:url';
import {
  CodeActionKind, CodeLensRefreshRequest, createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditorAnalysis, fileNameOf } from './lsp/state/analysis';
import { COMMAND_IDS, registerCommands } from './lsp/features/commands';
import { DiagnosticsScheduler } from './lsp/features/diagnostics';
import { FixtureManager } from './lsp/state/fixtures';
import { registerCodeActions } from './lsp/features/codeActions';
import { registerCodeLens } from './lsp/features/codeLens';
import { registerCompletion, TRIGGER_CHARACTERS } from './lsp/features/completion';
import { hoverExtrasFrom } from './lsp/features/fieldHover';
import { registerHover } from './lsp/features/hover';
import { FixtureStatusNotification, VisibleRangesNotification, WorkspaceTrustNotification, type InitOptions } from './protocol';
import { SettingsStore } from './lsp/state/settings';
import { WHATIF_COMMAND_IDS } from './lsp/features/whatif';
import { ClusterConfigManager } from './lsp/state/clusterConfig';
import { LENS_CLIENT_COMMANDS } from './lsp/features/codeLens';
import { editorReleaseOf } from './lsp/features/release';
import { ProjectFileManager } from './lsp/state/projectFiles';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const settings = new SettingsStore(connection);
const fixtures = new FixtureManager(connection, settings);
const analysis = new EditorAnalysis(fixtures, settings);
const diagnostics = new DiagnosticsScheduler(connection, documents, analysis, fixtures, settings);
// Version, feature gates and scheduler configuration, resolved as the CLI does (settings win over the fixture).
const cluster = new ClusterConfigManager(connection, settings, fixtures);
settings.resolveCluster = () => cluster.current();
fixtures.statusExtra = () => ({ kubernetes: cluster.status() });
// .kube-spread.yaml: suppression rules per document; the workspace's cluster and version when the settings leave them empty.
const projects = new ProjectFileManager(connection, fixtures);
analysis.projectFor = (fileName) => projects.forDocument(fileName);
fixtures.projectCluster = () => projects.workspace()?.cluster;
cluster.projectVersion = () => projects.workspace()?.kubernetesVersion;
diagnostics.extraDiagnostics = (uri) => [...cluster.diagnosticsFor(uri), ...projects.diagnosticsFor(uri)];
cluster.onProblems = (paths) => diagnostics.republish(paths);
projects.onProblems = (paths) => diagnostics.republish(paths);
let dynamicConfiguration = false;
let codeLensRefresh = false;
/** The lens commands the client implements (initializationOptions.clientCommands): what-ifs, Simulate Release. */
let lensCommands: string[] = [];

connection.onInitialize((params): InitializeResult => {
  const init = (params.initializationOptions ?? {}) as InitOptions & { settings?: unknown };
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  fixtures.root = folder?.startsWith('file:') ? fileURLToPath(folder) : (params.rootPath ?? undefined);
  fixtures.trusted = init.trusted !== false;
  lensCommands = (init.clientCommands ?? []).filter((c) => LENS_CLIENT_COMMANDS.includes(c));
  const caps = params.capabilities.workspace;
  settings.init(!!caps?.configuration, init.settings);
  dynamicConfiguration = !!caps?.didChangeConfiguration?.dynamicRegistration;
  codeLensRefresh = !!caps?.codeLens?.refreshSupport;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: TRIGGER_CHARACTERS },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [...COMMAND_IDS, ...WHATIF_COMMAND_IDS] },
    },
    serverInfo: { name: 'kube-spread', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  connection.console.log(`kube-spread server ${process.version}: root=${fixtures.root ?? '(none)'}, trusted=${fixtures.trusted}`);
  if (dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubeSpread' });
  await settings.refresh();
  void fixtures.reload('startup');
});

connection.onDidChangeConfiguration(async (change) => {
  const pushed = (change.settings as { kubeSpread?: unknown } | null)?.kubeSpread;
  const before = settings.current.fixture;
  if (!(await settings.refresh(pushed))) return;
  if (settings.current.fixture !== before) await fixtures.reload('setting changed');
  cluster.refresh(); // its listener below updates the status bar when the version or configuration changed
  diagnostics.refreshAll();
  if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type);
});

// What the editors show: a big file's first analysis computes those workloads' spread findings first.
connection.onNotification(VisibleRangesNotification, (p: unknown) => diagnostics.visible.update(p));
connection.onNotification(WorkspaceTrustNotification, (p: { trusted?: boolean }) => {
  fixtures.trusted = p?.trusted !== false;
  void fixtures.reload('workspace trust changed').then(() => cluster.refresh());
});
cluster.onDidChange(({ configChanged }) => {
  // The scheduler config file or the settings changed: the status bar, and new verdicts and lenses if the configuration in use did.
  void connection.sendNotification(FixtureStatusNotification, fixtures.status());
  if (!configChanged) return;
  diagnostics.refreshAll();
  if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type);
});

let projectDefaults = '';
projects.onDidChange(async () => {
  // The workspace's cluster or version may have changed (a fixture reload re-runs the diagnostics itself).
  const w = projects.workspace();
  const defaults = JSON.stringify([w?.cluster, w?.kubernetesVersion]);
  if (defaults !== projectDefaults && !settings.current.fixture) await fixtures.reload('project file changed');
  projectDefaults = defaults;
  cluster.refresh();
  diagnostics.refreshAll();
  if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type);
});

// Releases the project file groups (lsp/state/releaseFiles.ts): members are read from the open documents, else
// from disk; a change to one re-runs the other open members (their spread/ findings and lenses depend on it).
analysis.releases.openText = (fileName) => documents.all().find((d) => fileNameOf(d.uri) === fileName)?.getText();
const releaseMembersChanged = (paths: string[]) => {
  if (diagnostics.rerun(paths).length && codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type);
};
analysis.releases.onDiskChange = (folder) => releaseMembersChanged(analysis.releases.membersIn(folder));

fixtures.onDidChange(() => {
  diagnostics.refreshAll();
  if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type); // the lenses show the old fixture's placement
});
documents.onDidChangeContent((e) => {
  diagnostics.schedule(e.document);
  releaseMembersChanged(analysis.releases.membersWith(fileNameOf(e.document.uri)));
});
documents.onDidClose((e) => {
  diagnostics.close(e.document.uri);
  const path = fileNameOf(e.document.uri);
  analysis.releases.forget(path);
  // The other members read this file from disk again (its unsaved edits no longer count).
  releaseMembersChanged(analysis.releases.membersWith(path));
});
// What-if ids reach lsp/features/whatif.ts through the default: of registerCommands' handler.
registerCommands(connection, documents, analysis, fixtures, settings);
registerHover(connection, documents, analysis, fixtures, settings, hoverExtrasFrom(diagnostics));
registerCompletion(connection, documents, fixtures);
registerCodeActions(connection, documents, diagnostics);
registerCodeLens(connection, documents, diagnostics, () => lensCommands, editorReleaseOf(analysis));
connection.onShutdown(() => {
  fixtures.dispose();
  cluster.dispose();
  projects.dispose();
  analysis.releases.dispose();
});

documents.listen(connection);
connection.listen();
