// kube-spread simulate FILE: N replicas one after another, and the what-ifs (--rollout, --scale-to,
// --without-domain) on the same workload (contract: docs/cli.md, docs/whatif.md).

import { type AnalysisSession, MAX_LIMITS, type PickedWorkload, renderSimulationSvg, type SimulateJson, wantsWhatIf, WhatIfError, type WhatIfRequest, renderSimulateText, type ReplicaCap } from '../analysis';
import type { ParsedArgs } from './args';
import { readInput, stdinOnce } from './inputs';
import { common, intOption, out, UsageError, zeroNodeNotes } from './options';
import { pickWorkload } from './pick';

/** More replicas asked (by --replicas or the manifest) than the simulation places; DaemonSets count nodes instead. */
function replicaCap(picked: PickedWorkload, replicas: number | undefined, s: SimulateJson): ReplicaCap | undefined {
  const requested = replicas ?? (picked.spec.kind === 'DaemonSet' ? undefined : picked.spec.replicas ?? 1);
  return requested !== undefined && requested > s.workload.replicas ? { requested, simulated: s.workload.replicas } : undefined;
}

export function cmdSimulate(args: ParsedArgs): number {
  if (args.positionals.length !== 1) throw new UsageError('simulate takes exactly one FILE (or - for standard input)');
  const [file] = args.positionals;
  stdinOnce([{ what: 'FILE', values: [file] }, { what: '--cluster', values: args.all('cluster') }, { what: '--scheduler-config', values: [args.one('scheduler-config')] }]);
  const document = intOption(args, 'document', 0);
  const replicas = intOption(args, 'replicas', 0);
  const scaleTo = intOption(args, 'scale-to', 0);
  const c = common(args);
  const { picked } = pickWorkload(c.session, file, readInput(file), document);
  const simulated = c.session.simulate(picked, { replicas });
  const cap = replicaCap(picked, replicas, simulated);
  // Added fields only (docs/cli.md): the cap, and the zero-node note.
  const s: SimulateJson & { replicaLimit?: { requested: number; simulated: number; limit: number } } = {
    ...simulated, notes: [...simulated.notes, ...zeroNodeNotes(c.session)],
    ...(cap ? { replicaLimit: { ...cap, limit: MAX_LIMITS.maxReplicas } } : {}),
  };
  const req: WhatIfRequest = { replicas, rollout: args.has('rollout'), compare: !args.has('no-compare'), scaleTo, withoutDomain: args.one('without-domain'), domainLoss: args.one('domain-loss') };
  if (wantsWhatIf(req)) {
    let w;
    try {
      w = c.session.whatIf(picked, req);
    } catch (e) {
      if (e instanceof WhatIfError) throw new UsageError(e.message);
      throw e;
    }
    if (c.format === 'json') out(`${JSON.stringify({ ...s, ...w.json }, null, 2)}\n`);
    else if (c.format === 'svg') out(w.svg.map((x) => x.svg).join(''));
    else out(renderSimulateText(s, c.session.nodes(), cap) + w.text);
    return s.pending.length > 0 || w.pending ? 1 : 0;
  }
  if (c.format === 'json') out(`${JSON.stringify(s, null, 2)}\n`);
  else if (c.format === 'svg') out(renderSimulationSvg(s, { nodeDomains: nodeDomains(c.session, Object.keys(s.distribution)[0]) }));
  else out(renderSimulateText(s, c.session.nodes(), cap));
  return s.pending.length > 0 ? 1 : 0;
}

/** Each node's value of the picture's topology key (undefined: the node lacks it). */
function nodeDomains(session: AnalysisSession, key: string | undefined): Record<string, string | undefined> {
  const m: Record<string, string | undefined> = {};
  for (const n of session.nodes()) m[n.name] = key ? n.labels[key] : undefined;
  return m;
}
