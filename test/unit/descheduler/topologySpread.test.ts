// The descheduler strategy against upstream's own test tables (tscTable.ts, TestSortDomains).

import { strict as assert } from 'node:assert';
import { makePodInfo, runDeschedulerDryRun, defaultTopologySpreadArgs, type Pod } from '../../../server/src/engine';
import { sortDomains } from '../../../server/src/engine/descheduler/topologySpread';
import { tscCases } from './tscTable';

describe('descheduler RemovePodsViolatingTopologySpreadConstraint (upstream TestTopologySpreadConstraint)', () => {
  for (const tc of tscCases) {
    it(tc.name, () => {
      const run = runDeschedulerDryRun(
        { nodes: tc.nodes, pods: tc.pods, namespaces: [{ metadata: { name: 'ns1' } }] },
        { profiles: [{ name: 'p', topologySpread: { ...defaultTopologySpreadArgs(), ...tc.args }, evictor: { nodeFit: !!tc.nodeFit } }], maxRounds: 1 },
      );
      const evicted = run.rounds[0]?.evictions.map((e) => e.name) ?? [];
      assert.equal(evicted.length, tc.expectedEvictedCount, `evicted ${JSON.stringify(evicted)}`);
      for (const name of tc.expectedEvictedPods ?? []) assert.ok(evicted.includes(name), `${name} not in ${JSON.stringify(evicted)}`);
    });
  }
});

// TestSortDomains: `evictable` and the want order as upstream's table; sortDomains keeps domains by size.
describe('descheduler sortDomains (upstream TestSortDomains)', () => {
  const pod = (name: string, evictable: boolean, priority?: number, nodeAffinity = false): Pod => ({
    metadata: { name, annotations: { evictable: String(evictable) } },
    spec: { ...(priority !== undefined ? { priority } : {}), ...(nodeAffinity ? { affinity: { nodeAffinity: {} } } : {}) },
  });
  const cases: { name: string; domains: Record<string, Pod[]>; want: Record<string, string[]> }[] = [
    { name: 'empty input', domains: {}, want: {} },
    {
      name: 'single domain with mixed pods',
      domains: { a: [pod('non-evictable-pod', false), pod('evictable-with-affinity', true, 10), pod('evictable-high-priority', true, 15)] },
      want: { a: ['non-evictable-pod', 'evictable-with-affinity', 'evictable-high-priority'] },
    },
    {
      name: 'multiple domains with different priorities and selectors',
      domains: { a: [pod('high-priority-affinity', true, 20), pod('low-priority-no-affinity', true, 5)], b: [pod('medium-priority-affinity', true, 15), pod('non-evictable-pod', false)] },
      want: { a: ['low-priority-no-affinity', 'high-priority-affinity'], b: ['non-evictable-pod', 'medium-priority-affinity'] },
    },
    {
      name: 'domain with pods having different selector/affinity',
      domains: { a: [pod('pod-with-affinity', true, 10, true), pod('pod-no-affinity', true, 15)] },
      want: { a: ['pod-with-affinity', 'pod-no-affinity'] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const domains = Object.entries(c.domains).map(([value, pods]) => ({ value, pods: pods.map(makePodInfo) }));
      const got = sortDomains(domains, (p) => p.pod.metadata.annotations?.evictable === 'true', (p) => p.pod.spec.priority ?? undefined);
      const byValue = Object.fromEntries(got.map((d) => [d.value, d.pods.map((p) => p.name)]));
      assert.deepEqual(byValue, c.want);
    });
  }
});
