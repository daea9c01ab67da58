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
import { makeContext } from '../../analysis/context';
import { WhatIfError } from '../../analysis/whatif/simulations';
import { runWhatIfs, targetOf, type WhatIfRequest } from '../../analysis/whatif/run';
import type { SchedulerEnv } from '../../engine';
import type { SchedulerSetup } from '../../engine';
import { defaultEnv, NEWEST_RELEASE_MINOR } from '../../engine';
import { captureFixture, CaptureError } from '../../fixture/capture';
import type { LoadedFixture } from '../../fixture';
import { parseManifestText } from '../../k8s/manifest';
import { workloadSpecOf } from '../../analysis/manifest';
import { fileNameOf } from '../state/context';
import type { FixtureManager } from '../state/fixtures';
import { fixtureNodes } from '../state/fixturePort';
import type { SettingsStore } from '../state/settings';
import { yamlPositionAt } from '../../editor/yamlPosition';
import { WhatIfCommands, type CaptureArgs, type WhatIfArgs } from '../../protocol';

export const WHATIF_COMMAND_IDS: string[] = Object.values(WhatIfCommands);

interface Deps {
  documents: TextDocuments<TextDocument>;
  fixtures: FixtureManager;
  settings: SettingsStore;
  connection: Connection;
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
  const fixture = deps.fixtures.current as unknown as LoadedFixture;
  if (params.command === WhatIfCommands.domains) return domainsOf(fixture);
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
  const text = doc.getText();
  const parsed = parseManifestText(text, { fileName: fileNameOf(doc.uri) });
  const wanted = arg.document ?? (arg.position ? yamlPositionAt(text, doc.offsetAt(arg.position))?.document : undefined);
  const target = (wanted !== undefined && parsed.documents[wanted] && workloadSpecOf(parsed.documents[wanted]))
    ? parsed.documents[wanted]
    : parsed.documents.find((d) => workloadSpecOf(d));
  if (!target) throw fail('no Pod or workload in this file');
  // The version, gates and scheduler configuration the diagnostics use (lsp/state/clusterConfig.ts).
  const resolved = deps.settings.resolveCluster?.() as { env: SchedulerEnv; setup: SchedulerSetup } | undefined;
  const ctx = resolved
    ? makeContext(fixture, resolved.env, undefined, resolved.setup)
    : makeContext(fixture, defaultEnv(Number(deps.settings.current.kubernetesVersion.split('.')[1]) || NEWEST_RELEASE_MINOR));
  try {
    const out = runWhatIfs(ctx, targetOf(target), req);
    return {
      ...out.json,
      cluster: { source: fixture.source, embedded: fixture.embedded, nodes: ctx.cluster.nodes.length, pods: ctx.cluster.podCount },
      document: target.index,
      pending: out.pending,
      text: out.text,
      svg: out.svg,
      nodes: fixtureNodes(deps.fixtures.current),
    };
  } catch (e) {
    if (e instanceof WhatIfError) throw fail(e.message);
    throw fail(`internal error: ${(e as Error).message}`);
  }
}

function domainsOf(fixture: LoadedFixture): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const n of fixture.input.nodes) {
    for (const [k, v] of Object.entries(n.metadata?.labels ?? {})) (out[k] ??= new Set()).add(v);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, s]) => [k, [...s].sort()]));
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
