// The engine-facing view of one schedulable object: how to build each replica's pod, how many
// replicas, and the controller object the scheduler would find as the pod's owner.

import type { PersistentVolumeClaim, Pod, ReplicationController, SelectorOwner } from '../engine';

export interface WorkloadSpec {
  kind: string;
  name: string;
  namespace: string;
  /** undefined for a DaemonSet (one pod per eligible node). */
  replicas: number | undefined;
  /** Template labels (without controller-added ones). */
  labels: Record<string, string>;
  podFor(i: number): Pod;
  /** The claims the controller creates with replica i (StatefulSet volumeClaimTemplates); absent: none. */
  claimsFor?(i: number): PersistentVolumeClaim[];
  owners: (SelectorOwner | ReplicationController)[];
  orderedReady: boolean;
  /** 0-based YAML document index in its file. */
  document: number;
}
