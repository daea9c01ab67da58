// One constraint against the rest of the pod spec (spread-semantics.md §2.5, §3.1; §8 L6, L18, L25):
// node affinity that leaves a single domain or is ignored for counting, required pod anti-affinity
// on the same key, a soft twin of a hard constraint, minDomains without DoNotSchedule, and a
// maxSkew too large to ever reject a node for this workload.

import type { Labels } from '../../engine';
import { isObj, readSelector, type Obj } from '../../validation/api-input';
import type { Finding } from '../../base/finding';
import { apiReported, finding, keysOf, matches, statedReplicas, type LintConstraint, type LintInput } from './input';

/** The values a pod's nodeSelector + required node affinity allow for `key`, or undefined if not pinned. */
export function pinnedValues(spec: Obj, key: string): string[] | undefined {
  const ns = isObj(spec.nodeSelector) ? spec.nodeSelector : undefined;
  const fromSelector = ns && typeof ns[key] === 'string' ? [ns[key] as string] : undefined;
  const req = isObj(spec.affinity) && isObj(spec.affinity.nodeAffinity) ? spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution : undefined;
  const terms = isObj(req) && Array.isArray(req.nodeSelectorTerms) ? req.nodeSelectorTerms : [];
  let fromAffinity: Set<string> | undefined;
  if (terms.length > 0) {
    fromAffinity = new Set();
    for (const t of terms) {
      const exprs = isObj(t) && Array.isArray(t.matchExpressions) ? t.matchExpressions : [];
      const pin = exprs.find((e) => isObj(e) && e.key === key && e.operator === 'In' && Array.isArray(e.values) && e.values.every((v) => typeof v === 'string'));
      if (!pin) {
        fromAffinity = undefined; // one term leaves the key free: not pinned
        break;
      }
      for (const v of (pin as Obj).values as string[]) fromAffinity.add(v);
    }
  }
  if (fromSelector && fromAffinity) return fromAffinity.has(fromSelector[0]) ? fromSelector : [];
  return fromSelector ?? (fromAffinity ? [...fromAffinity] : undefined);
}

export function hasRequiredNodeSelection(spec: Obj): boolean {
  const ns = isObj(spec.nodeSelector) && Object.keys(spec.nodeSelector).length > 0;
  const req = isObj(spec.affinity) && isObj(spec.affinity.nodeAffinity) && spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  return Boolean(ns || (isObj(req) && Array.isArray(req.nodeSelectorTerms) && req.nodeSelectorTerms.length > 0));
}

function antiAffinityOnKey(spec: Obj, key: string, labels: Labels): number {
  const aa = isObj(spec.affinity) && isObj(spec.affinity.podAntiAffinity) ? spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution : undefined;
  if (!Array.isArray(aa)) return -1;
  return aa.findIndex((t) => {
    if (!isObj(t) || t.topologyKey !== key) return false;
    if ((Array.isArray(t.namespaces) && t.namespaces.length > 0) || (t.namespaceSelector !== undefined && t.namespaceSelector !== null)) return false;
    const sel = readSelector(t.labelSelector);
    return sel !== undefined && sel !== null && !sel.partial && matches(sel, labels) === true;
  });
}

function sameSelector(a: LintConstraint, b: LintConstraint): boolean {
  const norm = (x: LintConstraint) => JSON.stringify({
    ml: Object.entries(x.c.selector?.matchLabels ?? {}).sort(),
    ex: (x.c.selector?.expressions ?? []).map((e) => e && [e.key, e.operator, [...e.values].sort()]).sort(),
    keys: [...keysOf(x.c)].sort(),
    nil: x.c.selector === null,
    ap: x.c.nodeAffinityPolicy ?? 'Honor',
    tp: x.c.nodeTaintsPolicy ?? 'Ignore',
  });
  return norm(a) === norm(b);
}

export function constraintRules(input: LintInput, lc: LintConstraint): Finding[] {
  const { c, path } = lc;
  const out: Finding[] = [];
  const key = c.topologyKey;
  const hard = c.when === 'DoNotSchedule';

  // L6, only when api/ is silent about it (it reports V6 in every modelled version).
  if (typeof c.minDomains === 'number' && c.when === 'ScheduleAnyway' && !apiReported(input, [...path, 'minDomains'])) {
    out.push(finding(input, 'lint/minDomains-scheduleAnyway', 'error', 'minDomains only works with whenUnsatisfiable: DoNotSchedule; with ScheduleAnyway it is rejected', [...path, 'minDomains'], 'key', { fix: 'remove-field' }));
  }

  if (!key || (c.when !== 'DoNotSchedule' && c.when !== 'ScheduleAnyway')) return out;
  const affinityPolicy = c.nodeAffinityPolicy ?? 'Honor';

  // L18: counting nodes the pod can never use.
  if (hard && affinityPolicy === 'Ignore' && hasRequiredNodeSelection(input.spec)) {
    out.push(finding(input, 'lint/nodeAffinityPolicy-ignore', 'warning',
      'nodeAffinityPolicy: Ignore counts domains of nodes this pod\'s nodeSelector/required node affinity excludes; their pod counts (often 0) can pin the global minimum, ' +
      `so the domains the pod can use each take at most maxSkew (${c.maxSkew}) matching pods and later replicas stay Pending. Use Honor (the default)`,
      [...path, 'nodeAffinityPolicy'], 'value', { fix: 'set-value', value: 'Honor' }));
  }

  // Node affinity that leaves one domain: the constraint has nothing to spread over.
  if (affinityPolicy === 'Honor') {
    const pinned = pinnedValues(input.spec, key);
    if (pinned && pinned.length === 1) {
      out.push(finding(input, 'lint/spread-pinned-by-node-affinity', 'warning',
        `The pod's nodeSelector/required node affinity allows only ${key}=${pinned[0]}, so there is a single eligible domain and this constraint never changes where pods go` +
        (hard && typeof c.minDomains === 'number' && c.minDomains > 1 ? `; with minDomains ${c.minDomains} the global minimum is 0 and at most ${c.maxSkew} matching pod(s) fit` : ''),
        [...path, 'topologyKey'], 'value'));
    }
  }

  // Required anti-affinity against its own pods on the same key: one pod per domain already.
  const aa = antiAffinityOnKey(input.spec, key, input.podLabels);
  if (aa >= 0) {
    out.push(finding(input, 'lint/spread-vs-pod-anti-affinity', hard ? 'warning' : 'hint',
      `Required pod anti-affinity on ${key} already allows at most one of these pods per domain, so this constraint adds nothing; replicas beyond the number of ${key} domains stay Pending because of the anti-affinity`,
      [...path, 'topologyKey'], 'value'));
  }

  // A soft twin of a hard constraint with maxSkew 1 never changes the choice.
  if (!hard) {
    const twin = input.constraints.find((o) => o !== lc && o.c.topologyKey === key && o.c.when === 'DoNotSchedule' && o.c.maxSkew === 1 && sameSelector(o, lc));
    if (twin) {
      out.push(finding(input, 'lint/constraint-redundant', 'hint',
        `Same topologyKey and selector as constraint ${twin.index} (DoNotSchedule, maxSkew 1), which already admits only the least-loaded ${key} domains; this ScheduleAnyway constraint never changes the choice`,
        path, 'key', { fix: 'remove-field' }));
    }
  }

  // L25: maxSkew that this workload's own replicas can never exceed.
  const replicas = statedReplicas(input);
  if (hard && replicas !== undefined && replicas >= 2 && typeof c.maxSkew === 'number' && c.maxSkew >= replicas) {
    out.push(finding(input, 'lint/maxSkew-ineffective', 'hint',
      `maxSkew ${c.maxSkew} is not smaller than the ${replicas} replicas: this workload's own pods can never exceed it, so the constraint never rejects a node for them`,
      [...path, 'maxSkew'], 'value'));
  }
  return out;
}
