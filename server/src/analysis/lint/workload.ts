// Rules about the pod spec as a whole (spread-semantics.md §4.6, §5.2, §7.1; §8 L23, L24):
// no constraints, constraints on a DaemonSet, and spec.nodeName (no scheduler).

import type { Finding } from '../../base/finding';
import { finding, str, type LintInput } from './input';

const OWNED_BY_CONTROLLER: Record<string, string> = {
  Deployment: 'its ReplicaSet',
  ReplicaSet: 'the ReplicaSet',
  StatefulSet: 'the StatefulSet',
  ReplicationController: 'the ReplicationController',
};

export function workloadRules(input: LintInput): Finding[] {
  const out: Finding[] = [];
  const { spec, w } = input;
  const list = spec.topologySpreadConstraints;
  const count = Array.isArray(list) ? list.length : 0;
  const specPath = input.workload.podSpecPath;
  const nodeName = str(spec.nodeName);

  if (nodeName) {
    // The API server binds such a pod directly: kube-scheduler never runs, so neither do its constraints.
    if (count > 0) {
      out.push(finding(input, 'lint/nodeName-set', 'warning',
        `spec.nodeName is set (${nodeName}): the pod is bound to that node without kube-scheduler, so its topologySpreadConstraints are never evaluated`,
        [...specPath, 'nodeName'], 'key', { fix: 'remove-field' }));
    }
    return out;
  }

  // spec.schedulingGates (L27) is reported by the simulation (spread/unschedulable: waiting for scheduling gates).

  if (w.kind === 'DaemonSet') {
    if (count > 0) {
      const hard = Array.isArray(list) && list.some((c) => c && typeof c === 'object' && (c as Record<string, unknown>).whenUnsatisfiable === 'DoNotSchedule');
      out.push(finding(input, 'lint/daemonset-constraints', hard ? 'warning' : 'information',
        hard
          ? 'DaemonSet pods are each pinned to their own node, so spread constraints cannot move them: a DoNotSchedule constraint can only leave some nodes without their daemon pod'
          : 'DaemonSet pods are each pinned to their own node, so ScheduleAnyway constraints have no effect',
        [...specPath, 'topologySpreadConstraints'], 'key', { fix: 'remove-field' }));
    }
    return out;
  }

  // L23: several replicas and nothing that spreads them (bare Pods are one replica).
  if (count === 0 && (w.replicas ?? 0) >= 2) {
    const owner = OWNED_BY_CONTROLLER[w.kind];
    const at = input.doc.has([...specPath, 'topologySpreadConstraints']) ? [...specPath, 'topologySpreadConstraints'] : specPath;
    out.push(finding(input, 'lint/no-constraints', 'information',
      owner
        ? `No topologySpreadConstraints: only the scheduler's default soft spreading applies (ScheduleAnyway, kubernetes.io/hostname maxSkew 3 and topology.kubernetes.io/zone maxSkew 5, counting pods selected by ${owner} and matching Services), so nothing stops all ${w.replicas} replicas landing in one zone`
        : `No topologySpreadConstraints: ${w.kind} pods get no default spreading unless a Service selects them, so the ${w.replicas} pods are placed without regard to zones or nodes`,
      at, 'key'));
  }
  return out;
}
