// Random edit sequences against the real server (fast-check): incremental didChange edits of real
// manifests, with hovers and simulate requests in between. After every sequence the server publishes
// diagnostics for the final version whose ranges lie inside the text (mirrored here with the same
// TextDocument implementation), every request is answered in time, and the process stays up.
// `npm run fuzz` runs it with FUZZ_RUNS sequences.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { edit, MANIFESTS, runs } from '../fuzz/arbitraries';
import { rangeProblem } from '../unit/hostile/ranges';
import { buildServer, LspClient } from './client';

const DEADLINE_MS = 20000;

function inTime<T>(what: string, p: Promise<T>): Promise<unknown> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([
    p.catch((e: unknown) => e), // an error response is an answer
    new Promise((_, rej) => (t = setTimeout(() => rej(new Error(`${what}: no answer in ${DEADLINE_MS} ms`)), DEADLINE_MS))),
  ]).finally(() => clearTimeout(t));
}

const step = fc.oneof(
  { weight: 6, arbitrary: edit.map((e) => ({ kind: 'edit' as const, ...e })) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((pos) => ({ kind: 'hover' as const, pos })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'simulate' as const }) },
  { weight: 1, arbitrary: fc.nat({ max: 30 }).map((ms) => ({ kind: 'pause' as const, ms })) },
);

describe('language server: random edit sequences (fast-check, stdio)', function () {
  this.timeout(600000);
  let c: LspClient;
  let n = 0;

  before(async () => {
    buildServer();
    c = await LspClient.start({});
  });
  after(async () => {
    if (c.proc.exitCode === null) assert.equal(await c.stop(), 0);
  });

  it('diagnostics for the final version inside its text, requests answered, the server alive', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...MANIFESTS), fc.array(step, { minLength: 1, maxLength: 25 }), async (base, steps) => {
      const uri = `untitled:fuzz-${n++}.yaml`;
      let doc = TextDocument.create(uri, 'yaml', 1, base);
      await c.open(uri, base, 1);
      for (const s of steps) {
        if (s.kind === 'edit') {
          const text = doc.getText();
          const at = Math.min(text.length, Math.floor(s.pos * (text.length + 1)));
          const range = { start: doc.positionAt(at), end: doc.positionAt(Math.min(text.length, at + s.del)) };
          const change = { range, text: s.insert };
          doc = TextDocument.update(doc, [change], doc.version + 1);
          await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [change] });
        } else if (s.kind === 'hover') {
          const p = doc.positionAt(Math.floor(s.pos * doc.getText().length));
          await inTime('hover', c.hover(uri, p.line, p.character));
        } else if (s.kind === 'simulate') {
          await inTime('simulate', c.executeCommand('kubeSpread.server.simulate', { uri }));
        } else {
          await new Promise((r) => setTimeout(r, s.ms));
        }
      }
      const d = await c.diagnosticsFor(uri, doc.version, DEADLINE_MS);
      const problem = rangeProblem(d.diagnostics, doc.getText());
      await c.close(uri);
      assert.equal(problem, undefined, `${problem}\n--- text:\n${doc.getText()}`);
      assert.equal(c.proc.exitCode, null, c.stderr.slice(-2000));
    }), { numRuns: runs(12), endOnFailure: true });
    assert.match(c.stderr, /^(?![\s\S]*(Unhandled|uncaught|FATAL))/i, c.stderr.slice(-2000));
  });
});
