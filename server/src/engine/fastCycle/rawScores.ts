// One node-local plugin's raw scores by node position, kept in the fast cycle's node-local cache
// between cycles of one pod spec, with the two counts that tell score.ts, without a pass over the
// feasible nodes, that every node has the same raw score (a plugin that normalizes uniformly then adds nothing).

import type { NodeInfo, PodInfo } from '../cluster';
import type { CycleState, Plugin } from '../framework';

export class RawScores {
  /** Raw score by node position; NaN: not computed (or the plugin gave something that is not a number). */
  readonly values: Float64Array;
  /** The first raw score computed (NaN before): `differ` counts the known scores other than it. */
  private ref = NaN;
  private differ = 0;
  /** Positions without a known score. */
  private unknown: number;

  constructor(nodes: number, from?: RawScores) {
    this.values = from ? from.values.slice() : new Float64Array(nodes).fill(NaN);
    this.unknown = from ? from.unknown : nodes;
    if (from) {
      this.ref = from.ref;
      this.differ = from.differ;
    }
  }

  /** The plugin's raw score on the node at `at`, computed on first use (a result that is not a number is not kept: asked again). */
  get(at: number, plugin: Plugin, state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const v = this.values[at];
    if (!Number.isNaN(v)) return v;
    const score = plugin.score!(state, pod, node);
    if (typeof score === 'number' && !Number.isNaN(score)) {
      this.values[at] = score;
      this.unknown--;
      if (Number.isNaN(this.ref)) this.ref = score;
      if (score !== this.ref) this.differ++;
    }
    return score;
  }

  /** Forgets the score of the node at `at` (a pod joined or left it). */
  drop(at: number): void {
    const v = this.values[at];
    if (Number.isNaN(v)) return;
    this.values[at] = NaN;
    this.unknown++;
    if (v !== this.ref) this.differ--;
  }

  /** Whether every node's score is known. */
  get complete(): boolean {
    return this.unknown === 0;
  }

  /**
   * The score every node has, when every node's score is known and each is the first score ever
   * computed here; undefined otherwise (the caller then compares the scores it needs). Never a value
   * some node does not have.
   */
  get uniform(): number | undefined {
    return this.unknown === 0 && this.differ === 0 ? this.ref : undefined;
  }
}
