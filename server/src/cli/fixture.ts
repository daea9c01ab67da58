// kube-spread fixture: what the engine sees in a cluster fixture (nodes, zones, taints, problems).

import { editDistance, renderFixtureText } from '../analysis';
import type { ParsedArgs } from './args';
import { stdinOnce } from './inputs';
import { common, out, UsageError } from './options';

export function cmdFixture(args: ParsedArgs): number {
  const [extra] = args.positionals;
  if (extra !== undefined && editDistance(extra, 'capture') <= 2) throw new UsageError(`fixture has no subcommand "${extra}" (did you mean capture?)`);
  if (extra !== undefined) throw new UsageError(`fixture takes no FILE ("${extra}"); use --cluster FIXTURE`);
  stdinOnce([{ what: '--cluster', values: args.all('cluster') }]);
  const c = common(args);
  const f = c.session.fixture;
  const rows = c.session.nodeTable();
  if (c.format === 'json') {
    // `cluster` as every other command prints it (docs/cli.md); the fixture's own fields follow.
    out(`${JSON.stringify({ cluster: c.session.clusterInfo(), source: f.source, embedded: f.embedded, files: f.files, summary: f.summary, nodes: rows, problems: f.problems }, null, 2)}\n`);
    return 0;
  }
  out(renderFixtureText({ cluster: c.session.clusterInfo(), rows, topologyKeys: f.summary.topologyKeys, problems: f.problems, policy: f.summary }));
  return 0;
}
