// Picks the fixture loader: the real one (server/src/fixture). Kept as the single seam so the LSP
// tests and features depend only on the FixturePort shape.

import { loadEmbeddedSample, loadFixtureFromPaths } from '../../fixture';
import type { FixturePort } from './fixturePort';

export const fixtures: FixturePort = {
  name: 'server/src/fixture',
  loadFixtureFromPaths,
  loadEmbeddedSample,
};
