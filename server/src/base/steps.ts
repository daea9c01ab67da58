// Long computations written once as generators that `yield` at safe points, run two ways: all at once
// (`drain`: the CLI, tests) or a slice at a time (`runInSlices`: the language server, which must answer
// hovers while a 150,000-pod fixture loads). Both ways run the same code, so their results are the same.

/** A computation that yields (nothing) where it may be paused, and returns a T. */
export type Steps<T> = Generator<void, T, void>;

/**
 * Steps that run `each(from, to)` over [0, count) in runs of `run` items, yielding between runs. The
 * loop over the items stays in a plain function: V8 runs a hot loop inside a generator ~25 % slower
 * (a generator called once is not optimized mid-loop), and the CLI drains these loads too.
 */
export function* inRuns(count: number, run: number, each: (from: number, to: number) => void): Steps<void> {
  for (let from = 0; from < count; from += run) {
    if (from > 0) yield;
    each(from, Math.min(count, from + run));
  }
}

/** Runs the steps to the end without pausing. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs the steps in slices of about `sliceMs` milliseconds, awaiting `pause()` between slices (the event
 * loop then handles what arrived meanwhile). A slice ends at the first yield after its time is up, so a
 * computation should yield every millisecond or so.
 */
export async function runInSlices<T>(steps: Steps<T>, pause: () => Promise<void>, sliceMs: number, stats?: SliceStats, now: () => number = () => performance.now()): Promise<T> {
  let start = now();
  let end = start + sliceMs;
  const done = (t: number) => {
    if (!stats) return;
    stats.slices++;
    stats.longestMs = Math.max(stats.longestMs, t - start);
  };
  for (;;) {
    const r = steps.next();
    const t = now();
    if (r.done) {
      done(t);
      return r.value;
    }
    if (t >= end) {
      done(t);
      await pause();
      start = now();
      end = start + sliceMs;
    }
  }
}

/** How a run in slices went (the language server logs it with each fixture load). */
export interface SliceStats {
  slices: number;
  /** The longest slice: how long the thread was held at most. */
  longestMs: number;
}
