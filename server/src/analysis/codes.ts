// One line per finding code, for SARIF rule descriptions and the README's code list.
// Codes are stable: never rename one; add new ones.

const DESCRIPTIONS: Record<string, string> = {
  'spread/pending': 'Replicas stay Pending because a DoNotSchedule spread constraint cannot be met on the cluster',
  'spread/unschedulable': 'Replicas stay Pending on the cluster for reasons other than spreading (taints, resources, affinity)',
  'spread/soft-skew-exceeded': 'A ScheduleAnyway constraint ends up with more skew than maxSkew',
  'spread/not-simulated': 'The placement could not be simulated',
};

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

export function registerDescriptions(more: Record<string, string>): void {
  Object.assign(DESCRIPTIONS, more);
}
