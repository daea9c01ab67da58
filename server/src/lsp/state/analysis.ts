// The analysis as the language server runs it: the session for the current fixture and resolved
// cluster settings (the same AnalysisSession the CLI uses), and the check options the settings
// choose. Every feature asks here, so a settings or fixture change is always seen, and the session
// (with its context and memos) is the same object until one of them changes.

import { fileURLToPath } from 'node:url';
import { type AnalysisSession, type CheckedFile, type CheckOptions, isProjectFileName, openSession, type ProjectConfig } from '../../analysis';
import type { FixtureManager } from './fixtures';
import { EditorReleaseFiles } from './releaseFiles';
import type { SettingsStore } from './settings';

export class EditorAnalysis {
  /** The project file (.kube-spread.yaml) that applies to a file: lsp/state/projectFiles.ts, wired in server.ts. */
  projectFor: (fileName: string) => ProjectConfig | undefined = () => undefined;
  /** The project file's release groups: the other files of a file's release, open or on disk (server.ts wires its hooks). */
  readonly releases = new EditorReleaseFiles();

  constructor(private readonly fixtures: FixtureManager, private readonly settings: SettingsStore) {}

  /** The session for the fixture and the cluster settings in use (lsp/state/clusterConfig.ts resolves them as the CLI does). */
  session(): AnalysisSession {
    const resolved = this.settings.resolveCluster?.();
    // Without a resolver (tests of single features): the setting's version, else the newest release.
    const minor = Number(this.settings.current.kubernetesVersion.split('.')[1]) || undefined;
    return openSession(this.fixtures.current, resolved, minor);
  }

  /** kubeSpread.findings.*, kubeSpread.limits.* and kubeSpread.defaultReplicas for a check of `uri`, its project file's rules and release. */
  checkOptions(uri: string): CheckOptions {
    const s = this.settings.current;
    const fileName = fileNameOf(uri);
    const project = this.projectFor(fileName);
    // The same release groups as the CLI's check (analysis/project/releaseGroups.ts releaseFilesFor).
    const release = this.releases.releaseFor(fileName, project, this.session(), s.limits);
    return { fileName, groups: s.findings, limits: s.limits, podReplicas: s.defaultReplicas, project, ...(release ? { release } : {}) };
  }

  /**
   * Every finding of the document's text (what the CLI's `check` reports for the same file, settings and
   * project file); with `without`, minus those groups, and with `spreadFor`, spread/ findings of those
   * documents only (the early stages and parts of a first open: lsp/features/diagnostics.ts).
   */
  check(uri: string, text: string, without: readonly ('lint' | 'spread')[] = [], spreadFor?: ReadonlySet<number>): CheckedFile {
    const session = this.session();
    const full = this.checkOptions(uri);
    const limited = without.length ? { ...full, groups: { ...full.groups, ...Object.fromEntries(without.map((g) => [g, false])) } } : full;
    const opts = spreadFor ? { ...limited, spreadFor } : limited;
    const parsed = session.parse(text, opts.fileName!, opts.limits);
    // A project file is not a manifest: its problems are published by lsp/state/projectFiles.ts.
    if (isProjectFileName(opts.fileName!)) return { parsed, findings: [], documents: [], suppressed: [] };
    return session.check(parsed, opts);
  }
}

/** The file name the analysis reports against: a path for file: URIs, else the URI itself (untitled). */
export function fileNameOf(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}
