// NodePorts (pkg/scheduler/framework/plugins/nodeports): a node fits only if none of the pod's host
// ports is already taken there. A port is (hostIP, protocol, hostPort); an empty hostIP means the
// wildcard 0.0.0.0 and an empty protocol TCP. The wildcard conflicts with every IP and vice versa.

import type { ContainerPort, Pod } from '../api';
import { SKIP, SUCCESS, errorStatus, unschedulable, type PluginFactory } from '../framework';

export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

const PRE_FILTER_KEY = 'PreFilterNodePorts';
const BIND_ALL = '0.0.0.0';

/**
 * schedutil.GetHostPorts: ports with hostPort > 0 of the containers and of the restartable
 * ("sidecar") init containers, the only init containers that keep running next to the pod.
 */
export function getHostPorts(pod: Pod): ContainerPort[] {
  const out: ContainerPort[] = [];
  const take = (ports: ContainerPort[] | null | undefined) => {
    for (const p of ports ?? []) if (p && (p.hostPort ?? 0) > 0) out.push(p);
  };
  for (const c of pod.spec?.initContainers ?? []) if (c?.restartPolicy === 'Always') take(c.ports);
  for (const c of pod.spec?.containers ?? []) take(c?.ports);
  return out;
}

/** fwk.HostPortInfo: hostIP -> set of "PROTOCOL/port". */
type HostPortInfo = Map<string, Set<string>>;

const protocolPort = (p: ContainerPort) => `${p.protocol || 'TCP'}/${p.hostPort}`;

function usedPorts(pods: readonly { pod: Pod }[]): HostPortInfo {
  const used: HostPortInfo = new Map();
  for (const { pod } of pods) {
    for (const p of getHostPorts(pod)) {
      const ip = p.hostIP || BIND_ALL;
      let set = used.get(ip);
      if (!set) used.set(ip, (set = new Set()));
      set.add(protocolPort(p));
    }
  }
  return used;
}

/** HostPortInfo.CheckConflict. */
function conflicts(used: HostPortInfo, p: ContainerPort): boolean {
  const pp = protocolPort(p);
  const ip = p.hostIP || BIND_ALL;
  // Wanting the wildcard collides with the same protocol/port on any IP.
  if (ip === BIND_ALL) {
    for (const set of used.values()) if (set.has(pp)) return true;
    return false;
  }
  // A specific IP collides with that IP and with the wildcard.
  return !!used.get(BIND_ALL)?.has(pp) || !!used.get(ip)?.has(pp);
}

export const NodePorts: PluginFactory = () => ({
  name: 'NodePorts',

  preFilter(state, pod) {
    const want = getHostPorts(pod.pod);
    // No host ports: nothing can conflict, Filter is skipped for this pod.
    if (want.length === 0) return SKIP;
    state.write(PRE_FILTER_KEY, want);
    return SUCCESS;
  },

  filter(state, _pod, node) {
    const want = state.read<ContainerPort[]>(PRE_FILTER_KEY);
    // Upstream fails the same way when PreFilter did not run (fwk.ErrNotFound).
    if (!want) return errorStatus(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
    const used = usedPorts(node.pods);
    for (const p of want) if (conflicts(used, p)) return unschedulable(ERR_REASON_NODE_PORTS);
    return SUCCESS;
  },
});
