// A release's pod priorities (analysis/release/priority.ts) come from the engine's model of the
// Priority admission plugin (engine/priority.ts resolvePriority): getDefaultPriorityClass picks the
// LOWEST value among several globalDefault classes (plugin/pkg/admission/priority/admission.go), and the
// fixture's classes count as well as the release's own documents.

import { strict as assert } from 'node:assert';
import { releaseWorkloads } from '../../../server/src/analysis/release/members';
import { podPriority, priorityClassesOf } from '../../../server/src/analysis/release/priority';
import type { PriorityClass } from '../../../server/src/engine';
import { parseManifestText } from '../../../server/src/k8s/manifest';

const parse = (text: string) => parseManifestText(text, { fileName: 'release.yaml' });
const cls = (name: string, value: number, globalDefault = false) =>
  `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: ${name}\nvalue: ${value}\n${globalDefault ? 'globalDefault: true\n' : ''}`;
const pod = (name: string, className?: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${className ? `  priorityClassName: ${className}\n` : ''}  containers:\n  - name: c\n    image: nginx\n`;
const priorities = (text: string, clusterClasses?: PriorityClass[]) =>
  releaseWorkloads([{ file: 'release.yaml', parsed: parse(text) }], { clusterClasses }).map((w) => [w.spec.name, w.priority, w.unknownPriorityClass ?? null]);

describe('release priorities (admission as engine/priority.ts resolves it)', () => {
  it('several globalDefault classes: the pod without a class gets the lowest value, whatever the document order', () => {
    for (const order of [[cls('high', 500, true), cls('low', 100, true)], [cls('low', 100, true), cls('high', 500, true)]]) {
      assert.deepEqual(priorities([...order, pod('a'), pod('b', 'high')].join('---\n')), [['a', 100, null], ['b', 500, null]]);
    }
  });

  it('a class the fixture defines is known (not assumed 0); one neither defines is', () => {
    const fixture: PriorityClass[] = [{ metadata: { name: 'batch' }, value: 50 }];
    assert.deepEqual(priorities([pod('a', 'batch'), pod('b', 'gold')].join('---\n'), fixture), [['a', 50, null], ['b', 0, 'gold']]);
  });

  it('the fixture globalDefault applies unless the release replaces that class', () => {
    const fixture: PriorityClass[] = [{ metadata: { name: 'default' }, value: 7, globalDefault: true }];
    assert.deepEqual(priorities([pod('a'), pod('b')].join('---\n'), fixture), [['a', 7, null], ['b', 7, null]]);
    // The release's document of the same name (without globalDefault) replaces the cluster's.
    assert.deepEqual(priorities([cls('default', 9), pod('a')].join('---\n'), fixture), [['a', 0, null]]);
  });

  it('system classes always exist; spec.priority written in the manifest is what the queue orders by', () => {
    const idx = priorityClassesOf([]);
    assert.deepEqual(podPriority({ metadata: { name: 'p' }, spec: { containers: [], priorityClassName: 'system-node-critical' } }, idx), { priority: 2_000_001_000 });
    assert.deepEqual(podPriority({ metadata: { name: 'p' }, spec: { containers: [], priority: 42 } }, idx), { priority: 42 });
  });
});
