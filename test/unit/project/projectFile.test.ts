// The project file (analysis/project/projectFile.ts): what a valid one gives, every problem at its
// line and column (errors refuse the file, unknown codes only warn), discovery walking up, and the
// cache that reads a changed file again.

import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findProjectFile, formatProjectProblem, parseProjectFile, PROJECT_FILE_NAME, ProjectFiles, readProjectFile, type LoadedProject,
} from '../../../server/src/analysis';
import schema from '../../../schemas/project.schema.json';

const FILE = '/repo/.kube-spread.yaml';

/** file:line:col: message (1-based), severity first. */
const problems = (l: LoadedProject) => l.problems.map((p) => `${p.severity} ${formatProjectProblem(p)}`);

describe('project file: reading', () => {
  it('a complete file: rules as written, cluster paths resolved against its folder', () => {
    const l = parseProjectFile(`# kube-spread settings
disable: [lint/no-constraints, spread/*]
severity:
  lint/*: warning
  lint/selector-missing: error
cluster: clusters/prod.yaml
kubernetesVersion: "1.31"
failOn: warning
`, FILE);
    assert.deepEqual(l.problems, []);
    assert.deepEqual(l.config, {
      file: FILE, disable: ['lint/no-constraints', 'spread/*'], severity: { 'lint/*': 'warning', 'lint/selector-missing': 'error' },
      cluster: ['/repo/clusters/prod.yaml'], kubernetesVersion: '1.31', failOn: 'warning',
    });
    assert.deepEqual(parseProjectFile('cluster: [../a.yaml, /abs/b]\n', FILE).config?.cluster, ['/a.yaml', '/abs/b']);
  });

  it('an empty file, or one of comments only, changes nothing', () => {
    for (const text of ['', '# nothing yet\n', '---\n']) assert.deepEqual(parseProjectFile(text, FILE), { file: FILE, problems: [], config: { file: FILE, disable: [], severity: {} } }, JSON.stringify(text));
  });

  it('errors name the field at its line and column, and refuse the whole file', () => {
    const l = parseProjectFile(`disable: [lint/no-constraints, "*", Lint/X]
severity:
  lint/*: warn
  bad code: error
clusters: a.yaml
kubernetesVersion: 1.30
failOn: fatal
`, FILE);
    assert.equal(l.config, undefined);
    assert.deepEqual(problems(l).sort(), [
      `error ${FILE}:1:32: disable[1]: "*" is not accepted: name codes, or a whole group as lint/* (groups: yaml, schema, api, lint, spread)`,
      `error ${FILE}:1:37: disable[2]: "Lint/X" is not a finding code (codes look like lint/selector-missing, groups like lint/*)`,
      `error ${FILE}:3:11: severity.lint/*: must be one of error, warning, information, hint (got "warn")`,
      `error ${FILE}:4:3: severity: "bad code" is not a finding code (codes look like lint/selector-missing, groups like lint/*)`,
      `error ${FILE}:5:1: unknown field "clusters" (fields: disable, severity, cluster, kubernetesVersion, failOn, audit, releases)`,
      `error ${FILE}:6:20: kubernetesVersion: must be a quoted string such as "1.31" (unquoted, 1.3 is a number: 1.30 would be 1.3)`,
      `error ${FILE}:7:9: failOn: must be one of error, warning, information, hint (got "fatal")`,
    ].sort());
  });

  it('a version kube-spread does not model, a cluster that is not a path', () => {
    assert.match(problems(parseProjectFile('kubernetesVersion: "1.12"\n', FILE))[0], /:1:20: kubernetesVersion: "1.12" is not a supported version/);
    assert.deepEqual(problems(parseProjectFile('cluster: {path: a}\n', FILE)), [`error ${FILE}:1:10: cluster: must be a path or a list of paths (got a mapping)`]);
    assert.deepEqual(problems(parseProjectFile('cluster: []\n', FILE)), [`error ${FILE}:1:10: cluster: must be a path or a list of paths (got a list)`]);
  });

  it('an unknown code is a warning (a newer kube-spread may know it): the file is still used', () => {
    const l = parseProjectFile('disable: [lint/selectr-missing]\nseverity: {nope/x: hint}\n', FILE);
    assert.deepEqual(problems(l), [
      `warning ${FILE}:1:11: disable[0]: "lint/selectr-missing" is not a kube-spread finding code (did you mean lint/selector-missing?)`,
      `warning ${FILE}:2:12: severity: "nope/x": unknown group "nope" (groups: yaml, schema, api, lint, spread)`,
    ]);
    assert.deepEqual(l.config?.disable, ['lint/selectr-missing']);
  });

  it('YAML errors, several documents and a non-mapping are errors', () => {
    assert.match(problems(parseProjectFile('disable: [lint/x\n', FILE))[0], /^error \/repo\/.kube-spread.yaml:\d+:\d+: /);
    assert.deepEqual(problems(parseProjectFile('failOn: error\n---\nfailOn: hint\n', FILE)), [`error ${FILE}:2:1: a project file is one YAML document (remove the ---)`]);
    assert.deepEqual(problems(parseProjectFile('- lint/x\n', FILE)), [`error ${FILE}:1:1: must be a mapping of settings (disable, severity, cluster, kubernetesVersion, failOn, releases, audit), got a list`]);
  });

  it('a file that cannot be read is one error', () => {
    assert.deepEqual(problems(readProjectFile('/nonexistent/.kube-spread.yaml')), ['error /nonexistent/.kube-spread.yaml:1:1: cannot read the project file: no such file']);
  });

  it('the schema lists exactly the fields the reader understands', () => {
    assert.deepEqual(Object.keys(schema.properties).sort(), ['audit', 'cluster', 'disable', 'failOn', 'kubernetesVersion', 'releases', 'severity']);
  });
});

describe('project file: discovery and cache', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kube-spread-project-'));
    mkdirSync(join(root, 'a/b/c'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('the nearest file walking up wins; stopAt bounds the walk', () => {
    writeFileSync(join(root, PROJECT_FILE_NAME), 'failOn: hint\n');
    writeFileSync(join(root, 'a', PROJECT_FILE_NAME), 'failOn: warning\n');
    assert.equal(findProjectFile(join(root, 'a/b/c')), join(root, 'a', PROJECT_FILE_NAME));
    assert.equal(findProjectFile(root), join(root, PROJECT_FILE_NAME));
    rmSync(join(root, 'a', PROJECT_FILE_NAME));
    assert.equal(findProjectFile(join(root, 'a/b/c')), join(root, PROJECT_FILE_NAME));
    assert.equal(findProjectFile(join(root, 'a/b/c'), join(root, 'a')), undefined);
  });

  it('a directory with the name is not a project file', () => {
    mkdirSync(join(root, 'a', PROJECT_FILE_NAME));
    assert.equal(findProjectFile(join(root, 'a/b')), undefined);
  });

  it('ProjectFiles reads a file again only when it changed', () => {
    const file = join(root, PROJECT_FILE_NAME);
    writeFileSync(file, 'failOn: hint\n');
    const files = new ProjectFiles();
    const first = files.forFolder(join(root, 'a/b'));
    assert.equal(first?.config?.failOn, 'hint');
    assert.equal(files.forFolder(join(root, 'a')), first, 'unchanged: the same object');
    writeFileSync(file, 'failOn: warning   # longer, so the size changes too\n');
    assert.equal(files.forFolder(join(root, 'a'))?.config?.failOn, 'warning');
    rmSync(file);
    assert.equal(files.forFolder(join(root, 'a')), undefined);
  });
});
