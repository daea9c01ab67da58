// Files and documents kube-spread does not validate: Helm and Go templates, kustomize files,
// patches and YAML that is not a Kubernetes object. Each is reported once, at information level, so
// the user knows why a file shows no diagnostics. Also where a document keeps topologySpreadConstraints
// lists (custom resources: validated, not simulated).

import { isScalar, visit, type Document, Scalar } from 'yaml';
import type { PathSegment } from './ranges';

export type SkipReason = 'empty' | 'not-kubernetes' | 'kustomization' | 'patch' | 'list' | 'template';

/** Finding codes for skipped input (all information level). */
export const SKIP_CODES = {
  helm: 'yaml/helm-template',
  goTemplate: 'yaml/go-template',
  notKubernetes: 'yaml/not-kubernetes',
  kustomization: 'yaml/kustomization',
  patch: 'yaml/patch',
  list: 'yaml/list',
  customWorkload: 'yaml/custom-workload',
} as const;

/** A template action that uses Helm's own objects or functions: without one it is a plain Go template. */
const HELM_ACTION = /\{\{-?[^}]{0,500}?(\.Values\b|\.Release\b|\.Chart\b|\.Capabilities\b|\.Files\b|\.Template\b|\.Subcharts\b|\binclude\s|\btpl\s|\btoYaml\b|\brequired\s|\blookup\s)/;

export interface TemplateSource {
  /** Offset of the first template action that is not data. */
  at: number;
  /** It uses Helm's objects or functions (`.Values`, `include`…), so `helm template` renders it. */
  helm: boolean;
}

/**
 * For each parsed document, whether it is template source rather than YAML data, decided from what
 * the template text did to the parse: an action outside every scalar (YAML then reads `{{` as a
 * flow mapping, or fails) or one that a plain scalar starts with. `{{` inside quoted and block
 * scalars is data (Prometheus alert text, a sidecar-injector template held in a ConfigMap) and
 * never makes the document a template, nor does `{{` later in a plain scalar (`summary: Instance
 * {{ $labels.instance }} down`) or in a comment. Each document is judged on its own text: one
 * template in a file of rendered objects leaves the others to be checked.
 */
export function templateDocuments(text: string, docs: readonly Document[]): (TemplateSource | undefined)[] {
  const out: (TemplateSource | undefined)[] = docs.map(() => undefined);
  let at = text.indexOf('{{');
  if (at < 0) return out;
  for (let i = 0; i < docs.length && at >= 0; i++) {
    // A document's text runs to the next one's start: actions after its last node (`{{- end }}`) are its own.
    const from = i === 0 ? 0 : docs[i].range?.[0] ?? 0;
    const end = i + 1 < docs.length ? docs[i + 1].range?.[0] ?? text.length : text.length;
    if (at >= end) continue;
    const scalars = scalarSpans(docs[i]);
    for (; at >= 0 && at < end; at = text.indexOf('{{', at + 2)) {
      if (isData(scalars, at) || isInComment(text, at)) continue;
      out[i] = { at, helm: HELM_ACTION.test(text.slice(from, end)) };
      at = text.indexOf('{{', end);
      break;
    }
  }
  return out;
}

/** [start, end, plain] of every scalar of the document, by start (scalars never overlap). */
function scalarSpans(doc: Document): [number, number, boolean][] {
  const spans: [number, number, boolean][] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && node.range) spans.push([node.range[0], node.range[1], node.type === Scalar.PLAIN]);
    },
  });
  return spans.sort((x, y) => x[0] - y[0]);
}

/** `{{` at `at` is data: inside a quoted or block scalar, or inside (not at the start of) a plain one. */
function isData(spans: [number, number, boolean][], at: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][0] <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return false;
  const [start, end, plain] = spans[found];
  return at < end && !(plain && at === start);
}

function isInComment(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /(^|\s)#/.test(text.slice(lineStart, at));
}

export interface ConstraintList {
  /** Document path of the `topologySpreadConstraints` key. */
  path: PathSegment[];
  list: readonly unknown[];
}

/** Deeper than any object the API server stores (and than maxDepth lets through by default). */
const MAX_WALK_DEPTH = 256;

const TSC = 'topologySpreadConstraints';

/**
 * Every `topologySpreadConstraints` list in a document, wherever it is: custom resources keep pod
 * specs in places of their own (Strimzi `spec.kafka.template.pod`, RedisFailover `spec.redis`…).
 * `source`, the document's text, lets the walk be skipped when the key is not written in it (an
 * alias or merge key only reuses text of the same document).
 */
export function constraintLists(value: unknown, source?: string): ConstraintList[] {
  const out: ConstraintList[] = [];
  if (source !== undefined && !source.includes(TSC)) return out;
  const path: PathSegment[] = []; // one stack, copied only for a hit: documents can have 100,000s of keys
  const walk = (v: object): void => {
    if (path.length > MAX_WALK_DEPTH) return;
    if (Array.isArray(v)) {
      v.forEach((x: unknown, i) => {
        if (typeof x !== 'object' || x === null) return;
        path.push(i);
        walk(x);
        path.pop();
      });
      return;
    }
    for (const k of Object.keys(v)) {
      const x: unknown = (v as Record<string, unknown>)[k];
      if (typeof x !== 'object' || x === null) continue;
      if (k === TSC && Array.isArray(x)) {
        out.push({ path: [...path, k], list: x });
        continue;
      }
      path.push(k);
      walk(x);
      path.pop();
    }
  };
  if (typeof value === 'object' && value !== null) walk(value);
  return out;
}

const PATCH_DIRECTIVE = /^[ \t-]*["']?\$(patch|retainKeys|setElementOrder\/|deleteFromPrimitiveList\/)/m;

/** A strategic-merge patch directive in the document's source text. */
export function hasPatchDirective(source: string): boolean {
  return PATCH_DIRECTIVE.test(source);
}

/** A JSON 6902 patch: a list of `{op, path}` operations. */
export function isJsonPatch(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'object' && v !== null && 'op' in v && 'path' in v);
}

/** kustomize patch files are conventionally named *patch*.yaml; a caller that knows better passes `patch`. */
export function looksLikePatchFile(fileName: string | undefined): boolean {
  if (!fileName) return false;
  const base = fileName.split(/[\\/]/).pop() ?? '';
  // `patch` as a word (`scale_patch.yaml`, `patch-replicas.yaml`), not `deploy-patched.yaml`.
  return /(^|[-_.])patch(es)?([-_.]|$)/i.test(base);
}
