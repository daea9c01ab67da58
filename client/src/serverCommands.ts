// Typed access to the kube-spread server over the wire protocol (server/src/protocol.ts): the
// command id picks the argument and result types of `workspace/executeCommand`, and notifications
// get vscode-languageclient's NotificationType around the protocol's method names, so the client
// cannot send a command the wrong argument or read a result as the wrong shape.

import { NotificationType, type CancellationToken, type LanguageClient } from 'vscode-languageclient/node';
import {
  FixtureStatusNotification, WorkspaceTrustNotification,
  type FixtureStatus, type ServerCommandId, type ServerCommandTypes, type WorkspaceTrustParams,
} from '../../server/src/protocol';

export const fixtureStatusNotification = new NotificationType<FixtureStatus>(FixtureStatusNotification);
export const workspaceTrustNotification = new NotificationType<WorkspaceTrustParams>(WorkspaceTrustNotification);

export interface ExecuteOptions {
  /** The server reports progress under this token (window/workDoneProgress). */
  workDoneToken?: string;
  /** Cancels the request. */
  token?: CancellationToken;
}

/** Runs a server command with its one argument (none for `undefined`) and resolves to its result. */
export function executeServerCommand<C extends ServerCommandId>(
  client: LanguageClient,
  command: C,
  args: ServerCommandTypes[C]['args'],
  options: ExecuteOptions = {},
): Promise<ServerCommandTypes[C]['result']> {
  const params = {
    command,
    arguments: args === undefined ? [] : [args],
    ...(options.workDoneToken !== undefined ? { workDoneToken: options.workDoneToken } : {}),
  };
  // An explicit `undefined` token would be sent as a second request parameter: pass it only when set.
  return options.token
    ? client.sendRequest<ServerCommandTypes[C]['result']>('workspace/executeCommand', params, options.token)
    : client.sendRequest<ServerCommandTypes[C]['result']>('workspace/executeCommand', params);
}
