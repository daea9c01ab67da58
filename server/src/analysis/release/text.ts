// `kube-spread simulate` of a release, for people: one row per workload (placed, pending, the skew
// of each of its own constraints, who blocks it), then what blocks the Pending replicas and what
// changes in the other creation orders. The JSON (json.ts) is the contract; this text may change.

import type { ReleaseJson, ReleaseWorkloadJson } from './json';
import { ORDER_NAMES } from './order';
import { describeChanges } from './sensitivity';

const SHORT_KEYS: Record<string, string> = { 'topology.kubernetes.io/zone': 'zone', 'kubernetes.io/hostname': 'hostname', 'topology.kubernetes.io/region': 'region' };

function name(w: ReleaseWorkloadJson): string {
  return `${w.kind} ${w.namespace}/${w.name || '(unnamed)'}`;
}

function skewCell(w: ReleaseWorkloadJson): string {
  const own = w.constraints.filter((c) => c.source === 'pod');
  if (own.length === 0) return '-';
  return own.map((c) => `${SHORT_KEYS[c.topologyKey] ?? c.topologyKey} ${w.skew[c.topologyKey] ?? '-'} (max ${c.maxSkew}${c.whenUnsatisfiable === 'ScheduleAnyway' ? ', soft' : ''})`).join(', ');
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}`.trimEnd());
}

function reasonList(reasons: Record<string, number>): string {
  return Object.entries(reasons).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([r, n]) => `${n} ${r}`).join(', ');
}

export function renderReleaseText(r: ReleaseJson): string {
  const files = [...new Set(r.workloads.map((w) => w.file))];
  const out: string[] = ['', `Release: ${r.workloads.length} workloads of ${files.join(', ')}, created in ${ORDER_NAMES[r.order]}`];
  const rows = [['WORKLOAD', 'DOC', 'PLACED', 'PENDING', 'SKEW', 'BLOCKED BY']];
  for (const w of r.workloads) {
    const sameFile = (b: { file: string }) => b.file === w.file;
    rows.push([
      name(w), `${files.length > 1 ? `${w.file}:` : ''}${w.document}`, `${w.placed}/${w.replicas}`, String(w.pending), skewCell(w),
      w.blockedBy ? `${w.blockedBy.map((b) => `${b.kind} ${b.name} (${sameFile(b) ? '' : `${b.file}, `}document ${b.document})`).join(', ')}${w.blockedByMore ? ', …' : ''}` : '-',
    ]);
  }
  out.push(...table(rows));
  const blocked = r.workloads.filter((w) => w.blockedBy);
  if (blocked.length) {
    out.push('', 'Blocked by the release:');
    for (const w of blocked) {
      const n = w.pendingReplicas.filter((p) => p.blockedBy).length;
      for (const b of w.blockedBy!) {
        out.push(`  ${w.name}: ${n} Pending replica(s): ${b.kind} ${b.name} (${b.file}, document ${b.document}) takes ${b.nodes} node(s) it could use otherwise (${reasonList(b.reasons)})`);
      }
      if (w.blockedByMore) out.push(`  ${w.name}: other workloads of the release may block it too (at most 5 are named)`);
    }
  }
  const compared = r.compared.map((o) => ORDER_NAMES[o]).join(', ');
  if (r.orderSensitive) {
    out.push('', `Order sensitive: the outcome depends on the creation order (also simulated: ${compared}):`);
    for (const k of new Set(r.orderChanges.map((c) => c.workload))) {
      out.push(`  ${r.workloads[k].name}: ${describeChanges(r.orderChanges.filter((c) => c.workload === k))}`);
    }
  } else if (compared) {
    out.push('', `Not order sensitive: the same outcome in ${compared}.`);
  }
  for (const n of r.notes) out.push(`note: ${n}`);
  return `${out.join('\n')}\n`;
}
