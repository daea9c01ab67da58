// DaemonSets: one pod per node the DaemonSet controller selects, each pinned to its node
// (pkg/controller/daemon: nodeShouldRunDaemonPod, and util.ReplaceDaemonSetPodNodeNameNodeAffinity;
// tolerations added by AddOrUpdateDaemonPodTolerations). Spread constraints then only decide
// whether each pinned pod may stay on its node.

import type { NodeSelectorTerm, Pod, Toleration } from '../api';
import type { Cluster } from '../cluster';
import type { SchedulerEnv } from '../framework';
import { RequiredNodeAffinity } from '../selectors';
import { findUntoleratedTaint, isDoNotScheduleTaint } from '../tolerations';

/** Tolerations the controller adds to every daemon pod (NoExecute ones without tolerationSeconds). */
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

function pinToNode(pod: Pod, nodeName: string, i: number): Pod {
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const field = { key: 'metadata.name', operator: 'In', values: [nodeName] };
  const terms: NodeSelectorTerm[] = (required?.nodeSelectorTerms ?? []).length
    ? (required!.nodeSelectorTerms ?? []).map((t) => ({ ...t, matchFields: [field] }))
    : [{ matchFields: [field] }];
  const tolerations = [...(pod.spec.tolerations ?? [])];
  for (const t of DAEMON_TOLERATIONS) tolerations.push(t);
  return {
    ...pod,
    metadata: { ...pod.metadata, name: `${pod.metadata.name ?? 'daemon'}-${i}` },
    spec: {
      ...pod.spec,
      tolerations,
      affinity: {
        ...pod.spec.affinity,
        nodeAffinity: { ...pod.spec.affinity?.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
      },
    },
  };
}

export function daemonSetPods(cluster: Cluster, template: Pod, env: SchedulerEnv): { pods: Pod[]; skipped: Record<string, string> } {
  const pods: Pod[] = [];
  const skipped: Record<string, string> = {};
  const affinity = new RequiredNodeAffinity(template);
  const tolerations = [...(template.spec.tolerations ?? []), ...DAEMON_TOLERATIONS];
  for (const n of cluster.nodes) {
    if (!affinity.matches(n.node)) {
      skipped[n.name] = "node doesn't match the DaemonSet's node selector/affinity";
      continue;
    }
    const taint = findUntoleratedTaint(n.taints, tolerations, isDoNotScheduleTaint, { comparisonOperators: env.gates.TaintTolerationComparisonOperators });
    if (taint) {
      skipped[n.name] = `node has taint ${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect} the DaemonSet does not tolerate`;
      continue;
    }
    pods.push(pinToNode(template, n.name, pods.length));
  }
  return { pods, skipped };
}
