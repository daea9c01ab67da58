// How far V8 lets the server's heap grow past what survived the last full collection, by cluster size.
//
// V8 grows the old generation to up to 4x that before collecting again. An editor session allocates
// steadily (every keystroke parses and simulates) and rarely idles long enough for V8's memory
// reducer, so on the embedded sample the server settled at ~380 MB for ~70 MB of live objects (bench
// lsp/rss/soak-10000-edits): 1.6x keeps it near ~240 MB at no measured cost. On a big cluster the live
// heap is larger (~170 MB on 5,000 nodes) and a tighter heap makes full collections of it land inside
// keystrokes (p95 of the 5,000-node keystroke benchmarks ~60 -> 100-280 ms, bench/README.md "Memory"),
// so from the size where first analyses are staged the server leaves V8's own sizing. A value given
// on the command line (node --heap-growing-percent=N) always wins.
//
// A big fixture's load leaves its garbage behind (the file's text, JSON.parse's output before the
// checks, on 5,000 nodes ~150 MB), and V8 does not collect the old generation before it reaches its
// first limit, which on a 64-bit heap is hundreds of MB: the server then analysed and typed in a heap
// of ~500 MB for ~120 MB of live objects (bench/README.md "Issue 18, fifth pass"). One full collection
// right after the server's first load (~40-70 ms, while requests wait for the fixture anyway) sizes the
// heap from what the fixture really holds. Not after a reload: hovers and completion are answered
// during it, and the collection held them 70-170 ms at the switch; without it V8 collects the old
// fixture on its own and the server ended no bigger (bench/README.md "Issue 18, seventh pass").

import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const given = process.execArgv.some((a) => a.startsWith('--heap-growing-percent'));
/** Clusters from this many nodes keep V8's default growth (lsp/features/diagnostics.ts STAGED_MIN_NODES). */
export const DEFAULT_GROWTH_MIN_NODES = 1000;
const SMALL_CLUSTER_PERCENT = 60;

let current: number | undefined;

/** Sets the growth for a fixture of `nodes` nodes (0: V8's default). */
export function heapGrowthFor(nodes: number): number | undefined {
  if (given) return undefined;
  const percent = nodes >= DEFAULT_GROWTH_MIN_NODES ? 0 : SMALL_CLUSTER_PERCENT;
  if (percent !== current) setFlagsFromString(`--heap-growing-percent=${percent}`);
  current = percent;
  return percent;
}

/** V8's own `gc` (null where it cannot be had), obtained once: --expose-gc takes effect in a new context. */
let fullCollection: (() => void) | null | undefined;

/** The heap in use right after the last collection this module ran (bytes; 0 before any). */
let liveAfterCollection = 0;

/**
 * After the server's first fixture, of `nodes` nodes, has loaded: one full collection when it is big
 * (from DEFAULT_GROWTH_MIN_NODES); small fixtures pay nothing. Returns the milliseconds it took, or
 * undefined when nothing ran.
 */
export function collectAfterLoad(nodes: number): number | undefined {
  return nodes >= DEFAULT_GROWTH_MIN_NODES ? collect() : undefined;
}

/**
 * Near the end of a document's first (staged) analysis on a big cluster (lsp/features/diagnostics.ts:
 * before the spread stage's last two parts, or before the last publish when there are fewer): the
 * analysis leaves about twice the live heap behind (~270 MB in use for ~120 MB live on 5,000 nodes),
 * and V8 collected it by incremental marking during the user's first edits, which then took 50-90 ms
 * instead of ~15 (bench lsp/diagnostics/2000lines/5000nodes). Skipped when the heap in use is not
 * much above what the last collection here left (V8 has just collected it itself, or there is
 * little to collect). Returns the milliseconds it took, or undefined when nothing ran.
 */
export function collectAfterFirstAnalysis(nodes: number): number | undefined {
  if (nodes < DEFAULT_GROWTH_MIN_NODES) return undefined;
  if (liveAfterCollection > 0 && getHeapStatistics().used_heap_size < LEFT_BEHIND * liveAfterCollection) return undefined;
  return collect();
}

/** How many times the live heap a first analysis must leave in use to be collected near its end. */
const LEFT_BEHIND = 1.6;

function collect(): number | undefined {
  if (fullCollection === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      // The fixed source 'gc' names the function V8 installs in a context created with the flag on.
      const gc: unknown = runInNewContext('gc');
      fullCollection = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      fullCollection = null;
    }
  }
  if (!fullCollection) return undefined;
  const started = Date.now();
  fullCollection();
  liveAfterCollection = getHeapStatistics().used_heap_size;
  return Date.now() - started;
}
