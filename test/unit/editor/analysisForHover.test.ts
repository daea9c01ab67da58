// A hover shows where a workload's replicas land from the diagnostics run's analysis of that version
// (DiagnosticsScheduler.analysisForHover). On a big cluster it never computes that analysis itself:
// on 5,000 nodes that held the server ~1 s while the diagnostics run was computing it anyway.

import { strict as assert } from 'node:assert';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckResult } from '../../../server/src/analysis';
import { DiagnosticsScheduler, STAGED_MIN_NODES } from '../../../server/src/lsp/features/diagnostics';
import type { EditorAnalysis } from '../../../server/src/lsp/state/analysis';
import type { FixtureManager } from '../../../server/src/lsp/state/fixtures';
import type { SettingsStore } from '../../../server/src/lsp/state/settings';

function scheduler(nodes: number) {
  const checks: string[] = [];
  const result = { findings: [] } as unknown as CheckResult;
  const analysis = { check: (uri: string) => (checks.push(uri), result) } as unknown as EditorAnalysis;
  const fixtures = { current: { input: { nodes: new Array(nodes) } } } as unknown as FixtureManager;
  const s = new DiagnosticsScheduler({} as Connection, {} as TextDocuments<TextDocument>, analysis, fixtures, {} as SettingsStore);
  return { s, checks, result };
}

describe('editor: the analysis a hover reads (analysisForHover)', () => {
  const doc = TextDocument.create('file:///w.yaml', 'yaml', 3, 'kind: Deployment\n');

  it('this version\'s analysis when the diagnostics run has it, on any cluster', () => {
    for (const nodes of [3, STAGED_MIN_NODES]) {
      const { s, checks, result } = scheduler(nodes);
      s.results.set(doc.uri, { version: 3, result });
      assert.equal(s.analysisForHover(doc), result);
      assert.deepEqual(checks, []);
    }
  });

  it(`a small cluster: computed now (as fast as the hover); from ${STAGED_MIN_NODES} nodes: none until the run has it`, () => {
    const small = scheduler(STAGED_MIN_NODES - 1);
    small.s.results.set(doc.uri, { version: 2, result: small.result }); // an older version's
    assert.equal(small.s.analysisForHover(doc), small.result);
    assert.deepEqual(small.checks, [doc.uri]);
    const big = scheduler(STAGED_MIN_NODES);
    big.s.results.set(doc.uri, { version: 2, result: big.result });
    assert.equal(big.s.analysisForHover(doc), undefined);
    assert.deepEqual(big.checks, []);
  });
});
