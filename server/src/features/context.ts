// Everything a feature needs to run the analysis on one document, built fresh per request so a
// settings or fixture change is always seen.

import { fileURLToPath } from 'node:url';
import type { AnalysisContext } from './analysisPort';
import type { FixtureManager } from './fixture';
import { minorOf, type SettingsStore } from './settings';

export function analysisContext(fixtures: FixtureManager, settings: SettingsStore): AnalysisContext {
  return { fixture: fixtures.current, minor: minorOf(settings.current), groups: settings.current.findings };
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
