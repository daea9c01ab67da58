// Long computations written once as generators that `yield` at safe points, run two ways: all at once
// (`drain`: the CLI, tests) or a slice at a time (`runInSlices`: the language server, which must answer
// hovers while a 150,000-pod fixture loads). Both ways run the same code, so their results are the same.

/** A computation that yields (nothing) where it may be paused, and returns a T. */
export type Steps<T> = Generator<void, T, void>;

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
