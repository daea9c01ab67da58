// Shorthands shared by the PodTopologySpread tables ported from the upstream scheduler tests
// (pts-filter.ts, pts-score.ts, pts-state.ts, pts-integration.ts). They keep each case close to the
// upstream fixture it mirrors: a node is a name plus labels, an existing pod is a name, a node and labels.

import type { LabelSelector, Node, Pod, Taint } from '../../../server/src/engine/api';
import type { ExpectedStatus } from '../harness';
import { exists, makeNode, makePod, type PodBuilder } from '../builders';

export const fooSelector: LabelSelector = exists('foo');
export const barSelector: LabelSelector = exists('bar');

/** The `node.kubernetes.io/unschedulable:NoSchedule` taint the upstream tables use. */
export const unschedulableTaints: Taint[] = [{ key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' }];

export const HOSTNAME = 'kubernetes.io/hostname';
export const ZONE = 'topology.kubernetes.io/zone';

/** A node with these labels (32 allocatable pods, like upstream st.MakeNode()). */
export function node(name: string, labels: Record<string, string> = {}, taints?: Taint[]): Node {
  const b = makeNode(name);
  for (const [k, v] of Object.entries(labels)) b.label(k, v);
  if (taints) b.taints(taints);
  return b.build();
}

/** node-<n> in zone <z> with the label `node=<name>` (the filtering tables' usual shape). */
export const zn = (name: string, zone: string, extra: Record<string, string> = {}, taints?: Taint[]): Node =>
  node(name, { zone, node: name, ...extra }, taints);

/** An existing pod bound to `nodeName` with these labels (default namespace unless given). */
export function pod(name: string, nodeName: string | undefined, labels: Record<string, string> = {}, ns?: string): Pod {
  const b = makePod(name);
  if (ns !== undefined) b.namespace(ns);
  if (nodeName !== undefined) b.node(nodeName);
  b.labels(labels);
  return b.build();
}

/** An existing pod with label foo="" on `nodeName`. */
export const fooPod = (name: string, nodeName: string, ns?: string): Pod => pod(name, nodeName, { foo: '' }, ns);

/**
 * `count` pods labelled foo="" per node, named `<prefix><i>` (upstream names them p-a1, p-a2, …);
 * `spec` maps node name to [name prefix, count].
 */
export function fooPods(spec: [nodeName: string, prefix: string, count: number][], labels: Record<string, string> = { foo: '' }): Pod[] {
  const out: Pod[] = [];
  for (const [n, prefix, count] of spec) for (let i = 1; i <= count; i++) out.push(pod(`${prefix}${i}`, n, labels));
  return out;
}

/** The incoming pod: name plus labels; chain spreadConstraint() etc. and build(). */
export function incoming(labels: Record<string, string> = {}, name = 'p'): PodBuilder {
  return makePod(name).labels(labels);
}

export const SKEW_REASON = "node(s) didn't match pod topology spread constraints";
export const LABEL_REASON = "node(s) didn't match pod topology spread constraints (missing required label)";
/** Filter rejected the node for skew. */
export const SKEW: ExpectedStatus = { code: 'Unschedulable', reasons: [SKEW_REASON] };
/** Filter rejected the node for a missing topology label. */
export const NO_LABEL: ExpectedStatus = { code: 'UnschedulableAndUnresolvable', reasons: [LABEL_REASON] };

/** Expected filter statuses: the given nodes rejected with `status`. */
export function rejected(status: ExpectedStatus, ...nodes: string[]): Record<string, ExpectedStatus> {
  const out: Record<string, ExpectedStatus> = {};
  for (const n of nodes) out[n] = status;
  return out;
}
