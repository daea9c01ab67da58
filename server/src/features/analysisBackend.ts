// Picks the analysis implementation. TEMPORARY: server/src/analysis.ts (the lead's) has not landed
// yet, so this stub reports YAML syntax errors only and refuses simulate/explain. When it lands,
// replace the stub below with an adapter over it; nothing else in the server changes.

import { LineCounter, parseAllDocuments } from 'yaml';
import type { Finding } from '../validation/findings';
import { AnalysisUnavailable, type AnalysisPort } from './analysisPort';

const NOT_YET = 'simulation needs the analysis module (server/src/analysis.ts), which is not wired in yet';

export const analysis: AnalysisPort = {
  name: 'stub (YAML syntax only)',
  analyzeText(text) {
    const lc = new LineCounter();
    const findings: Finding[] = [];
    parseAllDocuments(text, { lineCounter: lc, prettyErrors: false }).forEach((doc, document) => {
      for (const e of doc.errors) {
        const [a, b] = e.pos;
        const s = lc.linePos(a);
        const t = lc.linePos(Math.max(a, b));
        findings.push({
          code: `yaml/${e.code}`,
          severity: 'error',
          message: e.message.split('\n')[0],
          document,
          range: { start: { line: s.line - 1, character: s.col - 1 }, end: { line: t.line - 1, character: t.col - 1 } },
        });
      }
    });
    return { findings };
  },
  simulateDocument() {
    throw new AnalysisUnavailable(NOT_YET);
  },
  explainDocument() {
    throw new AnalysisUnavailable(NOT_YET);
  },
};
