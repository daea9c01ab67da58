// workspace/executeCommand handlers for the what-if simulations (rolling update, scale, domain loss)
// and for capturing a fixture from a cluster. The editor's palette commands, code lenses and the
// step-by-step webview call these; the results are the CLI's JSON objects (docs/whatif.md) plus
// ready-made SVG pictures per simulation.
//
// The connection has a single executeCommand handler, installed by lsp/features/commands.ts; its
// `default:` hands the ids of WHATIF_COMMAND_IDS to `executeWhatIf`.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import {
  type CancellationToken, type Connection, ErrorCodes, type ExecuteCommandParams, LSPErrorCodes, ResponseError, type TextDocuments,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CaptureError, captureFixture, type PickedWorkload, WhatIfError, WorkloadPickError, type WhatIfRequest } from '../../analysis';
import { type EditorAnalysis, fileNameOf } from '../state/analysis';
import type { FixtureManager } from '../state/fixtures';
import type { SettingsStore } from '../state/settings';
import { WhatIfCommands, type CaptureArgs, type WhatIfArgs } from '../../protocol';

export const WHATIF_COMMAND_IDS: string[] = Object.values(WhatIfCommands);

interface Deps {
  documents: TextDocuments<TextDocument>;
  fixtures: FixtureManager;
  settings: SettingsStore;
  connection: Connection;
  analysis: EditorAnalysis;
}

const fail = (message: string) => new ResponseError(LSPErrorCodes.RequestFailed, message.split('\n')[0]);

/**
 * `workDone` is the reporter for the client's `workDoneToken` (the editor shows it in its own
 * cancellable notification); without a token the capture creates server-initiated progress.
 */
export async function executeWhatIf(params: ExecuteCommandParams, deps: Deps, token?: CancellationToken, workDone?: WorkDoneProgressReporter): Promise<unknown> {
  const arg = ((params.arguments ?? [])[0] ?? {}) as WhatIfArgs & CaptureArgs;
  if (params.command === WhatIfCommands.captureFixture) return capture(arg, deps, token, params.workDoneToken !== undefined ? workDone : undefined);
  await deps.fixtures.ready;
  // The session the diagnostics use: the same fixture, version, gates and scheduler configuration, built once.
  const session = deps.analysis.session();
  if (params.command === WhatIfCommands.domains) return session.domains();
  if (!arg || typeof arg.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'expected {uri, document?, position?, ...}');
  const doc = deps.documents.get(arg.uri);
  if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `document not open: ${arg.uri}`);
  const req: WhatIfRequest = {};
  switch (params.command) {
    case WhatIfCommands.rollout:
      req.rollout = true;
      req.compare = arg.compare !== false;
      break;
    case WhatIfCommands.scale:
      if (!Number.isInteger(arg.replicas) || (arg.replicas ?? -1) < 0) throw new ResponseError(ErrorCodes.InvalidParams, 'scale needs {replicas: integer >= 0}');
      req.scaleTo = arg.replicas;
      break;
    case WhatIfCommands.domainLoss:
      if (typeof arg.domain !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'domainLoss needs {domain: "KEY=VALUE"}');
      req.withoutDomain = arg.domain;
      req.domainLoss = arg.mode;
      break;
    default:
      throw new ResponseError(ErrorCodes.MethodNotFound, `unknown command ${params.command}`);
  }
  const parsed = session.parse(doc.getText(), fileNameOf(doc.uri), deps.analysis.checkOptions(doc.uri).limits);
  let target: PickedWorkload;
  try {
    target = session.pickWorkload(parsed, { document: arg.document, offset: arg.position ? doc.offsetAt(arg.position) : undefined });
  } catch (e) {
    if (e instanceof WorkloadPickError) throw fail(e.message);
    throw e;
  }
  try {
    const out = session.whatIf(target, req);
    return {
      ...out.json,
      cluster: session.clusterInfo(),
      document: target.doc.index,
      pending: out.pending,
      text: out.text,
      svg: out.svg,
      nodes: session.nodes(),
    };
  } catch (e) {
    if (e instanceof WhatIfError) throw fail(e.message);
    throw fail(`internal error: ${(e as Error).message}`);
  }
}

async function capture(arg: CaptureArgs, deps: Deps, token?: CancellationToken, workDone?: WorkDoneProgressReporter): Promise<unknown> {
  if (!deps.fixtures.trusted) throw fail('capturing a fixture talks to a cluster and writes a file: only in a trusted workspace');
  if (!arg || typeof arg.output !== 'string' || !arg.output) throw new ResponseError(ErrorCodes.InvalidParams, 'captureFixture needs {output: path}');
  const output = isAbsolute(arg.output) || !deps.fixtures.root ? arg.output : resolve(deps.fixtures.root, arg.output);
  const abort = new AbortController();
  token?.onCancellationRequested(() => abort.abort());
  const created = workDone ? undefined : await deps.connection.window.createWorkDoneProgress().catch(() => undefined);
  const progress: WorkDoneProgressReporter | undefined = workDone ?? created;
  progress?.begin('Capturing cluster fixture', undefined, arg.context ? `context ${arg.context}` : 'current context', true);
  created?.token.onCancellationRequested(() => abort.abort());
  try {
    const r = await captureFixture({
      context: arg.context, namespace: arg.namespace, anonymize: arg.anonymize, signal: abort.signal,
      onProgress: (m) => progress?.report(m),
    });
    mkdirSync(dirname(output), { recursive: true }); // the palette suggests fixtures/cluster.yaml
    writeFileSync(output, r.yaml);
    return { output, context: r.context, server: r.server, nodes: r.nodes, pods: r.pods, skipped: r.skipped, client: r.client };
  } catch (e) {
    throw fail(e instanceof CaptureError ? e.message : `capture failed: ${(e as Error).message}`);
  } finally {
    progress?.done();
  }
}
