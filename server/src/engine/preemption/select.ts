// The choice among preemption candidates (pkg/scheduler/framework/preemption/preemption.go,
// SelectCandidate -> pickOneNodeForPreemption, kubernetes master 00e6d95). Each criterion keeps the
// nodes with the best score; the next one only breaks ties:
//  1. fewest PodDisruptionBudget violations;
//  2. the lowest priority of the most important victim;
//  3. the smallest sum of victim priorities (each + MaxInt32 + 1, so negative priorities add up right);
//  4. the fewest victims;
//  5. the latest start time of the most important victims (util.GetEarliestPodStartTime);
//  6. "the first such node": the candidates come from a map, so any of the remaining ones.
// Upstream dry-runs only a sample of the potential nodes (GetOffsetAndNumCandidates: a random offset,
// at least max(10% of them, 100) candidates) in a random order (NodeToStatus is a map). kube-spread
// dry-runs every potential node, nominates the best candidate (smallest name among equals) and
// reports every node the scheduler could have nominated: a candidate is possible when some sample
// can make it the best, i.e. when at least min(numCandidates, all candidates) candidates are not
// better than it (itself included) and, if any candidate violates no budget, it violates none
// (the sample then always holds one that violates none, which beats every violating one).

import { byteOrder } from '../fitError';
import type { RankedPod } from '../plugins/defaultpreemption/defaultPreemption';

export interface Candidate {
  node: string;
  /** By descending importance. */
  victims: RankedPod[];
  numPDBViolations: number;
}

const MAX_INT32_PLUS_1 = 2147483648;

/** The criteria of pickOneNodeForPreemption as a key: smaller is better, compared in order. */
export function candidateKey(c: Candidate): number[] {
  const top = c.victims[0];
  let sum = 0;
  for (const v of c.victims) sum += v.priority + MAX_INT32_PLUS_1;
  // GetEarliestPodStartTime: the earliest start among the victims at the highest priority.
  let earliest = Infinity;
  for (const v of c.victims) if (v.priority === top.priority && v.startTime < earliest) earliest = v.startTime;
  return [c.numPDBViolations, top.priority, sum, c.victims.length, -earliest];
}

/** <0 when a is the better candidate, 0 when pickOneNodeForPreemption cannot tell them apart. */
export function compareCandidates(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      // -Infinity (no start time at all) equals itself; NaN never happens (finite inputs).
      return a[i] < b[i] ? -1 : 1;
    }
  }
  return 0;
}

export interface Choice {
  candidate: Candidate;
  /** Candidates equal to the chosen one on every criterion (upstream picks any of them). */
  ties: string[];
  /** Every node the scheduler could nominate, given its random sample (see the header); includes ties. */
  equallyPossible: string[];
}

/** pickOneNodeForPreemption over every candidate, deterministic; undefined when there is none. */
export function pickOneNodeForPreemption(candidates: readonly Candidate[], numCandidates: number): Choice | undefined {
  if (candidates.length === 0) return undefined;
  const keys = candidates.map(candidateKey);
  let best = 0;
  for (let i = 1; i < candidates.length; i++) {
    const c = compareCandidates(keys[i], keys[best]);
    if (c < 0 || (c === 0 && byteOrder(candidates[i].node, candidates[best].node) < 0)) best = i;
  }
  const ties = candidates.filter((_, i) => compareCandidates(keys[i], keys[best]) === 0).map((c) => c.node).sort(byteOrder);
  if (numCandidates >= candidates.length) return { candidate: candidates[best], ties, equallyPossible: ties };
  const need = numCandidates;
  const anyClean = candidates.some((c) => c.numPDBViolations === 0);
  const equallyPossible = candidates.filter((c, i) => {
    if (anyClean && c.numPDBViolations > 0) return false;
    let notBetter = 0;
    for (let j = 0; j < candidates.length; j++) if (compareCandidates(keys[j], keys[i]) >= 0) notBetter++;
    return notBetter >= need;
  }).map((c) => c.node).sort(byteOrder);
  return { candidate: candidates[best], ties, equallyPossible };
}
