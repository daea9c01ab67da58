// topologyKey against the cluster fixture (spread-semantics.md §2.5, §3.1, §4.2; §8 L4, L5, L17):
// misspelled and deprecated well-known keys, keys no node or only some nodes carry, tainted nodes
// that pin the global minimum under the default nodeTaintsPolicy, and hostname spreading with more
// replicas than nodes. Unsatisfiable hard constraints are spread/pending's (spread.ts): the rules
// here report what the simulation does not show, or the cause with its fix.

import type { NodeInfo, Toleration, TolerationOptions } from '../../engine';
import { countMatching, snapshotMatchCounts } from '../../engine';
import { labelSelectorAsSelector, RequiredNodeAffinity, type Selector as EngineSelector } from '../../engine';
import { findUntoleratedTaint, isDoNotScheduleTaint, tolerationsTolerateTaint } from '../../engine';
import type { Finding } from '../../base/finding';
import { effectiveSelector, finding, matches, onSample, singleReplica, toLabelSelector, type LintConstraint, type LintInput } from './input';
import { editDistance } from '../../base/editDistance';

const HOSTNAME = 'kubernetes.io/hostname';
const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);
const WELL_KNOWN = ['topology.kubernetes.io/zone', 'topology.kubernetes.io/region', HOSTNAME];
// Maps, not object literals: a topologyKey is user text, and `constructor` must not find Object's.
const DEPRECATED = new Map<string, string>([
  ['failure-domain.beta.kubernetes.io/zone', 'topology.kubernetes.io/zone'],
  ['failure-domain.beta.kubernetes.io/region', 'topology.kubernetes.io/region'],
]);
/** Bare names people use for their own node labels; only a hint when no node carries them. */
const BARE = new Map<string, string>([
  ['zone', 'topology.kubernetes.io/zone'], ['region', 'topology.kubernetes.io/region'], ['hostname', HOSTNAME], ['host', HOSTNAME], ['node', HOSTNAME],
]);

/** The well-known key for a name, whatever prefix it was written under. */
const BY_NAME = new Map(WELL_KNOWN.map((k) => [k.slice(k.lastIndexOf('/') + 1), k]));

/**
 * A well-known name under the wrong Kubernetes prefix: `topology.kubernetes.io/hostname`,
 * `kubernetes.io/zone`, `topology.k8s.io/zone`, `failure-domain.kubernetes.io/zone`. Only prefixes
 * Kubernetes owns (`kubernetes.io`, `k8s.io` and their subdomains): a cloud's own key such as
 * `topology.ebs.csi.aws.com/zone` is a real label.
 */
function wrongPrefix(lower: string): string | undefined {
  const slash = lower.lastIndexOf('/');
  if (slash < 0) return undefined;
  const prefix = lower.slice(0, slash);
  const meant = BY_NAME.get(lower.slice(slash + 1));
  const owned = /(^|\.)(kubernetes\.io|k8s\.io)$/.test(prefix);
  return owned && meant && meant !== lower ? meant : undefined;
}

/** A well-known key `key` is probably a misspelling of (never itself): an edit-distance typo or a name under the wrong prefix. */
export function misspelledKey(key: string): string | undefined {
  if (WELL_KNOWN.includes(key) || DEPRECATED.get(key)) return undefined;
  const lower = key.toLowerCase();
  let best: { k: string; d: number } | undefined;
  for (const k of WELL_KNOWN) {
    const d = lower === k ? 0 : editDistance(lower, k);
    if (d <= 3 && (!best || d < best.d)) best = { k, d };
  }
  return best?.k ?? wrongPrefix(lower);
}

/** The key a user probably meant: a misspelling, a deprecated key's replacement, or a bare name's well-known key. */
export function suggestedKey(key: string): string | undefined {
  return misspelledKey(key) ?? DEPRECATED.get(key) ?? BARE.get(key);
}

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' as const };

/** A cordoned node the pod does not tolerate (NodeUnschedulable). */
function cordonedFor(n: NodeInfo, tolerations: readonly Toleration[] | null | undefined, opts: TolerationOptions): boolean {
  return n.unschedulable && !tolerationsTolerateTaint(tolerations, UNSCHEDULABLE_TAINT, opts);
}

/** Whether kube-scheduler's filters other than resources and spreading would let the pod onto `n`. */
function canRun(input: LintInput, affinity: RequiredNodeAffinity, n: NodeInfo): boolean {
  if (!affinity.matches(n.node)) return false;
  const tolerations = input.pod.spec.tolerations;
  const opts = { comparisonOperators: input.ctx.env.gates.TaintTolerationComparisonOperators };
  if (findUntoleratedTaint(n.taints, tolerations, isDoNotScheduleTaint, opts)) return false;
  return !cordonedFor(n, tolerations, opts);
}

function list(names: string[], max = 4): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export function topologyRules(input: LintInput, lc: LintConstraint): Finding[] {
  const { c, path } = lc;
  const key = c.topologyKey;
  if (!key || (c.when !== 'DoNotSchedule' && c.when !== 'ScheduleAnyway')) return [];
  const hard = c.when === 'DoNotSchedule';
  const nodes = input.ctx.cluster.nodes;
  const carrying = nodes.filter((n) => Object.prototype.hasOwnProperty.call(n.labels, key));
  const keyPath = [...path, 'topologyKey'];
  const sample = onSample(input);
  const out: Finding[] = [];

  if (carrying.length === 0 && nodes.length > 0) {
    const otherSoft = input.constraints.filter((o) => o !== lc && o.c.when === 'ScheduleAnyway' && o.c.topologyKey && o.c.topologyKey !== key).length;
    const effect = hard
      ? 'with DoNotSchedule every node is rejected (missing required label) and no replica can be placed'
      : otherSoft > 0
        ? `ScheduleAnyway ignores every node that lacks any of the pod's ScheduleAnyway keys, so this constraint and the other ${otherSoft} ScheduleAnyway constraint(s) all have no effect`
        : 'with ScheduleAnyway every node gets the same score, so the constraint has no effect';
    const typo = misspelledKey(key);
    if (typo) {
      out.push(finding(input, 'lint/topology-key-typo', 'warning', `topologyKey "${key}" looks like a misspelling of "${typo}", and no node carries it${sample}: ${effect}`, keyPath, 'value', { fix: 'set-value', value: typo }));
      return out;
    }
    if (DEPRECATED.get(key)) {
      out.push(finding(input, 'lint/topology-key-deprecated', 'warning', `topologyKey "${key}" is deprecated since Kubernetes 1.17 and no node carries it${sample}: use "${DEPRECATED.get(key)}"; ${effect}`, keyPath, 'value', { fix: 'set-value', value: DEPRECATED.get(key) }));
      return out;
    }
    // Hard: every replica stays Pending, which spread/pending reports on this constraint.
    if (!hard) {
      const bare = BARE.get(key);
      out.push(finding(input, 'spread/topology-key-missing', input.ctx.fixture.embedded ? 'information' : 'warning',
        `No node carries the label "${key}"${sample}: ${effect}${bare ? ` (the well-known key is "${bare}")` : ''}`,
        keyPath, 'value', bare ? { fix: 'set-value', value: bare } : undefined));
    }
    return out;
  }
  if (DEPRECATED.get(key)) {
    out.push(finding(input, 'lint/topology-key-deprecated', 'hint', `topologyKey "${key}" is deprecated since Kubernetes 1.17; nodes of newer clusters may not carry it: use "${DEPRECATED.get(key)}"`, keyPath, 'value', { fix: 'set-value', value: DEPRECATED.get(key) }));
  }

  const affinity = new RequiredNodeAffinity(input.pod);
  // L5: on a real cluster only; the sample's unlabelled node is there to demonstrate exactly this.
  // Only nodes without the key can be lacking it: when every node carries it (the label column says
  // so) there is nothing to find, and no need to ask every node whether the pod can run there.
  if (!input.ctx.fixture.embedded && input.ctx.cluster.labelColumn(key).missing > 0) {
    const usable = nodes.filter((n) => canRun(input, affinity, n));
    const lacking = usable.filter((n) => !Object.prototype.hasOwnProperty.call(n.labels, key)).map((n) => n.name);
    if (lacking.length > 0 && lacking.length < usable.length) {
      out.push(finding(input, 'spread/topology-key-partial', 'warning',
        `${lacking.length} of the ${usable.length} nodes this pod can run on lack the label "${key}" (${list(lacking)}): ` +
        (hard ? 'DoNotSchedule rejects them (missing required label) and does not count their pods' : 'ScheduleAnyway gives them the lowest spread score, so the scheduler avoids them'),
        keyPath, 'value'));
    }
  }

  if (input.w.replicas === undefined || input.w.kind === 'DaemonSet') return out;
  const eff = effectiveSelector(input, c);
  if (!eff || eff.partial || matches(eff, input.podLabels) !== true) return out; // selector rules say why
  let sel: EngineSelector;
  try {
    sel = labelSelectorAsSelector(toLabelSelector(eff));
  } catch {
    return out;
  }
  if (!hard) return out;
  const domains = domainsOf(input, lc, sel, affinity);
  out.push(...taintPinning(input, lc, domains));
  if (domains.every((d) => d.usable)) out.push(...hostnameRule(input, lc));
  return out;
}

interface Domain {
  value: string;
  count: number;
  usable: boolean;
  /** Why nodes of the domain cannot take the pod; undefined while none is blocked (most domains). */
  blockedBy: Set<string> | undefined;
}

/**
 * The hard list's domains for `lc` as PreFilter counts them (§2.5), with whether any of their nodes can
 * take the pod, in the order their first node comes. Per-domain tallies are kept by the label column's
 * domain ids (one Domain object per domain at the end, not one Map entry per node's value as it
 * comes): on a hostname key that is 5,000 domains for every workload of a file.
 */
function domainsOf(input: LintInput, lc: LintConstraint, sel: EngineSelector, affinity: RequiredNodeAffinity): Domain[] {
  const key = lc.c.topologyKey as string;
  const cluster = input.ctx.cluster;
  const hardKeyColumns = input.constraints.filter((o) => o.c.when === 'DoNotSchedule' && o.c.topologyKey).map((o) => cluster.labelColumn(o.c.topologyKey as string).has);
  const honourAffinity = (lc.c.nodeAffinityPolicy ?? 'Honor') === 'Honor';
  const honourTaints = lc.c.nodeTaintsPolicy === 'Honor';
  const opts = { comparisonOperators: input.ctx.env.gates.TaintTolerationComparisonOperators };
  const nodes = cluster.nodes;
  const column = cluster.labelColumn(key);
  const count = new Float64Array(column.domains.length);
  const usable = new Uint8Array(column.domains.length);
  const seen = new Uint8Array(column.domains.length);
  const blockedBy: (Set<string> | undefined)[] = [];
  const order: number[] = [];
  const counts = matchingPerNode(input, sel);
  const tolerations = input.pod.spec.tolerations;
  // The node's affinity and taint verdicts are computed once and reused for canRun's (same rules, same
  // order): this runs on every node for every hard constraint of every workload of the file.
  nodes: for (let i = 0; i < nodes.length; i++) {
    for (const has of hardKeyColumns) if (!has[i]) continue nodes;
    const n = nodes[i];
    const affinityMatches = affinity.matches(n.node);
    if (honourAffinity && !affinityMatches) continue;
    const taint = findUntoleratedTaint(n.taints, tolerations, isDoNotScheduleTaint, opts);
    if (honourTaints && taint) continue;
    // `key` is one of the hard keys: the node has it.
    const id = column.ids[i];
    if (!seen[id]) {
      seen[id] = 1;
      order.push(id);
    }
    count[id] += counts[i];
    if (affinityMatches && !taint && !cordonedFor(n, tolerations, opts)) usable[id] = 1;
    else (blockedBy[id] ??= new Set()).add(taint ? `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}` : 'cordoned or excluded by node affinity');
  }
  return order.map((id) => ({ value: column.domains[id], count: count[id], usable: usable[id] === 1, blockedBy: blockedBy[id] }));
}

/**
 * countMatching of every node's pods: the same for every document with this namespace and selector, for
 * both the lint and the spread stage of a staged first analysis (lsp/features/diagnostics.ts), and for
 * PodTopologySpread's own counts, so it is the engine's per-snapshot table (nodeCounts.ts). Counting
 * 150,000 pods per constraint was most of lint on 5,000 nodes. A cluster pods were assumed on (not an
 * analysis context's snapshot) is counted directly.
 */
function matchingPerNode(input: LintInput, sel: EngineSelector): Int32Array {
  const { cluster, env } = input.ctx;
  const shared = snapshotMatchCounts(cluster, sel, input.w.namespace, env);
  if (shared) return shared;
  const counts = new Int32Array(cluster.nodes.length);
  for (let i = 0; i < counts.length; i++) counts[i] = countMatching(cluster.nodes[i].pods, sel, input.w.namespace, env);
  return counts;
}

/**
 * L17: with nodeTaintsPolicy Ignore (the default), domains made only of nodes the pod does not
 * tolerate still count; when they hold the fewest matching pods they pin the global minimum and
 * cap every usable domain at minimum + maxSkew. Reported while the workload still fits (latent:
 * scaling up fails); once it does not, spread/pending reports the Pending replicas.
 */
function taintPinning(input: LintInput, lc: LintConstraint, domains: Domain[]): Finding[] {
  const { c, path } = lc;
  const maxSkew = c.maxSkew;
  if (c.nodeTaintsPolicy === 'Honor' || typeof maxSkew !== 'number' || maxSkew < 1) return [];
  // Only workloads that scale (a bare Pod or a Job has its fixed number of pods), and not `replicas: 1`:
  // a single replica always fits under the cap.
  if (!SCALABLE.has(input.w.kind) || singleReplica(input)) return [];
  const minDomains = typeof c.minDomains === 'number' ? c.minDomains : 1;
  if (domains.length < minDomains) return []; // the minimum is 0 anyway (spread/pending explains minDomains)
  const tainted = domains.filter((d) => !d.usable && [...(d.blockedBy ?? [])].some((b) => b.includes(':No')));
  const usable = domains.filter((d) => d.usable);
  if (tainted.length === 0 || usable.length === 0) return [];
  const pin = Math.min(...tainted.map((d) => d.count));
  if (usable.every((d) => d.count < pin)) return [];
  const capacity = usable.reduce((n, d) => n + Math.max(0, pin + maxSkew - d.count), 0);
  const replicas = input.w.replicas ?? 0;
  if (replicas > capacity) return []; // spread/pending
  const names = tainted.map((d) => `${c.topologyKey}=${d.value}`);
  const taints = [...new Set(tainted.flatMap((d) => [...(d.blockedBy ?? [])]))];
  const at = input.doc.has([...path, 'nodeTaintsPolicy']) ? [...path, 'nodeTaintsPolicy'] : path;
  return [finding(input, 'spread/tainted-domains-pin-minimum', input.ctx.fixture.embedded ? 'information' : 'warning',
    `With nodeTaintsPolicy Ignore (the default), ${tainted.length} domain(s) whose nodes have taints this pod does not tolerate (${list(taints, 2)}) still count: ` +
    `${list(names, 3)} hold${tainted.length === 1 ? 's' : ''} ${pin} matching pod(s), which pins the global minimum, so no more than ${capacity} pods of this selector fit ` +
    `(${replicas} requested); scaling beyond that leaves pods Pending${onSample(input)}. Set nodeTaintsPolicy: Honor`,
    at, at === path ? 'key' : 'value', { fix: 'set-field', field: 'nodeTaintsPolicy', value: 'Honor' })];
}

/**
 * Hostname spreading with maxSkew 1 and DoNotSchedule is often read as "one replica per node". With
 * more replicas than usable nodes (and every domain usable, so nothing pins the minimum) the scheduler
 * simply doubles up.
 */
function hostnameRule(input: LintInput, lc: LintConstraint): Finding[] {
  const { c, path } = lc;
  if (c.topologyKey !== HOSTNAME || c.when !== 'DoNotSchedule' || c.maxSkew !== 1) return [];
  const affinity = new RequiredNodeAffinity(input.pod);
  const usable = input.ctx.cluster.nodes.filter((n) => Object.prototype.hasOwnProperty.call(n.labels, HOSTNAME) && canRun(input, affinity, n));
  const replicas = input.w.replicas ?? 0;
  if (usable.length === 0 || replicas <= usable.length) return [];
  const per = Math.ceil(replicas / usable.length);
  return [finding(input, 'spread/hostname-replicas-exceed-nodes', 'information',
    `${replicas} replicas but only ${usable.length} node(s) can run this pod${onSample(input)}: maxSkew 1 on ${HOSTNAME} keeps node counts within 1 of each other, it is not "one per node", ` +
    `so nodes get up to ${per} replicas. For at most one per node use required pod anti-affinity (extra replicas then stay Pending)`,
    [...path, 'maxSkew'], 'value')];
}
