// What every analysis needs: the cluster fixture, the Kubernetes version and gates, the profile.
// Built once per fixture/settings change by the CLI or the language server.

import type { ReplicationController, SelectorOwner } from '../engine/api';
import { Cluster } from '../engine/cluster';
import type { SchedulerEnv } from '../engine/framework';
import { defaultProfile, type Profile } from '../engine/profile';
import { defaultEnv } from '../engine/versions';
import type { LoadedFixture } from '../fixture';

export interface AnalysisContext {
  fixture: LoadedFixture;
  env: SchedulerEnv;
  profile: Profile;
  /** The fixture as a snapshot, built once; analyses fork it before changing anything. */
  cluster: Cluster;
}

export function makeContext(fixture: LoadedFixture, env: SchedulerEnv = defaultEnv(), profile: Profile = defaultProfile()): AnalysisContext {
  return { fixture, env, profile, cluster: Cluster.build(fixture.input) };
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
  return { version: `1.${ctx.env.minor}`, featureGates: { ...ctx.env.gates }, profile: ctx.profile.schedulerName };
}
