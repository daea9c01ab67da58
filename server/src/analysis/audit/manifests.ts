// Where an audited workload is written down: among the YAML files the editor gives (open documents and
// the workspace's manifests), the document whose kind, namespace and name are the workload's, so the
// Audit Cluster view can open it. A manifest that states no metadata.namespace matches the workload in
// any namespace (it is applied with `kubectl -n` or a kustomization); one that states the namespace wins.
// Templated documents (Helm) are skipped: their names are not known until rendered.

import { parseManifestText } from '../../k8s/manifest';
import { workloadId } from './workloads';

export interface ManifestSource {
  /** The file as the front end names it (a path, or a URI for unsaved documents). */
  file: string;
  text: string;
}

export interface AuditManifestMatch {
  file: string;
  /** 0-based YAML document index in the file. */
  document: number;
  /** 0-based line and character where the document starts. */
  line: number;
  character: number;
}

/** Files larger than this are not manifests worth parsing here (generated bundles, CRDs). */
const MAX_MANIFEST_CHARS = 1_000_000;

/** namespace/kind/name → the first file (in the given order) whose document defines it. */
export function matchAuditManifests(
  workloads: readonly { kind: string; namespace: string; name: string }[],
  files: readonly ManifestSource[],
): Record<string, AuditManifestMatch> {
  const wanted = new Set(workloads.map(workloadId));
  const exact = new Map<string, AuditManifestMatch>();
  /** kind/name of documents without a namespace. */
  const anyNamespace = new Map<string, AuditManifestMatch>();
  for (const f of files) {
    if (f.text.length > MAX_MANIFEST_CHARS) continue;
    let parsed;
    try {
      parsed = parseManifestText(f.text, { maxTextLength: MAX_MANIFEST_CHARS });
    } catch {
      continue; // never let one odd file take the view down
    }
    for (const d of parsed.documents) {
      if (d.skip || !d.kind || !d.name) continue;
      const at: AuditManifestMatch = { file: f.file, document: d.index, line: d.range.start.line, character: d.range.start.character };
      if (d.namespace) {
        const id = workloadId({ namespace: d.namespace, kind: d.kind, name: d.name });
        if (wanted.has(id) && !exact.has(id)) exact.set(id, at);
      } else if (!anyNamespace.has(`${d.kind}/${d.name}`)) anyNamespace.set(`${d.kind}/${d.name}`, at);
    }
  }
  const out: Record<string, AuditManifestMatch> = {};
  for (const w of workloads) {
    const id = workloadId(w);
    const m = exact.get(id) ?? anyNamespace.get(`${w.kind}/${w.name}`);
    if (m) out[id] = m;
  }
  return out;
}
