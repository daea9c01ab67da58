// kube-spread explain FILE: every filter and score of one pod on every node (contract: docs/cli.md).
// With --release, the pod is explained within its release (docs/release.md): the workloads of FILE (and
// of more FILEs or DIRs) created together, the other workloads' pods placed before it in creation order.

import { renderExplainText } from '../analysis';
import type { ParsedArgs } from './args';
import { collectFiles } from './files';
import { displayName, readInput, stdinOnce } from './inputs';
import { type Common, common, intOption, out, UsageError, warn, zeroNodeNotes } from './options';
import { pickWorkload } from './pick';

export function cmdExplain(args: ParsedArgs): number {
  const release = args.has('release');
  if (args.positionals.length === 0 || (!release && args.positionals.length !== 1)) {
    throw new UsageError('explain takes exactly one FILE (or - for standard input); with --release, more FILEs or DIRs form its release');
  }
  const [file] = args.positionals;
  stdinOnce([{ what: 'FILE', values: args.positionals }, { what: '--cluster', values: args.all('cluster') }, { what: '--scheduler-config', values: [args.one('scheduler-config')] }]);
  const document = intOption(args, 'document', 0);
  const c = common(args, file);
  if (release) return explainInRelease(args, c, document);
  const { parsed, picked } = pickWorkload(c.session, file, readInput(file), document);
  const explained = c.session.explain(parsed, picked);
  const e = { ...explained, notes: [...explained.notes, ...zeroNodeNotes(c.session)] };
  out(c.format === 'json' ? `${JSON.stringify(e, null, 2)}\n` : renderExplainText(e, c.session.nodes()));
  return e.selected.length === 0 ? 1 : 0;
}

/** --document N of the first FILE (default: its first workload), explained within the release of every FILE given. */
function explainInRelease(args: ParsedArgs, c: Common, document: number | undefined): number {
  const [first] = args.positionals;
  // The first FILE must be a file (its document is explained); the others may be directories.
  const { parsed } = pickWorkload(c.session, first, readInput(first), document);
  const others = collectFiles(args.positionals.slice(1), warn).map((f) => ({ file: displayName(f), parsed: c.session.parse(readInput(f), displayName(f)) }));
  const files = [{ file: displayName(first), parsed }, ...others];
  const focusDoc = document ?? c.session.pickWorkload(parsed).doc.index;
  const explained = c.session.explainInRelease(files, { focus: { file: 0, document: focusDoc }, podReplicas: 1 });
  const e = { ...explained, notes: [...explained.notes, ...zeroNodeNotes(c.session)] };
  out(c.format === 'json' ? `${JSON.stringify(e, null, 2)}\n` : renderExplainText(e, c.session.nodes()));
  return e.selected.length === 0 ? 1 : 0;
}
