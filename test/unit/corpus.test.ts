// The real-world corpus (../shared/corpus/real-world, see INDEX.md there) through the whole check
// pipeline (checkText with the embedded sample cluster): the exact finding codes per file, in
// output order. Every finding below was reviewed against its file; the comment says why it is
// genuine. A change here means a rule changed what it reports on real manifests: review it again.

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkText } from '../../server/src/analysis/check';
import { makeContext } from '../../server/src/analysis/context';
import { loadEmbeddedSample } from '../../server/src/fixture';
import { sharedDir, sharedSuite } from '../sharedDir';

const CORPUS = sharedDir('corpus/real-world');

const EXPECTED: Record<string, string[]> = {
  // hard constraint on the custom key "zone", which no sample node carries
  'ContainerSolutions__kubernetes-examples__Pod-topology-spread-constraints-with-node-affinity.yaml': ['spread/pending'],
  // same: "zone" is a custom key the sample lacks
  'ContainerSolutions__kubernetes-examples__Pod-topology-spread-constraints.yaml': ['spread/pending'],
  // topologySpreadConstraints: [] on 1 replica: nothing to say
  'FairwindsOps__polaris__test-checks-topologySpreadConstraint-failure.empty.yaml': [],
  // selector app=foo, template labels app.kubernetes.io/*: counts none of its own pods
  'FairwindsOps__polaris__test-checks-topologySpreadConstraint-success.yaml': ['lint/selector-not-self'],
  // StatefulSet with volumeClaimTemplates of storageClassName fast-storageclass, which the sample lacks:
  // the claims never bind ("pod has unbound immediate PersistentVolumeClaims"; volumes are modelled)
  'GoogleCloudPlatform__kubernetes-engine-samples__gke-stateful-mysql-c1-mysql.yaml': ['spread/unschedulable'],
  // same
  'GoogleCloudPlatform__kubernetes-engine-samples__gke-stateful-mysql-c2-mysql.yaml': ['spread/unschedulable'],
  // Strimzi Kafka: constraints under spec.kafka/zookeeper.template.pod, validated (valid) but not simulated
  'GoogleCloudPlatform__kubernetes-engine-samples__kafka-strimzi-01-basic-cluster-my-cluster.yaml': ['yaml/custom-workload'],
  // Deployment without matchLabelKeys [pod-template-hash]
  'GoogleCloudPlatform__kubernetes-engine-samples__whereami-k8s-deployment.yaml': ['lint/matchLabelKeys-pod-template-hash'],
  // same
  'GoogleCloudPlatform__kubernetes-engine-samples__whereami-k8s-grpc-deployment.yaml': ['lint/matchLabelKeys-pod-template-hash'],
  // Prometheus operator CR: spec.topologySpreadConstraints, validated (valid) but not simulated
  'argoproj__argo-cd__resource_customizations-Prometheus-testdata-healthy.yaml': ['yaml/custom-workload'],
  'aws-ia__terraform-aws-eks-blueprints__patterns-wireguard-with-cilium-example.yaml': [],
  // kustomize patch, not checked
  'aws-samples__eks-workshop-v2__resiliency-high-availability-scale_and_affinity_patch.yaml': ['yaml/patch'],
  // nodeSelector on Karpenter pool labels the sample lacks (no finding on the sample); 2 constraints without pod-template-hash
  'aws-samples__karpenter-blueprints__disruption-budgets-workload.yaml': ['lint/matchLabelKeys-pod-template-hash', 'lint/matchLabelKeys-pod-template-hash'],
  // same
  'aws-samples__karpenter-blueprints__ha-az-nodes-workload.yaml': ['lint/matchLabelKeys-pod-template-hash', 'lint/matchLabelKeys-pod-template-hash'],
  // same, 1 constraint
  'aws-samples__karpenter-blueprints__od-spot-split-workload.yaml': ['lint/matchLabelKeys-pod-template-hash'],
  // 50 replicas, hostname maxSkew 2: the tainted db nodes pin the minimum, 38 Pending (spread/pending, so no tainted-domains finding)
  'aws__karpenter-provider-aws__examples-workloads-spread-hostname-zone.yaml': ['lint/matchLabelKeys-pod-template-hash', 'spread/pending', 'lint/matchLabelKeys-pod-template-hash'],
  // 10 replicas fit under the cap of 14 the tainted nodes impose: latent
  'aws__karpenter-provider-aws__examples-workloads-spread-hostname.yaml': ['lint/matchLabelKeys-pod-template-hash', 'spread/tainted-domains-pin-minimum'],
  // pod-template-hash hint only
  'aws__karpenter-provider-aws__examples-workloads-spread-zone.yaml': ['lint/matchLabelKeys-pod-template-hash'],
  // DaemonSet with a hard constraint, selector app=foo not its labels, pod-template-hash never on DaemonSet pods
  'envoyproxy__gateway__proxy-testdata-daemonsets-with-topology-spread-constraints.yaml': ['lint/daemonset-constraints', 'lint/selector-not-self', 'lint/matchLabelKeys-absent'],
  // selector app=foo is not the template's labels
  'envoyproxy__gateway__proxy-testdata-deployments-with-topology-spread-constraints.yaml': ['lint/selector-not-self'],
  // same
  'envoyproxy__gateway__ratelimit-testdata-deployments-with-topology-spread-constraints.yaml': ['lint/selector-not-self'],
  // selector app=envoyproxy on a gateway-helm template (2 constraints); nodeSelector the sample cannot satisfy
  'envoyproxy__gateway__test-helm-gateway-helm-deployment-custom-topology.out.yaml': ['lint/selector-not-self', 'lint/selector-not-self'],
  // pod-template-hash hint
  'kubernetes-sigs__kwok__docs-examples-pod-topology-spread-constraint-deployment.yaml': ['lint/matchLabelKeys-pod-template-hash'],
  // control-plane nodeSelector (sample has none); replicas: 1, so no pod-template-hash hint
  'kubernetes__kops__cluster-autoscaler-priority-expander-cluster-autoscaler.addons.k8s.io-k8s-1.15_content.yaml': [],
  // hostname DoNotSchedule, 2 replicas, tainted db nodes pin the minimum (latent)
  'kubernetes__kops__irsa-eks-pod-identity-webhook.addons.k8s.io-k8s-1.16_content.yaml': ['lint/matchLabelKeys-pod-template-hash', 'lint/matchLabelKeys-pod-template-hash', 'spread/tainted-domains-pin-minimum'],
  // control-plane nodeSelector; replicas: 1, so no hint
  'kubernetes__kops__karpenter-karpenter.sh-k8s-1.19_content.yaml': [],
  // nodeSelector the sample cannot satisfy; replicas: 1, so no hint
  'kubernetes__kops__many-addons-aws-ebs-csi-driver.addons.k8s.io-k8s-1.17_content.yaml': [],
  // nodeTaintsPolicy: Honor already set, so no tainted-domains finding; 2 hints
  'kubernetes__kops__many-addons-coredns.addons.k8s.io-k8s-1.12_content.yaml': ['lint/matchLabelKeys-pod-template-hash', 'lint/matchLabelKeys-pod-template-hash'],
  // hostname DoNotSchedule with the default nodeTaintsPolicy (latent pinning)
  'kubernetes__kops__many-addons-metrics-server.addons.k8s.io-k8s-1.11_content.yaml': ['lint/matchLabelKeys-pod-template-hash', 'lint/matchLabelKeys-pod-template-hash', 'spread/tainted-domains-pin-minimum'],
  // control-plane nodeSelector; replicas: 1, so no hint
  'kubernetes__kops__many-addons-node-termination-handler.aws-k8s-1.11_content.yaml': [],
  // two Deployments, each: 2 hints + latent pinning
  'kubernetes__kops__many-addons-snapshot-controller.addons.k8s.io-k8s-1.20_content.yaml': ['lint/matchLabelKeys-pod-template-hash', 'lint/matchLabelKeys-pod-template-hash', 'spread/tainted-domains-pin-minimum', 'lint/matchLabelKeys-pod-template-hash', 'lint/matchLabelKeys-pod-template-hash', 'spread/tainted-domains-pin-minimum'],
  // control-plane nodeSelector; replicas: 1, so no hint
  'kubernetes__kops__minimal_azure-azure-cloud-controller.addons.k8s.io-k8s-1.31_source.yaml': [],
  // capitalised NodeAffinityPolicy / NodeTaintsPolicy
  'kubernetes__kubernetes__scheduler_perf-templates-pod-with-node-inclusion-policy.yaml': ['schema/unknown-field', 'schema/unknown-field'],
  'kubernetes__kubernetes__scheduler_perf-templates-pod-with-preferred-topology-spreading.yaml': [],
  'kubernetes__kubernetes__scheduler_perf-templates-pod-with-topology-spreading.yaml': [],
  // custom key "zone" the sample lacks
  'kubernetes__website__examples-pods-topology-spread-constraints-one-constraint-with-nodeaffinity.yaml': ['spread/pending'],
  // same
  'kubernetes__website__examples-pods-topology-spread-constraints-one-constraint.d82c28e.yaml': ['spread/pending'],
  // same
  'kubernetes__website__examples-pods-topology-spread-constraints-one-constraint.yaml': ['spread/pending'],
  // same (the first failing constraint is reported)
  'kubernetes__website__examples-pods-topology-spread-constraints-two-constraints.yaml': ['spread/pending'],
  // deployment03: soft key "blah" on no node; selector foo=bar not its labels
  'kyverno__policies__spread-pods-across-topology-deploy.yaml': ['spread/topology-key-missing', 'lint/selector-not-self'],
  // hard key "zone" on no sample node; selector distributed=required is only on the Deployment metadata
  'kyverno__policies__spread-pods-across-topology-deploy01-patched.yaml': ['spread/pending', 'lint/selector-not-self'],
  // soft key foo.bar/test on no node (disables the other soft constraint too); hints; baddeploy03 has 3 replicas and no constraints.
  // A release (docs/release.md): the three Deployments share app=busybox, so each one's constraints count the
  // others' pods: baddeploy01's zone skew crosses maxSkew depending on which is created first
  // (release-order-sensitive), baddeploy02's hostname constraint ends at skew 4 (soft-skew-exceeded)
  'kyverno__policies__topologyspreadconstraints-policy-podcontrollers-bad.yaml': ['spread/release-order-sensitive', 'spread/topology-key-missing', 'lint/matchLabelKeys-pod-template-hash', 'lint/matchLabelKeys-pod-template-hash', 'spread/topology-key-missing', 'lint/matchLabelKeys-pod-template-hash', 'spread/soft-skew-exceeded', 'lint/matchLabelKeys-pod-template-hash', 'lint/no-constraints'],
  // soft foo.bar/test on no node; hints (none for gooddeploy02, replicas: 1). A release: the Deployments share
  // app=busybox, so their hostname constraints count each other's pods (soft-skew-exceeded on both), and
  // gooddeploy01's zone skew crosses maxSkew with the creation order (release-order-sensitive)
  'kyverno__policies__topologyspreadconstraints-policy-podcontrollers-good.yaml': ['spread/release-order-sensitive', 'spread/topology-key-missing', 'lint/matchLabelKeys-pod-template-hash', 'spread/soft-skew-exceeded', 'lint/matchLabelKeys-pod-template-hash', 'lint/matchLabelKeys-pod-template-hash', 'spread/topology-key-missing', 'spread/soft-skew-exceeded'],
  // soft foo.bar/test on no node
  'kyverno__policies__topologyspreadconstraints-policy-resource-fail1.yaml': ['spread/topology-key-missing'],
  // same
  'kyverno__policies__topologyspreadconstraints-policy-resource-fail2.yaml': ['spread/topology-key-missing'],
  // same
  'kyverno__policies__topologyspreadconstraints-policy-resource-pass.yaml': ['spread/topology-key-missing'],
  // same
  'kyverno__policies__topologyspreadconstraints-policy-resource-skip.yaml': ['spread/topology-key-missing'],
  // CephCluster: constraints under storageClassDeviceSets[].placement, validated (valid) but not simulated
  'rook__rook__deploy-examples-cluster-on-pvc.yaml': ['yaml/custom-workload'],
};

describe('real-world corpus: finding codes per file (embedded sample cluster)', function () {
  this.timeout(120_000);
  if (!sharedSuite('corpus/real-world')) return;
  const ctx = makeContext(loadEmbeddedSample());
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.yaml')).sort();

  it('covers every corpus file', () => {
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
  });

  for (const file of files) {
    it(file, () => {
      const r = checkText(readFileSync(resolve(CORPUS, file), 'utf8'), ctx, { fileName: file });
      assert.deepEqual(r.findings.map((f) => f.code), EXPECTED[file]);
      for (const f of r.findings) {
        if (f.code.startsWith('spread/')) {
          assert.notEqual(f.severity, 'error', `${f.code} on the sample is at most a warning`);
          assert.match(f.message, /embedded sample/);
        }
      }
    });
  }
});
