// The Audit Cluster webview page (client/src/auditHtml.ts), on the audit the server computes for
// examples/drifted-cluster.yaml (the same calls as lsp/features/audit.ts): workloads worst first, one
// bar per domain with the domains over maxSkew and the minimum marked, links only where a manifest was
// found, the descheduler rounds (converged, or a loop), and every name escaped under the strict CSP.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { auditWorkloadId, renderAudit } from '../../../client/src/auditHtml';
import type { AuditResult } from '../../../server/src/protocol';
import { auditCluster, auditFailures, loadFixtureFromPaths, openSession, runDeschedulerAudit } from '../../../server/src/analysis';

const DRIFTED = join(__dirname, '../../../examples/drifted-cluster.yaml');

function drifted(): AuditResult {
  const ctx = openSession(loadFixtureFromPaths([DRIFTED])).context;
  const audit = auditCluster(ctx, { descheduler: runDeschedulerAudit(ctx) });
  const failures = auditFailures(audit, 'DoNotSchedule');
  return {
    ...audit, failOn: 'DoNotSchedule', failed: failures.length > 0, failures,
    manifests: { 'shop/Deployment/checkout': { uri: 'file:///ws/deploy/checkout.yaml', document: 1, line: 4, character: 0 } },
  };
}

const page = (r: AuditResult) => renderAudit({ nonce: 'N0NCE', title: 'Audit: drifted-cluster.yaml', result: r });
const sections = (html: string) => [...html.matchAll(/<section class="workload([^"]*)" data-workload="([^"]*)">([\s\S]*?)<\/section>/g)];

describe('Audit Cluster webview page', () => {
  it('drifted cluster: checkout first and marked, eu-west-1a over maxSkew, eu-west-1b the minimum, the verdict', () => {
    const html = page(drifted());
    const s = sections(html);
    assert.deepEqual(s.map((m) => m[2]), ['shop/Deployment/checkout', 'shop/StatefulSet/search', 'shop/Deployment/reports']);
    assert.deepEqual(s.map((m) => m[1]), [' hard', '', '']);
    const checkout = s[0][3];
    assert.match(checkout, /#0 <code>topology\.kubernetes\.io\/zone<\/code> DoNotSchedule · maxSkew 1 · skew <b>3<\/b> · <span class="violated">VIOLATED<\/span>/);
    // Largest first; 3 - 0 (the minimum) - 1 (maxSkew) = 2 over.
    const zoneBars = /<div class="constraint violated-hard">([\s\S]*?)<\/div><\/div><\/div>/.exec(checkout)![1];
    const domains = [...zoneBars.matchAll(/<div class="domain([^"]*)" data-domain="([^"]*)"><span class="dname">[^<]*<\/span><progress max="(\d+)" value="(\d+)">/g)].map((m) => [m[2], m[1], m[3], m[4]]);
    assert.deepEqual(domains, [['eu-west-1a', ' over', '3', '3'], ['eu-west-1c', '', '3', '1'], ['eu-west-1b', ' min', '3', '0']]);
    assert.match(zoneBars, /eu-west-1a<\/span><progress max="3" value="3"><\/progress><span class="count">3<\/span> <span class="mark">\+2 over maxSkew<\/span>/);
    // The soft hostname constraint is marked as soft, not as a violation.
    assert.match(checkout, /kubernetes\.io\/hostname<\/code> ScheduleAnyway · maxSkew 1 · skew <b>2<\/b> · <span class="soft">over \(soft\)<\/span>/);
    assert.match(html, /<p class="verdict fail"><code>kube-spread audit<\/code> exits 1 \(failOn DoNotSchedule\): 1 DoNotSchedule constraint violated<\/p>/);
    assert.match(s[2][3], /Pending <b>reports-5f8d7b9c6-q9z4v<\/b>: 0\/6 nodes are available: 6 Insufficient cpu\./);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.doesNotMatch(html, /\sstyle=/, 'no inline style attributes: the CSP would block them');
  });

  it('links a workload to its manifest by index only; the others say there is none', () => {
    const r = drifted();
    const s = sections(page(r));
    assert.match(s[0][3], /<a href="#" data-open="0" title="Open the manifest">shop\/Deployment\/<b>checkout<\/b><\/a>/);
    assert.doesNotMatch(s[1][3], /data-open/);
    assert.match(s[1][3], /\(no manifest in the workspace\)/);
    assert.equal(auditWorkloadId(r.workloads[0]), 'shop/Deployment/checkout');
  });

  it('the descheduler rounds: converged with the eviction and where the replacement landed', () => {
    const html = page(drifted());
    assert.match(html, /<p class="converged"><b>Converged<\/b> after 2 rounds \(1 eviction; RemovePodsViolatingTopologySpreadConstraint, policy: default\)<\/p>/);
    assert.match(html, /<div class="round" data-round="1"><div class="rhead">Round 1: 1 eviction<\/div><ul><li class="evict">evict <b>shop\/checkout-6b7f9c4d8-m4q9d<\/b> from node-a2, balancing topology\.kubernetes\.io\/zone/);
    assert.match(html, /<li class="place">replacement <b>shop\/checkout-6b7f9c4d8-r1-1<\/b> <span class="muted">\(for shop\/checkout-6b7f9c4d8-m4q9d\)<\/span> → node-b2<\/li>/);
    assert.match(html, /Round 2: 0 evictions/);
  });

  it('a loop says which rounds repeat and which pods; a Pending replacement says why', () => {
    const r = drifted();
    r.descheduler = {
      policy: 'policy.yaml', converged: false, loop: true, loopRounds: { from: 1, to: 1 }, loopPods: ['test/pod-1'], notes: [],
      rounds: [{ evictions: [{ namespace: 'test', name: 'pod-1', node: 'kind-worker', constraint: 'kubernetes.io/hostname (maxSkew 1, ScheduleAnyway)', reason: 'r' }],
        placements: [{ namespace: 'test', name: 'app-r1-1', node: null, reasons: ['0/3 nodes are available: 3 Insufficient cpu.'], replaces: 'test/pod-1' }] }],
    };
    const html = page(r);
    assert.match(html, /<p class="loop"><b>LOOP<\/b>: round 1 repeats forever \(RemovePodsViolatingTopologySpreadConstraint, policy: policy\.yaml\)\. Evicted again and again: test\/pod-1<\/p>/);
    assert.match(html, /replacement <b>test\/app-r1-1<\/b> <span class="muted">\(for test\/pod-1\)<\/span> <span class="pending-count">Pending<\/span>: 0\/3 nodes are available: 3 Insufficient cpu\./);
  });

  it('an even spread marks no domain as the minimum (search: one pod per zone)', () => {
    const search = sections(page(drifted()))[1][3];
    const domains = [...search.matchAll(/<div class="domain([^"]*)" data-domain="([^"]*)">[\s\S]*?<span class="count">(\d+)<\/span>([^<]*)/g)].map((m) => [m[2], m[1], m[3]]);
    assert.deepEqual(domains, [['eu-west-1a', '', '1'], ['eu-west-1b', '', '1'], ['eu-west-1c', '', '1']]);
    assert.doesNotMatch(search, /minimum/);
  });

  it('past 12 domains: the 6 largest, the 6 smallest, and how many more', () => {
    const r = drifted();
    const c = r.workloads[0].constraints[0];
    c.counts = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`node-${String(i).padStart(2, '0')}`, i]));
    c.globalMinimum = 0;
    const html = page(r);
    const shown = [...sections(html)[0][3].matchAll(/data-domain="(node-\d+)"/g)].map((m) => m[1]);
    assert.deepEqual(shown, ['node-19', 'node-18', 'node-17', 'node-16', 'node-15', 'node-14', 'node-05', 'node-04', 'node-03', 'node-02', 'node-01', 'node-00']);
    assert.match(html, /… 8 more domains/);
  });

  it('escapes every name: workloads, domains, reasons, notes, the fixture', () => {
    const r = drifted();
    const evil = '<img src=x onerror=alert(1)>"\'';
    r.workloads[0] = { ...r.workloads[0], name: evil, namespace: evil, notes: [evil], pendingPods: [{ name: evil, reason: evil }] };
    r.workloads[0].constraints[0].counts = { [evil]: 3 };
    r.manifests = { [auditWorkloadId(r.workloads[0])]: { uri: 'javascript:alert(1)', document: 0, line: 0, character: 0 } };
    r.cluster.source = evil;
    r.notes = [evil];
    r.descheduler!.rounds[0].evictions[0].name = evil;
    const html = page(r);
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62;&#34;&#39;'));
    assert.ok(!html.includes('javascript:'), 'the page never carries the manifest URI');
    assert.match(html, /data-open="0"/);
  });

  it('shows the error, or that it is auditing', () => {
    assert.match(renderAudit({ nonce: 'n', title: 't', error: 'no <fixture>' }), /<p class="error">no &#60;fixture&#62;<\/p>/);
    assert.match(renderAudit({ nonce: 'n', title: 't' }), /Auditing…/);
  });
});
