// Deferred first cycles of a release run (placeRelease with lazyFirstCycles). A member's first cycle
// is kept whole (SimulationResult.firstCycle, and unusableNodes read off it): a full explain cycle
// over every node, the costliest cycle of a run, repeated for every member on every edit although
// the editor's diagnostics never read it. Deferred, the run decides with the simulation's cycle
// (Scheduler.scheduleFast: the same tie set, reasons and messages; fast-cycle-properties test), and the
// full cycle is computed when either field is first read: on a fork of the run's cluster with every
// pod placed after that cycle taken back out, newest first, which gives the cluster the cycle saw
// (the same pods on every node in the same order, the same resource sums).
//
// Exact only while the run has just added pods since: placeRelease computes the deferred cycles
// before preemption removes pods and before a pod binds volumes (neither is taken back by removing
// the pod). Every deferred cycle of a run is computed at once, on one fork.
// test/unit/engine/lazy-first-cycles-properties.test.ts compares them with the eager run.
//
// Keeping the run's cluster for a read that may never come costs a whole fork per simulation (~3 MB
// on 5,000 nodes; the editor memoizes a simulation per document). A run that started on a fresh fork
// and deferred nothing but cycles before its first change can instead say how to make that fork again
// (`restart`): once the run is over (`detach`), the cycles are computed on a new one and the run's
// cluster is let go.

import type { Pod } from './api';
import type { Cluster } from './cluster';
import type { CycleResult } from './cycleTypes';
import type { SchedulerEnv } from './framework';
import type { Profile } from './profile';
import { Scheduler } from './scheduler';
import type { SimulationResult } from './simulationResult';

interface Deferred {
  result: SimulationResult;
  /** The run's scheduler's env and profile (a scheduler is made on the rewound cluster). */
  env: SchedulerEnv;
  profile: Profile;
  pod: Pod;
  /** cluster.changeLog length when the cycle ran. */
  generation: number;
  /** Which fields still wait for the cycle. */
  unusable: boolean;
  first: boolean;
}

type Field = 'unusableNodes' | 'firstCycle';

/** unusableNodes as placeRelease reads it off a member's first cycle (the eager path does the same). */
function unusableOf(first: CycleResult): Record<string, string> {
  const unusable: Record<string, string> = {};
  for (const ev of first.nodes) {
    const bad = ev.filters.find((f) => f.code === 'UnschedulableAndUnresolvable');
    if (bad) unusable[ev.name] = `${bad.plugin}: ${bad.reason ?? bad.code}`;
  }
  return unusable;
}

function setData<K extends Field>(result: SimulationResult, key: K, value: SimulationResult[K]): void {
  Object.defineProperty(result, key, { value, writable: true, enumerable: true, configurable: true });
}

export class DeferredFirstCycles {
  private pending: Deferred[] = [];
  /** The run's cluster; undefined once detached onto `restart`. */
  private cluster: Cluster | undefined;

  /**
   * `restart`, when given: a new fork equal to `cluster` as it was before its first change (the same
   * nodes, pods, owners and storage), used instead of rewinding `cluster` after `detach`.
   */
  constructor(cluster: Cluster, private readonly restart?: () => Cluster) {
    this.cluster = cluster;
  }

  /** The member's first cycle (pod, on the cluster as it is now) becomes its result's firstCycle and unusableNodes when read. */
  defer(result: SimulationResult, scheduler: Scheduler, pod: Pod): void {
    if (!this.cluster) throw new Error('DeferredFirstCycles: defer after detach');
    const { env } = scheduler.handle;
    this.pending.push({ result, env, profile: scheduler.profile, pod, generation: this.cluster.changeLog.length, unusable: true, first: true });
    for (const key of ['unusableNodes', 'firstCycle'] as const) {
      Object.defineProperty(result, key, {
        enumerable: true,
        configurable: true,
        get: () => {
          this.materialize(key);
          return result[key];
        },
        set: (v: SimulationResult[typeof key]) => setData(result, key, v),
      });
    }
  }

  /**
   * Computes the deferred cycles now (every member's at once, on one fork rewound step by step, newest
   * cycle first) and sets `fields` from them. Only what is asked for is kept: the whole first cycle
   * holds a verdict per filter and node, which nothing reading unusableNodes needs.
   */
  materialize(...fields: Field[]): void {
    const wanted = fields.length ? fields : (['unusableNodes', 'firstCycle'] as Field[]);
    const list = this.pending
      .filter((d) => (wanted.includes('unusableNodes') && d.unusable) || (wanted.includes('firstCycle') && d.first))
      .sort((a, b) => b.generation - a.generation);
    if (list.length === 0) return;
    // Detached: every cycle was deferred before the first change, which a new fork is as it was.
    const log = this.cluster?.changeLog ?? [];
    const fork = this.cluster ? this.cluster.fork() : this.restart!();
    let at = log.length;
    for (const d of list) {
      while (at > d.generation) {
        const ch = log[--at];
        // Within a run only additions lie after a deferred cycle (see the header); a removal made
        // after the run (none does today) is put back.
        if (ch.delta === 1) fork.remove(ch.pod);
        else fork.restore(ch.pod);
      }
      // unusableNodes reads the filter verdicts only: the scores are computed when firstCycle is wanted.
      const filtersOnly = !(wanted.includes('firstCycle') && d.first);
      const first = new Scheduler({ cluster: fork, env: d.env }, d.profile).schedule(d.pod, { filtersOnly });
      if (wanted.includes('unusableNodes') && d.unusable) {
        setData(d.result, 'unusableNodes', unusableOf(first));
        d.unusable = false;
      }
      if (wanted.includes('firstCycle') && d.first) {
        setData(d.result, 'firstCycle', first);
        d.first = false;
      }
    }
    this.pending = this.pending.filter((d) => d.unusable || d.first);
  }

  /**
   * The run is over: with `restart`, and when every deferred cycle came before the cluster's first
   * change, the run's cluster is no longer kept. Otherwise nothing changes.
   */
  detach(): void {
    if (this.restart && this.cluster && this.pending.every((d) => d.generation === 0)) this.cluster = undefined;
  }
}
