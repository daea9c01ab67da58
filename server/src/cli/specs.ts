// Every subcommand's flags, declared once: the parser (args.ts) reads them and the help (help.ts)
// lists them, so `kube-spread COMMAND --help` cannot forget a flag or a --format value.

import { defaultEnv, DOMAIN_LOSS_MODES, NEWEST_MINOR, OLDEST_MINOR, RELEASE_ORDERS } from '../analysis';
import type { CommandSpec, FlagSpec } from './args';

const CLUSTER: FlagSpec = {
  name: 'cluster', value: 'FIXTURE', repeatable: true,
  help: 'cluster fixture: kubectl get nodes,pods -A -o yaml|json output, a directory of such files, a kind: ClusterFixture file, or - for standard input (repeatable). Default: the embedded sample cluster',
};
const K8S_VERSION: FlagSpec = {
  name: 'k8s-version', value: 'X.Y',
  help: `Kubernetes version to model (1.${OLDEST_MINOR}..1.${NEWEST_MINOR}; default: the fixture's, else 1.${defaultEnv().minor})`,
};
const FEATURE_GATES: FlagSpec = { name: 'feature-gates', value: 'A=true,B=false', help: 'override feature gates (defaults follow the version; see docs/versions.md)' };
const SCHEDULER_CONFIG: FlagSpec = {
  name: 'scheduler-config', value: 'FILE',
  help: "a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1): profiles, plugins, weights, default spread constraints. Default: one in the fixture, else kube-scheduler's defaults",
};
const CONFIG: FlagSpec = {
  name: 'config', value: 'FILE',
  help: "project file: its cluster and kubernetesVersion are the defaults of --cluster and --k8s-version (check: also its disabled codes, severity overrides and failOn). Default: the nearest .kube-spread.yaml walking up from the input's folder",
};
const AT_MAX: FlagSpec = {
  name: 'at-max', help: 'every workload a HorizontalPodAutoscaler of the release scales is simulated at its maxReplicas (default: the replicas the HPA leaves; docs/release.md)',
};
const DOCUMENT: FlagSpec = { name: 'document', value: 'N', help: '0-based YAML document to use (default: the first Pod or workload)' };

function format(values: readonly string[], what: string): FlagSpec {
  return { name: 'format', value: values.join('|'), choices: values, help: `output format (default text): ${what}` };
}

const INPUT_NOTE = 'FILE may be - for standard input (read once: not also for --cluster or --scheduler-config). A YAML syntax error in the workload is refused (exit 2) with its line and column.';
const EXIT_PICK = 'Exit codes: 0 ok; 1 replicas pending / the pod fits no node; 2 usage error or unreadable input (one line on stderr).';

export const CHECK: CommandSpec = {
  name: 'check',
  usage: '[FILES or DIRS...]',
  summary: 'every finding (YAML, schema, API-server rules, lint, spread simulation) of every manifest',
  flags: [
    CLUSTER, format(['text', 'json', 'sarif'], 'text for people, json (docs/cli.md), sarif 2.1.0 for code scanning'), K8S_VERSION, FEATURE_GATES, SCHEDULER_CONFIG,
    { name: 'allow-empty', help: 'succeed when the inputs hold no document at all (default: that is an error, exit 2, so CI never passes on nothing)' },
    CONFIG,
    {
      name: 'fail-on', value: 'error|warning|information|hint', choices: ['error', 'warning', 'information', 'hint'],
      help: "exit 1 when a finding at this level or a more severe one remains (default: the project file's failOn, else error)",
    },
    {
      name: 'jobs', value: 'N',
      help: "check files on N threads (default 1; at most one thread per 24 files). It pays only with cores to spare: V8's own compiler and GC threads already use part of a second core. Files of a release, and standard input, are checked on the main thread; the output is the same",
    },
    { name: 'release', help: "every workload of the FILES and DIRS given is simulated together, as one release (default: each file's own workloads, or the project file's releases; docs/release.md)" },
    AT_MAX,
  ],
  notes: [
    'Inputs default to the current directory. Directories are searched recursively for *.yaml, *.yml and *.json (dot-entries and node_modules skipped; broken symbolic links are skipped with a warning). - reads standard input. Files are reported by the path as given.',
    'Findings can be suppressed by # kube-spread-ignore CODE comments, the kube-spread.dev/ignore annotation and the project file (README, "Suppressing findings"); they are counted, never dropped silently.',
    'Exit codes: 0 no finding at the --fail-on level (default error) or above; 1 such a finding; 2 usage error, unreadable input, an invalid project file, or no document at all without --allow-empty.',
  ],
};

export const EXPLAIN: CommandSpec = {
  name: 'explain',
  usage: 'FILE [--release [FILE or DIR...]]',
  summary: 'every filter and score of one pod of the workload on every node',
  flags: [
    DOCUMENT, CLUSTER, format(['text', 'json'], 'text for people (per zone past 40 nodes), json with every node'), K8S_VERSION, FEATURE_GATES, SCHEDULER_CONFIG, CONFIG,
    {
      name: 'release',
      help: "explain the pod within its release: the workloads of FILE (and of more FILEs or DIRs) created together, the others' pods placed before it in creation order (docs/release.md)",
    },
  ],
  notes: [INPUT_NOTE, EXIT_PICK],
};

export const SIMULATE: CommandSpec = {
  name: 'simulate',
  usage: 'FILE [FILE or DIR...]',
  summary: "the workload's replicas placed one after another, as kube-scheduler would, and what-ifs",
  flags: [
    DOCUMENT, CLUSTER,
    { name: 'replicas', value: 'N', help: "replicas to place instead of the workload's count (an integer >= 0; at most 20000 are simulated, and the output says so)" },
    format(['text', 'json', 'svg'], 'text for people (replica ranges, per zone past 40 nodes), json with every replica, svg picture'),
    K8S_VERSION, FEATURE_GATES, SCHEDULER_CONFIG,
    { name: 'rollout', help: 'step through a rolling update of the Deployment, also compared with/without matchLabelKeys: [pod-template-hash]' },
    { name: 'no-compare', requires: 'rollout', help: 'with --rollout: skip that comparison' },
    { name: 'scale-to', value: 'M', help: 'scale the workload to M replicas: which pods its controller deletes, the skew left' },
    { name: 'without-domain', value: 'KEY=VALUE', help: 'lose every node labelled KEY=VALUE and re-place their pods' },
    { name: 'domain-loss', value: DOMAIN_LOSS_MODES.join('|'), choices: DOMAIN_LOSS_MODES, requires: 'without-domain', help: 'with --without-domain: how the nodes go (default remove)' },
    {
      name: 'release',
      help: "with --rollout or --scale-to: the what-if runs while the other workloads of FILE (and more FILEs or DIRs) run, placed as the release places them; with --without-domain (also implied by several FILEs or a DIR): the whole release is placed, the domain lost, and every workload's lost pods replaced together (docs/release.md)",
    },
    CONFIG,
    {
      name: 'order', value: RELEASE_ORDERS.join('|'), choices: RELEASE_ORDERS,
      help: 'with several workloads: the creation order reported (default document: as kubectl apply sends them); the others are simulated too, to find races',
    },
    AT_MAX,
  ],
  notes: [
    INPUT_NOTE,
    'Several workloads (in FILE, or in several FILEs and DIRs) are simulated together as a release: every pod on one cluster, in creation order (docs/release.md). The answer is --document N of the first FILE (default: the first workload) placed within the release, beside a summary of every workload; exit 1 when a replica of the release (with --document: of that workload) stays pending.',
    EXIT_PICK,
  ],
};

export const FIXTURE: CommandSpec = {
  name: 'fixture',
  usage: '',
  summary: 'what the engine sees in a cluster fixture: nodes, zones, taints, problems',
  flags: [CLUSTER, format(['text', 'json'], 'text for people (per zone past 40 nodes), json with every node'), CONFIG],
  notes: [
    'A fixture with no nodes is refused, unless it declares node pools that are all scaled to zero (a real cluster: a warning, and every pod is Pending).',
    'Subcommand: kube-spread fixture capture (see kube-spread fixture capture --help).',
    'Exit codes: 0 ok; 2 usage error or a fixture that cannot be read.',
  ],
};

export const AUDIT: CommandSpec = {
  name: 'audit',
  usage: '',
  summary: "a running cluster's spread: every workload's constraints counted as the scheduler counts, Pending pods explained, a descheduler dry run",
  flags: [
    CLUSTER, format(['text', 'json', 'markdown'], 'text for people (worst first), json (docs/audit.md), markdown for a pull-request comment'),
    K8S_VERSION, FEATURE_GATES, SCHEDULER_CONFIG, CONFIG,
    {
      name: 'fail-on', value: 'DoNotSchedule|any|never', choices: ['DoNotSchedule', 'any', 'never'],
      help: "exit 1 when a constraint at this level is over its maxSkew, or the descheduler dry run loops (default: the project file's audit.failOn, else DoNotSchedule)",
    },
    { name: 'descheduler', help: "also dry-run the descheduler's RemovePodsViolatingTopologySpreadConstraint: evictions, replacements re-scheduled, rounds until it converges or loops" },
    { name: 'descheduler-policy', value: 'FILE', help: 'a DeschedulerPolicy (descheduler/v1alpha2) to dry-run instead of the strategy alone with its defaults; implies --descheduler' },
    { name: 'allow-empty', help: 'succeed when the fixture holds no workload (default: that is an error, exit 2, so CI never passes on nothing)' },
  ],
  notes: [
    'Workloads: Deployments (through their ReplicaSets), StatefulSets, DaemonSets, Jobs, other controllers and bare Pods, grouped by their pods\' controller owner references; each is named namespace/kind/name.',
    'Exit codes: 0 nothing over the --fail-on level; 1 a constraint over its maxSkew at that level, or a descheduler loop; 2 usage error, unreadable input, or a fixture without any workload (without --allow-empty).',
  ],
};

/** Only for the help: `fixture capture` reads its own flags (cli/capture.ts). */
export const CAPTURE: CommandSpec = {
  name: 'fixture capture',
  usage: '',
  summary: 'read a live cluster (kubeconfig context) into a fixture file',
  flags: [
    { name: 'context', value: 'NAME', help: 'kubeconfig context (default: the current one)' },
    { name: 'namespace', short: 'n', value: 'NS', help: 'only the pods of this namespace (nodes are always read)' },
    { name: 'output', short: 'o', value: 'FILE', help: 'write the fixture to FILE (default or -: standard output)' },
    { name: 'anonymize', help: 'replace node, pod and owner names and UIDs with stable made-up ones; drop image names' },
    { name: 'kubeconfig', value: 'FILE', help: 'kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' },
    { name: 'page-size', value: 'N', help: 'items per list call (an integer >= 1; default 500, as kubectl)' },
    { name: 'timeout', value: 'SECONDS', help: 'per request (an integer >= 1; default 30)' },
  ],
  notes: ['Exit codes: 0 written; 2 usage error or the cluster could not be read.'],
};

export const COMMANDS: readonly CommandSpec[] = [CHECK, EXPLAIN, SIMULATE, FIXTURE, CAPTURE, AUDIT];
