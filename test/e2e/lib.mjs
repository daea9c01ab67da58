// Shared by run.mjs (the e2e suite) and editor.mjs (`npm run editor`): where things live and how to
// start code-server offline and in isolation (see /work/shared/docs/e2e.md for every trap).
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(HERE, '../..');
export const RUN = join(HERE, '.run');
export const CODE_SERVER = join(RUN, 'code-server/node_modules/.bin/code-server');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_ID = 'kube-spread.kube-spread';

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** A private HOME/TMPDIR so code-server never writes to the real ones; no marketplace. */
export function isolatedEnv(dir) {
  for (const d of ['home', 'tmp']) mkdirSync(join(dir, d), { recursive: true });
  return { ...process.env, HOME: join(dir, 'home'), TMPDIR: join(dir, 'tmp'), EXTENSIONS_GALLERY: '{}' };
}

export function userSettings(dir, extra = {}) {
  const user = join(dir, 'ud/User');
  mkdirSync(user, { recursive: true });
  writeFileSync(join(user, 'settings.json'), JSON.stringify({
    'files.autoSave': 'off', // the web default would save typed text into the workspace files
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'workbench.tips.enabled': false,
    ...extra,
  }, null, 2));
}

/** A fresh workspace: the repo's examples/ plus the e2e manifests (test/e2e/workspace). */
export function freshWorkspace(dir) {
  const ws = join(dir, 'ws');
  mkdirSync(ws, { recursive: true });
  const examples = join(REPO, 'examples');
  if (existsSync(examples) && readdirSync(examples).length) cpSync(examples, ws, { recursive: true });
  cpSync(join(HERE, 'workspace'), ws, { recursive: true });
  return ws;
}

/**
 * An empty code-server config in the run folder. Not /dev/null: on some CI machines /dev/null has
 * been replaced by a regular file that other tools wrote into, and code-server fails to parse it.
 */
function emptyConfig(dir) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'code-server-config.yaml');
  writeFileSync(path, '');
  return path;
}

export function installVsix(dir, vsix) {
  execFileSync(CODE_SERVER, ['--config', emptyConfig(dir), '--user-data-dir', join(dir, 'ud'), '--extensions-dir', join(dir, 'ext'), '--install-extension', vsix],
    { env: isolatedEnv(dir), stdio: 'pipe' });
}

/** Starts code-server; resolves once /healthz answers. Returns {url, stop()}. */
export async function startCodeServer(dir, ws, { port, log = 'ignore' } = {}) {
  port ??= await freePort();
  const args = ['--config', emptyConfig(dir), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', join(dir, 'ud'), '--extensions-dir', join(dir, 'ext'), ws];
  const proc = spawn(CODE_SERVER, args, { env: isolatedEnv(dir), stdio: ['ignore', log, log] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode}`);
    try {
      if ((await globalThis.fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGTERM');
      throw new Error('code-server did not answer /healthz within 30 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    folderUrl: `${url}/?folder=${encodeURIComponent(ws)}`,
    stop: () => new Promise((r) => {
      if (proc.exitCode !== null) return r();
      proc.once('exit', () => r());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
    }),
  };
}

export function checkSetup() {
  const missing = [];
  if (!existsSync(CODE_SERVER)) missing.push('code-server');
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (missing.length) {
    console.error(`missing ${missing.join(' and ')}: run test/e2e/setup.sh first`);
    process.exit(2);
  }
}
