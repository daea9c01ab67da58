// The project file's `releases` (analysis/project/releaseGroups.ts): which files form the release of a
// file, for folders, files, globs and lists of them, relative to the project file.

import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProjectFile } from '../../../server/src/analysis/project/projectFile';
import { releaseFilesFor } from '../../../server/src/analysis/project/releaseGroups';

describe('project file: releases (releaseFilesFor)', () => {
  let root = '';
  const at = (...p: string[]) => join(root, ...p);
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'kube-spread-releases-'));
    for (const f of ['shop/b.yaml', 'shop/a.yml', 'shop/sub/c.json', 'shop/notes.txt', 'shop/.hidden.yaml', 'pay/x.yaml', 'pay/hpa/y.yaml', 'other.yaml']) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), 'kind: ConfigMap\n');
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const project = (text: string) => parseProjectFile(text, at('.kube-spread.yaml')).config!;

  it('a folder: every manifest under it, by path; dot-files and other extensions left out', () => {
    const p = project('releases:\n  - shop\n');
    const want = [at('shop/a.yml'), at('shop/b.yaml'), at('shop/sub/c.json')];
    assert.deepEqual(releaseFilesFor(p, at('shop/b.yaml')), want);
    assert.deepEqual(releaseFilesFor(p, at('shop/sub/c.json')), want);
    assert.equal(releaseFilesFor(p, at('other.yaml')), undefined);
  });

  it('globs (*, **) and a list of entries forming one release; the first entry naming the file wins', () => {
    const p = project('releases:\n  - [pay/*.yaml, other.yaml]\n  - "pay/**/*.yaml"\n');
    assert.deepEqual(releaseFilesFor(p, at('pay/x.yaml')), [at('other.yaml'), at('pay/x.yaml')]);
    assert.deepEqual(releaseFilesFor(p, at('pay/hpa/y.yaml')), [at('pay/hpa/y.yaml'), at('pay/x.yaml')]);
    assert.equal(releaseFilesFor(p, at('shop/a.yml')), undefined);
  });

  it('no releases in the project file, or none: undefined', () => {
    assert.equal(releaseFilesFor(project('failOn: warning\n'), at('shop/a.yml')), undefined);
    assert.equal(releaseFilesFor(undefined, at('shop/a.yml')), undefined);
  });
});
