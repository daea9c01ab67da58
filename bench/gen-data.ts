// Writes the generated inputs the scenario processes read: the 5,000-node / 150,000-pod cluster as
// JSON (kubectl List) and YAML. Usage: node gen-data.js DIR
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bigCluster, toJson, toYaml } from './gen';

const dir = process.argv[2];
const c = bigCluster();
writeFileSync(join(dir, 'cluster-5000.json'), toJson(c));
writeFileSync(join(dir, 'cluster-5000.yaml'), toYaml(c));
