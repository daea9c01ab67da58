// NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable): rejects cordoned nodes
// (spec.unschedulable) unless the pod tolerates the taint the node lifecycle controller puts on
// them, node.kubernetes.io/unschedulable:NoSchedule. The taint itself need not be present: the
// plugin matches the pod's tolerations against a synthetic taint with an empty value.

import { TAINT_UNSCHEDULABLE, type Taint } from '../api';
import { SUCCESS, unresolvable, type PluginFactory } from '../framework';
import { tolerationsTolerateTaint } from '../tolerations';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT: Taint = { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' };

export const NodeUnschedulable: PluginFactory = (handle) => {
  const comparisonOperators = !!handle.env.gates.TaintTolerationComparisonOperators;
  return {
    name: 'NodeUnschedulable',
    filter(_state, pod, node) {
      if (!node.unschedulable) return SUCCESS;
      if (tolerationsTolerateTaint(pod.pod.spec?.tolerations, UNSCHEDULABLE_TAINT, { comparisonOperators })) return SUCCESS;
      // Unresolvable: preemption cannot uncordon a node.
      return unresolvable(ERR_REASON_UNSCHEDULABLE);
    },
  };
};
