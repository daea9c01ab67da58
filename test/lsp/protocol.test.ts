// The server side of the wire protocol (server/src/protocol.ts), over real stdio: the server
// advertises exactly the command ids the protocol lists, and handles each of them. The client side
// (imports, bundle, client commands) is checked in test/unit/client/protocol.test.ts.

import assert from 'node:assert/strict';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { Commands, WhatIfCommands } from '../../server/src/protocol';
import { buildServer, LspClient } from './client';

const PROTOCOL_IDS: string[] = [...Object.values(Commands), ...Object.values(WhatIfCommands)];

describe('LSP wire protocol (stdio)', function () {
  this.timeout(20000);
  let c: LspClient;
  before(async () => {
    buildServer();
    c = await LspClient.start();
  });
  after(async () => {
    if (c) await c.stop();
  });

  it('advertises exactly the server commands of the protocol', () => {
    const advertised = c.initializeResult.capabilities.executeCommandProvider?.commands ?? [];
    assert.equal(new Set(advertised).size, advertised.length, `advertised twice: ${advertised.join(', ')}`);
    assert.deepEqual([...advertised].sort(), [...PROTOCOL_IDS].sort());
  });

  /** The request's error code, or undefined when it succeeded. */
  const errorCodeOf = (command: string) => c.executeCommand(command).then(() => undefined, (e: unknown) => {
    assert.ok(e instanceof ResponseError, String(e));
    return e.code;
  });

  it('answers an unknown command with MethodNotFound', async () => {
    assert.equal(await errorCodeOf('kubeSpread.server.noSuchCommand'), ErrorCodes.MethodNotFound);
  });

  it('handles every protocol command (without arguments: a result or InvalidParams, never MethodNotFound)', async () => {
    for (const id of PROTOCOL_IDS) {
      const code = await errorCodeOf(id);
      assert.ok(code === undefined || code === ErrorCodes.InvalidParams, `${id}: error ${code}`);
    }
  });
});
