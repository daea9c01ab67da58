// Wire names and payloads shared with the VS Code client. The client keeps its own copy
// (client/src/protocol.ts) because it must never import server code; keep the two in step.

/** `workspace/executeCommand` ids served by this server. */
export const Commands = {
  simulate: 'kubeSpread.server.simulate',
  explain: 'kubeSpread.server.explain',
  fixtureStatus: 'kubeSpread.server.fixtureStatus',
} as const;

/** Server → client: the fixture in use changed (or failed to load). */
export const FixtureStatusNotification = 'kubeSpread/fixtureStatus';
/** Client → server: Workspace Trust was granted (it is never revoked without a reload). */
export const WorkspaceTrustNotification = 'kubeSpread/workspaceTrust';

export interface FixtureStatus {
  /** What the engine uses now: a path (workspace-relative when inside it) or "embedded-sample". */
  source: string;
  embedded: boolean;
  nodes: number;
  pods: number;
  /** Set when the configured fixture failed: the previous good one (above) is still in use. */
  error?: string;
  /** The Kubernetes version, gates and scheduler profiles the analysis uses (lsp/state/clusterConfig.ts). */
  kubernetes?: KubernetesStatus;
}

export interface KubernetesStatus {
  /** "1.36" */
  version: string;
  /** Where the version came from: kubeSpread.kubernetesVersion, the fixture's kubernetesVersion, or the newest release. */
  versionSource: 'setting' | 'fixture' | 'default';
  /** schedulerName of every profile, in configuration order. */
  profiles: string[];
  /** The gates set explicitly (fixture, then kubeSpread.featureGates); the others have the version's defaults. */
  featureGates: Record<string, boolean>;
  /** The KubeSchedulerConfiguration file in use (kubeSpread.schedulerConfig or the fixture's); absent: the default profile. */
  schedulerConfig?: string;
  /** The settings or the scheduler configuration have errors: the last good configuration (above) is still in use. */
  error?: string;
}

export interface SimulateArgs {
  uri: string;
  /** 0-based YAML document index; without it the document under `position`, else the first schedulable one. */
  document?: number;
  replicas?: number;
  position?: { line: number; character: number };
}

export interface ExplainArgs {
  uri: string;
  document?: number;
  position?: { line: number; character: number };
}

/** Initialization options the client sends. */
export interface InitOptions {
  /** Workspace Trust: in restricted mode no fixture path may point outside the workspace. */
  trusted?: boolean;
  /**
   * Client-side commands the client implements (e.g. kubeSpread.whatIf.rollout): code lenses that
   * invoke one are offered only when it is listed, so other LSP clients never get dead lenses.
   */
  clientCommands?: string[];
}
