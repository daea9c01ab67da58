// The repository root SARIF paths are relative to (%SRCROOT%): the nearest directory at or above
// `start` that holds `.git` (a directory, or a file in worktrees and submodules), else `start`.
// Code scanning resolves relative paths against the root of the repository it analyses.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function findRepositoryRoot(start: string): string {
  const from = resolve(start);
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}
