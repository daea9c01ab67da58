// The default scheduler profile: which plugins run, in which order, with which score weights
// (pkg/scheduler/apis/config/v1/default_plugins.go getDefaultPlugins). The volume plugins skip pods
// without claims or volumes of their kinds (PreFilter Skip), so such pods do not pay for them.

import type { PluginFactory } from './framework';
import { NodeUnschedulable } from './plugins/nodeUnschedulable';
import { NodeName } from './plugins/nodeName';
import { TaintToleration } from './plugins/taintToleration';
import { NodeAffinity } from './plugins/nodeAffinity';
import { NodePorts } from './plugins/nodePorts';
import { NodeResourcesFit } from './plugins/noderesources/fit';
import { NodeResourcesBalancedAllocation } from './plugins/noderesources/balancedAllocation';
import { PodTopologySpread } from './plugins/podtopologyspread/plugin';
import { InterPodAffinity } from './plugins/interpodaffinity/plugin';
import { ImageLocality } from './plugins/imageLocality';
import { VolumeRestrictions } from './plugins/volumerestrictions/plugin';
import { NodeVolumeLimits } from './plugins/nodevolumelimits/plugin';
import { VolumeBinding } from './plugins/volumebinding/plugin';
import { VolumeZone } from './plugins/volumezone/plugin';

export const PLUGIN_REGISTRY: Record<string, PluginFactory> = {
  NodeUnschedulable,
  NodeName,
  TaintToleration,
  NodeAffinity,
  NodePorts,
  NodeResourcesFit,
  VolumeRestrictions,
  NodeVolumeLimits,
  VolumeBinding,
  VolumeZone,
  PodTopologySpread,
  InterPodAffinity,
  NodeResourcesBalancedAllocation,
  ImageLocality,
};

export interface ProfilePlugin {
  name: string;
  /** Score weight; 0 or absent means the plugin does not score. */
  weight?: number;
  /** false: the profile disables this plugin's PreFilter/Filter (it only scores). Default true. */
  filter?: boolean;
}

export interface Profile {
  schedulerName: string;
  /** Plugins in the order the framework runs them (filters report the first failure in this order). */
  plugins: ProfilePlugin[];
  /** Plugin args by plugin name (e.g. PodTopologySpreadArgs). */
  pluginArgs: Record<string, unknown>;
}

export function defaultProfile(): Profile {
  return {
    schedulerName: 'default-scheduler',
    plugins: [
      { name: 'NodeUnschedulable' },
      { name: 'NodeName' },
      { name: 'TaintToleration', weight: 3 },
      { name: 'NodeAffinity', weight: 2 },
      { name: 'NodePorts' },
      { name: 'NodeResourcesFit', weight: 1 },
      { name: 'VolumeRestrictions' },
      { name: 'NodeVolumeLimits' },
      // MultiPoint without a weight: a score plugin gets weight 1 (its PreScore skips, see the plugin).
      { name: 'VolumeBinding', weight: 1 },
      { name: 'VolumeZone' },
      { name: 'PodTopologySpread', weight: 2 },
      { name: 'InterPodAffinity', weight: 2 },
      { name: 'NodeResourcesBalancedAllocation', weight: 1 },
      { name: 'ImageLocality', weight: 1 },
    ],
    pluginArgs: {},
  };
}
