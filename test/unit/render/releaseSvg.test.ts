// The release picture (analysis/render/releaseSvg.ts): every workload in one SVG, one colour per
// workload with a legend, each node once grouped by zone with one mark per pod in its workload's
// colour, the Pending replicas per workload with the workloads that block them, the creation order and
// the order-sensitivity warning; names from the manifest escaped; markup the webview inlines; a size
// that does not grow with 5,000 nodes. Releases are simulated through the session on the embedded sample.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeSvg } from '../../../client/src/whatIfHtml';
import {
  type FixtureNode, loadEmbeddedSample, openSession, releaseColors, type ReleaseJson, renderReleaseSvg, type ReleaseSimulateJson,
} from '../../../server/src/analysis';
import { parseXml } from '../../cli/xmlWellFormed';

const ROOT = join(__dirname, '..', '..', '..');
const EXAMPLE = readFileSync(join(ROOT, 'examples/release-cache-api.yaml'), 'utf8');

function simulate(text: string, file = 'release.yaml'): { s: ReleaseSimulateJson; nodes: FixtureNode[] } {
  const session = openSession(loadEmbeddedSample());
  const s = session.simulateRelease([{ file, parsed: session.parse(text, file) }], { podReplicas: 1 });
  return { s, nodes: session.nodes() };
}

const circlesOf = (svg: string, color: string) => (svg.match(new RegExp(`<circle fill="${color}"`, 'g')) ?? []).length;
const texts = (svg: string): string[] => [...svg.matchAll(/<text\b[^>]*>([^<]*)/g)].map((m) => m[1]);

function assertValid(svg: string): void {
  const root = parseXml(svg);
  assert.equal(root.name, 'svg');
  assert.equal(root.attributes.xmlns, 'http://www.w3.org/2000/svg');
  assert.ok(safeSvg(svg), 'the webview would refuse this picture');
}

describe('SVG: the release picture', () => {
  it('cache/api: one colour per workload, a legend, every cache pod in its colour, api Pending and blocked by cache', () => {
    const { s, nodes } = simulate(EXAMPLE);
    const svg = renderReleaseSvg(s, { nodes });
    assertValid(svg);
    const [cache, api] = releaseColors(2);
    assert.notEqual(cache, api);
    const t = texts(svg);
    // Legend: one entry per workload, with its mark.
    assert.ok(t.includes('Deployment cache (doc 0) 6/6 placed'), t.join('\n'));
    assert.ok(t.includes('Deployment api (doc 1) 0/6 placed, 6 pending'));
    // 6 cache pods + the legend mark; api: the legend and the pending heading only.
    assert.equal(circlesOf(svg, cache), 6 + 1);
    assert.equal(circlesOf(svg, api), 1 + 1);
    // Each node once, grouped by zone.
    for (const n of nodes) assert.equal(t.filter((x) => x === n.name).length, 1, n.name);
    assert.ok(t.some((x) => x.startsWith('zone-a · 2 pod(s)')));
    assert.ok(t.includes('api: 6 of 6 Pending, blocked by Deployment cache (doc 0)'));
    // Long lines wrap: read the text as one.
    assert.match(t.join(' '), /Deployment cache \(doc 0\) takes 6 node\(s\) api could use otherwise \(5 node\(s\) didn&#39;t match pod anti-affinity rules, 1 Insufficient cpu\)/);
    assert.match(svg, /created in document order · order sensitive/);
    assert.ok(t.some((x) => x.startsWith('Order sensitive: the outcome depends on the creation order')));
    assert.ok(t.some((x) => x.startsWith('api: created in reverse document order: 0 Pending instead of 6')));
  });

  it('a release that fits: no pending section, no warning', () => {
    const fits = EXAMPLE.replace('replicas: 6', 'replicas: 1');
    const { s, nodes } = simulate(fits);
    const svg = renderReleaseSvg(s, { nodes });
    assertValid(svg);
    assert.doesNotMatch(svg, /pending/i);
    assert.doesNotMatch(svg, /order sensitive/i);
    assert.equal(circlesOf(svg, releaseColors(2)[1]), 6 + 1);
  });

  it('escapes names from the manifest and the fixture', () => {
    const { s, nodes } = simulate(EXAMPLE);
    const evil = '<script>alert("x")</script>&';
    const release: ReleaseJson = { ...s.release, workloads: s.release.workloads.map((w, k) => (k === 1 ? { ...w, name: evil } : w)) };
    const svg = renderReleaseSvg({ cluster: s.cluster, release }, { nodes: nodes.map((n, i) => (i === 0 ? { ...n, name: `${n.name}<b>` } : n)) });
    assertValid(svg);
    assert.ok(!svg.includes('<script'));
    assert.ok(svg.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;'));
  });

  it('gives every workload of a large release its own colour', () => {
    const colors = releaseColors(60);
    assert.equal(new Set(colors).size, 60);
    for (const c of colors) assert.match(c, /^#[0-9a-f]{6}$/);
  });

  it('sums per zone past 60 nodes: the size does not grow with the node count', () => {
    const { s } = simulate(EXAMPLE);
    const many: FixtureNode[] = Array.from({ length: 5000 }, (_, i) => ({ name: `n-${i}`, labels: { 'topology.kubernetes.io/zone': `zone-${i % 3}` } }));
    const release: ReleaseJson = {
      ...s.release,
      workloads: s.release.workloads.map((w) => ({ ...w, placements: Array.from({ length: w.placed }, (_, r) => ({ replica: r, node: `n-${r * 7}` })) })),
    };
    const svg = renderReleaseSvg({ cluster: s.cluster, release }, { nodes: many });
    assertValid(svg);
    assert.ok(svg.length < 20_000, `${svg.length} characters`);
    assert.ok(texts(svg).includes('5000 node(s) by topology.kubernetes.io/zone, summed'));
    assert.ok(texts(svg).some((x) => x.startsWith('zone-0 (1667)')));
  });
});
