// Small pieces shared by the SVG pictures (svg.ts, whatif.ts): escaping, text width, the shared
// stylesheet and legend, and stacking several pictures into one SVG document.
//
// Every picture is plain drawing markup (svg, g, style, title, text, rect, circle, line): no script,
// no link, no style attribute, no comment, so the editor's webviews can inline it under a strict CSP
// (client/src/whatIfHtml.ts safeSvg), and it is well-formed XML with one root in the SVG namespace,
// so any viewer opens the file the CLI writes.

export const SVG_NS = 'http://www.w3.org/2000/svg';

export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Roughly how wide a line of 12px sans-serif text is. */
export const textWidth = (s: string, fontSize = 12): number => Math.ceil(s.length * fontSize * 0.6);

/** `s` cut to `max` characters with an ellipsis. */
export const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Splits text into lines of at most `width` characters at spaces. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(' ')) {
    if (cur && cur.length + 1 + word.length > width) {
      lines.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(cur);
  return lines;
}

/** Theme colours from the editor when inlined in a webview, plain colours in a file. */
export const STYLE = '<style>.t{fill:var(--vscode-foreground,#222)}.m{fill:var(--vscode-descriptionForeground,#666)}'
  + '.box{fill:var(--vscode-editorWidget-background,#f4f4f4);stroke:var(--vscode-panel-border,#ccc)}'
  + '.new{fill:var(--vscode-charts-blue,#3178c6)}.old{fill:none;stroke:var(--vscode-charts-blue,#3178c6);stroke-width:1.5}'
  + '.pend{fill:var(--vscode-charts-red,#d33)}.bad{fill:var(--vscode-charts-orange,#d80)}</style>';

/**
 * The same colours as presentation attributes: a viewer without CSS custom properties (librsvg,
 * Inkscape) drops the stylesheet's declarations and uses these; in a webview the class wins.
 */
const PAINT = {
  t: 'fill="#222"', m: 'fill="#666"', box: 'fill="#f4f4f4" stroke="#ccc"', new: 'fill="#3178c6"',
  old: 'fill="none" stroke="#3178c6" stroke-width="1.5"', pend: 'fill="#d33"', bad: 'fill="#d80"',
} as const;

export type Paint = keyof typeof PAINT;

/** `class="box" fill="…" stroke="…"`: the theme class and its plain colours. */
export const cls = (name: Paint): string => `class="${name}" ${PAINT[name]}`;

/** The opening tag of a root picture. */
export function svgOpen(width: number, height: number, label: string): string {
  return `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img" aria-label="${esc(label)}">`;
}

export interface LegendEntry {
  mark: 'new' | 'old' | 'tie' | 'pend';
  text: string;
}

/** One line of legend at (x, y): a mark and its meaning per entry; returns the markup and its width. */
export function legend(x: number, y: number, entries: readonly LegendEntry[]): { markup: string[]; width: number } {
  const out: string[] = [];
  let at = x;
  for (const e of entries) {
    if (e.mark === 'new') out.push(`<circle ${cls('new')} cx="${at + 5}" cy="${y - 4}" r="4"/>`);
    else if (e.mark === 'old') out.push(`<circle ${cls('old')} cx="${at + 5}" cy="${y - 4}" r="3.5"/>`);
    else if (e.mark === 'tie') out.push(`<text ${cls('t')} x="${at + 1}" y="${y}" font-weight="bold">*</text>`);
    else out.push(`<text ${cls('pend')} x="${at}" y="${y}" font-weight="bold">!</text>`);
    out.push(`<text ${cls('m')} x="${at + 14}" y="${y}">${esc(e.text)}</text>`);
    at += 14 + textWidth(e.text) + 18;
  }
  return { markup: out, width: at - x };
}

const ROOT_SIZE = /^<svg\b[^>]*?\swidth="(\d+(?:\.\d+)?)"[^>]*?\sheight="(\d+(?:\.\d+)?)"/;

/**
 * Several pictures as ONE SVG document: each becomes a nested <svg> placed below the previous one
 * inside a single root (a file with two roots is not XML, and no viewer opens it). A single picture
 * is returned as it is.
 */
export function stackSvgs(pictures: readonly string[], label: string, gap = 16): string {
  if (pictures.length === 1) return pictures[0];
  const placed: string[] = [];
  let y = 0;
  let width = 0;
  for (const p of pictures) {
    const svg = p.trim();
    const size = ROOT_SIZE.exec(svg);
    const w = size ? Number(size[1]) : 0;
    const h = size ? Number(size[2]) : 0;
    // The nested root keeps its own viewBox and size; x/y place it in the document.
    placed.push(svg.replace(/^<svg\b/, `<svg x="0" y="${y}"`));
    y += h + gap;
    width = Math.max(width, w);
  }
  const height = Math.max(0, y - gap);
  return `${svgOpen(width, height, label)}\n${placed.join('\n')}\n</svg>\n`;
}
