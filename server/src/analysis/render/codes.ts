// One line per finding code, for SARIF rule descriptions and docs/codes.md (linked from the README).
// Codes are stable: never rename one; add new ones. The longer text and the example of each code are
// in docs/codes.md (read for SARIF through codeDocs.ts).

import type { Severity } from '../../base/finding';

const DESCRIPTIONS: Record<string, string> = {
  'spread/pending': 'Replicas stay Pending because a DoNotSchedule spread constraint cannot be met on the cluster',
  'spread/unschedulable': 'Replicas stay Pending on the cluster for reasons other than spreading (taints, resources, affinity)',
  'spread/soft-skew-exceeded': 'A ScheduleAnyway constraint ends up with more skew than maxSkew',
  'spread/not-simulated': 'The placement could not be simulated',
  'spread/replicas-limit': 'More replicas than kubeSpread.limits.maxReplicas: only the first ones are simulated',
  'spread/topology-key-missing': 'No node of the cluster carries a ScheduleAnyway constraint\'s topologyKey, so the constraint (and the pod\'s other ScheduleAnyway constraints) has no effect',
  'spread/topology-key-partial': 'Some nodes the pod can run on lack the topologyKey: DoNotSchedule rejects them, ScheduleAnyway avoids them',
  'spread/tainted-domains-pin-minimum': 'With the default nodeTaintsPolicy Ignore, domains of tainted nodes the pod cannot use pin the global minimum and cap the replicas that fit',
  'spread/hostname-replicas-exceed-nodes': 'Hostname spreading with maxSkew 1 and more replicas than nodes: nodes get several replicas (it is not one per node)',
  'spread/blocked-by-release': 'Replicas stay Pending because of other workloads of the same file applied together (a release): without their pods they would fit',
  'spread/release-order-sensitive': 'The outcome depends on the order in which the file\'s workloads are created: the release is a race',
  'spread/release-not-simulated': 'The file\'s workloads are checked one by one, not together as a release: more than check simulates on every change',
  'spread/release-order-not-checked': 'The release is simulated in document order only: check tries the other creation orders (to find races) up to 25,000 pods x nodes on every change',
  'spread/scale-up': 'Replicas Pending on the current nodes get nodes from the fixture\'s autoscaler (cluster-autoscaler, Karpenter): how many per zone',
  'spread/volume-pinned': 'Replicas stay Pending: their claims\' volumes pin them to domains where a DoNotSchedule spread constraint allows no more pods',
  'spread/preempts': 'Replicas are placed only by preempting lower-priority pods: which ones, and whether their replacements find room',
  'spread/preemption-never': 'Replicas with preemptionPolicy: Never stay Pending although preemption would place them',
  'spread/priority-class-unknown': 'priorityClassName names no PriorityClass: the API server\'s Priority admission rejects every pod',
  'spread/karpenter-diverges': 'Karpenter launches a node for a pod that kube-scheduler then places elsewhere or leaves Pending, or refuses a pod kube-scheduler places',

  // lint/: likely mistakes the API server accepts (spread-semantics.md §8).
  'lint/selector-not-self': 'labelSelector does not select the pod\'s own labels, so replicas are not counted and not spread',
  'lint/selector-missing': 'labelSelector is missing: the constraint counts no pods and spreads nothing; it only keeps pods off (or away from) nodes without the topologyKey',
  'lint/selector-empty': 'labelSelector: {} counts no pods up to Kubernetes 1.36 (spreads nothing) and every pod of the namespace from 1.37',
  'lint/selector-negative': 'The selector only has NotIn/DoesNotExist requirements, so it also counts unrelated pods lacking the key',
  'lint/matchLabelKeys-absent': 'A matchLabelKeys key the pods do not carry is silently ignored',
  'lint/matchLabelKeys-per-pod': 'A matchLabelKeys key unique to each pod makes every selector match only its own pod: no spreading',
  'lint/matchLabelKeys-pod-template-hash': 'Deployment constraint without matchLabelKeys: [pod-template-hash]: rollouts count old-revision pods',
  'lint/minDomains-scheduleAnyway': 'minDomains with ScheduleAnyway (reported only when the api/ layer does not report it)',
  'lint/nodeAffinityPolicy-ignore': 'nodeAffinityPolicy: Ignore with a nodeSelector/required node affinity counts domains the pod cannot use',
  'lint/spread-pinned-by-node-affinity': 'The pod\'s node selection allows a single value of the topologyKey, so the constraint has one domain and no effect',
  'lint/spread-vs-pod-anti-affinity': 'Required pod anti-affinity on the same topologyKey already allows one pod per domain; the constraint adds nothing',
  'lint/constraint-redundant': 'A ScheduleAnyway constraint repeating a DoNotSchedule maxSkew 1 constraint (same key and selector) never changes the choice',
  'lint/maxSkew-ineffective': 'maxSkew is not smaller than the replica count, so a DoNotSchedule constraint never rejects a node for the workload\'s own pods',
  'lint/topology-key-typo': 'topologyKey looks like a misspelled well-known key (or a well-known name under another Kubernetes prefix) and no node carries it',
  'lint/topology-key-deprecated': 'topologyKey is a deprecated failure-domain.beta.kubernetes.io key',
  'lint/no-constraints': 'A workload with several replicas and no topologySpreadConstraints (only soft cluster defaults, if any)',
  'lint/daemonset-constraints': 'topologySpreadConstraints on a DaemonSet cannot move its pods, only keep some nodes without one',
  'lint/volumes-not-modelled': 'An inline in-tree volume (awsElasticBlockStore, gcePersistentDisk, ...) that NodeVolumeLimits counts upstream through CSI migration is not counted here',
  'lint/nodeName-set': 'spec.nodeName bypasses kube-scheduler, so the constraints are never evaluated',
  'lint/hpa-invalid-replicas': 'The API server rejects the HorizontalPodAutoscaler\'s replica range (minReplicas or maxReplicas below 1, maxReplicas below minReplicas): it scales nothing',
  'lint/hpa-target-not-in-release': 'The HorizontalPodAutoscaler\'s scaleTargetRef names no workload of its release: its replicas are not simulated here',
  // lint/ rules that depend on the Kubernetes version and scheduler configuration (version-lint.ts).
  'lint/version-toleration-operator': 'A toleration uses Lt/Gt, which the selected Kubernetes version (or its gates) rejects',
  'lint/version-field-ignored': 'Pod-level resources the selected Kubernetes version (or its gates) drops',
  'lint/scheduler-name-unknown': 'spec.schedulerName names no profile of the scheduler configuration: nothing schedules the pod',
  'lint/internal-error': 'The lint rules could not run on this document (a kube-spread bug; please report it)',
  // Suppression (analysis/project/suppress.ts).
  'lint/unused-suppression': 'A kube-spread-ignore comment or kube-spread.dev/ignore annotation names a code with no finding to suppress (or no valid code)',

  // yaml/: syntax and documents kube-spread does not check.
  'yaml/syntax': 'YAML syntax error',
  'yaml/duplicate-key': 'A mapping repeats a key',
  'yaml/warning': 'YAML parser warning',
  'yaml/too-large': 'File not checked: larger than the size limit',
  'yaml/too-many-findings': 'Editor only: more than 1,000 findings in one file; the rest are not shown (kube-spread check lists them all)',
  'yaml/too-deep': 'File not checked: nested deeper than the limit',
  'yaml/alias-limit': 'Document not checked: it expands too many aliases (alias bomb)',
  'yaml/internal-error': 'Document not checked (the rest of it): kube-spread failed on it, a bug; the file\'s other documents are still checked',
  'yaml/invalid': 'Document not checked: it could not be converted to data',
  'yaml/helm-template': 'Helm template: only rendered manifests are checked',
  'yaml/go-template': 'Go template (not Helm): only rendered manifests are checked',
  'yaml/kustomization': 'kustomize file: only the built output is checked',
  'yaml/patch': 'Patch: partial objects are not checked',
  'yaml/not-kubernetes': 'Not a Kubernetes object (no kind/apiVersion): not checked',
  'yaml/list': 'A List: its items are not checked (kube-spread checks objects written as their own documents)',
  'yaml/custom-workload': 'A kind kube-spread does not simulate (Argo Rollout, Strimzi Kafka, …) with topologySpreadConstraints: validated with the API rules, not simulated',

  // schema/: the Kubernetes OpenAPI schema.
  'schema/type': 'A field has the wrong type',
  'schema/unknown-field': 'A field the schema does not know (dropped or rejected by the API server)',
  'schema/required': 'A required field is missing or empty',
  'schema/enum': 'A value outside the allowed set',
  'schema/format': 'A value that does not fit its format (e.g. int32)',
  'schema/invalid': 'The object violates another schema rule',
  'schema/api-version': 'apiVersion is not served for this kind in the selected Kubernetes version',

  // api/: API-server validation (validateTopologySpreadConstraints, label selectors, apps/v1 selectors).
  'api/maxSkew-positive': 'maxSkew must be greater than zero',
  'api/topologyKey-required': 'topologyKey can not be empty',
  'api/whenUnsatisfiable-supported': 'whenUnsatisfiable must be DoNotSchedule or ScheduleAnyway',
  'api/constraint-duplicate': 'Two constraints with the same topologyKey and whenUnsatisfiable',
  'api/minDomains-positive': 'minDomains must be greater than zero',
  'api/minDomains-scheduleAnyway': 'minDomains can only be used with whenUnsatisfiable: DoNotSchedule',
  'api/nodeAffinityPolicy-supported': 'nodeAffinityPolicy must be Honor or Ignore',
  'api/nodeTaintsPolicy-supported': 'nodeTaintsPolicy must be Honor or Ignore',
  'api/matchLabelKeys-without-selector': 'matchLabelKeys must not be set without labelSelector',
  'api/matchLabelKeys-invalid': 'A matchLabelKeys entry is not a valid label key',
  'api/matchLabelKeys-overlap': 'A matchLabelKeys key is also used in labelSelector',
  'api/matchLabelKeys-overlap-on-pod-create': 'Accepted for the workload, but every Pod it creates is rejected: a matchLabelKeys key is already in labelSelector (1.34+ merge)',
  'api/matchLabelKeys-dropped': 'matchLabelKeys is silently dropped: its feature gate is disabled',
  'api/minDomains-dropped': 'minDomains is silently dropped: its feature gate is disabled',
  'api/nodeInclusionPolicy-dropped': 'nodeAffinityPolicy/nodeTaintsPolicy is silently dropped: its feature gate is disabled',
  'api/labelSelector-matchLabels-key': 'A labelSelector.matchLabels key is not a valid label key',
  'api/labelSelector-matchLabels-value': 'A labelSelector.matchLabels value is not a valid label value',
  'api/labelSelector-key': 'A labelSelector expression key is not a valid label key',
  'api/labelSelector-value': 'A labelSelector expression value is not a valid label value',
  'api/labelSelector-operator': 'A labelSelector expression operator is not In, NotIn, Exists or DoesNotExist',
  'api/labelSelector-values-required': 'In/NotIn expressions need values',
  'api/labelSelector-values-forbidden': 'Exists/DoesNotExist expressions must not have values',
  'api/labels-key': 'A pod (template) label key is invalid',
  'api/labels-value': 'A pod (template) label value is invalid',
  'api/selector-required': 'The workload\'s spec.selector is required',
  'api/selector-empty': 'The workload\'s spec.selector is empty',
  'api/selector-invalid': 'The workload\'s spec.selector is not a valid label selector',
  'api/selector-mismatch': 'The workload\'s spec.selector does not match its template labels',
};

/** Every documented code (docs/codes.md lists the same set; a test keeps them in step). */
export function knownCodes(): string[] {
  return Object.keys(DESCRIPTIONS).sort();
}

export function describeCode(code: string): string {
  if (DESCRIPTIONS[code]) return DESCRIPTIONS[code];
  const [group] = code.split('/');
  const byGroup: Record<string, string> = {
    yaml: 'YAML syntax or a document kube-spread does not check',
    schema: 'The object does not match the Kubernetes OpenAPI schema',
    api: 'The API server would reject this object',
    lint: 'A likely mistake the API server accepts',
    spread: 'Simulation against the cluster fixture',
  };
  return byGroup[group] ?? code;
}


/** The prefix group of a code: yaml, schema, api, lint or spread. */
export function codeGroup(code: string): string {
  return code.split('/')[0];
}

// The most severe level each code is reported at, for SARIF's defaultConfiguration (every finding
// carries its own severity, which can be milder: spread/ findings against the embedded sample, a soft
// constraint instead of a hard one). Codes not listed take their group's level.
const GROUP_SEVERITY: Record<string, Severity> = { yaml: 'error', schema: 'error', api: 'error', lint: 'warning', spread: 'warning' };
const SEVERITY_EXCEPTIONS: Record<string, Severity> = {
  'yaml/warning': 'warning',
  'yaml/too-large': 'warning',
  'yaml/internal-error': 'warning',
  'yaml/too-many-findings': 'information',
  'yaml/helm-template': 'information',
  'yaml/go-template': 'information',
  'yaml/kustomization': 'information',
  'yaml/patch': 'information',
  'yaml/not-kubernetes': 'information',
  'yaml/list': 'information',
  'yaml/custom-workload': 'information',
  'schema/unknown-field': 'warning',
  'schema/api-version': 'warning',
  'api/matchLabelKeys-dropped': 'warning',
  'api/minDomains-dropped': 'warning',
  'api/nodeInclusionPolicy-dropped': 'warning',
  'lint/selector-not-self': 'error',
  'lint/selector-missing': 'error',
  'lint/selector-empty': 'error',
  'lint/matchLabelKeys-per-pod': 'error',
  'lint/minDomains-scheduleAnyway': 'error',
  'lint/version-toleration-operator': 'error',
  'lint/no-constraints': 'information',
  'lint/volumes-not-modelled': 'information',
  'lint/hpa-invalid-replicas': 'error',
  'lint/internal-error': 'information',
  'lint/constraint-redundant': 'hint',
  'lint/matchLabelKeys-pod-template-hash': 'hint',
  'lint/maxSkew-ineffective': 'hint',
  'lint/selector-negative': 'hint',
  'lint/unused-suppression': 'hint',
  'spread/pending': 'error',
  'spread/blocked-by-release': 'error',
  'spread/soft-skew-exceeded': 'information',
  'spread/not-simulated': 'information',
  'spread/replicas-limit': 'information',
  'spread/release-not-simulated': 'information',
  'spread/release-order-not-checked': 'information',
  'spread/hostname-replicas-exceed-nodes': 'information',
  'spread/scale-up': 'information',
  'spread/volume-pinned': 'error',
  'spread/priority-class-unknown': 'error',
};

export function highestSeverity(code: string): Severity {
  return SEVERITY_EXCEPTIONS[code] ?? GROUP_SEVERITY[codeGroup(code)] ?? 'warning';
}
