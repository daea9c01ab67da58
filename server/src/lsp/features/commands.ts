// workspace/executeCommand handlers: the editor's "Simulate Placement" view and the status bar ask
// the server, so the client never runs any analysis itself.

import { ErrorCodes, LSPErrorCodes, ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisUnavailable, type AnalysisPort } from '../state/analysisPort';
import { analysisContext, fileNameOf } from '../state/context';
import type { FixtureManager } from '../state/fixtures';
import { fixtureNodes } from '../state/fixturePort';
import { Commands, type ExplainArgs, type SimulateArgs } from '../../protocol';
import type { SettingsStore } from '../state/settings';
import { executeWhatIf, WHATIF_COMMAND_IDS } from './whatif';
import { yamlPositionAt } from '../../editor/yamlPosition';

export const COMMAND_IDS = Object.values(Commands);

export function registerCommands(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  analysis: AnalysisPort,
  fixtures: FixtureManager,
  settings: SettingsStore,
): void {
  connection.onExecuteCommand(async (params, token, workDone) => {
    const arg = (params.arguments ?? [])[0] as (SimulateArgs & ExplainArgs) | undefined;
    switch (params.command) {
      case Commands.fixtureStatus:
        await fixtures.ready;
        return fixtures.status();
      case Commands.simulate:
      case Commands.explain: {
        if (!arg || typeof arg.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'expected {uri, document?, replicas?}');
        const doc = documents.get(arg.uri);
        if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `document not open: ${arg.uri}`);
        await fixtures.ready;
        const text = doc.getText();
        const ctx = analysisContext(fixtures, settings);
        const document = arg.document ?? (arg.position ? yamlPositionAt(text, doc.offsetAt(arg.position))?.document : undefined);
        const run = (d: number | undefined) => params.command === Commands.simulate
          ? { ...analysis.simulateDocument(text, fileNameOf(doc.uri), ctx, { document: d, replicas: arg.replicas, podReplicas: settings.current.defaultReplicas }),
            // The picture needs every node and its labels, which simulate's JSON does not list.
            nodes: fixtureNodes(fixtures.current), fixtureError: fixtures.error }
          : analysis.explainDocument(text, fileNameOf(doc.uri), ctx, { document: d });
        try {
          return run(document);
        } catch (e) {
          // The cursor's document may be a ConfigMap: fall back to the first schedulable object.
          if (arg.document === undefined && document !== undefined && !(e instanceof AnalysisUnavailable)) {
            try {
              return run(undefined);
            } catch {
              // report the first error, which is about what the user pointed at
            }
          }
          throw new ResponseError(LSPErrorCodes.RequestFailed, (e as Error).message.split('\n')[0]);
        }
      }
      default:
        // Rolling update, scale, domain loss, domains, capture (lsp/features/whatif.ts).
        if (WHATIF_COMMAND_IDS.includes(params.command)) return executeWhatIf(params, { connection, documents, fixtures, settings }, token, workDone);
        throw new ResponseError(ErrorCodes.MethodNotFound, `unknown command ${params.command}`);
    }
  });
}
