// Everything a feature needs to run the analysis on one document, built fresh per request so a
// settings or fixture change is always seen.

import { fileURLToPath } from 'node:url';
import type { AnalysisContext } from './analysisPort';
import type { FixtureManager } from './fixtures';
import { NEWEST_RELEASE_MINOR } from '../../engine';
import type { SettingsStore } from './settings';

export function analysisContext(fixtures: FixtureManager, settings: SettingsStore): AnalysisContext {
  // The version, gates and scheduler configuration as resolved by lsp/state/clusterConfig.ts (server.ts wires it).
  const cluster = settings.resolveCluster?.();
  // Without a resolver (tests of single features): the setting's version, else the newest release.
  const minor = cluster?.env.minor ?? (Number(settings.current.kubernetesVersion.split('.')[1]) || NEWEST_RELEASE_MINOR);
  return { fixture: fixtures.current, minor, groups: settings.current.findings, limits: settings.current.limits, ...(cluster ? { cluster } : {}) };
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
