import { strict as assert } from 'node:assert';
import type { ContainerPort, Pod } from '../../../server/src/engine/api';
import { Cluster, makePodInfo } from '../../../server/src/engine/cluster';
import { CycleState } from '../../../server/src/engine/framework';
import { NodePorts } from '../../../server/src/engine/plugins/nodePorts';
import { defaultEnv } from '../../../server/src/engine/versions';
import { makeNode, makePod } from '../builders';
import type { FilterCase } from '../harness';
import { assertFilter } from './pluginAsserts';

const FILE = 'nodeports/node_ports_test.go';
const CONFLICT = { code: 'Unschedulable' as const, reasons: ["node(s) didn't have free ports for the requested pod ports"] };

/** Upstream's newPod(host, "PROTO/IP/PORT"...): one container holding all the ports. */
function podWithPorts(name: string, ...specs: string[]): Pod {
  const ports: ContainerPort[] = specs.map((s) => {
    const [protocol, hostIP, port] = s.split('/');
    return { hostIP, hostPort: Number(port), protocol };
  });
  return makePod(name).container({ name: 'c', ports }).build();
}

const bindTo = (pod: Pod, node: string): Pod => ({ ...pod, spec: { ...pod.spec, nodeName: node } });

/** The incoming pod and one node whose only pod uses `existing` ports. */
function portsCase(fn: string, name: string, pod: Pod, existing: string[], conflict: boolean): FilterCase {
  return {
    name,
    source: `${FILE} ${fn}`,
    pod,
    nodes: [makeNode('node1').build()],
    existingPods: [bindTo(podWithPorts('existing', ...existing), 'node1')],
    want: conflict ? { node1: CONFLICT } : {},
  };
}

function initContainerPod(sidecar: boolean): Pod {
  const pod = makePod('init').build();
  pod.spec.initContainers = [{ name: 'i', ports: [{ containerPort: 8001, hostPort: 8001, protocol: 'TCP' }], restartPolicy: sidecar ? 'Always' : undefined }];
  return pod;
}

const T = 'TestNodePorts';
const table: FilterCase[] = [
  { name: 'skip filter', source: `${FILE} ${T}`, pod: makePod().build(), nodes: [makeNode('node1').build()], wantPreFilter: { code: 'Skip' }, want: {} },
  portsCase(T, 'other port', podWithPorts('m1', 'UDP/127.0.0.1/8080'), ['UDP/127.0.0.1/9090'], false),
  portsCase(T, 'same udp port', podWithPorts('m1', 'UDP/127.0.0.1/8080'), ['UDP/127.0.0.1/8080'], true),
  portsCase(T, 'same tcp port', podWithPorts('m1', 'TCP/127.0.0.1/8080'), ['TCP/127.0.0.1/8080'], true),
  portsCase(T, 'different host ip', podWithPorts('m1', 'TCP/127.0.0.1/8080'), ['TCP/127.0.0.2/8080'], false),
  portsCase(T, 'different protocol', podWithPorts('m1', 'UDP/127.0.0.1/8080'), ['TCP/127.0.0.1/8080'], false),
  portsCase(T, 'second udp port conflict', podWithPorts('m1', 'UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'), ['UDP/127.0.0.1/8080'], true),
  portsCase(T, 'first tcp port conflict', podWithPorts('m1', 'TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'), ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081'], true),
  portsCase(T, 'first tcp port conflict due to 0.0.0.0 hostIP', podWithPorts('m1', 'TCP/0.0.0.0/8001'), ['TCP/127.0.0.1/8001'], true),
  portsCase(T, 'TCP hostPort conflict due to 0.0.0.0 hostIP', podWithPorts('m1', 'TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'), ['TCP/127.0.0.1/8001'], true),
  portsCase(T, 'second tcp port conflict to 0.0.0.0 hostIP', podWithPorts('m1', 'TCP/127.0.0.1/8001'), ['TCP/0.0.0.0/8001'], true),
  portsCase(T, 'second different protocol', podWithPorts('m1', 'UDP/127.0.0.1/8001'), ['TCP/0.0.0.0/8001'], false),
  portsCase(T, 'UDP hostPort conflict due to 0.0.0.0 hostIP', podWithPorts('m1', 'UDP/127.0.0.1/8001'), ['TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001'], true),
  { ...portsCase(T, 'non-sidecar initContainer using hostPort', initContainerPod(false), ['TCP/0.0.0.0/8001'], false), wantPreFilter: { code: 'Skip' } },
  portsCase(T, 'TCP hostPort conflict from sidecar initContainer', initContainerPod(true), ['TCP/0.0.0.0/8001'], true),
];

const FITS = 'TestFits';
const fits: FilterCase[] = [
  portsCase(FITS, 'non-conflicting ports', podWithPorts('p', 'TCP/127.0.0.1/80'), ['TCP/127.0.0.1/9090'], false),
  portsCase(FITS, 'multiple non-conflicting ports',
    podWithPorts('p', 'TCP/127.0.0.1/80', 'TCP/127.0.1.1/80', 'TCP/127.0.1.1/90', 'TCP/127.0.1.1/100'),
    ['TCP/127.0.0.1/9090', 'TCP/127.0.0.1/9191', 'TCP/127.0.1.1/8080'], false),
  portsCase(FITS, 'same ports on different protocols', podWithPorts('m1', 'TCP/127.0.0.1/80'), ['UDP/127.0.0.1/80'], false),
  portsCase(FITS, 'conflicting ports', podWithPorts('m1', 'TCP/127.0.0.1/80'), ['TCP/127.0.0.1/80'], true),
  portsCase(FITS, 'multiple ports, some conflicting',
    podWithPorts('p', 'TCP/127.0.0.1/80', 'TCP/127.0.1.1/80', 'TCP/127.0.1.1/90', 'TCP/127.0.1.1/100'),
    ['TCP/127.0.0.1/9090', 'TCP/127.0.1.1/90', 'TCP/127.0.1.1/8080'], true),
];

describe('NodePorts', () => {
  describe(`upstream ${T}`, () => {
    for (const c of table) it(c.name, () => assertFilter(NodePorts, c));
  });
  describe(`upstream ${FITS}`, () => {
    for (const c of fits) it(c.name, () => assertFilter(NodePorts, c));
  });

  it('TestPreFilterDisabled', () => {
    // source: nodeports/node_ports_test.go TestPreFilterDisabled — Filter without PreFilter state is an Error.
    const cluster = Cluster.build({ nodes: [makeNode('n').build()] });
    const plugin = NodePorts({ cluster, env: defaultEnv() });
    const status = plugin.filter!(new CycleState(), makePodInfo(makePod().build()), cluster.nodes[0]);
    assert.equal(status.code, 'Error');
  });

  describe('kube-spread', () => {
    it('defaults: empty protocol is TCP, empty hostIP is the wildcard; only the node holding the port conflicts', () =>
      assertFilter(NodePorts, {
        name: 'defaults',
        source: 'kube-spread (HostPortInfo.sanitize)',
        pod: makePod().container({ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }] }).build(),
        nodes: [makeNode('busy').build(), makeNode('free').build()],
        existingPods: [makePod('e').node('busy').hostPort(8080, 'TCP', '10.0.0.1').build()],
        want: { busy: CONFLICT },
      }));
    it('containerPort without hostPort reserves nothing', () =>
      assertFilter(NodePorts, {
        name: 'no hostPort',
        source: 'kube-spread (GetHostPorts: hostPort > 0)',
        pod: makePod().container({ name: 'c', ports: [{ containerPort: 8080 }] }).build(),
        nodes: [makeNode('n').build()],
        wantPreFilter: { code: 'Skip' },
        want: {},
      }));
  });
});
