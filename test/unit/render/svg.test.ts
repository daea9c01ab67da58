// The SVG pictures (analysis/render/svg.ts, stepsSvg.ts, svgKit.ts): every constraint's key, each node
// once, a legend, matching pods already running beside the new replicas, ties, a size that does not
// grow with 5,000 nodes or 1,000 replicas, what-ifs stacked in one root, and markup the editor's
// webview inlines. Simulations run through the analysis session on small fixtures; the large
// cases are built by hand (the picture only reads the JSON).

import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { safeSvg } from '../../../client/src/whatIfHtml';
import { defaultEnv, type FixtureNode, loadEmbeddedSample, loadFixtureFromPaths, openSession, renderSimulationSvg, type SimulateJson, stackSvgs } from '../../../server/src/analysis';
import { renderStepsSvg } from '../../../server/src/analysis/render/whatif';
import type { WhatIfStep } from '../../../server/src/analysis/whatif/types';
import { parseXml } from '../../cli/xmlWellFormed';

const ROOT = join(__dirname, '..', '..', '..');
const ZONE = 'topology.kubernetes.io/zone';
const HOSTNAME = 'kubernetes.io/hostname';
const SVG_NS = 'http://www.w3.org/2000/svg';

function deployment(name: string, replicas: number, constraints: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      topologySpreadConstraints:
${constraints}
      containers: [{name: c, image: x}]
`;
}

const constraint = (key: string, maxSkew = 1, when = 'DoNotSchedule') =>
  `        - {maxSkew: ${maxSkew}, topologyKey: ${key}, whenUnsatisfiable: ${when}, labelSelector: {matchLabels: {app: web}}}`;

/** The simulation and its picture, as `simulate --format svg` draws it. */
function picture(manifest: string, fixture = loadFixtureFromPaths([join(ROOT, 'test', 'fixtures', 'clusters', 'compact-9-nodes.yaml')])) {
  const session = openSession(fixture);
  const picked = session.pickWorkload(session.parse(manifest, 'web.yaml'));
  const s = session.simulate(picked);
  return { s, svg: renderSimulationSvg(s, { nodes: session.nodes() }), nodes: session.nodes() };
}

/** The direct text of every <text> element (without its <title> or <tspan>s). */
const texts = (svg: string): string[] => [...svg.matchAll(/<text\b[^>]*>([^<]*)/g)].map((m) => m[1]);

/** Well-formed, one root in the SVG namespace, and plain drawing markup the webview inlines. */
function assertValid(svg: string): ReturnType<typeof parseXml> {
  const root = parseXml(svg);
  assert.equal(root.name, 'svg');
  assert.equal(root.attributes.xmlns, SVG_NS);
  assert.ok(safeSvg(svg), 'the webview would refuse this picture');
  return root;
}

describe('SVG: the simulation picture', () => {
  it('a hostname-only constraint draws each node once (it used to be a column header and a row)', () => {
    const { svg, nodes } = picture(deployment('host', 6, constraint(HOSTNAME)));
    assertValid(svg);
    for (const n of nodes) {
      const drawn = texts(svg).filter((t) => t === n.name || t.startsWith(`${n.name} `));
      assert.equal(drawn.length, 1, `${n.name} drawn ${drawn.length} times`);
    }
    assert.match(svg, /kubernetes\.io\/hostname \(one domain per node\): maxSkew 1 DoNotSchedule/);
  });

  it('draws every constraint\'s topology key, not only the first', () => {
    const { svg } = picture(deployment('two', 4, `${constraint(ZONE)}\n${constraint('topology.kubernetes.io/region', 3, 'ScheduleAnyway')}`));
    assertValid(svg);
    assert.match(svg, />topology\.kubernetes\.io\/zone<\/tspan> · maxSkew 1 DoNotSchedule · skew \d/);
    assert.match(svg, />topology\.kubernetes\.io\/region<\/tspan> · maxSkew 3 ScheduleAnyway · skew \d/);
  });

  it('has a legend, and draws matching pods already running beside the new replicas', () => {
    // compact-9-nodes runs 4 app=web pods: the zone constraint counts them.
    const { s, svg } = picture(deployment('zoned', 3, constraint(ZONE)));
    assertValid(svg);
    for (const entry of ['new replica of this workload', 'matching pod already running (the constraint counts it)', 'a tie: another node scored the same']) {
      assert.ok(texts(svg).includes(entry), entry);
    }
    const existing = Object.entries(s.counts[ZONE]).reduce((n, [d, c]) => n + c - (s.distribution[ZONE][d] ?? 0), 0);
    assert.equal(existing, 4);
    assert.ok(texts(svg).some((t) => /counted: \d+ already running \+ \d+ new/.test(t)), 'a domain with pods already running says so');
    assert.match(svg, /<rect class="old"[^>]*><title>\d+ matching pod\(s\) already running<\/title>/);
  });

  it('marks ties: per domain and on the node that got the tied replica', () => {
    const session = openSession(loadEmbeddedSample());
    const s = session.simulate(session.pickWorkload(session.parse(deployment('web', 3, constraint(ZONE)), 'web.yaml')));
    assert.ok(s.placements.some((p) => p.ties.length > 1));
    const svg = renderSimulationSvg(s, { nodes: session.nodes() });
    assertValid(svg);
    assert.ok(texts(svg).some((t) => /· \d+ ties? \*$/.test(t)));
    assert.match(svg, />\*<title>\d+ of its replicas were ties: another node scored the same<\/title>/);
  });

  it('stays small at 5,000 nodes and 1,000 replicas: sums per zone, counts instead of marks', () => {
    const nodes: FixtureNode[] = Array.from({ length: 5000 }, (_, i) => ({
      name: `node-${i}`, labels: { [ZONE]: `zone-${i % 3}`, [HOSTNAME]: `node-${i}`, rack: `rack-${i % 498}` }, // a rack lies in one zone (498 = 3 × 166)
    }));
    const placements = Array.from({ length: 1000 }, (_, i) => ({
      replica: i, node: `node-${i % 250}`, ties: i % 7 ? [`node-${i % 250}`] : [`node-${i % 250}`, 'node-4999'],
      domains: { [ZONE]: `zone-${(i % 250) % 3}`, [HOSTNAME]: `node-${i % 250}`, rack: `rack-${i % 250}` },
    }));
    const per = (key: string, of: (p: (typeof placements)[number]) => string) => {
      const m: Record<string, number> = {};
      for (const p of placements) m[of(p)] = (m[of(p)] ?? 0) + 1;
      return { [key]: m };
    };
    const s: SimulateJson = {
      cluster: { source: 'big.yaml', embedded: false, nodes: 5000, pods: 0 },
      kubernetes: { version: '1.36', featureGates: { ...defaultEnv().gates }, profile: 'default-scheduler' },
      workload: { kind: 'Deployment', name: 'web', namespace: 'default', replicas: 1000 },
      placements, pending: [],
      distribution: { ...per(ZONE, (p) => p.domains[ZONE]), ...per('rack', (p) => p.domains.rack), ...per(HOSTNAME, (p) => p.node) },
      skew: { [ZONE]: 1, rack: 4, [HOSTNAME]: 4 },
      counts: { ...per(ZONE, (p) => p.domains[ZONE]), ...per('rack', (p) => p.domains.rack), ...per(HOSTNAME, (p) => p.node) },
      constraints: [ZONE, 'rack', HOSTNAME].map((k, index) => ({ index, topologyKey: k, maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway', source: 'pod', selector: 'app=web' })),
      tieBreak: '', unusableNodes: {}, notes: [],
    };
    const svg = renderSimulationSvg(s, { nodes });
    const root = assertValid(svg);
    assert.ok(svg.length < 20_000, `${svg.length} characters`);
    assert.ok(root.elements.length < 120, `${root.elements.length} elements`);
    assert.ok(root.elements.filter((e) => e === 'circle').length <= 4, 'no mark per pod');
    // rack: 250 domains with pods, summed in one row per zone.
    assert.match(svg, />rack<\/tspan> · maxSkew 1 ScheduleAnyway · skew 4 · 250 domains summed per topology\.kubernetes\.io\/zone</);
    // Rows labelled by zone: the zone panel's three, and the rack panel's three.
    assert.deepEqual(texts(svg).filter((t) => /^zone-\d$/.test(t)), ['zone-0', 'zone-1', 'zone-2', 'zone-0', 'zone-1', 'zone-2']);
    // 5,000 nodes: one summary row per zone.
    assert.ok(texts(svg).some((t) => /^zone-0: 1667 nodes · 336 new on 84 node\(s\) \(4 per node\) · 48 ties \*$/.test(t)), texts(svg).join('\n'));
  });

  it('a node with more replicas than marks shows the count', () => {
    const { svg } = picture(deployment('many', 100, constraint(ZONE, 100)));
    assertValid(svg);
    assert.ok(texts(svg).some((t) => /^\+\d+$/.test(t)));
  });
});

describe('SVG: the what-if pictures', () => {
  const step = (n: number, zone: Record<string, number>, hosts: Record<string, number>, counted: Record<string, number>): WhatIfStep => ({
    step: n, action: n ? 'scale-up' : 'initial', description: n ? 'scale up web 0 → 1 (maxSurge)' : 'three "old" pods <here>',
    replicaSets: [], created: n ? [{ pod: 'web-x', node: 'node-a', ties: ['node-a', 'node-b'] }] : [], deleted: [], pending: [],
    constraints: [
      { index: 0, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', maxSkew: 1, domains: counted, skew: 1, violated: false },
      { index: 1, topologyKey: HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 1, domains: hosts, skew: 1, violated: false },
    ],
    distribution: { [ZONE]: zone, [HOSTNAME]: hosts },
  });
  const steps = [step(0, { 'zone-a': 1, 'zone-b': 1 }, { 'node-a': 1, 'node-b': 1 }, { 'zone-a': 3, 'zone-b': 1 }), step(1, { 'zone-a': 2, 'zone-b': 1 }, { 'node-a': 2, 'node-b': 1 }, { 'zone-a': 4, 'zone-b': 1 })];

  it('draws every constraint\'s key, a legend, the other matching pods a constraint counts, and ties', () => {
    const svg = renderStepsSvg(steps, { title: 'Rolling update of Deployment default/web', subtitle: 'rollout completes' });
    assertValid(svg);
    for (const key of [ZONE, HOSTNAME]) assert.ok(texts(svg).includes(key), key);
    assert.ok(texts(svg).includes('other matching pods the constraint counts'));
    assert.match(svg, /<title>zone-a: 2 other matching pod\(s\) the constraint counts<\/title>/);
    assert.ok(texts(svg).includes('* 1 placement(s) were ties'));
  });

  it('sums a key with many domains instead of a column per domain', () => {
    const hosts = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`node-${i}`, i % 2]));
    const svg = renderStepsSvg([step(0, { 'zone-a': 2500 }, hosts, { 'zone-a': 2500 })], { title: 'Scale web' });
    const root = assertValid(svg);
    assert.ok(root.elements.length < 60, `${root.elements.length} elements`);
    assert.ok(texts(svg).includes('5000 domains · 0–1 per domain · skew 1'));
  });

  it('several pictures stack into ONE document: one root, a nested <svg> per picture', () => {
    const a = renderStepsSvg(steps, { title: 'as written' });
    const b = renderStepsSvg(steps.slice(0, 1), { title: 'with matchLabelKeys' });
    const doc = stackSvgs([a, b], 'what-ifs of web');
    const root = assertValid(doc);
    assert.deepEqual(root.elements.filter((e) => e === 'svg'), ['svg', 'svg', 'svg']);
    const heights = [a, b].map((x) => Number(/height="(\d+)"/.exec(x)![1]));
    assert.equal(Number(root.attributes.height), heights[0] + 16 + heights[1]);
    assert.match(doc, new RegExp(`<svg x="0" y="${heights[0] + 16}" xmlns=`));
    // A single picture is left as it is.
    assert.equal(stackSvgs([a], 'one'), a);
  });
});
