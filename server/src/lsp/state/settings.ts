// The kubeSpread.* settings, pulled from the client (workspace/configuration) whenever it says they
// changed. Clients without that capability (the CLI-like LSP tests) can pass them in
// initializationOptions.settings instead.

import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_LIMITS, normalizeLimits, type Limits, type SessionSettings } from '../../analysis';

export interface Settings {
  /** Fixture path (workspace-relative or absolute); "" means the embedded sample cluster. */
  fixture: string;
  defaultReplicas: number;
  /** "1.N", or "" = the fixture's kubernetesVersion, else the newest release. Validated in clusterConfig.ts, as the CLI's --k8s-version. */
  kubernetesVersion: string;
  /** kubeSpread.featureGates: applied after the fixture's gates. */
  featureGates: Record<string, boolean>;
  /** kubeSpread.schedulerConfig: a KubeSchedulerConfiguration file (workspace-relative or absolute); "" = the fixture's, else the default profile. */
  schedulerConfig: string;
  findings: { schema: boolean; api: boolean; lint: boolean; spread: boolean };
  /** kubeSpread.limits.*: size, nesting, alias and replica limits (analysis/limits.ts). */
  limits: Limits;
}

/** The version, gates and scheduler setup in use (analysis/clusterSettings.ts, resolved by lsp/state/clusterConfig.ts). */
export type ResolvedCluster = SessionSettings;

export const DEFAULT_SETTINGS: Settings = {
  fixture: '',
  defaultReplicas: 1,
  kubernetesVersion: '',
  featureGates: {},
  schedulerConfig: '',
  findings: { schema: true, api: true, lint: true, spread: true },
  limits: DEFAULT_LIMITS,
};

/** Merges whatever the client sent over the defaults, ignoring values of the wrong type. */
export function normalizeSettings(raw: unknown): Settings {
  const r = (raw ?? {}) as Partial<Record<keyof Settings, unknown>>;
  const f = (r.findings ?? {}) as Record<string, unknown>;
  const bool = (k: keyof Settings['findings']) => (typeof f[k] === 'boolean' ? (f[k] as boolean) : DEFAULT_SETTINGS.findings[k]);
  const replicas = typeof r.defaultReplicas === 'number' && Number.isInteger(r.defaultReplicas) && r.defaultReplicas >= 0
    ? r.defaultReplicas : DEFAULT_SETTINGS.defaultReplicas;
  return {
    fixture: typeof r.fixture === 'string' ? r.fixture.trim() : '',
    defaultReplicas: replicas,
    // Any string: a bad one is reported with the setting's name (clusterConfig.ts), never silently replaced.
    kubernetesVersion: typeof r.kubernetesVersion === 'string' ? r.kubernetesVersion.trim() : DEFAULT_SETTINGS.kubernetesVersion,
    featureGates: gatesOf(r.featureGates),
    schedulerConfig: typeof r.schedulerConfig === 'string' ? r.schedulerConfig.trim() : '',
    findings: { schema: bool('schema'), api: bool('api'), lint: bool('lint'), spread: bool('spread') },
    limits: normalizeLimits(r.limits),
  };
}

/** Only boolean values; anything else (a string "true" from a hand-edited settings file) is dropped. */
function gatesOf(raw: unknown): Record<string, boolean> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter(([, v]) => typeof v === 'boolean')) as Record<string, boolean>;
}

export class SettingsStore {
  current: Settings = DEFAULT_SETTINGS;
  /** The settings resolved against the fixture (version, gates, scheduler setup): lsp/state/clusterConfig.ts, wired in server.ts. */
  resolveCluster: (() => ResolvedCluster) | undefined;
  private pull = false;

  constructor(private readonly connection: Connection) {}

  init(canPull: boolean, initial: unknown): void {
    this.pull = canPull;
    if (initial !== undefined) this.current = normalizeSettings(initial);
  }

  /** Re-reads the settings; returns true when something that affects results changed. */
  async refresh(pushed?: unknown): Promise<boolean> {
    let raw: unknown = pushed;
    if (this.pull) {
      try {
        raw = await this.connection.workspace.getConfiguration('kubeSpread');
      } catch (e) {
        this.connection.console.warn(`cannot read settings: ${(e as Error).message}`);
        return false;
      }
    }
    if (raw === undefined || raw === null) return false;
    const next = normalizeSettings(raw);
    const changed = JSON.stringify(next) !== JSON.stringify(this.current);
    this.current = next;
    return changed;
  }
}
