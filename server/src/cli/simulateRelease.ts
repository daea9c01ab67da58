// kube-spread simulate with several workloads (one file holding more than one, or several files and
// directories): the release, every workload placed on one cluster in creation order (docs/release.md,
// docs/cli.md "simulate: releases"). The top-level answer is one workload's (--document N of the
// first FILE, else the first workload), placed within its release; `release` describes them all.

import { statSync } from 'node:fs';
import {
  type AnalysisSession, clusterLine, type Finding, MAX_LIMITS, type ParsedFile, type ReleaseFile, type ReleaseOrder, renderReleaseText, renderSimulateText,
  renderReleaseSvg, renderSimulationSvg, stackSvgs, WhatIfError, type WhatIfRequest, WorkloadPickError,
} from '../analysis';
import type { ParsedArgs } from './args';
import { collectFiles } from './files';
import { displayName, readInput } from './inputs';
import { type Common, out, UsageError, warn, zeroNodeNotes } from './options';

interface ReleaseInput {
  /** --document: a document of the first file. */
  document?: number;
  replicas?: number;
  order?: ReleaseOrder;
  format: string;
  /** --at-max: HorizontalPodAutoscaler targets at maxReplicas. */
  atMax: boolean;
}

function isDirectory(p: string): boolean {
  try {
    return p !== '-' && statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * What `simulate FILE [FILE or DIR...]` simulates. Several workloads form a release: it is simulated
 * and written here, and the exit code returned. Otherwise the one file to pick the workload from, as
 * before: the only FILE as given, or the first file holding a workload. A what-if (--rollout,
 * --scale-to, --without-domain) simulates its workload alone, so it takes one FILE.
 */
export function releaseOrSingle(args: ParsedArgs, c: Common, opts: { document?: number; replicas?: number }): number | { file: string; text: string } {
  const whatIf = args.has('rollout') || args.one('scale-to') !== undefined || args.one('without-domain') !== undefined;
  const [first] = args.positionals;
  const several = args.positionals.length > 1 || isDirectory(first);
  if (several && whatIf) {
    // Losing a domain concerns every workload of the files: the whole release is re-placed.
    const domainOnly = !args.has('rollout') && args.one('scale-to') === undefined;
    if (domainOnly) return domainLossInRelease(args, c, { document: opts.document, req: { withoutDomain: args.one('without-domain'), domainLoss: args.one('domain-loss') } });
    throw new UsageError('--rollout and --scale-to simulate one workload: give one FILE, or --release to run them while the other workloads of the files run');
  }
  const inputs = (several ? collectFiles(args.positionals, warn) : [first]).map((file) => ({ file, text: readInput(file) }));
  const parsedFiles = inputs.map(({ file, text }) => ({ file: displayName(file), parsed: c.session.parse(text, displayName(file)) }));
  // With --document N the other documents are only the background: one the parser could not read is
  // left out (and said so) rather than refusing the answer about N, as for a workload alone.
  const left: string[] = [];
  const release = opts.document === undefined ? parsedFiles : parsedFiles.map((f) => withoutBrokenDocuments(f, left));
  const workloads = c.session.releaseWorkloads(release, { podReplicas: 1, atMax: args.has('at-max') });
  // --document N that is no workload of the release (missing, not a workload, broken YAML) is refused
  // as for a workload alone, with pick.ts's words.
  const focusOk = opts.document === undefined || workloads.some((w) => w.fileIndex === 0 && w.doc.index === opts.document);
  if (!whatIf && focusOk && workloads.length > 1) {
    for (const f of release) refuseBrokenYaml(f.file, f.parsed);
    const input = { ...opts, order: args.one('order') as ReleaseOrder | undefined, format: c.format, atMax: args.has('at-max') };
    return simulateRelease(c.session, release, input, [...left, ...zeroNodeNotes(c.session)]);
  }
  const at = parsedFiles.findIndex((f) => c.session.releaseWorkloads([f]).length > 0);
  const single = inputs[Math.max(0, at)];
  if (!single) throw new UsageError(`${args.positionals.map(displayName).join(', ')}: no *.yaml, *.yml or *.json file`);
  return single;
}

const yamlErrors = (parsed: ParsedFile) => parsed.findings.filter((f: Finding) => f.code.startsWith('yaml/') && f.severity === 'error');

/** The file without the documents that hold a YAML error; `notes` hears which were left out. */
function withoutBrokenDocuments(f: ReleaseFile, notes: string[]): ReleaseFile {
  const broken = new Set(yamlErrors(f.parsed).map((e) => e.document).filter((d) => d !== undefined));
  if (broken.size === 0) return f;
  for (const d of broken) notes.push(`${f.file}: document ${d} has a YAML error and is left out of the release`);
  return { file: f.file, parsed: { ...f.parsed, documents: f.parsed.documents.filter((d) => !broken.has(d.index)) } };
}

/** A simulation trusts no YAML it cannot read: the first error of any file, with where it is (as pick.ts words it). */
function refuseBrokenYaml(name: string, parsed: ParsedFile): void {
  const present = new Set(parsed.documents.map((d) => d.index));
  const errors = yamlErrors(parsed).filter((f) => f.document === undefined || present.has(f.document));
  if (errors.length === 0) return;
  const bad = errors[0];
  const more = errors.length - 1;
  throw new UsageError(`${name}:${bad.range.start.line + 1}:${bad.range.start.character + 1}: ${bad.code}: ${bad.message}${more > 0 ? ` (and ${more} more YAML error(s): kube-spread check ${name})` : ''}`);
}

function simulateRelease(session: AnalysisSession, release: ReleaseFile[], input: ReleaseInput, extraNotes: string[]): number {
  let s;
  try {
    s = session.simulateRelease(release, {
      focus: input.document === undefined ? undefined : { file: 0, document: input.document },
      replicas: input.replicas, order: input.order, podReplicas: 1, atMax: input.atMax,
    });
  } catch (e) {
    if (!(e instanceof WorkloadPickError)) throw e;
    const where = input.document === undefined ? release.map((f) => f.file).join(', ') : release[0].file;
    throw new UsageError(`${where}: ${e.message}`);
  }
  const focus = session.releaseWorkloads(release, { podReplicas: 1, atMax: input.atMax })[s.release.focus];
  const requested = input.replicas ?? (focus.spec.kind === 'DaemonSet' ? undefined : focus.spec.replicas ?? 1);
  const cap = requested !== undefined && requested > s.workload.replicas ? { requested, simulated: s.workload.replicas } : undefined;
  const answer = { ...s, notes: [...s.notes, ...extraNotes], ...(cap ? { replicaLimit: { ...cap, limit: MAX_LIMITS.maxReplicas } } : {}) };
  if (input.format === 'json') out(`${JSON.stringify(answer, null, 2)}\n`);
  else if (input.format === 'svg') {
    // Every workload in one picture, one colour each; --document N draws that workload in detail, as the text does.
    out(input.document === undefined ? renderReleaseSvg(answer, { nodes: session.nodes() }) : renderSimulationSvg(answer, { nodes: session.nodes() }));
  }
  else if (input.document !== undefined) out(renderSimulateText(answer, session.nodes(), cap) + renderReleaseText(answer.release));
  else {
    // The release as a whole: one row per workload; --document N shows one workload in detail.
    const head = [clusterLine(answer.cluster), `Kubernetes ${answer.kubernetes.version} · profile ${answer.kubernetes.profile}`].join('\n');
    out(`${head}\n${renderReleaseText(answer.release)}${answer.notes.map((n) => `note: ${n}\n`).join('')}`);
  }
  // --document asks about one workload; otherwise the release is the answer: any Pending replica fails it.
  const pending = input.document === undefined ? answer.release.workloads.some((w) => w.pending > 0) : answer.pending.length > 0;
  return pending ? 1 : 0;
}

/**
 * `simulate FILE [FILE or DIR...] --release --rollout|--scale-to M`: the what-if of --document N of the
 * first FILE (default: its first workload) while the other workloads of the files run (docs/release.md).
 * The top-level fields are the workload within its release (as `simulate` of a release with --document),
 * the what-if's objects beside them, and `whatIfRelease.running` names the workloads running meanwhile.
 */
export function whatIfInRelease(args: ParsedArgs, c: Common, opts: { document?: number; req: WhatIfRequest }): number {
  const files = (args.positionals.length > 1 || isDirectory(args.positionals[0]) ? collectFiles(args.positionals, warn) : [args.positionals[0]])
    .map((file) => ({ file: displayName(file), parsed: c.session.parse(readInput(file), displayName(file)) }));
  for (const f of files) refuseBrokenYaml(f.file, f.parsed);
  const focusDoc = opts.document ?? c.session.releaseWorkloads([files[0]], { podReplicas: 1 })[0]?.doc.index;
  if (focusDoc === undefined) throw new UsageError(`${files[0]?.file ?? args.positionals[0]}: no Pod or workload found`);
  let s;
  let w;
  try {
    s = c.session.simulateRelease(files, { focus: { file: 0, document: focusDoc }, podReplicas: 1, replicas: opts.req.replicas });
    w = c.session.whatIfInRelease(files, { file: 0, document: focusDoc }, opts.req);
  } catch (e) {
    if (e instanceof WorkloadPickError || e instanceof WhatIfError) throw new UsageError(`${files[0].file}: ${e.message}`);
    throw e;
  }
  const running = w.running.length ? w.running.join(', ') : 'none';
  const note = `what-if within the release: the other workloads run meanwhile: ${running}`;
  const answer = { ...s, notes: [...s.notes, note, ...zeroNodeNotes(c.session)], ...w.json, whatIfRelease: { running: w.running } };
  if (c.format === 'json') out(`${JSON.stringify(answer, null, 2)}\n`);
  else if (c.format === 'svg') out(stackSvgs(w.svg.map((x) => x.svg), `what-ifs of ${s.workload.name} within its release`));
  else out(renderSimulateText(answer, c.session.nodes()) + w.text);
  return s.pending.length > 0 || w.pending ? 1 : 0;
}

/**
 * `simulate FILES... --without-domain KEY=VALUE` (or one FILE with --release): the release placed, the
 * domain lost, every workload's lost pods replaced together (docs/release.md). The top-level fields are
 * the release's simulation (as `simulate` of several workloads), `releaseDomainLoss` the loss.
 */
export function domainLossInRelease(args: ParsedArgs, c: Common, opts: { document?: number; req: WhatIfRequest }): number {
  const files = (args.positionals.length > 1 || isDirectory(args.positionals[0]) ? collectFiles(args.positionals, warn) : [args.positionals[0]])
    .map((file) => ({ file: displayName(file), parsed: c.session.parse(readInput(file), displayName(file)) }));
  for (const f of files) refuseBrokenYaml(f.file, f.parsed);
  if (c.format === 'svg') throw new UsageError('--format svg draws no domain loss within a release: use --format text or json');
  const atMax = args.has('at-max');
  let s;
  let d;
  try {
    s = c.session.simulateRelease(files, {
      focus: opts.document === undefined ? undefined : { file: 0, document: opts.document }, podReplicas: 1, replicas: opts.req.replicas, order: args.one('order') as ReleaseOrder | undefined, atMax,
    });
    d = c.session.domainLossInRelease(files, { withoutDomain: opts.req.withoutDomain!, domainLoss: opts.req.domainLoss, podReplicas: 1, atMax });
  } catch (e) {
    if (e instanceof WorkloadPickError || e instanceof WhatIfError) throw new UsageError(`${files.map((f) => f.file).join(', ')}: ${e.message}`);
    throw e;
  }
  const answer = { ...s, notes: [...s.notes, ...zeroNodeNotes(c.session)], releaseDomainLoss: d.json };
  if (c.format === 'json') out(`${JSON.stringify(answer, null, 2)}\n`);
  else {
    const head = [clusterLine(answer.cluster), `Kubernetes ${answer.kubernetes.version} · profile ${answer.kubernetes.profile}`].join('\n');
    out(`${head}\n${renderReleaseText(answer.release)}${d.text}${answer.notes.map((n) => `note: ${n}\n`).join('')}`);
  }
  return answer.release.workloads.some((w) => w.pending > 0) || d.pending ? 1 : 0;
}
