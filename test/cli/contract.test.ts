// The built CLI against docs/cli.md, for what issue 13 found missing or wrong: fields every output
// promises (`cluster` in fixture, `data` in check), fields that are absent for a reason the contract now
// states (`path`, soft constraints' `globalMinimum`), simulate's `warnings`, the DaemonSet's own outputs,
// and `--format svg` writing ONE well-formed SVG document (checked with test/cli/xmlWellFormed.ts).

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeSvg } from '../../client/src/whatIfHtml';
import { parseXml } from './xmlWellFormed';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'kube-spread.js');
const MANIFESTS = join(ROOT, 'test', 'fixtures', 'manifests');
const DAEMONSET = join(MANIFESTS, 'daemonset-constraints.yaml');
const SVG_NS = 'http://www.w3.org/2000/svg';
/** docs/cli.md with its lines joined: a sentence may wrap anywhere. */
const DOC = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8').replace(/\s*\n\s*/g, ' ');

/** The contract states it (a failure names the statement, not the whole document). */
function documented(statement: RegExp): void {
  assert.ok(statement.test(DOC), `docs/cli.md does not say ${statement}`);
}

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60000 });
  assert.equal(r.stderr.includes('internal error'), false, r.stderr);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[], input?: string) {
  const r = run([...args, '--format', 'json'], input);
  return { ...r, body: JSON.parse(r.stdout) };
}

interface Diagnostic { code: string; document?: number; path?: string; data?: Record<string, unknown> }

describe('kube-spread CLI: the JSON contract and the pictures (docs/cli.md)', function () {
  this.timeout(120000);
  before(() => {
    const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  });

  describe('JSON fields', () => {
    it('fixture --format json has the `cluster` object of every other command', () => {
      for (const cluster of [[], ['--cluster', join(ROOT, 'test', 'fixtures', 'cli', 'two-zones.yaml')]]) {
        const fixture = json(['fixture', ...cluster]).body;
        const simulated = json(['simulate', 'examples/web.yaml', ...cluster]).body;
        assert.deepEqual(Object.keys(fixture.cluster), ['source', 'embedded', 'nodes', 'pods']);
        assert.deepEqual(fixture.cluster, simulated.cluster);
        // The fixture's own fields stay.
        for (const k of ['source', 'embedded', 'files', 'summary', 'nodes', 'problems']) assert.ok(k in fixture, k);
      }
    });

    it('check --format json carries each finding\'s `data`: the quick fix docs/codes.md promises', () => {
      const { body } = json(['check', join(MANIFESTS, 'topology-key-typo.yaml'), join(MANIFESTS, 'api-error.yaml')]);
      const diags = body.diagnostics as Diagnostic[];
      const typo = diags.find((d) => d.code === 'lint/topology-key-typo');
      assert.deepEqual(typo?.data, { fix: 'set-value', value: 'topology.kubernetes.io/zone' });
      const api = diags.find((d) => d.code === 'api/maxSkew-positive');
      assert.equal(typeof api?.data?.apiMessage, 'string');
      // No payload, no key.
      const plain = json(['check', '-'], 'foo: bar\n').body.diagnostics as Diagnostic[];
      assert.equal(plain[0].code, 'yaml/not-kubernetes');
      assert.ok(!('data' in plain[0]));
      documented(/check: `diagnostics\[\]\.data`/);
    });

    it('`path` is absent for whole-document and whole-file findings (and `document` for whole-file ones), as docs/cli.md says', () => {
      const doc = json(['check', '-'], 'foo: bar\n').body.diagnostics as Diagnostic[];
      assert.equal(doc[0].document, 0);
      assert.ok(!('path' in doc[0]));
      const deep = json(['check', '-'], `${'['.repeat(300)}${']'.repeat(300)}\n`).body.diagnostics as Diagnostic[];
      assert.equal(deep[0].code, 'yaml/too-deep');
      assert.ok(!('path' in deep[0]) && !('document' in deep[0]), JSON.stringify(deep[0]));
      documented(/`diagnostics\[\]\.path` is present only when the finding is about one field/);
      documented(/\(`yaml\/too-large`, `yaml\/too-deep`\), which are not split into documents and so have no `document`/);
    });

    it('explain: `globalMinimum`/`eligibleDomains` on DoNotSchedule constraints only, and docs/cli.md says why', () => {
      const { body } = json(['explain', 'examples/web.yaml']);
      const hard = body.constraints.find((c: { whenUnsatisfiable: string }) => c.whenUnsatisfiable === 'DoNotSchedule');
      const soft = body.constraints.find((c: { whenUnsatisfiable: string }) => c.whenUnsatisfiable === 'ScheduleAnyway');
      assert.equal(typeof hard.globalMinimum, 'number');
      assert.equal(typeof hard.eligibleDomains, 'number');
      assert.ok(!('globalMinimum' in soft) && !('eligibleDomains' in soft), JSON.stringify(soft));
      documented(/`globalMinimum` and `eligibleDomains` \(and `rawMinimum`, `minDomains`\) are given for `DoNotSchedule` constraints only/);
      documented(/builds the domain counts, the critical paths and the global minimum from the `DoNotSchedule` constraints alone/);
    });

    it('simulate: `warnings` (the API server\'s errors, the object still simulated) is documented', () => {
      const { body } = json(['simulate', join(MANIFESTS, 'api-error.yaml')]);
      assert.ok(body.warnings.some((w: string) => /maxSkew/.test(w)), JSON.stringify(body.warnings));
      documented(/- simulate: `warnings`, as in explain/);
    });
  });

  describe('--format svg: one well-formed SVG document', () => {
    const cases: [string, string[], number][] = [
      ['a simulation', ['examples/web.yaml'], 1],
      ['pending replicas', ['examples/pending-zone.yaml'], 1],
      ['a DaemonSet', [DAEMONSET], 1],
      ['a rolling update with its comparison', ['examples/whatif/web-rollout.yaml', '--cluster', 'examples/whatif/cluster.yaml', '--rollout'], 3],
      ['rollout and scale together', ['examples/whatif/web-rollout.yaml', '--cluster', 'examples/whatif/cluster.yaml', '--rollout', '--no-compare', '--scale-to', '2'], 3],
      ['a domain loss', ['examples/web.yaml', '--without-domain', 'topology.kubernetes.io/zone=zone-c'], 1],
    ];
    for (const [what, args, svgElements] of cases) {
      it(`${what}: a single <svg> root in the SVG namespace`, () => {
        const r = run(['simulate', ...args, '--format', 'svg']);
        assert.ok(r.code === 0 || r.code === 1, r.stderr);
        const root = parseXml(r.stdout);
        assert.equal(root.name, 'svg');
        assert.equal(root.attributes.xmlns, SVG_NS);
        assert.ok(Number(root.attributes.width) > 0 && Number(root.attributes.height) > 0);
        // What-ifs: one nested <svg> per picture inside the root.
        assert.equal(root.elements.filter((e) => e === 'svg').length, svgElements);
        // Plain drawing markup: what the editor's webview inlines.
        assert.ok(safeSvg(r.stdout), 'the webview would refuse this picture');
      });
    }
  });

  describe('DaemonSets: the DaemonSet\'s own spread, its pods pinned to their nodes', () => {
    it('simulate text shows daemon pods per domain, not one pinned pod\'s counts', () => {
      const r = run(['simulate', DAEMONSET]);
      assert.equal(r.code, 1, 'the pod for edge-1 (no zone label) stays Pending');
      assert.match(r.stdout, /one pod on each of 7 node\(s\) \(2 node\(s\) skipped\), 6 placed, 1 pending/);
      assert.match(r.stdout, /pins it to that node \(required nodeAffinity matchFields metadata\.name In \[node\]\)/);
      for (const zone of ['zone-a', 'zone-b', 'zone-c']) assert.match(r.stdout, new RegExp(`\\n  ${zone} +2/2 `));
      assert.match(r.stdout, /\n {2}\(no label\) +0\/1 /);
      assert.doesNotMatch(r.stdout, /\[\+\d+\]/, 'no "existing [+new]" counts of one pinned pod');
      assert.match(r.stdout, /replica 6 \(the pod for edge-1\): 0\/9 nodes are available/);
    });

    it('simulate json: `daemonSet`, `pending[].node`, and the nodes where a node\'s own pod can never run', () => {
      const { body } = json(['simulate', DAEMONSET]);
      assert.deepEqual(body.daemonSet.domains['topology.kubernetes.io/zone'], {
        'zone-a': { nodes: 2, placed: 2 }, 'zone-b': { nodes: 2, placed: 2 }, 'zone-c': { nodes: 2, placed: 2 },
      });
      assert.deepEqual(body.daemonSet.withoutKey, { 'topology.kubernetes.io/zone': { nodes: 1, placed: 0 } });
      assert.equal(body.daemonSet.nodes, 7);
      assert.deepEqual(body.pending.map((p: { node: string }) => p.node), ['edge-1']);
      // Not "every node but the first pod's fails NodeAffinity": only edge-1, for its missing zone label.
      assert.deepEqual(Object.keys(body.unusableNodes), ['edge-1']);
      assert.match(body.unusableNodes['edge-1'], /^PodTopologySpread: .*missing required label/);
    });

    it('explain says the controller pins each pod and explains the pod of one node, not a free "Selected:"', () => {
      const text = run(['explain', DAEMONSET]).stdout;
      assert.match(text, /DaemonSet: the DaemonSet controller creates one pod per node it selects and pins it to that node/);
      assert.match(text, /Explained below: the pod for general-zone-a-1/);
      assert.match(text, /Runs on general-zone-a-1: its pod passes every filter there/);
      assert.doesNotMatch(text, /^Selected:/m);
      const { body, code } = json(['explain', DAEMONSET]);
      assert.equal(code, 0);
      assert.equal(body.daemonSet.explainedNode, 'general-zone-a-1');
      assert.equal(body.daemonSet.nodes, 7);
      assert.deepEqual(Object.keys(body.daemonSet.skippedNodes), ['db-zone-a-1', 'db-zone-b-1']);
      assert.deepEqual(body.selected, ['general-zone-a-1']);
    });
  });
});
