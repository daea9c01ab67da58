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
}
