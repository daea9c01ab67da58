// Reading what the command line names: files as given (and reported as given), `-` as standard
// input (named `<stdin>` everywhere), standard input at most once per run, and fixture paths
// without duplicates.

import { readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { UsageError } from './usage';

export const STDIN_NAME = '<stdin>';

/** How a file is named in messages and output: as given, `<stdin>` for `-`. */
export function displayName(file: string): string {
  return file === '-' ? STDIN_NAME : file;
}

/**
 * Standard input can be read once: `simulate - --cluster -` would give the second reader nothing.
 * `uses` are the places that may name `-` (FILE, --cluster, --scheduler-config), checked before any is read.
 */
export function stdinOnce(uses: { what: string; values: readonly (string | undefined)[] }[]): void {
  const readers = uses.flatMap((u) => u.values.filter((v) => v === '-').map(() => u.what));
  if (readers.length <= 1) return;
  const where = new Set(readers).size === 1 ? `${readers.length} times for ${readers[0]}` : `for ${readers.join(' and ')}`;
  throw new UsageError(`standard input can be read once, but - is given ${where}`);
}

function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return code ?? (e as Error).message.split('\n')[0];
}

/** The text of FILE (`-`: standard input). Explain and simulate take one file, never a directory. */
export function readInput(file: string): string {
  if (file === '-') return readFileSync(0, 'utf8');
  // Read first, ask why only when that fails: one system call for the file that is there (check reads thousands).
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new UsageError(`${file}: is a directory (explain and simulate take one file)`);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`${file}: no such file`);
    if (code === 'ELOOP') throw new UsageError(`${file}: symbolic link loop`);
    throw new UsageError(`${file}: ${errnoText(e)}`);
  }
}

function realPath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p); // missing: the fixture loader reports it
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Paths as given, without the ones that name what an earlier path (or a directory given anywhere)
 * already covers: `--cluster D --cluster D/` or `--cluster D --cluster D/sub` read D once instead of
 * reporting the second as an empty directory. The first spelling is kept.
 */
export function uniquePaths(paths: readonly string[]): string[] {
  const entries = paths.map((p) => ({ p, real: realPath(p), dir: p !== '-' && isDirectory(p) }));
  const inside = (real: string, dir: string) => real.startsWith(dir.endsWith(sep) ? dir : `${dir}${sep}`);
  const kept: typeof entries = [];
  for (const e of entries) {
    if (e.p === '-') {
      kept.push(e);
      continue;
    }
    if (kept.some((k) => k.p !== '-' && k.real === e.real)) continue;
    if (entries.some((d) => d.dir && d.real !== e.real && inside(e.real, d.real))) continue;
    kept.push(e);
  }
  return kept.map((e) => e.p);
}
