// Where each kind keeps its pod spec, and the apps/v1 rules tying `spec.selector` to the template
// (pkg/apis/apps/validation: ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateStatefulSetSpec,
// ValidateDaemonSetSpec; pkg/apis/core/validation for ReplicationController).

import { goJson, goStruct, makeIssue, type ApiIssue, type DocPath } from '../engine';
import { get, readSelector, readStringMap, type Selector } from './api-input';
import { selectorIssues, selectorJson, selectorMatches } from './api-selector';

export interface PodSource {
  kind: string;
  /** Path of the PodTemplateSpec (or of the Pod itself). */
  templatePath: DocPath;
  /** Where the pod spec is. */
  specPath: DocPath;
  /** Where the API reports label errors (`spec.template.labels` for templates: not `.metadata.labels`). */
  labelsApiPath: DocPath;
  labelsDocPath: DocPath;
  /** Labels a controller adds to every Pod it creates: the keys matter for the 1.34+ merge, not the values. */
  controllerLabels: string[];
  isPod: boolean;
}

const JOB_LABELS = ['batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name', 'controller-uid', 'job-name', 'batch.kubernetes.io/job-completion-index'];

function template(kind: string, t: DocPath, controllerLabels: string[]): PodSource {
  return { kind, templatePath: t, specPath: [...t, 'spec'], labelsApiPath: [...t, 'labels'], labelsDocPath: [...t, 'metadata', 'labels'], controllerLabels, isPod: false };
}

export function podSource(kind: unknown): PodSource | undefined {
  switch (kind) {
    case 'Pod':
      return { kind, templatePath: [], specPath: ['spec'], labelsApiPath: ['metadata', 'labels'], labelsDocPath: ['metadata', 'labels'], controllerLabels: [], isPod: true };
    case 'Deployment':
    case 'ReplicaSet':
      return template(kind, ['spec', 'template'], ['pod-template-hash']);
    case 'StatefulSet':
      return template(kind, ['spec', 'template'], ['controller-revision-hash', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index']);
    case 'DaemonSet':
      return template(kind, ['spec', 'template'], ['controller-revision-hash', 'pod-template-generation']);
    case 'ReplicationController':
      return template(kind, ['spec', 'template'], []);
    case 'Job':
      return template(kind, ['spec', 'template'], JOB_LABELS);
    case 'CronJob':
      return template(kind, ['spec', 'jobTemplate', 'spec', 'template'], JOB_LABELS);
    case 'PodTemplate':
      return template(kind, ['template'], []);
    default:
      return undefined;
  }
}

export function templateLabels(obj: unknown, src: PodSource): Record<string, string> | null | undefined {
  return readStringMap(get(obj, ...(src.labelsDocPath as string[])));
}

export interface SelectorResult {
  issues: ApiIssue[];
  /** false when the API server would skip the template (selector failed LabelSelectorAsSelector). */
  validateTemplate: boolean;
}

const MISMATCH = '`selector` does not match template `labels`';

function mismatch(labels: Record<string, string> | null): ApiIssue {
  const p = ['spec', 'template', 'metadata', 'labels'];
  return makeIssue({ code: 'api/selector-mismatch', type: 'Invalid', api: p, value: goStruct(labels, goJson(labels)), detail: MISMATCH });
}

/** The apps/v1 selector rules; `kind` must be Deployment, ReplicaSet, StatefulSet or DaemonSet. */
function appsSelector(kind: string, obj: unknown, labels: Record<string, string> | null): SelectorResult {
  const raw = get(obj, 'spec', 'selector');
  const sel: Selector | null | undefined = readSelector(raw);
  if (sel === undefined || sel?.partial) return { issues: [], validateTemplate: true }; // schema layer's business
  const issues: ApiIssue[] = [];
  const noun = kind === 'StatefulSet' ? 'statefulset' : kind === 'DaemonSet' ? 'daemonset' : 'deployment';
  const selPath = ['spec', 'selector'];
  const value = () => goStruct(raw, selectorJson(sel));
  if (sel === null && kind !== 'DaemonSet') issues.push(makeIssue({ code: 'api/selector-required', type: 'Required', api: selPath }));
  const syntax = selectorIssues(sel, selPath);
  issues.push(...syntax);
  const empty = sel !== null && Object.keys(sel.matchLabels ?? {}).length + (sel.expressions ?? []).length === 0;
  // ReplicaSet's message says "deployment" too: upstream copied the text.
  if (empty) issues.push(makeIssue({ code: 'api/selector-empty', type: 'Invalid', api: selPath, value: value(), detail: `empty selector is invalid for ${noun}` }));
  const matches = syntax.length > 0 ? undefined : selectorMatches(sel, labels ?? {});
  if (matches === undefined) {
    // LabelSelectorAsSelector failed. Deployment/ReplicaSet/StatefulSet then skip the whole template.
    if (kind === 'DaemonSet') return { issues, validateTemplate: true };
    const detail = kind === 'StatefulSet' ? '' : 'invalid label selector';
    issues.push(makeIssue({ code: 'api/selector-invalid', type: 'Invalid', api: selPath, value: value(), detail }));
    return { issues, validateTemplate: false };
  }
  // Deployment/ReplicaSet/StatefulSet skip the match for an empty ({} = Everything) selector; a nil one
  // is Nothing, which matches no labels, so it is reported as a mismatch as well as required.
  if (!matches) issues.push(mismatch(labels));
  return { issues, validateTemplate: true };
}

/** ReplicationController: map selector, defaulted from the template labels when empty (SetDefaults_ReplicationController). */
function rcSelector(obj: unknown, labels: Record<string, string> | null): SelectorResult {
  const sel = readStringMap(get(obj, 'spec', 'selector'));
  if (sel === undefined) return { issues: [], validateTemplate: true };
  const effective = sel && Object.keys(sel).length > 0 ? sel : (labels ?? {});
  const issues: ApiIssue[] = [];
  if (Object.keys(effective).length === 0) {
    issues.push(makeIssue({ code: 'api/selector-required', type: 'Required', api: ['spec', 'selector'] }));
    return { issues, validateTemplate: true };
  }
  const l = labels ?? {};
  if (!Object.entries(effective).every(([k, v]) => Object.prototype.hasOwnProperty.call(l, k) && l[k] === v)) issues.push(mismatch(labels));
  return { issues, validateTemplate: true };
}

export function selectorRules(kind: string, obj: unknown, labels: Record<string, string> | null): SelectorResult {
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      return appsSelector(kind, obj, labels);
    case 'ReplicationController':
      return rcSelector(obj, labels);
    default:
      return { issues: [], validateTemplate: true };
  }
}
