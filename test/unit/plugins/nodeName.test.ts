import { NodeName } from '../../../server/src/engine/plugins/nodeName';
import { makeNode, makePod } from '../builders';
import type { FilterCase } from '../harness';
import { assertFilter } from './pluginAsserts';

const SRC = 'nodename/node_name_test.go TestNodeName';

const upstream: FilterCase[] = [
  { name: 'no host specified', source: SRC, pod: makePod().build(), nodes: [makeNode('').build()], want: {} },
  { name: 'host matches', source: SRC, pod: makePod().node('foo').build(), nodes: [makeNode('foo').build()], want: {} },
  {
    name: "host doesn't match",
    source: SRC,
    pod: makePod().node('bar').build(),
    nodes: [makeNode('foo').build()],
    want: { foo: { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match the requested node name"] } },
  },
];

describe('NodeName', () => {
  describe('upstream TestNodeName', () => {
    for (const c of upstream) it(c.name, () => assertFilter(NodeName, c));
  });
  it('only the named node of several passes', () =>
    assertFilter(NodeName, {
      name: 'several nodes',
      source: 'kube-spread',
      pod: makePod().node('b').build(),
      nodes: ['a', 'b', 'c'].map((n) => makeNode(n).build()),
      want: {
        a: { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match the requested node name"] },
        c: { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match the requested node name"] },
      },
    }));
});
