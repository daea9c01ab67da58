// helper.DefaultNormalizeScore (pkg/scheduler/framework/plugins/helper/normalize_score.go):
// scales raw scores from [0, max] to [0, MAX_NODE_SCORE] with Go int64 division, optionally reversed.
// Shared by TaintToleration (reversed) and NodeAffinity.

import { MAX_NODE_SCORE, type NodeScore } from '../framework';

export function defaultNormalizeScore(scores: NodeScore[], reverse: boolean, maxPriority = MAX_NODE_SCORE): void {
  let maxCount = 0;
  for (const s of scores) if (s.score > maxCount) maxCount = s.score;
  if (maxCount === 0) {
    // Nothing to scale; a reversed list means "no node is penalised": everybody gets the maximum.
    if (reverse) for (const s of scores) s.score = maxPriority;
    return;
  }
  for (const s of scores) {
    // Raw scores are non-negative integers, so truncation equals Go's integer division.
    const scaled = Math.trunc((maxPriority * s.score) / maxCount);
    s.score = reverse ? maxPriority - scaled : scaled;
  }
}
