// Replay (engine/release.ts ReleaseReplay, analysis/release/simulate.ts): a release analysed after an
// edit reuses the scheduling cycles of the previous run while they match. Property: whatever the
// release and the edit, the analysis with replay is exactly the analysis of the edited release from
// scratch (a fresh context has nothing to replay), for every workload, in every order; and the check
// findings of the edited file are the same.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkParsed } from '../../../server/src/analysis/check';
import { makeContext } from '../../../server/src/analysis/context';
import { analyzeRelease } from '../../../server/src/analysis/release/analyze';
import { releaseJson, workloadSimulateJson } from '../../../server/src/analysis/release/json';
import { releaseWorkloads } from '../../../server/src/analysis/release/members';
import { loadEmbeddedSample } from '../../../server/src/fixture';
import { parseManifestText } from '../../../server/src/k8s/manifest';
import { runs } from '../../fuzz/arbitraries';

const fixture = loadEmbeddedSample();

interface W { replicas: number; cpu: number; tier: number; hard: boolean; anti: boolean; pool?: string; priority: boolean }

function deployment(i: number, w: W): string {
  return [
    'apiVersion: apps/v1', 'kind: Deployment', `metadata: {name: w${i}}`, 'spec:', `  replicas: ${w.replicas}`,
    `  selector: {matchLabels: {app: w${i}}}`, '  template:', `    metadata: {labels: {app: w${i}, tier: t${w.tier}}}`, '    spec:',
    ...(w.pool ? [`      nodeSelector: {node-pool: ${w.pool}}`] : []),
    ...(w.priority ? ['      priorityClassName: system-cluster-critical'] : []),
    '      topologySpreadConstraints:',
    `      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ${w.hard ? 'DoNotSchedule' : 'ScheduleAnyway'}, labelSelector: {matchLabels: {tier: t${w.tier}}}}`,
    ...(w.anti && i > 0 ? [`      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: w${i - 1}}}, topologyKey: kubernetes.io/hostname}]}}`] : []),
    `      containers: [{name: c, image: app:1, resources: {requests: {cpu: ${w.cpu}m}}}]`,
  ].join('\n');
}

const text = (ws: W[]) => ws.map((w, i) => deployment(i, w)).join('\n---\n');
const workloadsOf = (t: string) => releaseWorkloads([{ file: 'r.yaml', parsed: parseManifestText(t, { fileName: 'r.yaml' }) }]);

const arbW: fc.Arbitrary<W> = fc.record({
  replicas: fc.integer({ min: 0, max: 6 }), cpu: fc.constantFrom(100, 500, 1500, 3000), tier: fc.integer({ min: 0, max: 2 }),
  hard: fc.boolean(), anti: fc.boolean(), pool: fc.constantFrom(undefined, 'general', 'db'), priority: fc.boolean(),
});

function analysisJson(ctx: ReturnType<typeof makeContext>, t: string) {
  const a = analyzeRelease(ctx, workloadsOf(t));
  return { release: releaseJson(a, 0), workloads: a.workloads.map((_, k) => workloadSimulateJson(a, k)) };
}

describe('release replay: reusing the cycles of the previous run', function () {
  this.timeout(300000);

  it('an edit analysed after the original is the edited release analysed from scratch', () => {
    fc.assert(
      fc.property(fc.array(arbW, { minLength: 2, maxLength: 6 }), fc.nat(), arbW, (ws, at, edited) => {
        const k = at % ws.length;
        const after = ws.map((w, i) => (i === k ? edited : w));
        const warm = makeContext(fixture);
        analysisJson(warm, text(ws)); // the previous run: its cycles are replayed below
        const replayed = analysisJson(warm, text(after));
        const fresh = analysisJson(makeContext(fixture), text(after));
        assert.deepStrictEqual(replayed, fresh);
      }),
      { numRuns: runs(25) },
    );
  });

  // A replica count is not part of a cycle's name (simulate.ts memberKey): the edited workload's own
  // cycles, and in interleaved order every round before its first new or missing pod, are replayed.
  it('a series of replica-count edits, each analysed after the one before, equals each analysed from scratch', () => {
    fc.assert(
      fc.property(fc.array(arbW, { minLength: 2, maxLength: 6 }), fc.nat(), fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 4 }), (ws, at, counts) => {
        const k = at % ws.length;
        const warm = makeContext(fixture);
        analysisJson(warm, text(ws));
        for (const replicas of counts) {
          const after = text(ws.map((w, i) => (i === k ? { ...w, replicas } : w)));
          assert.deepStrictEqual(analysisJson(warm, after), analysisJson(makeContext(fixture), after));
        }
      }),
      { numRuns: runs(25) },
    );
  });

  it('check: the findings of a file after edits equal its findings checked cold', () => {
    const base: W[] = [0, 1, 2, 3, 4, 5].map((i) => ({ replicas: 3 + (i % 3), cpu: i % 2 ? 1500 : 500, tier: i % 2, hard: i % 3 !== 0, anti: i === 4, priority: false }));
    const warm = makeContext(fixture);
    for (const edit of [3, 5, 1]) {
      const t = text(base.map((w, i) => (i === 3 ? { ...w, replicas: edit } : w)));
      const hot = checkParsed(parseManifestText(t, { fileName: 'r.yaml' }), warm, { fileName: 'r.yaml' }).findings;
      const cold = checkParsed(parseManifestText(t, { fileName: 'r.yaml' }), makeContext(fixture), { fileName: 'r.yaml' }).findings;
      assert.deepStrictEqual(hot, cold);
    }
  });
});
