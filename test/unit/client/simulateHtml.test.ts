// The Simulate view (client/src/simulateHtml.ts) on a real simulation with preemption: the session's
// simulate of examples/priority-preemption.yaml, as the server sends it, drawn with the victims.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSimulation } from '../../../client/src/simulateHtml';
import { loadFixtureFromPaths, openSession } from '../../../server/src/analysis';
import type { SimulateResult } from '../../../server/src/protocol';

const ROOT = join(__dirname, '..', '..', '..');

function simulate(text: string): SimulateResult {
  const session = openSession(loadFixtureFromPaths([join(ROOT, 'examples/priority-preemption-cluster.yaml')]));
  const parsed = session.parse(text, 'web.yaml');
  const sim = session.simulate(session.pickWorkload(parsed));
  return { ...sim, nodes: session.nodes() } as unknown as SimulateResult;
}

describe('Simulate view: preemption', () => {
  const web = readFileSync(join(ROOT, 'examples/priority-preemption.yaml'), 'utf8');

  it('the summary counts the replicas placed by preemption; each victim is drawn on its node and listed with its replacement', () => {
    const r = simulate(web);
    const victims = r.placements.flatMap((p) => p.preempted ?? []);
    assert.equal(victims.length, 3);
    const html = renderSimulation({ nonce: 'n', cspSource: 'vscode-resource:', title: 'web', result: r });
    assert.match(html, /3\/3 placed<\/span> <span class="preempt-count">\(3 by preempting 3 lower-priority pods\)<\/span>/);
    assert.match(html, /<h2>Preemption<\/h2>/);
    for (const v of victims) {
      // On the node it ran on (struck through), and in the list.
      const node = html.slice(html.indexOf(`data-node="${v.node}"`));
      assert.match(node.slice(0, node.indexOf('</div></div>')), new RegExp(`class="victim-pod" title="evicted by preemption: ${v.namespace}/${v.name} \\(priority ${v.priority}\\)"`));
      assert.match(html, new RegExp(`${v.namespace}/${v.name} \\(priority ${v.priority}\\) from ${v.node}: replacement Pending: 0/3 nodes are available`));
    }
  });

  it('no preemption (a Never class): no Preemption section, no victims', () => {
    const r = simulate(web.replace('priorityClassName: web-high', 'priorityClassName: web-polite'));
    const html = renderSimulation({ nonce: 'n', cspSource: 'vscode-resource:', title: 'web', result: r });
    assert.doesNotMatch(html, /Preemption<\/h2>|class="victim-pod"|class="preempt-count"/);
    assert.match(html, /0\/3 placed/);
  });
});
