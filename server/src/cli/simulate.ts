// kube-spread simulate FILE: N replicas one after another, and the what-ifs (--rollout, --scale-to,
// --without-domain) on the same workload (contract: docs/cli.md, docs/whatif.md). Several workloads
// (in FILE, or in several FILEs and DIRs) are simulated together as a release (simulateRelease.ts).

import { MAX_LIMITS, type PickedWorkload, renderSimulationSvg, type SimulateJson, stackSvgs, wantsWhatIf, WhatIfError, type WhatIfRequest, renderSimulateText, type ReplicaCap } from '../analysis';
import type { ParsedArgs } from './args';
import { stdinOnce } from './inputs';
import { common, intOption, out, UsageError, zeroNodeNotes } from './options';
import { pickWorkload } from './pick';
import { domainLossInRelease, releaseOrSingle, whatIfInRelease } from './simulateRelease';

/** More replicas asked (by --replicas or the manifest) than the simulation places; DaemonSets count nodes instead. */
function replicaCap(picked: PickedWorkload, replicas: number | undefined, s: SimulateJson): ReplicaCap | undefined {
  const requested = replicas ?? (picked.spec.kind === 'DaemonSet' ? undefined : picked.spec.replicas ?? 1);
  return requested !== undefined && requested > s.workload.replicas ? { requested, simulated: s.workload.replicas } : undefined;
}

export function cmdSimulate(args: ParsedArgs): number {
  if (args.positionals.length === 0) throw new UsageError('simulate takes a FILE (or - for standard input); more FILEs or DIRs simulate their workloads together');
  const [file] = args.positionals;
  stdinOnce([{ what: 'FILE', values: args.positionals }, { what: '--cluster', values: args.all('cluster') }, { what: '--scheduler-config', values: [args.one('scheduler-config')] }]);
  const document = intOption(args, 'document', 0);
  const replicas = intOption(args, 'replicas', 0);
  const scaleTo = intOption(args, 'scale-to', 0);
  const c = common(args, file);
  if (args.has('release')) {
    const req: WhatIfRequest = { replicas, rollout: args.has('rollout'), compare: !args.has('no-compare'), scaleTo, withoutDomain: args.one('without-domain'), domainLoss: args.one('domain-loss') };
    if (!wantsWhatIf(req)) throw new UsageError('--release goes with --rollout, --scale-to or --without-domain (simulate of several workloads is a release already)');
    if (req.withoutDomain !== undefined) {
      if (req.rollout || req.scaleTo !== undefined) throw new UsageError('--without-domain with --release re-places the whole release: run it apart from --rollout and --scale-to');
      return domainLossInRelease(args, c, { document, req });
    }
    return whatIfInRelease(args, c, { document, req });
  }
  const single = releaseOrSingle(args, c, { document, replicas });
  if (typeof single === 'number') return single;
  const { picked, parsed } = pickWorkload(c.session, single.file, single.text, document);
  // A HorizontalPodAutoscaler of the file scaling the workload sets its replicas (docs/release.md), unless --replicas does.
  const scaled = replicas === undefined ? c.session.autoscaled([{ file: single.file, parsed }], picked, args.has('at-max')) : undefined;
  const simulated = c.session.simulate(picked, { replicas: scaled?.replicas ?? replicas });
  if (scaled) simulated.notes = [...simulated.notes, `${scaled.replicas} replica(s): ${scaled.why}`];
  const cap = replicaCap(picked, scaled?.replicas ?? replicas, simulated);
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
    else if (c.format === 'svg') out(stackSvgs(w.svg.map((x) => x.svg), `what-ifs of ${s.workload.name}`)); // one document, one root
    else out(renderSimulateText(s, c.session.nodes(), cap) + w.text);
    return s.pending.length > 0 || w.pending ? 1 : 0;
  }
  if (c.format === 'json') out(`${JSON.stringify(s, null, 2)}\n`);
  else if (c.format === 'svg') out(renderSimulationSvg(s, { nodes: c.session.nodes() }));
  else out(renderSimulateText(s, c.session.nodes(), cap));
  return s.pending.length > 0 ? 1 : 0;
}
