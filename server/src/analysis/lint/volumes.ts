// Volumes are modelled (docs/volumes.md): claims, PersistentVolumes and the four volume filters decide
// placement in every simulation. What is still not modelled is NodeVolumeLimits' counting of in-tree
// volumes written inline in the pod: upstream (nodevolumelimits/csi.go checkAttachableInlineVolume)
// translates an inline volume of a plugin migrated to CSI into its CSI driver and counts it against the
// driver's attach limit on the node; kube-spread ignores it (docs/deviations.md V5). One note per
// workload, on the first such volume, so a simulation that fills a node past its limit is not trusted blindly.

import type { Finding } from '../../base/finding';
import { isObj } from '../../validation/api-input';
import { finding, type LintInput } from './input';

/** In-tree volume sources that are attachable and migrated to CSI, and their driver (csi-translation-lib). */
const MIGRATED: Record<string, string> = {
  awsElasticBlockStore: 'ebs.csi.aws.com',
  gcePersistentDisk: 'pd.csi.storage.gke.io',
  azureDisk: 'disk.csi.azure.com',
  cinder: 'cinder.csi.openstack.org',
  vsphereVolume: 'csi.vsphere.vmware.com',
};

export function volumeRules(input: LintInput): Finding[] {
  const volumes = Array.isArray(input.spec.volumes) ? input.spec.volumes : [];
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i];
    if (!isObj(v)) continue;
    const source = Object.keys(MIGRATED).find((k) => isObj(v[k]));
    if (!source) continue;
    return [finding(input, 'lint/volumes-not-modelled', 'information',
      `Not modelled: the inline ${source} volume counts against the ${MIGRATED[source]} CSI driver's attach limit on the node ` +
      '(NodeVolumeLimits, through CSI migration); kube-spread does not count inline in-tree volumes, so it may place this pod on a node ' +
      'the scheduler rejects with "node(s) exceed max volume count". Claims (persistentVolumeClaim, ephemeral, volumeClaimTemplates) are modelled',
      [...input.workload.podSpecPath, 'volumes', i, source], 'key')];
  }
  return [];
}
