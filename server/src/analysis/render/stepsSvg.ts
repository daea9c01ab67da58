// The what-if pictures (rolling update, scale, domain loss): one row per step. On the left the step,
// its description, each constraint's skew, Pending pods and ties; on the right, for EVERY constraint's
// topology key, a column per domain: this workload's pods (filled bar) and the other matching pods the
// constraint counts there (hollow). A key with more than COLUMN_LIMIT domains (hostname on a big
// cluster) is summed per step instead: domains, pods per domain, skew. Self-contained (svgKit.ts).

import type { WhatIfStep } from '../whatif/types';
import { clip, cls, esc, legend, STYLE, svgOpen, textWidth, wrap } from './svgKit';

/** More domains than this for a key: one summary column instead of one column per domain. */
export const COLUMN_LIMIT = 8;

export interface StepsSvgOptions {
  title: string;
  subtitle?: string;
}

const LEFT = 10;
const INFO_W = 250;
const COL_W = 104;
const SUMMARY_W = 230;
const LINE = 15;

interface KeyBlock {
  key: string;
  /** Undefined: summed (too many domains for columns). */
  domains?: string[];
  x: number;
  width: number;
}

function keysOf(steps: readonly WhatIfStep[]): string[] {
  return [...new Set(steps.flatMap((s) => [...s.constraints.map((c) => c.topologyKey), ...Object.keys(s.distribution)]))];
}

function blocksOf(steps: readonly WhatIfStep[]): KeyBlock[] {
  const blocks: KeyBlock[] = [];
  let x = LEFT + INFO_W;
  for (const key of keysOf(steps)) {
    const domains = [...new Set(steps.flatMap((s) => [...Object.keys(s.distribution[key] ?? {}), ...Object.keys(s.constraints.find((c) => c.topologyKey === key)?.domains ?? {})]))].sort();
    const columns = domains.length <= COLUMN_LIMIT;
    const width = Math.max(columns ? Math.max(1, domains.length) * COL_W : SUMMARY_W, textWidth(key) + 10);
    blocks.push({ key, ...(columns ? { domains } : {}), x, width });
    x += width + 14;
  }
  return blocks;
}

/** "topology.kubernetes.io/zone" → "zone": the key's name without its prefix, for the narrow left column. */
const shortKey = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

/** The left-hand lines of a step: what happened, each constraint's skew, Pending pods, ties. */
function infoLines(s: WhatIfStep): { text: string; paint: 't' | 'm' | 'bad' | 'pend'; title?: string; bold?: boolean }[] {
  const lines: ReturnType<typeof infoLines> = [
    { text: clip(`${s.step}. ${s.action}`, 32), paint: 't', bold: true, title: s.description },
    { text: clip(s.description, 35), paint: 'm', title: s.description },
  ];
  for (const c of s.constraints) {
    const text = `${shortKey(c.topologyKey)}: skew ${c.skew} (maxSkew ${c.maxSkew})${c.violated ? ' above!' : ''}`;
    lines.push({ text: clip(text, 35), paint: c.violated ? 'bad' : 'm', title: `${c.topologyKey} ${c.whenUnsatisfiable}: skew ${c.skew}, maxSkew ${c.maxSkew}` });
  }
  if (s.pending.length) lines.push({ text: `! ${s.pending.length} Pending`, paint: 'pend', bold: true, title: s.pending[0].message });
  const tied = s.created.filter((c) => (c.ties?.length ?? 0) > 1);
  if (tied.length) lines.push({ text: `* ${tied.length} placement(s) were ties`, paint: 'm', title: tied.map((c) => `${c.pod}: ${c.ties!.join(' | ')}`).join('; ') });
  return lines;
}

function drawColumns(p: string[], s: WhatIfStep, b: KeyBlock, y: number, maxCount: number): void {
  const own = s.distribution[b.key] ?? {};
  const counted = s.constraints.find((c) => c.topologyKey === b.key)?.domains ?? {};
  b.domains!.forEach((d, i) => {
    const x = b.x + i * COL_W;
    const mine = own[d] ?? 0;
    const others = Math.max(0, (counted[d] ?? mine) - mine);
    const scale = (n: number) => Math.round(((COL_W - 34) * n) / maxCount);
    if (mine) p.push(`<rect ${cls('new')} x="${x}" y="${y}" width="${Math.max(2, scale(mine))}" height="16"><title>${esc(`${d}: ${mine} pod(s) of this workload`)}</title></rect>`);
    if (others) p.push(`<rect ${cls('old')} x="${x + scale(mine)}" y="${y}" width="${Math.max(2, scale(others))}" height="16"><title>${esc(`${d}: ${others} other matching pod(s) the constraint counts`)}</title></rect>`);
    const label = `${mine}${others ? `+${others}` : ''}`;
    p.push(`<text ${cls('t')} x="${x + Math.max(mine || others ? 2 : 0, scale(mine) + scale(others)) + 4}" y="${y + 13}">${label}</text>`);
  });
}

function drawSummary(p: string[], s: WhatIfStep, b: KeyBlock, y: number): void {
  const counts = Object.values(s.distribution[b.key] ?? {});
  const c = s.constraints.find((x) => x.topologyKey === b.key);
  const per = counts.length ? `${Math.min(...counts)}–${Math.max(...counts)} per domain` : 'no domain';
  p.push(`<text ${cls(c?.violated ? 'bad' : 't')} x="${b.x}" y="${y + 13}">${esc(`${counts.length} domains · ${per}${c ? ` · skew ${c.skew}` : ''}`)}</text>`);
}

/** One SVG with a row per step: every constraint's key, a legend, other counted pods, ties and Pending pods. */
export function renderStepsSvg(steps: WhatIfStep[], opts: StepsSvgOptions): string {
  const blocks = blocksOf(steps);
  const maxCount = Math.max(1, ...steps.flatMap((s) => blocks.flatMap((b) => {
    const counted = s.constraints.find((c) => c.topologyKey === b.key)?.domains ?? {};
    return (b.domains ?? []).map((d) => Math.max(s.distribution[b.key]?.[d] ?? 0, counted[d] ?? 0));
  })));
  const p: string[] = [];
  const right = blocks.length ? blocks[blocks.length - 1].x + blocks[blocks.length - 1].width : LEFT + INFO_W;
  const subtitle = opts.subtitle ? wrap(opts.subtitle, Math.max(60, Math.floor((right - LEFT) / 6.6))) : [];
  p.push(`<text ${cls('t')} x="${LEFT}" y="20" font-size="14" font-weight="bold">${esc(opts.title)}</text>`);
  subtitle.forEach((l, i) => p.push(`<text ${cls('m')} x="${LEFT}" y="${38 + i * LINE}">${esc(l)}</text>`));
  let y = 38 + subtitle.length * LINE + 8;
  const key = legend(LEFT, y, [
    { mark: 'new', text: 'pods of this workload' },
    { mark: 'old', text: 'other matching pods the constraint counts' },
    { mark: 'tie', text: 'ties' },
    { mark: 'pend', text: 'Pending' },
  ]);
  p.push(...key.markup);
  y += 24;
  for (const b of blocks) {
    p.push(`<text ${cls('t')} x="${b.x}" y="${y}" font-weight="bold">${esc(clip(b.key, Math.floor(b.width / 6.6)))}<title>${esc(b.key)}</title></text>`);
    b.domains?.forEach((d, i) => p.push(`<text ${cls('m')} x="${b.x + i * COL_W}" y="${y + 16}">${esc(clip(d || '""', 15))}<title>${esc(d)}</title></text>`));
  }
  y += 24;
  const width = Math.ceil(Math.max(520, right + LEFT, textWidth(opts.title, 14) + 2 * LEFT, key.width + 2 * LEFT));
  for (const s of steps) {
    const lines = infoLines(s);
    const rowH = 12 + lines.length * LINE;
    p.push(`<rect ${cls('box')} x="${LEFT}" y="${y}" width="${width - 2 * LEFT}" height="${rowH}" rx="4"/>`);
    lines.forEach((l, i) => p.push(`<text ${cls(l.paint)} x="${LEFT + 6}" y="${y + 16 + i * LINE}"${l.bold ? ' font-weight="bold"' : ''}>${esc(l.text)}${l.title ? `<title>${esc(l.title)}</title>` : ''}</text>`));
    for (const b of blocks) {
      if (b.domains) drawColumns(p, s, b, y + 8, maxCount);
      else drawSummary(p, s, b, y + 8);
    }
    y += rowH + 6;
  }
  const height = y + 4;
  return `${[svgOpen(width, height, opts.title), STYLE, ...p, '</svg>'].join('\n')}\n`;
}
