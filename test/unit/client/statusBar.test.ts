// The fixture status bar item (client/src/statusBar.ts) with a stand-in for the `vscode` module (the
// real one exists only inside the editor): an autoscaling fixture says "· autoscales" after the node
// count and names the autoscaler in the tooltip; a fixture that does not autoscale says nothing of it;
// while another fixture loads, the item says so and the tooltip names the fixture still in use.

import { strict as assert } from 'node:assert';
import Module from 'node:module';
import type { FixtureStatus } from '../../../server/src/protocol';

interface FakeItem { text: string; tooltip: string; show(): void; dispose(): void }

const items: FakeItem[] = [];
const fakeVscode = {
  window: {
    createStatusBarItem: () => {
      const item: FakeItem = { text: '', tooltip: '', show: () => undefined, dispose: () => undefined };
      items.push(item);
      return item;
    },
  },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ThemeColor: class { constructor(readonly id: string) {} },
};

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Loader };

describe('client status bar: the fixture item', () => {
  let original: Loader;
  let FixtureStatusBar: typeof import('../../../client/src/statusBar').FixtureStatusBar;
  before(() => {
    original = loader._load;
    loader._load = (request, parent, isMain) => (request === 'vscode' ? fakeVscode : original(request, parent, isMain));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the stand-in is in place
    ({ FixtureStatusBar } = require('../../../client/src/statusBar') as typeof import('../../../client/src/statusBar'));
  });
  after(() => {
    loader._load = original;
  });

  const base: FixtureStatus = { source: 'examples/autoscaling-ca-cluster.yaml', embedded: false, nodes: 3, pods: 0 };

  it('an autoscaling fixture: "· autoscales" after the node count, the autoscaler in the tooltip', () => {
    const bar = new FixtureStatusBar();
    const item = items[items.length - 1];
    bar.update({ ...base, autoscaling: 'cluster-autoscaler (3 node groups, expander least-waste)' });
    assert.equal(item.text, '$(server) autoscaling-ca-cluster.yaml · 3 nodes · autoscales');
    assert.match(item.tooltip, /The fixture autoscales: cluster-autoscaler \(3 node groups, expander least-waste\); simulations add the nodes it would\./);
  });

  it('while another fixture loads: "loading <file>…", and the results meanwhile are the fixture in use\'s', () => {
    const bar = new FixtureStatusBar();
    const item = items[items.length - 1];
    bar.update({ source: 'embedded-sample', embedded: true, nodes: 6, pods: 0, loading: 'clusters/prod-15000.json' });
    assert.equal(item.text, '$(sync~spin) loading prod-15000.json…');
    assert.match(item.tooltip, /loading clusters\/prod-15000\.json\. Until it has loaded, results are computed on the embedded sample cluster\./);
    bar.update({ source: 'clusters/prod-15000.json', embedded: false, nodes: 15000, pods: 450000 });
    assert.equal(item.text, '$(server) prod-15000.json · 15000 nodes');
  });

  it('a fixture that does not autoscale: no mention', () => {
    const bar = new FixtureStatusBar();
    const item = items[items.length - 1];
    bar.update(base);
    assert.equal(item.text, '$(server) autoscaling-ca-cluster.yaml · 3 nodes');
    assert.doesNotMatch(item.tooltip, /autoscales/);
  });
});
