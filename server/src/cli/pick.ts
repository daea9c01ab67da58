// The workload explain and simulate work on: the session picks it (as the editor does); the CLI
// words the failure with the file name and the flag, and refuses YAML it cannot trust. The editor
// previews half-typed YAML on purpose; a command's answer must not: an unclosed `{` or a tab in the
// indentation would otherwise simulate whatever the parser recovered, with a confident exit 0.

import { type AnalysisSession, type Finding, type ParsedFile, type PickedWorkload, WorkloadPickError } from '../analysis';
import { displayName } from './inputs';
import { UsageError } from './usage';

/**
 * The YAML error that makes the answer untrustworthy: one in the picked document (`--document N`),
 * or anywhere in the file when the workload was picked for the user (the broken document may be
 * the one they meant), or one about the whole file.
 */
function syntaxError(parsed: ParsedFile, picked: PickedWorkload | undefined, documentGiven: boolean): Finding | undefined {
  const yamlErrors = parsed.findings.filter((f) => f.code.startsWith('yaml/') && f.severity === 'error');
  const fileLevel = yamlErrors.find((f) => f.document === undefined);
  if (fileLevel || !documentGiven || !picked) return fileLevel ?? yamlErrors[0];
  return yamlErrors.find((f) => f.document === picked.doc.index);
}

function at(file: string, f: Finding): string {
  return `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
}

export function pickWorkload(session: AnalysisSession, file: string, text: string, document: number | undefined): { parsed: ParsedFile; picked: PickedWorkload } {
  const name = displayName(file);
  const parsed = session.parse(text, name);
  let picked: PickedWorkload | undefined;
  let pickError: WorkloadPickError | undefined;
  try {
    picked = session.pickWorkload(parsed, { document });
  } catch (e) {
    if (!(e instanceof WorkloadPickError)) throw e;
    pickError = e;
  }
  const bad = syntaxError(parsed, picked, document !== undefined);
  if (bad) {
    const more = parsed.findings.filter((f) => f.code.startsWith('yaml/') && f.severity === 'error').length - 1;
    throw new UsageError(`${at(name, bad)}: ${bad.code}: ${bad.message}${more > 0 ? ` (and ${more} more YAML error(s): kube-spread check ${file})` : ''}`);
  }
  if (pickError || !picked) {
    const e = pickError ?? new WorkloadPickError('no Pod or workload found');
    throw new UsageError(e.at ? `${name}:${e.at.line + 1}:${e.at.character + 1}: ${e.message}` : `${name}: ${e.message}`);
  }
  return { parsed, picked };
}
