// The kubeSpread.* settings, pulled from the client (workspace/configuration) whenever it says they
// changed. Clients without that capability (the CLI-like LSP tests) can pass them in
// initializationOptions.settings instead.

import type { Connection } from 'vscode-languageserver/node';

export interface Settings {
  /** Fixture path (workspace-relative or absolute); "" means the embedded sample cluster. */
  fixture: string;
  defaultReplicas: number;
  kubernetesVersion: string;
  findings: { schema: boolean; api: boolean; lint: boolean; spread: boolean };
}

export const DEFAULT_SETTINGS: Settings = {
  fixture: '',
  defaultReplicas: 1,
  kubernetesVersion: '1.36',
  findings: { schema: true, api: true, lint: true, spread: true },
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
    kubernetesVersion: typeof r.kubernetesVersion === 'string' && /^1\.\d+$/.test(r.kubernetesVersion.trim())
      ? r.kubernetesVersion.trim() : DEFAULT_SETTINGS.kubernetesVersion,
    findings: { schema: bool('schema'), api: bool('api'), lint: bool('lint'), spread: bool('spread') },
  };
}

export function minorOf(s: Settings): number {
  return Number(s.kubernetesVersion.split('.')[1]);
}

export class SettingsStore {
  current: Settings = DEFAULT_SETTINGS;
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
