// What every analysis needs: the cluster fixture, the Kubernetes version and gates, the profile.
// Built once per fixture/settings change by the CLI or the language server.

import type { ReplicationController, SelectorOwner } from '../engine';
import { Cluster } from '../engine';
import type { SchedulerEnv } from '../engine';
import type { Pod } from '../engine';
import { defaultProfile, type Profile } from '../engine';
import { profileForPod, type SchedulerSetup } from '../engine';
import { defaultEnv } from '../engine';
import type { LoadedFixture } from '../fixture';
import type { Steps } from '../base/steps';

export interface AnalysisContext {
  fixture: LoadedFixture;
  env: SchedulerEnv;
  profile: Profile;
  /** The fixture as a snapshot, built once; analyses fork it before changing anything. */
  cluster: Cluster;
  /** Every profile of the scheduler configuration (engine/config/); `profile` is the one in use. */
  scheduler?: SchedulerSetup;
}

export function makeContext(fixture: LoadedFixture, env: SchedulerEnv = defaultEnv(), profile?: Profile, scheduler?: SchedulerSetup): AnalysisContext {
  const p = profile ?? (scheduler && (profileForPod(scheduler, undefined) ?? scheduler.profiles[0])) ?? defaultProfile();
  const ahead = prebuilt.get(fixture);
  prebuilt.delete(fixture);
  return { fixture, env, profile: p, cluster: ahead ?? Cluster.build(fixture.input), ...(scheduler ? { scheduler } : {}) };
}

/**
 * Snapshots built ahead of their first use, each taken by the next context made for its fixture (a
 * second context, for other settings, builds its own as it always did). The language server builds a
 * big fixture's snapshot a slice at a time before it switches to the fixture (lsp/state/fixtures.ts),
 * so that the switch does not hold its thread (~0.3 s on 5,000 nodes and 150,000 pods, ~0.7 s on 15,000).
 */
const prebuilt = new WeakMap<LoadedFixture, Cluster>();

/** Builds the fixture's snapshot for its next context (makeContext), yielding between runs of objects (base/steps.ts); returns it. */
export function* prebuildSnapshot(fixture: LoadedFixture): Steps<Cluster> {
  let cluster = prebuilt.get(fixture);
  if (!cluster) prebuilt.set(fixture, (cluster = yield* Cluster.building(fixture.input)));
  return cluster;
}

/** The context with the profile that schedules this workload's pods (spec.schedulerName); unchanged when no profile has that name (the Scheduler then reports the pod as not handled). */
export function forWorkload(ctx: AnalysisContext, w: { podFor(i: number): Pod }): AnalysisContext {
  const p = ctx.scheduler ? profileForPod(ctx.scheduler, w.podFor(0)) : undefined;
  return p && p !== ctx.profile ? { ...ctx, profile: p } : ctx;
}

/**
 * A fork of the fixture's cluster that also knows the workload's synthesized controller (its
 * ReplicaSet / StatefulSet / RC), so the scheduler's default spreading sees it as in a real cluster.
 */
export function clusterFor(ctx: AnalysisContext, owners: (SelectorOwner | ReplicationController)[]): Cluster {
  // Forking the snapshot gives what Cluster.build(input + owners) gives, without rebuilding every PodInfo.
  return ctx.cluster.fork(owners);
}

export function clusterInfo(ctx: AnalysisContext) {
  return {
    source: ctx.fixture.source,
    embedded: ctx.fixture.embedded,
    nodes: ctx.cluster.nodes.length,
    pods: ctx.cluster.podCount,
  };
}

export function kubernetesInfo(ctx: AnalysisContext) {
  return {
    version: `1.${ctx.env.minor}`, featureGates: { ...ctx.env.gates }, profile: ctx.profile.schedulerName,
    ...(ctx.scheduler && ctx.scheduler.source !== 'default' ? { schedulerConfig: ctx.scheduler.source } : {}),
  };
}
