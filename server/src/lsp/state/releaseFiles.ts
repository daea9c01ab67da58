// The project file's release groups in the editor (docs/release.md, "Releases of several files"): the
// same `releaseFilesFor` the CLI's check calls, its other files read from the open documents (unsaved
// edits count: the user sees them) or else from disk, so that diagnostics, lenses and hovers of a file
// reflect the folder it is released with. Listings, disk texts and parses are cached (a keystroke reads
// nothing from disk but a stat per member); the member files' folders are watched, and a change to a
// member (an edit of an open one, a save or a new file on disk) re-runs the other open members.

import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { type AnalysisSession, type Limits, type ParsedFile, type ProjectConfig, type ReleaseFile, releaseFilesFor } from '../../analysis';
import { PathWatcher } from './pathWatcher';

/** Larger files are left out of an editor release (the editor's own limit on one file is smaller). */
const MAX_MEMBER_BYTES = 8 * 1024 * 1024;

interface DiskText {
  mtimeMs: number;
  size: number;
  text: string;
}

export class EditorReleaseFiles {
  /** The text of an open document at this path, if it is open. */
  openText: (fileName: string) => string | undefined = () => undefined;
  /** Called with the member paths that changed on disk (debounced, per folder). */
  onDiskChange: (folder: string) => void = () => undefined;

  /** releaseFilesFor per project file object (a reloaded project file is a new object) and path; cleared by any watched change. */
  private listings = new WeakMap<ProjectConfig, Map<string, string[] | undefined>>();
  private readonly disk = new Map<string, DiskText>();
  private readonly parses = new Map<string, { session: AnalysisSession; text: string; parsed: ParsedFile }>();
  private readonly watchers = new Map<string, PathWatcher>();
  /** The last release of each file asked for: which open documents a change to a member concerns. */
  private readonly groups = new Map<string, readonly string[]>();

  constructor(private readonly warn: (message: string) => void = () => undefined) {}

  /**
   * The release `fileName` belongs to by its project file, as `CheckOptions.release` takes it (every file,
   * this one at `self`), or undefined when it is its own release.
   */
  releaseFor(fileName: string, project: ProjectConfig | undefined, session: AnalysisSession, limits: Partial<Limits> | undefined): { files: ReleaseFile[]; self: number } | undefined {
    // An untitled document has no folder: it is its own release.
    const paths = project && isAbsolute(fileName) ? this.listing(project, fileName) : undefined;
    if (!paths || paths.length < 2) {
      this.groups.delete(fileName);
      return undefined;
    }
    this.groups.set(fileName, paths);
    for (const p of paths) this.watch(dirname(p));
    const self = paths.indexOf(fileName);
    const files = paths.map((p, i) => ({ file: p, parsed: i === self ? this.placeholder(session, p) : this.parse(session, p, limits) }));
    return { files, self: self < 0 ? 0 : self };
  }

  /** Open documents (by path) whose release holds `path`, `path` itself excepted. */
  membersWith(path: string): string[] {
    return [...this.groups].filter(([file, paths]) => file !== path && paths.includes(path)).map(([file]) => file);
  }

  /** Open documents whose release holds a file in `folder`. */
  membersIn(folder: string): string[] {
    return [...this.groups].filter(([, paths]) => paths.some((p) => dirname(p) === folder)).map(([file]) => file);
  }

  /** A document closed: its release is no longer followed for it. */
  forget(fileName: string): void {
    this.groups.delete(fileName);
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.dispose();
    this.watchers.clear();
  }

  private listing(project: ProjectConfig, fileName: string): string[] | undefined {
    let byPath = this.listings.get(project);
    if (!byPath) this.listings.set(project, (byPath = new Map()));
    if (!byPath.has(fileName)) byPath.set(fileName, releaseFilesFor(project, fileName));
    return byPath.get(fileName);
  }

  /** The file being checked is replaced by its current parse (releaseFilesOf): an empty stand-in. */
  private placeholder(session: AnalysisSession, path: string): ParsedFile {
    return session.parse('', path);
  }

  private parse(session: AnalysisSession, path: string, limits: Partial<Limits> | undefined): ParsedFile {
    const text = this.openText(path) ?? this.read(path);
    const hit = this.parses.get(path);
    if (hit && hit.session === session && hit.text === text) return hit.parsed;
    const parsed = session.parse(text, path, limits);
    this.parses.set(path, { session, text, parsed });
    return parsed;
  }

  /** The file's text on disk ('' when it is gone or too large: it then holds no workload), re-read when its stat changes. */
  private read(path: string): string {
    let st: { mtimeMs: number; size: number };
    try {
      st = statSync(path);
    } catch {
      this.disk.delete(path);
      return '';
    }
    const hit = this.disk.get(path);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.text;
    let text = '';
    try {
      if (st.size <= MAX_MEMBER_BYTES) text = readFileSync(path, 'utf8');
    } catch {
      text = '';
    }
    this.disk.set(path, { mtimeMs: st.mtimeMs, size: st.size, text });
    return text;
  }

  private watch(folder: string): void {
    if (this.watchers.has(folder)) return;
    const w = new PathWatcher(() => {
      // A file may have appeared or gone: list the releases again.
      this.listings = new WeakMap();
      this.onDiskChange(folder);
    }, this.warn);
    this.watchers.set(folder, w);
    w.watch(folder);
  }
}
