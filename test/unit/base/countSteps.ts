// Shared by the tests of computations written as steps (server/src/base/steps.ts): runs the steps to
// the end, as drain does, and counts the yields (each one a place the language server may pause).

import type { Steps } from '../../../server/src/base/steps';

export function drainCounting<T>(steps: Steps<T>): { value: T; yields: number } {
  let yields = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) return { value: r.value, yields };
    yields++;
  }
}
