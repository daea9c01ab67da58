// Which manifest the Audit Cluster view links a workload to (analysis/audit/manifests.ts).

import assert from 'node:assert/strict';
import { matchAuditManifests } from '../../../server/src/analysis';

const doc = (kind: string, name: string, namespace?: string) =>
  `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec: {}\n`;
const web = { kind: 'Deployment', namespace: 'shop', name: 'web' };

describe('audit: matching workloads with manifests', () => {
  it('namespace/kind/name; a stated namespace wins over a manifest without one, whatever the file order', () => {
    const m = matchAuditManifests([web], [
      { file: 'a.yaml', text: doc('Deployment', 'web') },
      { file: 'b.yaml', text: `${doc('ConfigMap', 'web', 'shop')}---\n${doc('Deployment', 'web', 'staging')}---\n${doc('Deployment', 'web', 'shop')}` },
    ]);
    assert.deepEqual(m['shop/Deployment/web'], { file: 'b.yaml', document: 2, line: 14, character: 0 });
  });

  it('a manifest without namespace matches in any namespace; the first file wins; another kind never matches', () => {
    const files = [{ file: 'x.yaml', text: doc('StatefulSet', 'web') }, { file: 'y.yaml', text: doc('Deployment', 'web') }, { file: 'z.yaml', text: doc('Deployment', 'web') }];
    assert.equal(matchAuditManifests([web], files)['shop/Deployment/web'].file, 'y.yaml');
    assert.deepEqual(matchAuditManifests([{ ...web, kind: 'DaemonSet' }], files), {});
  });

  it('skips Helm templates, unparsable text and files over the size limit without throwing', () => {
    const m = matchAuditManifests([web], [
      { file: 't.yaml', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.name }}\n  namespace: shop\n' },
      { file: 'bad.yaml', text: 'kind: [unclosed\n' },
      { file: 'big.yaml', text: `${doc('Deployment', 'web', 'shop')}#${'x'.repeat(1_000_001)}` },
    ]);
    assert.deepEqual(m, {});
  });
});
