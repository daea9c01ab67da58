// Where the read-only shared folder is (corpus/, schemas/, kubernetes-openapi/, docs/), for the
// tests that read it. It sits beside the repository (<repo>/../shared), on a developer's machine
// and in CI alike, wherever the clone is: never an absolute machine path. KUBE_SPREAD_SHARED points
// somewhere else (the helper's own test uses it to see what happens when the folder is missing).
// Tests that need it skip, with one pending line saying why, when it is not there.

import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root: this file is <repo>/test/sharedDir.ts. */
const REPO_ROOT = path.resolve(__dirname, '..');

/** Overrides <repo>/../shared (relative values are taken from the working directory). */
export const SHARED_ENV = 'KUBE_SPREAD_SHARED';

/** Absolute path of the shared folder, or of `sub` inside it (`corpus/real-world`); it may not exist. */
export function sharedDir(sub = ''): string {
  const override = process.env[SHARED_ENV];
  const base = override ? path.resolve(override) : path.resolve(REPO_ROOT, '..', 'shared');
  return sub ? path.join(base, sub) : base;
}

/** Whether the shared folder (or `sub` in it) is there. */
export function hasShared(sub = ''): boolean {
  return existsSync(sharedDir(sub));
}

/** The reason a test that needs `sub` is skipped. */
export function sharedSkipMessage(sub = ''): string {
  const override = process.env[SHARED_ENV];
  const where = override ? `${override}${sub ? `/${sub}` : ''} (${SHARED_ENV})` : `../shared${sub ? `/${sub}` : ''}`;
  return `skipped: ${where} not found (see README)`;
}

/**
 * Call at the top of a `describe` body whose tests read `sub`. When it is missing, the suite gets
 * one pending test named by sharedSkipMessage and every other test in the suite is skipped
 * (`this.skip()` in a `before` hook); the return value is then undefined, so code in the describe
 * body that lists the folder to make one test per file lists nothing. Otherwise: the directory.
 */
export function sharedSuite(sub: string): string | undefined {
  if (hasShared(sub)) return sharedDir(sub);
  const message = sharedSkipMessage(sub);
  it.skip(message);
  before(function () {
    this.skip();
  });
  return undefined;
}
