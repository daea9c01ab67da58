// Watches one file or folder the server reads (the fixture, the scheduler configuration) and calls
// back, debounced, when it changes. A file is watched through its folder: editors save by rename,
// which ends a watch on the file itself, and a file that does not exist yet is seen when it appears.

import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

const WATCH_DEBOUNCE_MS = 250;

export class PathWatcher {
  private watcher: FSWatcher | undefined;
  private watched = '';
  private timer: NodeJS.Timeout | undefined;

  /** `recursive`: a watched folder's subfolders count too. `warn`: a path that cannot be watched. */
  constructor(private readonly onChange: () => void, private readonly warn: (message: string) => void, private readonly recursive = false) {}

  /** Watches `abs` instead of what was watched before; '' watches nothing. */
  watch(abs: string): void {
    if (abs === this.watched) return;
    this.watcher?.close();
    this.watcher = undefined;
    this.watched = abs;
    if (!abs) return;
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      // Missing for now: the folder's watch sees it appear.
    }
    const target = isDir ? abs : dirname(abs);
    const name = basename(abs);
    try {
      this.watcher = watch(target, { recursive: isDir && this.recursive, persistent: false }, (_event, file) => {
        if (!isDir && file !== null && file !== name) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(this.onChange, WATCH_DEBOUNCE_MS);
      });
      this.watcher.on('error', () => undefined);
    } catch (e) {
      this.warn(`cannot watch ${target}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    }
  }

  dispose(): void {
    this.watcher?.close();
    clearTimeout(this.timer);
  }
}
