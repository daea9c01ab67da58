// What every command shares: turning the common flags (--cluster, --k8s-version, --feature-gates,
// --scheduler-config, --format) into a session, and the numeric flags.

import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import {
  type AnalysisSession, formatConfigProblem, type LoadedFixture, loadEmbeddedSample, loadFixtureFromPaths,
  loadFixtureFromText, openSession, type ProjectConfig, resolveClusterSettings, SchedulerConfigError, versionProblem,
} from '../analysis';
import type { ParsedArgs } from './args';
import { readInput, STDIN_NAME, uniquePaths } from './inputs';
import { CliProjects } from './project';
import { UsageError } from './usage';

export { UsageError } from './usage';

export interface Common {
  session: AnalysisSession;
  format: string;
  /** The project files (.kube-spread.yaml) of the inputs (cli/project.ts). */
  projects: CliProjects;
  /** The one the session's defaults (cluster, version) came from: --config, else the first input's. */
  project: ProjectConfig | undefined;
}

export function out(s: string): void {
  process.stdout.write(s);
}

let warningsMuted = false;

/** A check worker repeats the main thread's set-up, whose warnings the main thread has already printed. */
export function muteWarnings(): void {
  warningsMuted = true;
}

export function warn(message: string): void {
  if (warningsMuted) return;
  process.stderr.write(`kube-spread: warning: ${message}\n`);
}

function loadCluster(paths: string[]): LoadedFixture {
  if (paths.length === 0) return loadEmbeddedSample();
  if (paths.includes('-')) {
    if (paths.length > 1) throw new UsageError('--cluster -: standard input is the whole fixture; give it alone, or name files');
    return loadFixtureFromText(readFileSync(0, 'utf8'), STDIN_NAME);
  }
  return loadFixtureFromPaths(uniquePaths(paths));
}

function parseGates(spec: string | undefined): Record<string, boolean> {
  const gates: Record<string, boolean> = {};
  if (!spec) return gates;
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9]+)=(true|false)$/i.exec(part);
    if (!m) throw new UsageError(`--feature-gates: "${part}" is not NAME=true|false`);
    gates[m[1]] = m[2].toLowerCase() === 'true';
  }
  return gates;
}

/** A project file's fixture path as fixture messages name it: relative to the working directory when inside it. */
function shownPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/**
 * The fixture and the cluster's version, gates and scheduler configuration: flags win over the project
 * file (found from `projectFrom`, an input path; default: the working directory), which wins over the fixture.
 */
export function common(args: ParsedArgs, projectFrom = '-'): Common {
  const projects = new CliProjects(args.one('config'), warn);
  const project = projects.forInput(projectFrom);
  const format = args.one('format') ?? 'text';
  const version = args.one('k8s-version') ?? project?.kubernetesVersion;
  const badVersion = version === undefined ? undefined : versionProblem(version);
  if (badVersion) throw new UsageError(`--k8s-version: ${badVersion}`);
  const gates = parseGates(args.one('feature-gates'));
  const fixture = loadCluster(args.all('cluster').length ? args.all('cluster') : (project?.cluster ?? []).map(shownPath));
  for (const p of fixture.problems) warn(`${p.file}:${p.line + 1}:${p.character + 1}: ${p.message}`);
  const configFile = args.one('scheduler-config');
  let settings;
  try {
    settings = resolveClusterSettings({
      fixture: fixture.schedulerConfig || fixture.kubernetes ? { kubernetes: fixture.kubernetes, schedulerConfig: fixture.schedulerConfig } : undefined,
      version, featureGates: Object.keys(gates).length ? gates : undefined,
      schedulerConfig: configFile === undefined ? undefined : { file: configFile === '-' ? STDIN_NAME : configFile, text: readInput(configFile) },
    });
  } catch (e) {
    if (!(e instanceof SchedulerConfigError)) throw e;
    // kube-scheduler would refuse to start: every problem on its own line, the last one as the error.
    const lines = e.problems.map((p) => (p.file === '<command line>' ? p.message : formatConfigProblem(p)));
    for (const l of lines.slice(0, -1)) process.stderr.write(`kube-spread: ${l}\n`);
    throw new UsageError(lines[lines.length - 1]);
  }
  for (const w of settings.warnings) warn(w.file === '<command line>' ? w.message : formatConfigProblem(w));
  return { session: openSession(fixture, settings), format, projects, project };
}

/** A flag that must be a whole number >= min; undefined when absent. */
export function intOption(args: ParsedArgs, name: string, min: number): number | undefined {
  const v = args.one(name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} must be an integer >= ${min}`);
  return Number(v);
}

/** The note a zero-node cluster adds to every answer (the fixture loader warns on stderr as well). */
export function zeroNodeNotes(session: AnalysisSession): string[] {
  return session.clusterInfo().nodes === 0
    ? ['The cluster has no nodes (every node pool is scaled to zero): kube-scheduler answers "no nodes available to schedule pods" and every pod stays Pending until a node is added (cluster autoscaling is not modelled).']
    : [];
}
