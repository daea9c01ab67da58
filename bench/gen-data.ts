// Writes the generated inputs the scenario processes read: the 5,000-node / 150,000-pod cluster as
// JSON (kubectl List) and YAML; with `--big`, also the 15,000-node / 450,000-pod cluster as JSON
// (cluster-15000.json); with `--check-files N`, N small manifests in check-files/ (check throughput).
// Usage: node gen-data.js DIR [--no-5000] [--big] [--check-files N]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bigCluster, checkFile, toJson, toYaml } from './gen';
import { argValue } from './lib';

const dir = process.argv[2];
if (!process.argv.includes('--no-5000')) {
  const c = bigCluster();
  writeFileSync(join(dir, 'cluster-5000.json'), toJson(c));
  writeFileSync(join(dir, 'cluster-5000.yaml'), toYaml(c));
}
if (process.argv.includes('--big')) writeFileSync(join(dir, 'cluster-15000.json'), toJson(bigCluster(15000, 450000, 15000)));
const files = Number(argValue('--check-files') ?? 0);
if (files > 0) {
  mkdirSync(join(dir, 'check-files'), { recursive: true });
  for (let i = 0; i < files; i++) writeFileSync(join(dir, 'check-files', `app-${String(i).padStart(3, '0')}.yaml`), checkFile(i));
}
