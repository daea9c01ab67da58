// The Node.js version README promises is the one package.json's `engines` declares, and every
// package in package-lock.json (dev dependencies included: `npm ci` installs them) accepts it, so
// `npm ci` on the oldest supported Node prints no EBADENGINE warning. Bumping a dependency to a
// release that needs a newer Node fails here, before it fails on a user's machine.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { acceptsVersion } from './nodeRange';

const ROOT = resolve(__dirname, '../..');
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

interface PackageJson {
  engines: { node: string };
}
interface PackageLock {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
}

describe('docs: the Node.js version README states', () => {
  const engines = (readJson('package.json') as PackageJson).engines.node;
  const minimum = /^>=(\d+\.\d+)$/.exec(engines)?.[1];

  it('is package.json engines.node', () => {
    assert.ok(minimum, `engines.node should be ">=MAJOR.MINOR", is ${engines}`);
    assert.match(readFileSync(join(ROOT, 'README.md'), 'utf8'), new RegExp(`Node\\.js ${minimum.replace('.', '\\.')} or newer`));
  });

  it('is accepted by the engines of every locked package', () => {
    const lock = readJson('package-lock.json') as PackageLock;
    const refusing = Object.entries(lock.packages).flatMap(([path, p]) => {
      const node = p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
      return node && !acceptsVersion(node, `${minimum}.0`) ? [`${path.replace(/^.*node_modules\//, '')}@${p.version}: node ${node}`] : [];
    });
    assert.deepEqual(refusing, [], `these need a newer Node than ${minimum}: pin an older release`);
  });
});

describe('docs: engines ranges as npm reads them', () => {
  const cases: Array<[string, string, boolean]> = [
    ['>=20.19', '20.19.0', true],
    ['>=22', '20.19.0', false],
    ['>=22.13.0', '20.20.2', false],
    ['>= 20.19.0', '20.19.0', true],
    ['^20.19.0 || >=22.12.0', '20.19.0', true],
    ['^20.19.0 || >=22.12.0', '21.0.0', false],
    ['^20.12||^22.13||>=24.0', '20.19.0', true],
    ['18 || 20 || >=22', '20.19.0', true],
    ['18 || 20 || >=22', '21.1.0', false],
    ['>=16 || 14 >=14.17', '14.16.0', false],
    ['4.x || >=6.0.0', '5.1.0', false],
    ['>=0.6.11 <=0.7.0 || >=0.7.3', '0.7.1', false],
    ['~1.2.3', '1.3.0', false],
    ['^0.2.3', '0.2.9', true],
    ['^0.2.3', '0.3.0', false],
    ['>1.2', '1.2.9', false],
    ['*', '20.19.0', true],
  ];
  for (const [range, version, ok] of cases) {
    it(`${range} ${ok ? 'accepts' : 'refuses'} ${version}`, () => assert.equal(acceptsVersion(range, version), ok));
  }
});
