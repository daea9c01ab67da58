// Working beside Red Hat's YAML extension (redhat.vscode-yaml) without showing a problem twice.
// That extension reports YAML syntax errors whenever it validates, and schema errors for Kubernetes
// objects when the user maps its Kubernetes schema (`"yaml.schemas": {"kubernetes": "*.yaml"}` or a
// kubernetes-json-schema URL). Where it does, kube-spread leaves those to it and keeps its own
// api/, lint/ and spread/ findings, which nothing else reports. No vscode import: unit-testable.

export interface YamlExtensionState {
  /** redhat.vscode-yaml is installed and enabled. */
  installed: boolean;
  /** Its `yaml.validate` setting (default true). */
  validate: boolean | undefined;
  /** Its `yaml.schemas` setting: schema (name or URL) -> glob(s). */
  schemas: unknown;
}

/** Codes of ours that Red Hat's YAML extension already reports for the same cause. */
const SYNTAX_CODES = new Set(['yaml/syntax', 'yaml/duplicate-key']);

function mapsKubernetesSchema(schemas: unknown): boolean {
  if (!schemas || typeof schemas !== 'object' || Array.isArray(schemas)) return false;
  return Object.keys(schemas).some((k) => k === 'kubernetes' || /kubernetes/i.test(k));
}

/** A predicate: true for a finding code that the YAML extension already shows. */
export function duplicatedByYamlExtension(state: YamlExtensionState): (code: string) => boolean {
  if (!state.installed || state.validate === false) return () => false;
  const schema = mapsKubernetesSchema(state.schemas);
  return (code) => SYNTAX_CODES.has(code) || (schema && code.startsWith('schema/'));
}
