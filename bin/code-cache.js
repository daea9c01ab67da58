// Loads the CLI bundle with V8's code cache kept on disk, for Node versions without
// `module.enableCompileCache` (Node 20). Compiling the 2 MB bundle is about a third of a one-file
// `check`; with the cache a later process deserialises the compiled functions instead.
//
// Where: $XDG_CACHE_HOME/kube-spread (else ~/.cache/kube-spread), one file (~1 MB) per bundle build and
// Node version, the newest 4 kept. The key is the bundle's path, size and mtime with Node's version and
// architecture, so a rebuilt bundle or another Node never reads a stale cache; V8 also rejects a cache
// that does not fit.
// The directory must belong to this user and not be writable by others: code is read from it.
// Off with NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch). Every failure falls back to a plain
// require: the cache only ever saves time.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'kube-spread');
}

/** True when `dir` is ours and only we can write to it (checked before reading code from it). */
function trusted(dir) {
  try {
    const st = fs.statSync(dir);
    const uid = typeof process.getuid === 'function' ? process.getuid() : st.uid;
    return st.isDirectory() && st.uid === uid && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** FNV-1a of a short string, as 8 hex digits (node:crypto alone would take 5 ms to load). */
function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

function cacheFileFor(file) {
  const st = fs.statSync(file);
  const key = [process.version, process.arch, file, st.size, st.mtimeMs].join('\0');
  // Two hashes of the key (forward and reversed): a collision would need both to collide; V8 still
  // checks the source's length and flags before it uses a cache.
  return path.join(cacheDir(), `cli-${fnv1a(key)}${fnv1a([...key].reverse().join(''))}.v8cache`);
}

/** Caches kept: every rebuild or Node upgrade makes a new one, so the oldest beyond this many go. */
const KEEP = 4;

function pruneOldCaches(dir) {
  const caches = fs.readdirSync(dir)
    .filter((f) => /^cli-[0-9a-f]+\.v8cache$/.test(f))
    .map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of caches.slice(KEEP)) fs.rmSync(path.join(dir, f), { force: true });
}

/** Writes V8's cache for `script` once the process ends, so functions compiled during the run are in it. */
function saveOnExit(script, cacheFile) {
  process.once('exit', () => {
    try {
      const dir = path.dirname(cacheFile);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (!trusted(dir)) return;
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(tmp, cacheFile); // atomic: a concurrent run reads the old file or the new one
      pruneOldCaches(dir);
    } catch {
      // A read-only home or a full disk: run without the cache next time too.
    }
  });
}

/** The module.exports of the CommonJS `file`, compiled through the on-disk code cache when possible. */
function requireWithCodeCache(file) {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return require(file);
  let cacheFile;
  let source;
  try {
    cacheFile = cacheFileFor(file);
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return require(file);
  }
  let cachedData;
  if (trusted(path.dirname(cacheFile))) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined; // first run: no cache yet
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) saveOnExit(script, cacheFile);
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod.loaded = true;
  const wrapper = script.runInThisContext({ displayErrors: true });
  wrapper.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  return mod.exports;
}

module.exports = { requireWithCodeCache };
