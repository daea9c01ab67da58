// workspace/executeCommand handlers: the editor's "Simulate Placement" view and the status bar ask
// the server, so the client never runs any analysis itself.

import { ErrorCodes, LSPErrorCodes, ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { join } from 'node:path';
import { PROJECT_FILE_NAME, WorkloadPickError } from '../../analysis';
import { type AuditArgs, Commands, type ExplainArgs, type SimulateArgs } from '../../protocol';
import { type EditorAnalysis, fileNameOf } from '../state/analysis';
import type { FixtureManager } from '../state/fixtures';
import type { SettingsStore } from '../state/settings';
import { executeWhatIf, WHATIF_COMMAND_IDS } from './whatif';
import { simulateDocumentRelease } from './release';
import { auditForEditor } from './audit';

export const COMMAND_IDS = Object.values(Commands);

export function registerCommands(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  analysis: EditorAnalysis,
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
        const session = analysis.session();
        const { limits } = analysis.checkOptions(doc.uri);
        const parsed = session.parse(doc.getText(), fileNameOf(doc.uri), limits);
        try {
          // The document asked for, else the one under the cursor when it is schedulable, else the first workload.
          const picked = session.pickWorkload(parsed, {
            document: arg.document, offset: arg.position ? doc.offsetAt(arg.position) : undefined, podReplicas: settings.current.defaultReplicas,
          });
          if (params.command === Commands.explain) return session.explain(parsed, picked);
          // The picture needs every node and its labels, which simulate's JSON does not list.
          return { ...session.simulate(picked, { replicas: arg.replicas }), nodes: session.nodes(), fixtureError: fixtures.error };
        } catch (e) {
          const message = e instanceof WorkloadPickError ? e.message : `internal error: ${(e as Error).message}`;
          throw new ResponseError(LSPErrorCodes.RequestFailed, message.split('\n')[0]);
        }
      }
      case Commands.simulateRelease: {
        // Every workload of the document's release placed together (lsp/features/release.ts).
        if (!arg || typeof arg.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'expected {uri}');
        const doc = documents.get(arg.uri);
        if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `document not open: ${arg.uri}`);
        await fixtures.ready;
        try {
          return simulateDocumentRelease(doc, analysis, fixtures.error);
        } catch (e) {
          const message = e instanceof WorkloadPickError ? e.message : `internal error: ${(e as Error).message}`;
          throw new ResponseError(LSPErrorCodes.RequestFailed, message.split('\n')[0]);
        }
      }
      case Commands.audit: {
        // The fixture's audit with the descheduler dry run and the workloads' manifests (lsp/features/audit.ts).
        await fixtures.ready;
        const root = fixtures.root;
        try {
          return await auditForEditor(arg as AuditArgs | undefined, {
            documents, analysis, root, project: root ? analysis.projectFor(join(root, PROJECT_FILE_NAME)) : undefined, fixtureError: fixtures.error,
          });
        } catch (e) {
          throw new ResponseError(LSPErrorCodes.RequestFailed, `internal error: ${(e as Error).message}`.split('\n')[0]);
        }
      }
      default:
        // Rolling update, scale, domain loss, domains, capture (lsp/features/whatif.ts).
        if (WHATIF_COMMAND_IDS.includes(params.command)) return executeWhatIf(params, { connection, documents, fixtures, settings, analysis }, token, workDone);
        throw new ResponseError(ErrorCodes.MethodNotFound, `unknown command ${params.command}`);
    }
  });
}
