// NodeName (pkg/scheduler/framework/plugins/nodename): a pod that names a node fits only that node.
//
// Not modelled: upstream's PreFilter that narrows the candidate set to spec.nodeName (the framework
// then reports every other node as "node(s) didn't satisfy plugin(s) [NodeName]" without filtering
// it). The engine's PreFilter contract has no PreFilterResult; Filter gives the same feasibility.
// Note that the real scheduler never attempts a pod created with spec.nodeName set: such a pod is
// bound already and only the kubelet admits it.

import { SUCCESS, unresolvable, type PluginFactory } from '../framework';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export const NodeName: PluginFactory = () => ({
  name: 'NodeName',
  filter(_state, pod, node) {
    const wanted = pod.nodeName;
    if (!wanted || wanted === node.name) return SUCCESS;
    return unresolvable(ERR_REASON_NODE_NAME);
  },
});
