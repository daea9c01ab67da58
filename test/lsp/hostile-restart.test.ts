// Killing the server. The VS Code client (vscode-languageclient's default error handler) restarts a
// dead server silently up to 4 times in 3 minutes and shows one error after that; what the server side
// must guarantee for that to work is tested here: a request outstanding when the server dies is
// rejected, not left hanging; a restarted server given the same documents and settings publishes the
// same diagnostics (no state lost with the process); a server whose client goes away exits instead of
// lingering, so a restart storm leaves no orphans.

import assert from 'node:assert/strict';
import { buildServer, LspClient } from './client';

const BAD_POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {app: a}}\nspec:\n  containers: [{name: c, image: nginx}]\n  topologySpreadConstraints:\n    - {maxSkew: 0, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: a}}}\n';
const exited = (c: LspClient) => new Promise<void>((r) => (c.proc.exitCode !== null || c.proc.signalCode !== null ? r() : c.proc.once('exit', () => r())));

describe('language server: killed and restarted (stdio)', function () {
  this.timeout(60000);
  before(() => {
    buildServer();
  });

  it('SIGKILL with requests outstanding: they are rejected once the connection closes; a restarted server recovers the same diagnostics', async () => {
    const uri = 'untitled:restart.yaml';
    const first = await LspClient.start({ settings: { defaultReplicas: 3 } });
    await first.open(uri, BAD_POD, 1);
    const before = (await first.diagnosticsFor(uri, 1)).diagnostics;
    assert.ok(before.some((d) => d.code === 'api/maxSkew-positive'));

    const pending = [first.hover(uri, 6, 10), first.executeCommand('kubeSpread.server.simulate', { uri }), first.hover(uri, 0, 0)];
    first.proc.kill('SIGKILL');
    await exited(first);
    // vscode-languageclient disposes the connection when it closes, which rejects what is pending.
    first.conn.dispose();
    for (const p of pending) {
      await Promise.race([
        p.then(() => 'answered', () => 'rejected'),
        new Promise((_, rej) => setTimeout(() => rej(new Error('a request to the dead server hangs')), 5000)),
      ]);
    }

    // What vscode-languageclient does on restart: a new process, initialize, the open documents again.
    const second = await LspClient.start({ settings: { defaultReplicas: 3 } });
    try {
      await second.open(uri, BAD_POD, 1);
      const after = (await second.diagnosticsFor(uri, 1)).diagnostics;
      assert.deepEqual(after, before);
      assert.equal(await second.stop(), 0);
    } finally {
      if (second.proc.exitCode === null) second.proc.kill();
    }
  });

  it('a server whose client is gone (stdin closed, no exit notification) exits by itself', async () => {
    const c = await LspClient.start({});
    await c.open('untitled:x.yaml', BAD_POD, 1);
    await c.diagnosticsFor('untitled:x.yaml', 1);
    c.proc.stdin!.end();
    await Promise.race([exited(c), new Promise((_, rej) => setTimeout(() => rej(new Error('server still running 10 s after its client went away')), 10000))]);
    c.conn.dispose();
  });
});
