// podPriority reads a pod's priority without copying its spec: for a pod without spec.priority it must
// give what admission (resolvePriority of the spec without one) gives, whatever the classes say.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { PodSpec, PriorityClass } from '../../../server/src/engine/api';
import { podPriority, PriorityClassIndex, resolvePriority } from '../../../server/src/engine/priority';

const classArb = fc.record({
  name: fc.constantFrom('high', 'low', 'batch', 'system-cluster-critical'),
  value: fc.integer({ min: -10, max: 1_000_000_000 }),
  globalDefault: fc.boolean(),
  preemptionPolicy: fc.constantFrom(undefined, 'Never', 'PreemptLowerPriority'),
});

describe('podPriority', () => {
  it('is admission\'s priority for a pod without spec.priority, and spec.priority otherwise', () => {
    fc.assert(fc.property(
      fc.uniqueArray(classArb, { maxLength: 3, selector: (c) => c.name }),
      fc.option(fc.constantFrom('high', 'low', 'batch', 'missing', 'system-node-critical', ''), { nil: undefined }),
      fc.option(fc.integer({ min: -5, max: 100 }), { nil: undefined }),
      fc.constantFrom(undefined, 'Never', 'PreemptLowerPriority'),
      (defs, className, own, policy) => {
        const classes: PriorityClass[] = defs.map((d) => ({ metadata: { name: d.name }, value: d.value, globalDefault: d.globalDefault, ...(d.preemptionPolicy ? { preemptionPolicy: d.preemptionPolicy } : {}) }));
        const index = new PriorityClassIndex(classes);
        const spec: PodSpec = { containers: [], ...(className !== undefined ? { priorityClassName: className } : {}), ...(own !== undefined ? { priority: own } : {}), ...(policy ? { preemptionPolicy: policy } : {}) };
        const expected = own !== undefined ? own : resolvePriority({ ...spec, priority: undefined }, index).priority;
        assert.equal(podPriority({ metadata: { name: 'p' }, spec }, index), expected);
      },
    ));
  });
});
