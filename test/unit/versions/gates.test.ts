// Feature gates per release (engine/versions.ts) and "my cluster is 1.31 with these gates and this
// scheduler config" from one place (resolveClusterSettings): flags win over the fixture.

import { strict as assert } from 'node:assert';
import { resolveClusterSettings, SchedulerConfigError } from '../../../server/src/analysis/clusterSettings';
import {
  checkGateOverrides, defaultEnv, defaultGates, GATE_SPECS, KNOWN_GATES, NEWEST_RELEASE_MINOR, parseGateList, parseVersion, versionProblem,
} from '../../../server/src/engine/versions';
import { loadFixtureFromText } from '../../../server/src/fixture';

const check = { versionProblem, parseVersion, checkGateOverrides, defaultEnv };

describe('feature gates by release', () => {
  const table: [string, number, boolean][] = [
    ['MatchLabelKeysInPodTopologySpread', 30, true],
    ['MatchLabelKeysInPodTopologySpreadSelectorMerge', 33, false],
    ['MatchLabelKeysInPodTopologySpreadSelectorMerge', 34, true],
    ['NodeInclusionPolicyInPodTopologySpread', 30, true],
    ['MinDomainsInPodTopologySpread', 31, true],
    ['MinDomainsInPodTopologySpread', 32, true], // removed: always on
    ['TaintTolerationComparisonOperators', 34, false],
    ['TaintTolerationComparisonOperators', 35, false],
    ['MatchLabelKeysInPodAffinity', 30, false],
    ['MatchLabelKeysInPodAffinity', 31, true],
    ['PodLevelResources', 33, false],
    ['PodLevelResources', 34, true],
    ['OpportunisticBatching', 34, false],
    ['OpportunisticBatching', 35, true],
    ['DynamicResourceAllocation', 33, false],
    ['DynamicResourceAllocation', 34, true],
    ['NodeDeclaredFeatures', 35, false],
    ['NodeDeclaredFeatures', 36, true],
    ['StorageCapacityScoring', 36, false],
    ['StorageCapacityScoring', 37, true],
  ];
  for (const [gate, minor, on] of table) it(`${gate} is ${on ? 'on' : 'off'} by default in 1.${minor}`, () => assert.equal(defaultGates(minor)[gate], on));

  it('every gate of the semantics doc §1.5 is known, with a KEP', () => {
    for (const g of ['MinDomainsInPodTopologySpread', 'NodeInclusionPolicyInPodTopologySpread', 'MatchLabelKeysInPodTopologySpread', 'MatchLabelKeysInPodTopologySpreadSelectorMerge', 'TaintTolerationComparisonOperators', 'OpportunisticBatching']) {
      assert.ok((KNOWN_GATES as readonly string[]).includes(g), g);
    }
    for (const s of GATE_SPECS) assert.match(s.kep, /^KEP-\d+$/);
  });

  const overrides: [string, number, Record<string, boolean>, string[], string[]][] = [
    ['locked gate', 33, { NodeInclusionPolicyInPodTopologySpread: false }, ['cannot set feature gate NodeInclusionPolicyInPodTopologySpread to false, feature is locked to true'], []],
    ['beta gate before it locked', 32, { NodeInclusionPolicyInPodTopologySpread: false }, [], []],
    ['removed gate', 32, { MinDomainsInPodTopologySpread: true }, ['unrecognized feature gate: MinDomainsInPodTopologySpread (removed in 1.32; always true since)'], []],
    ['GA gate set to its value: a warning', 31, { MinDomainsInPodTopologySpread: true }, [], ['Setting GA feature gate MinDomainsInPodTopologySpread=true. It will be removed in a future release.']],
    ['gate from a later release', 34, { TaintTolerationComparisonOperators: true }, ['unrecognized feature gate: TaintTolerationComparisonOperators (introduced in 1.35; Kubernetes 1.34 does not have it)'], []],
    ['unknown gate', 36, { Nope: true }, [`unrecognized feature gate: Nope (kube-spread models ${KNOWN_GATES.join(', ')})`], []],
  ];
  for (const [name, minor, o, errors, warnings] of overrides) {
    it(`--feature-gates: ${name}`, () => {
      const r = checkGateOverrides(minor, o);
      assert.deepEqual(r.errors, errors);
      assert.deepEqual(r.warnings, warnings);
    });
  }

  it('parses the flag as the components do (strconv.ParseBool)', () => {
    assert.deepEqual(parseGateList('A=true, B=False,C=0'), { A: true, B: false, C: false });
    assert.throws(() => parseGateList('A'), /missing bool value for A/);
    assert.throws(() => parseGateList('A=yes'), /invalid value of A=yes/);
  });
});

describe('cluster settings from one place: fixture, then flags', () => {
  const fixture = (extra: string) => loadFixtureFromText(`apiVersion: kube-spread.dev/v1alpha1
kind: ClusterFixture
${extra}zones: [a, b]
nodePools:
  - name: n
    perZone: 1
---
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
  - schedulerName: default-scheduler
  - schedulerName: batch
`, 'cluster.yaml');

  it('kubernetesVersion, featureGates and the KubeSchedulerConfiguration of the fixture are used', () => {
    const f = fixture('kubernetesVersion: "1.31"\nfeatureGates:\n  MatchLabelKeysInPodTopologySpread: false\n');
    const s = resolveClusterSettings({ fixture: f }, NEWEST_RELEASE_MINOR, check);
    assert.equal(s.env.minor, 31);
    assert.equal(s.versionSource, 'fixture');
    assert.equal(s.env.gates.MatchLabelKeysInPodTopologySpread, false);
    assert.equal(s.env.gates.MatchLabelKeysInPodAffinity, true);
    assert.deepEqual(s.setup.profiles.map((p) => p.schedulerName), ['default-scheduler', 'batch']);
    assert.equal(s.setup.source, 'cluster.yaml');
  });

  it('flags win over the fixture', () => {
    const f = fixture('kubernetesVersion: "1.31"\nfeatureGates:\n  MatchLabelKeysInPodTopologySpread: false\n');
    const s = resolveClusterSettings({ fixture: f, version: '1.35', featureGates: { MatchLabelKeysInPodTopologySpread: true } }, NEWEST_RELEASE_MINOR, check);
    assert.equal(s.env.minor, 35);
    assert.equal(s.env.gates.MatchLabelKeysInPodTopologySpread, true);
  });

  it('a bad version or gate in the fixture points at its line', () => {
    const f = fixture('kubernetesVersion: "1.12"\n');
    assert.throws(() => resolveClusterSettings({ fixture: f }, NEWEST_RELEASE_MINOR, check), (e: SchedulerConfigError) => {
      assert.deepEqual([e.problems[0].file, e.problems[0].line + 1, e.problems[0].message], ['cluster.yaml', 3, 'kubernetesVersion: "1.12" is not a supported version (1.30 to 1.37)']);
      return true;
    });
    const g = fixture('kubernetesVersion: "1.33"\nfeatureGates:\n  NodeInclusionPolicyInPodTopologySpread: false\n');
    assert.throws(() => resolveClusterSettings({ fixture: g }, NEWEST_RELEASE_MINOR, check), (e: SchedulerConfigError) => {
      assert.deepEqual([e.problems[0].line + 1, e.problems[0].message], [5, 'featureGates: cannot set feature gate NodeInclusionPolicyInPodTopologySpread to false, feature is locked to true']);
      return true;
    });
  });

  it('--scheduler-config wins over the fixture configuration', () => {
    const s = resolveClusterSettings({
      fixture: fixture(''),
      schedulerConfig: { file: 'sched.yaml', text: 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n  - schedulerName: only\n' },
    }, NEWEST_RELEASE_MINOR, check);
    assert.deepEqual(s.setup.profiles.map((p) => p.schedulerName), ['only']);
    assert.equal(s.env.minor, NEWEST_RELEASE_MINOR);
  });
});
