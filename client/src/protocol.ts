// Wire names and payloads of the kube-spread server. A copy of server/src/protocol.ts
// (plus the simulate JSON of docs/cli.md): the client must never import server code, which would
// pull the engine into the extension host's bundle. Keep the two in step.

export const ServerCommands = {
  simulate: 'kubeSpread.server.simulate',
  explain: 'kubeSpread.server.explain',
  fixtureStatus: 'kubeSpread.server.fixtureStatus',
  whatIfRollout: 'kubeSpread.server.whatIf.rollout',
  whatIfScale: 'kubeSpread.server.whatIf.scale',
  whatIfDomainLoss: 'kubeSpread.server.whatIf.domainLoss',
  whatIfDomains: 'kubeSpread.server.whatIf.domains',
  captureFixture: 'kubeSpread.server.captureFixture',
} as const;

/** Client commands the server's what-if code lenses invoke (server/src/lsp/features/codeLens.ts); sent as initializationOptions.clientCommands. */
export const WhatIfClientCommands = {
  rollout: 'kubeSpread.whatIf.rollout',
  scale: 'kubeSpread.whatIf.scale',
  domainLoss: 'kubeSpread.whatIf.domainLoss',
} as const;

export const FixtureStatusNotification = 'kubeSpread/fixtureStatus';
export const WorkspaceTrustNotification = 'kubeSpread/workspaceTrust';

export interface FixtureStatus {
  source: string;
  embedded: boolean;
  nodes: number;
  pods: number;
  error?: string;
  kubernetes?: KubernetesStatus;
}

export interface KubernetesStatus {
  version: string;
  versionSource: 'setting' | 'fixture' | 'default';
  profiles: string[];
  featureGates: Record<string, boolean>;
  schedulerConfig?: string;
  error?: string;
}

export type DomainLossMode = 'remove' | 'drain' | 'outage';

export interface WhatIfArgs {
  uri: string;
  document?: number;
  position?: { line: number; character: number };
  compare?: boolean;
  replicas?: number;
  domain?: string;
  mode?: DomainLossMode;
}

/** The what-if JSON of docs/whatif.md: only what the view reads. */
export interface WhatIfStepSummary {
  step: number;
  action: string;
  description: string;
  pending: unknown[];
}

interface WhatIfRun {
  steps: WhatIfStepSummary[];
  message: string;
}

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
}

export interface CaptureArgs {
  output: string;
  context?: string;
  namespace?: string;
  anonymize?: boolean;
}

export interface CaptureResult {
  output: string;
  context: string;
  server: string;
  nodes: number;
  pods: number;
  skipped: number;
  client: string;
}

/** The part of `explain --format json` the view reads: each constraint's matching pods per domain before any replica is placed. */
export interface ExplainResult {
  constraints: { topologyKey: string; whenUnsatisfiable: string; domains: Record<string, number> }[];
}

export interface SimulateArgs {
  uri: string;
  document?: number;
  replicas?: number;
  position?: { line: number; character: number };
}

export interface SimulateResult {
  cluster: { source: string; nodes: number; pods: number };
  workload: { kind: string; name: string; namespace: string; replicas: number };
  placements: { replica: number; node: string; ties?: string[]; domains?: Record<string, string> }[];
  pending: { replica: number; reasons: Record<string, number> }[];
  distribution: Record<string, Record<string, number>>;
  skew: Record<string, number>;
  /** Per topology key: what the constraint counts per domain after placement (existing matching pods included). */
  counts?: Record<string, Record<string, number>>;
  /** Added by the server for the picture: every node of the fixture with its labels. */
  nodes?: { name: string; labels: Record<string, string>; unschedulable?: boolean }[];
  /** Added by the server: the configured fixture failed and the last good one was used. */
  fixtureError?: string;
  /** Added by the view (from explain): matching pods already running per topologyKey and domain, which the constraint counts too. */
  existing?: Record<string, Record<string, number>>;
  warnings?: unknown[];
}
