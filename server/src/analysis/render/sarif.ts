// SARIF 2.1.0 for code-scanning upload (`kube-spread check --format sarif`).

import type { Finding } from '../../base/finding';
import { describeCode } from './codes';

export interface FileFindings {
  file: string;
  findings: Finding[];
}

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export function toSarif(files: FileFindings[], version: string): object {
  const ruleIds = [...new Set(files.flatMap((f) => f.findings.map((x) => x.code)))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kube-spread',
            version,
            informationUri: 'https://github.com/kube-spread/kube-spread',
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: describeCode(id) },
              helpUri: `https://github.com/kube-spread/kube-spread/blob/main/docs/codes.md#${id.replace(/[^a-z0-9-]+/gi, '').toLowerCase()}`,
            })),
          },
        },
        results: files.flatMap(({ file, findings }) =>
          findings.map((f) => ({
            ruleId: f.code,
            ruleIndex: ruleIds.indexOf(f.code),
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: file.split('\\').join('/') },
                  region: {
                    startLine: f.range.start.line + 1,
                    startColumn: f.range.start.character + 1,
                    endLine: f.range.end.line + 1,
                    endColumn: f.range.end.character + 1,
                  },
                },
                ...(f.path ? { logicalLocations: [{ fullyQualifiedName: f.path, kind: 'member' }] } : {}),
              },
            ],
          })),
        ),
      },
    ],
  };
}
