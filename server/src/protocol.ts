// The wire protocol between the VS Code client (client/src/) and this language server: every
// `workspace/executeCommand` id, notification method, initialization option, argument and result
// that crosses the connection, defined once here and imported by both sides.
//
// This file imports nothing, not even vscode-languageserver: the client bundles it, and anything it
// imported would be pulled into the extension host (the engine, the YAML parser, ...). Notifications
// are therefore plain method names plus payload interfaces; each side wraps them in its own
// library's NotificationType. test/unit/client/protocol.test.ts keeps it import-free.

// ---------------------------------------------------------------------------------------------
// Commands the server serves (workspace/executeCommand; advertised in executeCommandProvider)
// ---------------------------------------------------------------------------------------------

/** Analysis commands (handled by lsp/features/commands.ts). */
export const Commands = {
  simulate: 'kubeSpread.server.simulate',
  explain: 'kubeSpread.server.explain',
  fixtureStatus: 'kubeSpread.server.fixtureStatus',
  /** Every workload of the file (its release, docs/release.md) placed together, with a picture. */
  simulateRelease: 'kubeSpread.server.simulateRelease',
  /** `kube-spread audit` of the fixture in use, with the descheduler dry run and where each workload's manifest is. */
  audit: 'kubeSpread.server.audit',
} as const;

/** What-if simulations and fixture capture (handled by lsp/features/whatif.ts). */
export const WhatIfCommands = {
  rollout: 'kubeSpread.server.whatIf.rollout',
  scale: 'kubeSpread.server.whatIf.scale',
  domainLoss: 'kubeSpread.server.whatIf.domainLoss',
  /** The topology keys and values of the fixture's nodes, to offer in a quick pick. */
  domains: 'kubeSpread.server.whatIf.domains',
  captureFixture: 'kubeSpread.server.captureFixture',
} as const;

type ValueOf<T> = T[keyof T];
/** Every command id the server serves. */
export type ServerCommandId = ValueOf<typeof Commands> | ValueOf<typeof WhatIfCommands>;

/**
 * Each server command's single argument (`arguments[0]`; `undefined`: sent as `arguments: []`) and
 * its result. A server command missing here is a type error wherever the client sends it.
 */
export interface ServerCommandTypes {
  [Commands.simulate]: { args: SimulateArgs; result: SimulateResult };
  [Commands.explain]: { args: ExplainArgs; result: ExplainResult };
  [Commands.fixtureStatus]: { args: undefined; result: FixtureStatus };
  [Commands.simulateRelease]: { args: SimulateReleaseArgs; result: SimulateReleaseResult };
  [Commands.audit]: { args: AuditArgs | undefined; result: AuditResult };
  [WhatIfCommands.rollout]: { args: WhatIfArgs; result: WhatIfResult };
  [WhatIfCommands.scale]: { args: WhatIfArgs; result: WhatIfResult };
  [WhatIfCommands.domainLoss]: { args: WhatIfArgs; result: WhatIfResult };
  [WhatIfCommands.domains]: { args: undefined; result: TopologyDomains };
  [WhatIfCommands.captureFixture]: { args: CaptureArgs; result: CaptureResult };
}

// ---------------------------------------------------------------------------------------------
// Commands the client implements, which the server's code lenses invoke
// ---------------------------------------------------------------------------------------------

/** Opens the Simulate Placement view; the placement lens invokes it with a WorkloadTarget. */
export const SIMULATE_CLIENT_COMMAND = 'kubeSpread.simulate';

/**
 * Opens the Simulate Release view (client/src/releaseView.ts) with a WorkloadTarget: the lenses of a
 * file's release invoke it when the client lists it in InitOptions.clientCommands.
 */
export const SIMULATE_RELEASE_CLIENT_COMMAND = 'kubeSpread.simulateRelease';

/** Opens the Audit Cluster view (client/src/auditView.ts): the audit of the fixture in use (Commands.audit). */
export const AUDIT_CLIENT_COMMAND = 'kubeSpread.auditCluster';

/**
 * The what-if lenses' client commands (client/src/whatIfCommands.ts), invoked with a WorkloadTarget.
 * The server offers these lenses only when the client lists the command in InitOptions.clientCommands.
 */
export const WhatIfLensCommands = {
  rollout: 'kubeSpread.whatIf.rollout',
  scale: 'kubeSpread.whatIf.scale',
  domainLoss: 'kubeSpread.whatIf.domainLoss',
} as const;

// ---------------------------------------------------------------------------------------------
// Initialization and notifications
// ---------------------------------------------------------------------------------------------

/** `initializationOptions` of the initialize request. */
export interface InitOptions {
  /** Workspace Trust: in restricted mode no fixture path may point outside the workspace. */
  trusted?: boolean;
  /**
   * Client-side commands the client implements (e.g. kubeSpread.whatIf.rollout): code lenses that
   * invoke one are offered only when it is listed, so other LSP clients never get dead lenses.
   */
  clientCommands?: string[];
  /** Initial kubeSpread.* settings, for clients that do not answer workspace/configuration. */
  settings?: unknown;
}

/** Server → client, payload FixtureStatus: the fixture in use changed (or failed to load). */
export const FixtureStatusNotification = 'kubeSpread/fixtureStatus';

/**
 * Server → client, payload DiagnosticsProgress: the findings of a document version are published in
 * stages when they are slow to compute (first open, a new fixture): syntax, schema and API first, then
 * lint, then spread, a few workloads at a time (those on screen first). Sent after each publishDiagnostics;
 * `done === total` says they are complete.
 */
export const DiagnosticsProgressNotification = 'kubeSpread/diagnosticsProgress';

export interface DiagnosticsProgress {
  uri: string;
  version: number;
  /** Stages published so far, of `total` (the spread stage's parts repeat the stage before it, each with its own `pending`). */
  done: number;
  total: number;
  /** What the next publish adds (e.g. "spread findings", "spread findings of 24 more workloads"); absent when complete. */
  pending?: string;
}

/**
 * Client → server, payload VisibleRangesParams: the lines the editors show of a document (sent when they
 * change, and an empty list when no editor shows it). A big file's first analysis computes the spread
 * findings of those lines' workloads first.
 */
export const VisibleRangesNotification = 'kubeSpread/visibleRanges';

export interface VisibleRangesParams {
  uri: string;
  /** 0-based line numbers, inclusive. */
  ranges: { start: number; end: number }[];
}

/** Client → server, payload WorkspaceTrustParams: Workspace Trust was granted (never revoked without a reload). */
export const WorkspaceTrustNotification = 'kubeSpread/workspaceTrust';

export interface WorkspaceTrustParams {
  trusted?: boolean;
}

export interface FixtureStatus {
  /** What the engine uses now: a path (workspace-relative when inside it) or "embedded-sample". */
  source: string;
  embedded: boolean;
  nodes: number;
  pods: number;
  /** Set when the configured fixture failed: the previous good one (above) is still in use. */
  error?: string;
  /** The fixture being loaded (a path, like `source`); until it has loaded, the one above is in use. */
  loading?: string;
  /** The fixture autoscales: "cluster-autoscaler (3 node groups, expander least-waste)", "Karpenter (1 NodePool, 2 instance types)". */
  autoscaling?: string;
  /** The Kubernetes version, gates and scheduler profiles the analysis uses (lsp/state/clusterConfig.ts). */
  kubernetes?: KubernetesStatus;
}

export interface KubernetesStatus {
  /** "1.36" */
  version: string;
  /** Where the version came from: kubeSpread.kubernetesVersion, the fixture's kubernetesVersion, or the newest release. */
  /** Where the version came from: kubeSpread.kubernetesVersion, the project file (.kube-spread.yaml), the fixture, or the newest release. */
  versionSource: 'setting' | 'project' | 'fixture' | 'default';
  /** schedulerName of every profile, in configuration order. */
  profiles: string[];
  /** The gates set explicitly (fixture, then kubeSpread.featureGates); the others have the version's defaults. */
  featureGates: Record<string, boolean>;
  /** The KubeSchedulerConfiguration file in use (kubeSpread.schedulerConfig or the fixture's); absent: the default profile. */
  schedulerConfig?: string;
  /** The settings or the scheduler configuration have errors: the last good configuration (above) is still in use. */
  error?: string;
}

// ---------------------------------------------------------------------------------------------
// Command arguments
// ---------------------------------------------------------------------------------------------

/** An LSP position: 0-based line and UTF-16 character. */
export interface DocumentPosition {
  line: number;
  character: number;
}

/** The workload a command is about; also what the server's code lenses pass to client commands. */
export interface WorkloadTarget {
  uri: string;
  /** 0-based YAML document index; without it the document under `position`, else the first schedulable one. */
  document?: number;
  position?: DocumentPosition;
}

export interface SimulateArgs extends WorkloadTarget {
  /** Explicit replica count (overrides the workload's own). */
  replicas?: number;
}

export type ExplainArgs = WorkloadTarget;

/** The release of the target's file (`document`: the workload the view starts from, for a lens). */
export type SimulateReleaseArgs = WorkloadTarget;

export type DomainLossMode = 'remove' | 'drain' | 'outage';

export interface WhatIfArgs extends WorkloadTarget {
  /** rollout: also run with matchLabelKeys: [pod-template-hash] toggled (default true). */
  compare?: boolean;
  /** scale: the new replica count. */
  replicas?: number;
  /** domainLoss: "KEY=VALUE". */
  domain?: string;
  /** domainLoss: remove (default), drain or outage. */
  mode?: DomainLossMode;
}

export interface CaptureArgs {
  context?: string;
  namespace?: string;
  anonymize?: boolean;
  /** Where to write the fixture; relative paths resolve against the workspace folder. */
  output: string;
}

export interface AuditArgs {
  /** Run the descheduler dry run (RemovePodsViolatingTopologySpreadConstraint, default arguments); default true. */
  descheduler?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Command results
// ---------------------------------------------------------------------------------------------

/** A fixture node as the pictures draw it. */
export interface FixtureNodeInfo {
  name: string;
  labels: Record<string, string>;
  unschedulable?: boolean;
}

/** A pod evicted by preemption (simulate JSON `placements[].preempted[]`). */
export interface PreemptedPodInfo {
  namespace: string;
  name: string;
  node: string;
  priority: number;
}

/** One row of simulate's `scaleUp` (docs/autoscalers.md). */
export interface ScaleUpInfo {
  by: 'cluster-autoscaler' | 'karpenter';
  nodePool: string;
  zone?: string;
  instanceType?: string;
  nodes: number;
  nodeNames: string[];
}

/** `simulate --format json` of docs/cli.md (only the fields the editor reads are typed), plus what the server adds. */
export interface SimulateResult {
  cluster: { source: string; nodes: number; pods: number };
  workload: { kind: string; name: string; namespace: string; replicas: number };
  /**
   * `preempted`: the pods the scheduler evicted so that this replica could run (docs/preemption.md).
   * `newNode`: the node is one the autoscaler added (docs/autoscalers.md).
   */
  placements: { replica: number; node: string; ties?: string[]; domains?: Record<string, string>; preempted?: PreemptedPodInfo[]; newNode?: true }[];
  /** `autoscaler`: autoscaling fixtures, why the autoscaler(s) add no node for the replica, in their words. */
  pending: { replica: number; reasons: Record<string, number>; autoscaler?: { by: string; reason: string }[] }[];
  /** Autoscaling fixtures: the nodes the autoscaler(s) added, per node group (NodePool) and zone. */
  scaleUp?: ScaleUpInfo[];
  /** The evicted pods' replacements, created by their controllers: where each went, or why it is Pending. */
  recreated?: { namespace: string; name: string; priority: number; evictedFrom: string; placedOn?: string; message?: string }[];
  distribution: Record<string, Record<string, number>>;
  skew: Record<string, number>;
  /** Per topology key: what the constraint counts per domain after placement (existing matching pods included). */
  counts?: Record<string, Record<string, number>>;
  warnings?: unknown[];
  /** Added by the server for the picture: every node of the fixture with its labels. */
  nodes?: FixtureNodeInfo[];
  /** Added by the server: the configured fixture failed and the last good one was used. */
  fixtureError?: string;
  [extra: string]: unknown;
}

/** `explain --format json` of docs/cli.md. */
export interface ExplainResult {
  cluster: { source: string; nodes: number; pods: number };
  pod: { kind: string; name: string; namespace: string; labels?: Record<string, string> };
  /** Each constraint's matching pods per domain before any replica is placed. */
  constraints: {
    index: number; topologyKey: string; maxSkew: number; whenUnsatisfiable: string; source: string;
    domains: Record<string, number>; globalMinimum?: number; eligibleDomains?: number;
  }[];
  nodes: { name: string; feasible: boolean; filters: { plugin: string; code: string; reason?: string }[] }[];
  selected: string[];
  [extra: string]: unknown;
}

/** A workload of the release that keeps another one's replicas Pending (docs/cli.md `blockedBy`). */
export interface ReleaseBlocker {
  file: string;
  document: number;
  kind: string;
  name: string;
  /** Nodes the replica could use without that workload's pods, and what rejects them now. */
  nodes?: number;
  reasons?: Record<string, number>;
}

/** One workload of `release.workloads` in `simulate`'s JSON (docs/cli.md); only what the view reads is typed (the server sends every field). */
export interface ReleaseWorkloadResult {
  file: string;
  document: number;
  kind: string;
  namespace: string;
  name: string;
  replicas: number;
  placed: number;
  pending: number;
  blockedBy?: ReleaseBlocker[];
  blockedByMore?: true;
  placements: { replica: number; node: string }[];
  pendingReplicas: { replica: number; message: string; blockedBy?: ReleaseBlocker[] }[];
}

/** The Simulate Release view's data: the `release` object of `simulate`'s JSON plus what the server adds. */
export interface SimulateReleaseResult {
  cluster: { source: string; embedded?: boolean; nodes: number; pods: number };
  release: {
    workloads: ReleaseWorkloadResult[];
    order: string;
    compared: string[];
    orderSensitive: boolean;
    orderChanges: { workload: number; order: string; changes: string[] }[];
    notes: string[];
  };
  /** The creation order in words ("document order"), and what changes per workload in the other orders, in words. */
  orderText: string;
  comparedText: string[];
  orderChangesText: { workload: number; text: string }[];
  /** One colour per workload ("#rrggbb"), the picture's. */
  colors: string[];
  /** The picture of every workload (the CLI's `simulate --format svg` of the release): plain drawing markup. */
  svg: string;
  /** Documents left out of the release (a YAML error while typing), and other caveats. */
  notes: string[];
  /** The configured fixture failed and the last good one was used. */
  fixtureError?: string;
}

/** One step of a what-if simulation (docs/whatif.md); only what the view reads is typed. */
export interface WhatIfStepSummary {
  step: number;
  action: string;
  description: string;
  pending: unknown[];
}

export interface WhatIfRun {
  steps: WhatIfStepSummary[];
  message: string;
}

/** The what-if JSON of docs/whatif.md plus what the server adds for the view. */
export interface WhatIfResult {
  rollout?: WhatIfRun & { outcome: string; violatedAfter?: unknown[]; comparison?: WhatIfRun & { matchLabelKeys: string; violatedAfter?: unknown[] } };
  scale?: WhatIfRun & { from: number; to: number };
  domainLoss?: WhatIfRun & { mode: DomainLossMode; domain: { key: string; value: string } };
  cluster: { source: string; embedded?: boolean; nodes: number; pods: number };
  document: number;
  /** Some pod of the workload stays Pending in some step. */
  pending: boolean;
  text: string;
  /** One self-contained picture (inline SVG markup, no script) per simulation. */
  svg: { title: string; svg: string }[];
  nodes?: FixtureNodeInfo[];
}

/** Node label key → its values in the fixture, both sorted. */
export type TopologyDomains = Record<string, string[]>;

export interface CaptureResult {
  /** The file written (absolute). */
  output: string;
  context: string;
  server: string;
  nodes: number;
  pods: number;
  skipped: number;
  client: string;
}

/** One constraint of an audited workload (docs/audit.md `--format json`); only what the view reads is typed. */
export interface AuditConstraintResult {
  index: number;
  topologyKey: string;
  maxSkew: number;
  whenUnsatisfiable: string;
  source: string;
  /** Matching pods per eligible domain. */
  counts: Record<string, number>;
  skew: number;
  violated: boolean;
  globalMinimum: number | null;
}

export interface AuditWorkloadResult {
  kind: string;
  namespace: string;
  name: string;
  constraints: AuditConstraintResult[];
  pending: number;
  running: number;
  worstExcess: number | null;
  pendingPods: { name: string; reason: string; fits?: string[] }[];
  notes: string[];
}

export interface AuditDeschedulerPod {
  namespace: string;
  name: string;
  node: string;
  constraint: string;
  reason: string;
}

export interface AuditDeschedulerResult {
  policy: string;
  rounds: {
    evictions: AuditDeschedulerPod[];
    placements: { namespace: string; name: string; node: string | null; reasons?: string[]; replaces?: string; preempted?: string[] }[];
    blocked?: AuditDeschedulerPod[];
  }[];
  converged: boolean;
  loop: boolean;
  loopPods?: string[];
  loopRounds?: { from: number; to: number };
  notes: string[];
}

/** Where a workload's manifest is in the workspace: the view opens it there. */
export interface AuditManifestLocation {
  uri: string;
  /** 0-based YAML document index, and where it starts. */
  document: number;
  line: number;
  character: number;
}

/** `audit --format json` (docs/audit.md) plus what the server adds for the Audit Cluster view. */
export interface AuditResult {
  cluster: { source: string; embedded?: boolean; nodes: number; pods: number };
  summary: { workloads: number; constraints: number; violated: { DoNotSchedule: number; ScheduleAnyway: number }; pending: number };
  /** Worst first. */
  workloads: AuditWorkloadResult[];
  descheduler: AuditDeschedulerResult | null;
  notes: string[];
  /** The level (the project file's audit.failOn, else DoNotSchedule) and whether `kube-spread audit` would exit 1, with why. */
  failOn: string;
  failed: boolean;
  failures: string[];
  /** namespace/kind/name → the manifest that defines the workload (open documents first, then the workspace's YAML files). */
  manifests: Record<string, AuditManifestLocation>;
  /** The configured fixture failed and the last good one was used. */
  fixtureError?: string;
}
