// `npm run editor`: code-server with the freshly built extension on examples/ (or the e2e manifests
// when examples/ is empty). The repo itself is linked as the extension, so `npm run build` plus
// "Developer: Reload Window" picks up changes without repackaging. Ctrl+C stops it.
import { mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { checkSetup, EXTENSION_ID, HERE, REPO, RUN, startCodeServer, userSettings } from './lib.mjs';

checkSetup();
const dir = join(RUN, 'editor');
const pkg = JSON.parse((await import('node:fs')).readFileSync(join(REPO, 'package.json'), 'utf8'));
// A fresh extensions dir each start: a folder added next to an existing extensions.json is ignored.
rmSync(join(dir, 'ext'), { recursive: true, force: true });
mkdirSync(join(dir, 'ext'), { recursive: true });
symlinkSync(REPO, join(dir, 'ext', `${EXTENSION_ID}-${pkg.version}`));
userSettings(dir);
const examples = join(REPO, 'examples');
const ws = readdirSync(examples).length ? examples : join(HERE, 'workspace');
const port = Number(process.env.PORT ?? 8080);
const cs = await startCodeServer(dir, ws, { port, log: 'inherit' });
console.log(`\nkube-spread editor ready: ${cs.folderUrl}\n(workspace ${ws}; Ctrl+C to stop)`);
const stop = async () => {
  await cs.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
