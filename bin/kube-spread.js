#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/cli.js by `npm run build` (run automatically by `npm ci`).
'use strict';
process.exitCode = require('../dist/cli.js').main(process.argv.slice(2));
