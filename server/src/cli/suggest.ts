// "did you mean --replicas?": the known flag nearest to a mistyped one, by edit distance.

import { editDistance } from '../analysis';

/**
 * The flag the user most likely meant: within a third of its length in edits (at least 1, at most 3),
 * or one the typed text is the start of (`--k8s` for `--k8s-version`). Undefined when nothing is close.
 */
export function suggestFlag(typed: string, known: readonly string[]): string | undefined {
  const word = typed.toLowerCase();
  if (word === '') return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = name.startsWith(word) && word.length >= 3 ? 0.5 : editDistance(word, name);
    const allowed = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
    if (distance <= allowed && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
