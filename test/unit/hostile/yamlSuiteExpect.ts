// Where kube-spread's YAML reading (yaml 2.9, YAML 1.1 mode as kubectl) and the official suite
// disagree. Kept exact: a case leaving or joining these lists fails the tests, so a parser upgrade
// that fixes one is noticed.

/** Invalid per the suite, but no yaml/ error is reported. */
export const KNOWN_MISSED: Record<string, string> = {
  '9MMA': 'a %YAML directive with no document after it is accepted',
  SF5V: 'a repeated %YAML directive is accepted',
  QLJ7: 'a tag handle declared for another document is reported as a yaml/warning (unresolved tag), not an error',
};

/** Valid per the suite, but a yaml/ error is reported. */
export const KNOWN_SPURIOUS: Record<string, string> = {
  '2JQS': 'two empty (null) keys in one mapping are reported as a duplicate key, as kubectl does',
};

/** Whether findings (or diagnostics) include a yaml/ error: the server's "this is invalid YAML". */
export function hasYamlError(findings: { code?: unknown; severity?: unknown }[]): boolean {
  return findings.some((f) => String(f.code).startsWith('yaml/') && (f.severity === 'error' || f.severity === 1));
}
