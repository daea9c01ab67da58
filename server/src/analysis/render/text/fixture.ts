// `kube-spread fixture` for people: one line per node, or past AGGREGATE_PAST nodes one per zone
// with its taints counted. The JSON lists every node.

import type { PolicySummary } from '../../../fixture';
import type { NodeRow } from '../../session';
import { clusterLine } from './cluster';
import { nameList, pad } from './format';
import { AGGREGATE_PAST, NodeGroups } from './groups';

export interface FixtureView {
  cluster: Parameters<typeof clusterLine>[0];
  rows: NodeRow[];
  topologyKeys: Record<string, string[]>;
  problems: { file: string; line: number; character: number; message: string }[];
  /** Storage classes, volumes, priority classes and budgets (the fixture summary's); nothing printed when absent. */
  policy?: PolicySummary;
}

/** "standard-rwo (default, WaitForFirstConsumer, zonal, pd.csi.storage.gke.io, attach limit 16)". */
function policyLines(p: PolicySummary): string[] {
  const out: string[] = [];
  const list = (title: string, items: string[]) => {
    if (items.length) out.push('', `${title}:`, ...items.map((i) => `  ${i}`));
  };
  list('Storage classes', p.storageClasses.map((c) => {
    const zonal = c.topologyKeys.includes('topology.kubernetes.io/zone') ? 'zonal' : c.topologyKeys.length ? `topology ${c.topologyKeys.join(', ')}` : '';
    const notes = [c.default ? 'default' : '', c.bindingMode, zonal, c.provisioner, c.allowedZones ? `zones ${c.allowedZones.join(', ')}` : '', c.attachLimit !== undefined ? `attach limit ${c.attachLimit}` : ''];
    return `${c.name} (${notes.filter(Boolean).join(', ')})`;
  }));
  const v = p.volumes;
  if (v.persistentVolumes || v.claims) out.push('', `Volumes: ${v.persistentVolumes} PersistentVolume(s), ${v.claims} claim(s) (${v.boundClaims} bound)`);
  list('Priority classes', p.priorityClasses.map((c) => `${c.name} ${c.value}${c.globalDefault ? ' (global default)' : ''}${c.preemptionPolicy === 'Never' ? ' (never preempts)' : ''}`));
  list('Disruption budgets', p.disruptionBudgets.map((b) => `${b.namespace}/${b.name} (${b.minAvailable !== undefined ? `minAvailable ${b.minAvailable}` : b.maxUnavailable !== undefined ? `maxUnavailable ${b.maxUnavailable}` : 'no limit'})`));
  return out;
}

function notesOf(r: NodeRow): string {
  return [...r.taints, ...(r.unschedulable ? ['cordoned (spec.unschedulable)'] : [])].join(', ');
}

function perNode(rows: NodeRow[]): string[] {
  const w = Math.max(4, ...rows.map((r) => r.name.length));
  const zoneOf = (r: NodeRow) => r.zone ?? '(no zone label)';
  const zw = Math.max(10, ...rows.map((r) => zoneOf(r).length));
  const out = [`${pad('NODE', w)}  ${pad('ZONE', zw)}  PODS  TAINTS / NOTES`];
  for (const r of rows) out.push(`${pad(r.name, w)}  ${pad(zoneOf(r), zw)}  ${String(r.pods).padStart(4)}  ${notesOf(r)}`);
  return out;
}

function perZone(rows: NodeRow[]): string[] {
  const groups = new NodeGroups(rows);
  const gathered = groups.gather(rows, (r) => groups.of(r.name));
  const w = Math.max(4, ...gathered.map(([g]) => g.length));
  const out = [`${rows.length} nodes, ${groups.describe()}:`, `${pad('ZONE', w)}  NODES   PODS  CORDONED  TAINTS`];
  for (const [g, list] of gathered) {
    const taints = new Map<string, number>();
    for (const r of list) for (const t of r.taints) taints.set(t, (taints.get(t) ?? 0) + 1);
    const cordoned = list.filter((r) => r.unschedulable).length;
    const pods = list.reduce((n, r) => n + r.pods, 0);
    const taintText = nameList([...taints.entries()].map(([t, n]) => `${t} (${n})`), 4);
    out.push(`${pad(g, w)}  ${String(list.length).padStart(5)}  ${String(pods).padStart(5)}  ${String(cordoned).padStart(8)}  ${taintText}`);
  }
  return out;
}

export function renderFixtureText(v: FixtureView): string {
  const out = [clusterLine(v.cluster), ''];
  out.push(...(v.rows.length > AGGREGATE_PAST ? perZone(v.rows) : perNode(v.rows)));
  out.push('', 'Topology keys:');
  for (const [k, vals] of Object.entries(v.topologyKeys)) out.push(`  ${k}: ${vals.length} value(s)${vals.length <= 12 ? `: ${vals.join(', ')}` : ''}`);
  if (v.policy) out.push(...policyLines(v.policy));
  for (const p of v.problems) out.push(`warning: ${p.file}:${p.line + 1}:${p.character + 1}: ${p.message}`);
  return `${out.join('\n')}\n`;
}
