// Karpenter's provisioning scheduler (kubernetes-sigs/karpenter, pkg/controllers/provisioning/scheduling).
// Work in progress: the full model replaces this stub.
import type { KarpenterProvision } from '../types';

export const karpenterProvision: KarpenterProvision = (_cluster, pending) => ({
  newNodes: [], scaleUps: [], notTriggered: pending.map((pod) => ({ pod, reason: 'not modelled yet' })),
  intended: new Map(), ties: [],
});
