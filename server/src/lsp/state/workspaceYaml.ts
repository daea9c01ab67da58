// The workspace's YAML files, for the Audit Cluster view to find the manifests of the audited
// workloads. Bounded, because a workspace may be a monorepo: at most MAX_FILES files of at most
// MAX_BYTES, MAX_DEPTH folders deep; dependency, build and VCS folders are skipped, and symbolic links
// are not followed (nothing outside the workspace is read, which Restricted Mode also requires).

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

const MAX_FILES = 2000;
const MAX_BYTES = 1_000_000;
const MAX_DEPTH = 8;
const SKIPPED = new Set(['node_modules', '.git', 'dist', 'out', 'build', 'vendor', '.vscode-test', 'coverage', '.terraform']);

export interface YamlFile {
  path: string;
  text: string;
}

/** The .yaml/.yml files under `root` (sorted by path, so the first match is stable), minus `skip` (open documents). */
export async function workspaceYamlFiles(root: string | undefined, skip: ReadonlySet<string>): Promise<YamlFile[]> {
  if (!root) return [];
  const paths: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || paths.length >= MAX_FILES) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: its manifests are simply not linked
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (paths.length >= MAX_FILES) return;
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED.has(e.name)) await walk(p, depth + 1);
      } else if (e.isFile() && /\.ya?ml$/i.test(e.name) && !skip.has(p)) paths.push(p);
    }
  };
  await walk(root, 0);
  const out: YamlFile[] = [];
  for (const path of paths) {
    try {
      if ((await stat(path)).size > MAX_BYTES) continue;
      out.push({ path, text: await readFile(path, 'utf8') });
    } catch {
      // deleted or unreadable since the listing: skip it
    }
  }
  return out;
}
