// The built CLI on autoscaled clusters (docs/autoscalers.md): simulate text and JSON with
// cluster-autoscaler's scale-up per zone, the minDomains case of kubernetes/autoscaler#5489 where it adds
// nothing and says why in its own words, `check`'s findings, and the what-ifs run with the autoscaler
// (a lost zone's node groups do not grow; docs/whatif.md).

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'kube-spread.js');
const CA = 'examples/autoscaling-ca-cluster.yaml';
const SPREAD = 'examples/autoscaling-zone-spread.yaml';
const MIN_DOMAINS = 'examples/autoscaling-min-domains.yaml';
const ZONE = 'topology.kubernetes.io/zone';
const NOT_TRIGGERED = "pod didn't trigger scale-up: 3 node(s) didn't match pod topology spread constraints";

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[]) {
  const r = run([...args, '--format', 'json']);
  assert.equal(r.stderr.includes('internal error'), false, r.stderr);
  return { code: r.code, body: JSON.parse(r.stdout) };
}

interface Row { by: string; nodePool: string; zone?: string; nodes: number; nodeNames: string[] }
interface Step { action: string; scaleUp?: Row[]; pending: { pod: string; autoscaler?: { by: string; reason: string }[] }[]; distribution: Record<string, Record<string, number>>; created: { node: string | null }[] }

describe('kube-spread CLI on autoscaled clusters', function () {
  this.timeout(120000);
  before(() => {
    const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  });

  describe('simulate', () => {
    it('JSON: 6 of 9 fit the current nodes; cluster-autoscaler adds one node per zone and the spread holds at 3/3/3', () => {
      const { code, body } = json(['simulate', SPREAD, '--cluster', CA]);
      assert.equal(code, 0);
      assert.deepEqual(body.scaleUp.map((u: Row) => [u.by, u.nodePool, u.zone, u.nodes, u.nodeNames]), [
        ['cluster-autoscaler', 'general-eu-west-1a', 'eu-west-1a', 1, ['general-eu-west-1a-new-1']],
        ['cluster-autoscaler', 'general-eu-west-1b', 'eu-west-1b', 1, ['general-eu-west-1b-new-1']],
        ['cluster-autoscaler', 'general-eu-west-1c', 'eu-west-1c', 1, ['general-eu-west-1c-new-1']],
      ]);
      assert.deepEqual({ ...body.autoscaling, ties: undefined }, { autoscalers: ['cluster-autoscaler'], pendingBefore: 3, rounds: 3, ties: undefined });
      assert.equal(body.placements.length, 9);
      assert.deepEqual(body.pending, []);
      const onNew = body.placements.filter((p: { newNode?: boolean }) => p.newNode);
      assert.deepEqual(onNew.map((p: { replica: number; node: string }) => [p.replica, p.node]), [
        [6, 'general-eu-west-1a-new-1'], [7, 'general-eu-west-1b-new-1'], [8, 'general-eu-west-1c-new-1'],
      ]);
      assert.deepEqual(body.distribution[ZONE], { 'eu-west-1a': 3, 'eu-west-1b': 3, 'eu-west-1c': 3 });
      assert.equal(body.skew[ZONE], 0);
    });

    it('text: the Scale-up section per group and zone, new nodes marked in the placements', () => {
      const r = run(['simulate', SPREAD, '--cluster', CA]);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /^Deployment default\/web: 9 replica\(s\), 9 placed, 0 pending$/m);
      assert.match(r.stdout, /^Scale-up \(cluster-autoscaler, 3 rounds\):$/m);
      for (const z of ['a', 'b', 'c']) {
        assert.ok(r.stdout.includes(`  general-eu-west-1${z}: +1 node in eu-west-1${z} (cluster-autoscaler): general-eu-west-1${z}-new-1\n`), z);
        assert.match(r.stdout, new RegExp(`^  general-eu-west-1${z}-new-1 \\(new\\): replica \\d$`, 'm'));
      }
    });

    it('minDomains (kubernetes/autoscaler#5489): no scale-up, and cluster-autoscaler says why in its event words', () => {
      const { code, body } = json(['simulate', MIN_DOMAINS, '--cluster', CA]);
      assert.equal(code, 1);
      assert.deepEqual(body.scaleUp, []);
      assert.equal(body.autoscaling.rounds, 0);
      assert.deepEqual(body.pending.map((p: { replica: number }) => p.replica), [3, 4, 5]);
      for (const p of body.pending) {
        assert.deepEqual(p.autoscaler, [{ by: 'cluster-autoscaler', reason: NOT_TRIGGERED }]);
        assert.deepEqual(p.reasons, { "node(s) didn't match pod topology spread constraints": 3 });
      }
      assert.deepEqual(body.distribution[ZONE], { 'eu-west-1a': 1, 'eu-west-1b': 1, 'eu-west-1c': 1 });
      const text = run(['simulate', MIN_DOMAINS, '--cluster', CA]).stdout;
      assert.ok(text.includes('Scale-up: none (cluster-autoscaler adds no node for the Pending replicas)'), text);
      assert.ok(text.includes(`No scale-up for them:\n  replicas 3-5: cluster-autoscaler: ${NOT_TRIGGERED}\n`), text);
    });
  });

  describe('check', () => {
    it('zone spread: an information spread/scale-up instead of a Pending, exit 0', () => {
      const { code, body } = json(['check', SPREAD, '--cluster', CA]);
      assert.equal(code, 0);
      const spread = body.diagnostics.filter((f: { code: string }) => f.code.startsWith('spread/'));
      assert.deepEqual(spread.map((f: { code: string; severity: string }) => [f.code, f.severity]), [['spread/scale-up', 'information']]);
      assert.equal(spread[0].message, '3 of 9 replicas Pending now; cluster-autoscaler adds 1 node in eu-west-1a, 1 node in eu-west-1b and 1 node in eu-west-1c (3 replicas land on the new nodes); then all 9 are placed');
    });

    it('minDomains: spread/pending names the constraint and cluster-autoscaler\'s reason, exit 1', () => {
      const { code, body } = json(['check', MIN_DOMAINS, '--cluster', CA]);
      assert.equal(code, 1);
      const spread = body.diagnostics.filter((f: { code: string }) => f.code.startsWith('spread/'));
      assert.deepEqual(spread.map((f: { code: string }) => f.code), ['spread/pending']);
      assert.match(spread[0].message, /only 3 eligible domain\(s\) exist but minDomains is 4/);
      assert.ok(spread[0].message.endsWith(`; cluster-autoscaler adds no node: ${NOT_TRIGGERED}`), spread[0].message);
    });
  });

  describe('what-ifs run the autoscaler', () => {
    it('losing eu-west-1a: its group does not grow, the replacements get a node in another zone, the spread holds', () => {
      const { code, body } = json(['simulate', SPREAD, '--cluster', CA, '--without-domain', `${ZONE}=eu-west-1a`]);
      assert.equal(code, 0);
      const dl = body.domainLoss;
      assert.deepEqual(dl.nodes, ['general-eu-west-1a-1', 'general-eu-west-1a-new-1'], 'the node added in step 0 goes with its zone');
      assert.deepEqual([dl.evicted, dl.replaced, dl.pendingAfter], [3, 3, 0]);
      assert.deepEqual(dl.autoscaling.unavailable, ['general-eu-west-1a']);
      const steps: Step[] = dl.steps;
      // Step 0 is simulate's placement, scale-up included.
      assert.deepEqual(steps[0].scaleUp?.map((u) => u.zone), ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
      const after = steps.slice(1).flatMap((s) => s.scaleUp ?? []);
      assert.equal(after.reduce((n, u) => n + u.nodes, 0), 1);
      assert.ok(after.every((u) => u.zone !== 'eu-west-1a'), JSON.stringify(after));
      const last = steps[steps.length - 1];
      assert.deepEqual(Object.keys(last.distribution[ZONE]), ['eu-west-1b', 'eu-west-1c']);
      const counts = Object.values(last.distribution[ZONE]);
      assert.equal(counts.reduce((a, b) => a + b, 0), 9);
      assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, JSON.stringify(last.distribution));
      assert.deepEqual(dl.violatedAfter, []);
      assert.match(dl.message, /^all 3 replacement pod\(s\) were placed after losing topology.kubernetes.io\/zone=eu-west-1a; after the loss cluster-autoscaler added 1 node\(s\) in eu-west-1[bc] \(1\) \(the lost domain's node groups cannot grow\)$/);
      // The scale-up rows of every step, in step order.
      assert.deepEqual(dl.autoscaling.scaleUp, steps.flatMap((s) => s.scaleUp ?? []));
      assert.equal(dl.autoscaling.nodesAdded, 4);
    });

    it('losing eu-west-1a, text: the groups that cannot grow and each step\'s scale-up', () => {
      const r = run(['simulate', SPREAD, '--cluster', CA, '--without-domain', `${ZONE}=eu-west-1a`]);
      assert.equal(r.code, 0);
      assert.ok(r.stdout.includes('  autoscaling: cluster-autoscaler runs after each step; cannot grow (in the lost domain): general-eu-west-1a\n'), r.stdout);
      assert.match(r.stdout, /^ {6}scale-up: general-eu-west-1[bc]: \+1 node in eu-west-1[bc] \(cluster-autoscaler\): general-eu-west-1[bc]-new-2$/m);
    });

    it('an outage of eu-west-1a: the unreachable zone still counts as a domain, so neither the scheduler nor cluster-autoscaler helps', () => {
      // The unreachable nodes keep their zone in the count (nodeTaintsPolicy Ignore), with 0 pods: the
      // other zones may not go above 1 more. Each template node in eu-west-1b/-1c fails the same way.
      const { code, body } = json(['simulate', SPREAD, '--cluster', CA, '--without-domain', `${ZONE}=eu-west-1a`, '--domain-loss', 'outage']);
      assert.equal(code, 1);
      const dl = body.domainLoss;
      assert.deepEqual(dl.autoscaling.unavailable, ['general-eu-west-1a']);
      const steps: Step[] = dl.steps;
      assert.deepEqual(steps.slice(1).flatMap((s) => s.scaleUp ?? []), []);
      assert.equal(dl.pendingAfter, 3);
      for (const p of steps[steps.length - 1].pending) {
        assert.deepEqual(p.autoscaler, [{ by: 'cluster-autoscaler', reason: "pod didn't trigger scale-up: 2 node(s) didn't match pod topology spread constraints" }]);
      }
      assert.ok(dl.message.endsWith("; after the loss cluster-autoscaler added no node (the lost domain's node groups cannot grow)"), dl.message);
    });

    it('minDomains without a zone: nothing is added and every Pending pod carries cluster-autoscaler\'s reason', () => {
      const { code, body } = json(['simulate', MIN_DOMAINS, '--cluster', CA, '--without-domain', `${ZONE}=eu-west-1c`]);
      assert.equal(code, 1);
      const dl = body.domainLoss;
      assert.equal(dl.autoscaling.nodesAdded, 0);
      const last: Step = dl.steps[dl.steps.length - 1];
      assert.ok(last.pending.length > 0);
      for (const p of last.pending) {
        assert.equal(p.autoscaler?.length, 1, JSON.stringify(p));
        assert.match(p.autoscaler![0].reason, /^pod didn't trigger scale-up: 2 node\(s\) didn't match pod topology spread constraints/);
      }
    });

    it('--scale-to 14: the new pods that do not fit get new nodes, skew within maxSkew', () => {
      const { code, body } = json(['simulate', SPREAD, '--cluster', CA, '--scale-to', '14']);
      assert.equal(code, 0);
      const sc = body.scale;
      const last: Step = sc.steps[sc.steps.length - 1];
      assert.deepEqual(last.pending, []);
      assert.ok((last.scaleUp ?? []).length > 0);
      assert.ok(last.created.filter((c) => c.node?.includes('-new-')).length >= 1);
      const counts = Object.values(last.distribution[ZONE]);
      assert.equal(counts.reduce((a, b) => a + b, 0), 14);
      assert.ok(Math.max(...counts) - Math.min(...counts) <= 1);
      assert.match(sc.message, /; cluster-autoscaler added \d+ node\(s\) in /);
    });

    it('--rollout: the old revision starts on simulate\'s grown cluster and the rollout completes', () => {
      const { code, body } = json(['simulate', SPREAD, '--cluster', CA, '--rollout']);
      assert.equal(code, 0);
      const ro = body.rollout;
      assert.equal(ro.outcome, 'complete');
      assert.deepEqual(ro.steps[0].scaleUp.map((u: Row) => u.nodeNames[0]), ['general-eu-west-1a-new-1', 'general-eu-west-1b-new-1', 'general-eu-west-1c-new-1']);
      assert.deepEqual(ro.autoscaling.autoscalers, ['cluster-autoscaler']);
    });

    it('a fixture that does not autoscale: no autoscaling fields in what-ifs', () => {
      const { body } = json(['simulate', 'examples/web.yaml', '--without-domain', `${ZONE}=zone-a`]);
      assert.equal('autoscaling' in body.domainLoss, false);
      assert.ok(body.domainLoss.steps.every((s: Step) => !('scaleUp' in s) && s.pending.every((p) => !('autoscaler' in p))));
    });
  });
});
