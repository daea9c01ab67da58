// Label selectors for pods (metav1.LabelSelector -> labels.Selector) and node selection
// (nodeSelector + required node affinity, component-helpers nodeaffinity).
//
// The distinction the scheduler relies on: a nil selector is `Nothing` (matches no pod), `{}` is
// `Everything` but *empty* (PodTopologySpread counts 0 pods for it before 1.37, see common.ts).

import type { LabelSelector, Labels, Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod } from './api';
import { isQualifiedName, isValidLabelValue } from './names';

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

export interface Requirement {
  key: string;
  op: Operator;
  values: string[];
}

export class Selector {
  private constructor(
    /** false only for Nothing. */
    private readonly matchesAnything: boolean,
    readonly requirements: readonly Requirement[],
  ) {}

  static readonly NOTHING = new Selector(false, []);
  static readonly EVERYTHING = new Selector(true, []);

  static of(requirements: Requirement[]): Selector {
    return requirements.length === 0 ? Selector.EVERYTHING : new Selector(true, requirements);
  }

  get isNothing(): boolean {
    return !this.matchesAnything;
  }

  /** labels.Selector.Empty(): true for Everything (no requirements). Nothing is not empty. */
  get isEmpty(): boolean {
    return this.matchesAnything && this.requirements.length === 0;
  }

  matches(labels: Labels | null | undefined): boolean {
    if (!this.matchesAnything) return false;
    const l = labels ?? {};
    for (const r of this.requirements) if (!requirementMatches(r, l)) return false;
    return true;
  }

  /** A new selector that also requires `extra` (Nothing stays Nothing). */
  and(extra: Requirement[]): Selector {
    if (!this.matchesAnything || extra.length === 0) return this;
    return new Selector(true, [...extra, ...this.requirements]);
  }

  toString(): string {
    if (!this.matchesAnything) return '<none>';
    if (this.requirements.length === 0) return '<everything>';
    return this.requirements.map(requirementToString).join(',');
  }
}

export function requirementToString(r: Requirement): string {
  switch (r.op) {
    case 'In':
      return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`;
    case 'NotIn':
      return r.values.length === 1 ? `${r.key}!=${r.values[0]}` : `${r.key} notin (${r.values.join(',')})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    case 'Gt':
      return `${r.key}>${r.values[0]}`;
    case 'Lt':
      return `${r.key}<${r.values[0]}`;
  }
}

function parseInt64(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels[r.key] : undefined;
  switch (r.op) {
    case 'In':
      return has && r.values.includes(v as string);
    case 'NotIn':
      return !has || !r.values.includes(v as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has) return false;
      const lv = parseInt64(v as string);
      const rv = parseInt64(r.values[0] ?? '');
      if (lv === undefined || rv === undefined) return false;
      return r.op === 'Gt' ? lv > rv : lv < rv;
    }
  }
}

export class SelectorError extends Error {}

/** labels.NewRequirement's checks: operator, value count, key and value syntax. */
function newRequirement(key: string, op: string, values: string[], allowGtLt: boolean): Requirement {
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length) throw new SelectorError(`key: Invalid value: "${key}": ${keyErrs.join('; ')}`);
  switch (op) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) throw new SelectorError('for \'in\', \'notin\' operators, values set can\'t be empty');
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) throw new SelectorError('values set must be empty for exists and does not exist');
      break;
    case 'Gt':
    case 'Lt':
      if (!allowGtLt) throw new SelectorError(`"${op}" is not a valid label selector operator`);
      if (values.length !== 1) throw new SelectorError('for \'Gt\', \'Lt\' operators, exactly one value is required');
      if (parseInt64(values[0]) === undefined) throw new SelectorError(`for 'Gt', 'Lt' operators, the value must be an integer`);
      break;
    default:
      throw new SelectorError(`"${op}" is not a valid label selector operator`);
  }
  if (op !== 'Gt' && op !== 'Lt') {
    for (const v of values) {
      const e = isValidLabelValue(v);
      if (e.length) throw new SelectorError(`values[0][${key}]: Invalid value: "${v}": ${e.join('; ')}`);
    }
  }
  return { key, op: op as Operator, values: [...values] };
}

/**
 * metav1.LabelSelectorAsSelector: nil -> Nothing, {} -> Everything, else the AND of all
 * matchLabels (as `key In [value]`) and matchExpressions. Throws SelectorError on bad input.
 */
export function labelSelectorAsSelector(sel: LabelSelector | null | undefined): Selector {
  if (sel === null || sel === undefined) return Selector.NOTHING;
  const ml = sel.matchLabels ?? {};
  const me = sel.matchExpressions ?? [];
  if (Object.keys(ml).length + me.length === 0) return Selector.EVERYTHING;
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(ml)) {
    // Untyped input (an editor buffer) may hold a mapping or list here; the API would reject it.
    if (v !== null && typeof v === 'object') throw new SelectorError(`matchLabels[${k}]: must be a string, not ${Array.isArray(v) ? 'a list' : 'a mapping'}`);
    reqs.push(newRequirement(k, 'In', [String(v)], false));
  }
  for (const e of me) {
    if (!e || typeof e !== 'object') throw new SelectorError('invalid label selector requirement');
    const values = Array.isArray(e.values) ? e.values : [];
    if (values.some((v) => v !== null && typeof v === 'object')) throw new SelectorError(`matchExpressions[${String(e.key ?? '')}].values: must be strings`);
    reqs.push(newRequirement(String(e.key ?? ''), String(e.operator ?? ''), values.map(String), false));
  }
  // labels.Selector sorts by key; order never changes the verdict, only the printed form.
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return Selector.of(reqs);
}

/** Like labelSelectorAsSelector but never throws: a broken selector becomes Nothing. */
export function safeLabelSelectorAsSelector(sel: LabelSelector | null | undefined): Selector {
  try {
    return labelSelectorAsSelector(sel);
  } catch {
    return Selector.NOTHING;
  }
}

/** labels.SelectorFromSet for a map selector (Services, ReplicationControllers). Empty map -> Everything. */
export function selectorFromSet(set: Labels | null | undefined): Selector {
  const reqs = Object.entries(set ?? {}).map(([key, v]) => ({ key, op: 'In' as Operator, values: [String(v)] }));
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return Selector.of(reqs);
}

// ---- Node selection -------------------------------------------------------------------------

/** One nodeSelectorTerm compiled; `null` when it can never match (empty or unparsable). */
interface CompiledTerm {
  labelReqs: Requirement[];
  fieldReqs: { op: 'In' | 'NotIn'; value: string }[];
}

function compileTerm(term: NodeSelectorTerm | null | undefined): CompiledTerm | null {
  if (!term) return null;
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  // An empty term matches no objects (NodeSelectorRequirementsAsSelector on an empty list gives Nothing).
  if (exprs.length === 0 && fields.length === 0) return null;
  try {
    const labelReqs = exprs.map((e: NodeSelectorRequirement) =>
      newRequirement(String(e.key ?? ''), String(e.operator ?? ''), (e.values ?? []).map(String), true),
    );
    const fieldReqs = fields.map((f: NodeSelectorRequirement) => {
      if (f.key !== 'metadata.name') throw new SelectorError(`not a valid field selector key: ${f.key}`);
      if (f.operator !== 'In' && f.operator !== 'NotIn') throw new SelectorError(`"${f.operator}" is not a valid field selector operator`);
      if ((f.values ?? []).length !== 1) throw new SelectorError('must have one element');
      return { op: f.operator as 'In' | 'NotIn', value: String((f.values ?? [])[0]) };
    });
    return { labelReqs, fieldReqs };
  } catch {
    return null; // LazyErrorNodeSelector: a term that fails to parse is skipped (never matches)
  }
}

function termMatches(t: CompiledTerm, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const r of t.labelReqs) if (!requirementMatches(r, labels)) return false;
  const name = node.metadata?.name ?? '';
  for (const f of t.fieldReqs) {
    if (f.op === 'In' ? name !== f.value : name === f.value) return false;
  }
  return true;
}

/** A compiled node selector: the terms are ORed. */
export class NodeSelectorMatcher {
  private readonly terms: (CompiledTerm | null)[];
  constructor(ns: NodeSelector) {
    this.terms = (ns.nodeSelectorTerms ?? []).map(compileTerm);
  }
  matches(node: Node): boolean {
    for (const t of this.terms) if (t && termMatches(t, node)) return true;
    return false;
  }
}

/** Compiles one preferred term (for scoring). A term that cannot parse or is empty never matches. */
export function compileNodeSelectorTerm(term: NodeSelectorTerm | null | undefined): ((node: Node) => boolean) {
  const t = compileTerm(term);
  return t ? (node: Node) => termMatches(t, node) : () => false;
}

/**
 * RequiredNodeAffinity (component-helpers): the pod's nodeSelector map AND its required node
 * affinity. Used by the NodeAffinity filter and by PodTopologySpread's nodeAffinityPolicy: Honor.
 */
export class RequiredNodeAffinity {
  private readonly labelSelector: Selector | null;
  private readonly nodeSelector: NodeSelectorMatcher | null;

  constructor(pod: Pod) {
    const ns = pod.spec?.nodeSelector;
    this.labelSelector = ns && Object.keys(ns).length > 0 ? selectorFromSet(ns) : null;
    const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.nodeSelector = req ? new NodeSelectorMatcher(req) : null;
  }

  matches(node: Node): boolean {
    if (this.labelSelector && !this.labelSelector.matches(node.metadata?.labels)) return false;
    if (this.nodeSelector && !this.nodeSelector.matches(node)) return false;
    return true;
  }

  /**
   * The matcher of a pod object, built once: it is immutable, and a simulation's every cycle asked for
   * it again (NodeAffinity's PreFilter, PodTopologySpread's state copies), parsing the selectors each
   * time. Pods handed to the engine are not changed afterwards.
   */
  static of(pod: Pod): RequiredNodeAffinity {
    let m = requiredNodeAffinities.get(pod);
    if (!m) requiredNodeAffinities.set(pod, (m = new RequiredNodeAffinity(pod)));
    return m;
  }
}

const requiredNodeAffinities = new WeakMap<Pod, RequiredNodeAffinity>();
