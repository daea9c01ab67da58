// Generates server/src/analysis/render/codeDocs.json from docs/codes.md: per finding code, the
// description, whether the editor offers a quick fix, and the example fragment. SARIF rules use them
// for fullDescription and help (render/sarif.ts), so docs/codes.md stays the one place this text is
// written. test/cli/sarif.test.ts fails when the JSON is stale.
//
// Usage: npx tsx scripts/gen-code-docs.ts

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CodeDoc, CodeDocsFile } from '../server/src/analysis/render/codeDocs';

const ROOT = resolve(__dirname, '..');
export const CODES_MD = resolve(ROOT, 'docs/codes.md');
export const CODE_DOCS_JSON = resolve(ROOT, 'server/src/analysis/render/codeDocs.json');

/**
 * Each `### \`code\`` section of docs/codes.md is paragraphs (the description), an optional
 * "Quick fix: ..." paragraph (the editor's fix data, not shown in SARIF) and one fenced example.
 */
export function codeDocsFromMarkdown(md: string): Record<string, CodeDoc> {
  const out: Record<string, CodeDoc> = {};
  const headings = [...md.matchAll(/^### `([^`]+)`[ \t]*$/gm)];
  for (const h of headings) {
    const start = (h.index ?? 0) + h[0].length;
    const next = md.slice(start).search(/^##/m);
    const body = next < 0 ? md.slice(start) : md.slice(start, start + next);
    const fence = /^```[a-z]*\n([\s\S]*?)^```[ \t]*$/m.exec(body);
    const prose = (fence ? body.slice(0, fence.index) + body.slice(fence.index + fence[0].length) : body)
      .split(/\n[ \t]*\n/)
      .map((p) => p.trim().replace(/\s*\n\s*/g, ' '))
      .filter(Boolean);
    const description = prose.filter((p) => !p.startsWith('Quick fix:')).join('\n\n');
    out[h[1]] = {
      description,
      ...(prose.some((p) => p.startsWith('Quick fix:')) ? { quickFix: true } : {}),
      ...(fence ? { example: fence[1].replace(/\n$/, '') } : {}),
    };
  }
  return out;
}

export function codeDocsJson(md: string): string {
  const codes = codeDocsFromMarkdown(md);
  const file: CodeDocsFile = {
    generatedBy: 'scripts/gen-code-docs.ts from docs/codes.md: do not edit',
    codes: Object.fromEntries(Object.keys(codes).sort().map((k) => [k, codes[k]])),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

if (require.main === module) {
  const json = codeDocsJson(readFileSync(CODES_MD, 'utf8'));
  writeFileSync(CODE_DOCS_JSON, json);
  console.log(`gen-code-docs: ${Object.keys((JSON.parse(json) as CodeDocsFile).codes).length} codes in ${CODE_DOCS_JSON}`);
}
