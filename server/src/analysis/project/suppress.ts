// Applies what the user chose to the findings of one check, the same way for the CLI and the editor
// (AnalysisSession.check calls it): the project file's severity overrides, then the directives in the
// file (comments, the kube-spread.dev/ignore annotation, directives.ts), then the project file's
// disabled codes. A suppressed finding is not dropped: it moves to `suppressed`, with what suppressed
// it, so the CLI can count and list it. A directive code that suppresses nothing gets a hint,
// lint/unused-suppression, so stale or mistyped ignores do not pile up unnoticed.
//
// The findings given are shared with the check's memo: nothing here modifies one, a changed
// severity is a copy.

import type { Finding, Severity } from '../../base/finding';
import type { ManifestDocument, ParsedFile } from '../../k8s/manifest';
import { ALL_GROUPS, sortFindings, type CheckResult, type FindingGroups } from '../check';
import { lookupByCode, matchesCode, unknownPatternProblem } from './codePatterns';
import { findDirectives, IGNORE_ANNOTATION, IGNORE_COMMENT, type Directive, type DirectiveCode } from './directives';

export const UNUSED_SUPPRESSION = 'lint/unused-suppression';

/** What moved a finding out of the results. */
export type SuppressedBy = 'comment' | 'annotation' | 'project';

export interface SuppressedFinding extends Finding {
  suppressedBy: SuppressedBy;
}

/** The project file's part in it (projectFile.ts loads them); absent: no project file. */
export interface SuppressionRules {
  disable: readonly string[];
  severity: Readonly<Record<string, Severity>>;
}

export interface SuppressOptions {
  rules?: SuppressionRules;
  /** The finding groups the check ran: a directive for a group that did not run is not "unused". */
  groups?: Partial<FindingGroups>;
  /** The documents spread/ ran for, when not all (check's `spreadFor`): a spread/ directive elsewhere is not "unused" either. */
  spreadFor?: ReadonlySet<number>;
}

export interface Suppressed {
  findings: Finding[];
  suppressed: SuppressedFinding[];
}

/** A check with the suppressions applied: `findings` are what remains, `suppressed` what was moved out. */
export interface CheckedFile extends CheckResult {
  suppressed: SuppressedFinding[];
}

function documentOf(f: Finding, documents: readonly ManifestDocument[]): number | undefined {
  if (f.document !== undefined) return f.document;
  const line = f.range.start.line;
  return documents.find((d) => d.range.start.line <= line && line <= d.range.end.line)?.index;
}

function covers(d: Directive, f: Finding, document: number | undefined): boolean {
  return 'line' in d.scope ? d.scope.line === f.range.start.line : d.scope.document === document;
}

function unusedMessage(d: Directive, c: DirectiveCode): string {
  const problem = unknownPatternProblem(c.pattern);
  const name = d.source === 'comment' ? IGNORE_COMMENT : IGNORE_ANNOTATION;
  if (problem) return `${name}: ${problem}; it suppresses nothing`;
  const where = d.source === 'annotation' ? 'this object has' : 'document' in d.scope ? 'this document has' : `line ${d.scope.line + 1} has`;
  return `${name} ${c.pattern}: ${where} no such finding to suppress (remove it, or it will hide a future one)`;
}

/** The lint/unused-suppression hints: directive codes that matched nothing, and directives naming no code. */
function unusedFindings(directives: readonly Directive[], used: ReadonlySet<DirectiveCode>, groups: FindingGroups, spreadFor: ReadonlySet<number> | undefined): Finding[] {
  const out: Finding[] = [];
  for (const d of directives) {
    if (d.codes.length === 0) {
      out.push({
        code: UNUSED_SUPPRESSION, severity: 'hint', range: d.range, document: d.document,
        message: `${d.source === 'comment' ? IGNORE_COMMENT : IGNORE_ANNOTATION} names no finding code, so it suppresses nothing (e.g. ${IGNORE_COMMENT} lint/no-constraints)`,
      });
    }
    for (const c of d.codes) {
      if (used.has(c)) continue;
      const group = c.pattern.slice(0, c.pattern.indexOf('/')) as keyof FindingGroups;
      if (groups[group] === false) continue; // not checked this time: the directive may well be needed
      if (group === 'spread' && spreadFor && (d.document === undefined || !spreadFor.has(d.document))) continue; // nor here
      out.push({ code: UNUSED_SUPPRESSION, severity: 'hint', range: c.range, document: d.document, message: unusedMessage(d, c) });
    }
  }
  return out;
}

export function applySuppressions(parsed: ParsedFile, findings: readonly Finding[], opts: SuppressOptions = {}): Suppressed {
  const groups = { ...ALL_GROUPS, ...opts.groups };
  const severities = new Map(Object.entries(opts.rules?.severity ?? {}));
  const disabled = opts.rules?.disable ?? [];
  const withSeverity = (f: Finding): Finding => {
    const s = lookupByCode(severities, f.code);
    return s && s !== f.severity ? { ...f, severity: s } : f;
  };
  const directives = findDirectives(parsed);
  const used = new Set<DirectiveCode>();
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const place = (f: Finding, by: SuppressedBy | undefined) => {
    if (by) suppressed.push({ ...f, suppressedBy: by });
    else kept.push(f);
  };

  for (const original of findings) {
    const f = withSeverity(original);
    const document = documentOf(f, parsed.documents);
    let by: SuppressedBy | undefined;
    for (const d of directives) {
      if (!covers(d, f, document)) continue;
      // Every directive covering the finding counts as used, not only the first: none of them is stale.
      for (const c of d.codes) {
        if (!matchesCode(c.pattern, f.code)) continue;
        used.add(c);
        by ??= d.source;
      }
    }
    place(f, by ?? (disabled.some((p) => matchesCode(p, f.code)) ? 'project' : undefined));
  }
  // The hints answer to the project file (severity, disable) like any finding, but not to directives.
  if (groups.lint) {
    for (const f of unusedFindings(directives, used, groups, opts.spreadFor).map(withSeverity)) {
      place(f, disabled.some((p) => matchesCode(p, f.code)) ? 'project' : undefined);
    }
  }
  sortFindings(kept);
  sortFindings(suppressed);
  return { findings: kept, suppressed };
}
