// cluster-autoscaler's scale-up for the Pods kube-scheduler left Pending (core/scaleup/orchestrator/
// orchestrator.go ScaleUp, followed at kubernetes/autoscaler master, docs/autoscalers.md): pods in
// equivalence groups; node groups that cannot grow are skipped; each group's template node is added to
// the snapshot and the scheduler's own filters decide which pod groups it could take (so
// PodTopologySpread counts the template's zone); the binpacking estimator says how many nodes; the
// expander chain picks one group; --balance-similar-node-groups splits the count between similar
// groups; pods no group could take get the NotTriggerScaleUp reason. One call is one autoscaler loop.

import type { Node, Pod } from '../../api';
import type { Cluster } from '../../cluster';
import type { ClusterAutoscalerScaleUp, CANodeGroup, ClusterAutoscalerConfig, ProvisionResult, ScaleUp } from '../types';
import { balanceScaleUp, similarTemplates, type ScaleUpInfo } from './balancing';
import { DEFAULT_MAX_NODES_PER_SCALEUP, estimate } from './estimator';
import { bestOption, type ExpansionOption } from './expanders';
import { buildPodGroups, type PodGroup } from './groups';
import { MAX_LIMIT_REACHED, MAX_TOTAL_NODES_REACHED, NOT_TRIGGERED_PREFIX, reasonsMessage } from './reasons';
import { Snapshot } from './snapshot';
import { INSTANCE_TYPE, newNodeNames, targetSize, templateNode, ZONE } from './template';

interface GroupState {
  group: CANodeGroup;
  size: number;
  template: Node;
}

const gated = (p: Pod) => (p.spec?.schedulingGates ?? []).length > 0;

export const clusterAutoscalerScaleUp: ClusterAutoscalerScaleUp = (cluster, pending, cfg, env, profile) => {
  const result: ProvisionResult = { newNodes: [], scaleUps: [], notTriggered: [], ties: [] };
  // Gated pods are never marked unschedulable, so cluster-autoscaler does not see them.
  for (const pod of pending.filter(gated)) {
    result.notTriggered.push({ pod, reason: 'not considered by cluster-autoscaler: the pod has scheduling gates, so kube-scheduler never marked it unschedulable' });
  }
  const pods = pending.filter((p) => !gated(p));
  if (pods.length === 0) return result;

  // static_autoscaler.go: at --max-nodes-total no scale-up is attempted (ScaleUpLimitedByMaxNodesTotal).
  if (cfg.maxNodesTotal > 0 && cluster.nodes.length >= cfg.maxNodesTotal) {
    for (const pod of pods) result.notTriggered.push({ pod, reason: NOT_TRIGGERED_PREFIX + MAX_TOTAL_NODES_REACHED });
    return result;
  }

  const egs = buildPodGroups(pods);
  const states: GroupState[] = cfg.nodeGroups.map((group) => {
    const name = freeName(cluster, `template-node-for-${group.name}`);
    return { group, size: targetSize(group, cluster), template: templateNode(group, name) };
  });

  // filterValidScaleUpNodeGroups (backoff, health and resource limits are not modelled).
  const skipped = new Map<string, string[]>();
  const valid: GroupState[] = [];
  for (const s of states) {
    if (s.size >= s.group.max) skipped.set(s.group.name, [MAX_LIMIT_REACHED]);
    else valid.push(s);
  }

  // SchedulablePodGroups: every pod group's first pod against each valid group's template node.
  const schedulable = new Map<string, PodGroup[]>();
  for (const s of valid) schedulable.set(s.group.name, schedulablePodGroups(cluster, env, profile, egs, s));

  const options: ExpansionOption[] = [];
  for (const s of valid) {
    const option = computeExpansionOption(cluster, env, profile, cfg, s, states, schedulable);
    if (option.pods.length > 0 && option.nodeCount > 0) options.push(option);
  }

  const remaining = () => notTriggered(egs, cfg, skipped);
  if (options.length === 0) {
    result.notTriggered.push(...remaining());
    return result;
  }

  const choice = bestOption(options, cfg.expanders);
  if (choice.tie) result.ties!.push(`cluster-autoscaler expander ${cfg.expanders.join(',') || 'random'}: ${choice.tie.join(', ')} equally possible; the model takes ${choice.tie[0]} (upstream picks one at random)`);
  if (!choice.best) {
    result.notTriggered.push(...remaining());
    return result;
  }
  const best = choice.best;

  // GetCappedNewNodeCount: --max-nodes-total.
  let newNodes = best.nodeCount;
  if (cfg.maxNodesTotal > 0 && newNodes + cluster.nodes.length > cfg.maxNodesTotal) newNodes = cfg.maxNodesTotal - cluster.nodes.length;

  // balanceScaleUps: the chosen group first, then its similar groups (recomputed, as upstream).
  const byName = new Map(states.map((s) => [s.group.name, s]));
  const similar = similarGroups(best.group, states, schedulable, cfg);
  const targets = [best.group, ...similar].map((g) => ({ group: g, currentSize: byName.get(g.name)!.size }));
  const infos = balanceScaleUp(targets, newNodes);
  addNodes(result, cluster, infos, byName);
  result.notTriggered.push(...remaining());
  return result;
};

function freeName(cluster: Cluster, base: string): string {
  if (!cluster.nodeByName.has(base)) return base;
  for (let i = 1; ; i++) if (!cluster.nodeByName.has(`${base}-${i}`)) return `${base}-${i}`;
}

function schedulablePodGroups(cluster: Cluster, env: Parameters<ClusterAutoscalerScaleUp>[3], profile: Parameters<ClusterAutoscalerScaleUp>[4], egs: PodGroup[], s: GroupState): PodGroup[] {
  const snap = new Snapshot(cluster, env, profile);
  snap.addNode(s.template);
  const out: PodGroup[] = [];
  for (const eg of egs) {
    const err = snap.checkPredicates(eg.pods[0], s.template.metadata.name!);
    if (!err) {
      out.push(eg);
      eg.schedulable = true;
      eg.schedulableGroups.push(s.group.name);
    } else {
      eg.schedulingErrors.set(s.group.name, err.reasons);
    }
  }
  return out;
}

/** ComputeSimilarNodeGroups: similar templates that can take every pod group the chosen group can. */
function similarGroups(group: CANodeGroup, states: GroupState[], schedulable: Map<string, PodGroup[]>, cfg: ClusterAutoscalerConfig): CANodeGroup[] {
  if (!cfg.balanceSimilarNodeGroups) return [];
  const mine = schedulable.get(group.name);
  if (!mine || mine.length === 0) return [];
  const self = states.find((s) => s.group.name === group.name)!;
  return states
    .filter((s) => s.group.name !== group.name && similarTemplates(self.template, s.template))
    .filter((s) => {
      const theirs = schedulable.get(s.group.name);
      return theirs !== undefined && mine.every((eg) => theirs.includes(eg));
    })
    .map((s) => s.group);
}

function computeExpansionOption(
  cluster: Cluster, env: Parameters<ClusterAutoscalerScaleUp>[3], profile: Parameters<ClusterAutoscalerScaleUp>[4], cfg: ClusterAutoscalerConfig,
  s: GroupState, states: GroupState[], schedulable: Map<string, PodGroup[]>,
): ExpansionOption {
  const podGroups = schedulable.get(s.group.name) ?? [];
  const option: ExpansionOption = { group: s.group, template: s.template, nodeCount: 0, pods: [], similar: [] };
  if (podGroups.length === 0) return option;
  option.similar = similarGroups(s.group, states, schedulable, cfg);
  const sizeOf = (g: CANodeGroup) => states.find((x) => x.group.name === g.name)!.size;
  const groupsCapacity = [s.group, ...option.similar].reduce((n, g) => n + Math.max(0, g.max - sizeOf(g)), 0);
  const snap = new Snapshot(cluster, env, profile);
  const taken = (name: string) => snap.cluster.nodeByName.has(name);
  const est = estimate(snap, podGroups.map((g) => ({ pods: g.pods })), s.template, () => templateNode(s.group, newNodeNames(s.group.name, 1, taken)[0]), {
    maxNodesPerScaleUp: DEFAULT_MAX_NODES_PER_SCALEUP, groupsCapacity, maxNodesTotal: cfg.maxNodesTotal, currentNodeCount: cluster.nodes.length,
  });
  option.nodeCount = est.nodeCount;
  option.pods = est.pods;
  return option;
}

function addNodes(result: ProvisionResult, cluster: Cluster, infos: ScaleUpInfo[], byName: Map<string, GroupState>): void {
  const used = new Set<string>();
  const taken = (n: string) => cluster.nodeByName.has(n) || used.has(n);
  for (const info of infos) {
    const count = info.newSize - info.currentSize;
    if (count <= 0) continue;
    const names = newNodeNames(info.group.name, count, taken);
    for (const n of names) used.add(n);
    const nodes = names.map((n) => templateNode(info.group, n));
    result.newNodes.push(...nodes);
    const labels = byName.get(info.group.name)!.template.metadata.labels ?? {};
    const row: ScaleUp = { by: 'cluster-autoscaler', nodePool: info.group.name, nodes: count, nodeNames: names };
    if (labels[ZONE] !== undefined) row.zone = labels[ZONE];
    if (labels[INSTANCE_TYPE] !== undefined) row.instanceType = labels[INSTANCE_TYPE];
    result.scaleUps.push(row);
  }
}

/** GetRemainingPods: the pods of groups no template could take, with ReasonsMessage. */
function notTriggered(egs: PodGroup[], cfg: ClusterAutoscalerConfig, skipped: Map<string, string[]>): { pod: Pod; reason: string }[] {
  const out: { pod: Pod; reason: string }[] = [];
  const order = cfg.nodeGroups.map((g) => g.name);
  const skippedList = order.filter((n) => skipped.has(n)).map((n) => [n, skipped.get(n)!] as [string, string[]]);
  for (const eg of egs) {
    if (eg.schedulable) continue;
    const rejected = order.filter((n) => eg.schedulingErrors.has(n)).map((n) => [n, eg.schedulingErrors.get(n)!] as [string, string[]]);
    const reason = NOT_TRIGGERED_PREFIX + reasonsMessage(rejected, skippedList);
    for (const pod of eg.pods) out.push({ pod, reason });
  }
  return out;
}
