// "My cluster is 1.31 with these gates and this scheduler config": one place, shared by the CLI and
// the language server, that combines the fixture's kubernetesVersion / featureGates /
// KubeSchedulerConfiguration with the CLI flags or editor settings (which win), validated as the
// components would: versions and gates as kube-apiserver / kube-scheduler accept them
// (k8s.io/component-base/featuregate, engine/versions.ts), the configuration as kube-scheduler
// reads it (engine/config, located by fixture/schedulerConfigFile.ts).

import {
  checkGateOverrides, defaultEnv, defaultSchedulerSetup, NEWEST_RELEASE_MINOR, parseVersion, type SchedulerEnv, type SchedulerSetup, versionProblem,
} from '../engine';
import {
  type ConfigDoc, type ConfigProblem, loadSchedulerConfig, locateConfigIssues, readSchedulerConfigText, SchedulerConfigError,
} from '../fixture/schedulerConfigFile';

export { formatConfigProblem, SchedulerConfigError, type ConfigDoc, type ConfigProblem } from '../fixture/schedulerConfigFile';

export interface FixtureClusterSettings {
  kubernetes?: { version?: string; featureGates?: Record<string, boolean>; file: string; locate: (sub: readonly (string | number)[], key?: boolean) => { line: number; character: number } };
  schedulerConfig?: ConfigDoc;
}

export interface ClusterSettingsInput {
  fixture?: FixtureClusterSettings;
  /** --k8s-version / kubeSpread.kubernetesVersion ("1.31"); wins over the fixture. */
  version?: string;
  /** --feature-gates / kubeSpread.featureGates; applied after the fixture's gates. */
  featureGates?: Record<string, boolean>;
  /** --scheduler-config FILE / kubeSpread.schedulerConfig; wins over a configuration in the fixture. */
  schedulerConfig?: { file: string; text: string };
  /** Where version / featureGates came from, for messages ("--k8s-version", "kubeSpread.kubernetesVersion"). */
  origin?: { version: string; featureGates: string };
}

export interface ClusterSettings {
  env: SchedulerEnv;
  setup: SchedulerSetup;
  /** Where the version came from. */
  versionSource: 'option' | 'fixture' | 'default';
  /** Warnings (GA gates set, extenders, unmodelled splits). */
  warnings: ConfigProblem[];
}

/** How versions and gates are checked: engine/versions.ts (replaceable in tests). */
export interface VersionChecks {
  versionProblem: (s: string) => string | undefined;
  parseVersion: (s: string) => number | undefined;
  checkGateOverrides: (minor: number, o: Record<string, boolean>) => { gates: Record<string, boolean>; errors: string[]; warnings: string[] };
  defaultEnv: (minor: number, gates: Record<string, boolean>) => SchedulerEnv;
}

const VERSION_CHECKS: VersionChecks = { versionProblem, parseVersion, checkGateOverrides, defaultEnv };

/** Resolves version, gates and scheduler configuration. Throws SchedulerConfigError with every problem found. */
export function resolveClusterSettings(input: ClusterSettingsInput, newestRelease: number = NEWEST_RELEASE_MINOR, check: VersionChecks = VERSION_CHECKS): ClusterSettings {
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const origin = input.origin ?? { version: '--k8s-version', featureGates: '--feature-gates' };
  const fk = input.fixture?.kubernetes;
  const at = (sub: (string | number)[], key = false) => (fk ? { file: fk.file, ...fk.locate(sub, key) } : { file: '<fixture>', line: 0, character: 0 });
  const flag = (message: string, severity: ConfigProblem['severity'] = 'error'): ConfigProblem => ({ file: '<command line>', line: 0, character: 0, path: '', message, severity });

  let minor = newestRelease;
  let versionSource: ClusterSettings['versionSource'] = 'default';
  if (input.version !== undefined && input.version !== '') {
    const why = check.versionProblem(input.version);
    if (why) errors.push(flag(`${origin.version}: ${why}`));
    else {
      minor = check.parseVersion(input.version)!;
      versionSource = 'option';
    }
  } else if (fk?.version !== undefined) {
    const why = check.versionProblem(String(fk.version));
    if (why) errors.push({ ...at(['kubernetesVersion']), path: 'kubernetesVersion', message: `kubernetesVersion: ${why}`, severity: 'error' });
    else {
      minor = check.parseVersion(String(fk.version))!;
      versionSource = 'fixture';
    }
  }

  const gates: Record<string, boolean> = {};
  if (fk?.featureGates) {
    for (const [name, value] of Object.entries(fk.featureGates)) {
      const r = check.checkGateOverrides(minor, { [name]: value });
      for (const e of r.errors) errors.push({ ...at(['featureGates', name], true), path: `featureGates.${name}`, message: `featureGates: ${e}`, severity: 'error' });
      for (const w of r.warnings) warnings.push({ ...at(['featureGates', name], true), path: `featureGates.${name}`, message: w, severity: 'warning' });
      Object.assign(gates, r.gates);
    }
  }
  if (input.featureGates) {
    const r = check.checkGateOverrides(minor, input.featureGates);
    for (const e of r.errors) errors.push(flag(`${origin.featureGates}: ${e}`));
    for (const w of r.warnings) warnings.push(flag(w, 'warning'));
    Object.assign(gates, r.gates);
  }
  if (errors.length) throw new SchedulerConfigError(errors);
  const env = check.defaultEnv(minor, gates);

  const doc = input.schedulerConfig ? readSchedulerConfigText(input.schedulerConfig.text, input.schedulerConfig.file) : input.fixture?.schedulerConfig;
  if (!doc) return { env, setup: defaultSchedulerSetup(env), versionSource, warnings };
  const setup = loadSchedulerConfig(doc, env);
  return { env, setup, versionSource, warnings: [...warnings, ...locateConfigIssues(doc, setup.problems)] };
}
