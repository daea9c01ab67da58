#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/cli.js by `npm run build` (run automatically by `npm ci`).
'use strict';
const { join } = require('node:path');
const { enableCompileCache } = require('node:module');

const bundle = join(__dirname, '../dist/cli.js');
let cli;
if (typeof enableCompileCache === 'function') {
  // Node >= 22.1: Node's own on-disk compile cache; later runs skip compiling the bundle.
  enableCompileCache();
  cli = require(bundle);
} else {
  // Node 20: the same saving through V8's code cache, kept by ./code-cache.js.
  cli = require('./code-cache.js').requireWithCodeCache(bundle);
}
cli.exitWith(cli.main(process.argv.slice(2)));
