import { strict as assert } from 'node:assert';
import { duplicatedByYamlExtension } from '../../../client/src/yamlOverlap';

describe('client: findings Red Hat YAML already shows are not shown twice', () => {
  const codes = ['yaml/syntax', 'yaml/duplicate-key', 'yaml/helm-template', 'schema/type', 'schema/unknown-field', 'api/maxSkew-positive', 'lint/selector-not-self', 'spread/pending'];
  const table: [string, Parameters<typeof duplicatedByYamlExtension>[0], string[]][] = [
    ['not installed: nothing dropped', { installed: false, validate: undefined, schemas: { kubernetes: '*.yaml' } }, []],
    ['installed, validation off: nothing dropped', { installed: true, validate: false, schemas: { kubernetes: '*.yaml' } }, []],
    ['installed, no Kubernetes schema: syntax only', { installed: true, validate: undefined, schemas: {} }, ['yaml/syntax', 'yaml/duplicate-key']],
    ['installed with the built-in kubernetes schema: syntax and schema', { installed: true, validate: true, schemas: { kubernetes: ['k8s/*.yaml'] } }, ['yaml/syntax', 'yaml/duplicate-key', 'schema/type', 'schema/unknown-field']],
    ['installed with a kubernetes-json-schema URL', { installed: true, validate: true, schemas: { 'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.30.0-standalone-strict/all.json': '*.yaml' } }, ['yaml/syntax', 'yaml/duplicate-key', 'schema/type', 'schema/unknown-field']],
    ['a malformed yaml.schemas setting is ignored', { installed: true, validate: true, schemas: 'kubernetes' }, ['yaml/syntax', 'yaml/duplicate-key']],
  ];
  for (const [name, state, dropped] of table) {
    it(name, () => {
      const dup = duplicatedByYamlExtension(state);
      assert.deepEqual(codes.filter(dup), dropped);
    });
  }
});
