// kubeSpread.limits.*: safe defaults, settings clamped to hard ceilings, one finding past a limit.

import assert from 'node:assert/strict';
import { checkText } from '../../../server/src/analysis/check';
import { makeContext } from '../../../server/src/analysis/context';
import { DEFAULT_LIMITS, MAX_LIMITS, normalizeLimits } from '../../../server/src/analysis/limits';
import { simulateWorkload } from '../../../server/src/analysis/simulate';
import { workloadSpecOf } from '../../../server/src/analysis/manifest';
import { loadEmbeddedSample } from '../../../server/src/fixture';
import { parseManifestText } from '../../../server/src/k8s/manifest';
import { normalizeSettings } from '../../../server/src/lsp/state/settings';
import { capDiagnostics, MAX_DIAGNOSTICS } from '../../../server/src/lsp/features/diagnostics';

const ctx = makeContext(loadEmbeddedSample());
const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: a}}
  template:
    metadata: {labels: {app: a}}
    spec:
      containers: [{name: c, image: nginx}]
`;

describe('limits', () => {
  it('normalizeLimits: defaults for junk, integers, clamped to the hard ceilings', () => {
    assert.deepEqual(normalizeLimits(undefined), DEFAULT_LIMITS);
    assert.deepEqual(normalizeLimits({ maxDepth: 'x', maxAliasCount: -1, maxReplicas: NaN, maxTextLength: null }), DEFAULT_LIMITS);
    assert.deepEqual(normalizeLimits({ maxDepth: 50.7, maxReplicas: 1e12 }), { ...DEFAULT_LIMITS, maxDepth: 50, maxReplicas: MAX_LIMITS.maxReplicas });
  });

  it('replicas: 100000000 simulates the first maxReplicas, says so on the replicas value, and returns promptly', function () {
    this.timeout(20000);
    const r = checkText(deployment(100000000), ctx, { limits: { maxReplicas: 50 } });
    const f = r.findings.find((x) => x.code === 'spread/replicas-limit');
    assert.ok(f, JSON.stringify(r.findings.map((x) => x.code)));
    assert.deepEqual(f.range, { start: { line: 4, character: 12 }, end: { line: 4, character: 21 } });
    assert.match(f.message, /first 50 of 100000000 replicas/);
    assert.equal(r.documents[0].simulation?.workload.replicas, 50);
  });

  it('the default limit applies without settings; below it nothing is said', function () {
    this.timeout(20000);
    assert.ok(checkText(deployment(DEFAULT_LIMITS.maxReplicas + 1), ctx).findings.some((x) => x.code === 'spread/replicas-limit'));
    assert.ok(!checkText(deployment(3), ctx).findings.some((x) => x.code === 'spread/replicas-limit'));
  });

  it('simulateWorkload has a hard ceiling for callers that apply no limit (CLI simulate, server commands)', function () {
    this.timeout(20000);
    const ws = workloadSpecOf(parseManifestText(deployment(1e9)).documents[0])!;
    const s = simulateWorkload(ctx, ws.spec);
    assert.equal(s.workload.replicas, MAX_LIMITS.maxReplicas);
    assert.match(s.warnings?.join('\n') ?? '', /only the first 20000 are simulated/);
  });

  it('parse limits come from the check options', () => {
    const codes = (text: string, limits: Parameters<typeof normalizeLimits>[0]) => checkText(text, ctx, { limits: limits as never }).findings.map((x) => x.code);
    assert.deepEqual(codes('a: 1\n'.repeat(20), { maxTextLength: 10 }), ['yaml/too-large']);
    assert.deepEqual(codes('a: [[[[[1]]]]]\n', { maxDepth: 3 }), ['yaml/too-deep']);
    assert.deepEqual(codes('a: &a [1]\nb: [*a, *a, *a]\n', { maxAliasCount: 2 }), ['yaml/alias-limit']);
  });
});

describe('language server settings: kubeSpread.limits.* reach the analysis', () => {
  it('normalizeSettings keeps valid limits and falls back per field', () => {
    const s = normalizeSettings({ limits: { maxReplicas: 50, maxDepth: 'deep', maxAliasCount: 7 } });
    assert.equal(s.limits.maxReplicas, 50);
    assert.equal(s.limits.maxAliasCount, 7);
    assert.equal(s.limits.maxDepth, 200);
  });
  it('capDiagnostics keeps 1000 (errors first) and says how many more there are', () => {
    const mk = (line: number, severity: 1 | 3) => ({ range: { start: { line, character: 0 }, end: { line, character: 1 } }, severity, message: 'm' });
    const list = [...Array.from({ length: 1500 }, (_, i) => mk(i, 3)), mk(2000, 1)];
    const out = capDiagnostics(list);
    assert.equal(out.length, MAX_DIAGNOSTICS + 1);
    assert.ok(out.some((d) => d.range.start.line === 2000 && d.severity === 1), 'the error is kept');
    assert.match(String(out[out.length - 1].message), /^501 more finding\(s\) not shown/);
  });
});
