// The audit's Markdown report escapes what users wrote (names, label values, reasons), so a value
// holding `|` or markup cannot break the table or inject HTML; the text table lists many domains briefly.

import { strict as assert } from 'node:assert';
import { mdEscape, renderAuditMarkdown } from '../../../server/src/analysis/render/markdown/audit';
import { countsText } from '../../../server/src/analysis/render/text/audit';
import type { AuditJson } from '../../../server/src/analysis/audit/types';

function audit(domain: string): AuditJson {
  return {
    cluster: { source: 'c.yaml', embedded: false, nodes: 1, pods: 1 },
    kubernetes: { version: '1.36', featureGates: {} as AuditJson['kubernetes']['featureGates'], profile: 'default-scheduler' },
    summary: { workloads: 1, constraints: 1, violated: { DoNotSchedule: 1, ScheduleAnyway: 0 }, pending: 0 },
    workloads: [{
      kind: 'Deployment', namespace: 'ns', name: 'web', pending: 0, running: 1, terminating: 0, terminal: 0, controller: 'object',
      countedFor: 'pod web-1', worstExcess: 1, pendingPods: [], notes: [],
      constraints: [{
        index: 0, topologyKey: 'rack', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule', source: 'pod', counts: { [domain]: 2, b: 0 }, skew: 2, violated: true,
        minDomains: 1, globalMinimum: 0, eligibleDomains: 2, excludedNodes: { missingLabel: 0, nodeAffinity: 0, nodeTaints: 0 }, selector: 'app=web',
        nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore',
      }],
    }],
    descheduler: null,
    notes: [],
  };
}

describe('audit: rendering', () => {
  it('markdown: a table row keeps its 7 cells whatever a domain name holds', () => {
    const md = renderAuditMarkdown(audit('a|b<script>'));
    const row = md.split('\n').find((l) => l.startsWith('| `ns/Deployment/web`'))!;
    assert.equal(row.split(/(?<!\\)\|/).length - 2, 7, row);
    assert.ok(!md.includes('<script>'));
    assert.equal(mdEscape('x*y_z'), 'x\\*y\\_z');
  });

  it('text: past 6 domains, the smallest and largest counts and where', () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 9; i++) counts[`n${i}`] = i === 4 ? 5 : 1;
    assert.equal(countsText(counts), '9 domains: min 1 (n0, n1, … 8 in all), max 5 (n4)');
  });
});
