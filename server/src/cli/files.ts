// The manifest files a check reads: files as given, directories searched for *.yaml, *.yml and
// *.json (kubectl's -o json manifests are manifests too), each real file once. A broken entry found
// inside a directory (a dangling symbolic link, a link loop, an unreadable folder) is skipped with a
// warning: one bad link in a repository must not stop the check of everything else.

import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './usage';

export const MANIFEST_FILE = /\.(ya?ml|json)$/i;

function linkProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'dangling symbolic link';
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? 'unreadable';
}

/** Files to check, in a stable order; `warn` hears about every entry skipped inside a directory. */
export function collectFiles(inputs: string[], warn: (message: string) => void): string[] {
  const files: string[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const addFile = (p: string) => {
    let real: string;
    try {
      real = realpathSync(p);
    } catch {
      real = p;
    }
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(p);
  };
  const walk = (dir: string, ancestors: readonly string[]) => {
    const real = realpathSync(dir);
    // A link back to a folder being walked would recurse forever; one to a folder walked already would check it twice.
    if (ancestors.includes(real)) {
      warn(`${dir}: symbolic link loop (leads back to ${real}), skipped`);
      return;
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      if (ancestors.length === 0) throw new UsageError(`${dir}: ${linkProblem(e)}`);
      warn(`${dir}: ${linkProblem(e)}, skipped`);
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const child = join(dir, e.name);
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) {
        try {
          isDir = statSync(child).isDirectory();
        } catch (err) {
          // Only links that could have been read: a manifest name, or no extension (maybe a folder).
          if (MANIFEST_FILE.test(e.name) || !/\.[^.]+$/.test(e.name)) warn(`${child}: ${linkProblem(err)}, skipped`);
          continue;
        }
      }
      if (isDir) walk(child, [...ancestors, real]);
      else if (MANIFEST_FILE.test(e.name)) addFile(child);
    }
  };
  for (const input of inputs) {
    if (input === '-') {
      files.push('-');
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(input).isDirectory();
    } catch (e) {
      const problem = linkProblem(e);
      throw new UsageError(`${input}: ${problem === 'dangling symbolic link' ? 'no such file or directory' : problem}`);
    }
    if (isDir) walk(input, []);
    else addFile(input);
  }
  return files;
}
