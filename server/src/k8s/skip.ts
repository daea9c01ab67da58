// Files and documents kube-spread does not validate: Helm templates, kustomize files, patches
// and YAML that is not a Kubernetes object. Each is reported once, at information level, so the
// user knows why a file shows no diagnostics.

import { isScalar, visit, type Document, Scalar } from 'yaml';

export type SkipReason = 'empty' | 'not-kubernetes' | 'kustomization' | 'patch' | 'list';

/** Finding codes for skipped input (all information level). */
export const SKIP_CODES = {
  helm: 'yaml/helm-template',
  notKubernetes: 'yaml/not-kubernetes',
  kustomization: 'yaml/kustomization',
  patch: 'yaml/patch',
  list: 'yaml/list',
  customWorkload: 'yaml/custom-workload',
} as const;

const HELM_OBJECTS = /\{\{-?[^}]*(\.Values|\.Release|\.Chart|\.Capabilities|\.Files|\.Template|\binclude\s|\btpl\s|\btoYaml\b)/;

/**
 * The offset of the first Helm action in `text`, or -1. `{{` inside quoted or block scalars is
 * ordinary data (Prometheus alert templates, Go templates in ConfigMaps), unless it refers to
 * Helm's own objects; anywhere else it can only be a template action.
 */
export function findHelmAction(text: string, docs: readonly Document[]): number {
  const first = text.indexOf('{{');
  if (first < 0) return -1;
  const m = HELM_OBJECTS.exec(text);
  if (m) return m.index;
  const quoted: [number, number][] = [];
  for (const doc of docs) {
    visit(doc, {
      Scalar(_key, node) {
        if (isScalar(node) && node.range && node.type !== Scalar.PLAIN) quoted.push([node.range[0], node.range[1]]);
      },
    });
  }
  for (let at = first; at >= 0; at = text.indexOf('{{', at + 2)) {
    if (isInComment(text, at)) continue;
    if (!quoted.some(([s, e]) => at >= s && at < e)) return at;
  }
  return -1;
}

function isInComment(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /(^|\s)#/.test(text.slice(lineStart, at));
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
