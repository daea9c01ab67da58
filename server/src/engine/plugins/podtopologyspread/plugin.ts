// PLACEHOLDER: being implemented.
import type { PluginFactory } from '../../framework';

export const PodTopologySpread: PluginFactory = () => ({ name: 'PodTopologySpread' });
