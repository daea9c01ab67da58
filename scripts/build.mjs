// Bundles the three entry points into dist/ with esbuild: the VS Code client,
// the language server and the CLI. `--watch` rebuilds on change, `--minify` for packaging.
// Entry points that do not exist yet are skipped, so a partial checkout still builds.
// Then the manifest schemas' standalone validators (scripts/gen-validators.mjs -> dist/validators/),
// which the server and the CLI load one kind at a time instead of compiling schemas at run time.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
};
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
].filter((e) => existsSync(e.entryPoints[0]));

const genValidators = () => execFileSync(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'gen-validators.mjs')], { stdio: 'inherit' });

if (watch) {
  genValidators();
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  genValidators();
}
