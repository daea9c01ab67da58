// The client keeps its own copy of the wire names (it must never import server code, which would pull
// the engine into the extension host's bundle). This test is where the two copies meet: it fails as
// soon as one side renames a command or notification the other still uses.

import { strict as assert } from 'node:assert';
import * as client from '../../../client/src/protocol';
import * as server from '../../../server/src/protocol';
import { SIMULATE_CLIENT_COMMAND, WhatIfLensCommands } from '../../../server/src/lsp/features/codeLens';
import { WhatIfCommands } from '../../../server/src/lsp/features/whatif';

describe('client/src/protocol.ts mirrors the server', () => {
  it('notifications have the same names', () => {
    assert.equal(client.FixtureStatusNotification, server.FixtureStatusNotification);
    assert.equal(client.WorkspaceTrustNotification, server.WorkspaceTrustNotification);
  });

  it('every server command the client calls is one the server serves', () => {
    const served = new Set([...Object.values(server.Commands), ...Object.values(WhatIfCommands)]);
    for (const [name, id] of Object.entries(client.ServerCommands)) assert.ok(served.has(id), `${name}: ${id} is not served`);
    assert.deepEqual(new Set(Object.values(client.ServerCommands)), served, 'the client knows every served command');
  });

  it('the client commands the server\'s code lenses invoke are the ones the client registers', () => {
    assert.deepEqual({ ...client.WhatIfClientCommands }, { ...WhatIfLensCommands });
    assert.equal(SIMULATE_CLIENT_COMMAND, 'kubeSpread.simulate');
  });
});
