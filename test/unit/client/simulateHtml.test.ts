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

describe('Simulate view: an autoscaled cluster', () => {
  function simulateOn(cluster: string, manifest: string): SimulateResult {
    const session = openSession(loadFixtureFromPaths([join(ROOT, cluster)]));
    const parsed = session.parse(readFileSync(join(ROOT, manifest), 'utf8'), 'web.yaml');
    return { ...session.simulate(session.pickWorkload(parsed)), nodes: session.nodes() } as unknown as SimulateResult;
  }

  it('the new nodes are drawn in their zone, dashed with a + and "new", with the replicas placed on them, and a Scale-up list', () => {
    const r = simulateOn('examples/autoscaling-ca-cluster.yaml', 'examples/autoscaling-zone-spread.yaml');
    assert.equal(r.scaleUp?.length, 3);
    // The server's node list is the fixture's: the new nodes come from the scale-up rows.
    assert.ok(!(r.nodes ?? []).some((n) => n.name.includes('-new-')));
    const html = renderSimulation({ nonce: 'n', cspSource: 'vscode-resource:', title: 'web', result: r });
    for (const z of ['a', 'b', 'c']) {
      const name = `general-eu-west-1${z}-new-1`;
      const zone = html.slice(html.indexOf(`data-domain="eu-west-1${z}"`), html.indexOf('</section>', html.indexOf(`data-domain="eu-west-1${z}"`)));
      assert.match(zone, new RegExp(`<div class="node new-node" data-node="${name}" title="new node: cluster-autoscaler adds it to general-eu-west-1${z} in eu-west-1${z}"><div class="name">\\+ ${name} <span class="new-tag">new</span></div><div class="pods"><span class="pod" title="replica [678]`));
      // The existing node of the zone is not marked.
      assert.match(zone, new RegExp(`<div class="node" data-node="general-eu-west-1${z}-1">`));
    }
    assert.match(html, /<h2>Scale-up<\/h2><ul class="scale-up">/);
    assert.match(html, /<li>cluster-autoscaler: <b>general-eu-west-1b<\/b> \+1 node in eu-west-1b: general-eu-west-1b-new-1<\/li>/);
    assert.match(html, /9\/9 placed/);
  });

  it('no scale-up (minDomains): no new node, and each Pending replica shows cluster-autoscaler\'s reason', () => {
    const r = simulateOn('examples/autoscaling-ca-cluster.yaml', 'examples/autoscaling-min-domains.yaml');
    const html = renderSimulation({ nonce: 'n', cspSource: 'vscode-resource:', title: 'api', result: r });
    assert.doesNotMatch(html, /class="node new-node"|<h2>Scale-up/);
    assert.equal((html.match(/<div class="note">cluster-autoscaler: pod didn&#39;t trigger scale-up: 3 node\(s\) didn&#39;t match pod topology spread constraints<\/div>/g) ?? []).length, 3, html);
  });

  it('a fixture that does not autoscale draws no new node', () => {
    const r = simulate(readFileSync(join(ROOT, 'examples/priority-preemption.yaml'), 'utf8'));
    assert.doesNotMatch(renderSimulation({ nonce: 'n', cspSource: 'vscode-resource:', title: 'web', result: r }), /class="node new-node"|<h2>Scale-up/);
  });
});
