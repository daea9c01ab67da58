#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/cli.js by `npm run build` (run automatically by `npm ci`).
'use strict';
// Node's on-disk compile cache (Node >= 22.1): later runs skip compiling the bundle. Not in Node 20,
// where this does nothing.
const { enableCompileCache } = require('node:module');
if (typeof enableCompileCache === 'function') enableCompileCache();
process.exitCode = require('../dist/cli.js').main(process.argv.slice(2));
