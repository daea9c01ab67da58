// Runs the ported PodTopologySpread state tables (TestPreFilterState*, TestPreScoreStateEmptyNodes)
// against the plugin's state summaries, and the upstream integration tables through the whole
// default profile.

import { strict as assert } from 'node:assert';
import { Cluster, makePodInfo } from '../../../server/src/engine/cluster';
import { CycleState } from '../../../server/src/engine/framework';
import {
  PodTopologySpreadPlugin, readPreFilterState, readPreScoreState, summarizeFilterState, summarizeScoreState,
} from '../../../server/src/engine/plugins/podtopologyspread/plugin';
import type { PodTopologySpreadArgs } from '../../../server/src/engine/plugins/podtopologyspread/defaults';
import { defaultProfile } from '../../../server/src/engine/profile';
import { Scheduler } from '../../../server/src/engine/scheduler';
import { defaultEnv } from '../../../server/src/engine/versions';
import type { ClusterCase } from '../harness';
import { podTopologySpreadFilterCases, podTopologySpreadScoringCases } from '../tables/pts-integration';
import {
  preFilterStateAddPodCases, preFilterStateCases, preFilterStateRemovePodCases, preScoreStateCases,
  type PreFilterStateCase, type PreScoreStateCase,
} from '../tables/pts-state';

function setup(c: ClusterCase) {
  const cluster = Cluster.build({ nodes: c.nodes, pods: c.existingPods, services: c.services, owners: c.owners, namespaces: c.namespaces });
  const handle = { cluster, env: defaultEnv(c.minor, c.gates) };
  return { cluster, handle, plugin: new PodTopologySpreadPlugin(handle, c.args as PodTopologySpreadArgs), pod: makePodInfo(c.pod) };
}

function runPreFilterState(c: PreFilterStateCase) {
  const { plugin, pod } = setup(c);
  const state = new CycleState();
  const s = plugin.preFilter(state, pod);
  if (c.want.skip) {
    assert.equal(s.code, 'Skip');
    return;
  }
  assert.equal(s.code, 'Success', s.reasons.join());
  const got = summarizeFilterState(readPreFilterState(state)!).map((x) => {
    const want = { topologyKey: x.topologyKey, maxSkew: x.maxSkew, minDomains: x.minDomains, domains: x.domains, globalMinimum: x.globalMinimum };
    return want;
  });
  const want = c.want.constraints.map(({ selector: _s, ...rest }) => rest);
  assert.deepEqual(got, want);
}

for (const [title, table] of [
  ['TestPreFilterState', preFilterStateCases],
  ['TestPreFilterStateAddPod', preFilterStateAddPodCases],
  ['TestPreFilterStateRemovePod', preFilterStateRemovePodCases],
] as const) {
  describe(`PodTopologySpread ${title} (upstream filtering_test.go)`, () => {
    for (const c of table) it(c.name, () => runPreFilterState(c));
  });
}

describe('PodTopologySpread TestPreScoreStateEmptyNodes (upstream scoring_test.go)', () => {
  for (const c of preScoreStateCases as PreScoreStateCase[]) {
    it(c.name, () => {
      const { plugin, pod, cluster } = setup(c);
      const state = new CycleState();
      const feasible = (c.feasible ?? cluster.nodes.map((n) => n.name)).map((n) => cluster.nodeByName.get(n)!);
      const s = plugin.preScore(state, pod, feasible);
      if (c.want.skip) {
        assert.equal(s.code, 'Skip');
        return;
      }
      assert.equal(s.code, 'Success', s.reasons.join());
      const got = summarizeScoreState(readPreScoreState(state)!);
      assert.deepEqual(got.ignoredNodes, [...c.want.ignoredNodes].sort());
      assert.equal(got.constraints.length, c.want.constraints.length);
      got.constraints.forEach((g, i) => {
        const w = c.want.constraints[i];
        assert.equal(g.topologyKey, w.topologyKey);
        assert.equal(g.maxSkew, w.maxSkew);
        assert.ok(Math.abs(g.weight - w.weight) < 1e-9, `weight ${g.weight} != ${w.weight}`);
        assert.deepEqual(g.counts, w.counts);
      });
    });
  }
});

describe('PodTopologySpread through the default profile (upstream integration filters_test.go)', () => {
  for (const c of podTopologySpreadFilterCases) {
    it(c.name, () => {
      const { handle, pod } = setup(c);
      const cycle = new Scheduler(handle, defaultProfile()).schedule(pod);
      assert.deepEqual([...cycle.feasible].sort(), [...c.wantFeasible].sort());
    });
  }
});

describe('PodTopologySpread scoring through the default filters (upstream integration priorities_test.go)', () => {
  // Upstream runs these with the default filters and PodTopologySpread as the only score plugin.
  const profile = defaultProfile();
  profile.plugins = profile.plugins.map((p) => ({ ...p, weight: p.name === 'PodTopologySpread' ? 1 : 0 }));
  for (const c of podTopologySpreadScoringCases) {
    it(c.name, () => {
      const { handle, pod } = setup(c);
      const cycle = new Scheduler(handle, profile).schedule(pod);
      assert.deepEqual([...cycle.selected].sort(), [...c.wantFeasible].sort());
    });
  }
});
