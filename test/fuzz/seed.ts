// Loaded by mocha before every suite (.mocharc.json): property tests in `npm test` use one fixed
// seed, so a CI run is reproducible and a red run can be replayed. `FUZZ_SEED=<n>` replays a
// reported failure; `FUZZ_SEED=random` (and `npm run fuzz`, which sets FUZZ_RUNS) explores.

import fc from 'fast-check';
import { seed } from './arbitraries';

const s = seed();
if (s !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: s });
