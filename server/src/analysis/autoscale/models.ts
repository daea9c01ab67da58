// The autoscaler models analysis runs (engine/autoscaler/, through the engine's façade); tests may pass others.

import { clusterAutoscalerScaleUp, karpenterProvision, type ClusterAutoscalerScaleUp, type KarpenterProvision } from '../../engine';

/** The two models' entry points. */
export interface AutoscalerModels {
  clusterAutoscaler: ClusterAutoscalerScaleUp;
  karpenter: KarpenterProvision;
}

export const MODELS: AutoscalerModels = { clusterAutoscaler: clusterAutoscalerScaleUp, karpenter: karpenterProvision };
