// cloneJson must copy what structuredClone copied for replica pods: equal, independent, key order
// kept, an own "__proto__" key kept as a key. Property-tested against structuredClone on JSON values.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parse } from 'yaml';
import { cloneJson } from '../../../server/src/base/cloneJson';

describe('cloneJson', () => {
  it('equals structuredClone on any JSON value, key order included', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const copy = cloneJson(v);
      assert.deepStrictEqual(copy, structuredClone(v));
      assert.equal(JSON.stringify(copy), JSON.stringify(v));
    }));
  });

  it('shares nothing with the original', () => {
    const v = { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] } };
    const copy = cloneJson(v);
    copy.spec.containers[0].ports[0].containerPort = 81;
    copy.spec.containers.push({ name: 'b', ports: [] });
    assert.equal(v.spec.containers[0].ports[0].containerPort, 80);
    assert.equal(v.spec.containers.length, 1);
  });

  it('keeps a "__proto__" key of a YAML mapping as a key, never as the prototype', () => {
    const v = parse('labels:\n  __proto__: {polluted: yes}\n  app: web\n') as { labels: Record<string, unknown> };
    const copy = cloneJson(v);
    assert.deepEqual(Object.keys(copy.labels), ['__proto__', 'app']);
    assert.equal(Object.getPrototypeOf(copy.labels), Object.prototype);
    assert.equal((copy.labels as { polluted?: unknown }).polluted, undefined);
  });

  it('leaves values that are not plain JSON to structuredClone (a Date stays a Date)', () => {
    const d = new Date(0);
    const copy = cloneJson({ at: d });
    assert.ok(copy.at instanceof Date && copy.at !== d && copy.at.getTime() === 0);
  });
});
