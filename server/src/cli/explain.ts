// kube-spread explain FILE: every filter and score of one pod on every node (contract: docs/cli.md).

import { renderExplainText } from '../analysis';
import type { ParsedArgs } from './args';
import { readInput, stdinOnce } from './inputs';
import { common, intOption, out, UsageError, zeroNodeNotes } from './options';
import { pickWorkload } from './pick';

export function cmdExplain(args: ParsedArgs): number {
  if (args.positionals.length !== 1) throw new UsageError('explain takes exactly one FILE (or - for standard input)');
  const [file] = args.positionals;
  stdinOnce([{ what: 'FILE', values: [file] }, { what: '--cluster', values: args.all('cluster') }, { what: '--scheduler-config', values: [args.one('scheduler-config')] }]);
  const document = intOption(args, 'document', 0);
  const c = common(args, file);
  const { parsed, picked } = pickWorkload(c.session, file, readInput(file), document);
  const explained = c.session.explain(parsed, picked);
  const e = { ...explained, notes: [...explained.notes, ...zeroNodeNotes(c.session)] };
  out(c.format === 'json' ? `${JSON.stringify(e, null, 2)}\n` : renderExplainText(e, c.session.nodes()));
  return e.selected.length === 0 ? 1 : 0;
}
