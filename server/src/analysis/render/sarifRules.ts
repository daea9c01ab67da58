// One SARIF rule (reportingDescriptor) per finding code: the one-line description from codes.ts,
// the longer description and the example from docs/codes.md (codeDocs.ts), the most severe level
// the code is reported at, and the code's group as a tag.
//
// No informationUri or helpUri: both must be absolute URIs and kube-spread has no public
// documentation URL yet (an invented one would be a dead link in every alert; a file: URI into one
// machine's checkout helps nobody reading the alert elsewhere). The help text names docs/codes.md.

import type { Severity } from '../../base/finding';
import { codeDoc } from './codeDocs';
import { codeGroup, describeCode, highestSeverity } from './codes';
import type { SarifLevel, SarifRule } from './sarifTypes';

export const SARIF_LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

const QUICK_FIX = 'The kube-spread editor extension offers a quick fix for it.';

export function sarifRule(code: string): SarifRule {
  const doc = codeDoc(code);
  const description = doc?.description ?? `${describeCode(code)}.`;
  const markdown = [
    description,
    ...(doc?.quickFix ? [QUICK_FIX] : []),
    ...(doc?.example ? [`A fragment that triggers it:\n\n\`\`\`yaml\n${doc.example}\n\`\`\``] : []),
    `kube-spread documents every finding code in \`docs/codes.md\` (section \`${code}\`).`,
  ].join('\n\n');
  const text = [
    plain(description),
    ...(doc?.quickFix ? [QUICK_FIX] : []),
    ...(doc?.example ? [`A fragment that triggers it:\n\n${doc.example.replace(/^/gm, '    ')}`] : []),
    `kube-spread documents every finding code in docs/codes.md (section ${code}).`,
  ].join('\n\n');
  return {
    id: code,
    shortDescription: { text: describeCode(code) },
    fullDescription: { text: plain(description), markdown: description },
    help: { text, markdown },
    defaultConfiguration: { level: SARIF_LEVEL[highestSeverity(code)] },
    properties: { tags: ['kubernetes', codeGroup(code)] },
  };
}

/** docs/codes.md prose as plain text: code spans and links lose their markup, keep their words. */
function plain(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`([^`]*)`/g, '$1');
}
