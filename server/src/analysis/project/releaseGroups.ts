// The project file's `releases`: manifest sets applied together, each simulated as one release
// (docs/release.md). An entry is a folder (every *.yaml, *.yml and *.json under it), a file, or a
// glob (`*` and `?` within a path segment, `**` across segments), relative to the project file; a
// list of them forms one release. A file in no entry forms a release with its own workloads.
//
// releaseFilesFor answers both front ends: the CLI's check and the editor's diagnostics call it with
// the file being checked and get every file of its release (the file included), in the order a
// directory's files are applied (by path, as `kubectl apply -f DIR` sorts them), or undefined.

import { type Dirent, readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { ProjectConfig } from './projectFile';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const GLOB = /[*?[]/;
/** Files listed per release at most: a pattern matching a whole disk must not hang the editor. */
const MAX_FILES = 2000;

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A glob over an absolute path as a regular expression: `**` any segments, `*` and `?` within one. */
function globRegExp(pattern: string): RegExp {
  const norm = pattern.split(sep).join('/');
  let re = '';
  for (let i = 0; i < norm.length; i++) {
    const c = norm[i];
    if (c === '*' && norm[i + 1] === '*') {
      const slash = norm[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The folder a pattern's files are under: its segments before the first one with a wildcard. */
function staticPrefix(pattern: string): string {
  const parts = pattern.split(sep);
  const at = parts.findIndex((p) => GLOB.test(p));
  return at < 0 ? pattern : parts.slice(0, at).join(sep) || sep;
}

/** Manifest files under a folder, by path; dot-entries and node_modules skipped as check skips them. */
function walk(dir: string, out: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (out.length >= MAX_FILES) return;
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const child = join(dir, e.name);
    if (e.isDirectory() || (e.isSymbolicLink() && isDirectory(child))) walk(child, out);
    else if (MANIFEST_FILE.test(e.name)) out.push(child);
  }
}

/** Whether an absolute path is matched by one (absolute) entry of a release. */
function matches(pattern: string, path: string): boolean {
  if (GLOB.test(pattern)) return globRegExp(pattern).test(path.split(sep).join('/'));
  return path === pattern || path.startsWith(pattern.endsWith(sep) ? pattern : `${pattern}${sep}`);
}

/** Every manifest file of one release entry (its patterns), by path. */
function filesOf(patterns: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of patterns) {
    const found: string[] = [];
    if (!GLOB.test(p)) {
      if (isDirectory(p)) walk(p, found);
      else found.push(p);
    } else {
      const all: string[] = [];
      walk(staticPrefix(p), all);
      const re = globRegExp(p);
      for (const f of all) if (re.test(f.split(sep).join('/'))) found.push(f);
    }
    for (const f of found) out.add(f);
  }
  return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The files of the project-file release that `path` belongs to (the first entry matching it), `path`
 * included, absolute and in application order; undefined when no entry of the project file names it
 * (its release is then its own workloads).
 */
export function releaseFilesFor(project: ProjectConfig | undefined, path: string): string[] | undefined {
  const entries = project?.releases;
  if (!entries?.length) return undefined;
  const abs = resolve(path);
  const entry = entries.find((patterns) => patterns.some((p) => matches(p, abs)));
  if (!entry) return undefined;
  const files = filesOf(entry);
  return files.includes(abs) ? files : [...files, abs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
