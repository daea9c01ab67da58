// kube-spread check [FILES or DIRS...]: every finding of every file, as text, JSON or SARIF
// (contract: docs/cli.md). The findings are the editor's: both come from AnalysisSession.check.

import {
  type AnalysisSession, type CheckedFile, clusterLine, type Finding, nearestMinor, type ProjectConfig, type ReleaseMembership, releaseFilesFor, SEVERITY_ORDER, type Severity, toSarif,
} from '../analysis';
import { type ParsedArgs, parseCommandLine } from './args';
import { type CheckInput, releasesOf } from './checkReleases';
import { type CheckWorkerInput, checkOnThreads, type FileOutcome, runCheckWorker, threadCount } from './checkThreads';
import { collectFiles } from './files';
import { displayName, readInput, stdinOnce } from './inputs';
import { common, intOption, muteWarnings, out, UsageError, warn } from './options';
import { findRepositoryRoot } from './repositoryRoot';
import { CHECK, COMMANDS } from './specs';
import { VERSION } from './version';

interface FileResult extends FileOutcome {
  file: string;
  /** The least severe level that fails the run for this file's findings (--fail-on, else its project file's failOn). */
  failOn: Severity;
  /** The release its workloads were simulated in (two workloads or more); `explicit`: formed by --release or the project file. */
  release?: ReleaseMembership & { explicit: boolean };
}

/** Nothing was read at all: no document with content and not one finding (an empty file, stdin, folder). */
function checkedNothing(results: FileResult[]): boolean {
  return results.every((r) => r.findings.length === 0 && r.suppressed.length === 0 && r.empty);
}

function failing(r: FileResult): boolean {
  return r.findings.some((f) => SEVERITY_ORDER[f.severity] <= SEVERITY_ORDER[r.failOn]);
}

/** One finding as `check --format json` writes it (docs/cli.md). */
function jsonDiagnostic(file: string, f: Finding): Record<string, unknown> {
  return {
    file, document: f.document, range: f.range, severity: f.severity, code: f.code, source: 'kube-spread',
    // `path` only for a finding about one field; `data` only where the finding carries one (quick fixes, details).
    ...(f.path ? { path: f.path } : {}), message: f.message,
    ...(f.data !== undefined ? { data: f.data } : {}),
    ...(f.related?.length ? { related: f.related.map((x) => ({ message: x.message, range: x.range, ...(x.file ? { file: x.file } : {}) })) } : {}),
  };
}

function emptyInputMessage(inputs: string[], files: string[]): string {
  const what = inputs.map(displayName).join(', ');
  const why = files.length === 0 ? `no *.yaml, *.yml or *.json file in ${what}` : `${what}: no YAML or JSON document`;
  return `nothing to check: ${why} (pass --allow-empty if that is expected)`;
}

export function cmdCheck(args: ParsedArgs, argv: readonly string[] = []): number | Promise<number> {
  const inputs = args.positionals.length ? args.positionals : ['.'];
  stdinOnce([{ what: 'FILE', values: inputs }, { what: '--cluster', values: args.all('cluster') }, { what: '--scheduler-config', values: [args.one('scheduler-config')] }]);
  const files = collectFiles(inputs, warn);
  const jobs = intOption(args, 'jobs', 1);
  const c = common(args, inputs[0]);
  const failOn = args.one('fail-on') as Severity | undefined;
  // Each file answers to its own project file (the nearest one), as in the editor; --config: one for all.
  const projects = files.map((file) => c.projects.forFile(file));
  const resultOf = (i: number, { release, ...o }: FileOutcome, explicit: boolean): FileResult => ({
    ...o, file: displayName(files[i]), failOn: failOn ?? projects[i]?.failOn ?? 'error',
    ...(release ? { release: { ...release, explicit } } : {}),
  });
  const threads = independentFiles(args, files, projects) ? threadCount(jobs, files.length) : 1;
  if (threads > 1) {
    const checkOne = (i: number): FileOutcome => checkAlone(c.session, files[i], projects[i], args.has('at-max'));
    return checkOnThreads([...argv], files, threads, checkOne)
      .then((outcomes) => report(args, c.session, c.format, inputs, files, outcomes.map((o, i) => resultOf(i, withFileReleaseId(o, i), false))));
  }
  const checked: CheckInput[] = files.map((file, i) => {
    const name = displayName(file);
    return { file, name, parsed: c.session.parseOnce(readInput(file), name), project: projects[i] };
  });
  const releases = releasesOf(c.session, checked, args.has('release'));
  const results = checked.map(({ name, parsed, project }, i) => {
    const release = releases[i];
    const r = c.session.check(parsed, {
      fileName: name, project, atMax: args.has('at-max'), once: true, ...(release ? { release: { files: release.files, self: release.self } } : {}),
    });
    return resultOf(i, outcomeOf(r), release !== undefined);
  });
  return report(args, c.session, c.format, inputs, files, results);
}

/** What check keeps of a file's check (everything but the parsed documents). */
function outcomeOf(r: CheckedFile): FileOutcome {
  return {
    findings: r.findings, suppressed: r.suppressed, documents: r.parsed.documents.length, empty: r.parsed.documents.every((d) => d.skip === 'empty'),
    ...(r.release ? { release: r.release } : {}),
  };
}

/** One file checked on its own (its own workloads form its release): what every thread of a --jobs run does. */
export function checkAlone(session: AnalysisSession, file: string, project: ProjectConfig | undefined, atMax: boolean): FileOutcome {
  const name = displayName(file);
  return outcomeOf(session.check(session.parseOnce(readInput(file), name), { fileName: name, project, atMax, once: true }));
}

/** A check worker's thread (checkThreads.ts): the main thread's session, made again from the same command line. */
export function checkWorker(input: CheckWorkerInput): void {
  muteWarnings();
  const args = parseCommandLine(CHECK, input.argv, COMMANDS);
  const c = common(args, args.positionals[0] ?? '.');
  runCheckWorker(input, (i) => checkAlone(c.session, input.files[i], c.projects.forFile(input.files[i]), args.has('at-max')));
}

/** No file's findings depend on another file or on standard input: they may be checked on any thread. */
function independentFiles(args: ParsedArgs, files: readonly string[], projects: readonly (ProjectConfig | undefined)[]): boolean {
  if (args.has('release') || files.includes('-') || args.all('cluster').includes('-') || args.one('scheduler-config') === '-') return false;
  return files.every((file, i) => (releaseFilesFor(projects[i], file)?.length ?? 0) < 2);
}

/**
 * A worker numbers its releases on its own, so a file's own release gets an id of its own here
 * (negative: never one of this thread's). Only a multi-file release is shared by files, and those are
 * never checked on workers.
 */
function withFileReleaseId(o: FileOutcome, i: number): FileOutcome {
  return o.release ? { ...o, release: { ...o.release, id: -1 - i } } : o;
}

/** The run's output and exit code, from every file's result in input order. */
function report(args: ParsedArgs, session: AnalysisSession, format: string, inputs: string[], files: string[], results: FileResult[]): number {
  if (!args.has('allow-empty') && checkedNothing(results)) throw new UsageError(emptyInputMessage(inputs, files));
  const errors = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const suppressed = results.reduce((n, r) => n + r.suppressed.length, 0);
  if (format === 'json') {
    out(`${JSON.stringify({
      files: results.length,
      documents: results.reduce((n, r) => n + r.documents, 0),
      cluster: session.clusterInfo(),
      kubernetes: { ...session.kubernetesInfo(), schema: `1.${nearestMinor(session.context.env.minor)}` },
      diagnostics: results.flatMap((r) => r.findings.map((f) => jsonDiagnostic(r.file, f))),
      suppressed: results.flatMap((r) => r.suppressed.map((f) => ({ ...jsonDiagnostic(r.file, f), suppressedBy: f.suppressedBy }))),
      // Added: which workloads were simulated together (docs/cli.md, "check: releases").
      releases: releasesJson(results),
      ...(args.has('at-max') ? { atMax: true } : {}),
    }, null, 2)}\n`);
  } else if (format === 'sarif') {
    out(`${JSON.stringify(toSarif(results, VERSION, { workingDirectory: process.cwd(), repositoryRoot: findRepositoryRoot(process.cwd()) }), null, 2)}\n`);
  } else {
    out(`${clusterLine(session.clusterInfo())}\n`);
    out(`${kubernetesLine(session)}\n`);
    let count = 0;
    for (const r of results) {
      for (const f of r.findings) {
        count++;
        out(`${r.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code}: ${f.message}\n`);
      }
    }
    for (const line of releaseLines(results)) out(`${line}\n`);
    const warnings = count - errors;
    out(`${results.length} file(s), ${results.reduce((n, r) => n + r.documents, 0)} document(s): ${errors} error(s), ${warnings} other finding(s)${suppressed ? `, ${suppressed} suppressed` : ''}\n`);
  }
  return results.some(failing) ? 1 : 0;
}

/** Every distinct release of the run (files of one release report the same one), in first-seen order. */
function distinctReleases(results: readonly FileResult[]): NonNullable<FileResult['release']>[] {
  const seen = new Map<number, NonNullable<FileResult['release']>>();
  for (const r of results) if (r.release && !seen.has(r.release.id)) seen.set(r.release.id, r.release);
  return [...seen.values()];
}

function releasesJson(results: readonly FileResult[]): Record<string, unknown>[] {
  return distinctReleases(results).map(({ files, workloads, simulated, explicit }) => ({
    files, workloads, simulated, formedBy: explicit ? 'release' : 'file',
  }));
}

/** Text: the releases formed by --release or the project file, workload by workload (a file's own release goes without saying). */
function releaseLines(results: readonly FileResult[]): string[] {
  return distinctReleases(results).filter((r) => r.explicit).map((r) => {
    const many = r.files.length > 1;
    const list = r.workloads.map((w) => `${w.kind} ${w.namespace}/${w.name || '(unnamed)'} (${many ? `${w.file}, ` : ''}document ${w.document})`).join(', ');
    return `Release${r.simulated ? '' : ' (checked workload by workload: too large)'}: ${r.workloads.length} workloads of ${r.files.join(', ')}: ${list}`;
  });
}

/** "Kubernetes 1.31 (schemas of 1.35, the nearest bundled) · scheduler config FILE": what the check ran against. */
function kubernetesLine(session: AnalysisSession): string {
  const minor = session.context.env.minor;
  const schema = nearestMinor(minor);
  const sc = session.schedulerProfiles();
  const cfg = sc.source !== 'default' ? ` · scheduler config ${sc.source} (profiles: ${sc.profiles.join(', ')})` : '';
  return `Kubernetes 1.${minor}${schema === minor ? '' : ` (schemas of 1.${schema}, the nearest bundled)`}${cfg}`;
}
