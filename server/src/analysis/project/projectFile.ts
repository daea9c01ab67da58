// The project file, .kube-spread.yaml: found by walking up from a checked file's folder (the nearest
// one applies; they are not merged), read, validated (projectSchema.ts) with every problem at its
// line and column, and turned into what the check needs: the suppression rules for suppress.ts and
// the defaults for the cluster fixture, the Kubernetes version and the level that fails a check.
//
// The CLI reads one per run and per file; the language server asks on every check, so ProjectFiles
// caches each file by its size and modification time and only reads it again when it changed.

import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Range, Severity } from '../../base/finding';
import { locate, nodeSpan, offsetRange } from '../../k8s/ranges';
import { validateProject, type FieldPath } from './projectSchema';
import type { SuppressionRules } from './suppress';

export const PROJECT_FILE_NAME = '.kube-spread.yaml';

export interface ProjectConfig extends SuppressionRules {
  /** The project file's path (absolute when found by discovery; as given to --config otherwise). */
  file: string;
  /** Fixture paths, resolved against the project file's folder. */
  cluster?: string[];
  kubernetesVersion?: string;
  failOn?: Severity;
  /** `releases`: each entry's patterns (folders, files, globs), resolved against the project file's folder (releaseGroups.ts). */
  releases?: string[][];
  /** kube-spread audit's settings (docs/audit.md). */
  audit?: { failOn?: 'DoNotSchedule' | 'any' | 'never' };
}

export interface ProjectProblem {
  file: string;
  /** 0-based, as `range.start`. */
  line: number;
  character: number;
  range: Range;
  message: string;
  severity: 'error' | 'warning';
}

export interface LoadedProject {
  file: string;
  /** Absent when the file has an error: a project file is used whole or not at all. */
  config?: ProjectConfig;
  problems: ProjectProblem[];
}

/** file:line:col: message, as fixture problems are written. */
export function formatProjectProblem(p: ProjectProblem): string {
  return `${p.file}:${p.line + 1}:${p.character + 1}: ${p.message}`;
}

export function isProjectFileName(path: string): boolean {
  return basename(path) === PROJECT_FILE_NAME;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function problemAt(file: string, range: Range, message: string, severity: ProjectProblem['severity']): ProjectProblem {
  return { file, line: range.start.line, character: range.start.character, range, message, severity };
}

/** The range of a field's value (or key) in the document; the nearest existing ancestor's key when it is missing. */
function fieldRange(doc: Document, lc: LineCounter, path: FieldPath, key: boolean): Range {
  const loc = locate(doc, path);
  const step = loc.steps[loc.matched];
  const span = (key || loc.matched < path.length) && step.pair ? nodeSpan(step.pair.key as Node) : nodeSpan(step.raw ?? step.node);
  return span ? offsetRange(lc, span[0], span[1]) : ZERO;
}

function toConfig(file: string, value: unknown): ProjectConfig {
  const v = (value ?? {}) as {
    disable?: string[]; severity?: Record<string, Severity>; cluster?: string | string[]; kubernetesVersion?: string; failOn?: Severity; releases?: (string | string[])[];
    audit?: ProjectConfig['audit'] | null;
  };
  const folder = dirname(resolve(file));
  const config: ProjectConfig = { file, disable: v.disable ?? [], severity: v.severity ?? {} };
  if (v.cluster !== undefined) config.cluster = (Array.isArray(v.cluster) ? v.cluster : [v.cluster]).map((p) => resolve(folder, p));
  if (v.kubernetesVersion !== undefined) config.kubernetesVersion = v.kubernetesVersion;
  if (v.failOn !== undefined) config.failOn = v.failOn;
  if (v.audit !== undefined && v.audit !== null) config.audit = { ...v.audit };
  if (v.releases !== undefined) config.releases = v.releases.map((e) => (Array.isArray(e) ? e : [e]).map((p) => resolve(folder, p)));
  return config;
}

/** Reads a project file's text (`file` names it in problems and resolves its relative paths). */
export function parseProjectFile(text: string, file: string): LoadedProject {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, logLevel: 'error' });
  const list = Array.isArray(docs) ? docs : [];
  const problems: ProjectProblem[] = [];
  for (const d of list) {
    for (const e of d.errors) problems.push(problemAt(file, offsetRange(lc, e.pos[0], e.pos[1]), e.message.split('\n')[0], 'error'));
  }
  if (list.length > 1) {
    const second = list[1].range[0];
    problems.push(problemAt(file, offsetRange(lc, second, second + 3), 'a project file is one YAML document (remove the ---)', 'error'));
  }
  if (problems.length > 0) return { file, problems };
  const doc = list[0];
  if (!doc) return { file, problems, config: toConfig(file, undefined) }; // empty: nothing changed
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (doc.contents !== null && !isMap(doc.contents) && !(isScalar(doc.contents) && doc.contents.value === null)) {
    return { file, problems: [problemAt(file, fieldRange(doc, lc, [], false), `must be a mapping of settings (disable, severity, cluster, kubernetesVersion, failOn, releases, audit), got ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}`, 'error')] };
  }
  for (const p of validateProject(value)) problems.push(problemAt(file, fieldRange(doc, lc, p.path, p.key === true), p.message, p.severity));
  return problems.some((p) => p.severity === 'error') ? { file, problems } : { file, problems, config: toConfig(file, value) };
}

/** Reads and validates a project file; a file that cannot be read is one error. */
export function readProjectFile(file: string): LoadedProject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? (e as Error).message.split('\n')[0];
    return { file, problems: [problemAt(file, ZERO, `cannot read the project file: ${why}`, 'error')] };
  }
  return parseProjectFile(text, file);
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The nearest project file in `folder` or above it, up to the file system's root, or to `stopAt`
 * (included) when given: the editor's Restricted Mode reads nothing outside the workspace.
 */
export function findProjectFile(folder: string, stopAt?: string): string | undefined {
  const limit = stopAt === undefined ? undefined : resolve(stopAt);
  for (let dir = resolve(folder); ; dir = dirname(dir)) {
    const candidate = resolve(dir, PROJECT_FILE_NAME);
    if (isFile(candidate)) return candidate;
    if (dir === limit || dirname(dir) === dir) return undefined;
  }
}

/** Project files by path, read again only when their size or modification time changed. */
export class ProjectFiles {
  private readonly cache = new Map<string, { stamp: string; loaded: LoadedProject }>();

  /** The project file that applies to a file in `folder` (see findProjectFile), loaded; undefined: none. */
  forFolder(folder: string, stopAt?: string): LoadedProject | undefined {
    const file = findProjectFile(folder, stopAt);
    return file === undefined ? undefined : this.load(file);
  }

  load(file: string): LoadedProject {
    let stamp: string;
    try {
      const s = statSync(file);
      stamp = `${s.size}:${s.mtimeMs}:${s.ino}`;
    } catch {
      stamp = 'missing';
    }
    const hit = this.cache.get(file);
    if (hit && hit.stamp === stamp) return hit.loaded;
    const loaded = readProjectFile(file);
    this.cache.set(file, { stamp, loaded });
    return loaded;
  }
}
