// The types of the scheduler configuration model: the KubeSchedulerConfiguration API names
// (kubescheduler.config.k8s.io/v1, pkg/scheduler/apis/config/v1/types.go in k8s.io/kube-scheduler),
// what the engine keeps of a configuration (SchedulerSetup), the problems found reading one
// (ConfigIssue, addressed by field path, never by line: positions are the fixture layer's job),
// and the decoded shapes the steps of config/ hand to each other.

import type { DocPath } from '../fieldErrors';
import type { SchedulerEnv } from '../framework';
import type { Profile } from '../profile';

export const CONFIG_GROUP = 'kubescheduler.config.k8s.io';
export const CONFIG_API_VERSION = `${CONFIG_GROUP}/v1`;
export const CONFIG_KIND = 'KubeSchedulerConfiguration';
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** One problem of a configuration, at a field path relative to the configuration object. */
export interface ConfigIssue {
  /** The offending field (`['profiles', 0, 'pluginConfig', 1, 'args', 'defaultingType']`). */
  path: DocPath;
  /** Point at the field's key rather than its value (missing, forbidden or duplicate fields, unknown keys). */
  key: boolean;
  /** The scheduler's own text (`<field path>: <type>: <value>: <detail>`, strict decoding errors, ...). */
  message: string;
  severity: 'error' | 'warning';
}

/** What the engine needs from a scheduler configuration. */
export interface SchedulerSetup {
  /** The file the configuration came from, or "default" (the built-in default profile). */
  source: string;
  /** Profiles in configuration order. */
  profiles: Profile[];
  /** Global percentageOfNodesToScore (0 = adaptive). */
  percentageOfNodesToScore: number;
  /** Profile-level overrides by schedulerName. */
  profilePercentage: Record<string, number>;
  /** Warnings about the configuration (a configuration with errors yields no setup). */
  problems: ConfigIssue[];
}

/**
 * A configuration read: a setup, or every issue found when kube-scheduler would refuse to start
 * with it (at least one error, and the warnings found on the way, in the order found).
 */
export type SchedulerConfigResult = { ok: true; setup: SchedulerSetup } | { ok: false; issues: ConfigIssue[] };

/** The state every step of reading one configuration shares: the release it is read for, and the issues so far. */
export interface ConfigContext {
  env: SchedulerEnv;
  issues: ConfigIssue[];
}

/** Extension points of the framework (v1.Plugins fields other than multiPoint). */
export type Point = 'preEnqueue' | 'queueSort' | 'preFilter' | 'filter' | 'postFilter' | 'preScore' | 'score' | 'reserve' | 'permit' | 'preBind' | 'bind' | 'postBind';

/** A v1.Plugin as written. */
export interface PluginRef {
  name: string;
  weight?: number;
  /** Where it is written (for errors); [] for the built-in defaults. */
  path: DocPath;
}

/** A v1.PluginSet. */
export interface PluginSet {
  enabled: PluginRef[];
  disabled: PluginRef[];
}

/** A v1.Plugins: one set per extension point, plus multiPoint. */
export type Plugins = Record<Point | 'multiPoint', PluginSet>;

/** A decoded v1.KubeSchedulerProfile, before the framework expands it. */
export interface DecodedProfile {
  index: number;
  schedulerName: string;
  percentage?: number;
  plugins: Plugins;
  /** pluginConfig by name: args and where they are. */
  args: Map<string, { args: Record<string, unknown>; path: DocPath }>;
}
