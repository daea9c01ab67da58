// PLACEHOLDER: being implemented (see the plugin's upstream package). Not registered as done.
import type { PluginFactory } from '../../framework';

export const NodeResourcesBalancedAllocation: PluginFactory = () => ({ name: 'NodeResourcesBalancedAllocation' });
