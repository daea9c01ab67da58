// One decoded profile into the engine's Profile, as the framework builds it
// (pkg/scheduler/framework/runtime/framework.go NewFramework: updatePluginList per extension point,
// expandMultiPointPlugins, the queue-sort / bind checks, getScoreWeights, then each plugin's factory),
// with the errors NewFramework returns and warnings where kube-spread's model differs.

import { Cluster } from '../cluster';
import type { DocPath } from '../fieldErrors';
import { PLUGIN_REGISTRY, type Profile, type ProfilePlugin } from '../profile';
import { withDefaultPlugins } from './defaults';
import { hasErrorsSince, report } from './issues';
import { IN_TREE, POINT_TYPE, POINTS } from './plugins';
import type { ConfigContext, DecodedProfile, Point } from './types';

/** NewFramework for one profile: expansion, the errors it can return, then our Profile (undefined on an error). */
export function expandProfile(c: ConfigContext, rp: DecodedProfile): Profile | undefined {
  const p: DocPath = ['profiles', rp.index];
  const plugins = withDefaultPlugins(c.env, rp.plugins);
  const exists = (name: string) => name in IN_TREE;
  const start = c.issues.length;
  const failed = () => hasErrorsSince(c, start);
  const fail = (path: DocPath, msg: string) => report(c, path.length ? path : p, `initializing profiles: creating profile for scheduler name ${rp.schedulerName}: ${msg}`, 'error', true);

  // updatePluginList per extension point.
  for (const point of POINTS) {
    const seen = new Set<string>();
    for (const e of plugins[point].enabled) {
      if (!exists(e.name)) {
        fail(e.path, `${POINT_TYPE[point]} "${e.name}" does not exist`);
        continue;
      }
      if (!IN_TREE[e.name].includes(point)) fail(e.path, `plugin "${e.name}" does not extend ${POINT_TYPE[point]} plugin`);
      else if (seen.has(e.name)) fail(e.path, `plugin "${e.name}" already registered as "${POINT_TYPE[point]}"`);
      seen.add(e.name);
    }
  }
  // expandMultiPointPlugins: per extension point, in framework order.
  const expanded = {} as Record<Point, string[]>;
  for (const point of POINTS) {
    const set = plugins[point];
    const enabled = set.enabled.map((e) => e.name);
    const disabled = new Set(set.disabled.map((d) => d.name));
    if (disabled.has('*')) {
      expanded[point] = enabled;
      continue;
    }
    const override: string[] = [];
    const multi: string[] = [];
    for (const e of plugins.multiPoint.enabled) {
      if (!exists(e.name)) {
        fail(e.path, `${POINT_TYPE[point]} "${e.name}" does not exist`);
        break;
      }
      if (!IN_TREE[e.name].includes(point) || disabled.has(e.name)) continue;
      if (enabled.includes(e.name)) {
        if (!override.includes(e.name)) override.push(e.name);
        continue;
      }
      if (multi.includes(e.name)) {
        fail(e.path, `plugin "${e.name}" already registered as "${POINT_TYPE[point]}"`);
        break;
      }
      multi.push(e.name);
    }
    const firstPart = enabled.filter((n) => override.includes(n));
    expanded[point] = [...firstPart, ...multi, ...enabled.filter((n) => !override.includes(n))];
    if (failed()) break;
  }
  if (failed()) return undefined;
  if (expanded.queueSort.length !== 1) {
    fail([...p, 'plugins', 'queueSort'], `only one queue sort plugin required for profile with scheduler name "${rp.schedulerName}", but got ${expanded.queueSort.length}`);
  }
  if (expanded.bind.length === 0) fail([...p, 'plugins', 'bind'], `at least one bind plugin is needed for profile with scheduler name "${rp.schedulerName}"`);
  if (failed()) return undefined;

  // getScoreWeights(Score.Enabled ++ MultiPoint.Enabled): the first weight seen wins; 0 or unset -> 1.
  const weights = new Map<string, number>();
  for (const e of [...plugins.score.enabled, ...plugins.multiPoint.enabled]) {
    if (!IN_TREE[e.name]?.includes('score') || weights.has(e.name)) continue;
    weights.set(e.name, e.weight ? e.weight : 1);
  }

  const filters = expanded.filter;
  const scores = expanded.score;
  const out: ProfilePlugin[] = [];
  for (const name of filters) {
    if (!PLUGIN_REGISTRY[name]) continue; // volume / DRA / declared-features filters: not modelled
    out.push(scores.includes(name) ? { name, weight: weights.get(name) ?? 1 } : { name });
  }
  for (const name of scores) {
    if (!PLUGIN_REGISTRY[name] || filters.includes(name)) continue;
    const entry: ProfilePlugin = { name, weight: weights.get(name) ?? 1 };
    if (IN_TREE[name].includes('filter')) entry.filter = false;
    out.push(entry);
  }
  // Filter without its PreFilter (or Score without its PreScore): upstream the plugin then fails at
  // runtime reading state its PreFilter/PreScore never wrote; kube-spread runs the pair together.
  for (const name of Object.keys(PLUGIN_REGISTRY)) {
    const lonely = [
      IN_TREE[name].includes('preFilter') && filters.includes(name) && !expanded.preFilter.includes(name) && 'Filter without PreFilter',
      IN_TREE[name].includes('preScore') && scores.includes(name) && !expanded.preScore.includes(name) && 'Score without PreScore',
    ].filter(Boolean);
    for (const what of lonely) {
      report(c, [...p, 'plugins'], `profile "${rp.schedulerName}": ${name} is enabled at ${what}: kube-scheduler fails such a plugin at runtime (its state is missing); kube-spread runs both`, 'warning', true);
    }
  }

  const pluginArgs: Record<string, unknown> = {};
  for (const [name, a] of rp.args) if (PLUGIN_REGISTRY[name]) pluginArgs[name] = a.args;
  const profile: Profile = { schedulerName: rp.schedulerName, plugins: out, pluginArgs };

  // The plugin factories validate what the tables above do not (e.g. NodeAffinity's addedAffinity):
  // start each plugin once, as NewFramework does, and point a failure at its args.
  const handle = { cluster: Cluster.build({ nodes: [] }), env: c.env };
  for (const pp of out) {
    try {
      PLUGIN_REGISTRY[pp.name](handle, pluginArgs[pp.name]);
    } catch (e) {
      fail(rp.args.get(pp.name)?.path ?? [...p, 'pluginConfig'], `initializing plugin "${pp.name}": ${(e as Error).message}`);
    }
  }
  if (failed()) return undefined;
  for (const pp of out) {
    if ((pp.weight ?? 0) < 0) report(c, [...p, 'plugins'], `profile "${rp.schedulerName}": ${pp.name} has a negative score weight (${pp.weight}); kube-spread does not model negative weights and leaves the plugin out of scoring`, 'warning', true);
  }
  return profile;
}
