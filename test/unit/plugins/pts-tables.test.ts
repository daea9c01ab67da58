// Runs the PodTopologySpread tables ported from upstream filtering_test.go / scoring_test.go
// (test/unit/tables/pts-filter.ts, pts-score.ts) through the harness.

import { strict as assert } from 'node:assert';
import { Cluster, makePodInfo } from '../../../server/src/engine/cluster';
import { CycleState } from '../../../server/src/engine/framework';
import { PodTopologySpread } from '../../../server/src/engine/plugins/podtopologyspread/plugin';
import { defaultEnv } from '../../../server/src/engine/versions';
import type { FilterCase, ScoreCase } from '../harness';
import { multipleConstraintsCases, preFilterDisabledCases, singleConstraintCases } from '../tables/pts-filter';
import { podTopologySpreadScoreCases, preScoreSkipCases } from '../tables/pts-score';
import { assertFilter, assertScore } from './pluginAsserts';

function filterSuite(title: string, cases: FilterCase[]): void {
  describe(title, () => {
    for (const c of cases) it(c.name, () => assertFilter(PodTopologySpread, c));
  });
}

function scoreSuite(title: string, cases: ScoreCase[]): void {
  describe(title, () => {
    for (const c of cases) it(c.name, () => assertScore(PodTopologySpread, c));
  });
}

describe('PodTopologySpread upstream tables', () => {
  filterSuite('filtering_test.go TestSingleConstraint', singleConstraintCases);
  filterSuite('filtering_test.go TestMultipleConstraints', multipleConstraintsCases);

  describe('filtering_test.go TestPreFilterDisabled', () => {
    for (const c of preFilterDisabledCases) {
      it(c.name, () => {
        // Filter on a fresh cycle state, without PreFilter.
        const cluster = Cluster.build({ nodes: c.nodes, pods: c.existingPods });
        const plugin = PodTopologySpread({ cluster, env: defaultEnv(c.minor, c.gates) }, c.args);
        assert.ok(plugin.filter, 'plugin has no filter');
        for (const ni of cluster.nodes) {
          const got = plugin.filter(new CycleState(), makePodInfo(c.pod), ni);
          const want = c.want[ni.name] ?? { code: 'Success' };
          assert.equal(got.code, want.code, `code on ${JSON.stringify(ni.name)}`);
        }
      });
    }
  });

  scoreSuite('scoring_test.go TestPodTopologySpreadScore', podTopologySpreadScoreCases);
  scoreSuite('scoring_test.go TestPreScoreSkip', preScoreSkipCases);
});
