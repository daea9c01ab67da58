// NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity).
// Filter: spec.nodeSelector AND required node affinity (and the profile's addedAffinity).
// Score: sum of the weights of the preferred terms a node matches, scaled (100*raw)/max.
// NodeAffinityArgs.addedAffinity is supported: its required selector must also match (with its own
// reason) and its preferred terms add to every pod's score.

import type { Node, NodeAffinity as NodeAffinityApi, NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../api';
import { SKIP, SUCCESS, errorStatus, unresolvable, type PluginFactory, type Status } from '../framework';
import { isQualifiedName } from '../names';
import {
  NodeSelectorMatcher, RequiredNodeAffinity, SelectorError, compileNodeSelectorTerm, labelSelectorAsSelector,
} from '../selectors';
import { defaultNormalizeScore } from './defaultNormalizeScore';

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

/** config.NodeAffinityArgs. */
export interface NodeAffinityArgs {
  addedAffinity?: NodeAffinityApi | null;
}

const PRE_FILTER_KEY = 'PreFilterNodeAffinity';
const PRE_SCORE_KEY = 'PreScoreNodeAffinity';

interface WeightedTerm {
  weight: number;
  matches: (node: Node) => boolean;
}

// ---- parsing: the same rules selectors.ts compiles with, but reporting the error --------------

function requirementError(r: NodeSelectorRequirement): string | undefined {
  const key = String(r?.key ?? '');
  const op = String(r?.operator ?? '');
  const values = (r?.values ?? []).map(String);
  if (op === 'Gt' || op === 'Lt') {
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length) return `key: Invalid value: "${key}": ${keyErrs.join('; ')}`;
    if (values.length !== 1) return "values: Invalid value: for 'Gt', 'Lt' operators, exactly one value is required";
    if (!/^[+-]?\d+$/.test(values[0])) return "values[0]: Invalid value: for 'Gt', 'Lt' operators, the value must be an integer";
    return undefined;
  }
  try {
    labelSelectorAsSelector({ matchExpressions: [{ key, operator: op, values }] });
    return undefined;
  } catch (e) {
    if (e instanceof SelectorError) return e.message;
    throw e;
  }
}

function fieldError(f: NodeSelectorRequirement): string | undefined {
  if ((f?.values ?? []).length !== 1) return 'values: Invalid value: must have one element';
  if (f.operator !== 'In' && f.operator !== 'NotIn') return `operator: Unsupported value: "${f.operator}"`;
  if (f.key !== 'metadata.name') return `key: Invalid value: "${f.key}": not a valid field selector key`;
  return undefined;
}

const isEmptyTerm = (t: NodeSelectorTerm | null | undefined) =>
  !t || ((t.matchExpressions ?? []).length === 0 && (t.matchFields ?? []).length === 0);

/** Parse errors of one term, prefixed with its field path like upstream's field.Path. */
function termErrors(t: NodeSelectorTerm, path: string): string[] {
  const errs: string[] = [];
  (t.matchExpressions ?? []).forEach((r, j) => {
    const e = requirementError(r);
    if (e) errs.push(`${path}.matchExpressions[${j}].${e}`);
  });
  (t.matchFields ?? []).forEach((f, j) => {
    const e = fieldError(f);
    if (e) errs.push(`${path}.matchFields[${j}].${e}`);
  });
  return errs;
}

/** errors.Flatten(errors.NewAggregate(errs)).Error(). */
const aggregate = (errs: string[]) => (errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);

/**
 * nodeaffinity.NewPreferredSchedulingTerms: terms with weight 0 or no requirements are dropped;
 * any unparsable term makes the whole list an error (PreScore then fails the pod with Error).
 */
function parsePreferred(terms: NodeAffinityApi['preferredDuringSchedulingIgnoredDuringExecution']): WeightedTerm[] | string {
  const out: WeightedTerm[] = [];
  const errs: string[] = [];
  (terms ?? []).forEach((term, i) => {
    if (!term || !term.weight || isEmptyTerm(term.preference)) return;
    const e = termErrors(term.preference, `[${i}]`);
    if (e.length) errs.push(...e);
    else out.push({ weight: term.weight, matches: compileNodeSelectorTerm(term.preference) });
  });
  return errs.length ? aggregate(errs) : out;
}

/**
 * The node names upstream's PreFilter narrows the candidates to (PreFilterResult.NodeNames):
 * undefined = all nodes; an empty set = the terms conflict. Only when every required term pins
 * `metadata.name In [...]` (intersected within a term, united across terms). Exported for a
 * framework runner that models PreFilterResult; this plugin's Filter already rejects the rest.
 */
export function preFilterNodeNames(pod: Pod): Set<string> | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return undefined;
  let names: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t?.matchFields ?? []) {
      if (r?.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set((r.values ?? []).map(String));
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
    }
    // A term without a name pin admits any node, and the terms are ORed.
    if (!termNames) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}

function parseArgs(args: unknown): { required?: NodeSelectorMatcher; preferred?: WeightedTerm[] } {
  const added = (args as NodeAffinityArgs | undefined)?.addedAffinity;
  if (!added) return {};
  const out: { required?: NodeSelectorMatcher; preferred?: WeightedTerm[] } = {};
  const req = added.requiredDuringSchedulingIgnoredDuringExecution;
  if (req) {
    // nodeaffinity.NewNodeSelector is strict: a broken added selector stops the plugin from starting.
    const errs = (req.nodeSelectorTerms ?? []).flatMap((t, i) => (t ? termErrors(t, `nodeSelectorTerms[${i}]`) : []));
    if (errs.length) throw new Error(`parsing addedAffinity.requiredDuringSchedulingIgnoredDuringExecution: ${aggregate(errs)}`);
    out.required = new NodeSelectorMatcher(req);
  }
  const pref = added.preferredDuringSchedulingIgnoredDuringExecution;
  if (pref && pref.length) {
    const parsed = parsePreferred(pref);
    if (typeof parsed === 'string') throw new Error(`parsing addedAffinity.preferredDuringSchedulingIgnoredDuringExecution: ${parsed}`);
    out.preferred = parsed;
  }
  return out;
}

/** Go's `== nil` for an optional API field: absent or null (an empty map/list is not nil). */
const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;

const podPreferred = (pod: Pod) => pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;

export const NodeAffinity: PluginFactory = (_handle, args) => {
  const added = parseArgs(args);

  const sumWeights = (terms: WeightedTerm[] | undefined, node: Node) => {
    let s = 0;
    for (const t of terms ?? []) if (t.matches(node)) s += t.weight;
    return s;
  };

  return {
    name: 'NodeAffinity',

    preFilter(state, pod): Status {
      const required = pod.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
      // nil checks, as upstream: `nodeSelector: {}` is not nil and does not skip (it then matches every node).
      if (isNil(required) && !added.required && isNil(pod.pod.spec?.nodeSelector)) return SKIP;
      state.write(PRE_FILTER_KEY, RequiredNodeAffinity.of(pod.pod));
      const names = required ? preFilterNodeNames(pod.pod) : undefined;
      if (names && names.size === 0) return unresolvable(ERR_REASON_CONFLICT);
      return names ? { ...SUCCESS, nodeNames: names } : SUCCESS;
    },

    filter(state, pod, node) {
      if (added.required && !added.required.matches(node.node)) return unresolvable(ERR_REASON_ENFORCED);
      // Falls back to computing the state when PreFilter did not run, like upstream.
      const req = state.read<RequiredNodeAffinity>(PRE_FILTER_KEY) ?? RequiredNodeAffinity.of(pod.pod);
      // Parse errors only make the offending term not match (LazyErrorNodeSelector).
      return req.matches(node.node) ? SUCCESS : unresolvable(ERR_REASON_POD);
    },

    preScore(state, pod) {
      const terms = podPreferred(pod.pod);
      // Only a nil list skips; `[]` scores (all zero), which adds nothing either.
      if (isNil(terms) && !added.preferred) return SKIP;
      const parsed = parsePreferred(terms);
      if (typeof parsed === 'string') return errorStatus(parsed);
      state.write(PRE_SCORE_KEY, parsed);
      return SUCCESS;
    },

    score(state, pod, node) {
      let terms = state.read<WeightedTerm[]>(PRE_SCORE_KEY);
      if (!terms) {
        // PreScore did not run: compute here; a broken list scores nothing (upstream: Error).
        const parsed = parsePreferred(podPreferred(pod.pod));
        terms = typeof parsed === 'string' ? [] : parsed;
      }
      return sumWeights(added.preferred, node.node) + sumWeights(terms, node.node);
    },

    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(scores, false);
    },

    // DefaultNormalizeScore reads only the scores (their maximum).
    normalizesUniformly: true,
  };
};
